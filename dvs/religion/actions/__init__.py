"""Writes of religious affairs, one module per part (registry, dignitaries, filings,
figures). Each write is one transaction, takes the acting user as `by`, checks the user's
scope itself before writing (`check_unit`, `check_can`), is audited without naming any
protected value, and raises ValidationError with the message a user reads. The helpers
are shared with the other apps (dvs/accounts/writes.py)."""

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
