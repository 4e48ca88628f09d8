"""The home page's work list: each source shows the user's own work in their scope (a
sibling ward's items never appear), links to the action, and `manage.py work_list`
prints the same."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dvs.accounts.dashboard import work_list
from dvs.cases.models import Case, Kind
from dvs.cases.tests.helpers import receive
from dvs.testing import BaseTestCase


def section(user, key):
    """{title: url} of the user's section `key` (empty if the section is not shown)."""
    for s in work_list(user):
        if s.source.key == key:
            return {item.title: item.url for item in s.items}
    return {}


class CasesWorkListTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from dvs.cases import workflow

        cls.mine = receive(cls.ward_a, kind=Kind.DENUNCIATION)
        workflow.assign(cls.mine, by=cls.ward_a_leader, handler=cls.ward_a_reception_officer)
        cls.waiting = receive(cls.ward_a)
        cls.sibling_waiting = receive(cls.ward_b)
        # A case of the sibling ward naming the same handler (written directly: the
        # workflow refuses a handler outside the case's ward) stays out of their list.
        cls.sibling_mine = receive(cls.ward_b)
        Case.objects.filter(pk=cls.sibling_mine.pk).update(handler=cls.ward_a_reception_officer)

    def test_the_handler_sees_their_open_cases_with_days_left(self):
        items = work_list(self.ward_a_reception_officer)
        mine = next(s for s in items if s.source.key == "my_cases")
        self.assertEqual(
            [i.url for i in mine.items], [reverse("case:inspect", args=[self.mine.pk])]
        )
        self.assertEqual(mine.all_url, reverse("case:index") + "?handler=me")
        self.assertIn("quá hạn", mine.items[0].note)  # received on 2/3/2026, long overdue
        self.assertEqual(mine.items[0].state, "overdue")

    def test_cases_waiting_for_a_handler_of_the_own_ward_only(self):
        urls = set(section(self.ward_a_reception_officer, "cases_to_assign").values())
        self.assertEqual(urls, {reverse("case:inspect", args=[self.waiting.pk])})
        urls_b = set(section(self.city_leader, "cases_to_assign").values())
        self.assertEqual(
            urls_b,
            {reverse("case:inspect", args=[c.pk]) for c in (self.waiting, self.sibling_waiting)},
        )

    def test_a_closed_case_leaves_the_list(self):
        from dvs.cases import workflow

        workflow.archive(
            self.mine,
            by=self.ward_a_reception_officer,
            archived_on=datetime.date(2026, 3, 3),
            reason="Đơn không đủ điều kiện thụ lý",
        )
        self.mine.refresh_from_db()
        self.assertFalse(self.mine.is_open)
        self.assertEqual(section(self.ward_a_reception_officer, "my_cases"), {})

    def test_the_my_cases_filter_of_the_list(self):
        self.login(self.ward_a_reception_officer)
        response = self.client.get(reverse("case:index"), {"handler": "me"})
        self.assertContains(response, self.mine.code)
        self.assertNotContains(response, self.waiting.code)
        self.assertNotContains(response, self.sibling_mine.code)
        none = self.client.get(reverse("case:index"), {"handler": "none"})
        self.assertContains(none, self.waiting.code)
        self.assertNotContains(none, self.mine.code)

    def test_the_api_filters_cases_by_handler_as_the_list_does(self):
        def codes(user, handler):
            body = self.api_get("/cases", user, handler=handler).json()
            return {item["code"] for item in body["items"]}

        officer = self.ward_a_reception_officer
        self.assertEqual(codes(officer, "me"), {self.mine.code})
        self.assertEqual(codes(officer, officer.username), {self.mine.code})
        self.assertIn(self.waiting.code, codes(officer, "none"))
        self.assertNotIn(self.mine.code, codes(officer, "none"))
        # The filter narrows what the caller's scope holds and nothing more: ward B asking
        # for ward A's handler gets only its own case naming them, never ward A's.
        self.assertEqual(codes(self.ward_b_officer, officer.username), {self.sibling_mine.code})

    def test_the_home_page_shows_the_work_list(self):
        self.login(self.ward_a_reception_officer)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "Hồ sơ tôi xử lý")
        self.assertContains(response, reverse("case:inspect", args=[self.mine.pk]))
        self.assertNotContains(response, reverse("case:inspect", args=[self.sibling_mine.pk]))

    def test_the_api_gives_the_same_work_list_in_scope(self):
        body = self.api_get("/work", self.ward_a_reception_officer).json()
        expected = [
            (s.source.key, [i.url for i in s.items])
            for s in work_list(self.ward_a_reception_officer)
        ]
        self.assertEqual([(s["key"], [i["url"] for i in s["items"]]) for s in body], expected)
        urls = {i["url"] for s in body for i in s["items"]}
        self.assertIn(reverse("case:inspect", args=[self.mine.pk]), urls)
        for sibling in (self.sibling_waiting, self.sibling_mine):
            self.assertNotIn(reverse("case:inspect", args=[sibling.pk]), urls)
        mine = next(s for s in body if s["key"] == "my_cases")
        self.assertEqual(mine["label"], "Hồ sơ tôi xử lý")
        self.assertEqual(mine["items"][0]["state"], "overdue")
        # One item per section when asked; the section says there is more.
        waiting = self.api_get("/work", self.city_leader, limit=1).json()
        to_assign = next(s for s in waiting if s["key"] == "cases_to_assign")
        self.assertEqual((len(to_assign["items"]), to_assign["more"]), (1, True))
        self.assertEqual(self.api_get("/work", self.city_leader, limit=0).status_code, 422)
        self.assertEqual(self.api_get("/work").status_code, 401)

    def test_the_command_prints_the_work_list(self):
        out = StringIO()
        call_command("work_list", "ward_a_reception_officer", stdout=out)
        self.assertIn(self.mine.code, out.getvalue())
        self.assertIn(self.waiting.code, out.getvalue())
        self.assertNotIn(self.sibling_mine.code, out.getvalue())
        out = StringIO()
        call_command("work_list", "citizen", stdout=out)
        self.assertIn("không có việc nào", out.getvalue())


class ReportsWorkListTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from dvs.reports.tests.helpers import make_period, make_template

        today = timezone.localdate()
        cls.period = make_period(
            cls.city,
            make_template(),
            start=today - datetime.timedelta(days=40),
            end=today - datetime.timedelta(days=10),
            due_on=today + datetime.timedelta(days=5),
            name="Quý vừa qua",
        )

    def test_a_ward_sees_its_report_to_send_until_it_is_sent(self):
        from dvs.reports import actions, permissions

        url_a = reverse("reports_unit", args=[self.period.pk, self.ward_a.code])
        self.assertEqual(list(section(self.ward_a_officer, "reports_to_send").values()), [url_a])
        url_b = reverse("reports_unit", args=[self.period.pk, self.ward_b.code])
        self.assertEqual(list(section(self.ward_b_officer, "reports_to_send").values()), [url_b])
        # Nothing for a neighbourhood committee (it files no report).
        self.assertEqual(section(self.neighbourhood_a1_committee, "reports_to_send"), {})

        report = permissions.get_for(self.ward_a_officer, self.period, self.ward_a, action="change")
        report = actions.submit_report(report, by=self.ward_a_officer)
        self.assertEqual(section(self.ward_a_officer, "reports_to_send"), {})
        # The city's board sees it to approve; the ward's own board does not review it.
        self.assertEqual(list(section(self.city_specialist, "reports_to_review").values()), [url_a])
        self.assertEqual(section(self.ward_a_leader, "reports_to_review"), {})

        actions.review_report(
            report, accept=False, comment="Thiếu số liệu", by=self.city_specialist
        )
        returned = work_list(self.ward_a_officer)
        sent = next(s for s in returned if s.source.key == "reports_to_send")
        self.assertEqual(sent.items[0].url, url_a)
        self.assertIn("Thiếu số liệu", sent.items[0].note)
        self.assertEqual(section(self.city_specialist, "reports_to_review"), {})
        # The sibling ward still has its own to send, not ward A's.
        self.assertEqual(list(section(self.ward_b_officer, "reports_to_send").values()), [url_b])

    def test_an_organisation_officer_sees_her_organisation_report_not_the_ward_one(self):
        from dvs.reports import actions, permissions

        url = reverse("reports_organisation", args=[self.period.pk, self.ward_a_women.pk])
        self.assertEqual(
            list(section(self.ward_a_women_officer, "reports_to_send").values()), [url]
        )
        # The ward's officer is shown the ward's report only, not the union's.
        self.assertNotIn(url, section(self.ward_a_officer, "reports_to_send").values())
        report = permissions.get_for(
            self.ward_a_women_officer, self.period, self.ward_a, self.ward_a_women, "change"
        )
        actions.submit_report(report, by=self.ward_a_women_officer)
        self.assertEqual(section(self.ward_a_women_officer, "reports_to_send"), {})


class TasksImportsExemplarsWorkListTests(BaseTestCase):
    def test_tasks_of_the_own_ward_only(self):
        from dvs.planning.tests.helpers import make_task

        task_a = make_task(self.city_specialist, self.city, [self.ward_a], title="Việc A", days=2)
        make_task(self.city_specialist, self.city, [self.ward_b], title="Việc B", days=2)
        self.assertEqual(
            section(self.ward_a_officer, "tasks"),
            {"Việc A": reverse("task:inspect", args=[task_a.pk])},
        )

    def test_imports_waiting_for_confirmation_of_the_own_ward_only(self):
        from dvs.people.models import ImportJob

        def job(unit, status):
            return ImportJob.objects.create(
                unit=unit, original_name=f"{unit.code}.xlsx", created_by=self.admin, status=status
            )

        checked_a = job(self.ward_a, ImportJob.Status.VALIDATED)
        job(self.ward_a, ImportJob.Status.DONE)
        job(self.ward_b, ImportJob.Status.VALIDATED)
        self.assertEqual(
            list(section(self.ward_a_officer, "imports_to_confirm").values()),
            [reverse("people_import_detail", args=[checked_a.pk])],
        )

    def test_exemplars_to_score_until_scored(self):
        from dvs.emulation import actions
        from dvs.emulation.tests.helpers import full_marks, make_exemplar

        exemplar_a = make_exemplar(self.ward_a, "Tuyến phố xanh")
        make_exemplar(self.ward_b, "Camera an ninh")
        self.assertEqual(
            list(section(self.ward_a_leader, "exemplars_to_score")), ["Tuyến phố xanh"]
        )
        self.assertEqual(
            set(section(self.city_specialist, "exemplars_to_score")),
            {"Tuyến phố xanh", "Camera an ninh"},
        )
        # A ward bloc officer registers exemplars but does not score them.
        self.assertEqual(section(self.ward_a_officer, "exemplars_to_score"), {})
        actions.evaluate(
            exemplar_a, year=timezone.localdate().year, scores=full_marks(), by=self.ward_a_leader
        )
        self.assertEqual(section(self.ward_a_leader, "exemplars_to_score"), {})


class PortalWorkListTests(BaseTestCase):
    def test_an_article_is_the_editor_draft_then_waits_for_the_approver(self):
        from dvs.accounts.roles import Role
        from dvs.portal.models import ArticlePage
        from dvs.portal.tests.helpers import make_section
        from dvs.testing import make_user

        section_page = make_section()
        editor = make_user("bientap", Role.PORTAL_EDITOR, self.city)
        approver = make_user("duyettin", Role.PORTAL_APPROVER, self.city)
        self.login(editor)
        url = reverse("wagtailadmin_pages:add", args=["portal", "articlepage", section_page.pk])
        data = {
            "title": "Tin chờ duyệt",
            "slug": "tin-cho-duyet",
            "published_at": "2024-07-24 16:42:07",
            "lead": "Tin mới",
            "body-count": "0",
            "author": "Minh Khang",
            "source": "",
        }
        # Saved as a draft: on the editor's own list, not yet the approver's.
        self.assertEqual(self.client.post(url, data).status_code, 302)
        article = ArticlePage.objects.get(slug="tin-cho-duyet")
        edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
        self.assertEqual(section(editor, "my_drafts"), {"Tin chờ duyệt": edit})
        self.assertEqual(section(approver, "pages_to_approve"), {})
        self.assertEqual(section(approver, "my_drafts"), {})
        # Sent for approval: off the editor's drafts, on the approver's list.
        data["action-submit"] = "1"
        self.assertEqual(self.client.post(edit, data).status_code, 302)
        self.assertEqual(section(editor, "my_drafts"), {})
        self.assertEqual(
            section(approver, "pages_to_approve"),
            {"Tin chờ duyệt": reverse("wagtailadmin_pages:edit", args=[article.pk])},
        )
        self.assertEqual(section(editor, "pages_to_approve"), {})
        self.assertEqual(section(self.ward_a_officer, "pages_to_approve"), {})
