import datetime

from django.utils import timezone

from dvs.planning.models import ProgressUpdate

from .helpers import PlanningTestCase, make_directive, make_program, make_task


class TaskApiTests(PlanningTestCase):
    def post(self, path, user, data):
        return self.client.post(
            f"/api/v1{path}",
            data,
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.token_for(user)}"},
        )

    def test_list_is_scope_aware_and_filters(self):
        body = self.api_get("/tasks", self.ward_a_officer).json()
        self.assertEqual([t["title"] for t in body["items"]], ["Nhiệm vụ A"])
        body = self.api_get("/tasks", self.city_leader, unit="B").json()
        self.assertEqual([t["title"] for t in body["items"]], ["Nhiệm vụ B"])
        make_task(
            self.city_specialist,
            self.city,
            [self.ward_b],
            title="Trễ",
            assigned_on=timezone.localdate() - datetime.timedelta(days=20),
            deadline=timezone.localdate() - datetime.timedelta(days=2),
        )
        body = self.api_get("/tasks", self.city_leader, overdue="true").json()
        self.assertEqual([t["title"] for t in body["items"]], ["Trễ"])
        body = self.api_get("/tasks", self.city_leader, status="overdue").json()
        self.assertEqual(body["items"][0]["status"], "overdue")

    def test_progress_through_the_api(self):
        path = f"/tasks/{self.task_a.pk}/assignments/{self.assignment_a.pk}/progress"
        response = self.post(path, self.ward_a_officer, {"percent": 60, "note": "Đã họp"})
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["percent"], 60)
        bad = self.post(path, self.ward_a_officer, {"percent": "nhiều"})
        self.assertEqual(bad.status_code, 422)
        other = self.post(path, self.ward_b_officer, {"percent": 10})
        self.assertEqual(other.status_code, 404)
        wrong_task = f"/tasks/{self.task_b.pk}/assignments/{self.assignment_a.pk}/progress"
        self.assertEqual(
            self.post(wrong_task, self.ward_a_officer, {"percent": 10}).status_code, 404
        )
        self.assertEqual(ProgressUpdate.objects.count(), 1)
        detail = self.api_get(f"/tasks/{self.task_a.pk}", self.ward_a_officer).json()
        self.assertEqual(detail["status"], "in_progress")

    def test_directives_and_programs(self):
        make_directive(self.ward_a, "01-KH/DU")
        body = self.api_get("/directives", self.ward_a_officer).json()
        self.assertEqual([d["number"] for d in body["items"]], ["01-KH/DU"])
        make_program(self.ward_a_front)
        make_program(self.ward_b_front, title="B")
        body = self.api_get("/programs", self.ward_a_officer).json()
        self.assertEqual(len(body["items"]), 1)
        self.assertEqual(self.api_get("/programs").status_code, 401)
