"""Dating the anchors: from the command line, else a date in a file, else the default
derivation from another anchor (`signup+7d`), followed down the chain and refused in a cycle.

`validate` dates whatever nobody has dated yet with `PLACEHOLDER_DAY`, so that it can check
every offset before the team knows its dates.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from promoplan.errors import COMMAND_LINE, Loc, cycle, did_you_mean
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
            r.fail(f"unknown anchor '{name}'", COMMAND_LINE,
                   did_you_mean(name, r.pb.anchors) or f"anchors: {', '.join(r.pb.anchors)}")


def date_anchor(r: Resolution, name: str, chain: tuple[str, ...] = ()) -> When:
    """The anchor's date; `chain` is the anchors whose defaults led here, to find a cycle."""
    anchor = r.pb.anchors[name]
    if name in chain:
        raise r.fail(f"anchor cycle: {cycle(chain, name)}", anchor.where("default"),
                     "give one of these anchors a date")
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
            raise r.fail(f"anchor '{name}' › time: {exc.message}",
                         anchor.where("time"), exc.hint) from None
    if name in r.given:
        value = _date(r, r.given[name], COMMAND_LINE, f"--{name}")
        source: tuple[AnchorSource, str | None] = (AnchorSource.GIVEN, None)
    elif anchor.spec.date is not None:
        value = _date(r, anchor.spec.date, anchor.where("date"), f"anchor '{name}' › date")
        source = (AnchorSource.FILE, None)
    elif anchor.spec.default is not None:
        where = anchor.where("default")
        what = f"anchor '{name}' › default"
        off = r.parse(anchor.spec.default, where, what)
        if off.ref.is_task:
            raise r.fail(f"{what}: an anchor can only count from another anchor", where)
        base = date_anchor(r, off.ref.name, (*chain, name))
        value = r.guarded(partial(apply, off, base, r.calendar, r.zone), where, what)
        source = (AnchorSource.DEFAULT, off.compact())
    elif r.placeholder:
        value, source = When(PLACEHOLDER_DAY), (AnchorSource.PLACEHOLDER, None)
    else:
        label = f" ({anchor.label})" if anchor.label != name else ""
        raise r.fail(f"anchor '{name}'{label} has no date", anchor.loc,
                     f"pass --{name} YYYY-MM-DD, or set anchors.{name}.date in a plan file")
    if clock is not None and value.clock is None:
        value = When(value.day, clock)
    r.anchors[name] = value
    r.anchor_source[name] = source
    return value


def _date(r: Resolution, text: str, loc: Loc, what: str) -> When:
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
