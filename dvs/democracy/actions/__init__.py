"""Writes of grassroots democracy, one module per part (matters, tallies, elections and
charters and conferences, consultations and disclosures, boards). Each write is one
transaction, takes the acting user as `by`, checks the user's scope and permission itself
before writing, is audited, and raises ValidationError with the message a user reads. The
helpers are shared with the other apps (dvs/accounts/writes.py)."""

from dvs.accounts.writes import (  # noqa: F401
    assign,
    check_can,
    check_unit,
    check_visible,
    clean_fields,
    delete,
    not_future,
    refuse,
)
