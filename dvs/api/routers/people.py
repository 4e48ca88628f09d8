import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from dvs.accounts import scope
from dvs.api.types import CleanStr, IsoDate
from dvs.lib.paging import CappedLimitOffsetPagination
from dvs.people import actions, importing
from dvs.people.forms import PersonForm
from dvs.people.models import ImportJob, Membership, Person, Sex, can_see_sensitive
from dvs.people.stats import membership_stats
from dvs.units.models import Organisation, Unit

router = Router(tags=["people"])
memberships_router = Router(tags=["memberships"])

ORDERINGS = {
    "name": "name_sort",
    "-name": "-name_sort",
    "birth": "birth_year",
    "-birth": "-birth_year",
    "created": "created_at",
    "-created": "-created_at",
}


class PersonOut(Schema):
    id: int
    full_name: str
    sex: str
    birth_date: datetime.date | None
    birth_year: int | None
    unit: str = Field(..., alias="unit_code")
    household: int | None = Field(None, alias="household_id")
    phone: str
    status: str


class MembershipOut(Schema):
    organisation: int = Field(..., alias="organisation_id")
    organisation_name: str = Field(..., alias="organisation.name")
    role: str
    joined_on: datetime.date | None
    ended_on: datetime.date | None


class PersonDetailOut(Schema):
    id: int
    full_name: str
    sex: str
    birth_date: datetime.date | None
    birth_year: int | None
    unit: str
    household: int | None
    phone: str
    status: str
    id_number: str | None = Field(None, description="Chỉ với vai trò được xem dữ liệu nhạy cảm")
    ethnicity: str | None = None
    religion: str | None = None
    memberships: list[MembershipOut] = Field(
        [], description="Chỉ các tư cách hội viên thuộc phạm vi của người dùng"
    )


class PersonIn(Schema):
    full_name: CleanStr
    sex: Sex
    unit: CleanStr = Field(..., description="Mã khu phố / tổ dân phố")
    birth_date: IsoDate | None = None
    birth_year: int | None = None
    phone: CleanStr = ""
    id_number: CleanStr = ""
    ethnicity: CleanStr = ""
    religion: CleanStr = ""


def _writable_unit(request, code):
    unit = scope.writable_anchor(request.user, Person, "add").filter(code=code).first()
    if unit is None:
        raise HttpError(404, _("No such unit in your scope."))
    return unit


@router.get("", response=list[PersonOut])
@paginate(CappedLimitOffsetPagination)
def list_people(
    request,
    q: str | None = None,
    unit: str | None = None,
    organisation: int | None = None,
    ordering: str = "name",
):
    """Residents in scope. `q`: accent-insensitive name search; ordered by name the
    Vietnamese way (given name, middle, family) unless `ordering` says otherwise.
    `count` is exact up to 10,000; beyond, it is 10,000 with `count_is_capped` true
    (search or filter to narrow the list). A search for a name more than 2,000 people
    in scope share counts 2,000 with `count_is_capped` true."""
    people = scope.scoped(request.user, Person).living().annotate(unit_code=F("unit__code"))
    if unit:
        unit_obj = get_object_or_404(scope.scoped(request.user, Unit), code=unit)
        people = people.filter(unit__path__startswith=unit_obj.path)
    if organisation:
        # Only an organisation in scope, and only the memberships the user may see.
        organisation_obj = get_object_or_404(
            scope.scoped(request.user, Organisation), pk=organisation
        )
        people = people.members_of(organisation_obj, user=request.user)
    if q:
        people = people.search(q)
    return people.order_by(ORDERINGS.get(ordering, "name_sort"), "id")


@router.get("/import/{job_id}", response=dict)
def import_status(request, job_id: int):
    job = scope.access(request.user, ImportJob, job_id)
    return _job_out(job)


@router.post("/import", response={202: dict, 400: dict, 403: dict})
def start_import(request, unit: Form[str], file: File[UploadedFile]):
    """Import a spreadsheet into a unit with the automatic column mapping; valid rows are
    committed in one transaction, the rest reported. Poll GET /people/import/{id}.
    403 for a unit the caller may not import into (unknown codes alike)."""
    try:
        job = actions.start_import(
            by=request.user,
            unit=Unit.objects.filter(code=unit).first(),
            file=file,
            auto_commit=True,
        )
    except PermissionDenied:
        raise HttpError(403, _("You may not import residents.")) from None
    except importing.ImportError_ as error:
        return Status(400, {"detail": str(error)})
    job.refresh_from_db()
    return Status(202, _job_out(job))


def _job_out(job):
    return {
        "id": job.pk,
        "status": job.status,
        "progress": job.progress,
        "total": job.total_rows,
        "imported": job.imported_rows,
        "rejected": job.rejected_rows,
        "message": job.message,
        "errors": [{"row": e["row"], "messages": e["messages"]} for e in job.errors[:1000]],
    }


@router.get("/{person_id}", response=PersonDetailOut)
def get_person(request, person_id: int):
    person = scope.access(request.user, Person.objects.select_related("unit"), person_id)
    out = {
        "id": person.pk,
        "full_name": person.full_name,
        "sex": person.sex,
        "birth_date": person.birth_date,
        "birth_year": person.birth_year,
        "unit": person.unit.code,
        "household": person.household_id,
        "phone": person.phone,
        "status": person.status,
        # The same memberships as the back office's resident page: those in scope only.
        "memberships": scope.scoped(request.user, Membership)
        .filter(person=person)
        .select_related("organisation")
        .order_by("organisation__name", "pk"),
    }
    if can_see_sensitive(request.user, person):
        out.update(person.reveal(request.user))
    return out


@router.post("", response={201: PersonDetailOut, 422: dict})
def create_person(request, payload: PersonIn):
    """Create a resident, checked by the same form as the back office."""
    if not request.user.has_perm("people.add_person"):
        raise HttpError(403, _("You may not add residents."))
    unit = _writable_unit(request, payload.unit)
    data = {**payload.dict(), "unit": unit.pk, "status": Person.Status.LIVING}
    form = PersonForm(data, for_user=request.user)
    sensitive = [name for name in ("id_number", "ethnicity", "religion") if data[name]]
    if sensitive and not form.shows_sensitive:
        return Status(422, {"detail": _("You may not record protected personal data.")})
    if not form.is_valid():
        errors = [message for messages in form.errors.values() for message in messages]
        return Status(422, {"detail": _("Invalid data."), "errors": errors})
    with transaction.atomic():
        person = form.save()
    return Status(201, get_person(request, person.pk))


class OrganisationStats(Schema):
    organisation: int
    name: str
    kind: str
    unit: str
    members: int
    eligible: int | None
    coverage: float | None


@memberships_router.get("/stats", response=list[OrganisationStats])
def membership_statistics(request, unit: str):
    """Active members by organisation in the unit's subtree, with coverage (members /
    eligible residents by the kind's eligibility rule)."""
    unit_obj = get_object_or_404(scope.scoped(request.user, Unit), code=unit)
    return [
        {
            "organisation": row["organisation"].pk,
            "name": row["organisation"].name,
            "kind": row["organisation"].kind.code,
            "unit": row["organisation"].unit.code,
            "members": row["members"],
            "eligible": row["eligible"],
            "coverage": row["coverage"],
        }
        for row in membership_stats(request.user, unit_obj)
    ]
