"""The back-office screens: registering with indicators, the score sheet, recognising,
replicating, publishing, statistics with their Excel export and the yearly registration."""

import datetime
import io
import re

import openpyxl
from django.urls import reverse

from dvs.emulation import actions
from dvs.emulation.models import (
    Criterion,
    Evaluation,
    Exemplar,
    ExemplarField,
    Indicator,
    IndicatorValue,
    Recognition,
    Status,
)

from .helpers import EmulationTestCase, full_marks, make_exemplar

EMPTY_INLINES = {
    f"{name}-{key}": value
    for name in ("indicator_values", "photos", "documents")
    for key, value in (
        ("TOTAL_FORMS", "0"),
        ("INITIAL_FORMS", "0"),
        ("MIN_NUM_FORMS", "0"),
        ("MAX_NUM_FORMS", "1000"),
    )
}


class ExemplarFormTests(EmulationTestCase):
    def form(self, **changes):
        households = Indicator.objects.get(code="households")
        return {
            **EMPTY_INLINES,
            "name": "Thắp sáng đường quê",
            "field": ExemplarField.objects.get(code="culture_society").pk,
            "level": "neighbourhood",
            "status": "registered",
            "unit": self.neighbourhood_a1.pk,
            "year": "2025",
            "started_on": "15/02/2025",
            "problem": "Đường tối",
            "method": "Lắp đèn năng lượng mặt trời",
            "indicator_values-TOTAL_FORMS": "1",
            "indicator_values-0-indicator": households.pk,
            "indicator_values-0-year": "2025",
            "indicator_values-0-target": "60",
            "indicator_values-0-actual": "45",
            "indicator_values-0-ORDER": "1",
            **changes,
        }

    def test_ward_officer_registers_an_exemplar_with_an_indicator(self):
        self.login(self.ward_a_officer)
        response = self.client.post(reverse("exemplar:add"), self.form())
        self.assertEqual(response.status_code, 302, response.content[:3000])
        exemplar = Exemplar.objects.get(name="Thắp sáng đường quê")
        self.assertEqual(exemplar.created_by, self.ward_a_officer)
        self.assertEqual(exemplar.indicator_values.get().actual, 45)

    def test_a_negative_actual_value_is_refused_and_nothing_is_saved(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("exemplar:add"), self.form(**{"indicator_values-0-actual": "-3"})
        )
        self.assertContains(response, "không được âm")
        self.assertFalse(Exemplar.objects.filter(name="Thắp sáng đường quê").exists())
        self.assertFalse(IndicatorValue.objects.exists())

    def test_statuses_that_actions_set_cannot_be_chosen_by_hand(self):
        self.login(self.ward_a_officer)
        response = self.client.post(reverse("exemplar:add"), self.form(status="recognised"))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Exemplar.objects.filter(name="Thắp sáng đường quê").exists())

    def test_the_owning_unit_is_offered_only_in_scope(self):
        self.login(self.ward_a_officer)
        response = self.client.post(reverse("exemplar:add"), self.form(unit=self.ward_b.pk))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Exemplar.objects.filter(name="Thắp sáng đường quê").exists())

    def test_listing_is_searchable_without_accents(self):
        self.login(self.city_leader)
        response = self.client.get(reverse("exemplar:index"), {"q": "tuyen pho xanh"})
        self.assertEqual(list(response.context["object_list"]), [self.exemplar_a])

    def test_listing_queries_do_not_grow_with_the_rows_shown(self):
        self.login(self.city_leader)
        self.client.get(reverse("exemplar:index"))
        with self.assertNumQueries(15):  # one for the menu (viewsets.may_use)
            self.client.get(reverse("exemplar:index"))
        for n in range(15):
            make_exemplar(self.ward_a, f"Mô hình {n}")
        with self.assertNumQueries(15):  # one for the menu (viewsets.may_use)
            self.client.get(reverse("exemplar:index"))


class ScoreSheetTests(EmulationTestCase):
    def sheet(self, **scores):
        data = {"exemplar": self.exemplar_a.pk, "year": "2024", "comment": "Hiệu quả rõ"}
        for criterion in Criterion.objects.filter(is_active=True):
            data[f"criterion_{criterion.pk}"] = scores.get(criterion.name, "10")
        return data

    def test_the_sheet_opens_from_the_exemplar_and_saves_the_weighted_total(self):
        self.login(self.city_specialist)
        page = self.client.get(reverse("exemplar:inspect", args=[self.exemplar_a.pk]))
        self.assertContains(page, reverse("evaluation:add"))
        form = self.client.get(reverse("evaluation:add"), {"exemplar": self.exemplar_a.pk})
        self.assertEqual(form.context["form"].initial["exemplar"], self.exemplar_a.pk)
        response = self.client.post(reverse("evaluation:add"), self.sheet())
        self.assertEqual(response.status_code, 302)
        evaluation = Evaluation.objects.get()
        self.assertEqual((evaluation.total, evaluation.evaluator), (100, self.city_specialist))
        self.exemplar_a.refresh_from_db()
        self.assertEqual(self.exemplar_a.status, Status.EVALUATED)

    def test_a_score_out_of_range_is_shown_on_its_criterion(self):
        self.login(self.city_specialist)
        name = Criterion.objects.first().name
        response = self.client.post(reverse("evaluation:add"), self.sheet(**{name: "12"}))
        self.assertContains(response, "phải từ 0 đến 10")
        self.assertFalse(Evaluation.objects.exists())

    def test_an_exemplar_out_of_scope_cannot_be_evaluated(self):
        from dvs.accounts.roles import Role
        from dvs.testing import make_user

        ward_b_leader = make_user("ward_b_leader", Role.BOARD_LEADER, self.ward_b)
        self.login(ward_b_leader)
        response = self.client.post(reverse("evaluation:add"), self.sheet())
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Evaluation.objects.exists())

    def test_editing_a_sheet_changes_its_scores(self):
        evaluation = actions.evaluate(
            self.exemplar_a, year=2024, scores=full_marks(), by=self.city_specialist
        )
        self.login(self.city_specialist)
        name = Criterion.objects.order_by("sort_order").last().name  # weight 2 of 10
        response = self.client.post(
            reverse("evaluation:edit", args=[evaluation.pk]), self.sheet(**{name: "0"})
        )
        self.assertEqual(response.status_code, 302)
        evaluation.refresh_from_db()
        self.assertEqual(evaluation.total, 80)


class RecogniseReplicatePublishTests(EmulationTestCase):
    def test_recognition_from_the_back_office_sets_the_status(self):
        self.login(self.city_specialist)
        response = self.client.post(
            reverse("recognition:add"),
            {
                "exemplar": self.exemplar_a.pk,
                "level": "city",
                "decision_number": "125-QĐ/BDVTU",
                "decision_date": "20/12/2024",
                "issued_by": "Ban Dân vận Thành ủy",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.exemplar_a.refresh_from_db()
        self.assertEqual(self.exemplar_a.status, Status.RECOGNISED)

    def test_a_decision_dated_before_the_start_is_refused(self):
        self.login(self.city_specialist)
        response = self.client.post(
            reverse("recognition:add"),
            {
                "exemplar": self.exemplar_a.pk,
                "level": "city",
                "decision_number": "1-QĐ",
                "decision_date": "01/01/2024",
            },
        )
        self.assertContains(response, "trước khi mô hình bắt đầu")
        self.assertFalse(Recognition.objects.exists())

    def test_replicate_screen(self):
        self.login(self.city_specialist)
        url = reverse("emulation_replicate", args=[self.exemplar_a.pk])
        page = self.client.get(url)
        self.assertNotIn(self.ward_a, page.context["form"].fields["unit"].queryset)
        response = self.client.post(url, {"unit": self.ward_b.pk, "year": "2025"})
        replica = Exemplar.objects.get(origin=self.exemplar_a)
        self.assertRedirects(response, reverse("exemplar:inspect", args=[replica.pk]))
        page = self.client.get(reverse("exemplar:inspect", args=[self.exemplar_a.pk]))
        self.assertContains(page, "1 mô hình nhân rộng")
        self.assertContains(page, "Phường Bình Minh")

    def test_publish_and_unpublish_with_one_action_each(self):
        Recognition.objects.create(
            exemplar=self.exemplar_a,
            level="city",
            decision_number="9-QĐ",
            decision_date=datetime.date(2024, 12, 1),
        )
        public = reverse("emulation_showcase_detail", args=[self.exemplar_a.pk])
        self.assertEqual(self.client.get(public).status_code, 404)
        self.login(self.city_specialist)
        self.client.post(reverse("emulation_publish", args=[self.exemplar_a.pk]))
        self.client.logout()
        page = self.client.get(public)
        self.assertContains(page, "Tuyến phố xanh An Bình")
        self.assertContains(self.client.get(reverse("emulation_showcase")), public)
        self.login(self.city_specialist)
        self.client.post(reverse("emulation_unpublish", args=[self.exemplar_a.pk]))
        self.client.logout()
        self.assertEqual(self.client.get(public).status_code, 404)

    def test_ward_officer_cannot_publish(self):
        Recognition.objects.create(
            exemplar=self.exemplar_a,
            level="city",
            decision_number="9-QĐ",
            decision_date=datetime.date(2024, 12, 1),
        )
        self.login(self.ward_a_officer)
        self.client.post(reverse("emulation_publish", args=[self.exemplar_a.pk]))
        self.assertFalse(Exemplar.objects.published().exists())
        self.assertEqual(
            self.client.post(reverse("emulation_publish", args=[self.exemplar_b.pk])).status_code,
            404,
        )

    def test_the_read_only_leader_is_refused_publishing_and_unpublishing(self):
        """Refused as Wagtail refuses: back to the dashboard, the exemplar unchanged."""
        Recognition.objects.create(
            exemplar=self.exemplar_a,
            level="city",
            decision_number="9-QĐ",
            decision_date=datetime.date(2024, 12, 1),
        )
        self.login(self.readonly_leader)
        refused = reverse("wagtailadmin_home")
        response = self.client.post(reverse("emulation_publish", args=[self.exemplar_a.pk]))
        self.assertRedirects(response, refused, fetch_redirect_response=False)
        self.assertFalse(Exemplar.objects.published().exists())
        actions.publish(self.exemplar_a, by=self.city_specialist)
        response = self.client.post(reverse("emulation_unpublish", args=[self.exemplar_a.pk]))
        self.assertRedirects(response, refused, fetch_redirect_response=False)
        self.assertTrue(Exemplar.objects.published().exists())


class StatisticsScreenTests(EmulationTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        actions.evaluate(cls.exemplar_a, year=2024, scores=full_marks(), by=cls.city_specialist)

    def test_statistics_show_counts_charts_and_ranking(self):
        self.login(self.city_specialist)
        response = self.client.get(reverse("emulation_stats"))
        self.assertEqual(response.context["report"]["counts"]["total"], 2)
        self.assertContains(response, 'class="dvs-chart"', count=5)
        self.assertContains(response, 'id="emu-total">2<')
        self.assertContains(response, "Tuyến phố xanh An Bình")
        # Charts are drawn on the server: nothing is loaded from another host.
        html = response.content.decode()
        self.assertEqual(
            re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', html), []
        )

    def test_ward_officer_statistics_stay_in_their_ward(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("emulation_stats"))
        self.assertEqual(response.context["report"]["counts"]["total"], 1)
        self.assertEqual(
            self.client.get(reverse("emulation_stats"), {"unit": "B"}).status_code, 404
        )

    def test_excel_export_holds_the_same_figures(self):
        self.login(self.city_specialist)
        response = self.client.get(reverse("emulation_stats_export"), {"year": "2024"})
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(workbook["Tổng hợp"]["C2"].value, 2)
        fields = {row[0]: row[1] for row in workbook["Theo lĩnh vực"].iter_rows(values_only=True)}
        self.assertEqual(fields["Kinh tế"], 1)
        self.assertEqual(fields["Quốc phòng – an ninh"], 1)
        ranking = list(workbook["Xếp hạng"].iter_rows(values_only=True))
        self.assertEqual(ranking[1][:2], (1, "Tuyến phố xanh An Bình"))

    def test_registration_screen_lists_who_registered_and_who_did_not(self):
        self.login(self.city_specialist)
        make_exemplar(self.ward_a, "Tủ sách", year=2025)
        response = self.client.get(reverse("emulation_registration"), {"year": "2025"})
        self.assertContains(response, "Tủ sách")
        self.assertContains(response, "Chưa đăng ký")
        self.assertEqual(response.context["data"]["missing_units"], [self.ward_b])
