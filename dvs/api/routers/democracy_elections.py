"""Grassroots democracy API (elections): to be written."""

from ninja import Router

router = Router(tags=["democracy"])
