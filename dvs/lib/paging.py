"""Counting long lists without reading all of them.

A city's resident list has a million rows; counting them exactly costs half a second on
SQLite, and nobody pages past a few hundred pages: they search or filter instead. These
paginators count up to COUNT_CAP rows (`SELECT COUNT(*) FROM (… LIMIT cap + 1)`) and say
"more than" beyond it.
"""

from django.utils.functional import cached_property
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from wagtail.admin.paginator import WagtailPaginator

COUNT_CAP = 10_000

# The API's page bounds: larger values are refused with 422, not passed to the database
# (an offset of 2**63 overflowed its integer and answered 500).
API_MAX_LIMIT = 500
API_MAX_OFFSET = 1_000_000_000


def capped_count(queryset, cap=None):
    """(count, capped): the exact count up to `cap`, else (cap, True)."""
    cap = cap or COUNT_CAP
    # A queryset that knows its count without counting says so (a common name's search).
    known = getattr(queryset, "capped_count", None)
    if known and (answer := known(cap)):
        return answer
    # Ordering does not change a count; dropping it also avoids a Django error when
    # counting a sliced, ordered union (a name search can be one).
    counted = queryset.order_by()[: cap + 1].count()
    return min(counted, cap), counted > cap


class CappedPaginator(WagtailPaginator):
    @cached_property
    def count(self):
        count, self.capped = capped_count(self.object_list)
        return count


class CappedLimitOffsetPagination(LimitOffsetPagination):
    """The pagination of every API list: `limit` 1..API_MAX_LIMIT (default 100),
    `offset` 0..API_MAX_OFFSET, and a count capped at COUNT_CAP."""

    class Input(Schema):
        limit: int = Field(
            100, ge=1, le=API_MAX_LIMIT, description=f"1–{API_MAX_LIMIT} mục mỗi trang"
        )
        offset: int = Field(0, ge=0, le=API_MAX_OFFSET)

    class Output(Schema):
        items: list
        count: int
        count_is_capped: bool = False

    def paginate_queryset(self, queryset, pagination, request, **params):
        offset, limit = pagination.offset, pagination.limit
        count, capped = capped_count(queryset)
        return {
            "items": queryset[offset : offset + limit],
            "count": count,
            "count_is_capped": capped,
        }
