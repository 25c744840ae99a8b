"""The command line: one module per command, each a few lines over the pipeline.

Commands parse what was typed (`options`), call the stages below (batch, reports,
writers), and print (`terminal`); `guard` is the one place our errors become text and
exit code 2. Each command imports what it needs when it runs, so `promoplan --help`
pays for typer and nothing else.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from promoplan.cli import streams
from promoplan.cli.agenda import agenda_command
from promoplan.cli.anchors import anchors_command
from promoplan.cli.compile import compile_command
from promoplan.cli.diff import diff_command
from promoplan.cli.import_ import import_command
from promoplan.cli.init import init_command
from promoplan.cli.listing import list_command
from promoplan.cli.options import EXTRA
from promoplan.cli.progress import progress_command
from promoplan.cli.schema import schema_command
from promoplan.cli.send import send_command
from promoplan.cli.textconv import textconv_command
from promoplan.cli.validate import validate_command
from promoplan.cli.workload import load_command

app = typer.Typer(
    name="promoplan",
    help="Compile promotion playbooks (聚划算, 双十一 …) into dated team schedules.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from promoplan import __version__

        typer.echo(f"promoplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option(
        "--debug", help="Show tracebacks (for developers); accepted anywhere on the line.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version.")] = False,
) -> None:
    """`--debug` is read back by `guard` from this command's context."""


app.command("compile", context_settings=EXTRA)(compile_command)
app.command("anchors", context_settings=EXTRA,
            short_help="Show a playbook's anchors and their dates.")(anchors_command)
app.command("validate", short_help="Check playbooks without dates: errors and warnings.")(validate_command)
app.command("list")(list_command)
app.command("init")(init_command)
app.command("diff", context_settings=EXTRA, short_help="Show what moved between two plans.")(diff_command)
app.command("agenda", context_settings=EXTRA,
            short_help="What starts or is due on a day or in a week.")(agenda_command)
app.command("import", context_settings=EXTRA)(import_command)
app.command("load", context_settings=EXTRA,
            short_help="Who has how much on which day, across plans.")(load_command)
app.command("progress")(progress_command)
app.command("textconv")(textconv_command)
app.command("schema")(schema_command)
app.command("send", context_settings=EXTRA, short_help="Post the agenda to a chat robot.")(send_command)


def main() -> None:
    """The `promoplan` script and `python -m promoplan`."""
    streams.prepare()
    app(args=debug_first(sys.argv[1:]), prog_name="promoplan")


def debug_first(args: list[str]) -> list[str]:
    """`--debug` is accepted anywhere on the line (`promoplan compile x.yaml --debug`).

    It belongs to the root command, where typer looks for it only before the command
    name; moving it there is simpler than declaring it on every command. A `--debug`
    after `--` is an argument and stays.
    """
    end = args.index("--") if "--" in args else len(args)
    if "--debug" not in args[:end]:
        return args
    return ["--debug", *(a for a in args[:end] if a != "--debug"), *args[end:]]
