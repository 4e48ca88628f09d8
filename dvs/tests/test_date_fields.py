"""Every date and date-time field of the back office, found by walking the project (our
forms, the admin's model forms of every viewset and page type, the list filters), reads
dd/mm/yyyy day first with or without leading zeros, shows it that way, and refuses what
it cannot read with the platform's message instead of replacing it."""

import datetime
import importlib
import pkgutil

import django_filters
from django import forms
from django.apps import apps
from django.test import SimpleTestCase, TestCase, override_settings
from django.utils import translation
from wagtail.admin.viewsets import viewsets
from wagtail.models import Page

import dvs
from dvs.lib import forms as dvs_forms
from dvs.testing import BaseTestCase

MARCH_1 = datetime.date(2026, 3, 1)
UNREADABLE = ["32/01/2026", "29/02/2026", "3/13/2026", "1/3/26", "mai", "01/03", "2026"]


def _import_project_modules():
    for info in pkgutil.walk_packages(dvs.__path__, "dvs."):
        if ".tests" in info.name or ".migrations" in info.name or "management" in info.name:
            continue
        if info.name.rsplit(".", 1)[-1] in ("settings", "wsgi", "conftest", "testing"):
            continue
        importlib.import_module(info.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def project_forms():
    """(name, form class) of every form the back office shows."""
    _import_project_modules()
    found = {}
    for form in _subclasses(forms.BaseForm):
        if form.__module__.startswith("dvs.") and not form.__name__.startswith("_"):
            found[f"{form.__module__}.{form.__name__}"] = form
    viewsets.populate() if not viewsets.viewsets else None
    for viewset in viewsets.viewsets:
        if hasattr(viewset, "get_form_class") and getattr(viewset, "model", None):
            for update in (False, True):
                try:
                    form = viewset.get_form_class(for_update=update)
                except Exception:  # a viewset whose form needs a request (none today)
                    continue
                found[f"viewset {viewset.name} ({'edit' if update else 'add'})"] = form
    for model in apps.get_models():
        if issubclass(model, Page) and model is not Page:
            found[f"page {model.__name__}"] = model.get_edit_handler().get_form_class()
    return found


def project_filtersets():
    _import_project_modules()
    return {
        f"{f.__module__}.{f.__name__}": f
        for f in _subclasses(django_filters.FilterSet)
        if f.__module__.startswith("dvs.")
    }


def date_fields(form):
    for name, field in form.base_fields.items():
        if isinstance(field, forms.DateField | forms.DateTimeField):
            yield name, field
        elif isinstance(field, forms.MultiValueField):
            for index, sub in enumerate(field.fields):
                if isinstance(sub, forms.DateField | forms.DateTimeField):
                    yield f"{name}[{index}]", sub


class EveryDateField(SimpleTestCase):
    """The walk itself, then every field it finds."""

    def setUp(self):
        translation.activate("vi")
        self.addCleanup(translation.deactivate)

    def test_the_walk_finds_the_forms_users_type_dates_into(self):
        found = {name: [n for n, _f in date_fields(form)] for name, form in project_forms().items()}
        expected = {
            "dvs.cases.forms.IntakeForm": "received_on",
            "dvs.cases.forms.DashboardPeriodForm": "start",
            "dvs.cases.reception_forms.PeriodForm": "start",
            "dvs.planning.forms.ProgressForm": "date",
            "dvs.portal.admin_views.StatsForm": "start",
            "dvs.people.forms.PersonForm": "birth_date",
        }
        for form, field in expected.items():
            self.assertIn(field, found.get(form, []), form)
        # Model forms of the admin: report periods, exemplars, tasks, directives.
        viewset_fields = {
            f for name, names in found.items() if name.startswith("viewset") for f in names
        }
        for field in ("start", "due_on", "started_on", "deadline", "issued_on"):
            self.assertIn(field, viewset_fields)

    def test_every_date_field_reads_day_first_and_refuses_what_it_cannot_read(self):
        checked = 0
        for form_name, form in project_forms().items():
            for name, field in date_fields(form):
                with self.subTest(form=form_name, field=name):
                    checked += 1
                    if isinstance(field, forms.DateTimeField):
                        self.assertIsInstance(field, dvs_forms.DateTimeField)
                        value = field.clean("1/3/2026 14:30")
                        self.assertEqual(
                            (value.date(), value.hour, value.minute), (MARCH_1, 14, 30)
                        )
                        with self.assertRaises(forms.ValidationError) as refused:
                            field.clean("01/03/2026 25:00")
                        self.assertEqual(refused.exception.messages, [dvs_forms.DATETIME_INVALID])
                        continue
                    self.assertIsInstance(field, dvs_forms.DateField)
                    self.assertEqual(field.clean("1/3/2026"), MARCH_1)
                    self.assertEqual(field.clean("01/03/2026"), MARCH_1)
                    self.assertEqual(field.clean(" 01/03/2026 "), MARCH_1)
                    for text in UNREADABLE:
                        with self.assertRaises(forms.ValidationError) as refused:
                            field.clean(text)
                        self.assertEqual(refused.exception.messages, [dvs_forms.DATE_INVALID])
                    # Shown as it is typed: day first, two digits.
                    self.assertIn('value="01/03/2026"', field.widget.render(name, MARCH_1))
        self.assertGreater(checked, 40)

    def test_every_list_filter_over_dates_reads_day_first(self):
        checked = 0
        for name, filterset in project_filtersets().items():
            for filter_name, filter_ in filterset.base_filters.items():
                if not isinstance(filter_, django_filters.DateFromToRangeFilter):
                    continue
                with self.subTest(filterset=name, filter=filter_name):
                    checked += 1
                    field = filter_.field
                    value = field.clean(["1/3/2026", "31/3/2026"])
                    self.assertEqual((value.start.date(), value.stop.day), (MARCH_1, 31))
                    with self.assertRaises(forms.ValidationError) as refused:
                        field.clean(["1/3/2026", "3/31/2026"])
                    self.assertEqual(refused.exception.messages, [dvs_forms.DATE_INVALID])
        self.assertGreater(checked, 0)

    def test_the_english_interface_reads_dates_day_first_too(self):
        with translation.override("en"):
            self.assertEqual(dvs_forms.DateField().clean("01/03/2026"), MARCH_1)
        with translation.override(None):
            self.assertEqual(dvs_forms.DateField().clean("01/03/2026"), MARCH_1)


@override_settings(LANGUAGE_CODE="vi")
class DashboardPeriod(TestCase):
    """The case dashboard's period: an unreadable date is refused, not replaced."""

    @classmethod
    def setUpTestData(cls):
        from dvs.accounts.models import User

        cls.admin = User.objects.create_superuser("quantri", password="x")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_dates_typed_day_first_set_the_period(self):
        response = self.client.get(
            "/admin/cases/dashboard/", {"from": "1/3/2026", "to": "31/3/2026"}
        )
        self.assertEqual(response.context["start"], MARCH_1)
        self.assertContains(response, 'value="01/03/2026"')

    def test_an_unreadable_date_is_refused_and_no_figures_shown(self):
        response = self.client.get("/admin/cases/dashboard/", {"from": "3/31/2026"})
        self.assertContains(response, str(dvs_forms.DATE_INVALID))
        self.assertContains(response, 'value="3/31/2026"')  # what was typed, kept
        self.assertNotIn("figures", response.context)


class ListFilter(BaseTestCase):
    """The case list's "received" filter: dd/mm/yyyy filters, garbage lists nothing."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from dvs.cases.tests.helpers import receive

        cls.march = receive(cls.ward_a, received_on=MARCH_1)
        cls.april = receive(cls.ward_a, received_on=datetime.date(2026, 4, 1))

    def setUp(self):
        self.client.force_login(self.city_leader)

    def listed(self, **params):
        response = self.client.get("/admin/case/", params)
        self.assertEqual(response.status_code, 200)
        return response, {case.pk for case in response.context["object_list"]}

    def test_a_day_first_range_filters(self):
        _response, listed = self.listed(received_on_from="1/3/2026", received_on_to="31/3/2026")
        self.assertEqual(listed, {self.march.pk})

    def test_an_unreadable_date_is_refused_and_lists_nothing(self):
        response, listed = self.listed(received_on_from="3/31/2026")
        self.assertEqual(listed, set())
        with translation.override("vi"):
            self.assertContains(response, str(dvs_forms.DATE_INVALID))
