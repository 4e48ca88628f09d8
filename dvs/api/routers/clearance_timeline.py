"""The legal clock calculator of land clearance (POST /api/v1/clearance/timeline)."""

from ninja import Router

router = Router(tags=["clearance"])
