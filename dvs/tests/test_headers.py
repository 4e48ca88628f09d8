import re

from django.contrib.staticfiles import finders

from dvs.testing import BaseTestCase

PAGES = ["/", "/admin/login/", "/gui-phan-anh/", "/api/v1/docs"]


class SecurityHeaderTests(BaseTestCase):
    def test_every_page_sends_a_content_security_policy_and_a_permissions_policy(self):
        for url in PAGES:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                policy = response.headers["Content-Security-Policy"]
                self.assertIn("default-src 'self'", policy)
                self.assertIn("object-src 'none'", policy)
                self.assertIn("camera=()", response.headers["Permissions-Policy"])

    def test_only_wagtails_admin_may_run_inline_scripts(self):
        def script_src(url):
            policy = self.client.get(url).headers["Content-Security-Policy"]
            return re.search(r"script-src ([^;]*)", policy).group(1)

        self.assertNotIn("unsafe-inline", script_src("/gui-phan-anh/"))
        self.assertNotIn("unsafe-inline", script_src("/api/v1/docs"))
        self.assertIn("'unsafe-inline'", script_src("/admin/login/"))

    def test_the_api_documentation_loads_nothing_from_outside_the_server(self):
        page = self.client.get("/api/v1/docs").content.decode()
        self.assertEqual(re.findall(r"(?:https?:)?//[\w.-]+", page), [])
        self.assertIn("/static/ninja/swagger-ui-bundle.js", page)
        init = open(finders.find("ninja/swagger-ui-init.js")).read()
        self.assertNotRegex(init, r"https?://")
