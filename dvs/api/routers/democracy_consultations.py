"""Grassroots democracy API (consultations): to be written."""

from ninja import Router

router = Router(tags=["democracy"])
