"""Deadline reminders: the handler before a deadline, the unit's leaders once it passed.
In-app (the "My reminders" screen and the dashboard) and by e-mail where configured.
Notifications carry the tracking code and the kind only: never a petitioner's name."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from dvs.accounts.models import RoleAssignment
from dvs.accounts.roles import Role
from dvs.scheduler import every

from . import deadlines
from .models import Case, Reminder, Status


def _leaders(case):
    path, step = case.unit.path, type(case.unit).steplen
    ancestors = [path[:end] for end in range(step, len(path) + 1, step)]
    return {
        assignment.user
        for assignment in RoleAssignment.objects.active()
        .filter(role=Role.BOARD_LEADER, unit__path__in=ancestors, user__is_active=True)
        .select_related("user")
    }


def _remind(case, user, kind, due):
    try:
        with transaction.atomic():
            Reminder.objects.create(case=case, user=user, kind=kind, due=due)
    except IntegrityError:
        return False  # already reminded of this deadline
    if user.email and settings.EMAIL_HOST:
        subject = (
            _("Case %(code)s: deadline approaching (%(due)s)")
            if kind == Reminder.Kind.DUE_SOON
            else _("Case %(code)s: deadline passed (%(due)s)")
        ) % {"code": case.code, "due": due.strftime("%d/%m/%Y")}
        send_mail(subject, subject, None, [user.email], fail_silently=True)
    return True


def send_reminders(today=None):
    """One pass over the open cases; returns the number of reminders sent."""
    today = today or timezone.localdate()
    sent = 0
    open_cases = Case.objects.filter(status__in=(Status.RECEIVED, Status.ACCEPTED))
    for case in open_cases.select_related("unit", "handler").iterator():
        due = case.due
        if due is None:
            continue
        state, _days = deadlines.state(due, today)
        if state == deadlines.DUE_SOON and case.handler:
            sent += _remind(case, case.handler, Reminder.Kind.DUE_SOON, due)
        elif state == deadlines.OVERDUE:
            for leader in _leaders(case):
                sent += _remind(case, leader, Reminder.Kind.OVERDUE, due)
    return sent


@every(24 * 3600)
@task()
def remind_deadlines():
    return send_reminders()


@every(24 * 3600)
@task()
def rebuild_case_tallies():
    """A daily recount of the dashboard's tallies: every change recounts its own
    buckets already; this repairs any written around the workflow (a bulk load)."""
    from . import tally

    return tally.rebuild()
