"""Scope rules and role permissions of grassroots democracy.

Every row belongs to the unit it was recorded in (a ward or one of its neighbourhoods; a
roll entry, ballot or vote to its matter's, a member or inspection to its board's). A grant
limited to an organisation (the Front, a union) reaches none of these rows: the Front's
officers work here through a grant on a unit, like every ward officer.

Who does what (docs/democracy.md):
* the neighbourhood committee (the Front's work committee of a neighbourhood) runs its
  neighbourhood's matters (roll, consents, meeting, household ballot, online vote), the
  election of its head, its charter and its annual conference, and reads the ward's
  consultations, disclosures and boards that concern it;
* a ward officer does all of that for the ward and keeps the ward's consultations,
  disclosures and boards, and records the ward's recognition of a decision
  (`democracy.recognise_matter`: by the People's Committee or, for the boards' members,
  the Front committee) and annulment or amendment requests;
* the Board reads and writes everything in its scope; a read-only leader reads.
"""

from dvs.accounts import scope
from dvs.accounts.roles import Role, extend_role

from . import models as m

_BY_UNIT = (
    m.Matter,
    m.HeadElection,
    m.Consultation,
    m.Disclosure,
    m.Board,
    m.Charter,
    m.Conference,
)
_BY_PARENT = {
    m.MatterReview: "matter__unit",
    m.Opinion: "consultation__unit",
    m.BoardPlan: "board__unit",
    m.Inspection: "board__unit",
    m.Recommendation: "inspection__board__unit",
    m.BoardReport: "board__unit",
    m.CharterReview: "charter__unit",
}
# Parts of a row above, read and written only through their parent's scope and screens
# (the scope matrix lists them in NOT_DOMAIN): a matter's roll, consents, ballots and
# their entries, online votes and households' votes; an election's candidates and team; a
# disclosure's loudspeaker days; a board's members.
PARTS = (
    m.RollEntry,
    m.Consent,
    m.Ballot,
    m.BallotEntry,
    m.OnlineVote,
    m.HouseholdVote,
    m.Candidate,
    m.ElectionTeamMember,
    m.LoudspeakerDay,
    m.BoardMember,
)
for _model in _BY_UNIT:
    scope.register(_model, organisation_limited_sees_nothing=True)
for _model, _unit in _BY_PARENT.items():
    scope.register(_model, unit=_unit, organisation_limited_sees_nothing=True)

DOMAIN = tuple(model._meta.model_name for model in (*_BY_UNIT, *_BY_PARENT, *PARTS))
# What a neighbourhood's committee runs itself.
NEIGHBOURHOOD_WRITES = (
    "matter",
    "rollentry",
    "consent",
    "ballot",
    "ballotentry",
    "onlinevote",
    "householdvote",
    "headelection",
    "candidate",
    "electionteammember",
    "charter",
    "charterreview",
    "conference",
)


def _perms(*names):
    return {f"democracy.{name}" for name in names}


def _crud(*models):
    return _perms(*(f"{a}_{m}" for m in models for a in ("add", "change", "delete", "view")))


_READ = _perms(*(f"view_{model}" for model in DOMAIN))
_WARD = _READ | _crud(*DOMAIN) | _perms("recognise_matter")
_NEIGHBOURHOOD = _READ | _crud(*NEIGHBOURHOOD_WRITES) | _perms("add_opinion")

extend_role(Role.BOARD_LEADER, _WARD)
extend_role(Role.BOARD_SPECIALIST, _WARD)
extend_role(Role.WARD_BLOC_OFFICER, _WARD)
extend_role(Role.NEIGHBOURHOOD_COMMITTEE, _NEIGHBOURHOOD)
extend_role(Role.READONLY_LEADER, _READ)
