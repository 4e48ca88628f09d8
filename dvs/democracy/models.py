"""Grassroots democracy (thực hiện dân chủ ở cơ sở, Law 10/2022/QH15, Decrees 59/2023 and
61/2023) as the wards and their neighbourhoods practise it: paper first, online only where
the law allows it.

* A `Matter` is something the residents of a neighbourhood (or a whole ward) decide
  (Art. 15, items 1–6). When it opens, the neighbourhood's households are frozen into its
  `RollEntry` rows; thresholds count on that roll, never on those present (Art. 21). It is
  decided in a meeting (attendance per household, show of hands or secret ballot), by a
  household ballot (`Ballot`, its count entered twice, `BallotEntry`) or, for item 6
  only, online (`OnlineVote`, after an opt-in poll of more than half of all households).
  A citizens' initiative carries its households' `Consent`s (10%, valid 3 months). The
  decision is sent to the ward and recognised on the law's clocks; annulment and amendment
  requests are `MatterReview`s.
* A `HeadElection` runs the election of the head of a neighbourhood on its 20/15/10/7-day
  clocks, with its `Candidate`s and its election team (`ElectionTeamMember`).
* A `Consultation` asks the residents' opinions (Art. 25–28) for at least 20 days; each
  `Opinion` comes from a channel, the portal included (one per person).
* A `Disclosure` is one entry of the disclosure register (Art. 11–14) with its posting and
  `LoudspeakerDay`s.
* A `Board` is a people's inspection board or a community investment-monitoring board
  with its `BoardMember`s, `BoardPlan`s, `Inspection`s, `Recommendation`s and
  `BoardReport`s.
* A `Charter` (hương ước, quy ước; Decree 61/2023) is posted, voted as an item-3 matter,
  recognised and reviewed every year (`CharterReview`).
* A `Conference` is a neighbourhood's annual community conference or the ward's dialogue
  with its residents.

The arithmetic of thresholds and clocks is rules.py (no database); the writes are
actions/; who may do what is permissions.py.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from dvs.storage import private_storage
from dvs.units.models import Unit


class Item(models.IntegerChoices):
    """What the residents decide (Law 10/2022 Art. 15)."""

    CONTRIBUTION = 1, _("Contributions to public works (item 1)")
    FUND = 2, _("Community funds (item 2)")
    CHARTER = 3, _("Village charter (item 3)")
    HEAD = 4, _("Electing or dismissing the head of the neighbourhood (item 4)")
    BOARDS = 5, _("Electing or dismissing members of the inspection or monitoring boards (item 5)")
    OTHER = 6, _("Other self-management matters (item 6)")


class Form(models.TextChoices):
    """How a matter is decided (Art. 17)."""

    MEETING = "meeting", _("Meeting")
    BALLOT = "ballot", _("Household ballot")
    ONLINE = "online", _("Online vote")


class Proposer(models.TextChoices):
    """Who put the matter forward (Art. 16)."""

    WARD = "ward", _("Chair of the ward's People's Committee, with the Front")
    HEAD = "head", _("Head of the neighbourhood, with the Front's work committee")
    CITIZENS = "citizens", _("Citizens' initiative (at least 10 percent of households)")


class VoteMethod(models.TextChoices):
    HANDS = "hands", _("Show of hands")
    SECRET = "secret", _("Secret ballot")


class Body(models.TextChoices):
    """Who recognises a decision (Art. 21(2))."""

    PEOPLES_COMMITTEE = "peoples_committee", _("Ward People's Committee")
    FRONT = "front", _("Ward Fatherland Front committee")


def private_path(instance, filename):
    """Every upload of this app lies in private storage under democracy/<model>/."""
    return f"democracy/{instance._meta.model_name}/{filename}"


class Matter(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open (roll frozen)")
        VOTING = "voting", _("Ballot or online vote under way")
        DECIDED = "decided", _("Decided")
        SENT = "sent", _("Sent to the ward")
        RECOGNISED = "recognised", pgettext_lazy("democracy", "Recognised")
        REFUSED = "refused", _("Recognition refused")
        ANNULLED = "annulled", _("Annulled")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("neighbourhood or ward")
    )
    item = models.PositiveSmallIntegerField(_("kind of matter"), choices=Item.choices)
    title = models.CharField(_("title"), max_length=255)
    content = models.TextField(_("content"), blank=True)
    proposer = models.CharField(
        _("proposed by"), max_length=20, choices=Proposer.choices, default=Proposer.HEAD
    )
    # A citizens' initiative below 10% of households goes ahead only with the Front's
    # work committee's approval (Art. 16(3)).
    front_approved = models.BooleanField(
        _("approved by the Front's work committee below 10 percent of households"), default=False
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    opened_on = models.DateField(_("roll frozen on"), null=True, blank=True)
    # The roll: how many households the thresholds count on (Art. 21), frozen from
    # people.Household when the matter opens; a correction needs its reason.
    households = models.PositiveIntegerField(_("households on the roll"), null=True, blank=True)
    roll_note = models.TextField(_("reason for correcting the roll"), blank=True)

    # The meeting (Art. 18; Decree 59 Art. 3).
    meeting_on = models.DateField(_("meeting on"), null=True, blank=True)
    meeting_place = models.CharField(_("meeting place"), max_length=255, blank=True)
    notice_on = models.DateField(_("notice (Form 01) issued on"), null=True, blank=True)
    documents_on = models.DateField(
        _("documents delivered to households on"), null=True, blank=True
    )
    chair = models.CharField(_("chaired by"), max_length=255, blank=True)
    secretary = models.CharField(_("secretary"), max_length=255, blank=True)
    vote_method = models.CharField(
        _("vote by"), max_length=10, choices=VoteMethod.choices, blank=True
    )
    counting_board = models.TextField(_("counting board (3–5 people)"), blank=True)
    witnesses = models.TextField(_("two household representatives witnessing"), blank=True)
    meeting_held = models.BooleanField(_("meeting held"), default=False)
    meeting_yes = models.PositiveIntegerField(_("households in favour"), null=True, blank=True)
    meeting_no = models.PositiveIntegerField(_("households against"), null=True, blank=True)
    meeting_other = models.PositiveIntegerField(
        _("other opinions or invalid"), null=True, blank=True
    )

    # The decision (Art. 20–21).
    decided_form = models.CharField(
        _("decided by"), max_length=10, choices=Form.choices, blank=True
    )
    decided_on = models.DateField(
        _("decided on (meeting, or end of the ballot or online vote)"), null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    yes = models.PositiveIntegerField(
        _("households in favour (deciding count)"), null=True, blank=True
    )
    decision = models.TextField(_("decision"), blank=True)
    sent_on = models.DateField(_("sent to the ward on"), null=True, blank=True)
    send_by = models.DateField(_("to be sent by"), null=True, blank=True)
    received_on = models.DateField(_("received by the ward on"), null=True, blank=True)
    recognise_by = models.DateField(_("to be recognised by"), null=True, blank=True)
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    recognised_body = models.CharField(
        _("recognised by"), max_length=20, choices=Body.choices, blank=True
    )
    refusal_reason = models.TextField(_("reason for refusing recognition"), blank=True)
    effective_on = models.DateField(_("in effect from"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("matter to decide")
        verbose_name_plural = _("matters to decide")
        ordering = ["-created_at", "-id"]
        permissions = [("recognise_matter", _("Can record the ward's recognition of a decision"))]

    def __str__(self):
        return self.title


class RollEntry(models.Model):
    """One household of a matter's frozen roll, numbered (its ballot's number)."""

    matter = models.ForeignKey(
        Matter, on_delete=models.CASCADE, related_name="roll", verbose_name=_("matter")
    )
    number = models.PositiveIntegerField(_("number"))
    household = models.ForeignKey(
        "people.Household",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("household"),
    )
    address = models.CharField(_("address"), max_length=255)
    representative = models.CharField(_("household representative"), max_length=255, blank=True)
    present = models.BooleanField(_("present at the meeting"), default=False)
    ballot_returned = models.BooleanField(_("ballot returned"), default=False)

    class Meta:
        verbose_name = _("household on the roll")
        verbose_name_plural = _("households on the roll")
        ordering = ["matter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "number"], name="democracy_roll_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.representative or self.address}"


class Consent(models.Model):
    """A household's consent to a citizens' initiative (Art. 16(3)); valid 3 months."""

    matter = models.ForeignKey(
        Matter, on_delete=models.CASCADE, related_name="consents", verbose_name=_("matter")
    )
    household = models.ForeignKey(
        "people.Household",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("household"),
    )
    representative = models.CharField(_("household representative"), max_length=255)
    signed_on = models.DateField(_("signed on"))

    class Meta:
        verbose_name = _("consent to an initiative")
        verbose_name_plural = _("consents to an initiative")
        ordering = ["matter", "signed_on", "id"]

    def __str__(self):
        return self.representative


class Ballot(models.Model):
    """A household ballot on a matter (Art. 19; Decree 59 Art. 4): one numbered ballot per
    household of the roll, returned ballots counted by the team and entered twice."""

    matter = models.ForeignKey(
        Matter, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("matter")
    )
    reason = models.TextField(_("why a ballot"), blank=True)
    plan_on = models.DateField(_("plan issued on"), null=True, blank=True)
    team = models.TextField(
        _("ballot team (3–5 people, led by the Front's work committee)"), blank=True
    )
    opens_on = models.DateField(_("ballots handed out from"))
    closes_on = models.DateField(_("ballots collected until"))
    count_record = models.FileField(
        _("signed count record (Form 04)"),
        storage=private_storage,
        upload_to=private_path,
        blank=True,
        max_length=255,
    )
    # Set once the two entries agree: the count that decides.
    returned = models.PositiveIntegerField(_("ballots returned"), null=True, blank=True)
    yes = models.PositiveIntegerField(_("in favour"), null=True, blank=True)
    no = models.PositiveIntegerField(_("against"), null=True, blank=True)
    invalid = models.PositiveIntegerField(_("other or invalid"), null=True, blank=True)
    closed = models.BooleanField(_("count confirmed"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("household ballot")
        verbose_name_plural = _("household ballots")
        ordering = ["-opens_on", "-id"]

    def __str__(self):
        return f"{self.matter} ({self.opens_on:%d/%m/%Y})"


class BallotEntry(models.Model):
    """One of the two entries of a ballot's count, by two different clerks."""

    ballot = models.ForeignKey(
        Ballot, on_delete=models.CASCADE, related_name="entries", verbose_name=_("household ballot")
    )
    order = models.PositiveSmallIntegerField(
        _("entry"), choices=[(1, _("First")), (2, _("Second"))]
    )
    clerk = models.CharField(_("clerk"), max_length=255)
    returned = models.PositiveIntegerField(_("ballots returned"))
    yes = models.PositiveIntegerField(_("in favour"))
    no = models.PositiveIntegerField(_("against"))
    invalid = models.PositiveIntegerField(_("other or invalid"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        verbose_name = _("count entry")
        verbose_name_plural = _("count entries")
        ordering = ["ballot", "order"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "order"], name="democracy_ballot_entry")
        ]

    def __str__(self):
        return f"{self.ballot} #{self.order}"


class OnlineVote(models.Model):
    """An online vote on an item-6 matter (Art. 17(2); Decree 59 Art. 5), opened only after
    an opt-in poll in which more than half of all households agreed."""

    matter = models.ForeignKey(
        Matter, on_delete=models.CASCADE, related_name="online_votes", verbose_name=_("matter")
    )
    optin_polled_on = models.DateField(_("opt-in poll held on"))
    optin_yes = models.PositiveIntegerField(_("households agreeing to vote online"))
    team = models.TextField(_("team (3–5 people, led by the Front's work committee)"), blank=True)
    platform = models.CharField(_("application or network used"), max_length=255, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    screenshot = models.FileField(
        _("screenshot of the result"),
        storage=private_storage,
        upload_to=private_path,
        blank=True,
        max_length=255,
    )
    closed = models.BooleanField(_("closed"), default=False)

    class Meta:
        verbose_name = _("online vote")
        verbose_name_plural = _("online votes")
        ordering = ["-starts_at", "-id"]

    def __str__(self):
        return f"{self.matter} ({self.starts_at:%d/%m/%Y})"


class OnlineChoice(models.TextChoices):
    YES = "yes", _("In favour")
    NO = "no", _("Against")
    OTHER = "other", _("Other opinion")


class HouseholdVote(models.Model):
    """A household's single vote online (one per household of the roll)."""

    vote = models.ForeignKey(
        OnlineVote, on_delete=models.CASCADE, related_name="votes", verbose_name=_("online vote")
    )
    roll_entry = models.ForeignKey(
        RollEntry, on_delete=models.CASCADE, related_name="+", verbose_name=_("household")
    )
    # The household's code handed out on paper, kept as a hash (never in clear).
    token_hash = models.CharField(_("household code (hash)"), max_length=64, blank=True)
    choice = models.CharField(_("choice"), max_length=10, choices=OnlineChoice.choices, blank=True)
    voted_at = models.DateTimeField(_("voted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("household's online vote")
        verbose_name_plural = _("households' online votes")
        ordering = ["vote", "roll_entry__number"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "roll_entry"], name="democracy_one_vote")
        ]

    def __str__(self):
        return str(self.roll_entry)


class MatterReview(models.Model):
    """A request to annul a decision or to amend it (Art. 22), and what came of it."""

    class Kind(models.TextChoices):
        ANNUL = "annul", _("Annulment")
        AMEND = "amend", _("Amendment")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        REJECTED = "rejected", _("Rejected")

    matter = models.ForeignKey(
        Matter, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("matter")
    )
    kind = models.CharField(_("request"), max_length=10, choices=Kind.choices)
    requested_on = models.DateField(_("requested on"))
    requested_by = models.CharField(_("requested by"), max_length=255, blank=True)
    reason = models.TextField(_("reason"))
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("annulment or amendment request")
        verbose_name_plural = _("annulment and amendment requests")
        ordering = ["-requested_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.matter}"


# Election of the head of the neighbourhood (Decree 59 Art. 6–9) ---------------------------


class HeadElection(ClusterableModel):
    class Cause(models.TextChoices):
        TERM = "term", _("End of term")
        DISMISSAL = "dismissal", _("After a dismissal")
        VACANCY = "vacancy", _("Vacancy")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        RECOGNISED = "recognised", pgettext_lazy("democracy", "Recognised")
        RERUN = "rerun", _("To be held again")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("neighbourhood")
    )
    cause = models.CharField(_("cause"), max_length=10, choices=Cause.choices, default=Cause.TERM)
    dismissal_recognised_on = models.DateField(_("dismissal recognised on"), null=True, blank=True)
    interim_head = models.CharField(_("interim head"), max_length=255, blank=True)
    election_on = models.DateField(_("election meeting on"), null=True, blank=True)
    plan_on = models.DateField(_("decision and plan issued on"), null=True, blank=True)
    candidates_on = models.DateField(_("candidate list sent to the ward on"), null=True, blank=True)
    team_on = models.DateField(_("election team set up on"), null=True, blank=True)
    notice_on = models.DateField(_("public notice posted on"), null=True, blank=True)
    matter = models.ForeignKey(
        Matter,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the vote (item 4 matter)"),
    )
    elected = models.CharField(_("elected"), max_length=255, blank=True)
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("election of the head of the neighbourhood")
        verbose_name_plural = _("elections of heads of neighbourhoods")
        ordering = ["-election_on", "-id"]

    def __str__(self):
        when = f"{self.election_on:%d/%m/%Y}" if self.election_on else "?"
        return f"{self.unit} ({when})"


class Candidate(models.Model):
    election = ParentalKey(
        HeadElection,
        on_delete=models.CASCADE,
        related_name="candidates",
        verbose_name=_("election"),
    )
    name = models.CharField(_("full name"), max_length=255)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resident"),
    )
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["election", "id"]

    def __str__(self):
        return self.name


class ElectionTeamMember(models.Model):
    election = ParentalKey(
        HeadElection, on_delete=models.CASCADE, related_name="team", verbose_name=_("election")
    )
    name = models.CharField(_("full name"), max_length=255)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resident"),
    )
    role = models.CharField(_("role in the team"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("election team member")
        verbose_name_plural = _("election team members")
        ordering = ["election", "id"]

    def __str__(self):
        return self.name


# Consultations (Art. 25–28) ----------------------------------------------------------------


class Consultation(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for opinions")
        CLOSED = "closed", _("Closed, synthesis under way")
        PUBLISHED = "published", _("Result published")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("ward or neighbourhood")
    )
    subject = models.PositiveSmallIntegerField(
        _("matter under Art. 25"),
        choices=[
            (1, _("Socio-economic plans (Art. 25(1))")),
            (2, _("Land-use planning (Art. 25(2))")),
            (3, _("Policies of major projects (Art. 25(3))")),
            (4, _("Establishing, merging or renaming units (Art. 25(4))")),
            (5, _("Decisions affecting the community (Art. 25(5))")),
            (6, _("Construction and zoning plans (Art. 25(6))")),
            (7, _("The ward's democracy regulation (Art. 25(7))")),
            (8, _("Decisions imposing obligations (Art. 25(8))")),
            (9, _("Other (Art. 25(9))")),
        ],
        default=9,
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("what is asked"))
    document = models.FileField(
        _("draft document"),
        storage=private_storage,
        upload_to=private_path,
        blank=True,
        max_length=255,
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    closes_on = models.DateField(_("opinions taken until"), null=True, blank=True)
    on_portal = models.BooleanField(_("opinions taken on the portal"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    synthesis = models.TextField(_("synthesis of opinions"), blank=True)
    decision = models.TextField(_("decision taken"), blank=True)
    against_majority = models.BooleanField(_("decided against the majority"), default=False)
    explanation = models.TextField(_("explanation of opinions not taken up"), blank=True)
    result_published_on = models.DateField(_("result published on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-published_on", "-id"]

    def __str__(self):
        return self.title


class Opinion(models.Model):
    class Channel(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        BALLOT = "ballot", _("Household ballot")
        BOX = "box", _("Suggestion box or hotline")
        FRONT = "front", _("Through the Front and mass organisations")
        PORTAL = "portal", _("Portal")
        SOCIAL = "social", _("Social network")
        DIALOGUE = "dialogue", _("Dialogue conference")

    class Stance(models.TextChoices):
        AGREE = "agree", _("Agree")
        DISAGREE = "disagree", _("Disagree")
        OTHER = "other", _("Other opinion")

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="opinions",
        verbose_name=_("consultation"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices)
    # A meeting's or a ballot's opinions are entered as one row with their count.
    count = models.PositiveIntegerField(_("number of people or households"), default=1)
    name = models.CharField(_("name"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    # One opinion per person on the portal: the hash of the phone number given.
    contact_hash = models.CharField(_("contact (hash)"), max_length=64, blank=True)
    content = models.TextField(_("opinion"), blank=True)
    received_on = models.DateField(_("received on"))

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["consultation", "-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "contact_hash"],
                condition=~models.Q(contact_hash=""),
                name="democracy_one_opinion_per_person",
            )
        ]

    def __str__(self):
        # Named by its consultation: two opinions by the same channel and stance differ.
        return f"{self.consultation}: {self.get_channel_display()}, {self.get_stance_display()}"


# Disclosures (Art. 11–14) ------------------------------------------------------------------


class DisclosureItem(models.IntegerChoices):
    """What the ward must disclose (Art. 11)."""

    PLANS = 1, _("1. Socio-economic plans and results")
    BUDGET = 2, _("2. Budget estimates, execution and accounts")
    INVESTMENT = 3, _("3. Investment projects, land recovery and land use")
    REGULATION = 4, _("4. Democracy regulation, duties of officials, code of conduct")
    FUNDS = 5, _("5. Funds, programme investments, people's contributions")
    ASSETS = 6, _("6. Public assets")
    SUPPORT = 7, _("7. Support, subsidy, credit and social-security policies")
    RELIEF = 8, _("8. Disaster and epidemic relief, donations")
    SERVICE = 9, _("9. Military and police service call-ups")
    INSPECTIONS = 10, _("10. Inspection results, corruption and discipline cases")
    CONSULTATIONS = 11, _("11. Consultation plans, synthesis and explanations")
    FEES = 12, _("12. Fees and charges")
    PROCEDURES = 13, _("13. Administrative procedures")
    OTHER = 14, _("14. Other")


class Disclosure(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("ward or neighbourhood")
    )
    item = models.PositiveSmallIntegerField(_("item (Art. 11)"), choices=DisclosureItem.choices)
    title = models.CharField(_("what is disclosed"), max_length=255)
    decided_on = models.DateField(_("date of the decision or document"))
    disclose_by = models.DateField(_("to be disclosed by"), null=True, blank=True)
    on_notice_board = models.BooleanField(_("posted on the notice board"), default=False)
    on_loudspeaker = models.BooleanField(_("read on the loudspeakers"), default=False)
    on_portal = models.BooleanField(_("on the portal"), default=False)
    at_meeting = models.BooleanField(
        _("at a meeting or through the neighbourhood head"), default=False
    )
    place = models.CharField(_("where posted"), max_length=255, blank=True)
    posted_from = models.DateField(_("posted from"), null=True, blank=True)
    posted_to = models.DateField(_("posted until"), null=True, blank=True)
    responsible = models.CharField(_("responsible person"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-decided_on", "-id"]

    def __str__(self):
        return self.title


class LoudspeakerDay(models.Model):
    disclosure = models.ForeignKey(
        Disclosure,
        on_delete=models.CASCADE,
        related_name="loudspeaker_days",
        verbose_name=_("disclosure"),
    )
    on = models.DateField(_("read on"))

    class Meta:
        verbose_name = _("loudspeaker day")
        verbose_name_plural = _("loudspeaker days")
        ordering = ["disclosure", "on"]
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "on"], name="democracy_loudspeaker_day")
        ]

    def __str__(self):
        return f"{self.on:%d/%m/%Y}"


# Inspection and monitoring boards (Art. 36–42; Decree 59 Art. 13–18) -----------------------


class Board(ClusterableModel):
    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("People's inspection board")
        MONITORING = "monitoring", _("Community investment-monitoring board")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("ward")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=255)
    project = models.CharField(_("programme or project monitored"), max_length=255, blank=True)
    investor = models.CharField(_("investor"), max_length=255, blank=True)
    term_from = models.DateField(_("term from"))
    term_to = models.DateField(_("term until"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("board")
        verbose_name_plural = _("boards")
        ordering = ["unit__path", "kind", "name"]

    def __str__(self):
        return self.name


class BoardMember(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("Head")
        DEPUTY = "deputy", _("Deputy head")
        MEMBER = "member", _("Member")

    class Origin(models.TextChoices):
        FRONT = "front", _("Fatherland Front")
        INSPECTION = "inspection", _("People's inspection board")
        RESIDENT = "resident", _("Resident")

    board = ParentalKey(
        Board, on_delete=models.CASCADE, related_name="members", verbose_name=_("board")
    )
    name = models.CharField(_("full name"), max_length=255)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    origin = models.CharField(
        _("comes from"), max_length=12, choices=Origin.choices, default=Origin.RESIDENT
    )
    neighbourhood = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("elected in the neighbourhood"),
    )
    is_ward_official = models.BooleanField(_("ward official"), default=False)
    related_to_investor = models.BooleanField(
        _("relative of the investor, contractor or supervisor"), default=False
    )
    since = models.DateField(_("member since"), null=True, blank=True)
    until = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        verbose_name = _("board member")
        verbose_name_plural = _("board members")
        ordering = ["board", "role", "name"]

    def __str__(self):
        return self.name


class BoardPlan(models.Model):
    class Period(models.TextChoices):
        QUARTER = "quarter", _("Quarter")
        HALF = "half", _("Half year")
        YEAR = "year", _("Year")
        TERM = "term", _("Term")
        AD_HOC = "ad_hoc", _("Ad hoc inspection")

    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="plans", verbose_name=_("board")
    )
    period = models.CharField(_("plan for"), max_length=10, choices=Period.choices)
    title = models.CharField(_("title"), max_length=255)
    subject = models.CharField(_("subject inspected"), max_length=255, blank=True)
    inspection_on = models.DateField(_("inspection starts on"), null=True, blank=True)
    sent_on = models.DateField(
        _("sent to the Front, the chair and the subject on"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("board plan")
        verbose_name_plural = _("board plans")
        ordering = ["board", "-inspection_on", "-id"]

    def __str__(self):
        return self.title


class Inspection(models.Model):
    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="inspections", verbose_name=_("board")
    )
    plan = models.ForeignKey(
        BoardPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("plan"),
    )
    subject = models.CharField(_("subject inspected"), max_length=255)
    held_on = models.DateField(_("held on"))
    findings = models.TextField(_("findings"), blank=True)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.subject} ({self.held_on:%d/%m/%Y})"


class Recommendation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting an answer")
        ANSWERED = "answered", _("Answered")
        DONE = "done", _("Carried out")
        REJECTED = "rejected", _("Not accepted")

    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("inspection"),
    )
    content = models.TextField(_("recommendation"))
    addressed_to = models.CharField(_("addressed to"), max_length=255)
    sent_on = models.DateField(_("sent on"))
    answer_by = models.DateField(_("answer expected by"), null=True, blank=True)
    answer = models.TextField(_("answer and follow-up"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-sent_on", "-id"]

    def __str__(self):
        return self.content[:80]


class BoardReport(models.Model):
    class Period(models.TextChoices):
        QUARTER = "quarter", _("Quarter")
        HALF = "half", _("Half year")
        YEAR = "year", _("Year")
        TERM = "term", _("Term")
        AD_HOC = "ad_hoc", _("Ad hoc")

    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="reports", verbose_name=_("board")
    )
    period = models.CharField(_("report for"), max_length=10, choices=Period.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    sent_on = models.DateField(_("sent to the Front on"))
    content = models.TextField(_("content"))

    class Meta:
        verbose_name = _("board report")
        verbose_name_plural = _("board reports")
        ordering = ["board", "-year", "-quarter", "-id"]

    def __str__(self):
        quarter = f" Q{self.quarter}" if self.quarter else ""
        return f"{self.board} {self.get_period_display()}{quarter}/{self.year}"


# Village charters (Decree 61/2023) ---------------------------------------------------------


class Charter(models.Model):
    class Kind(models.TextChoices):
        HUONG_UOC = "huong_uoc", _("Village covenant (hương ước)")
        QUY_UOC = "quy_uoc", _("Community convention (quy ước)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        POSTED = "posted", _("Draft posted for opinions")
        ADOPTED = "adopted", _("Adopted by the households")
        SUBMITTED = "submitted", _("Dossier sent for recognition")
        RECOGNISED = "recognised", pgettext_lazy("democracy", "Recognised")
        REFUSED = "refused", _("Recognition refused")
        SUSPENDED = "suspended", pgettext_lazy("democracy", "Suspended")
        ANNULLED = "annulled", _("Annulled")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("neighbourhood")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.QUY_UOC)
    title = models.CharField(_("title"), max_length=255)
    amends = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("amends"),
    )
    draft_posted_on = models.DateField(_("draft posted on"), null=True, blank=True)
    matter = models.ForeignKey(
        Matter,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the vote (item 3 matter)"),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    dossier_on = models.DateField(_("recognition dossier sent on"), null=True, blank=True)
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    status_on = models.DateField(_("status since"), null=True, blank=True)

    class Meta:
        verbose_name = _("village charter")
        verbose_name_plural = _("village charters")
        ordering = ["unit__path", "-id"]

    def __str__(self):
        return self.title


class CharterReview(models.Model):
    """The yearly review of a recognised charter (Decree 61 Art. 15: on 18/11)."""

    charter = models.ForeignKey(
        Charter, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("village charter")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("reviewed on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)

    class Meta:
        verbose_name = _("yearly review of a charter")
        verbose_name_plural = _("yearly reviews of charters")
        ordering = ["charter", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["charter", "year"], name="democracy_charter_review")
        ]

    def __str__(self):
        return f"{self.charter} {self.year}"


# Conferences (Art. 32–33; Decree 59 Art. 10–11) --------------------------------------------


class Conference(models.Model):
    class Kind(models.TextChoices):
        COMMUNITY = "community", _("Annual community conference of the neighbourhood")
        DIALOGUE = "dialogue", _("The ward's yearly dialogue with residents")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("neighbourhood or ward")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    plan_sent_on = models.DateField(_("plan sent on"), null=True, blank=True)
    invitation_on = models.DateField(_("invitations delivered on"), null=True, blank=True)
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    result_sent_on = models.DateField(
        _("written result sent to the ward and the Front on"), null=True, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-year", "unit__path"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}: {self.unit}"
