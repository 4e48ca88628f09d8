"""The public portal as Wagtail pages, and the narrow tables that hold its counts.

Page tree: HomePage → SectionPage → ArticlePage; HomePage → VideoIndexPage → VideoPage;
HomePage → DocumentIndexPage → PublicDocumentPage; HomePage → InfoPage (public services,
about). Counts never live on the pages themselves: publishing a revision would write an
old number back. They live in PageCounter (totals) and DailyPageStats (one row a page a
day), written only by counting.flush().
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import FileExtensionValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from dvs.lib.widgets import SearchableCheckboxes

from .blocks import RICH_TEXT_FEATURES, ArticleBodyBlock

VIDEO_EXTENSIONS = ["mp4", "webm"]


class CountedPage(Page):
    """Abstract base of every portal page: a served page is marked for counting.

    The mark is read by PortalMiddleware, which counts the view (and serves later
    anonymous requests from the page cache, counting those too). Previews are not served
    through serve(), so they are not counted.
    """

    show_view_count = False

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        request.portal_page_id = self.pk
        return super().serve(request, *args, **kwargs)

    def meta_description(self):
        """For <meta name="description"> and Open Graph."""
        for name in ("search_description", "lead", "intro", "summary"):
            value = getattr(self, name, "")
            if value:
                return value
        return ""

    # Routable pages (sections, articles) set the mark in their main route instead:
    # RoutablePageMixin.serve() calls the route's view, not this method.


def paginate(request, queryset, per_page=12):
    """One page of `queryset` from ?page=N; a bad or too large N gives the first/last."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class HomePage(CountedPage):
    intro = models.CharField(_("Introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = [
        "portal.SectionPage",
        "portal.VideoIndexPage",
        "portal.DocumentIndexPage",
        "portal.InfoPage",
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("Portal home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.live().public().select_related("image")
        articles = articles.order_by("-published_at")
        context["featured"] = list(articles.filter(featured=True)[:4])
        shown = [a.pk for a in context["featured"]]
        context["latest"] = list(articles.exclude(pk__in=shown)[:8])
        context["section_blocks"] = [
            (section, list(articles.descendant_of(section)[:4]))
            for section in SectionPage.objects.live().public().child_of(self)[:6]
        ]
        context["videos"] = list(
            VideoPage.objects.live().public().select_related("poster").order_by("-published_at")[:3]
        )
        context["documents"] = list(
            PublicDocumentPage.objects.live().public().order_by("-issued_on")[:5]
        )
        return context


class SectionPage(RoutablePageMixin, CountedPage):
    """A news category (chuyên mục): its articles, newest first, and its RSS feed."""

    intro = models.CharField(_("Introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.ArticlePage"]

    class Meta:
        verbose_name = _("News section")

    def articles(self):
        return (
            ArticlePage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("image")
            .order_by("-published_at")
        )

    @path("")
    def index(self, request):
        request.portal_page_id = self.pk
        context = self.get_context(request)
        context["articles"] = paginate(request, self.articles())
        return TemplateResponse(request, self.get_template(request), context)

    @path("rss/")
    def rss(self, request):
        from .feeds import SectionFeed

        return SectionFeed()(request, section=self)


class ArticlePage(RoutablePageMixin, CountedPage):
    published_at = models.DateTimeField(
        _("Date and time of publication"),
        default=timezone.now,
        db_index=True,
        help_text=_("Shown on the article; news lists are ordered by it."),
    )
    lead = models.TextField(_("Lead"), blank=True, max_length=1000)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("Body"), blank=True)
    author = models.CharField(_("Author"), max_length=200, blank=True)
    source = models.CharField(_("Source unit"), max_length=200, blank=True)
    featured = models.BooleanField(_("Featured on the home page"), default=False)
    related = ParentalManyToManyField(
        "self", verbose_name=_("Related articles"), blank=True, symmetrical=False
    )

    show_view_count = True
    content_panels = [
        *Page.content_panels,
        FieldPanel("published_at"),
        FieldPanel("lead"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("author"), FieldPanel("source")], heading=_("Byline")),
        FieldPanel("featured"),
        FieldPanel("related", widget=SearchableCheckboxes),
    ]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["portal.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Article")
        verbose_name_plural = _("Articles")

    def plain_text(self):
        """Title, lead and body as plain text: what the accent-insensitive search reads."""
        parts = [self.title, self.lead, self.author, self.source]
        for block in self.body:
            if block.block_type == "paragraph":
                parts.append(strip_tags(block.value.source))
            elif block.block_type == "image":
                parts.append(block.value.get("caption") or "")
            else:
                parts.append(str(block.value))
        return "\n".join(p for p in parts if p)

    def related_articles(self):
        # In a preview `related` is modelcluster's in-memory FakeQuerySet: filter in Python.
        chosen = [article for article in self.related.all() if article.live][:4]
        if chosen:
            return chosen
        parent = self.get_parent()
        return list(
            ArticlePage.objects.live()
            .public()
            .child_of(parent)
            .exclude(pk=self.pk)
            .order_by("-published_at")[:4]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["section"] = self.get_parent()
        context["related_articles"] = self.related_articles()
        context["view_count"] = view_count(self.pk)
        return context

    @path("")
    def index(self, request):
        request.portal_page_id = self.pk
        return TemplateResponse(request, self.get_template(request), self.get_context(request))

    @path("in/")
    def print_view(self, request):
        context = self.get_context(request)
        context["print_view"] = True
        return TemplateResponse(request, "portal/article_print.html", context)


def validate_video_size(file):
    limit = settings.PORTAL_VIDEO_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("The video is %(size)s MB; at most %(limit)s MB can be uploaded."),
            params={"size": file.size // 2**20, "limit": limit // 2**20},
        )


class VideoIndexPage(CountedPage):
    intro = models.CharField(_("Introduction"), max_length=300, blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.VideoPage"]

    class Meta:
        verbose_name = _("Video list")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        videos = VideoPage.objects.live().public().child_of(self).select_related("poster")
        context["videos"] = paginate(request, videos.order_by("-published_at"))
        return context


class VideoPage(CountedPage):
    """A video uploaded to the portal and served from it: no outside player or embed."""

    published_at = models.DateTimeField(
        _("Date and time of publication"), default=timezone.now, db_index=True
    )
    video = models.FileField(
        _("Video file"),
        upload_to="portal/videos/",
        validators=[FileExtensionValidator(VIDEO_EXTENSIONS), validate_video_size],
        help_text=_("MP4 or WebM."),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Poster image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = RichTextField(_("Description"), features=RICH_TEXT_FEATURES, blank=True)
    captions = models.FileField(
        _("Subtitles (WebVTT)"),
        upload_to="portal/videos/",
        blank=True,
        validators=[FileExtensionValidator(["vtt"])],
    )

    show_view_count = True
    content_panels = [
        *Page.content_panels,
        FieldPanel("published_at"),
        FieldPanel("video"),
        FieldPanel("poster"),
        FieldPanel("captions"),
        FieldPanel("description"),
    ]
    parent_page_types = ["portal.VideoIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Video")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["view_count"] = view_count(self.pk)
        return context

    @property
    def mime_type(self):
        return "video/webm" if self.video.name.lower().endswith(".webm") else "video/mp4"


class DocumentKind(models.TextChoices):
    RESOLUTION = "resolution", _("Resolution")
    DIRECTIVE = "directive", _("Directive")
    CONCLUSION = "conclusion", _("Conclusion")
    PLAN = "plan", _("Plan")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other document")


class DocumentIndexPage(CountedPage):
    intro = models.CharField(_("Introduction"), max_length=300, blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.PublicDocumentPage"]

    class Meta:
        verbose_name = _("Document list")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = PublicDocumentPage.objects.live().public().child_of(self)
        kind = request.GET.get("loai")
        if kind in DocumentKind.values:
            documents = documents.filter(kind=kind)
            context["kind"] = kind
        context["kinds"] = DocumentKind.choices
        context["documents"] = paginate(request, documents.order_by("-issued_on", "-pk"), 20)
        return context


class PublicDocumentPage(CountedPage):
    """A directive, resolution or report published for the public, with its file."""

    number = models.CharField(_("Number and symbol"), max_length=100, blank=True)
    kind = models.CharField(
        _("Kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.DIRECTIVE
    )
    issued_on = models.DateField(_("Issued on"), default=timezone.localdate)
    issuer = models.CharField(_("Issuing body"), max_length=200, blank=True)
    summary = models.TextField(_("Summary"), blank=True, max_length=2000)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("File"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("number"),
        FieldPanel("kind"),
        FieldPanel("issued_on"),
        FieldPanel("issuer"),
        FieldPanel("summary"),
        FieldPanel("document"),
    ]
    parent_page_types = ["portal.DocumentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Public document")


class InfoPage(CountedPage):
    """A plain page: about the board, and the public services (petitions, feedback,
    tracking) until the capabilities behind them exist."""

    body = RichTextField(_("Body"), features=RICH_TEXT_FEATURES, blank=True)
    placeholder = models.BooleanField(
        _("Service not available yet"),
        default=False,
        help_text=_("Shows a notice that the online service is being built."),
    )
    content_panels = [*Page.content_panels, FieldPanel("body"), FieldPanel("placeholder")]
    parent_page_types = ["portal.HomePage", "portal.InfoPage"]
    subpage_types = ["portal.InfoPage"]

    class Meta:
        verbose_name = _("Information page")


# Counts ----------------------------------------------------------------------------------


class PageCounter(models.Model):
    """All-time totals of a page: views (and visits that started on it)."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    views = models.BigIntegerField(_("Views"), default=0)
    visits = models.BigIntegerField(_("Visits"), default=0)

    class Meta:
        verbose_name = _("Page counter")

    def __str__(self):
        return f"{self.page_id}: {self.views}"


class DailyPageStats(models.Model):
    """Views and visits of one page on one day (like Wagtail's QueryDailyHits)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("Date"))
    views = models.BigIntegerField(_("Views"), default=0)
    visits = models.BigIntegerField(_("Visits"), default=0)

    class Meta:
        verbose_name = _("Daily page statistics")
        constraints = [
            models.UniqueConstraint(fields=["page", "date"], name="portal_daily_page_date")
        ]
        indexes = [models.Index(fields=["date", "page"], name="portal_daily_date_page")]

    def __str__(self):
        return f"{self.page_id} {self.date}: {self.views}"


class OnlineVisitor(models.Model):
    """A visitor (a hash of address and browser, nothing personal) and when last seen."""

    visitor = models.CharField(max_length=32, primary_key=True)
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.visitor


class ArticleWord(models.Model):
    """One folded word of a live article: accent-insensitive prefix search on an index."""

    page = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")
    word = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["word", "page"], name="portal_word_page")]

    def __str__(self):
        return self.word


def view_count(page_id):
    return PageCounter.objects.filter(page_id=page_id).values_list("views", flat=True).first() or 0
