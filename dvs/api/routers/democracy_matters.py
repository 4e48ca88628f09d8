"""Grassroots democracy API (matters): to be written."""

from ninja import Router

router = Router(tags=["democracy"])

