from django.core.checks import Warning, register
from django.db import DatabaseError


@register("database", deploy=True)
def check_root_unit(app_configs, **kwargs):
    """units.W001: a platform without a root unit has nobody to scope users to."""
    from .models import Unit

    try:
        if Unit.get_root_nodes().exists():
            return []
    except DatabaseError:
        return []
    return [
        Warning(
            "No root unit exists.",
            hint="Run `manage.py seed_demo` or `manage.py load_units PROVINCE_CODE`.",
            id="units.W001",
        )
    ]
