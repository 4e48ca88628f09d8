"""Query helpers that keep prefix searches on an index, on SQLite and PostgreSQL alike."""

from django.db.models import Q

# Above every character a folded key holds (letters, digits, space): key < key + HIGH.
HIGH = "~"


def starts_with(field, prefix):
    """`field` starts with `prefix`, as an index range (prefix <= field < prefix + "~").

    Django's `startswith` is a LIKE, which SQLite cannot serve from an index (its LIKE is
    case-insensitive); a range can. The columns compared this way hold folded ASCII keys
    and use binary ("C") collation on PostgreSQL too, so the range is exact there.
    """
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + HIGH})
