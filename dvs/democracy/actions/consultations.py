"""Writes of consultations (tham gia ý kiến, Law 10/2022 Art. 25–28).

A consultation is drafted (`create`, `update`), published with the date opinions are
taken until (`publish`: at least 20 days, Art. 28(1)), receives opinions (`add_opinion`
by staff for meetings, ballots, the box, the Front, social networks and dialogues, each
with its count; `submit_public_opinion` from the portal, one per person), is closed no
earlier than that date (`close`), gets its synthesis and decision (`record_result`) and
has its result published (`publish_result`), which a decision against the majority of
opinions cannot be without its explanation (Art. 28(2)).

The portal keeps no phone number: only an HMAC of it with the site's secret key, enough
to refuse a second opinion from the same number and useless to anyone reading the table.
"""

import hashlib
import hmac
import os
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import rules
from ..models import Consultation, Opinion
from . import check_can, check_unit, clean_fields, delete, refuse  # noqa: F401

Status = Consultation.Status
DRAFT_FIELDS = ("subject", "title", "summary", "document", "on_portal")
RESULT_FIELDS = ("synthesis", "decision", "against_majority", "explanation")
DOCUMENT_EXTENSIONS = ("pdf", "doc", "docx", "odt")
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
MAX_COUNT = 1_000_000  # a ward's residents, well above any real count
STAFF_CHANNELS = tuple(c for c in Opinion.Channel.values if c != Opinion.Channel.PORTAL)


def _today():
    return timezone.localdate()


def _check_document(document):
    """A draft document residents can open: PDF or a word processor's file, at most 20 MB."""
    if not document:
        return
    name = os.path.basename(getattr(document, "name", "") or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in DOCUMENT_EXTENSIONS:
        refuse(
            _("Files of this type are not accepted (accepted: %(types)s).")
            % {"types": ", ".join(DOCUMENT_EXTENSIONS)},
            "document",
        )
    if getattr(document, "size", 0) > DOCUMENT_MAX_BYTES:
        refuse(
            _("The file is too large (at most %(max)s).")
            % {"max": filesizeformat(DOCUMENT_MAX_BYTES)},
            "document",
        )


def _check_text(consultation):
    errors = {}
    if not consultation.title.strip():
        errors["title"] = [_("This field is required.")]
    if not consultation.summary.strip():
        errors["summary"] = [_("This field is required.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create(by, *, unit, **fields):
    """A draft consultation of `unit` (ward or neighbourhood)."""
    check_unit(by, Consultation, unit)
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        refuse(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})
    fields = clean_fields(Consultation, fields)
    _check_document(fields.get("document"))
    consultation = Consultation(unit=unit, **fields)
    _check_text(consultation)
    consultation.save()
    log(consultation, "wagtail.create", user=by)
    return consultation


@transaction.atomic
def update(consultation, by, **fields):
    """Correct what is asked. Once published, the question and its document are what
    residents answered: only whether the portal takes opinions may change."""
    check_can(by, consultation, "change")
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        refuse(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})
    if consultation.status != Status.DRAFT and set(fields) - {"on_portal"}:
        refuse(_("A published consultation's question and document can no longer be changed."))
    fields = clean_fields(Consultation, fields)
    _check_document(fields.get("document"))
    for name, value in fields.items():
        setattr(consultation, name, value)
    _check_text(consultation)
    consultation.save()
    log(consultation, "wagtail.edit", user=by, data={"fields": sorted(fields)})
    return consultation


@transaction.atomic
def publish(consultation, by, on, closes_on):
    """Open the consultation on `on` until `closes_on`: at least 20 days (Art. 28(1);
    published Tue 1/9/2026, it cannot close before Mon 21/9/2026)."""
    check_can(by, consultation, "change")
    if consultation.status != Status.DRAFT:
        refuse(_("This consultation is already published."))
    if on is None or closes_on is None:
        refuse(_("Give the publication date and the closing date."))
    earliest = rules.consultation_closes_earliest_on(on)
    if closes_on < earliest:
        refuse(
            _("Opinions are taken for at least %(days)s days: close on %(date)s or later.")
            % {"days": rules.CONSULTATION_DAYS, "date": rules._d(earliest)},
            "closes_on",
        )
    consultation.published_on, consultation.closes_on = on, closes_on
    consultation.status = Status.OPEN
    consultation.save(update_fields=["published_on", "closes_on", "status"])
    log(consultation, "wagtail.edit", user=by, data={"action": "publish"})
    return consultation


def _check_received(consultation, received_on, field="received_on"):
    if consultation.status not in (Status.OPEN, Status.CLOSED):
        refuse(_("Opinions are taken only while the consultation is published."))
    if received_on is None:
        refuse(_("This field is required."), field)
    if received_on < consultation.published_on or received_on > consultation.closes_on:
        refuse(
            _("Opinions are taken from %(start)s to %(end)s.")
            % {
                "start": rules._d(consultation.published_on),
                "end": rules._d(consultation.closes_on),
            },
            field,
        )
    if received_on > _today():
        refuse(_("The date cannot be in the future."), field)


@transaction.atomic
def add_opinion(
    consultation, by, *, channel, stance, received_on, count=1, name="", address="", content=""
):
    """Opinions from a meeting, a household ballot (one row with its count), the box,
    the Front, social networks or a dialogue, entered by staff. The portal's come from
    the residents themselves (`submit_public_opinion`)."""
    # An opinion is anchored to its consultation: the consultations `by` may add to.
    check_unit(by, Opinion, consultation, field="consultation")
    if channel not in STAFF_CHANNELS:
        refuse(_("Opinions from the portal are sent by residents themselves."), "channel")
    if stance not in Opinion.Stance.values:
        refuse(_("Choose a stance."), "stance")
    if not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        refuse(_("Give a number between 1 and %(max)s.") % {"max": MAX_COUNT}, "count")
    _check_received(consultation, received_on)
    fields = clean_fields(Opinion, {"name": name, "address": address, "content": content})
    opinion = Opinion.objects.create(
        consultation=consultation,
        channel=channel,
        stance=stance,
        count=count,
        received_on=received_on,
        **fields,
    )
    log(opinion, "wagtail.create", user=by)
    return opinion


@transaction.atomic
def update_opinion(opinion, by, **fields):
    check_can(by, opinion, "change")
    if opinion.channel == Opinion.Channel.PORTAL:
        refuse(_("An opinion sent from the portal is the resident's own: it cannot be changed."))
    allowed = {"channel", "stance", "count", "received_on", "name", "address", "content"}
    if set(fields) - allowed:
        refuse(_("Unknown field “%(name)s”.") % {"name": sorted(set(fields) - allowed)[0]})
    if "channel" in fields and fields["channel"] not in STAFF_CHANNELS:
        refuse(_("Opinions from the portal are sent by residents themselves."), "channel")
    count = fields.get("count", opinion.count)
    if not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        refuse(_("Give a number between 1 and %(max)s.") % {"max": MAX_COUNT}, "count")
    if "received_on" in fields:
        _check_received(opinion.consultation, fields["received_on"])
    for name, value in clean_fields(Opinion, fields).items():
        setattr(opinion, name, value)
    opinion.save()
    log(opinion, "wagtail.edit", user=by, data={"fields": sorted(fields)})
    return opinion


# The portal -------------------------------------------------------------------------------


def normalise_phone(phone):
    """The digits of a Vietnamese phone number, +84 written as 0: "+84 912.345.678" and
    "0912345678" are the same person."""
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits


def contact_hash(phone):
    """HMAC-SHA256 of the normalised number with the site's secret key."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, normalise_phone(phone).encode(), hashlib.sha256).hexdigest()


def open_on_portal(consultation, today=None):
    """Whether the portal takes opinions on `consultation` today."""
    today = today or _today()
    return (
        consultation.status == Status.OPEN
        and consultation.on_portal
        and consultation.published_on is not None
        and consultation.published_on <= today <= consultation.closes_on
    )


def portal_open(queryset, today=None):
    """The consultations open on the portal today (the public list and page)."""
    today = today or _today()
    return queryset.filter(
        status=Status.OPEN, on_portal=True, published_on__lte=today, closes_on__gte=today
    )


@transaction.atomic
def submit_public_opinion(consultation, *, name, phone, stance, content, address=""):
    """A resident's opinion from the portal: one per phone number and consultation
    ("Số điện thoại này đã góp ý cho nội dung này"). The number itself is not stored."""
    if not open_on_portal(consultation):
        refuse(_("This consultation is not taking opinions on the portal."))
    digits = normalise_phone(phone)
    if not 9 <= len(digits) <= 11:
        refuse(_("Enter a valid phone number."), "phone")
    if stance not in Opinion.Stance.values:
        refuse(_("Choose a stance."), "stance")
    fields = clean_fields(Opinion, {"name": name, "address": address, "content": content})
    if not fields["name"]:
        refuse(_("This field is required."), "name")
    if not fields["content"]:
        refuse(_("This field is required."), "content")
    hashed = contact_hash(digits)
    duplicate = _("This phone number has already given an opinion on this consultation.")
    if Opinion.objects.filter(consultation=consultation, contact_hash=hashed).exists():
        refuse(duplicate, "phone")
    try:
        with transaction.atomic():
            opinion = Opinion.objects.create(
                consultation=consultation,
                channel=Opinion.Channel.PORTAL,
                stance=stance,
                count=1,
                contact_hash=hashed,
                received_on=_today(),
                **fields,
            )
    except IntegrityError:  # a parallel submission from the same number
        refuse(duplicate, "phone")
    log(opinion, "wagtail.create", user=None)
    return opinion


# Closing and the result -----------------------------------------------------------------


@transaction.atomic
def close(consultation, by, on):
    """Stop taking opinions, not before the date announced."""
    check_can(by, consultation, "change")
    if consultation.status != Status.OPEN:
        refuse(_("Only an open consultation can be closed."))
    if on is None:
        refuse(_("This field is required."), "on")
    if on < consultation.closes_on:
        refuse(
            _("Opinions are taken until %(date)s: the consultation cannot close earlier.")
            % {"date": rules._d(consultation.closes_on)},
            "on",
        )
    consultation.status = Status.CLOSED
    consultation.save(update_fields=["status"])
    log(consultation, "wagtail.edit", user=by, data={"action": "close", "on": on.isoformat()})
    return consultation


@transaction.atomic
def record_result(consultation, by, **fields):
    """The synthesis of opinions, the decision taken, whether it goes against the
    majority and the explanation; kept as a draft until `publish_result`."""
    check_can(by, consultation, "change")
    if consultation.status != Status.CLOSED:
        refuse(_("The synthesis is written once the consultation is closed."))
    unknown = set(fields) - set(RESULT_FIELDS)
    if unknown:
        refuse(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})
    for name, value in clean_fields(Consultation, fields).items():
        setattr(consultation, name, value)
    consultation.save(update_fields=list(RESULT_FIELDS))
    log(consultation, "wagtail.edit", user=by, data={"fields": sorted(fields)})
    return consultation


@transaction.atomic
def publish_result(consultation, by, on):
    """Publish the synthesis, the decision and the explanation (Art. 28(2)): a decision
    against the majority of opinions must carry its explanation."""
    check_can(by, consultation, "change")
    if consultation.status != Status.CLOSED:
        refuse(_("The result is published once the consultation is closed."))
    errors = {}
    if not consultation.synthesis.strip():
        errors["synthesis"] = [_("Write the synthesis of opinions before publishing.")]
    if not consultation.decision.strip():
        errors["decision"] = [_("Write the decision taken before publishing.")]
    if consultation.against_majority and not consultation.explanation.strip():
        errors["explanation"] = [
            _("A decision against the majority of opinions must be explained.")
        ]
    if errors:
        raise ValidationError(errors)
    if on is None or on < consultation.closes_on:
        refuse(_("The result cannot be published before the consultation closed."), "on")
    consultation.status = Status.PUBLISHED
    consultation.result_published_on = on
    consultation.save(update_fields=["status", "result_published_on"])
    log(consultation, "wagtail.edit", user=by, data={"action": "publish_result"})
    return consultation


# Counts (read-only: the synthesis screen, the API, the portal) ---------------------------


def counts(consultation):
    """The opinions summed by stance and by channel (`count` of each row), the total,
    and the majority stance (None on a tie or with no opinion)."""
    rows = consultation.opinions.values("stance", "channel").annotate(n=Sum("count"))
    by_stance = dict.fromkeys(Opinion.Stance.values, 0)
    by_channel = dict.fromkeys(Opinion.Channel.values, 0)
    for row in rows:
        by_stance[row["stance"]] += row["n"]
        by_channel[row["channel"]] += row["n"]
    total = sum(by_stance.values())
    ranked = sorted(by_stance.items(), key=lambda item: -item[1])
    majority = ranked[0][0] if total and ranked[0][1] > ranked[1][1] else None
    return {
        "by_stance": by_stance,
        "by_channel": by_channel,
        "total": total,
        "majority": majority,
        "absolute_majority": bool(majority and by_stance[majority] * 2 > total),
    }
