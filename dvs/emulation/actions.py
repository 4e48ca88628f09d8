"""Writes of the movement that span several rows or must be audited: registering an
exemplar with its indicators, evaluating, recognising, replicating, publishing.

Each is one transaction (nothing half-saved), takes the acting user as `by`, checks
scope itself and raises ValidationError with the message a user reads.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from dvs.accounts import scope

from . import rules
from .models import (
    Criterion,
    Evaluation,
    Exemplar,
    Indicator,
    IndicatorValue,
    Level,
    Recognition,
    Score,
    Status,
)

# Statuses an evaluation, recognition or replication moves an exemplar on from.
_BEFORE_EVALUATED = {Status.REGISTERED, Status.RUNNING}
_BEFORE_RECOGNISED = {Status.REGISTERED, Status.RUNNING, Status.EVALUATED}


@transaction.atomic
def register_exemplar(*, by, indicator_values=(), partners=(), **fields):
    """Register a new exemplar with its indicator values (dicts with `indicator` (an
    Indicator or its code), `year`, `baseline`, `target`, `actual`)."""
    exemplar = Exemplar(**fields, created_by=by)
    if exemplar.unit_id and not scope.writable_anchor(by, Exemplar, "add").filter(
        pk=exemplar.unit_id
    ):
        raise ValidationError({"unit": _("This unit is outside your scope.")})
    exemplar.full_clean()
    exemplar.save()
    if partners:
        exemplar.partners.set(partners)
    set_indicator_values(exemplar, indicator_values)
    log(exemplar, "wagtail.create", user=by)
    return exemplar


def set_indicator_values(exemplar, values):
    """Add or replace indicator values; every value is checked before any is written."""
    indicators = {i.code: i for i in Indicator.objects.all()}
    rows, errors = [], []
    for number, value in enumerate(values, start=1):
        indicator = value.get("indicator")
        if not isinstance(indicator, Indicator):
            indicator = indicators.get(indicator)
        if indicator is None:
            errors.append(
                _("Indicator %(n)s: unknown indicator “%(code)s”.")
                % {"n": number, "code": value.get("indicator")}
            )
            continue
        row = IndicatorValue(
            exemplar=exemplar, indicator=indicator, year=value.get("year") or exemplar.year
        )
        for name in ("baseline", "target", "actual"):
            try:
                setattr(
                    row,
                    name,
                    rules.indicator_number(
                        value.get(name),
                        label=indicator.name,
                        whole=indicator.whole_number,
                        allows_negative=indicator.allows_negative,
                    ),
                )
            except ValidationError as error:
                errors.extend(error.messages)
        rows.append(row)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for row in rows:
            IndicatorValue.objects.update_or_create(
                exemplar=exemplar,
                indicator=row.indicator,
                year=row.year,
                defaults={"baseline": row.baseline, "target": row.target, "actual": row.actual},
            )


def may_evaluate(user, exemplar):
    return scope.writable_anchor(user, Evaluation, "add").filter(pk=exemplar.pk).exists()


def check_scores(scores, criteria=None):
    """{criterion: Decimal} for every active criterion, or ValidationError listing each
    score that is missing or out of its range. `scores` maps criteria (or their ids) to values."""
    criteria = list(criteria if criteria is not None else Criterion.objects.filter(is_active=True))
    given = {getattr(key, "pk", key): value for key, value in scores.items()}
    checked, errors = {}, {}
    for criterion in criteria:
        try:
            checked[criterion] = rules.check_score(
                given.get(criterion.pk), label=criterion.name, max_score=criterion.max_score
            )
        except ValidationError as error:
            errors[f"criterion_{criterion.pk}"] = error.messages
    if errors:
        raise ValidationError(errors)
    return checked


def check_evaluation(exemplar, *, year, by):
    """ValidationError unless `by` may evaluate `exemplar` for `year`."""
    if not may_evaluate(by, exemplar):
        raise ValidationError(
            _("You may not evaluate this exemplar: it is outside your scope or role.")
        )
    this_year = timezone.localdate().year
    if not year or year < exemplar.year or year > this_year:
        raise ValidationError(
            {
                "year": _("The year of the evaluation must be between %(first)s and %(last)s.")
                % {"first": exemplar.year, "last": this_year}
            }
        )


@transaction.atomic
def evaluate(exemplar, *, year, scores, by, comment="", evaluation=None):
    """Record `by`'s score sheet for `exemplar` in `year` (replacing their earlier sheet
    for that year), with its weighted total; a registered or running exemplar becomes
    evaluated."""
    check_evaluation(exemplar, year=year, by=by)
    checked = check_scores(scores)
    total = rules.weighted_total((s, c.max_score, c.weight) for c, s in checked.items())
    if evaluation is None:
        evaluation, _created = Evaluation.objects.get_or_create(
            exemplar=exemplar, year=year, evaluator=by, defaults={"comment": comment}
        )
    evaluation.year, evaluation.comment, evaluation.total = year, comment, total
    evaluation.save()
    evaluation.scores.all().delete()
    Score.objects.bulk_create(
        Score(evaluation=evaluation, criterion=criterion, score=score)
        for criterion, score in checked.items()
    )
    if exemplar.status in _BEFORE_EVALUATED:
        _set_status(exemplar, Status.EVALUATED)
    log(evaluation, "dvs.evaluate", user=by, data={"total": str(total), "year": year})
    return evaluation


@transaction.atomic
def recognise(exemplar, *, level, decision_number, decision_date, by, issued_by="", note=""):
    """Record a commendation; the exemplar becomes recognised."""
    if not scope.writable_anchor(by, Recognition, "add").filter(pk=exemplar.pk).exists():
        raise ValidationError(_("You may not recognise this exemplar."))
    recognition = Recognition(
        exemplar=exemplar,
        level=level,
        decision_number=decision_number,
        decision_date=decision_date,
        issued_by=issued_by,
        note=note,
    )
    recognition.full_clean()
    recognition.save()
    after_recognition(recognition, by=by)
    return recognition


def after_recognition(recognition, *, by):
    exemplar = recognition.exemplar
    if exemplar.status in _BEFORE_RECOGNISED:
        _set_status(exemplar, Status.RECOGNISED)
    log(recognition, "dvs.recognise", user=by, data={"decision": recognition.decision_number})


LEVEL_OF_UNIT = {
    "province": Level.CITY,
    "district": Level.CITY,
    "commune": Level.WARD,
    "neighbourhood": Level.NEIGHBOURHOOD,
}


@transaction.atomic
def replicate(origin, *, unit, by, organisation=None, year=None, name=None):
    """A unit adopts an exemplar: a registered copy in that unit linked to its origin.
    The origin counts as replicated."""
    if unit.pk == origin.unit_id:
        raise ValidationError(
            {"unit": _("An exemplar cannot be replicated into the unit that owns it.")}
        )
    if not scope.writable_anchor(by, Exemplar, "add").filter(pk=unit.pk).exists():
        raise ValidationError({"unit": _("This unit is outside your scope.")})
    if not (origin.is_published or scope.can(by, origin)):
        raise ValidationError(_("You may not replicate this exemplar."))
    today = timezone.localdate()
    replica = Exemplar(
        name=name or origin.name,
        field=origin.field,
        level=(Level.ORGANISATION if organisation else LEVEL_OF_UNIT.get(unit.level, origin.level)),
        unit=unit,
        organisation=organisation,
        year=year or today.year,
        started_on=today,
        problem=origin.problem,
        method=origin.method,
        status=Status.REGISTERED,
        origin=origin,
        lineage_root_id=origin.lineage_root_id or origin.pk,
        created_by=by,
    )
    replica.full_clean()
    replica.save()
    # The copy measures itself with the origin's indicators, from its own baseline.
    IndicatorValue.objects.bulk_create(
        IndicatorValue(exemplar=replica, indicator_id=indicator_id, year=replica.year)
        for indicator_id in set(origin.indicator_values.values_list("indicator_id", flat=True))
    )
    if origin.status != Status.STOPPED:
        _set_status(origin, Status.REPLICATED)
    log(replica, "dvs.replicate", user=by, data={"origin": origin.pk})
    return replica


def publish(exemplar, *, by):
    """Show a recognised exemplar in the public showcase."""
    _require_publish(exemplar, by)
    if not exemplar.recognitions.exists():
        raise ValidationError(_("Only recognised exemplars can be published."))
    exemplar.published_at = timezone.now()
    exemplar.save(update_fields=["published_at"])
    log(exemplar, "dvs.publish", user=by)


def unpublish(exemplar, *, by):
    _require_publish(exemplar, by)
    exemplar.published_at = None
    exemplar.save(update_fields=["published_at"])
    log(exemplar, "dvs.unpublish", user=by)


def _require_publish(exemplar, by):
    """PermissionDenied unless `by` may publish: a refusal, not invalid data, so the
    admin answers 403 as for any other refused action."""
    if not (by.has_perm("emulation.publish_exemplar") and scope.can(by, exemplar, "change")):
        raise PermissionDenied(_("You may not publish this exemplar."))


def _set_status(exemplar, status):
    exemplar.status = status
    exemplar.save(update_fields=["status", "updated_at"])
