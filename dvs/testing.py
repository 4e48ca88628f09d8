"""Shared test setup: a small city and the people who work in it.

    Tỉnh (P) → Thành phố (C) → Phường A (A) → Khu phố A1, A2
                              → Phường B (B) → Khu phố B1

Tests read as sentences about these people: `ward_a_officer` cannot open `ward_b`'s data.
"""

from django.test import TestCase
from wagtail.models import APIToken

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.units.models import Level, Organisation, OrganisationKind, Term, Unit

PASSWORD = "Mat-khau-thu-nghiem-1"


def make_user(username, role=None, unit=None, organisation=None, **fields):
    user = User.objects.create_user(username=username, password=PASSWORD, **fields)
    if role:
        RoleAssignment.objects.create(user=user, role=role, unit=unit, organisation=organisation)
    return user


class BaseTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
        cls.city = cls.province.add_child(code="C1", name="Thành phố Thử", level=Level.DISTRICT)
        cls.ward_a = cls.city.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)
        cls.ward_b = cls.city.add_child(code="B", name="Phường Bình Minh", level=Level.COMMUNE)
        cls.ward_a = Unit.objects.get(pk=cls.ward_a.pk)
        cls.neighbourhood_a1 = cls.ward_a.add_child(
            code="A1", name="Khu phố 1", level=Level.NEIGHBOURHOOD
        )
        cls.ward_a = Unit.objects.get(pk=cls.ward_a.pk)
        cls.neighbourhood_a2 = cls.ward_a.add_child(
            code="A2", name="Khu phố 2", level=Level.NEIGHBOURHOOD
        )
        cls.neighbourhood_b1 = Unit.objects.get(pk=cls.ward_b.pk).add_child(
            code="B1", name="Khu phố 5", level=Level.NEIGHBOURHOOD
        )
        for name in ("province", "city", "ward_a", "ward_b"):
            setattr(cls, name, Unit.objects.get(pk=getattr(cls, name).pk))

        cls.front_kind = OrganisationKind.objects.create(code="front", name="Mặt trận")
        cls.women_kind = OrganisationKind.objects.create(
            code="women", name="Hội LHPN", is_socio_political=True
        )
        cls.city_front = Organisation.objects.create(
            kind=cls.front_kind, unit=cls.city, name="UB MTTQ thành phố"
        )
        cls.ward_a_front = Organisation.objects.create(
            kind=cls.front_kind, unit=cls.ward_a, name="UB MTTQ phường An Bình"
        )
        cls.ward_a_women = Organisation.objects.create(
            kind=cls.women_kind, unit=cls.ward_a, name="Hội LHPN phường An Bình"
        )
        cls.ward_b_front = Organisation.objects.create(
            kind=cls.front_kind, unit=cls.ward_b, name="UB MTTQ phường Bình Minh"
        )
        cls.ward_a_term = Term.objects.create(
            organisation=cls.ward_a_front, name="2024–2029", starts_on="2024-05-20"
        )
        cls.ward_b_term = Term.objects.create(
            organisation=cls.ward_b_front, name="2024–2029", starts_on="2024-05-20"
        )

        cls.admin = make_user("admin", is_superuser=True)
        cls.city_leader = make_user("city_leader", Role.BOARD_LEADER, cls.city)
        cls.city_specialist = make_user("city_specialist", Role.BOARD_SPECIALIST, cls.city)
        cls.readonly_leader = make_user("readonly_leader", Role.READONLY_LEADER, cls.city)
        cls.ward_a_officer = make_user("ward_a_officer", Role.WARD_BLOC_OFFICER, cls.ward_a)
        cls.ward_b_officer = make_user("ward_b_officer", Role.WARD_BLOC_OFFICER, cls.ward_b)
        cls.ward_a_leader = make_user("ward_a_leader", Role.BOARD_LEADER, cls.ward_a)
        cls.ward_a_women_officer = make_user(
            "ward_a_women_officer", Role.ORGANISATION_OFFICER, cls.ward_a, cls.ward_a_women
        )
        cls.neighbourhood_a1_committee = make_user(
            "neighbourhood_a1_committee", Role.NEIGHBOURHOOD_COMMITTEE, cls.neighbourhood_a1
        )
        # A citizen reception officer of ward A: who handles the ward's cases.
        cls.ward_a_reception_officer = make_user(
            "ward_a_reception_officer", Role.RECEPTION_OFFICER, cls.ward_a
        )
        cls.citizen = make_user("citizen")

    def login(self, user):
        self.client.force_login(user)

    def token_for(self, user):
        return APIToken.create_token(user=user, name="test")[1]

    def api_get(self, path, user=None, **params):
        headers = {"Authorization": f"Bearer {self.token_for(user)}"} if user else {}
        return self.client.get(f"/api/v1{path}", params, headers=headers)


def use_temporary_media(testcase):
    """Point MEDIA_ROOT (public) and the private storage at fresh temporary folders for
    one test, so it can say where a file landed and what is left afterwards. Returns
    (media_root, private_root) as Paths."""
    import tempfile
    from pathlib import Path

    from django.conf import settings
    from django.test import override_settings

    media = Path(testcase.enterContext(tempfile.TemporaryDirectory()))
    private = Path(testcase.enterContext(tempfile.TemporaryDirectory()))
    storages = {**settings.STORAGES}
    storages["private"] = {**storages["private"], "OPTIONS": {"location": str(private)}}
    testcase.enterContext(override_settings(MEDIA_ROOT=str(media), STORAGES=storages))
    return media, private


def bearer(user):
    """The Authorization header of a fresh API token for `user`."""
    return {"Authorization": f"Bearer {APIToken.create_token(user=user, name='test')[1]}"}


def add_sibling_personas(cls):
    """More people of the small city, for tests that walk every scope axis.

    - ward_a_front_officer: an organisation-limited grant on Phường A's Front, the sibling
      of ward_a_women_officer inside the same ward;
    - neighbourhood_a2_committee: the sibling of neighbourhood_a1_committee;
    - ward_b_leader: the board leader of the sibling ward.
    Call it from setUpTestData after BaseTestCase's.
    """
    cls.ward_a_front_officer = make_user(
        "ward_a_front_officer", Role.ORGANISATION_OFFICER, cls.ward_a, cls.ward_a_front
    )
    cls.neighbourhood_a2_committee = make_user(
        "neighbourhood_a2_committee", Role.NEIGHBOURHOOD_COMMITTEE, cls.neighbourhood_a2
    )
    cls.ward_b_leader = make_user("ward_b_leader", Role.BOARD_LEADER, cls.ward_b)
