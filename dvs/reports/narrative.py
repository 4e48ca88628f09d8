"""The generated draft of the review report: plain functions from figures and the units'
texts to the report's sections, in the register of a Board's six-month review.

The structure follows a real review (the city Board's first-half 2024 review, in
`shared/seed/`): I. results, by area, each area opening with sentences written from the
figures (with comparisons against the previous period and the same period last year),
then the units' own accounts gathered under it as points attributed to the unit; a
general assessment; II. limitations and their causes; III. tasks for the next period;
IV. proposals. An area with no figures and no account is left out, so capabilities
that do not exist yet (religion, land clearance, grassroots democracy) appear by
themselves once they register indicators with the prefixes below.

No database here: `review.narrative_facts()` gathers a `Facts`, `generate(facts)` writes
the sections, and tests call both sides directly. The text is Vietnamese by nature (it
is the report's body), like the rest of the document.
"""

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

# ---------------------------------------------------------------------------------------
# Vietnamese numbers


def vn_number(value):
    """3787 -> "3.787"; 1234567.5 -> "1.234.567,5"."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        whole, _dot, decimals = f"{value:,.1f}".partition(".")
        return f"{whole.replace(',', '.')},{decimals}"
    return f"{int(value):,}".replace(",", ".")


def vn_percent(part, whole):
    """The share `part/whole` as Vietnamese writes it: 122/130 -> "93,8%", 1/1 -> "100%"
    (one decimal, rounded half up, no ",0")."""
    if not whole:
        return None
    share = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    text = f"{share:f}".removesuffix(".0").replace(".", ",")
    return f"{text}%"


def vn_date(day):
    return f"{day:%d/%m/%Y}"


# ---------------------------------------------------------------------------------------
# What the generator reads


@dataclass
class Facts:
    """Everything the draft is written from, as plain data.

    `now`, `previous` and `last_year` map indicator codes to figures of the unit (over
    its subtree) for the period, the previous period and the same period last year
    (None when there is no such period). `names` maps codes to (name, unit of measure)
    as the template has them. `texts` is [(author, part, section title, text)]: the
    compiler's own report has author "" (its text is the unit's own), the units below
    and the organisations are named. `missing` lists the units that have not filed.
    `higher_is_better` maps codes to whether a rise is good news (True), bad news (False)
    or neither (None, also for a code it does not name): the indicator's own direction
    (`rollup.directions`), which also colours the dashboards."""

    unit_name: str
    period_label: str  # "6 tháng đầu năm 2026"
    next_label: str  # "6 tháng cuối năm 2026"
    period_end: object  # date
    now: dict
    previous: dict | None = None
    previous_label: str | None = None  # "6 tháng cuối năm 2025"
    last_year: dict | None = None
    last_year_label: str | None = None  # "cùng kỳ năm 2025"
    names: dict = field(default_factory=dict)
    texts: list = field(default_factory=list)
    expected: int = 0
    missing: list = field(default_factory=list)
    table_areas: set = field(default_factory=set)  # areas a capability adds a table to
    higher_is_better: dict = field(default_factory=dict)

    def rise_is(self, code):
        """True when a rise of the figure is good news, False when bad, None: neither."""
        return self.higher_is_better.get(code)


@dataclass
class Section:
    """One editable section of the report: `level` 1 is a Roman-numbered part, 2 an
    area inside part I; `codes` are the indicators whose table follows the text."""

    key: str
    heading: str
    text: str
    level: int = 2
    codes: list = field(default_factory=list)


# ---------------------------------------------------------------------------------------
# Areas of part I


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    prefixes: tuple  # indicator codes of the area: exact codes or prefixes ending in "_"
    keywords: tuple  # words that put a unit's sentence under this area
    core: bool = True  # a core area shows the units' accounts even without figures

    def owns(self, code):
        return any(code == p or (p.endswith("_") and code.startswith(p)) for p in self.prefixes)


AREAS = (
    Area(
        "advising",
        "Công tác tham mưu, hướng dẫn, chỉ đạo",
        ("directives_issued", "tasks_", "programs_"),
        ("quán triệt", "nghị quyết", "chỉ thị", "kế hoạch", "tham mưu", "hướng dẫn", "ban hành"),
    ),
    Area(
        "government",
        "Công tác dân vận chính quyền",
        ("cases_", "reception_sessions", "citizens_received", "dialogues"),
        (
            "đơn thư",
            "giải quyết đơn",
            "tiếp nhận đơn",
            "tiếp công dân",
            "tiếp dân",
            "đối thoại",
            "khiếu nại",
            "tố cáo",
            "phản ánh",
            "cải cách hành chính",
        ),
    ),
    Area(
        "skilled",
        "Phong trào thi đua “Dân vận khéo”",
        ("exemplars", "exemplars_"),
        ("dân vận khéo", "mô hình", "điển hình"),
    ),
    Area(
        "front",
        "Công tác Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
        ("members", "members_", "congresses", "residents", "households"),
        (
            "mặt trận",
            "mttq",
            "đoàn thể",
            "đoàn viên",
            "hội viên",
            "đại hội",
            "nắm đến người dân",
        ),
    ),
    Area(
        "religion",
        "Công tác tôn giáo",
        ("religion_",),
        ("tôn giáo", "tín ngưỡng", "chức sắc", "tín đồ"),
        core=False,
    ),
    Area(
        "clearance",
        "Công tác tham gia bồi thường, GPMB",
        ("clearance_",),
        ("mặt bằng", "gpmb", "bồi thường", "tái định cư"),
        core=False,
    ),
    Area(
        "democracy",
        "Thực hiện dân chủ ở cơ sở",
        ("democracy_",),
        ("dân chủ",),
        core=False,
    ),
)
OTHER = Area("other", "Kết quả khác", (), ())
# Counts for the opening summary, in order: (code, how the figure reads).
HEADLINE = (
    ("cases_received", "tiếp nhận {} đơn"),
    ("reception_sessions", "tổ chức {} buổi tiếp công dân"),
    ("dialogues", "tổ chức {} cuộc đối thoại với nhân dân"),
    ("exemplars", "duy trì {} mô hình “Dân vận khéo”"),
    ("members", "nắm {} đoàn viên, hội viên"),
)
# Counts the registry keeps no history of (as they stand today): never compared.
# Residents and members are counted as of each period's last day, so they compare.
AS_THEY_STAND = ("households",)
# How the lists of rises and falls name the platform's indicators (the template's names
# otherwise).
SHORT_NAMES = {
    "directives_issued": "văn bản lãnh đạo, chỉ đạo",
    "tasks_assigned": "nhiệm vụ được giao",
    "tasks_done": "nhiệm vụ hoàn thành",
    "programs_ordered": "chương trình đặt hàng",
    "programs_completed": "chương trình hoàn thành",
    "cases_resolved": "đơn đã giải quyết",
    "cases_resolved_on_time": "đơn giải quyết đúng hạn",
    "reception_sessions": "buổi tiếp công dân",
    "citizens_received": "lượt công dân được tiếp",
    "dialogues": "cuộc đối thoại",
    "exemplars": "mô hình “Dân vận khéo”",
    "exemplars_recognised": "mô hình được công nhận",
    "exemplars_replicated": "mô hình được nhân rộng",
    "congresses": "đại hội",
}
PART_KEYS = {"limitations": "limitations", "tasks": "tasks", "proposals": "proposals"}


def _area_of_code(code):
    return next((a for a in AREAS if a.owns(code)), None)


def _has(values, code):
    return bool(values and values.get(code))


# ---------------------------------------------------------------------------------------
# Sentences from figures


def _level_word(unit_name):
    """ "Thành phố Kinh Bắc" -> "thành phố": how the report calls its own territory."""
    for prefix in ("Thành phố", "Thị xã", "Tỉnh", "Huyện", "Quận", "Phường", "Xã"):
        if unit_name.startswith(prefix):
            return prefix.lower()
    return "địa phương"


def _diff(value, before, unit, label):
    """ "tăng 139 đơn so với 6 tháng cuối năm 2025" (or "giảm …", "bằng …"); nothing
    against a period that counted none (the comparison would only repeat the figure)."""
    if not before or label is None:
        return None
    difference = value - before
    if difference == 0:
        return f"bằng {label}"
    word = "tăng" if difference > 0 else "giảm"
    return f"{word} {vn_number(abs(difference))} {unit} so với {label}".replace("  ", " ")


def compare(facts, code, unit):
    """The comparisons of one figure: with the previous period, then with the same
    period last year; "" when there is nothing to compare with."""
    value = facts.now.get(code, 0)
    if code.startswith(AS_THEY_STAND):
        return ""
    against = []  # (earlier figure, label)
    if facts.previous is not None:
        against.append((facts.previous.get(code, 0), facts.previous_label))
    if facts.last_year is not None and facts.last_year_label != facts.previous_label:
        against.append((facts.last_year.get(code, 0), facts.last_year_label))
    against = [(before, label) for before, label in against if before and label]
    if len(against) == 2 and against[0][0] == against[1][0]:
        # The same change against both: said once ("tăng 25 mô hình so với 6 tháng cuối
        # năm 2025 và cùng kỳ năm 2025").
        return _diff(value, against[0][0], unit, f"{against[0][1]} và {against[1][1]}")
    return ", ".join(_diff(value, before, unit, label) for before, label in against)


def _with_comparison(text, facts, code, unit):
    comparison = compare(facts, code, unit)
    return f"{text}, {comparison}" if comparison else text


def _sentence(clauses):
    clauses = [c for c in clauses if c]
    if not clauses:
        return ""
    text = "; ".join(clauses)
    return text[0].upper() + text[1:] + "."


def _n(facts, code):
    return facts.now.get(code, 0) or 0


def _advising(facts):
    clauses = []
    if _has(facts.now, "directives_issued"):
        clauses.append(
            _with_comparison(
                f"tham mưu ban hành {vn_number(_n(facts, 'directives_issued'))} văn bản lãnh đạo, "
                "chỉ đạo (nghị quyết, chỉ thị, kế hoạch, hướng dẫn) về công tác dân vận",
                facts,
                "directives_issued",
                "văn bản",
            )
        )
    if _has(facts.now, "tasks_assigned"):
        text = f"giao {vn_number(_n(facts, 'tasks_assigned'))} nhiệm vụ cho các cơ quan, đơn vị"
        text = _with_comparison(text, facts, "tasks_assigned", "nhiệm vụ")
        done = _n(facts, "tasks_done")
        if done:
            text += f"; {vn_number(done)} nhiệm vụ đã hoàn thành"
        clauses.append(text)
    if _has(facts.now, "programs_ordered"):
        text = (
            f"{vn_number(_n(facts, 'programs_ordered'))} chương trình, đề án được chính quyền "
            "đặt hàng Mặt trận và các đoàn thể thực hiện"
        )
        if _has(facts.now, "programs_budget"):
            text += f" với tổng kinh phí {vn_number(_n(facts, 'programs_budget'))} đồng"
        if _has(facts.now, "programs_completed"):
            text += f", {vn_number(_n(facts, 'programs_completed'))} chương trình đã hoàn thành"
        clauses.append(text)
    return [_sentence(clauses)]


def _government(facts):
    sentences = []
    received, accepted = _n(facts, "cases_received"), _n(facts, "cases_accepted")
    resolved, on_time = _n(facts, "cases_resolved"), _n(facts, "cases_resolved_on_time")
    clauses = []
    if received:
        clauses.append(
            _with_comparison(f"tiếp nhận {vn_number(received)} đơn", facts, "cases_received", "đơn")
        )
    if resolved and accepted and resolved <= accepted:
        clauses.append(
            f"đã giải quyết {vn_number(resolved)}/{vn_number(accepted)} đơn thuộc thẩm quyền, "
            f"đạt {vn_percent(resolved, accepted)}"
        )
    elif resolved:
        clauses.append(f"đã giải quyết {vn_number(resolved)} đơn")
        if accepted:
            clauses[-1] += f" (thụ lý mới {vn_number(accepted)} đơn)"
    elif accepted:
        clauses.append(f"thụ lý {vn_number(accepted)} đơn thuộc thẩm quyền")
    if resolved and "cases_resolved_on_time" in facts.now:
        clauses.append(
            f"giải quyết đúng thời hạn {vn_number(on_time)}/{vn_number(resolved)} đơn, "
            f"đạt {vn_percent(on_time, resolved)}"
        )
    sentences.append(_sentence(clauses))
    clauses = []
    if _has(facts.now, "reception_sessions"):
        text = f"tổ chức {vn_number(_n(facts, 'reception_sessions'))} buổi tiếp công dân"
        text = _with_comparison(text, facts, "reception_sessions", "buổi")
        if _has(facts.now, "citizens_received"):
            text += f"; tiếp {vn_number(_n(facts, 'citizens_received'))} lượt công dân"
        clauses.append(text)
    if _has(facts.now, "dialogues"):
        clauses.append(
            _with_comparison(
                f"tổ chức {vn_number(_n(facts, 'dialogues'))} cuộc đối thoại giữa người đứng đầu "
                "cấp ủy, chính quyền với nhân dân",
                facts,
                "dialogues",
                "cuộc",
            )
        )
    sentences.append(_sentence(clauses))
    return sentences


def _skilled(facts):
    clauses = []
    if _has(facts.now, "exemplars"):
        clauses.append(
            _with_comparison(
                f"toàn {_level_word(facts.unit_name)} có {vn_number(_n(facts, 'exemplars'))} "
                "mô hình “Dân vận khéo” trên các lĩnh vực",
                facts,
                "exemplars",
                "mô hình",
            )
        )
        fields = [
            f"{_field_name(facts, code)} {vn_number(value)}"
            for code, value in facts.now.items()
            if code.startswith("exemplars_")
            and code not in ("exemplars_recognised", "exemplars_replicated")
            and value
        ]
        if fields:
            clauses[-1] += f" (lĩnh vực {', '.join(fields)})"
    if _has(facts.now, "exemplars_recognised"):
        clauses.append(
            f"{vn_number(_n(facts, 'exemplars_recognised'))} mô hình được công nhận, khen thưởng"
        )
    if _has(facts.now, "exemplars_replicated"):
        clauses.append(f"{vn_number(_n(facts, 'exemplars_replicated'))} mô hình được nhân rộng")
    return [_sentence(clauses)]


def _field_name(facts, code):
    name = facts.names.get(code, (code, ""))[0]
    return str(name).split(":", 1)[-1].strip().lower()


def _front(facts):
    clauses = []
    if _has(facts.now, "members"):
        text = _with_comparison(
            "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội nắm "
            f"{vn_number(_n(facts, 'members'))} đoàn viên, hội viên",
            facts,
            "members",
            "người",
        )
        kinds = [
            f"{_field_name(facts, code)} {vn_number(value)}"
            for code, value in facts.now.items()
            if code.startswith("members_") and value
        ]
        if kinds:
            text += f" (trong đó {', '.join(kinds)})"
        clauses.append(text)
    if _has(facts.now, "congresses"):
        clauses.append(
            f"chỉ đạo tổ chức thành công {vn_number(_n(facts, 'congresses'))} đại hội "
            "Mặt trận, đoàn thể các cấp"
        )
    if _has(facts.now, "residents"):
        text = f"dữ liệu dân cư cập nhật {vn_number(_n(facts, 'residents'))} nhân khẩu"
        if _has(facts.now, "households"):
            text += f", {vn_number(_n(facts, 'households'))} hộ gia đình"
        clauses.append(text)
    return [_sentence(clauses)]


def _generic(facts, codes):
    """Figures no area sentence reads: "<name>: 54 lớp, tăng 12 lớp so với …"."""
    clauses = []
    for code in codes:
        if not _has(facts.now, code):
            continue
        name, unit = facts.names.get(code, (code, ""))
        text = f"{name}: {vn_number(_n(facts, code))} {unit}".rstrip()
        clauses.append(_with_comparison(text, facts, code, unit))
    return [_sentence(clauses)]


WRITERS = {
    "advising": _advising,
    "government": _government,
    "skilled": _skilled,
    "front": _front,
}
READ_BY_WRITERS = {
    "directives_issued",
    "tasks_assigned",
    "tasks_done",
    "tasks_overdue",
    "programs_ordered",
    "programs_budget",
    "programs_completed",
    "cases_received",
    "cases_accepted",
    "cases_resolved",
    "cases_resolved_on_time",
    "cases_overdue",
    "reception_sessions",
    "citizens_received",
    "dialogues",
    "exemplars",
    "exemplars_recognised",
    "exemplars_replicated",
    "members",
    "congresses",
    "residents",
    "households",
}


def _read_by_writer(code):
    return (
        code in READ_BY_WRITERS
        or code.startswith("exemplars_")
        or (code.startswith("members_") and code != "members")
    )


# ---------------------------------------------------------------------------------------
# The units' accounts, condensed

_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")
LONGEST = 260


def sentences_of(text):
    """The sentences of a unit's account, trimmed, without their final stop, each cut to
    about LONGEST characters at a clause boundary."""
    out = []
    for piece in _SPLIT.split(text or ""):
        # One line per sentence: whitespace of any kind (a stored vertical tab…) is a space.
        piece = " ".join(piece.split()).lstrip("-–•+* ").rstrip(".;").strip()
        if len(piece) < 3:
            continue
        if len(piece) > LONGEST:
            cut = piece.rfind(", ", 0, LONGEST)
            piece = piece[: cut if cut > 80 else LONGEST].rstrip(" ,") + "…"
        out.append(piece[0].upper() + piece[1:])
    return out


def classify(sentence, areas, default):
    """The area a sentence speaks of: the first whose keywords it contains (the specific
    optional areas first), else `default`."""
    folded = sentence.lower()
    ordered = sorted(areas, key=lambda a: a.core)  # optional (specific) areas first
    for area in ordered:
        if any(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", folded) for k in area.keywords):
            return area.key
    return default


def join_names(names):
    """ "A", "A và B", "A, B và C", "A, B, C và 4 đơn vị khác"."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    if len(names) <= 3:
        return f"{', '.join(names[:-1])} và {names[-1]}"
    return f"{', '.join(names[:3])} và {len(names) - 3} đơn vị khác"


def points(entries):
    """[(author, sentence)] -> the lines of the section: the compiler's own sentences as
    paragraphs, then each sentence the units wrote once, with every unit that wrote it
    ("- Phường A, Phường B: …"), the most shared first."""
    own, shared, order = [], {}, []
    for author, sentence in entries:
        if not author:
            if sentence not in own:
                own.append(sentence)
            continue
        key = sentence.casefold()
        if key not in shared:
            shared[key] = (sentence, [])
            order.append(key)
        if author not in shared[key][1]:
            shared[key][1].append(author)
    ranked = sorted(order, key=lambda k: (-len(shared[k][1]), order.index(k)))
    lines = [f"{s}." for s in own]
    lines += [f"- {join_names(shared[k][1])}: {shared[k][0]}." for k in ranked]
    return lines


# ---------------------------------------------------------------------------------------
# The draft


def present_areas(facts, gathered):
    """The areas of part I that have something to say, in order: figures of theirs, or
    (core areas) the units' accounts."""
    out = []
    for area in AREAS:
        figures = any(area.owns(code) and value for code, value in facts.now.items())
        tables = area.key in facts.table_areas
        if figures or tables or (area.core and gathered.get(area.key)):
            out.append(area)
    return out


def _gather(facts):
    """{area or part key: [(author, sentence)]} from the units' texts."""
    gathered = {}
    candidates = [
        a
        for a in AREAS
        if a.core or any(a.owns(code) and value for code, value in facts.now.items())
    ]
    for author, part, title, text in facts.texts:
        for sentence in sentences_of(text):
            if part in PART_KEYS:
                key = PART_KEYS[part]
            else:
                default = "advising" if part == "situation" else classify(title, candidates, None)
                if default is None:
                    default = "front" if author and _is_organisation(author) else OTHER.key
                key = classify(sentence, candidates, default)
            gathered.setdefault(key, []).append((author, sentence))
    return gathered


def _is_organisation(name):
    lowered = name.lower()
    return any(w in lowered for w in ("mttq", "mặt trận", "hội ", "đoàn ", "công đoàn"))


def _intro(facts):
    level = _level_word(facts.unit_name)
    first = (
        f"{facts.period_label[0].upper()}{facts.period_label[1:]}, dưới sự lãnh đạo của các cấp "
        "ủy đảng, sự nỗ lực, cố gắng của cả hệ thống dân vận từ "
        f"{level} đến cơ sở, công tác dân vận trên địa bàn {level} đạt được những kết quả "
        "tích cực, góp phần thực hiện nhiệm vụ chính trị của địa phương."
    )
    headline = [
        phrase.format(vn_number(_n(facts, code)))
        for code, phrase in HEADLINE
        if _has(facts.now, code)
    ]
    lines = [first]
    if headline:
        lines.append(f"Trong kỳ, toàn {level} " + "; ".join(headline) + ".")
    return "\n".join(lines)


def _assessment(facts):
    """Strengths read from the figures: good-news indicators that rose."""
    rose = []
    if facts.previous is not None:
        for code, value in facts.now.items():
            before = facts.previous.get(code, 0)
            if facts.rise_is(code) is not True or not value:
                continue
            if value > before and code in facts.names:
                rose.append(_short_name(facts, code))
    lines = [
        "Công tác dân vận tiếp tục được các cấp ủy quan tâm lãnh đạo, chỉ đạo; sự phối hợp "
        "giữa các cơ quan trong hệ thống dân vận ngày càng chặt chẽ, nhiều mặt công tác có "
        "chuyển biến tích cực."
    ]
    if rose:
        lines.append(f"So với {facts.previous_label}, tăng ở các chỉ tiêu: {', '.join(rose[:6])}.")
    accepted, resolved = _n(facts, "cases_accepted"), _n(facts, "cases_resolved")
    if accepted and resolved and resolved <= accepted and resolved * 10 >= accepted * 9:
        lines.append(f"Tỷ lệ giải quyết đơn thuộc thẩm quyền đạt {vn_percent(resolved, accepted)}.")
    return "\n".join(lines)


def _short_name(facts, code):
    """The indicator's name inside a sentence: lower case, unless it opens with an
    abbreviation ("MTTQ …")."""
    name = SHORT_NAMES.get(code) or str(facts.names[code][0])
    return name if name[:2].isupper() else name[0].lower() + name[1:]


def _limitations(facts, gathered):
    found, causes = [], []
    overdue = _n(facts, "cases_overdue")
    if overdue:
        found.append(
            _with_comparison(
                f"còn {vn_number(overdue)} đơn quá hạn giải quyết tính đến ngày "
                f"{vn_date(facts.period_end)}",
                facts,
                "cases_overdue",
                "đơn",
            )
        )
        causes.append(
            "một số vụ việc phức tạp, kéo dài, liên quan đến nhiều cấp, nhiều ngành; việc "
            "phối hợp giữa các cơ quan trong giải quyết đơn có lúc chưa chặt chẽ"
        )
    resolved, on_time = _n(facts, "cases_resolved"), _n(facts, "cases_resolved_on_time")
    if "cases_resolved_on_time" in facts.now and resolved > on_time:
        found.append(f"{vn_number(resolved - on_time)} đơn giải quyết quá thời hạn quy định")
    accepted = _n(facts, "cases_accepted")
    if accepted and resolved < accepted:
        found.append(
            f"tỷ lệ giải quyết đơn thuộc thẩm quyền đạt {vn_percent(resolved, accepted)}, "
            f"còn {vn_number(accepted - resolved)} đơn chưa giải quyết xong"
        )
    late_tasks = _n(facts, "tasks_overdue")
    if late_tasks:
        found.append(f"{vn_number(late_tasks)} nhiệm vụ được giao chưa hoàn thành đúng hạn")
        causes.append("một số cơ quan, đơn vị chưa chủ động triển khai nhiệm vụ được giao")
    if facts.previous is not None:
        for code, value in facts.now.items():
            before = facts.previous.get(code, 0)
            if facts.rise_is(code) is not True or code not in facts.names:
                continue
            if value >= before:
                continue
            unit = facts.names[code][1]
            found.append(
                f"số {_short_name(facts, code)} giảm {vn_number(before - value)} {unit} so với "
                f"{facts.previous_label}".replace("  ", " ")
            )
    if facts.missing:
        found.append(
            f"còn {len(facts.missing)}/{facts.expected} đơn vị chưa hoàn thành báo cáo "
            f"({join_names(facts.missing)})"
        )
        causes.append("việc tổng hợp, báo cáo ở một số cơ sở chưa kịp thời")
    lines = []
    if found:
        lines.append(_sentence(["bên cạnh kết quả đạt được, " + found[0], *found[1:]]))
    else:
        lines.append(
            "Bên cạnh kết quả đạt được, việc nắm bắt tình hình nhân dân ở một số nơi có lúc "
            "chưa kịp thời; chất lượng một số mô hình chưa đồng đều."
        )
    if causes:
        lines.append(f"Nguyên nhân: {'; '.join(causes)}.")
    lines += points(gathered.get("limitations", []))
    return "\n".join(lines)


def _tasks(facts, gathered, present):
    level = _level_word(facts.unit_name)
    keys = {a.key for a in present}
    lines = [
        "Tiếp tục quán triệt, triển khai thực hiện có hiệu quả các nghị quyết, chỉ thị, kết "
        f"luận của Trung ương, của tỉnh và {level} về công tác dân vận."
    ]
    overdue = _n(facts, "cases_overdue")
    if overdue:
        lines.append(
            f"Tập trung giải quyết dứt điểm {vn_number(overdue)} đơn quá hạn; không để phát "
            "sinh đơn thư tồn đọng, kéo dài."
        )
    if "government" in keys:
        lines.append(
            "Duy trì tiếp công dân định kỳ, đối thoại giữa người đứng đầu cấp ủy, chính quyền "
            "với nhân dân; giải quyết kịp thời kiến nghị, phản ánh của nhân dân."
        )
    if _n(facts, "tasks_overdue"):
        lines.append(
            f"Đôn đốc hoàn thành {vn_number(_n(facts, 'tasks_overdue'))} nhiệm vụ còn chậm tiến độ."
        )
    if "skilled" in keys:
        lines.append(
            "Đẩy mạnh phong trào thi đua “Dân vận khéo”; nghiên cứu xây dựng mới và nhân rộng "
            "những mô hình hiệu quả."
        )
    if "front" in keys:
        lines.append(
            "Phát huy vai trò của Mặt trận Tổ quốc và các tổ chức chính trị - xã hội trong "
            "nắm chắc tình hình đoàn viên, hội viên và nhân dân."
        )
    if "religion" in keys:
        lines.append(
            "Nắm chắc tình hình tôn giáo; tăng cường gặp gỡ, đối thoại với chức sắc, tín đồ."
        )
    if "clearance" in keys:
        lines.append(
            "Tuyên truyền, vận động nhân dân phối hợp giải phóng mặt bằng các dự án trọng điểm."
        )
    if "democracy" in keys:
        lines.append("Thực hiện tốt Luật Thực hiện dân chủ ở cơ sở năm 2022.")
    lines += points(gathered.get("tasks", []))
    return "\n".join(lines)


def _proposals(facts, gathered):
    level = _level_word(facts.unit_name)
    lines = []
    if _n(facts, "cases_overdue"):
        lines.append(
            f"Đề nghị Ủy ban nhân dân {level} chỉ đạo các cơ quan chuyên môn phối hợp giải "
            "quyết dứt điểm các vụ việc tồn đọng, kéo dài."
        )
    lines.append(
        "Đề nghị cấp trên tiếp tục quan tâm tập huấn, bồi dưỡng nghiệp vụ công tác dân vận "
        "cho đội ngũ cán bộ làm công tác dân vận ở cơ sở."
    )
    lines += points(gathered.get("proposals", []))
    return "\n".join(lines)


def generate(facts):
    """The sections of the draft, in order (see the module's docstring)."""
    gathered = _gather(facts)
    present = present_areas(facts, gathered)
    sections = [Section("intro", "I. KẾT QUẢ THỰC HIỆN", _intro(facts), level=1)]
    claimed = set()
    number = 0
    for area in present:
        codes = [c for c in facts.now if area.owns(c)]
        claimed.update(codes)
        writer = WRITERS.get(area.key)
        lines = writer(facts) if writer else []
        lines += _generic(facts, [c for c in codes if not _read_by_writer(c)])
        lines = [line for line in lines if line]
        lines += points(gathered.get(area.key, []))
        number += 1
        sections.append(Section(area.key, f"{number}. {area.title}", "\n".join(lines), codes=codes))
    rest = [c for c in facts.now if c not in claimed]
    other = [line for line in _generic(facts, rest) if line] + points(gathered.get(OTHER.key, []))
    if other:
        number += 1
        sections.append(
            Section(OTHER.key, f"{number}. {OTHER.title}", "\n".join(other), codes=rest)
        )
    number += 1
    sections.append(Section("assessment", f"{number}. Đánh giá chung", _assessment(facts)))
    sections.append(
        Section("limitations", "II. HẠN CHẾ VÀ NGUYÊN NHÂN", _limitations(facts, gathered), 1)
    )
    sections.append(
        Section(
            "tasks",
            f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ {facts.next_label.upper()}",
            _tasks(facts, gathered, present),
            1,
        )
    )
    sections.append(Section("proposals", "IV. ĐỀ XUẤT, KIẾN NGHỊ", _proposals(facts, gathered), 1))
    return sections


def first_sentence(text):
    """The first sentence of a section's text (for the outline)."""
    for line in (text or "").splitlines():
        line = line.strip()
        if line:
            match = re.match(r"(.+?[.!?])(\s|$)", line)
            return match.group(1) if match else line
    return ""
