"""Dating the anchors: from the command line, else a date in a file, else the default
derivation from another anchor (`signup+7d`), followed down the chain and refused in a cycle.

`validate` dates whatever nobody has dated yet with `PLACEHOLDER_DAY`, so that it can check
every offset before the team knows its dates.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from promoplan.errors import COMMAND_LINE, Loc, Say, cycle, did_you_mean
from promoplan.playbook.merged import AnchorDef, Playbook, at_key, listed
from promoplan.schedule.dates import parse_when
from promoplan.schedule.offsets import OffsetError, parse_clock
from promoplan.schedule.plan import PlanAnchor, When
from promoplan.schedule.resolve.arithmetic import apply, in_range
from promoplan.schedule.resolve.state import Failed, Resolution
from promoplan.vocabulary import AnchorSource

# `validate` resolves with this date for anchors nobody has dated yet (a Monday).
PLACEHOLDER_DAY = date(2001, 1, 1)


def check_given(r: Resolution) -> None:
    """Every date typed on the command line must name one of the playbook's anchors."""
    for name in r.given:
        if name not in r.pb.anchors:
            r.fail(Say("schedule.unknown-anchor", name=name), COMMAND_LINE,
                   did_you_mean(name, r.pb.anchors) or
                   Say("playbook.anchors", names=listed(list(r.pb.anchors))))


def date_anchor(r: Resolution, name: str, chain: tuple[str, ...] = ()) -> When:
    """The anchor's date; `chain` is the anchors whose defaults led here, to find a cycle."""
    anchor = r.pb.anchors[name]
    if name in chain:
        labels = [r.pb.anchors[n].label for n in chain]
        loop = cycle(labels, anchor.label).split(" → ")
        raise r.fail(Say("schedule.anchor-cycle", chain=listed(loop, "playbook.arrow")),
                     anchor.where("default"), Say("schedule.anchor-cycle-fix"))
    if name in r.anchors:
        value = r.anchors[name]
        if value is None:
            raise Failed()
        return value
    r.anchors[name] = None  # until computed: a failure below leaves it failed
    clock = None
    if anchor.spec.time is not None:
        try:
            clock = parse_clock(anchor.spec.time)
        except OffsetError as exc:
            raise r.fail(Say("playbook.about", place=at_key(anchor.said, "time"), what=exc.message),
                         anchor.where("time"), exc.hint) from None
    if name in r.given:
        value = _date(r, r.given[name], COMMAND_LINE, f"--{name}")
        source: tuple[AnchorSource, str | None] = (AnchorSource.GIVEN, None)
    elif anchor.spec.date is not None:
        value = _date(r, anchor.spec.date, anchor.where("date"), at_key(anchor.said, "date"))
        source = (AnchorSource.FILE, None)
    elif anchor.spec.default is not None:
        where = anchor.where("default")
        what = at_key(anchor.said, "default")
        off = r.parse(anchor.spec.default, where, what)
        if off.ref.is_task:
            raise r.fail(Say("playbook.about", place=what, what=Say("schedule.anchor-from-task")), where)
        base = date_anchor(r, off.ref.name, (*chain, name))
        value = r.guarded(partial(apply, off, base, r.calendar, r.zone), where, what)
        source = (AnchorSource.DEFAULT, off.compact())
    elif r.placeholder:
        value, source = When(PLACEHOLDER_DAY), (AnchorSource.PLACEHOLDER, None)
    else:
        raise r.fail(Say("schedule.no-date", name=name, label=anchor.label), _date_belongs(r.pb, anchor),
                     Say("schedule.no-date-fix", name=name))
    if clock is not None and value.clock is None:
        value = When(value.day, clock)
    r.anchors[name] = value
    r.anchor_source[name] = source
    return value


def _date_belongs(pb: Playbook, anchor: AnchorDef) -> Loc:
    """Where the missing date belongs in the file the user edits: its empty `date:`, else
    the anchor when the plan file defines it, else the plan file (not the built-in it extends)."""
    if "date" in anchor.locs:
        return anchor.locs["date"]
    if anchor.loc.file == pb.source:
        return anchor.loc
    return Loc(pb.source)


def _date(r: Resolution, text: str, loc: Loc, what: str | Say) -> When:
    return r.guarded(lambda: in_range(parse_when(text, r.zone)), loc, what)


def plan_anchors(r: Resolution) -> list[PlanAnchor]:
    """The anchors as the plan lists them, once every one is dated."""
    out = []
    for a in r.pb.anchors.values():
        when = r.anchors[a.name]
        assert when is not None
        source, default = r.anchor_source[a.name]
        out.append(PlanAnchor(a.name, a.label, when, source, default))
    return out
