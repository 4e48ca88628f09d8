"""The legal clocks of a party, read from the database: the rule set in force on a
notice's date, the days off and the Tết break of the platform's calendar, and the
party's milestones. The arithmetic itself is pure, in `rules.py`.

STUB (issue 14, part "clocks"): the signatures below are the contract the actions, the
screens and the API use; the bodies are filled in by that part.
"""


def check_milestone(milestone):
    """Check an unsaved `Milestone` (its segment or party set) against the others of its
    party and segment and the rule set in force.

    Returns (errors, warnings): errors is a dict field → [Vietnamese messages] for input
    that must be refused (nothing saved); warnings a list of Vietnamese sentences kept on
    the row (`Milestone.warnings`) and shown with it, e.g. "Chưa đủ 90 ngày kể từ thông
    báo (thiếu 43 ngày; sớm nhất 14/07/2026)"."""
    return {}, []


def party_clock(party, today=None):
    """The party's clock as the screens and the API show it: a dict with the keys of
    `POST /api/v1/clearance/timeline`'s answer (rule_set, earliest_decision_on,
    notice_expires_on, earliest_opinion_meeting_on, dialogue_due_on, payment_due_on,
    late_payment_days, enforcement_allowed, warnings), computed from its milestones."""
    return {"warnings": []}
