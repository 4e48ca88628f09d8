"""Enums of the API schema."""

import enum


def named_choices(name, choices):
    """The values of Django `choices` as an enum named `name` for the API schema, where
    every schema needs a name of its own: ninja keeps one schema per name, so two models'
    `Status` would silently become one (and `/cases?status=` documented the exemplars')."""
    return enum.StrEnum(name, {member.name: member.value for member in choices})
