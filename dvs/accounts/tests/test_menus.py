"""Each role sees the menus it can use: a screen where it acts, or a reading screen when
it oversees units below its own. The expected menus are built from each user's
permissions and grants, not written out."""

from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from dvs.accounts import scope
from dvs.accounts.viewsets import PermissionMenuItem
from dvs.testing import BaseTestCase, add_sibling_personas
from dvs.units.models import Unit


def leaves(user):
    """{url: item} of the menu's links `user` is shown."""
    reverse("wagtailadmin_home")  # the admin's URLs register the viewsets' menu items
    request = RequestFactory().get("/admin/")
    request.user = user
    found = {}

    def walk(items):
        for item in items:
            menu = getattr(item, "menu", None)
            if menu is not None:
                walk(menu.menu_items_for_request(request))
            else:
                found[item.url] = item

    walk(admin_menu.menu_items_for_request(request))
    return found


def permissions_of(item):
    """The permissions that lead to an item's screen: a model's four, or the screen's one;
    None for items shown to all (the holiday calendar, the account)."""
    model = getattr(item, "model", None)
    if model is not None:
        opts = model._meta
        return [
            f"{opts.app_label}.{a}_{opts.model_name}" for a in ("add", "change", "delete", "view")
        ]
    if isinstance(item, PermissionMenuItem):
        return [item.permission]
    return None


def expected(user, item):
    """Shown if the user holds a permission acting on the screen's model; or reads it
    through a grant whose subtree holds units below its own."""
    names = permissions_of(item)
    if names is None:
        return True
    held = user.get_all_permissions()
    for name in names:
        if name not in held:
            continue
        app, codename = name.split(".")
        model = codename.split("_", 1)[1]
        acting = {
            p
            for p in held
            if p.startswith(f"{app}.") and p.endswith(f"_{model}") and ".view_" not in p
        }
        if acting and not getattr(item, "reading", False):
            return True
        from django.apps import apps

        rule = scope.rule_for(apps.get_model(app, model))
        for grant in scope.grants(user):
            if grant.organisation_id and rule.organisation_limited_sees_nothing:
                continue  # such a grant reads none of these rows
            if scope.role_allows(grant.role, name) and (
                Unit.objects.filter(path__startswith=grant.unit_path).count() > 1
            ):
                return True
    return False


class MenuTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)

    def test_each_role_sees_the_menus_it_can_use(self):
        everything = leaves(self.admin)
        for user in (
            self.neighbourhood_a1_committee,
            self.ward_a_officer,
            self.ward_a_reception_officer,
            self.ward_a_women_officer,
            self.readonly_leader,
            self.city_specialist,
        ):
            with self.subTest(user=user.username):
                shown = set(leaves(user))
                want = {
                    url
                    for url, item in everything.items()
                    if permissions_of(item) is not None and expected(user, item)
                }
                # Items shown to all, or by their own rule (Wagtail's), are left as they are.
                want |= {url for url in shown if permissions_of(everything[url]) is None}
                self.assertEqual(shown, want)

    def test_a_neighbourhood_committee_is_not_shown_the_lists_it_only_reads(self):
        committee = set(leaves(self.neighbourhood_a1_committee))
        reader = set(leaves(self.readonly_leader))
        # It records residents and cases, and the progress of its assignments...
        for name in ("person:index", "household:index", "cases_intake", "assignment:index"):
            self.assertIn(reverse(name), committee)
        # ...but only reads its own unit, its organisations and the ward's reception.
        for name in ("unit:index", "organisation:index", "term:index", "reception_session:index"):
            url = reverse(name)
            self.assertNotIn(url, committee)
            self.assertIn(url, reader)  # the city's reader oversees them
        # Screens of figures only are for those overseeing units below their own.
        ward = set(leaves(self.ward_a_officer))
        for name in ("cases_dashboard", "emulation_stats"):
            self.assertNotIn(reverse(name), committee)
            self.assertIn(reverse(name), ward)
        self.assertLess(len(committee), len(ward))

    def test_an_organisation_officer_is_not_shown_the_reception_it_cannot_see(self):
        officer = set(leaves(self.ward_a_women_officer))
        self.assertIn(reverse("case:index"), officer)  # it passes cases on
        self.assertNotIn(reverse("reception_session:index"), officer)
        self.assertIn(reverse("reception_session:index"), set(leaves(self.ward_a_officer)))

    def test_a_hidden_menu_does_not_close_the_screen(self):
        # The menu only hides what is of no use; a link to the unit still opens.
        self.login(self.neighbourhood_a1_committee)
        response = self.client.get(reverse("unit:inspect", args=[self.neighbourhood_a1.pk]))
        self.assertEqual(response.status_code, 200)


class EmptyListTests(BaseTestCase):
    def test_an_empty_list_says_what_to_do_next(self):
        self.login(self.neighbourhood_a1_committee)
        response = self.client.get(reverse("person:index"))
        self.assertContains(response, "Chưa có người dân nào trong phạm vi của bạn.")
        self.assertContains(response, reverse("person:add"))
        self.assertContains(response, reverse("people_import_new"))
        # A reader is offered neither.
        self.login(self.readonly_leader)
        response = self.client.get(reverse("person:index"))
        self.assertContains(response, "Chưa có người dân nào trong phạm vi của bạn.")
        self.assertNotContains(response, reverse("people_import_new"))
        # A filter that matches nothing says so, not what to add.
        response = self.client.get(reverse("person:index"), {"q": "khong ai"})
        self.assertNotContains(response, "trong phạm vi của bạn")
