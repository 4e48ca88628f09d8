"""The scope rules of the models this app reads (units, organisations, terms, role
assignments), and the models deliberately left unscoped. The audit trail is written by
Wagtail's log registry (`AuditEntryManager.log_action`), not here."""

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
