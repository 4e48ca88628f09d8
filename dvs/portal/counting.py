"""Exact and cheap view counting for the portal.

The request path never writes to the database. A counted view is a few operations on
Django's cache (local memory, or Redis when REDIS_URL is set):

1. a visitor is a keyed hash of address and browser: no cookie, nothing personal kept;
2. a known bot (PORTAL_BOT_PATTERN, or no User-Agent at all) is not counted;
3. the same visitor on the same page within PORTAL_RELOAD_WINDOW seconds is not counted
   again (`cache.add` of a mark that expires);
4. otherwise `cache.incr` of the page's counter for the current *epoch*, a slice of
   PORTAL_FLUSH_SECONDS seconds. The first view of a page in an epoch also writes the
   page into that epoch's list of dirty slots.

flush() moves closed epochs (ended more than GRACE seconds ago, so no writer still adds
to them) into PageCounter and DailyPageStats with `F()` increments, in one transaction.
Each dirty slot is claimed with `cache.add` first, so any number of flushers (a thread in
every web process, the periodic task, the shutdown hook) can run at once and each
increment reaches the database exactly once. `incr` and `add` are atomic in the local
memory cache (one lock) and in Redis (INCR, SET NX), so no increment is lost under
concurrency.

Where the buffer lives decides who flushes it: local memory belongs to one process, so
each web process runs a flusher thread and flushes everything, the current epoch too, when
it exits; with Redis the periodic task (dvs.portal.tasks) and those threads share the
work. A process that crashes loses what it had not flushed: at most one flush interval
(plus the two-second grace) with local memory; with Redis, nothing unless a flusher dies
between claiming and committing (then that flusher's batch).

Visitors online: every process notes the visitors it serves (a dict in memory) as the
request comes in, before the page is drawn, and the flush writes them to OnlineVisitor.
"Online" is the number of distinct visitors seen in PORTAL_ONLINE_WINDOW: those in
OnlineVisitor (read at most every few seconds), those this process saw since its last
flush, and the visitor the page is drawn for. (It used to read OnlineVisitor alone, after
the page was drawn and from a cached number: a visitor never counted themself, and with
one visitor the portal said 0 until the next flush and the cache both caught up.)
"""

import atexit
import hashlib
import logging
import os
import re
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import F, Sum
from django.utils import timezone

from dvs.lib.net import client_ip

logger = logging.getLogger(__name__)

GRACE = 2.0  # seconds after an epoch ends before it is flushed
_CHUNK = 500

_online = {}  # visitor -> last seen (unix time), this process only; drained by flush
_flush_lock = threading.Lock()
_flusher_pid = None


def counters():
    """The buffer of counts: never evicted (no timeout, no culling)."""
    return caches["portal_counters"]


def marks():
    """Reload and visit marks: they expire, and may be evicted under pressure."""
    return caches["portal"]


@lru_cache(maxsize=8)
def _bot_pattern(pattern):
    return re.compile(pattern, re.IGNORECASE)


def is_bot(user_agent):
    if not user_agent or not user_agent.strip():
        return True
    return bool(_bot_pattern(settings.PORTAL_BOT_PATTERN).search(user_agent))


def visitor_id(request):
    material = f"{client_ip(request)}|{request.META.get('HTTP_USER_AGENT', '')}"
    key = settings.SECRET_KEY.encode()[:64]
    return hashlib.blake2b(material.encode(), digest_size=12, key=key).hexdigest()


def online_visitor(request):
    """This request's visitor as counted online, or None (a bot, counting off)."""
    if not settings.PORTAL_COUNT_VIEWS or is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return None
    return visitor_id(request)


def note_online(request, now=None):
    """Note this request's visitor as online now (in memory; flush() writes it)."""
    visitor = online_visitor(request)
    if visitor is not None:
        _online[visitor] = time.time() if now is None else now
        if settings.PORTAL_FLUSH_THREAD:
            _ensure_flusher()  # drains _online even in a process that counts no page
    return visitor


def count_view(request, page_id, now=None):
    """Count one view of `page_id` by this request's visitor; True if it was counted."""
    if not settings.PORTAL_COUNT_VIEWS or request.method != "GET":
        return False
    visitor = note_online(request, now)
    if visitor is None:
        return False
    counted = record(page_id, visitor)
    if settings.PORTAL_FLUSH_THREAD:
        _ensure_flusher()
    return counted


def record(page_id, visitor, now=None):
    """The counting rule itself, without a request: reload window, visit, increment.

    The epoch is read from the clock at the increment itself (unless a test passes
    `now`), so nothing slow sits between choosing the epoch and adding to it."""
    window = settings.PORTAL_RELOAD_WINDOW
    if window and not marks().add(f"seen:{page_id}:{visitor}", 1, window):
        return False
    visit_window = settings.PORTAL_VISIT_WINDOW
    new_visit = not visit_window or marks().add(f"visit:{visitor}", 1, visit_window)
    epoch = int((time.time() if now is None else now) // settings.PORTAL_FLUSH_SECONDS)
    _increment(epoch, page_id, "views")
    if new_visit:
        _increment(epoch, page_id, "visits")
    return True


def _incr_or_create(cache, key):
    try:
        return cache.incr(key)
    except ValueError:
        if cache.add(key, 1, timeout=None):
            return 1
        return cache.incr(key)


def _increment(epoch, page_id, kind):
    cache = counters()
    key = f"n:{epoch}:{page_id}:{kind}"
    try:
        cache.incr(key)
        return
    except ValueError:
        pass
    if cache.add(key, 1, timeout=None):
        # First of this page in this epoch: note it in the epoch's dirty slots.
        slot = _incr_or_create(cache, f"d:{epoch}")
        cache.set(f"d:{epoch}:{slot}", f"{page_id}:{kind}", timeout=None)
        cache.add("lo", epoch, timeout=None)  # the oldest epoch that may hold counts
    else:
        cache.incr(key)


def is_process_local():
    return isinstance(counters(), LocMemCache)


def _epoch_date(epoch):
    start = datetime.fromtimestamp(epoch * settings.PORTAL_FLUSH_SECONDS, tz=UTC)
    return timezone.localtime(start).date()


def flush(now=None, include_current=False):
    """Move buffered counts of closed epochs (all, with include_current) to the database.

    Returns the number of views written."""
    cache = counters()
    now = time.time() if now is None else now
    interval = settings.PORTAL_FLUSH_SECONDS
    last = int(now // interval) if include_current else int((now - GRACE) // interval) - 1
    with _flush_lock:
        flush_online(now)
        lo = cache.get("lo")
        if lo is None or lo > last:
            return 0
        totals = defaultdict(lambda: [0, 0])
        done = []  # keys to delete once the counts are committed
        for start in range(lo, last + 1, _CHUNK):
            epochs = range(start, min(start + _CHUNK, last + 1))
            sizes = cache.get_many([f"d:{e}" for e in epochs])
            for epoch in epochs:
                size = sizes.get(f"d:{epoch}") or 0
                slots = [f"d:{epoch}:{i}" for i in range(1, size + 1)]
                claimed = [s for s in slots if cache.add(f"c:{s}", 1, timeout=None)]
                entries = cache.get_many(claimed)
                value_keys = {s: f"n:{epoch}:{entries[s]}" for s in claimed if s in entries}
                values = cache.get_many(list(value_keys.values()))
                day = _epoch_date(epoch)
                for slot, value_key in value_keys.items():
                    page_id, kind = entries[slot].split(":")
                    totals[(int(page_id), day)][kind == "visits"] += values.get(value_key, 0)
                done += [*claimed, *(f"c:{s}" for s in claimed), *value_keys.values()]
                if len(claimed) == size and size:
                    done.append(f"d:{epoch}")
        _write(totals)
        if totals:
            marks().delete("site-total")
        cache.delete_many(done)
        if (cache.get("lo") or 0) <= last:
            cache.set("lo", last + 1, timeout=None)
    return sum(views for views, _visits in totals.values())


def _upsert(model, lookup, views, visits):
    updated = model.objects.filter(**lookup).update(
        views=F("views") + views, visits=F("visits") + visits
    )
    if updated:
        return
    try:
        with transaction.atomic():
            model.objects.create(**lookup, views=views, visits=visits)
    except IntegrityError:  # another flusher created it meanwhile
        model.objects.filter(**lookup).update(views=F("views") + views, visits=F("visits") + visits)


def _write(totals):
    from wagtail.models import Page

    from .models import DailyPageStats, PageCounter

    if not totals:
        return
    existing = set(
        Page.objects.filter(pk__in={page for page, _day in totals}).values_list("pk", flat=True)
    )
    by_page = defaultdict(lambda: [0, 0])
    with transaction.atomic():
        for (page_id, day), (views, visits) in sorted(totals.items()):
            if page_id not in existing:
                continue  # the page was deleted meanwhile
            _upsert(DailyPageStats, {"page_id": page_id, "date": day}, views, visits)
            by_page[page_id][0] += views
            by_page[page_id][1] += visits
        for page_id, (views, visits) in sorted(by_page.items()):
            _upsert(PageCounter, {"page_id": page_id}, views, visits)


def flush_online(now=None):
    """Write the visitors this process served to OnlineVisitor; forget old ones."""
    from .models import OnlineVisitor

    now = time.time() if now is None else now
    seen = dict(_online)
    for visitor, at in seen.items():
        if _online.get(visitor) == at:
            _online.pop(visitor, None)
    if seen:
        rows = [
            OnlineVisitor(visitor=v, last_seen=datetime.fromtimestamp(t, tz=UTC))
            for v, t in seen.items()
        ]
        OnlineVisitor.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["visitor"], update_fields=["last_seen"]
        )
        marks().delete("online-visitors")
    horizon = datetime.fromtimestamp(now - settings.PORTAL_ONLINE_WINDOW * 2, tz=UTC)
    OnlineVisitor.objects.filter(last_seen__lt=horizon).delete()


def _recent_visitors():
    """The visitors OnlineVisitor holds for the last PORTAL_ONLINE_WINDOW (cached briefly)."""
    from .models import OnlineVisitor

    visitors = marks().get("online-visitors")
    if visitors is None:
        since = timezone.now() - timedelta(seconds=settings.PORTAL_ONLINE_WINDOW)
        visitors = list(
            OnlineVisitor.objects.filter(last_seen__gte=since).values_list("visitor", flat=True)
        )
        marks().set("online-visitors", visitors, 15)
    return visitors


def online_count(visitor=None, now=None):
    """Distinct visitors online: recorded, seen by this process since its last flush, and
    `visitor` (the one looking at the page)."""
    now = time.time() if now is None else now
    since = now - settings.PORTAL_ONLINE_WINDOW
    online = set(_recent_visitors())
    online.update(v for v, at in list(_online.items()) if at >= since)
    if visitor:
        online.add(visitor)
    return len(online)


def site_stats(visitor=None):
    """Visitors online now (counting `visitor`, the one looking) and total visits, as
    every page shows them (the total cached briefly)."""
    from .models import PageCounter

    total = marks().get("site-total")
    if total is None:
        total = PageCounter.objects.aggregate(total=Sum("visits"))["total"] or 0
        marks().set("site-total", total, 15)
    return {
        "online": online_count(visitor),
        "total": total + settings.PORTAL_TOTAL_VISITS_BASE,
    }


# The flusher thread of a web process ------------------------------------------------------


def _ensure_flusher():
    global _flusher_pid
    if _flusher_pid == os.getpid():
        return
    with _flush_lock:
        if _flusher_pid == os.getpid():
            return
        _flusher_pid = os.getpid()
        threading.Thread(target=_flush_forever, name="portal-flusher", daemon=True).start()
        atexit.register(flush_at_exit)


def _flush_forever():
    interval = settings.PORTAL_FLUSH_SECONDS
    while True:
        now = time.time()
        time.sleep(interval - now % interval + GRACE + 0.05)
        try:
            close_old_connections()
            flush()
        except Exception:
            logger.exception("portal: flushing view counts failed; retrying next interval")


def flush_at_exit():
    """At shutdown: with a process-local buffer, everything including the current epoch."""
    try:
        flush(include_current=is_process_local())
    except Exception:
        logger.exception("portal: flushing view counts at shutdown failed")
