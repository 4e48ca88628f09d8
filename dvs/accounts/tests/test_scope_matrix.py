"""The scope rules as one matrix: every scoped model, every persona, every door
(the scope helper, the admin listing, detail/edit URLs, the chooser and the API).

A new model in a dvs app, a new admin viewset or a new API path fails
`test_every_*_is_covered` until it is given a scope rule and a row here.
"""

from django.apps import apps
from django.urls import reverse
from wagtail.admin.viewsets import viewsets as admin_viewsets
from wagtail.admin.viewsets.model import ModelViewSet

from dvs.accounts import scope
from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.signals import UNSCOPED
from dvs.accounts.viewsets import ScopedModelViewSet
from dvs.api.api import api
from dvs.testing import BaseTestCase
from dvs.units.models import Organisation, Term, Unit

# Models that are not domain data of a unit (reference data, tree bookkeeping, people
# who log in) and why they are reachable without a unit scope.
NOT_DOMAIN = {
    "units.organisationkind": "reference data shared by all units, edited by administrators",
    "units.leader": "part of a Term, only edited inside the term's scoped form",
    "units.unitsuccession": "part of a UnitChange",
    "accounts.user": "people who log in; managed by administrators in Wagtail's user admin",
}


class ScopeMatrixTests(BaseTestCase):
    def rows(self):
        """(model, a ward A user who may view it, a row in ward A, a row in ward B)."""
        ward_a_assignment = RoleAssignment.objects.get(user=self.ward_a_officer)
        ward_b_assignment = RoleAssignment.objects.get(user=self.ward_b_officer)
        return [
            (Unit, self.ward_a_officer, self.neighbourhood_a1, self.neighbourhood_b1),
            (Organisation, self.ward_a_officer, self.ward_a_front, self.ward_b_front),
            (Term, self.ward_a_officer, self.ward_a_term, self.ward_b_term),
            (RoleAssignment, self.ward_a_leader, ward_a_assignment, ward_b_assignment),
        ]

    def test_every_dvs_model_is_covered(self):
        matrix = {row[0] for row in self.rows()}
        for model in apps.get_models():
            if not model.__module__.startswith("dvs."):
                continue
            label = model._meta.label_lower
            if label in NOT_DOMAIN or model in UNSCOPED:
                continue
            with self.subTest(model=label):
                self.assertIn(model, scope.registered_models(), "register a scope rule")
                self.assertIn(model, matrix, "add the model to ScopeMatrixTests.rows()")

    def test_every_admin_viewset_of_a_scoped_model_uses_the_scope_door(self):
        for viewset in admin_viewsets.viewsets:
            if isinstance(viewset, ModelViewSet) and viewset.model in scope.registered_models():
                with self.subTest(viewset=viewset.name):
                    self.assertIsInstance(viewset, ScopedModelViewSet)

    def test_in_scope_visible_out_of_scope_invisible_through_the_helper(self):
        for model, user, row_a, row_b in self.rows():
            visible = scope.scoped(user, model)
            with self.subTest(model=model.__name__):
                self.assertTrue(visible.filter(pk=row_a.pk).exists())
                self.assertFalse(visible.filter(pk=row_b.pk).exists())
                self.assertTrue(scope.scoped(self.city_leader, model).filter(pk=row_b.pk).exists())
                self.assertFalse(scope.scoped(self.citizen, model).exists())

    def test_admin_listing_detail_edit_delete_and_chooser(self):
        for model, user, row_a, row_b in self.rows():
            self.login(user)
            name = model._meta.model_name
            with self.subTest(model=name):
                listing = self.client.get(reverse(f"{name}:index"))
                self.assertEqual(listing.status_code, 200)
                self.assertIn(row_a.pk, [o.pk for o in listing.context["object_list"]])
                self.assertNotIn(row_b.pk, [o.pk for o in listing.context["object_list"]])
                for action in ("inspect", "edit", "delete", "history"):
                    url = reverse(f"{name}:{action}", args=[row_b.pk])
                    # 404 where the user could act on such rows, a redirect to the
                    # dashboard ("no permission") where the role cannot at all.
                    self.assertIn(self.client.get(url).status_code, (302, 404), url)
                export = self.client.get(reverse(f"{name}:index") + "?export=csv")
                content = b"".join(export.streaming_content).decode()
                self.assertIn(str(row_a).split(" — ")[0], content)
                self.assertNotIn(str(row_b), content)

    def test_chooser_offers_only_units_in_scope(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("unit_chooser:choose_results"))
        self.assertContains(response, self.ward_a.name)
        self.assertNotContains(response, self.ward_b.name)
        chosen = self.client.get(reverse("unit_chooser:chosen", args=[self.ward_b.pk]))
        self.assertEqual(chosen.status_code, 404)

    def test_organisation_officer_sees_only_their_organisation(self):
        visible = scope.scoped(self.ward_a_women_officer, Organisation)
        self.assertEqual(list(visible), [self.ward_a_women])

    def test_neighbourhood_committee_sees_only_its_neighbourhood(self):
        codes = scope.scoped(self.neighbourhood_a1_committee, Unit).values_list("code", flat=True)
        self.assertEqual(list(codes), ["A1"])

    def test_read_only_leader_can_view_but_not_change(self):
        self.assertTrue(scope.scoped(self.readonly_leader, Organisation).exists())
        self.assertFalse(scope.scoped(self.readonly_leader, Organisation, "change").exists())
        self.login(self.readonly_leader)
        url = reverse("organisation:edit", args=[self.ward_a_front.pk])
        self.assertNotEqual(self.client.get(url).status_code, 200)

    def test_expired_assignment_grants_nothing(self):
        RoleAssignment.objects.filter(user=self.ward_a_officer).update(ends_on="2020-01-01")
        user = User.objects.get(pk=self.ward_a_officer.pk)
        self.assertFalse(scope.scoped(user, Unit).exists())
        self.assertFalse(user.has_perm("wagtailadmin.access_admin"))


# API paths and how the matrix checks them: (path, in-ward-A code/id, in-ward-B code/id).
API_MATRIX = {
    "/units": ("code", lambda t: t.neighbourhood_a1.code, lambda t: t.neighbourhood_b1.code),
    "/units/{code}": None,  # checked by the detail half of the same row
    "/organisations": ("id", lambda t: t.ward_a_front.pk, lambda t: t.ward_b_front.pk),
    "/organisations/{organisation_id}": None,
}


class ApiScopeMatrixTests(BaseTestCase):
    def test_every_api_path_is_in_the_matrix(self):
        paths = {path for path in api.get_openapi_schema()["paths"]}
        prefix = "/api/v1"
        self.assertEqual({p.removeprefix(prefix) for p in paths}, set(API_MATRIX))

    def test_lists_and_details_show_only_rows_in_scope(self):
        for path, spec in API_MATRIX.items():
            if spec is None:
                continue
            key, row_a, row_b = spec
            with self.subTest(path=path):
                body = self.api_get(path, self.ward_a_officer, limit=1000).json()
                keys = [item[key] for item in body["items"]]
                self.assertIn(row_a(self), keys)
                self.assertNotIn(row_b(self), keys)
                self.assertEqual(
                    self.api_get(f"{path}/{row_b(self)}", self.ward_a_officer).status_code, 404
                )
                self.assertEqual(
                    self.api_get(f"{path}/{row_a(self)}", self.ward_a_officer).status_code, 200
                )
                self.assertEqual(self.api_get(path).status_code, 401)
