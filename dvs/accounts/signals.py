"""Register every scoped model with the audit log, and the scope rules of this app."""

from dvs.units.models import Organisation, Term, Unit, UnitChange

from . import scope
from .models import AuditEntry, RoleAssignment

scope.register(Unit, unit=None)
scope.register(Organisation, organisation="self")
scope.register(Term, unit="organisation__unit", organisation="organisation")
scope.register(RoleAssignment, organisation="organisation")

# Models that are deliberately not scoped by unit, and why (the scope-matrix test reads this).
UNSCOPED = {
    AuditEntry: "scoped by its own unit_path, see AuditEntryManager.viewable_by_user",
    UnitChange: "a merge or split spans units; read by all staff, written by administrators",
}
