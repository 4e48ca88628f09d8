"""The review report's form (36-HD/VPTW header, date line, signature) and its generated
draft (narrative.py), as plain functions: no database."""

import datetime

from django.test import SimpleTestCase, override_settings

from dvs.reports import document, narrative
from dvs.reports.narrative import Facts, vn_number, vn_percent
from dvs.units.models import Unit

NAMES = {
    "cases_received": ("Đơn thư tiếp nhận", "đơn"),
    "cases_accepted": ("Đơn thuộc thẩm quyền", "đơn"),
    "cases_resolved": ("Đơn đã giải quyết", "đơn"),
    "cases_overdue": ("Đơn quá hạn", "đơn"),
    "exemplars": ("Mô hình “Dân vận khéo”", "mô hình"),
    "dialogues": ("Cuộc đối thoại", "cuộc"),
    "trainings": ("Lớp tập huấn", "lớp"),
}


def facts(**kw):
    base = {
        "unit_name": "Thành phố Kinh Bắc",
        "period_label": "6 tháng đầu năm 2026",
        "next_label": "6 tháng cuối năm 2026",
        "period_end": datetime.date(2026, 6, 30),
        "now": {
            "cases_received": 161,
            "cases_accepted": 130,
            "cases_resolved": 122,
            "cases_overdue": 3,
            "exemplars": 3787,
            "dialogues": 12,
            "trainings": 54,
        },
        "previous": {
            "cases_received": 22,
            "exemplars": 3700,
            "dialogues": 15,
            "cases_overdue": 1,
            "trainings": 40,
        },
        "previous_label": "6 tháng cuối năm 2025",
        "last_year": {"cases_received": 150, "exemplars": 3787, "dialogues": 10},
        "last_year_label": "cùng kỳ năm 2025",
        "names": NAMES,
        "texts": [],
        "expected": 3,
        "missing": [],
        "higher_is_better": {
            "cases_resolved": True,
            "cases_overdue": False,
            "exemplars": True,
            "dialogues": True,
            "trainings": True,
            "members": True,
        },
    }
    base.update(kw)
    return Facts(**base)


def by_key(sections):
    return {s.key: s for s in sections}


class VietnameseNumberTests(SimpleTestCase):
    def test_thousands_take_a_dot_and_shares_a_comma(self):
        self.assertEqual(vn_number(3787), "3.787")
        self.assertEqual(vn_number(1234567), "1.234.567")
        self.assertEqual(vn_percent(122, 130), "93,8%")
        self.assertEqual(vn_percent(1, 1), "100%")
        self.assertEqual(vn_percent(1, 8), "12,5%")
        self.assertIsNone(vn_percent(1, 0))


class FormTests(SimpleTestCase):
    def test_days_1_to_9_and_months_1_and_2_take_a_leading_zero(self):
        cases = {
            datetime.date(2026, 1, 5): "Kinh Bắc, ngày 05 tháng 01 năm 2026",
            datetime.date(2026, 2, 15): "Kinh Bắc, ngày 15 tháng 02 năm 2026",
            datetime.date(2026, 3, 9): "Kinh Bắc, ngày 09 tháng 3 năm 2026",
            datetime.date(2024, 7, 24): "Kinh Bắc, ngày 24 tháng 7 năm 2024",
            datetime.date(2025, 12, 1): "Kinh Bắc, ngày 01 tháng 12 năm 2025",
        }
        for day, line in cases.items():
            with self.subTest(day=day):
                self.assertEqual(document.date_line("Kinh Bắc", day), line)

    def test_the_header_names_the_city_committee_then_the_board(self):
        city = Unit(name="Thành phố Kinh Bắc")
        self.assertEqual(
            document.header_lines(city), ("THÀNH ỦY KINH BẮC", "BAN TUYÊN GIÁO VÀ DÂN VẬN")
        )
        with override_settings(
            PARENT_PARTY_BODY="Tỉnh ủy Bắc Ninh", REPORT_ISSUING_BODY="Ban Dân vận"
        ):
            self.assertEqual(document.header_lines(city), ("TỈNH ỦY BẮC NINH", "BAN DÂN VẬN"))

    def test_a_deputy_signs_for_the_head(self):
        self.assertEqual(document.signature_lines("Trưởng ban"), ["TRƯỞNG BAN"])
        self.assertEqual(
            document.signature_lines("Phó Trưởng ban"), ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
        )


class NarrativeTests(SimpleTestCase):
    def test_the_petitions_area_opens_with_figures_and_both_comparisons(self):
        government = by_key(narrative.generate(facts()))["government"]
        self.assertEqual(government.heading, "1. Công tác dân vận chính quyền")
        self.assertTrue(
            government.text.startswith(
                "Tiếp nhận 161 đơn, tăng 139 đơn so với 6 tháng cuối năm 2025, tăng 11 đơn so "
                "với cùng kỳ năm 2025; đã giải quyết 122/130 đơn thuộc thẩm quyền, đạt 93,8%"
            ),
            government.text,
        )
        self.assertIn(
            "Tổ chức 12 cuộc đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân, "
            "giảm 3 cuộc so với 6 tháng cuối năm 2025, tăng 2 cuộc so với cùng kỳ năm 2025.",
            government.text,
        )

    def test_the_same_change_against_both_periods_is_said_once(self):
        skilled = by_key(
            narrative.generate(
                facts(
                    previous={**facts().previous, "exemplars": 86},
                    last_year={**facts().last_year, "exemplars": 86},
                    now={**facts().now, "exemplars": 111},
                )
            )
        )["skilled"]
        self.assertIn(
            "111 mô hình “Dân vận khéo” trên các lĩnh vực, tăng 25 mô hình so với 6 tháng "
            "cuối năm 2025 và cùng kỳ năm 2025.",
            skilled.text,
        )

    def test_large_figures_are_written_the_vietnamese_way(self):
        skilled = by_key(narrative.generate(facts()))["skilled"]
        self.assertTrue(
            skilled.text.startswith(
                "Toàn thành phố có 3.787 mô hình “Dân vận khéo” trên các lĩnh vực, tăng 87 mô "
                "hình so với 6 tháng cuối năm 2025, bằng cùng kỳ năm 2025."
            ),
            skilled.text,
        )

    def test_the_structure_follows_a_real_review_and_areas_without_data_are_left_out(self):
        sections = narrative.generate(facts())
        self.assertEqual(
            [s.heading for s in sections],
            [
                "I. KẾT QUẢ THỰC HIỆN",
                "1. Công tác dân vận chính quyền",
                "2. Phong trào thi đua “Dân vận khéo”",
                "3. Kết quả khác",
                "4. Đánh giá chung",
                "II. HẠN CHẾ VÀ NGUYÊN NHÂN",
                "III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026",
                "IV. ĐỀ XUẤT, KIẾN NGHỊ",
            ],
        )
        keys = {s.key for s in sections}
        self.assertFalse(keys & {"advising", "front", "religion", "clearance", "democracy"})
        # A capability that registers religion figures brings its area.
        with_religion = facts(
            now={**facts().now, "religion_establishments": 14},
            names={**NAMES, "religion_establishments": ("Cơ sở thờ tự", "cơ sở")},
        )
        religion = by_key(narrative.generate(with_religion))["religion"]
        self.assertEqual(religion.heading, "3. Công tác tôn giáo")
        self.assertIn("Cơ sở thờ tự: 14 cơ sở", religion.text)

    def test_a_figure_no_area_reads_is_written_with_its_comparison(self):
        other = by_key(narrative.generate(facts()))["other"]
        self.assertIn("Lớp tập huấn: 54 lớp, tăng 14 lớp so với 6 tháng cuối năm 2025", other.text)

    def test_units_accounts_are_gathered_under_their_area_attributed_and_condensed(self):
        texts = [
            (
                "Phường An Bình",
                "results",
                "Kết quả khác",
                "Duy trì 12 mô hình dân vận khéo. Tổ chức đối thoại với hộ kinh doanh.",
            ),
            ("Phường Bình Minh", "results", "Kết quả khác", "Duy trì 12 mô hình dân vận khéo."),
            ("Phường Cầu Đá", "situation", "Lãnh đạo", "Quán triệt Nghị quyết 43 đến chi bộ."),
            ("Phường Cầu Đá", "limitations", "Hạn chế", "Cập nhật dữ liệu dân cư chưa kịp thời."),
            ("", "tasks", "Nhiệm vụ", "Hoàn thành số hóa dữ liệu dân cư."),
        ]
        sections = by_key(narrative.generate(facts(texts=texts)))
        self.assertIn(
            "- Phường An Bình và Phường Bình Minh: Duy trì 12 mô hình dân vận khéo.",
            sections["skilled"].text,
        )
        self.assertIn(
            "- Phường An Bình: Tổ chức đối thoại với hộ kinh doanh.", sections["government"].text
        )
        self.assertIn("- Phường Cầu Đá: Quán triệt Nghị quyết 43", sections["advising"].text)
        self.assertEqual(sections["advising"].heading, "1. Công tác tham mưu, hướng dẫn, chỉ đạo")
        self.assertIn(
            "- Phường Cầu Đá: Cập nhật dữ liệu dân cư chưa kịp thời.", sections["limitations"].text
        )
        # The compiler's own text is the unit's: no attribution.
        self.assertIn("\nHoàn thành số hóa dữ liệu dân cư.", sections["tasks"].text)
        # Not pasted whole: each sentence once.
        self.assertEqual(sections["skilled"].text.count("Duy trì 12 mô hình"), 1)

    def test_limitations_tasks_and_proposals_start_from_the_figures(self):
        sections = by_key(narrative.generate(facts(missing=["Phường Cầu Đá"])))
        limitations = sections["limitations"].text
        self.assertTrue(
            limitations.startswith(
                "Bên cạnh kết quả đạt được, còn 3 đơn quá hạn giải quyết tính đến ngày "
                "30/06/2026, tăng 2 đơn so với 6 tháng cuối năm 2025"
            ),
            limitations,
        )
        self.assertIn("tỷ lệ giải quyết đơn thuộc thẩm quyền đạt 93,8%, còn 8 đơn", limitations)
        self.assertIn("số cuộc đối thoại giảm 3 cuộc so với 6 tháng cuối năm 2025", limitations)
        self.assertIn("còn 1/3 đơn vị chưa hoàn thành báo cáo (Phường Cầu Đá)", limitations)
        self.assertIn("\nNguyên nhân: một số vụ việc phức tạp", limitations)
        self.assertIn("Tập trung giải quyết dứt điểm 3 đơn quá hạn", sections["tasks"].text)
        self.assertIn("“Dân vận khéo”", sections["tasks"].text)
        self.assertIn("giải quyết dứt điểm các vụ việc tồn đọng", sections["proposals"].text)

    def test_without_an_earlier_period_nothing_is_compared(self):
        alone = facts(previous=None, previous_label=None, last_year=None, last_year_label=None)
        government = by_key(narrative.generate(alone))["government"]
        self.assertTrue(government.text.startswith("Tiếp nhận 161 đơn; đã giải quyết 122/130"))

    def test_first_sentence_of_a_section(self):
        self.assertEqual(
            narrative.first_sentence("\nTiếp nhận 161 đơn, tăng 3 đơn. Đã giải quyết 12.\n- A"),
            "Tiếp nhận 161 đơn, tăng 3 đơn.",
        )

    def test_no_comparison_with_a_period_that_counted_none_nor_for_counts_without_history(self):
        now = {
            **facts().now, "members": 2228, "cases_received": 161, "residents": 3787,
            "households": 1050,
        }  # fmt: skip
        previous = {"cases_received": 0, "members": 2000, "residents": 3700, "households": 990}
        sections = by_key(narrative.generate(facts(now=now, previous=previous, last_year=None)))
        self.assertTrue(sections["government"].text.startswith("Tiếp nhận 161 đơn; "))
        # Members and residents are counted as of each period's last day: they compare.
        # Households are counted as they stand today: they never do.
        front = sections["front"].text
        self.assertIn(
            "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội nắm 2.228 đoàn viên, hội viên, "
            "tăng 228",
            front,
        )
        self.assertIn("1.050 hộ gia đình", front)
        self.assertNotIn("tăng 60", front)

    def test_only_a_fall_of_a_figure_whose_rise_is_good_news_is_a_limitation(self):
        # The indicator's own direction decides: a fall of overdue cases or of petitions
        # received is no limitation; a fall of dialogues is; a figure that says nothing
        # about its direction is neither a strength nor a limitation.
        now = {**facts().now, "dialogues": 12, "cases_overdue": 1, "cases_received": 10}
        previous = {"dialogues": 15, "cases_overdue": 5, "cases_received": 22, "trainings": 60}
        directions = {"dialogues": True, "cases_overdue": False}
        limitations = by_key(
            narrative.generate(
                facts(now=now, previous=previous, last_year=None, higher_is_better=directions)
            )
        )["limitations"].text
        self.assertIn("số cuộc đối thoại giảm 3 cuộc", limitations)
        self.assertNotIn("đơn quá hạn giảm", limitations)
        self.assertNotIn("tiếp nhận giảm", limitations)
        self.assertNotIn("lớp tập huấn", limitations.lower())
