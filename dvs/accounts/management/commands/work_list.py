"""Print a user's work list, as their home page shows it (with the lines shown in panels of
their own: tasks, pages to approve): `manage.py work_list khupho0101`."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from dvs.accounts.dashboard import SHOWN, work_list
from dvs.accounts.models import User


class Command(BaseCommand):
    help = "Print what waits for a user on their home page (their work list)."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="+")
        parser.add_argument("--limit", type=int, default=SHOWN, help="items per section")

    def handle(self, *args, username, limit, **options):
        translation.activate("vi")
        for name in username:
            user = User.objects.filter(username=name).first()
            if user is None:
                raise CommandError(f"No user {name!r}.")
            self.stdout.write(f"# {name} — {user}")
            sections = work_list(user, limit)
            if not sections:
                self.stdout.write("  (không có việc nào đang chờ)")
            for section in sections:
                more = " …" if section.more else ""
                self.stdout.write(f"## {section.label} ({len(section.items)}{more})")
                for item in section.items:
                    note = f" · {item.note}" if item.note else ""
                    self.stdout.write(f"  - {item.title}{note}  <{item.url}>")
