from django.conf import settings
from django.core.management.base import BaseCommand

from dvs.accounts.demo import describe


class Command(BaseCommand):
    help = "Print the demo accounts, their roles and the demo password."

    def handle(self, *args, **options):
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {settings.DEMO_PASSWORD}):")
        for line in describe():
            self.stdout.write(line)
