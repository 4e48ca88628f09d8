"""Demo accounts: one per role at city level, and the ward and neighbourhood roles in
the first two wards. All share settings.DEMO_PASSWORD."""

from django.conf import settings

from dvs.units.models import Organisation, Unit

from .models import RoleAssignment, User
from .roles import Role

# username, full name, role, unit code, organisation kind (or None)
ACCOUNTS = [
    ("quantri", "Quản trị hệ thống", Role.SYSTEM_ADMIN, "P27", None),
    ("lanhdaoban", "Nguyễn Công Vạn", Role.BOARD_LEADER, "C256", None),
    ("chuyenvien", "Trần Thị Hạnh", Role.BOARD_SPECIALIST, "C256", None),
    ("mattran", "Lê Văn Dũng", Role.ORGANISATION_OFFICER, "C256", "fatherland_front"),
    ("tiepdan", "Phạm Minh Tuấn", Role.RECEPTION_OFFICER, "C256", None),
    ("bientap", "Vũ Thu Trang", Role.PORTAL_EDITOR, "C256", None),
    ("duyettin", "Đỗ Quang Hải", Role.PORTAL_APPROVER, "C256", None),
    ("xemlanhdao", "Nguyễn Hoàng Long", Role.READONLY_LEADER, "C256", None),
    ("khoidanvan01", "Hoàng Văn Nam", Role.WARD_BLOC_OFFICER, "W01", None),
    ("khoidanvan02", "Bùi Thị Lan", Role.WARD_BLOC_OFFICER, "W02", None),
    ("phunu01", "Đặng Thị Hoa", Role.ORGANISATION_OFFICER, "W01", "womens_union"),
    ("khupho0101", "Ngô Đức Thắng", Role.NEIGHBOURHOOD_COMMITTEE, "W01K01", None),
]


def load(stdout=None):
    units = {u.code: u for u in Unit.objects.filter(code__in={a[3] for a in ACCOUNTS})}
    for username, full_name, role, unit_code, kind in ACCOUNTS:
        user = User(
            username=username,
            full_name=full_name,
            is_staff=False,
            is_superuser=role == Role.SYSTEM_ADMIN,
        )
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
        organisation = None
        if kind:
            organisation = Organisation.objects.get(unit=units[unit_code], kind__code=kind)
        RoleAssignment.objects.create(
            user=user, role=role, unit=units[unit_code], organisation=organisation
        )
    if stdout:
        stdout.write(f"  accounts: {len(ACCOUNTS)}")


def describe():
    """Lines for `make run`: each demo account, its role and its unit."""
    rows = (
        RoleAssignment.objects.filter(user__username__in=[a[0] for a in ACCOUNTS])
        .select_related("user", "unit", "organisation")
        .order_by("user__id")
    )
    return [
        f"  {row.user.username:<14} {row.get_role_display()} — {row.organisation or row.unit}"
        for row in rows
    ]
