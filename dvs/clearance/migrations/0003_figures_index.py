"""A covering index for the route roll-up (stats.py): the grouped count of a route's
parties by segment reads the index alone instead of 30,000 rows
(bench/bench_clearance.py, docs/performance.md). Raw SQL, the same on SQLite and
PostgreSQL, so that the model's state (models.py, owned by another part) is unchanged."""

from django.db import migrations

INDEX = "clearance_party_figures"


class Migration(migrations.Migration):
    dependencies = [("clearance", "0001_initial")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON clearance_affectedparty "
            "(segment_id, handed_over_on, paid_on, agreed, visit_count)",
            f"DROP INDEX {INDEX}",
        )
    ]
