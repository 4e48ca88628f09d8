"""The API is a machine interface: it takes dates as YYYY-MM-DD only. Day-first text, a
Unix timestamp (0 was read as 01/01/1970) or a date with a time is refused with one
message, and nothing is saved."""

from django.utils import translation

from dvs.api.types import ISO_DATE_INVALID
from dvs.cases.models import Case
from dvs.testing import BaseTestCase

REFUSED = ["01/03/2026", "1/3/2026", "2026-3-1", "2026-02-30", 0, 1772323200, "1772323200"]
REFUSED += ["2026-03-01T00:00", " 2026-03-01", True, "mai"]


class IsoDatesOnly(BaseTestCase):
    def post_case(self, received_on):
        return self.client.post(
            "/api/v1/cases",
            {
                "kind": "petition",
                "received_on": received_on,
                "unit": "A1",
                "content": "Kiến nghị sửa đường ngõ 5.",
                "petitioner_name": "Lê Văn Kiến",
            },
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.token_for(self.ward_a_reception_officer)}"},
        )

    def message(self):
        with translation.override("vi"):
            return str(ISO_DATE_INVALID)

    def test_an_iso_date_is_taken(self):
        response = self.post_case("2026-03-02")
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["received_on"], "2026-03-02")

    def test_anything_else_is_refused_with_the_format_and_nothing_saved(self):
        for value in REFUSED:
            with self.subTest(value=value):
                response = self.post_case(value)
                self.assertEqual(response.status_code, 422, response.content)
                [error] = response.json()["errors"]
                self.assertEqual((error["loc"][-1], error["msg"]), ("received_on", self.message()))
        self.assertFalse(Case.objects.exists())

    def test_query_dates_are_refused_too(self):
        for value in ("01/03/2026", "0"):
            with self.subTest(value=value):
                response = self.api_get(
                    "/cases", self.ward_a_reception_officer, received_from=value
                )
                self.assertEqual(response.status_code, 422, response.content)
                self.assertEqual(response.json()["errors"][0]["msg"], self.message())
        ok = self.api_get("/cases", self.ward_a_reception_officer, received_from="2026-01-01")
        self.assertEqual(ok.status_code, 200)
