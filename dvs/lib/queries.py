"""Query helpers that keep prefix searches on an index, on SQLite and PostgreSQL alike."""

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignKey, IntegerField, Lookup, Q

# Above every character a folded key holds (letters, digits, space): key < key + HIGH.
HIGH = "~"


def starts_with(field, prefix):
    """`field` starts with `prefix`, as an index range (prefix <= field < prefix + "~").

    Django's `startswith` is a LIKE, which SQLite cannot serve from an index (its LIKE is
    case-insensitive); a range can. The columns compared this way hold folded ASCII keys
    and use binary ("C") collation on PostgreSQL too, so the range is exact there.
    """
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + HIGH})


class InIntegers(Lookup):
    """`field__in_ids=[…]`: like `__in` for a long list of integer ids, written into the
    SQL as literals. Django resolves each parameter of an `__in` one by one: for a
    city's 5,000 unit ids that costs longer than the database takes to answer (and
    SQLite caps the number of parameters). int() keeps the literals safe."""

    lookup_name = "in_ids"

    def get_prep_lookup(self):
        # A list, not a queryset: a subquery is what this lookup avoids.
        return [int(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        if not self.rhs:
            raise EmptyResultSet
        return f"{lhs} IN ({','.join(map(str, self.rhs))})", params


class InIntegersUnindexed(InIntegers):
    """`field__in_ids_unindexed=[…]`: the same test written `+field IN (…)`, which the
    planners may not answer from an index on `field`. For a query whose other filter is
    the selective one (the few open cases of a city among all its cases): SQLite otherwise
    walks the index on the ids over every row in scope."""

    lookup_name = "in_ids_unindexed"

    def as_sql(self, compiler, connection):
        sql, params = super().as_sql(compiler, connection)
        return f"+{sql}", params


for lookup in (InIntegers, InIntegersUnindexed):
    ForeignKey.register_lookup(lookup)
    IntegerField.register_lookup(lookup)
