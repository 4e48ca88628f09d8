from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from dvs.accounts import scope
from dvs.lib.paging import CappedLimitOffsetPagination, capped_count
from dvs.units.models import Organisation, Unit

router = Router(tags=["units"])
organisation_router = Router(tags=["organisations"])


class UnitOut(Schema):
    code: str
    name: str
    level: str
    depth: int
    parent: str | None = Field(None, description="Mã đơn vị cấp trên")
    valid_from: str | None = None
    valid_until: str | None = None

    @staticmethod
    def resolve_parent(unit):
        return unit.parent_code

    @staticmethod
    def resolve_valid_from(unit):
        return unit.valid_from.isoformat() if unit.valid_from else None

    @staticmethod
    def resolve_valid_until(unit):
        return unit.valid_until.isoformat() if unit.valid_until else None


def _with_parent_codes(units):
    """Attach each unit's parent code with one query for the page, not one per row."""
    units = list(units)
    parent_paths = {u.path[: -Unit.steplen] for u in units if u.depth > 1}
    codes = dict(Unit.objects.filter(path__in=parent_paths).values_list("path", "code"))
    for unit in units:
        unit.parent_code = codes.get(unit.path[: -Unit.steplen]) if unit.depth > 1 else None
    return units


@router.get("", response=list[UnitOut])
@paginate(CappedLimitOffsetPagination)
def list_units(request, level: str | None = None, parent: str | None = None, q: str | None = None):
    """Units in the caller's scope, in tree order. `parent` is a unit code: its children."""
    units = scope.scoped(request.user, Unit).order_by("path")
    if level:
        units = units.filter(level=level)
    if parent:
        parent_unit = get_object_or_404(scope.scoped(request.user, Unit), code=parent)
        units = units.filter(path__startswith=parent_unit.path, depth=parent_unit.depth + 1)
    if q:
        from dvs.lib.vntext import fold

        units = units.filter(search_key__contains=fold(q))
    return _PagedUnits(units)


class _PagedUnits:
    """A queryset wrapper whose slices carry parent codes (one extra query per page)."""

    def __init__(self, queryset):
        self.queryset = queryset

    def __getitem__(self, item):
        return _with_parent_codes(self.queryset[item])

    def count(self):
        return self.queryset.count()

    def capped_count(self, cap):
        return capped_count(self.queryset, cap)

    def __len__(self):
        return self.count()


@router.get("/{code}", response=UnitOut)
def get_unit(request, code: str):
    unit = get_object_or_404(scope.scoped(request.user, Unit), code=code)
    return _with_parent_codes([unit])[0]


class OrganisationOut(Schema):
    id: int
    name: str
    abbreviation: str
    kind: str = Field(..., alias="kind.code")
    unit: str = Field(..., alias="unit.code")
    parent: int | None = Field(None, alias="parent_id")
    is_active: bool


@organisation_router.get("", response=list[OrganisationOut])
@paginate(CappedLimitOffsetPagination)
def list_organisations(request, unit: str | None = None, kind: str | None = None):
    organisations = scope.scoped(request.user, Organisation).select_related("kind", "unit")
    if unit:
        unit_obj = get_object_or_404(scope.scoped(request.user, Unit), code=unit)
        organisations = organisations.filter(unit__path__startswith=unit_obj.path)
    if kind:
        organisations = organisations.filter(kind__code=kind)
    return organisations.order_by("unit__path", "kind__sort_order", "name")


@organisation_router.get("/{organisation_id}", response=OrganisationOut)
def get_organisation(request, organisation_id: int):
    return scope.access(request.user, Organisation, organisation_id)
