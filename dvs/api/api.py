"""The REST API, versioned under /api/v1/, with its OpenAPI schema at /api/v1/openapi.json.

Each domain adds a router in `dvs/api/routers/`; every query in a router goes through
`dvs.accounts.scope`.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.parser import Parser
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from .auth import BearerToken
from .routers import (
    calendar,
    cases,
    clearance,
    clearance_timeline,
    democracy_boards,
    democracy_consultations,
    democracy_elections,
    democracy_matters,
    democracy_tallies,
    emulation,
    people,
    planning,
    religion_figures,
    religion_filings,
    religion_registry,
    religion_stats,
    reports,
    units,
    work,
)


class SingleValuedQuery(Parser):
    """Refuses a query parameter given twice (`?status=a&status=b`) unless it is declared
    as a list, instead of silently keeping the last value."""

    def parse_querydict(self, data, list_fields, request):
        if data is request.GET:
            repeated = [k for k in data if k not in list_fields and len(data.getlist(k)) > 1]
            if repeated:
                raise ValidationError(
                    [
                        {
                            "type": "repeated",
                            "loc": ["query", key],
                            "msg": _("This parameter may be given only once."),
                        }
                        for key in repeated
                    ]
                )
        return super().parse_querydict(data, list_fields, request)


class LocalTimeEncoder(NinjaJSONEncoder):
    """Times leave in the platform's one time zone with their offset
    (2026-07-01T06:30:00+07:00), not in UTC (…Z): a client that shows the text as it is
    shows the time the back office shows."""

    def default(self, o):
        if isinstance(o, datetime.datetime) and timezone.is_aware(o):
            o = timezone.localtime(o)
        return super().default(o)


class LocalTimeRenderer(JSONRenderer):
    encoder_class = LocalTimeEncoder


# The answers every operation may give besides its own: a body that is not JSON (400), no
# or a revoked token (401), an action refusing the caller (403), an object or a unit
# filter outside the caller's scope or unknown (404, one answer for both), and input
# outside its type or range (422).
ERROR_RESPONSES = {
    "400": "Yêu cầu không hợp lệ: không đọc được nội dung, hoặc bước xử lý không được phép.",
    "401": "Chưa xác thực, hoặc mã truy cập không hợp lệ.",
    "403": "Người gọi xem được đối tượng nhưng không được thực hiện thao tác này.",
    "404": "Không tìm thấy, hoặc nằm ngoài phạm vi của người gọi.",
    "422": "Dữ liệu không hợp lệ: giá trị sai kiểu hoặc ngoài giới hạn, hoặc tham số truyền hai lần.",
}
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {"title": "Detail", "type": "string"},
        "errors": {"title": "Errors", "type": "array", "items": {"type": "object"}},
    },
    "required": ["detail"],
}


class DocumentedAPI(NinjaAPI):
    """Declares on every operation the error answers it can really give (ERROR_RESPONSES),
    in one place, so clients and the schema fuzzer know them."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["components"].setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                declared = {str(code) for code in responses}  # ninja's own keys are ints
                for code, description in ERROR_RESPONSES.items():
                    if code not in declared:
                        responses[code] = {"description": description, "content": error}
        return schema


api = DocumentedAPI(
    title="Dân Vận Số API",
    version="1",
    description="API của nền tảng Dân Vận Số. Xác thực: `Authorization: Bearer <token>`.",
    auth=BearerToken(),
    urls_namespace="api-v1",
    docs_url="/docs",
    parser=SingleValuedQuery(),
    renderer=LocalTimeRenderer(),
)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    return api.create_response(
        request, {"detail": _("Not authenticated, or the access token is invalid.")}, status=401
    )


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    """An action refused the caller an object they may see (one they may not see is 404)."""
    return api.create_response(
        request, {"detail": str(exc) or _("You do not have permission to do this.")}, status=403
    )


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return api.create_response(
        request, {"detail": _("Invalid data."), "errors": exc.errors}, status=422
    )


api.add_router("/units", units.router)
api.add_router("/organisations", units.organisation_router)
api.add_router("/people", people.router)
api.add_router("/memberships", people.memberships_router)
api.add_router("/calendar", calendar.router)
api.add_router("/cases", cases.router)
api.add_router("/exemplars", emulation.router)
api.add_router("/tasks", planning.router)
api.add_router("/directives", planning.directives_router)
api.add_router("/programs", planning.programs_router)
api.add_router("/reports", reports.router)
api.add_router("/work", work.router)
api.add_router("/clearance", clearance.router)
api.add_router("/clearance/timeline", clearance_timeline.router)
api.add_router("/religion", religion_registry.router)
api.add_router("/religion/figures", religion_figures.router)
api.add_router("/religion/filings", religion_filings.router)
api.add_router("/religion/stats", religion_stats.router)
api.add_router("/democracy", democracy_matters.router)
api.add_router("/democracy", democracy_tallies.router)
api.add_router("/democracy", democracy_elections.router)
api.add_router("/democracy", democracy_consultations.router)
api.add_router("/democracy", democracy_boards.router)
