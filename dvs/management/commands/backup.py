from django.core.management.base import BaseCommand, CommandError

from dvs import backup


class Command(BaseCommand):
    help = "Back up the database, media, private files and keys into a new directory."

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, help="a new or empty directory")

    def handle(self, *args, to, **options):
        try:
            manifest = backup.backup(to)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"{rows} rows, media, private files and keys → {to}")
        self.stdout.write("keys/ decrypts the protected data: keep this backup as safe as them.")
