"""Background work of religious affairs (the task worker, `manage.py db_worker`)."""

from django_tasks import task

from . import clocks
from .models import RuleSet


@task()
def refresh_filings(rule_set_id):
    """Recompute the clocks of the filings a rule set covers, after an administrator
    entered or changed it: a province's filings since 2018 are too many for the request."""
    rule_set = RuleSet.objects.filter(pk=rule_set_id).first()
    return clocks.refresh_covered(rule_set) if rule_set is not None else 0
