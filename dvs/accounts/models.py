from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import BaseLogEntry, BaseLogEntryManager

from dvs.units.models import Organisation, Unit

from .roles import Role


class User(AbstractUser):
    """The platform's user; roles come from RoleAssignment rows, not from this table."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("user")

    def __str__(self):
        return self.full_name or self.get_full_name() or self.username

    def get_full_name(self):
        return self.full_name or super().get_full_name()


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(starts_on__isnull=True) | Q(starts_on__lte=on)).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=on)
        )


class RoleAssignment(models.Model):
    """A role held by a user over a unit's subtree, optionally one organisation only."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="role_assignments", verbose_name=_("unit")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("organisation"),
        help_text=_("Leave empty if the role covers every organisation of the unit."),
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignment")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit", "organisation"],
                name="unique_role_assignment",
                violation_error_message=_("This user already holds this role in this unit."),
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.unit}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date must be after the start date.")})
        if self.organisation_id and self.unit_id:
            if not self.organisation.unit.path.startswith(self.unit.path):
                raise ValidationError(
                    {"organisation": _("The organisation must belong to the assigned unit.")}
                )


class AuditEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        from .scope import unit_path_of

        kwargs.update(object_id=str(instance.pk), unit_path=unit_path_of(instance) or "")
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
        )

    def viewable_by_user(self, user):
        """Leaders see the audit trail of their subtree; administrators see all of it."""
        from .scope import audit_paths

        paths = audit_paths(user)
        if paths is None:
            return self.all()
        if not paths:
            return self.none()
        condition = Q()
        for path in paths:
            condition |= Q(unit_path__startswith=path)
        return self.filter(condition).exclude(unit_path="")


class AuditEntry(BaseLogEntry):
    """Who created, changed, deleted or revealed what, and when, with the unit it belongs to.

    Wagtail writes these for every model registered in the scope registry (create, edit,
    delete from the back office), and the platform writes them for reads of protected
    fields; `unit_path` lets leaders see exactly their subtree's trail.
    """

    object_id = models.CharField(max_length=255, db_index=True)
    unit_path = models.CharField(max_length=255, blank=True, db_index=True)

    objects = AuditEntryManager()

    class Meta(BaseLogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entry")
        ordering = ["-timestamp", "-id"]
