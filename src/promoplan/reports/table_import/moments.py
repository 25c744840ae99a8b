"""Real dates as offsets: the campaign's anchors, and a date said from the nearest one.

A table made for last campaign holds its real dates (10月29日, 2024/11/01 10:00). Given
the dates of that campaign's anchors, each becomes an offset from the anchor nearest to
it, in the team's words: 开团前3天, 开团当天15点, 开团后25分钟 (or open-3d, open@15:00 for
anchors named in English).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time

from promoplan.errors import COMMAND_LINE, PromoplanError, Say, did_you_mean, raise_all
from promoplan.playbook.merged import AnchorDef, Playbook
from promoplan.playbook.schema import AnchorSpec
from promoplan.reports.table_import.rows import Moment, has_cjk
from promoplan.reports.table_import.times import CellError
from promoplan.schedule.offsets import parse_offset
from promoplan.schedule.plan import When


@dataclass(frozen=True)
class Anchor:
    """An anchor of the imported playbook, and its date in the campaign the table was made for."""

    name: str
    spec: AnchorSpec
    when: When | None
    """Known when the command line (or the --playbook file) dated it, directly or by default."""
    given: str | None = None
    """Its date as the round trip passes it back in (command line or file)."""

    @property
    def label(self) -> str:
        return self.spec.label or self.name


def campaign_anchors(pb: Playbook | None, given: Mapping[str, str], labels: Mapping[str, str],
                     timezone: str = "Asia/Shanghai") -> list[Anchor]:
    """The anchors to write (from `--playbook`, or named by --anchor/--label) and their dates."""
    from promoplan.schedule.resolve import anchor_vocab, resolve

    errors: list[PromoplanError] = []
    if pb is None:
        names = list(dict.fromkeys([*given, *labels]))
        pb = Playbook(name="import", source="command line", timezone=timezone)
        for name in names:
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                errors.append(PromoplanError(Say("tables.anchor-name", name=name), COMMAND_LINE,
                                             Say("tables.anchor-name-fix", name=name)))
                continue
            spec = AnchorSpec(label=labels[name]) if name in labels else AnchorSpec()
            pb.anchors[name] = AnchorDef(name, spec, COMMAND_LINE)
    else:
        for name, word in labels.items():
            if name not in pb.anchors:
                errors.append(PromoplanError(Say("tables.label-no-anchor", name=name, word=word,
                                                 playbook=pb.name), COMMAND_LINE,
                                             did_you_mean(name, pb.anchors)))
                continue
            anchor = pb.anchors[name]
            anchor.spec = anchor.spec.model_copy(update={"label": word})
        pb.tasks, pb.progress = [], {}
    raise_all(errors)
    plan = resolve(pb, given, placeholder=True)
    vocab = anchor_vocab(pb)
    sources = {a.name: a for a in plan.anchors}
    known: dict[str, bool] = {}

    def is_known(name: str) -> bool:
        if name not in known:
            known[name] = False  # a cycle was refused by resolve already
            item, spec = sources[name], pb.anchors[name].spec
            if item.source in ("given", "file"):
                known[name] = True
            elif item.source == "default" and spec.default is not None:
                known[name] = is_known(parse_offset(spec.default, vocab).ref.name)
        return known[name]

    out = []
    for name, anchor in pb.anchors.items():
        item = sources[name]
        spec = anchor.spec.model_copy(update={"date": None})
        if name in given and item.when.timed and spec.time is None and pb.source == "command line":
            spec = spec.model_copy(update={"time": f"{item.when.clock:%H:%M}"})
        dated = item.source in ("given", "file")
        out.append(Anchor(name, spec, item.when if is_known(name) else None,
                          item.when.iso() if dated else None))
    if pb.source == "command line":  # named on the command line: in time order, the first first
        out.sort(key=lambda a: (a.when is None, a.when.sort_key() if a.when else (date.min, time())))
    return out


def nearest(anchors: list[Anchor], when: When) -> Anchor:
    """The dated anchor closest to `when`; on a tie the first declared."""
    def distance(anchor: Anchor) -> tuple[int, float]:
        assert anchor.when is not None
        days = abs((when.day - anchor.when.day).days)
        minutes = abs((when.begin - anchor.when.begin).total_seconds()) if when.timed and days == 0 \
            else 0.0
        return days, minutes

    return min((a for a in anchors if a.when is not None), key=distance)


NEAR_MINUTES = 180
"""Within this many minutes of a timed anchor, a time is said as 开团后25分钟, not 开团当天10点25分."""


def offset_words(anchor: Anchor, when: When) -> str:
    """`when` counted from `anchor`, as the team writes it (开团前3天, 开团当天15点, 开团后25分钟)."""
    assert anchor.when is not None
    label, base = anchor.label, anchor.when
    days = (when.day - base.day).days
    chinese = has_cjk(label)
    if not chinese:
        label = anchor.name  # the compact form starts with the anchor's name (open-3d)
    if when.timed and base.timed and days == 0:
        minutes = int((when.begin - base.begin).total_seconds() // 60)
        if abs(minutes) <= NEAR_MINUTES:
            if minutes == 0:
                return label
            if chinese:
                return f"{label}{'前' if minutes < 0 else '后'}{_cn_minutes(abs(minutes))}"
            hours, rest = divmod(abs(minutes), 60)
            return (f"{label}{'-' if minutes < 0 else '+'}{f'{hours}h' if hours else ''}"
                    f"{f'{rest}min' if rest else ''}")
    if chinese:
        head = f"{label}当天" if days == 0 else f"{label}{'前' if days < 0 else '后'}{abs(days)}天"
        if when.clock is None:
            return head
        return head + f"{when.clock.hour}点" + (f"{when.clock.minute}分" if when.clock.minute else "")
    text = f"{label}{'-' if days < 0 else '+'}{abs(days)}d"
    if when.clock is None:
        return text
    return (label if days == 0 else text) + f"@{when.clock:%H:%M}"


def _cn_minutes(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours and rest == 30:
        return "半小时"
    return (f"{hours}小时" if hours else "") + (f"{rest}分钟" if rest else "")


def moment_when(moment: Moment, anchors: list[Anchor]) -> When:
    """A written date as a day: a missing year is the one that puts it nearest the anchors."""
    if moment.year is not None:
        return When(date(moment.year, moment.month, moment.day), moment.clock)
    days = [a.when.day for a in anchors if a.when is not None]
    options = []
    for year in (days[0].year - 1, days[0].year, days[0].year + 1):
        try:
            day = date(year, moment.month, moment.day)
        except ValueError:
            continue
        options.append((min(abs((day - d).days) for d in days), day))
    if not options:
        raise CellError(Say("tables.no-date-near-anchors", month=moment.month, day=moment.day))
    return When(min(options)[1], moment.clock)
