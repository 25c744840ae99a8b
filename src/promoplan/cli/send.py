"""`promoplan send`: what `agenda` shows, posted to a chat group's robot (WeCom, DingTalk,
Feishu), with the workbook attached where the robot takes files.

The webhook comes from --webhook or PROMOPLAN_WEBHOOK, the signing secret only from
PROMOPLAN_WEBHOOK_SECRET (an option would leave it in the shell's history and the process
list). Everything this command prints goes through the webhook's `Redactor` first, so the
key and the secret cannot reach the terminal or a cron mail, whatever wording a platform
or a library used.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from promoplan.cli import options, terminal
from promoplan.cli.guard import guarded
from promoplan.errors import COMMAND_LINE, PromoplanError
from promoplan.vocabulary import Robot

if TYPE_CHECKING:
    from promoplan.reports.send.platforms import Redactor
    from promoplan.reports.send.transport import Attachment
    from promoplan.schedule.plan import Plan
    from promoplan.words import Words

USAGE = "promoplan send PLAN [--on DATE | --week] [--to wecom|dingtalk|feishu] [--webhook URL]"
WEBHOOK, SECRET = "PROMOPLAN_WEBHOOK", "PROMOPLAN_WEBHOOK_SECRET"


class Attach(StrEnum):
    """`--attach`: what is sent with the message."""

    XLSX = "xlsx"


@guarded
def send_command(
    ctx: typer.Context,
    plan_ref: options.PlanArg,
    on: Annotated[str | None, typer.Option(
        "--on", metavar="DATE", help="The day (YYYY-MM-DD); today by default.")] = None,
    week: Annotated[bool, typer.Option("--week", help="The whole week (Monday to Sunday).")] = False,
    owner: options.Owner = None,
    person: options.Person = None,
    to: Annotated[Robot | None, typer.Option(
        "--to", help="The robot's platform; by default told from the webhook's host.")] = None,
    webhook: Annotated[str | None, typer.Option(
        "--webhook", metavar="URL", help=f"The robot's webhook address (default: ${WEBHOOK}).")] = None,
    attach: Annotated[Attach | None, typer.Option(
        "--attach", help="Also send the plan's workbook (WeCom only).")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Print the requests (key masked) and send nothing.")] = False,
) -> None:
    """Post the day's agenda (or the week's) to a WeCom, DingTalk or Feishu group robot.

    A robot that signs (DingTalk, Feishu) takes its secret from $PROMOPLAN_WEBHOOK_SECRET.
    Exit code 0 when everything was sent, 1 when the robot refused or could not be
    reached, 2 on bad input or configuration. Every anchor of the playbook is also an
    option, for a playbook without dates: --signup 2024-10-14.
    """
    from promoplan.reports.send.platforms import Redactor

    address = (webhook if webhook is not None else os.environ.get(WEBHOOK, "")).strip()
    secret = os.environ.get(SECRET, "").strip()
    redact = Redactor(address, secret)
    try:
        _send(ctx, plan_ref, on, week, owner, person, to, address, secret, attach, dry_run, redact)
    except PromoplanError as exc:
        raise _masked(exc, redact, plan_ref) from None


def _masked(exc: PromoplanError, redact: Redactor, plan_ref: str) -> PromoplanError:
    """The errors worded here, so the key is masked in the very text the guard prints."""
    from promoplan.errors import ErrorGroup
    from promoplan.words import Words, language

    words = Words(language.choose(None, [plan_ref]))
    masked = [PromoplanError(redact(e.text(words))) for e in exc.errors]
    return masked[0] if len(masked) == 1 else ErrorGroup(masked)


def _send(ctx: typer.Context, plan_ref: str, on: str | None, week: bool, owner: str | None,
          person: str | None, to: Robot | None, address: str, secret: str, attach: Attach | None,
          dry_run: bool, redact: Redactor) -> None:
    from promoplan.batch.plans import compile_one
    from promoplan.reports.send import message, platforms, transport
    from promoplan.schedule import filters

    args, typed = options.split([plan_ref], ctx.args, want=1, usage=USAGE)
    plan = compile_one(args[0], typed, [])
    words = options.words(plan.locale, None)
    if owner is not None and person is not None:
        raise PromoplanError(words["send.owner_and_person"], COMMAND_LINE)
    if owner is not None:
        plan = filters.only_owner(plan, owner)
    if person is not None:
        plan = filters.only_person(plan, person)
    hook = platforms.webhook(address, secret, to, words)
    if attach is not None and not hook.platform.files:
        raise PromoplanError(words["send.no_files"].format(robot=words[f"send.robot.{hook.platform.robot}"]),
                             COMMAND_LINE, words["send.no_files.hint"])
    days = _days(plan.timezone, on, week)
    found = message.digest(plan, days, words)
    parts = message.split(found, hook.platform.markup, hook.platform.fits, words)
    attachment = _workbook(plan, days[0], words) if attach is not None else None
    if dry_run:
        sys.stdout.write(redact(transport.preview(hook, parts, attachment, words)))
        terminal.say(words["send.dry_run"])
        return
    try:
        transport.send(hook, parts, attachment, words, say=lambda line: terminal.say(redact(line)))
    except transport.Failed as exc:
        terminal.say(redact(str(exc)))
        raise typer.Exit(1) from None


def _days(timezone: str, on: str | None, week: bool) -> list[date]:
    from promoplan.clock import now
    from promoplan.playbook.zones import zone
    from promoplan.reports import agenda

    day = options.day("--on", on) or now(zone(timezone)).date()
    return agenda.week_of(day) if week else [day]


# Characters a file name may not hold on Windows, where most of these teams open it.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _workbook(plan: Plan, day: date, words: Words) -> Attachment:
    """The plan's workbook, named after its title and the day: `小测试 2024-10-14.xlsx`."""
    from promoplan.reports.send.platforms import WeCom
    from promoplan.reports.send.transport import Attachment
    from promoplan.vocabulary import Format
    from promoplan.writers import render

    data = render(plan, Format.XLSX, words)
    low, high = WeCom.FILE_SIZES
    if not low <= len(data) <= high:
        raise PromoplanError(words["send.file_size"].format(size=len(data), low=low, high=high), COMMAND_LINE)
    name = _UNSAFE.sub("_", plan.title).strip() or plan.playbook
    return Attachment(f"{name} {day.isoformat()}.xlsx", data)
