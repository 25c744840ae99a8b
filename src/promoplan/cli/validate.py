"""`promoplan validate`: check playbooks without dates, every mistake of every file in one run."""

from __future__ import annotations

from typing import Annotated

import typer

from promoplan.cli import options
from promoplan.cli.guard import guarded
from promoplan.errors import PromoplanError
from promoplan.vocabulary import AnchorSource


@guarded
def validate_command(
    ctx: typer.Context,
    playbooks: Annotated[list[str], typer.Argument(
        metavar="PLAYBOOK...", help="Playbook or plan files, or built-in names.", show_default=False)],
    lang: options.LangOption = None,
) -> None:
    """Check playbooks without dates: schema, offsets, references, cycles, warnings.

    Anchors without a date in the file get a placeholder, so the warnings shown are
    those that hold whatever the dates: a task that ends before it starts, anchors
    out of order, a wrong phase, work at night. Every error of every file is
    printed. Exit code 0 when all files are valid (warnings or not), 2 otherwise.
    """
    from promoplan.errors import ErrorGroup
    from promoplan.playbook.assemble import load
    from promoplan.schedule.resolve import PLACEHOLDER_DAY, resolve
    from promoplan.words import notices

    errors: list[PromoplanError] = []
    for ref in playbooks:
        try:
            pb = load(ref)
            plan = resolve(pb, placeholder=True)
        except PromoplanError as exc:
            errors.extend(exc.errors)
            continue
        words = options.words(pb.locale, lang)
        placeholder = PLACEHOLDER_DAY.isoformat()
        found = [w for w in notices.ordered(plan) if w.code in notices.DATE_FREE
                 and placeholder not in (w.facts.get("late_day"), w.facts.get("early_day"))]
        dated = all(a.source != AnchorSource.PLACEHOLDER for a in plan.anchors)
        tasks, anchors = words.count("commands.n-tasks", len(plan.tasks)), words.count(
            "commands.n-anchors", len(plan.anchors))
        if found:
            warnings = words.count("commands.n-warnings", len(found))
            typer.echo(words["commands.valid-warned"].format(ref=ref, tasks=tasks, anchors=anchors,
                                                             warnings=warnings))
        else:
            typer.echo(words["commands.valid"].format(ref=ref, tasks=tasks, anchors=anchors))
        for warning in found:
            typer.echo(words["commands.of-file"].format(
                ref=ref, text=notices.text(plan, warning, words, dates=dated)))
    if errors:
        raise ErrorGroup(errors)
