"""RSS 2.0 feed of a news section: /<section>/rss/."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed


class SectionFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, section):
        return section

    def title(self, section):
        return section.title

    # Full addresses on the portal's public address (links.base_url): Django would
    # otherwise prefix relative links with whatever host the request named.
    def link(self, section):
        return section.get_full_url(request=self.request)

    def feed_url(self, section):
        return section.get_full_url(request=self.request) + "rss/"

    def description(self, section):
        return section.intro or section.title

    def items(self, section):
        return section.articles()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_full_url(request=self.request)

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.author or None
