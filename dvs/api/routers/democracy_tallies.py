"""Grassroots democracy API (tallies): to be written."""

from ninja import Router

router = Router(tags=["democracy"])

