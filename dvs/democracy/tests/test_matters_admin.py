"""The back office of matters: the list and its filters, the form saving through the
action, the matter's page (roll, initiative, meeting kit warnings, due dates, recognition
body), opening, roll corrections, consents, the roll and its XLSX, the meeting kit's DOCX,
the ward's recognition (refused to the neighbourhood committee), reviews, the calculator
and the work list, on every axis: another ward, sibling neighbourhoods, an organisation's
grant, the read-only leader."""

import datetime
import io
from unittest import mock

import openpyxl
from django.urls import reverse

from dvs.accounts.dashboard import work_list
from dvs.democracy.models import Item, Matter, MatterReview, Proposer
from dvs.testing import BaseTestCase, add_sibling_personas

from .helpers import make_households, make_matter

D = datetime.date
TODAY = "django.utils.timezone.localdate"
# Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
REFUSED = (302, 403)


def decided(unit, title, item, **fields):
    fields.setdefault("status", Matter.Status.DECIDED)
    return make_matter(
        unit,
        title,
        item=item,
        households=180,
        decided_on=D(2026, 4, 24),
        decided_form="meeting",
        passed=True,
        yes=150,
        send_by=D(2026, 5, 6),
        **fields,
    )


class MatterAdminTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        cls.a1 = make_matter(cls.neighbourhood_a1, "Việc tổ A1", households=3)
        cls.a2 = make_matter(cls.neighbourhood_a2, "Việc tổ A2", households=2)
        cls.b1 = make_matter(cls.neighbourhood_b1, "Việc phường B", households=2)

    def get(self, user, name, *args, **params):
        self.login(user)
        return self.client.get(reverse(name, args=args), params)

    def test_the_list_shows_only_rows_in_scope_on_every_axis(self):
        cases = {
            self.ward_a_officer: ({"Việc tổ A1", "Việc tổ A2"}, {"Việc phường B"}),
            self.neighbourhood_a1_committee: ({"Việc tổ A1"}, {"Việc tổ A2", "Việc phường B"}),
            self.neighbourhood_a2_committee: ({"Việc tổ A2"}, {"Việc tổ A1", "Việc phường B"}),
            self.ward_b_officer: ({"Việc phường B"}, {"Việc tổ A1", "Việc tổ A2"}),
            self.readonly_leader: ({"Việc tổ A1", "Việc phường B"}, set()),
        }
        for user, (shown, hidden) in cases.items():
            html = self.get(user, "democracy_matter:index").content.decode()
            for title in shown:
                self.assertIn(title, html, user.username)
            for title in hidden:
                self.assertNotIn(title, html, user.username)
        response = self.get(self.ward_a_women_officer, "democracy_matter:index")
        self.assertNotIn("Việc tổ A1", response.content.decode())

    def test_exports_hold_only_rows_in_scope(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("democracy_matter:index") + "?export=xlsx")
        content = b"".join(response.streaming_content)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        titles = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
        self.assertEqual(titles, {"Việc tổ A1", "Việc tổ A2"})

    def test_pages_of_other_rows_are_not_found(self):
        for user, matter in (
            (self.ward_a_officer, self.b1),
            (self.neighbourhood_a1_committee, self.a2),
            (self.neighbourhood_a2_committee, self.a1),
            (self.ward_a_women_officer, self.a1),
        ):
            for name in (
                "democracy_matter:inspect",
                "democracy_matter_roll",
                "democracy_matter_roll_xlsx",
                "democracy_matter_open",
                "democracy_matter_roll_correct",
                "democracy_matter_consent",
            ):
                with self.subTest(user=user.username, name=name):
                    self.assertEqual(self.get(user, name, matter.pk).status_code, 404)
            response = self.get(user, "democracy_matter_document", matter.pk, "notice")
            self.assertEqual(response.status_code, 404)

    def test_the_reader_reads_and_may_not_write(self):
        self.assertEqual(
            self.get(self.readonly_leader, "democracy_matter:inspect", self.a1.pk).status_code, 200
        )
        self.assertEqual(
            self.get(self.readonly_leader, "democracy_matter_roll", self.a1.pk).status_code, 200
        )
        self.assertIn(
            self.get(self.readonly_leader, "democracy_matter_roll_correct", self.a1.pk).status_code,
            REFUSED,
        )
        response = self.client.post(
            reverse("democracy_matter_roll_correct", args=[self.a1.pk]),
            {"households": 9, "reason": "Sai"},
        )
        self.assertIn(response.status_code, REFUSED)
        self.a1.refresh_from_db()
        self.assertEqual(self.a1.households, 3)

    def test_create_through_the_form_and_the_page(self):
        self.login(self.neighbourhood_a1_committee)
        response = self.client.post(
            reverse("democracy_matter:add"),
            {
                "unit": self.neighbourhood_a1.pk,
                "item": Item.CONTRIBUTION,
                "title": "Đóng góp làm đường ngõ 5",
                "proposer": Proposer.HEAD,
                "meeting_on": "18/04/2026",
                "meeting_place": "Nhà văn hóa",
                "notice_on": "17/04/2026",
            },
        )
        matter = Matter.objects.get(title="Đóng góp làm đường ngõ 5")
        self.assertRedirects(response, reverse("democracy_matter:inspect", args=[matter.pk]))
        html = self.client.get(response.url).content.decode()
        # Acceptance 3: the notice for Sat 18/4/2026 must be out by Thu 16/4.
        self.assertIn("16/04/2026", html)
        self.assertIn('id="dm-kit-warnings"', html)
        # Into a sibling neighbourhood: refused on the form, nothing saved.
        response = self.client.post(
            reverse("democracy_matter:add"),
            {"unit": self.neighbourhood_a2.pk, "item": 1, "title": "Sai tổ", "proposer": "head"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Matter.objects.filter(title="Sai tổ").exists())

    def test_open_freezes_the_roll_and_the_roll_pages(self):
        make_households(self.neighbourhood_a1, 130)
        matter = make_matter(
            self.neighbourhood_a1, "Nháp", status=Matter.Status.DRAFT, opened_on=None
        )
        self.login(self.neighbourhood_a1_committee)
        response = self.client.post(
            reverse("democracy_matter_open", args=[matter.pk]), {"on": "01/04/2026"}
        )
        self.assertEqual(response.status_code, 302)
        matter.refresh_from_db()
        self.assertEqual(matter.households, 130)
        page2 = self.client.get(reverse("democracy_matter_roll", args=[matter.pk]), {"p": 2})
        self.assertContains(page2, "<td>101</td>", html=False)
        xlsx = self.client.get(reverse("democracy_matter_roll_xlsx", args=[matter.pk]))
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
        self.assertEqual(sheet.max_row, 131)

    def test_the_roll_export_neutralises_formulas(self):
        self.a1.roll.filter(number=1).update(representative='=HYPERLINK("http://x","y")')
        response = self.get(self.ward_a_officer, "democracy_matter_roll_xlsx", self.a1.pk)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        cell = sheet.cell(row=2, column=3)
        self.assertEqual(cell.data_type, "s")
        self.assertEqual(cell.value, '=HYPERLINK("http://x","y")')

    def test_correct_the_roll_needs_a_reason(self):
        self.login(self.neighbourhood_a1_committee)
        url = reverse("democracy_matter_roll_correct", args=[self.a1.pk])
        response = self.client.post(url, {"households": 4, "reason": ""})
        self.assertEqual(response.status_code, 200)
        response = self.client.post(url, {"households": 4, "reason": "Sót hộ"})
        self.assertEqual(response.status_code, 302)
        self.a1.refresh_from_db()
        self.assertEqual(self.a1.households, 4)

    def test_initiative_on_the_page_and_its_refusal(self):
        make_households(self.neighbourhood_a1, 180)
        matter = make_matter(
            self.neighbourhood_a1,
            "Sáng kiến camera",
            item=Item.OTHER,
            status=Matter.Status.DRAFT,
            opened_on=None,
            proposer=Proposer.CITIZENS,
        )
        Matter.objects.filter(pk=matter.pk).update(households=None)
        self.login(self.neighbourhood_a1_committee)
        url = reverse("democracy_matter_consent", args=[matter.pk])
        for n in range(16):
            self.client.post(
                url, {"representative": f"Hộ {n}", "signed_on": f"{n + 1:02d}/03/2026"}
            )
        for n in range(2):
            self.client.post(url, {"representative": f"Hộ cũ {n}", "signed_on": "31/01/2026"})
        self.assertEqual(matter.consents.count(), 18)
        with mock.patch(TODAY, return_value=D(2026, 5, 2)):
            html = self.client.get(
                reverse("democracy_matter:inspect", args=[matter.pk])
            ).content.decode()
            self.assertIn('id="dm-initiative"', html)
            response = self.client.post(
                reverse("democracy_matter_open", args=[matter.pk]), {"on": "02/05/2026"}
            )
        self.assertEqual(response.status_code, 200)
        matter.refresh_from_db()
        self.assertEqual(matter.status, Matter.Status.DRAFT)

    def test_the_recognise_screen_is_the_wards_not_the_committees(self):
        matter = decided(self.neighbourhood_a1, "Bầu trưởng tổ", Item.HEAD)
        for name in ("democracy_matter_receive", "democracy_matter_recognise"):
            self.assertIn(
                self.get(self.neighbourhood_a1_committee, name, matter.pk).status_code, REFUSED
            )
            self.assertEqual(self.get(self.ward_b_officer, name, matter.pk).status_code, 404)
            self.assertIn(self.get(self.readonly_leader, name, matter.pk).status_code, REFUSED)
        self.login(self.ward_a_officer)
        self.client.post(
            reverse("democracy_matter_receive", args=[matter.pk]), {"received_on": "06/05/2026"}
        )
        response = self.client.post(
            reverse("democracy_matter_recognise", args=[matter.pk]),
            {"decision": "recognise", "on": "14/05/2026"},
        )
        self.assertEqual(response.status_code, 302)
        matter.refresh_from_db()
        self.assertEqual(matter.status, Matter.Status.RECOGNISED)
        html = self.client.get(
            reverse("democracy_matter:inspect", args=[matter.pk])
        ).content.decode()
        self.assertIn("13/05/2026", html)  # due
        self.assertIn('id="dm-recognise-late"', html)  # 14/05 is late

    def test_the_page_names_the_front_for_item_5_and_the_send_date(self):
        matter = decided(self.neighbourhood_a1, "Bầu Ban thanh tra", Item.BOARDS)
        html = self.get(self.ward_a_officer, "democracy_matter:inspect", matter.pk).content.decode()
        self.assertIn("06/05/2026", html)
        self.assertIn('id="dm-body"', html)
        self.assertIn(str(Matter._meta.get_field("recognised_body").choices[1][1]), html)

    def test_the_meeting_kit_documents(self):
        from docx import Document

        response = self.get(
            self.neighbourhood_a1_committee, "democracy_matter_document", self.a1.pk, "decision"
        )
        self.assertEqual(response.status_code, 200)
        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        self.assertIn("Tổng số hộ gia đình: 3", text)
        self.assertEqual(
            self.get(
                self.ward_a_officer, "democracy_matter_document", self.a1.pk, "other"
            ).status_code,
            404,
        )

    def test_reviews_list_is_scoped_and_an_annulment_annuls(self):
        matter_a = decided(self.neighbourhood_a1, "Quỹ A", Item.FUND)
        matter_b = decided(self.neighbourhood_b1, "Quỹ B", Item.FUND)
        MatterReview.objects.create(
            matter=matter_b, kind="annul", requested_on=D(2026, 5, 8), reason="Lý do B"
        )
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("democracy_matterreview:add"),
            {
                "matter": matter_a.pk,
                "kind": "annul",
                "requested_on": "08/05/2026",
                "reason": "Trái luật",
                "outcome": "done",
                "resolved_on": "12/05/2026",
            },
        )
        self.assertEqual(response.status_code, 302)
        matter_a.refresh_from_db()
        self.assertEqual(matter_a.status, Matter.Status.ANNULLED)
        html = self.client.get(reverse("democracy_matterreview:index")).content.decode()
        self.assertIn("Quỹ A", html)
        self.assertNotIn("Quỹ B", html)
        response = self.client.post(
            reverse("democracy_matterreview:add"),
            {
                "matter": matter_b.pk,
                "kind": "annul",
                "requested_on": "08/05/2026",
                "reason": "X",
                "outcome": "pending",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(MatterReview.objects.filter(matter=matter_b).count(), 1)

    def test_the_calculator(self):
        response = self.get(
            self.neighbourhood_a1_committee,
            "democracy_matters_calculator",
            item=3,
            households=180,
            present=85,
            form="meeting",
            meeting_on="24/04/2026",
            received_on="06/05/2026",
        )
        html = response.content.decode()
        self.assertIn('data-key="required_yes">91<', html)
        self.assertIn("06/05/2026", html)
        self.assertIn("13/05/2026", html)
        bad = self.get(
            self.neighbourhood_a1_committee, "democracy_matters_calculator", item=3, households=0
        )
        self.assertNotIn('id="dm-evaluation"', bad.content.decode())
        self.assertIn(
            self.get(self.ward_a_women_officer, "democracy_matters_calculator").status_code, REFUSED
        )

    def test_the_work_list_names_late_sendings_and_recognitions_in_scope(self):
        late_a = decided(self.neighbourhood_a1, "Chưa gửi A", Item.CONTRIBUTION)
        decided(self.neighbourhood_b1, "Chưa gửi B", Item.CONTRIBUTION)
        waiting = decided(
            self.neighbourhood_a1,
            "Chờ công nhận A",
            Item.CHARTER,
            status=Matter.Status.SENT,
            received_on=D(2026, 5, 6),
            recognise_by=D(2026, 5, 13),
        )
        with mock.patch(TODAY, return_value=D(2026, 6, 1)):
            sections = {s.source.key: s for s in work_list(self.ward_a_officer)}
            committee = {s.source.key: s for s in work_list(self.neighbourhood_a1_committee)}
        titles = [i.title for i in sections["democracy_matters_not_sent"].items]
        self.assertEqual(titles, [late_a.title])
        self.assertEqual(
            [i.title for i in sections["democracy_matters_not_recognised"].items], [waiting.title]
        )
        self.assertNotIn("democracy_matters_not_recognised", committee)
        with mock.patch(TODAY, return_value=D(2026, 6, 1)):
            html = self.get(
                self.ward_a_officer, "democracy_matter:index", late="send_overdue"
            ).content.decode()
        self.assertIn("Chưa gửi A", html)
        self.assertNotIn("Chờ công nhận A", html)
