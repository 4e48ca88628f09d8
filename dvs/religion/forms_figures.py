"""The form of a follower count; it saves through actions/figures.py (which checks the
ward, the date and the source itself), the form only reads input."""

from dvs.accounts.viewsets import ActionModelForm
from dvs.units.models import Level

from .actions import figures as actions
from .models import FollowerCount


class FollowerCountForm(ActionModelForm):
    class Meta:
        model = FollowerCount
        fields = ["unit", "religion", "count", "as_of", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Followers are counted per ward: the wards the user may write in.
        unit = self.fields["unit"]
        unit.queryset = unit.queryset.filter(level=Level.COMMUNE)

    def create(self, *, by, **fields):
        return actions.record_follower_count(by=by, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_follower_count(instance, by=by, **fields)
