"""The API fuzzed from its own OpenAPI schema, as the board leader, a ward officer and an
organisation officer would call it.

Schemathesis generates requests for every operation of /api/v1/openapi.json (valid ones
and, in the negative phase, ones the schema forbids) and sends them in-process to the Django
WSGI application, inside this test's database transaction. Every answer must be
- no server error (5xx),
- a status code the schema documents for that operation,
- a body of the documented shape and content type.

Deterministic: Hypothesis is derandomized (its seed is fixed by the test's name) and keeps
no example database, so CI sends the same requests every run. Bounded: MAX_EXAMPLES per
operation, mode and persona. The number of requests sent is asserted and reported.
"""

import sys
import time
from collections import defaultdict

import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core import NotSet
from schemathesis.core.failures import Failure
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from dvs.cases.tests.helpers import receive
from dvs.emulation.tests.helpers import make_exemplar
from dvs.people.tests.helpers import add_person
from dvs.planning.tests.helpers import make_directive, make_program, make_task
from dvs.reports.tests.helpers import make_period, make_template
from dvs.testing import BaseTestCase, bearer

# Examples per (operation, generation mode, persona). 3 personas × 2 modes × ~41
# operations × MAX_EXAMPLES is the ceiling of requests; the run fits ~2 minutes on SQLite.
MAX_EXAMPLES = 8
MINIMUM_REQUESTS = 1000
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


class CountingApp:
    """The Django WSGI application, counting what it answers.

    Django's test client keeps the test's transaction open by not closing "old"
    connections around a request; a raw WSGI call would, so the same is done here.
    Each request runs in a savepoint, rolled back when it answers 5xx."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.requests = 0

    def __call__(self, environ, start_response):
        self.requests += 1
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        # A request that breaks a query (PostgreSQL aborts the transaction) is rolled
        # back to before it, so it does not turn every later answer into a 500.
        savepoint = transaction.savepoint()
        failed = False

        def respond(status, headers, *args):
            nonlocal failed
            failed = status.startswith("5")
            return start_response(status, headers, *args)

        try:
            response = self.handler(environ, respond)
            if failed:
                transaction.savepoint_rollback(savepoint)
            else:
                transaction.savepoint_commit(savepoint)
            return response
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


def describe(case):
    """The request as a line a person can replay."""
    parts = [f"{case.method.upper()} {case.formatted_path}"]
    if case.query:
        parts.append(f"query={case.query!r}")
    if case.body is not None and not isinstance(case.body, NotSet):
        parts.append(f"body={case.body!r}"[:300])
    return " ".join(parts)


def fuzz(operation, mode, persona, header, failures):
    """Send MAX_EXAMPLES generated requests to one operation; note what fails, go on."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def send(case):
        # The persona's token, not the one generated from the schema's security scheme.
        case.headers = {**(case.headers or {}), **header}
        response = case.call()
        try:
            case.validate_response(response, checks=CHECKS, headers=header)
        except Failure as failure:
            found = [failure]
        except BaseExceptionGroup as group:  # several checks failed at once
            found = group.exceptions
        else:
            return
        for failure in found:
            failures[(operation.label, failure.title)].append(
                (persona, describe(case), response.status_code, failure.message)
            )

    send()


class FuzzedApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # A little of everything, so generated ids and codes sometimes hit real rows.
        add_person(cls.neighbourhood_a1, "Nguyễn Văn An", id_number="027080012345")
        add_person(cls.neighbourhood_b1, "Trần Văn Bình")
        receive(cls.neighbourhood_a1)
        receive(cls.neighbourhood_b1)
        make_exemplar(cls.ward_a, "Tuyến phố xanh An Bình")
        make_task(cls.ward_a_leader, cls.ward_a, [cls.neighbourhood_a1], title="Việc A")
        make_directive(cls.ward_a, "01-KH/ĐU-A")
        make_program(cls.ward_a_front, title="Chương trình A")
        make_period(cls.city, make_template())

    def test_the_api_answers_every_generated_request_as_its_schema_says(self):
        """Board leader (city), ward officer (A) and women's union officer (A) each send
        up to MAX_EXAMPLES positive and negative requests to every operation; no answer
        may be a 5xx or differ from the schema."""
        app = CountingApp()
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
        personas = {
            "city_leader": self.city_leader,
            "ward_a_officer": self.ward_a_officer,
            "ward_a_women_officer": self.ward_a_women_officer,
        }
        headers = {name: bearer(user) for name, user in personas.items()}
        failures = defaultdict(list)  # (operation, check title) → [(persona, request, message)]
        operations = [result.ok() for result in schema.get_all_operations()]
        started = time.monotonic()

        for operation in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                for persona, header in headers.items():
                    fuzz(operation, mode, persona, header, failures)

        elapsed = time.monotonic() - started
        summary = (
            f"fuzzed {len(operations)} operations with {app.requests} requests "
            f"in {elapsed:.0f} s: {len(failures)} kinds of failure"
        )
        sys.stdout.write(f"\n{summary}\n")
        self.assertGreaterEqual(app.requests, MINIMUM_REQUESTS, summary)
        report = []
        for (label, title), seen in sorted(failures.items()):
            persona, request, status, message = min(seen, key=lambda item: len(item[1]))
            first_line = message.strip().splitlines()[0] if message.strip() else ""
            report.append(
                f"{label} — {title} ({len(seen)}×): {status} as {persona}: {request}"
                f"\n    {first_line[:200]}"
            )
        if report:
            self.fail(summary + "\n" + "\n".join(report))
