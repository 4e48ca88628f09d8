"""Grassroots democracy API (boards): to be written."""

from ninja import Router

router = Router(tags=["democracy"])
