"""Turn a playbook and the dates a team was given into a dated plan.

Pure: no files, no clock. Anchors are resolved in dependency order (command
line, then a date in a file, then the default derivation), then tasks (which
may count from other tasks), then phases and warnings. Errors are collected so
one run reports every mistake; anything depending on a broken value is skipped
rather than reported twice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from itertools import islice
from typing import Literal
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, HOURLY, MINUTELY, MONTHLY, WEEKLY, rrule
from dateutil.tz import datetime_exists

from promoplan.errors import COMMAND_LINE, Loc, PromoplanError, did_you_mean, raise_all
from promoplan.playbook.merged import Playbook, TaskDef
from promoplan.playbook.schema import PHASE_WORDS
from promoplan.playbook.zones import zone
from promoplan.schedule.dates import parse_day, parse_when
from promoplan.schedule.offsets import (
    MonthEdge,
    Offset,
    OffsetError,
    Reminder,
    Shift,
    parse_clock,
    parse_duration,
    parse_offset,
    parse_remind,
)
from promoplan.schedule.plan import Occurrence, Plan, PlanAnchor, PlanTask, PlanWarning, Progress, When
from promoplan.schedule.workdays import WorkCalendar, is_country, known_countries

MAX_OCCURRENCES = 10_000
DEFAULT_REMINDERS = {"timed": "15min", "all_day": "1d@09:00"}
# Timed work starting in these hours (outside the event itself) is flagged.
NIGHT = (time(22, 0), time(7, 0))
# `validate` resolves with this date for anchors nobody has dated yet (a Monday).
PLACEHOLDER_DAY = date(2001, 1, 1)
# A plan's days lie within these, so that every writer can look a week beyond them (the
# days off shown around a plan, an all-day event's exclusive end) without leaving the calendar.
FIRST_DAY, LAST_DAY = date(2, 1, 1), date(9998, 12, 31)

_Span = tuple[When, When]
Frequency = Literal[1, 2, 3, 4, 5]
"""rrule's MONTHLY, WEEKLY, DAILY, HOURLY and MINUTELY: the steps a repeat can take."""


class _Failed(Exception):
    """A value could not be computed; its error is already recorded."""


def resolve(pb: Playbook, given: Mapping[str, str] | None = None, *,
            placeholder: bool = False) -> Plan:
    """The plan for `pb`; `given` maps anchor names to dates typed on the command line."""
    return _Resolver(pb, dict(given or {}), placeholder).run()


def anchor_vocab(pb: Playbook) -> dict[str, str]:
    """Every word that names an anchor in an offset: its name, label and aliases."""
    vocab: dict[str, str] = {}
    for anchor in pb.anchors.values():
        for word in [anchor.name, anchor.label, *anchor.spec.aliases]:
            vocab.setdefault(word, anchor.name)
    return vocab


class _Resolver:
    def __init__(self, pb: Playbook, given: dict[str, str], placeholder: bool) -> None:
        self.pb = pb
        self.given = given
        self.placeholder = placeholder
        try:
            self.zone: ZoneInfo = zone(pb.timezone)
        except PromoplanError:  # already among pb.problems, with its place
            self.zone = ZoneInfo("UTC")
        self.vocab = anchor_vocab(pb)
        self.offsets: dict[str, Offset] = {}
        self.errors: list[PromoplanError] = list(pb.problems)
        self.anchors: dict[str, When | None] = {}
        self.anchor_source: dict[str, tuple[str, str | None]] = {}
        self.tasks: dict[str, _Span | None] = {}
        self.occurrences: dict[str, list[Occurrence]] = {}
        self.defs: dict[str, TaskDef] = {t.id: t for t in pb.tasks}
        self.warnings: list[PlanWarning] = []
        self.mismatched: list[str] = []
        self.backwards: list[str] = []
        self.calendar = self._calendar()

    # -------------------------------------------------------------- helpers

    def warn(self, code: str, *tasks: str, **facts: object) -> None:
        self.warnings.append(PlanWarning(code, tasks, facts))

    def fail(self, message: str, loc: Loc | None, hint: str | None = None) -> _Failed:
        self.errors.append(PromoplanError(message, loc, hint))
        return _Failed()

    def _calendar(self) -> WorkCalendar:
        code = self.pb.country.strip().upper()
        country: str | None = code
        if code in ("", "NONE"):
            country = None
        elif not is_country(code):
            self.fail(f"calendar › country: unknown country '{self.pb.country}'",
                      self.pb.where("country"),
                      did_you_mean(code, known_countries()) or
                      "use an ISO 3166 code such as CN, HK, TW, SG, US, or none for weekends only")
            country = None
        return WorkCalendar(country, self._days(self.pb.holidays), self._days(self.pb.workdays))

    def _days(self, items: list[tuple[str, Loc]]) -> list[date]:
        out = []
        for text, loc in items:
            try:
                out.append(parse_day(text))
            except ValueError as exc:
                self.fail(f"calendar: {exc}", loc)
        return out

    def remind(self, text: str, loc: Loc, what: str) -> Reminder | None:
        try:
            return parse_remind(text)
        except OffsetError as exc:
            self.fail(f"{what}: {exc.message}", loc, exc.hint)
            return None

    def parse(self, text: str, loc: Loc, what: str) -> Offset:
        # A playbook repeats a few dozen offsets over hundreds of tasks: read each once.
        known = self.offsets.get(text)
        if known is not None:
            return known
        try:
            off = self.offsets[text] = parse_offset(text, self.vocab)
        except OffsetError as exc:
            raise self.fail(f"{what}: {exc.message}", loc, exc.hint) from None
        return off

    def guarded(self, compute: Callable[[], When], loc: Loc, what: str) -> When:
        try:
            return compute()
        except OverflowError:
            raise self.fail(f"{what}: the date falls outside the calendar (years {FIRST_DAY.year}-"
                            f"{LAST_DAY.year})", loc) from None
        except ValueError as exc:
            raise self.fail(f"{what}: {exc}", loc) from None

    def guarded_list(self, compute: Callable[[], list[Occurrence]], task: TaskDef) -> list[Occurrence]:
        """A repeat's occurrences, all within the calendar (see `guarded`)."""
        try:
            out = compute()
            for item in out:
                _in_range(item.start)
                _in_range(item.due)
        except OverflowError:
            raise self.fail(f"{task.label} › repeat: the date falls outside the calendar "
                            f"(years {FIRST_DAY.year}-{LAST_DAY.year})", task.where("repeat")) from None
        return out

    def shift(self, base: When, shifts: tuple[Shift, ...]) -> When:
        """Apply shifts in the order written; day units keep the clock, time units need one."""
        day, clock = base.day, base.clock
        for s in shifts:
            if s.unit == "d":
                day += timedelta(days=s.amount)
            elif s.unit == "w":
                day += timedelta(weeks=s.amount)
            elif s.unit == "mo":
                day = _plus(day, relativedelta(months=s.amount))  # 01-31 + 1mo = 02-28/29
            elif s.unit == "wd":
                day = self.calendar.add_workdays(day, s.amount)
            else:
                minutes = s.amount * (60 if s.unit == "h" else 1)
                local = datetime.combine(day, clock or time(0), tzinfo=self.zone)
                moved = (local.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(self.zone)
                day, clock = moved.date(), time(moved.hour, moved.minute)
        return When(day, clock)

    def apply(self, off: Offset, base: When) -> When:
        moved = self.shift(base, off.shifts)
        if off.month_edge is not None:
            moved = When(month_edge(moved.day, off.month_edge), moved.clock)
        if off.clock is not None:
            moved = When(moved.day, off.clock)
        elif off.day_resolution:
            moved = When(moved.day)
        return _in_range(moved)

    # -------------------------------------------------------------- anchors

    def anchor(self, name: str, chain: tuple[str, ...] = ()) -> When:
        anchor = self.pb.anchors[name]
        if name in chain:
            cycle = " → ".join([*chain[chain.index(name):], name])
            raise self.fail(f"anchor cycle: {cycle}", anchor.where("default"),
                            "give one of these anchors a date")
        if name in self.anchors:
            value = self.anchors[name]
            if value is None:
                raise _Failed()
            return value
        self.anchors[name] = None  # until computed: a failure below leaves it failed
        clock = None
        if anchor.spec.time is not None:
            try:
                clock = parse_clock(anchor.spec.time)
            except OffsetError as exc:
                raise self.fail(f"anchor '{name}' › time: {exc.message}",
                                anchor.where("time"), exc.hint) from None
        if name in self.given:
            value = self._date(self.given[name], COMMAND_LINE, f"--{name}")
            source: tuple[str, str | None] = ("given", None)
        elif anchor.spec.date is not None:
            value = self._date(anchor.spec.date, anchor.where("date"), f"anchor '{name}' › date")
            source = ("file", None)
        elif anchor.spec.default is not None:
            where = anchor.where("default")
            what = f"anchor '{name}' › default"
            off = self.parse(anchor.spec.default, where, what)
            if off.ref.is_task:
                raise self.fail(f"{what}: an anchor can only count from another anchor", where)
            base = self.anchor(off.ref.name, (*chain, name))
            value = self.guarded(lambda: self.apply(off, base), where, what)
            source = ("default", off.compact())
        elif self.placeholder:
            value, source = When(PLACEHOLDER_DAY), ("placeholder", None)
        else:
            label = f" ({anchor.label})" if anchor.label != name else ""
            raise self.fail(f"anchor '{name}'{label} has no date", anchor.loc,
                            f"pass --{name} YYYY-MM-DD, or set anchors.{name}.date in a plan file")
        if clock is not None and value.clock is None:
            value = When(value.day, clock)
        self.anchors[name] = value
        self.anchor_source[name] = source
        return value

    def _date(self, text: str, loc: Loc, what: str) -> When:
        return self.guarded(lambda: _in_range(parse_when(text, self.zone)), loc, what)

    # -------------------------------------------------------------- tasks

    def value(self, off: Offset, chain: tuple[str, ...], loc: Loc, what: str) -> When:
        if not off.ref.is_task:
            return self.anchor(off.ref.name)
        other = off.ref.name
        if other not in self.defs:
            raise self.fail(f"{what}: unknown task '{other}'", loc, did_you_mean(other, self.defs))
        start, due = self.task(other, chain)
        return start if off.ref.task_field == "start" else due

    def evaluate(self, task: TaskDef, key: str, text: str, chain: tuple[str, ...]) -> When:
        off = self.offsets.get(text)
        if off is not None and not off.ref.is_task:
            # Most keys: an offset already read, from an anchor. Only the date arithmetic can
            # fail here, and then the full path below reports it with its place; finding that
            # place for every key of every task is what made resolving slow.
            base = self.anchor(off.ref.name)
            with contextlib.suppress(OverflowError, ValueError):
                return self.apply(off, base)
        loc, what = task.where(key), _what(task, key)
        off = self.parse(text, loc, what)
        base = self.value(off, chain, loc, what)
        return self.guarded(lambda: self.apply(off, base), loc, what)

    def duration(self, task: TaskDef, key: str, text: str) -> tuple[Shift, ...]:
        try:
            shifts = parse_duration(text)
        except OffsetError as exc:
            raise self.fail(f"{_what(task, key)}: {exc.message}", task.where(key), exc.hint) from None
        if all(s.amount == 0 for s in shifts):
            raise self.fail(f"{_what(task, key)}: must be longer than zero", task.where(key))
        return shifts

    def task(self, tid: str, chain: tuple[str, ...] = ()) -> _Span:
        if tid in chain:
            cycle = " → ".join([*chain[chain.index(tid):], tid])
            task = self.defs[chain[-1]]
            self.tasks[tid] = None
            raise self.fail(f"task cycle: {cycle}", task.loc,
                            "a task cannot start from itself, directly or through others")
        if tid in self.tasks:
            span = self.tasks[tid]
            if span is None:
                raise _Failed()
            return span
        task = self.defs[tid]
        self.tasks[tid] = None
        if task.broken:
            raise _Failed()
        span = self._compute(task, (*chain, tid))
        self.tasks[tid] = span
        return span

    def _compute(self, task: TaskDef, chain: tuple[str, ...]) -> _Span:
        spec = task.spec
        ok = True
        values: dict[str, When] = {}
        for key in ("at", "start", "due"):
            text = getattr(spec, key)
            if text is not None:
                try:
                    values[key] = self.evaluate(task, key, text, chain)
                except _Failed:
                    ok = False
        if spec.after is not None:
            if spec.after not in self.defs:
                self.fail(f"{task.label} › after: unknown task '{spec.after}'",
                          task.where("after"), did_you_mean(spec.after, self.defs))
                ok = False
            else:
                try:
                    values["start"] = self.task(spec.after, chain)[1]
                except _Failed:
                    ok = False
        if not ok:
            raise _Failed()
        if "at" in values:
            start = due = values["at"]
        else:
            start_or_none, due_or_none = values.get("start"), values.get("due")
            if spec.duration is not None and start_or_none is not None:
                length = self.duration(task, "duration", spec.duration)
                due_or_none = self.guarded(partial(self.shift, start_or_none, length),
                                           task.where("duration"), f"{task.label} › duration")
            either = start_or_none or due_or_none
            assert either is not None  # the playbook check demands a start, due or after
            start, due = start_or_none or either, due_or_none or either
        direction = spec.roll or self.pb.roll
        if direction != "none":
            start = self._roll(start, direction, task, "at" if spec.at else "start")
            due = self._roll(due, direction, task, "at" if spec.at else "due")
        if spec.repeat is not None:
            self.occurrences[task.id] = self._repeat(task, start, due, chain)
            first, last = self.occurrences[task.id][0], self.occurrences[task.id][-1]
            return first.start, last.due
        return start, due

    def _roll(self, when: When, direction: str, task: TaskDef, key: str) -> When:
        """A whole-day date on a day off moves to the nearest working day that way."""
        if when.timed:
            return when
        return self.guarded(lambda: When(self.calendar.roll(when.day, direction)),
                            task.where(key), f"{task.label} › {key}")

    def _repeat(self, task: TaskDef, start: When, due: When,
                chain: tuple[str, ...]) -> list[Occurrence]:
        rep = task.spec.repeat
        assert rep is not None
        step = self.duration(task, "repeat.every", rep.every)
        if any(s.unit == "mo" for s in step) and any(s.unit != "mo" for s in step):
            raise self.fail(f"{_what(task, 'repeat.every')}: months do not mix with other units "
                            f"in one step ('{rep.every}')", task.where("repeat.every"),
                            "repeat by months, e.g. 1mo, or by days, e.g. 30d")
        limit = rep.count if rep.count is not None else MAX_OCCURRENCES + 1
        until = self.evaluate(task, "repeat.until", rep.until, chain) if rep.until else None
        if any(s.unit == "wd" for s in step):
            out = self._workday_steps(start, due, step, until, limit)
        else:
            spec = task.spec
            ends = (self._month_end(spec.at or spec.start), self._month_end(spec.at or spec.due))
            out = self.guarded_list(lambda: recurrence(start, due, step, until, limit, self.zone, ends),
                                    task)
        if len(out) > MAX_OCCURRENCES:
            raise self.fail(f"{task.label} › repeat: more than {MAX_OCCURRENCES:,} "
                            "occurrences", task.where("repeat"),
                            "use a longer 'every' or an earlier 'until'")
        if until is not None and start.begin > until.begin:
            self.warn("repeat-until-before-start", task.id)
        return out

    def _month_end(self, text: str | None) -> bool:
        """Whether an end was written as a month's last day (当月底, @month-end): a monthly
        repeat then keeps to month ends (11-30, 12-31, 01-31) instead of the 30th."""
        off = self.offsets.get(text) if text else None
        return off is not None and off.month_edge is not None and off.month_edge.edge == "end"

    def _workday_steps(self, start: When, due: When, step: tuple[Shift, ...],
                       until: When | None, limit: int) -> list[Occurrence]:
        """Working-day steps cannot be an RRULE (holidays, 调休): counted on the calendar."""
        out = [Occurrence(start, due)]
        while len(out) < limit:
            prev = out[-1]
            nxt = Occurrence(self.shift(prev.start, step), self.shift(prev.due, step))
            if until is not None and not _within(nxt.start, until):
                break
            out.append(nxt)
        return out

    # -------------------------------------------------------------- plan

    def run(self) -> Plan:
        pb = self.pb
        for name in self.given:
            if name not in pb.anchors:
                self.fail(f"unknown anchor '{name}'", COMMAND_LINE,
                          did_you_mean(name, pb.anchors) or f"anchors: {', '.join(pb.anchors)}")
        for name in pb.anchors:
            with contextlib.suppress(_Failed):
                self.anchor(name)
        for tid in self.defs if pb.anchors else ():  # without anchors no task has a date
            with contextlib.suppress(_Failed):
                self.task(tid)
        window = self._window()
        reminders = {
            key: self.remind(pb.reminders.get(key, default), pb.where(f"reminders.{key}"),
                             f"reminders › {key}")
            for key, default in DEFAULT_REMINDERS.items()
        }
        own = {t.id: self.remind(t.spec.remind, t.where("remind"), f"{t.label} › remind")
               for t in pb.tasks if t.spec.remind is not None}
        progress = self._progress()
        raise_all(self.errors)
        anchors = [
            PlanAnchor(a.name, a.label, self._known(self.anchors[a.name]),
                       self.anchor_source[a.name][0], self.anchor_source[a.name][1])
            for a in pb.anchors.values()
        ]
        sections = self._sections()
        tasks = _numbered([self._plan_task(t, window, own.get(t.id), progress.get(t.id))
                           for t in pb.tasks])
        self._anchor_order()
        if self.backwards:
            self.warn("ends-before-start", *self.backwards)
        if self.mismatched:
            self.warn("phase-mismatch", *self.mismatched)
        days_off = self._calendar_warnings(tasks, anchors)
        return Plan(
            playbook=pb.name, title=pb.title or pb.name, locale=pb.locale,
            timezone=pb.timezone, sections=sections, roles=list(pb.roles),
            anchors=anchors, tasks=tasks, warnings=self.warnings, event=window,
            team=dict(pb.team), brand=pb.brand,
            reminders={k: v for k, v in reminders.items() if v is not None},
            days_off=days_off, campaign=self._campaign(anchors), calendar=self.calendar,
            organizer=pb.organizer,
        )

    def _campaign(self, anchors: list[PlanAnchor]) -> str:
        """This run's key: the file's `campaign:`, else the playbook and its first anchor's day."""
        if self.pb.campaign:
            return self.pb.campaign
        if not anchors or self.placeholder:
            return self.pb.name
        return f"{self.pb.name}-{anchors[0].when.day.isoformat()}"

    def _progress(self) -> dict[str, Progress]:
        out: dict[str, Progress] = {}
        for tid, (text, loc) in self.pb.progress.items():
            if tid not in self.defs:
                self.fail(f"progress: no task '{tid}'", loc, did_you_mean(tid, self.defs))
                continue
            try:
                out[tid] = parse_progress(text)
            except ValueError as exc:
                self.fail(f"progress › {tid}: {exc}", loc,
                          "write 完成, 进行中, 受阻 or 取消 (done, doing, blocked, cancelled), "
                          "optionally with a date: 完成 2024-10-20")
        return out

    def _anchor_order(self) -> None:
        """An anchor derived as `other+N` that was dated before `other` (or `other-N` after it)."""
        for anchor in self.pb.anchors.values():
            source = self.anchor_source.get(anchor.name)
            if anchor.spec.default is None or source is None or source[0] == "default":
                continue
            try:  # a dated anchor's default was never needed, so never read before
                off = self.offsets.get(anchor.spec.default) or parse_offset(anchor.spec.default, self.vocab)
            except OffsetError:
                continue
            if off.ref.is_task or not off.shifts:
                continue
            sign = 1 if off.shifts[0].amount > 0 else -1 if off.shifts[0].amount < 0 else 0
            mine, theirs = self.anchors.get(anchor.name), self.anchors.get(off.ref.name)
            if mine is None or theirs is None or sign == 0:
                continue
            if (mine.begin - theirs.begin).total_seconds() * sign < 0:
                other = self.pb.anchors[off.ref.name]
                late, early = (anchor, other) if sign > 0 else (other, anchor)
                late_when, early_when = (mine, theirs) if sign > 0 else (theirs, mine)
                self.warn("anchor-order", late=late.label, late_day=late_when.day.isoformat(),
                          early=early.label, early_day=early_when.day.isoformat())

    def _calendar_warnings(self, tasks: list[PlanTask], anchors: list[PlanAnchor]) -> dict[date, str]:
        """Deadlines on days off, work at night, years without a published schedule."""
        days = [a.when.day for a in anchors] + [d for t in tasks for d in (t.start.day, t.due.day)]
        if not days:
            return {}
        first, last = min(days), max(days)
        try:
            days_off = self.calendar.days_off(first - timedelta(days=7), last + timedelta(days=7))
        except (OverflowError, ValueError):  # a plan at the very edge of the calendar
            days_off = {}
        due_off: dict[date, list[str]] = {}
        night: list[str] = []
        for task in tasks:
            roll = self.defs[task.id].spec.roll or self.pb.roll
            kept = roll == "none" or task.due.timed  # timed tasks are never rolled
            if kept and task.phase != "during" and task.due.day in days_off:
                due_off.setdefault(task.due.day, []).append(task.id)
            clock = task.start.clock
            if clock is not None and task.phase != "during" and (clock >= NIGHT[0] or clock < NIGHT[1]):
                night.append(task.id)
        if night:
            self.warn("at-night", *night)
        for day, ids in sorted(due_off.items()):
            try:
                before = self.calendar.roll(day, "backward")
            except (OverflowError, ValueError):
                before = day
            self.warn("deadline-on-day-off", *ids, day=day.isoformat(), holiday=days_off[day],
                      before=before.isoformat())
        for year in self.calendar.unpublished_years(d.year for d in (first, last)):
            self.warn("schedule-unpublished", year=year, country=self.calendar.country)
        return days_off

    @staticmethod
    def _known(value: When | None) -> When:
        assert value is not None
        return value

    def _sections(self) -> list[str]:
        sections = list(self.pb.sections)
        sections += [s for t in self.pb.tasks
                     if (s := t.spec.section or "") and s not in sections]
        return sections

    def _window(self) -> tuple[When, When] | None:
        event = self.pb.event
        if event is None:
            return None
        ends = []
        for key, text in (("start", event.start), ("end", event.end)):
            where, what = self.pb.where(f"event.{key}"), f"event › {key}"
            try:
                off = self.parse(text, where, what)
                if off.ref.is_task:
                    raise self.fail(f"{what}: the event window counts from anchors only", where)
                base = self.anchor(off.ref.name)
                ends.append(self.guarded(partial(self.apply, off, base), where, what))
            except _Failed:
                return None
        return ends[0], ends[1]

    def _plan_task(self, task: TaskDef, window: tuple[When, When] | None,
                   remind: Reminder | None, progress: Progress | None) -> PlanTask:
        spec = task.spec
        span = self.tasks[task.id]
        assert span is not None
        start, due = span
        derived = _phase(start, window)
        phase = PHASE_WORDS[spec.phase] if spec.phase else derived
        if spec.phase and derived and phase != derived:
            self.mismatched.append(task.id)
        if due.end < start.begin:
            self.backwards.append(task.id)
        offsets = {k: getattr(spec, k) for k in ("at", "start", "due", "duration", "after")
                   if getattr(spec, k) is not None}
        return PlanTask(
            id=task.id, name=spec.name or "", section=spec.section or "",
            owner=spec.owner or "", people=list(self.pb.team.get(spec.owner or "", [])),
            phase=phase, start=start, due=due, notes=spec.notes or "", order=task.order,
            offsets=offsets, occurrences=self.occurrences.get(task.id, []),
            every=parse_duration(spec.repeat.every) if spec.repeat else (), remind=remind,
            progress=progress,
        )


def month_edge(day: date, edge: MonthEdge) -> date:
    """The 1st, 15th or last day of `day`'s month, or of a named month searched from `day`.

    relativedelta clamps `day=31` to the month's last day (2028-02-29, 2025-02-28).
    """
    at = _EDGE_DAY[edge.edge]
    if edge.month is None:
        return day + relativedelta(day=at)
    found = day + relativedelta(month=edge.month, day=at)
    if (found - day).days * edge.direction < 0:  # this year's is on the wrong side of `day`
        found = _plus(day, relativedelta(years=edge.direction, month=edge.month, day=at))
    return found


_EDGE_DAY = {"start": 1, "mid": 15, "end": 31}


def _plus(day: date, delta: relativedelta) -> date:
    """relativedelta says ValueError where date arithmetic says OverflowError: past 9999."""
    try:
        return day + delta
    except ValueError:
        raise OverflowError(f"{day} + {delta}") from None


def recurrence(start: When, due: When, step: tuple[Shift, ...], until: When | None,
               limit: int, zone: ZoneInfo,
               month_ends: tuple[bool, bool] = (False, False)) -> list[Occurrence]:
    """A repeat's occurrences by `dateutil.rrule`, over wall-clock times in the plan's zone.

    The first occurrence is the task as resolved; `until` is inclusive (an all-day
    `until` includes its whole day); at most `limit` occurrences. Monthly steps keep
    the start's day of the month, clamped to shorter months (01-31, 02-29, 03-31), or
    keep to the month's last day when `month_ends` says start or due was written as one.
    Minute and hour steps follow the wall clock: on the day clocks go forward the
    times that do not exist are left out (every 30min from 01:00 in New York on
    2024-03-10: 01:00, 01:30, 03:00), and the hour repeated when they go back is
    listed once. Each due keeps its distance from its start (months: its own day).
    """
    kind, interval = _frequency(step)
    sub_day = kind in (MINUTELY, HOURLY)
    first = start.begin
    end = None
    if until is not None:
        end = until.begin if until.timed else datetime.combine(until.day, time.max)
    later = (t for t in _rule(kind, interval, first, end, month_ends[0]).xafter(first)
             if not sub_day or datetime_exists(t.replace(tzinfo=zone)))
    starts = [first, *islice(later, max(limit - 1, 0))]
    if kind == MONTHLY:
        dues = list(islice(_rule(kind, interval, due.begin, None, month_ends[1]), len(starts)))
    else:
        dues = [t + (due.begin - first) for t in starts]
    return [Occurrence(start, due)] + [
        Occurrence(_when(begin, start.timed or sub_day), _when(end_, due.timed or sub_day))
        for begin, end_ in zip(starts[1:], dues[1:], strict=True)
    ]


def _rule(kind: Frequency, interval: int, first: datetime, until: datetime | None,
          month_end: bool = False) -> rrule:
    """The rule from `first`; monthly on the 29th-31st takes the last of the days 28 to
    `first.day` each month has, so a short month gets its last day instead of none
    (RFC 5545 would skip it)."""
    if kind == MONTHLY and month_end:
        return rrule(kind, dtstart=first, interval=interval, until=until, cache=False,
                     bymonthday=-1)
    if kind == MONTHLY and first.day > 28:
        return rrule(kind, dtstart=first, interval=interval, until=until, cache=False,
                     bymonthday=tuple(range(28, first.day + 1)), bysetpos=-1)
    return rrule(kind, dtstart=first, interval=interval, until=until, cache=False)


def _frequency(step: tuple[Shift, ...]) -> tuple[Frequency, int]:
    """The rrule frequency and interval of a step: 1mo → MONTHLY 1, 90min → MINUTELY 90."""
    if all(s.unit == "mo" for s in step):
        return MONTHLY, sum(s.amount for s in step)
    minutes = sum(s.amount * _MINUTES[s.unit] for s in step)
    if minutes % (24 * 60):
        return (HOURLY, minutes // 60) if minutes % 60 == 0 else (MINUTELY, minutes)
    days = minutes // (24 * 60)
    return (WEEKLY, days // 7) if days % 7 == 0 else (DAILY, days)


_MINUTES = {"min": 1, "h": 60, "d": 24 * 60, "w": 7 * 24 * 60}


def _when(moment: datetime, timed: bool) -> When:
    return When(moment.date(), moment.time() if timed else None)


def _within(start: When, until: When) -> bool:
    """Inclusive: a timed `until` up to its minute, an all-day one through its day."""
    return start.begin <= until.begin if until.timed else start.begin < until.end


def _in_range(when: When) -> When:
    if not FIRST_DAY <= when.day <= LAST_DAY:
        raise OverflowError(when.day)
    return when


def _numbered(tasks: list[PlanTask]) -> list[PlanTask]:
    """Each task with its 序号: its place within its section, in the playbook's order."""
    counts: dict[str, int] = {}
    out = []
    for task in tasks:
        counts[task.section] = counts.get(task.section, 0) + 1
        out.append(replace(task, seq=counts[task.section]))
    return out


_STATUS_WORDS = {"完成": "done", "已完成": "done", "进行中": "doing", "受阻": "blocked",
                 "取消": "cancelled", "已取消": "cancelled", "done": "done", "doing": "doing",
                 "blocked": "blocked", "cancelled": "cancelled", "canceled": "cancelled"}


def parse_progress(text: str) -> Progress:
    """`完成`, `完成 2024-10-20`, `done 2024-10-20`: a status word and an optional day."""
    word, _, rest = str(text).strip().partition(" ")
    status = _STATUS_WORDS.get(word.lower())
    if status is None:
        raise ValueError(f"unknown status '{word}'")
    return Progress(status, parse_day(rest) if rest.strip() else None)


def _what(task: TaskDef, key: str) -> str:
    """`task 'x' › repeat › every`: how messages name one key of a task."""
    return " › ".join([task.label, *key.split(".")])


def _phase(start: When, window: tuple[When, When] | None) -> str:
    """Where a task's start falls against the event window; a date-only end is inclusive.

    A timed start is a moment. An all-day start counts by its noon: the opening
    day of a 10:00 launch is 活动中, the day after a window that closes at 00:30 is
    活动后, the day before is 活动前.
    """
    if window is None:
        return ""
    moment = start.begin if start.timed else start.begin + timedelta(hours=12)
    if moment < window[0].begin:
        return "before"
    if moment >= window[1].end:
        return "after"
    return "during"
