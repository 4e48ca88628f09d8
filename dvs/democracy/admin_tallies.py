"""The back office of a matter's vote (tallies): no viewset of its own — the meeting,
ballots and online votes are parts of a Matter, reached only through its getter — but
the screens of views_tallies under the matter's URL, and the names of the audit log's
entries they write."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import views_tallies as views

VIEWSETS = ()

LOG_ACTIONS = (
    ("democracy.attendance", _("Record the attendance"), _("Recorded the meeting's attendance")),
    ("democracy.meeting_vote", _("Record the meeting's vote"), _("Recorded the meeting's vote")),
    ("democracy.decide", _("Decide"), _("The matter was decided")),
    ("democracy.ballot_start", _("Start a household ballot"), _("Started a household ballot")),
    ("democracy.ballot_returned", _("Mark returned ballots"), _("Marked the returned ballots")),
    ("democracy.ballot_entry", _("Enter the count"), _("Entered the ballot's count")),
    ("democracy.online_start", _("Start an online vote"), _("Started an online vote")),
    ("democracy.online_vote", _("Record a household's vote"), _("Recorded a household's vote")),
    ("democracy.send", _("Send the decision"), _("Sent the decision to the ward")),
)


@hooks.register("register_log_actions")
def register_tallies_log_actions(actions_registry):
    for action, label, message in LOG_ACTIONS:
        actions_registry.register_action(action, label, message)


@hooks.register("register_admin_urls")
def register_tallies_urls():
    prefix = "democracy/matters/<int:pk>/"
    return [
        path(f"{prefix}tallies/", views.tallies, name="democracy_matter_tallies"),
        path(f"{prefix}meeting/", views.meeting, name="democracy_matter_meeting"),
        path(f"{prefix}ballot/start/", views.ballot_start, name="democracy_ballot_start"),
        path(f"{prefix}ballot/", views.ballot, name="democracy_ballot"),
        path(f"{prefix}ballot/print/", views.ballot_print, name="democracy_ballot_print"),
        path(f"{prefix}ballot/count-record/", views.ballot_record, name="democracy_ballot_record"),
        path(f"{prefix}online/", views.online, name="democracy_online"),
        path(
            f"{prefix}online/screenshot/",
            views.online_screenshot,
            name="democracy_online_screenshot",
        ),
        path(f"{prefix}send/", views.send, name="democracy_matter_send"),
    ]
