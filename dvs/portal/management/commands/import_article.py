from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dvs.portal.importing import ArticleError, create_article, parse_article, read_text
from dvs.portal.models import SectionPage


class Command(BaseCommand):
    help = "Import a plain-text article (date-time line, view count, paragraphs, byline)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--title", required=True)
        parser.add_argument("--section", required=True, help="slug of the news section")
        parser.add_argument("--draft", action="store_true", help="save as a draft, unpublished")

    def handle(self, *args, file, title, section, draft=False, **options):
        target = SectionPage.objects.filter(slug=section).first()
        if target is None:
            slugs = ", ".join(SectionPage.objects.values_list("slug", flat=True)) or "—"
            raise CommandError(
                _("No news section with slug “%(slug)s”. Sections: %(slugs)s")
                % {"slug": section, "slugs": slugs}
            )
        try:
            parsed = parse_article(read_text(file))
            article = create_article(parsed, title=title, section=target, publish=not draft)
        except ArticleError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Imported “%(title)s” (%(when)s, %(n)s paragraphs): %(url)s")
            % {
                "title": article.title,
                "when": parsed.published_at.strftime("%d/%m/%Y %H:%M:%S"),
                "n": len(parsed.paragraphs),
                "url": article.url or article.url_path,
            }
        )
