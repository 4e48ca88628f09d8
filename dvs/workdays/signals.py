from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import calendar
from .models import CalendarDay, CalendarDecision, WithdrawnHoliday


@receiver(post_save, sender=CalendarDecision)
@receiver(post_delete, sender=CalendarDecision)
@receiver(post_save, sender=CalendarDay)
@receiver(post_delete, sender=CalendarDay)
@receiver(post_save, sender=WithdrawnHoliday)
@receiver(post_delete, sender=WithdrawnHoliday)
def forget_cached_years(sender, **kwargs):
    # Now, for the rest of this request, and again once the change is committed, so a
    # year rebuilt inside the transaction from the uncommitted row is not kept.
    calendar.invalidate()
    transaction.on_commit(calendar.invalidate)
