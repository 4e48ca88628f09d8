import os
import subprocess
import sys
import tempfile

from django.conf import settings
from django.test import SimpleTestCase

PRODUCTION = {
    "SECRET_KEY": "k7Qp2vL9xZm4Rt8sW1yB6nE3hJ0cF5gU-aD_iO.eKlPqSuVwXzYTrandomlongvalue",
    "SECURE_COOKIES": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "ALLOWED_HOSTS": "danvan.example.vn",
    "FIELD_ENCRYPTION_KEYS": "x5-0dAFJlqW4Cm9Qz2Q6bHkHIBrmx6H-5hEt7fgHwwQ=",
}


def manage(*args, **env):
    """`manage.py ARGS` in a fresh process with `env`, on an empty SQLite file of its own:
    the checks must not depend on what this machine's database holds."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DVS_TESTING", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")
    }
    environment["SQLITE_PATH"] = os.path.join(tempfile.mkdtemp(), "check.sqlite3")
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


# Exactly the variables the README's configuration table tells a deployment behind TLS to set.
README_PRODUCTION = {
    "SECRET_KEY": PRODUCTION["SECRET_KEY"],
    "ALLOWED_HOSTS": "danvan.example.vn",
    "FIELD_ENCRYPTION_KEYS": PRODUCTION["FIELD_ENCRYPTION_KEYS"],
    "SECURE_COOKIES": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "BEHIND_TLS_PROXY": "1",
}


class ProductionSettingsTests(SimpleTestCase):
    def test_production_settings_pass_the_deploy_check(self):
        result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_the_readmes_production_variables_pass_the_deploy_check_without_warnings(self):
        result = manage("check", "--deploy", "--fail-level", "WARNING", **README_PRODUCTION)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout)

    def test_administrators_need_a_second_factor_in_production(self):
        result = manage(
            "shell",
            "-c",
            "from django.conf import settings; print(settings.OTP_REQUIRED_ROLES)",
            **PRODUCTION,
        )
        self.assertIn("system_admin", result.stdout)


class MigrationTests(SimpleTestCase):
    def test_models_and_migrations_agree(self):
        result = manage("makemigrations", "--check", "--dry-run", DVS_TESTING="1")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)


class EncryptionKeyCheckTests(SimpleTestCase):
    def test_a_deployment_without_encryption_keys_fails_its_checks(self):
        env = {
            **PRODUCTION,
            "FIELD_ENCRYPTION_KEYS": "",
            "FIELD_ENCRYPTION_KEYS_FILE": "/nonexistent",
        }
        result = manage("check", "--deploy", **env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("accounts.E002", result.stdout + result.stderr)
