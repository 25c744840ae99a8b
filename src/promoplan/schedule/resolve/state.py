"""The state of one resolution: every value dated so far, and the mistakes and warnings found.

Anchors and tasks date each other in whatever order their offsets ask, so one object
remembers each value once computed, and each that failed: a broken value is reported once,
and whatever depends on it is skipped rather than reported again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar
from zoneinfo import ZoneInfo

from promoplan.errors import Loc, PromoplanError, Say, did_you_mean
from promoplan.playbook.merged import Playbook, TaskDef
from promoplan.playbook.zones import zone
from promoplan.schedule.dates import Unreadable, parse_day
from promoplan.schedule.offsets import Offset, OffsetError, parse_offset
from promoplan.schedule.plan import Occurrence, PlanWarning, When
from promoplan.schedule.resolve.arithmetic import FIRST_DAY, LAST_DAY
from promoplan.schedule.workdays import WorkCalendar, is_country, known_countries
from promoplan.vocabulary import AnchorSource, WarningKind

T = TypeVar("T")

Span = tuple[When, When]
"""A task's start and due."""


def anchor_vocab(pb: Playbook) -> dict[str, str]:
    """Every word that names an anchor in an offset: its name, label and aliases."""
    vocab: dict[str, str] = {}
    for anchor in pb.anchors.values():
        for word in [anchor.name, anchor.label, *anchor.spec.aliases]:
            vocab.setdefault(word, anchor.name)
    return vocab


class Failed(Exception):
    """A value could not be computed; its error is already recorded."""


class Resolution:
    """One playbook being dated: its calendar and zone, and what is known so far."""

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
        self.anchor_source: dict[str, tuple[AnchorSource, str | None]] = {}
        self.tasks: dict[str, Span | None] = {}
        self.occurrences: dict[str, list[Occurrence]] = {}
        self.defs: dict[str, TaskDef] = {t.id: t for t in pb.tasks}
        self.warnings: list[PlanWarning] = []
        self.calendar = self._calendar()

    def warn(self, code: WarningKind, *tasks: str, **facts: object) -> None:
        self.warnings.append(PlanWarning(code, tasks, facts))

    def fail(self, message: str | Say, loc: Loc | None, hint: str | Say | None = None) -> Failed:
        """Record the mistake; the caller raises what this returns to skip what depends on it."""
        self.errors.append(PromoplanError(message, loc, hint))
        return Failed()

    def _calendar(self) -> WorkCalendar:
        code = self.pb.country.strip().upper()
        country: str | None = code
        if code in ("", "NONE"):
            country = None
        elif not is_country(code):
            self.fail(Say("schedule.unknown-country", name=self.pb.country),
                      self.pb.where("country"),
                      did_you_mean(code, known_countries()) or Say("schedule.unknown-country-fix"))
            country = None
        return WorkCalendar(country, self._days(self.pb.holidays), self._days(self.pb.workdays),
                            weekends_work=self.pb.weekends == "work")

    def _days(self, items: list[tuple[str, Loc]]) -> list[date]:
        out = []
        for text, loc in items:
            try:
                out.append(parse_day(text))
            except Unreadable as exc:
                self.fail(Say("playbook.about", place=Say("playbook.key", key="calendar"), what=exc.said),
                          loc)
        return out

    def parse(self, text: str, loc: Loc, what: str | Say) -> Offset:
        # A playbook repeats a few dozen offsets over hundreds of tasks: read each once.
        known = self.offsets.get(text)
        if known is not None:
            return known
        try:
            off = self.offsets[text] = parse_offset(text, self.vocab)
        except OffsetError as exc:
            raise self.fail(Say("playbook.about", place=what, what=exc.message), loc, exc.hint) from None
        return off

    def guarded(self, compute: Callable[[], T], loc: Loc, what: str | Say) -> T:
        """`compute()`, its date arithmetic's failure reported at `loc` as a mistake."""
        try:
            return compute()
        except OverflowError:
            raise self.fail(Say("playbook.about", place=what, what=Say(
                "schedule.outside-calendar", first=FIRST_DAY.year, last=LAST_DAY.year)), loc) from None
        except Unreadable as exc:
            raise self.fail(Say("playbook.about", place=what, what=exc.said), loc) from None
        except ValueError as exc:
            raise self.fail(Say("playbook.about", place=what, what=Say("schedule.date-other", what=str(exc))),
                            loc) from None
