"""Religious affairs API: filings (stub, filled by its part)."""

from ninja import Router

router = Router(tags=["religion"])
