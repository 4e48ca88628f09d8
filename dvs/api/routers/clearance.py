"""Land clearance advocacy: key projects, their parties, steps and visits."""

from ninja import Router

router = Router(tags=["clearance"])
