"""One scope-aware getter per object of grassroots democracy, used by the screens, the
API and the file downloads alike: the row the user may `action`, or Http404 for a row that
is missing and one outside the user's scope alike. A part of a row (a matter's roll or
ballot, a board's member) is reached through its parent's getter."""

from dvs.accounts import scope

from .models import Board, Charter, Conference, Consultation, Disclosure, HeadElection, Matter


def _get(model, user, pk, action):
    return scope.access(user, model.objects.select_related("unit"), pk, action)


def get_matter(user, pk, action="view"):
    return _get(Matter, user, pk, action)


def get_election(user, pk, action="view"):
    return _get(HeadElection, user, pk, action)


def get_consultation(user, pk, action="view"):
    return _get(Consultation, user, pk, action)


def get_disclosure(user, pk, action="view"):
    return _get(Disclosure, user, pk, action)


def get_board(user, pk, action="view"):
    return _get(Board, user, pk, action)


def get_charter(user, pk, action="view"):
    return _get(Charter, user, pk, action)


def get_conference(user, pk, action="view"):
    return _get(Conference, user, pk, action)
