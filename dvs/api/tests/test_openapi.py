"""The OpenAPI schema says what the API accepts: every schema has a name of its own, the
case statuses are the ones `/cases?status=` takes, and a parameter given twice is
refused instead of silently keeping one of its values."""

import json
from unittest import mock

from ninja.openapi.schema import OpenAPISchema

from dvs.api.api import api
from dvs.cases.models import Status
from dvs.testing import BaseTestCase


class OpenApiSchemaTests(BaseTestCase):
    def test_no_two_distinct_schemas_share_a_name(self):
        seen = {}
        original = OpenAPISchema.add_schema_definitions

        def record(schema, definitions):
            for name, definition in definitions.items():
                seen.setdefault(name, set()).add(json.dumps(definition, sort_keys=True))
            return original(schema, definitions)

        with mock.patch.object(OpenAPISchema, "add_schema_definitions", record):
            api.get_openapi_schema()
        self.assertTrue(seen)
        shared = {name: len(versions) for name, versions in seen.items() if len(versions) > 1}
        self.assertEqual(shared, {})

    def test_every_operation_declares_each_error_answer_once(self):
        def no_duplicates(pairs):
            keys = [key for key, _value in pairs]
            self.assertEqual(len(keys), len(set(keys)), keys)
            return dict(pairs)

        raw = self.client.get("/api/v1/openapi.json").content
        schema = json.loads(raw, object_pairs_hook=no_duplicates)
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                with self.subTest(operation=f"{method.upper()} {path}"):
                    self.assertLessEqual(
                        {"400", "401", "403", "404", "422"}, set(operation["responses"])
                    )

    def test_the_status_filter_of_cases_documents_the_case_statuses(self):
        schema = self.client.get("/api/v1/openapi.json").json()
        parameters = schema["paths"]["/api/v1/cases"]["get"]["parameters"]
        status = next(p for p in parameters if p["name"] == "status")["schema"]
        ref = next(option["$ref"] for option in status["anyOf"] if "$ref" in option)
        enum = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]["enum"]
        self.assertEqual(enum, list(Status.values))

    def test_the_api_takes_the_statuses_it_documents(self):
        self.assertEqual(
            self.api_get("/cases", self.city_leader, status="received").status_code, 200
        )
        self.assertEqual(
            self.api_get("/cases", self.city_leader, status="registered").status_code, 422
        )
        self.assertEqual(
            self.api_get("/exemplars", self.city_leader, status="registered").status_code, 200
        )


class RepeatedParameterTests(BaseTestCase):
    def test_a_single_valued_parameter_given_twice_is_refused(self):
        for query in (
            "status=received&status=accepted",
            "limit=1&limit=2",
            "kind=petition&kind=petition",
        ):
            with self.subTest(query=query):
                response = self.client.get(
                    f"/api/v1/cases?{query}",
                    headers={"Authorization": f"Bearer {self.token_for(self.city_leader)}"},
                )
                self.assertEqual(response.status_code, 422, response.content)
                error = response.json()["errors"][0]
                self.assertEqual(error["loc"], ["query", query.split("=")[0]])
        once = self.api_get("/cases", self.city_leader, status="received", limit=1)
        self.assertEqual(once.status_code, 200)
