"""The back-office screens of a matter's vote, on every axis: another ward's matter and a
sibling neighbourhood's are not found, an organisation-limited grant sees nothing, the
read-only leader may look but not post, the neighbourhood's committee records the
meeting, the ballot (entered twice) and sends the decision through the screens."""

import datetime

from django.urls import reverse

from dvs.democracy.models import Item, Matter, RollEntry
from dvs.testing import BaseTestCase, add_sibling_personas, use_temporary_media

from .helpers import make_ballot, make_matter, make_online_vote

SCREENS = (
    "democracy_matter_tallies",
    "democracy_matter_meeting",
    "democracy_ballot_start",
    "democracy_ballot",
    "democracy_online",
    "democracy_matter_send",
)
MEETING = {
    "step": "attendance",
    "meeting_on": "15/04/2026",
    "chair": "Lê Văn Chủ",
    "secretary": "Phạm Thị Thư",
    "vote_method": "hands",
    "witnesses": "Nguyễn Văn An\nTrần Thị Bình",
}


class TalliesAdminAxesTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        cls.matter = make_matter(cls.neighbourhood_a1, "Việc của tổ A1", households=20)
        make_ballot(cls.matter)

    def urls(self):
        return [reverse(name, args=[self.matter.pk]) for name in SCREENS] + [
            reverse("democracy_ballot_print", args=[self.matter.pk])
        ]

    def test_outsiders_find_nothing(self):
        for user in (
            self.ward_b_officer,
            self.neighbourhood_a2_committee,
            self.ward_a_women_officer,
        ):
            self.login(user)
            for url in self.urls():
                with self.subTest(user=user.username, url=url):
                    self.assertIn(self.client.get(url).status_code, (403, 404))
                    self.assertIn(self.client.post(url, MEETING).status_code, (403, 404, 405))
        self.assertFalse(RollEntry.objects.filter(present=True).exists())

    def test_read_only_leader_sees_but_may_not_post(self):
        self.login(self.readonly_leader)
        for name in SCREENS:
            url = reverse(name, args=[self.matter.pk])
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn(b'type="submit" class="button"', response.content)
                self.assertRefused(self.client.post(url, MEETING))
        self.matter.refresh_from_db()
        self.assertFalse(self.matter.meeting_held)

    def assertRefused(self, response):
        """Wagtail answers a PermissionDenied in the admin with a redirect home."""
        if response.status_code == 302:
            self.assertEqual(response["Location"], reverse("wagtailadmin_home"))
        else:
            self.assertIn(response.status_code, (403, 405))

    def test_the_panel_offers_buttons_only_to_who_may_change(self):
        self.login(self.readonly_leader)
        page = self.client.get(reverse("democracy_matter_tallies", args=[self.matter.pk]))
        self.assertNotContains(page, reverse("democracy_matter_meeting", args=[self.matter.pk]))
        self.login(self.neighbourhood_a1_committee)
        page = self.client.get(reverse("democracy_matter_tallies", args=[self.matter.pk]))
        self.assertContains(page, reverse("democracy_matter_meeting", args=[self.matter.pk]))


class TalliesAdminFlowTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.matter = make_matter(cls.neighbourhood_a1, "Làm đường ngõ 5", households=180)

    def setUp(self):
        self.media, self.private = use_temporary_media(self)
        self.login(self.neighbourhood_a1_committee)

    def post(self, name, data, files=None):
        return self.client.post(reverse(name, args=[self.matter.pk]), data)

    def test_meeting_that_cannot_reach_then_ballot_entered_twice_then_sent(self):
        meeting = reverse("democracy_matter_meeting", args=[self.matter.pk])
        response = self.post("democracy_matter_meeting", {**MEETING, "present": range(1, 86)})
        self.assertRedirects(response, meeting)
        page = self.client.get(meeting)
        self.assertContains(page, "cannot-reach")
        self.assertContains(page, "120")
        self.assertContains(page, reverse("democracy_ballot_start", args=[self.matter.pk]))

        response = self.post(
            "democracy_ballot_start",
            {"reason": "Thiếu hộ", "opens_on": "20/04/2026", "closes_on": "24/04/2026"},
        )
        self.assertRedirects(response, reverse("democracy_ballot", args=[self.matter.pk]))
        self.post("democracy_ballot", {"step": "returned", "returned": range(1, 177)})
        entry = {"step": "entry", "returned": 176, "yes": 121}
        self.post("democracy_ballot", {**entry, "order": 1, "clerk": "A", "no": 50, "invalid": 5})
        self.post("democracy_ballot", {**entry, "order": 2, "clerk": "B", "no": 49, "invalid": 6})
        page = self.client.get(reverse("democracy_ballot", args=[self.matter.pk]))
        self.assertContains(page, "entries-mismatch")
        self.assertNotContains(page, "confirm-form")
        same = self.post(
            "democracy_ballot", {**entry, "order": 2, "clerk": "A", "no": 50, "invalid": 5}
        )
        self.assertEqual(same.status_code, 200)  # the same clerk twice: shown on the form
        self.post("democracy_ballot", {**entry, "order": 2, "clerk": "B", "no": 50, "invalid": 5})
        self.post("democracy_ballot", {"step": "confirm"})
        page = self.client.get(reverse("democracy_ballot", args=[self.matter.pk]))
        self.assertContains(page, "ballot-verdict")
        self.assertEqual(page.context["not_returned"][-1].number, 180)
        self.assertEqual(len(page.context["not_returned"]), 4)
        self.post("democracy_matter_send", {"sent_on": "27/04/2026"})
        self.matter.refresh_from_db()
        self.assertEqual(self.matter.status, Matter.Status.SENT)
        self.assertTrue(self.matter.passed)
        self.assertEqual(self.matter.yes, 121)
        self.assertEqual(self.matter.sent_on, datetime.date(2026, 4, 27))

    def test_bad_input_changes_nothing(self):
        response = self.post(
            "democracy_matter_meeting", {**MEETING, "meeting_on": "31/02/2026", "present": [1]}
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(RollEntry.objects.filter(matter=self.matter, present=True).exists())
        response = self.post("democracy_matter_meeting", {**MEETING, "present": [1, 999]})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(RollEntry.objects.filter(matter=self.matter, present=True).exists())

    def test_count_record_upload_and_download_through_the_getter(self):
        make_ballot(self.matter)
        from django.core.files.uploadedfile import SimpleUploadedFile

        scan = SimpleUploadedFile("bb.pdf", b"%PDF-1.4 bien ban", content_type="application/pdf")
        self.client.post(
            reverse("democracy_ballot", args=[self.matter.pk]), {"step": "record", "file": scan}
        )
        download = reverse("democracy_ballot_record", args=[self.matter.pk])
        response = self.client.get(download)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), b"%PDF-1.4 bien ban")
        self.assertEqual(list(self.media.rglob("*.*")), [])
        self.login(self.ward_b_officer)
        self.assertEqual(self.client.get(download).status_code, 404)

    def test_online_start_shows_codes_once(self):
        other = make_matter(self.neighbourhood_a1, "Đặt tên ngõ", item=Item.OTHER, households=4)
        url = reverse("democracy_online", args=[other.pk])
        response = self.client.post(
            url,
            {
                "optin_polled_on": "10/04/2026",
                "optin_yes": 3,
                "starts_at": "20/04/2026 08:00",
                "ends_at": "22/04/2026 20:00",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["codes"]), 4)
        again = self.client.get(url)
        self.assertNotIn("codes", again.context)

    def test_online_refused_for_other_items(self):
        response = self.client.get(reverse("democracy_online", args=[self.matter.pk]))
        self.assertContains(response, "help-warning")
        make_online_vote(make_matter(self.neighbourhood_a1, item=Item.OTHER, households=2))
