import datetime

from dvs.emulation import reference
from dvs.emulation.models import Criterion, Exemplar, ExemplarField, Level, Status
from dvs.testing import BaseTestCase


def make_exemplar(unit, name="Tuyến phố xanh", *, field="economy", year=2024, **fields):
    reference.install()
    defaults = {
        "level": Level.WARD,
        "started_on": datetime.date(year, 3, 1),
        "problem": "Rác thải bừa bãi",
        "method": "Mỗi hộ nhận một đoạn phố",
        "status": Status.RUNNING,
    }
    return Exemplar.objects.create(
        name=name,
        field=ExemplarField.objects.get(code=field),
        unit=unit,
        year=year,
        **{**defaults, **fields},
    )


def full_marks():
    return {c.pk: c.max_score for c in Criterion.objects.filter(is_active=True)}


def marks(value):
    return {c.pk: value for c in Criterion.objects.filter(is_active=True)}


class EmulationTestCase(BaseTestCase):
    """The small city of BaseTestCase with an exemplar in each ward."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        reference.install()
        cls.exemplar_a = make_exemplar(cls.ward_a, "Tuyến phố xanh An Bình")
        cls.exemplar_b = make_exemplar(
            cls.ward_b, "Camera an ninh Bình Minh", field="defence_security"
        )
