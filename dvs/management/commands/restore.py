from django.core.management.base import BaseCommand, CommandError

from dvs import backup


class Command(BaseCommand):
    help = (
        "Replace the database, media and private files with a backup made by `backup`. "
        "Stops, changing nothing, if the configured field-encryption keys do not decrypt it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", required=True, help="a backup directory")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="do not ask to confirm"
        )

    def handle(self, *args, source, interactive, **options):
        try:
            backup.check_keys(source)
            if interactive:
                answer = input(
                    f"Everything in this platform's database and files will be replaced by "
                    f"{source}. Type 'yes' to continue: "
                )
                if answer != "yes":
                    raise CommandError("Restore cancelled.")
            manifest = backup.restore(source)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Restored {rows} rows and the files of the backup of {manifest['created']}."
        )
