"""The residents' side of an online vote (Decree 59 Art. 5): `/bieu-quyet/<vote id>/`,
anonymous — the household's printed code is its key — one vote per household, throttled
per connection, with a hidden field robots fill."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from dvs.accounts.viewsets import add_errors
from dvs.lib import throttle
from dvs.lib.forms import Form
from dvs.lib.net import client_ip

from .actions import tallies as actions
from .models import OnlineChoice, OnlineVote

ATTEMPTS_PER_HOUR = getattr(settings, "DEMOCRACY_VOTE_ATTEMPTS_PER_HOUR", 30)


class VoteForm(Form):
    code = forms.CharField(label=gettext_lazy("Household code"), max_length=20)
    choice = forms.ChoiceField(
        label=gettext_lazy("Your household's choice"),
        choices=OnlineChoice.choices,
        widget=forms.RadioSelect,
    )
    website = forms.CharField(required=False, widget=forms.HiddenInput)


@never_cache
def vote(request, pk):
    """The public ballot: a household's code and its choice. Only an open vote's page is
    shown (a closed or unknown vote is not found)."""
    online = OnlineVote.objects.select_related("matter").filter(pk=pk, closed=False).first()
    if online is None:
        raise Http404
    form = VoteForm(request.POST or None)
    done = False
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            return TemplateResponse(request, "democracy/tallies/public_vote.html", {"done": True})
        key = f"democracy:vote:{client_ip(request)}"
        if throttle.hit(key, window=3600) > ATTEMPTS_PER_HOUR:
            form.add_error(
                None, _("Too many attempts from this connection. Please try again later.")
            )
        else:
            try:
                actions.cast_online_vote(
                    online, code=form.cleaned_data["code"], choice=form.cleaned_data["choice"]
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                done = True
    context = {"vote": online, "matter": online.matter, "form": form, "done": done}
    return TemplateResponse(request, "democracy/tallies/public_vote.html", context)


urlpatterns = [path("bieu-quyet/<int:pk>/", vote, name="democracy_public_vote")]
