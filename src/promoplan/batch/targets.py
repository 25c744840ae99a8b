"""Where each plan's outputs go: `-o plan.xlsx`, `-o 'out/{campaign}.xlsx'`, `-o cal/`.

An output template names each plan's files with `{campaign}` (the plan's campaign
key), `{name}` (its playbook's name) and `{stem}` (its file name without the
extension, or the built-in name); without a placeholder it is one file (or, with
`--split-by`, one folder). With several plans every template must give each plan a
file of its own, except a plain folder with `--split-by`: the season's calendars,
one per person holding every plan. With `--invite`, an -o that names no known format is
a folder of invitations, one file per event.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from promoplan.errors import COMMAND_LINE, PromoplanError, Say, closest, raise_all
from promoplan.output import same_file
from promoplan.schedule.plan import Plan
from promoplan.vocabulary import By, Format
from promoplan.writers import BY_EXTENSION, format_for

KEYS = ("campaign", "name", "stem")
_PLACEHOLDER = re.compile(r"\{([^{}/\\]*)\}")


def placeholders(template: Path) -> list[str]:
    """The placeholders written in an -o value; an unknown one is an error."""
    found = _PLACEHOLDER.findall(str(template))
    for key in found:
        if key not in KEYS:
            meant = closest(key, KEYS)
            raise PromoplanError(
                Say("outputs.unknown-placeholder", template=template, placeholder=f"{{{key}}}"), COMMAND_LINE,
                Say("error.did-you-mean", name=f"{{{meant}}}") if meant else Say("outputs.placeholders"))
    return found


def check(outputs: list[Path], split_by: By | None, invite: bool = False) -> None:
    """Every -o is a file of a known format, or with --split-by a folder; --invite needs a
    folder for its invitations, and a calendar file cannot hold them."""
    for template in outputs:
        placeholders(template)
    if invite:
        _check_invite(outputs, split_by)
        return
    if split_by is None:
        for template in outputs:
            format_for(template)
        return
    if not outputs:
        raise PromoplanError(Say("outputs.split-needs-folder"), COMMAND_LINE,
                             Say("outputs.split-needs-folder.hint"))
    for path in outputs:
        if path.suffix.lower() in BY_EXTENSION or path.is_file():
            raise PromoplanError(Say(f"outputs.split-{split_by}-into-file", path=path), COMMAND_LINE,
                                 Say("outputs.give-folder", folder=path.with_suffix("")))


def _check_invite(outputs: list[Path], split_by: By | None) -> None:
    if split_by is not None:
        raise PromoplanError(Say("outputs.invite-split", by=split_by), COMMAND_LINE,
                             Say("outputs.invite-split.hint"))
    for path in outputs:
        if path.suffix.lower() == ".ics":
            raise PromoplanError(Say("outputs.invite-calendar-file", path=path), COMMAND_LINE,
                                 Say("outputs.give-folder", folder=path.with_suffix("")))
        if path.suffix.lower() in BY_EXTENSION:
            format_for(path)
        elif path.is_file():
            raise PromoplanError(Say("outputs.invite-file", path=path), COMMAND_LINE,
                                 Say("outputs.give-folder", folder=f"{path}-invites"))
    if all(path.suffix.lower() in BY_EXTENSION for path in outputs):
        raise PromoplanError(Say("outputs.invite-needs-folder"), COMMAND_LINE,
                             Say("outputs.invite-needs-folder.hint"))


def is_season(template: Path, split_by: By | None, several: bool) -> bool:
    """A plain folder with --split-by and several plans: one calendar per person for them all."""
    return split_by is not None and several and not placeholders(template)


def check_several(outputs: list[Path], split_by: By | None, fmt: Format | None, count: int) -> None:
    """With several plans, each -o must name a file per plan, and nothing prints one plan."""
    for template in outputs:
        if not placeholders(template) and not is_season(template, split_by, True):
            raise PromoplanError(Say("outputs.several-one-file", template=template), COMMAND_LINE,
                                 Say("outputs.several-one-file.hint",
                                     example=f"out/{{campaign}}{template.suffix}"))
    if fmt not in (None, Format.TABLE):
        raise PromoplanError(Say("outputs.format-several", fmt=fmt, count=count), COMMAND_LINE,
                             Say("outputs.format-several.hint", example=f"out/{{campaign}}.{fmt}"))


def expand(template: Path, ref: str, plan: Plan) -> Path:
    """The template with this plan's values in place of its placeholders."""
    stem = Path(ref).stem if Path(ref).suffix.lower() in (".yaml", ".yml") else ref
    values = {"campaign": file_name(plan.campaign or plan.playbook),
              "name": file_name(plan.playbook), "stem": file_name(stem)}
    return Path(_PLACEHOLDER.sub(lambda m: values[m.group(1)], str(template)))


def distinct(template: Path, paths: list[tuple[str, Path]]) -> None:
    """Each plan (by the name it was given) must get its own file from `template`."""
    one_file_each(paths, f"-o {template}", Say("outputs.placeholder-differs"))


def one_file_each(named: Sequence[tuple[str, Path]], where: str, hint: Say) -> None:
    """No two of these (plans, people, roles) may land on one file, as Windows and macOS
    compare names (`output.same_file`): every pair is an error naming both, before anything
    is written. Names are quoted ('张伟 ' ends in a space; 「张伟 」 in Chinese)."""
    seen: dict[str, str] = {}
    errors = []
    for name, path in named:
        other = seen.setdefault(same_file(path), name)
        if other != name:
            said = Say("outputs.same-file", where=where, other=Say("outputs.quoted", name=other),
                       name=Say("outputs.quoted", name=name), path=path)
            errors.append(PromoplanError(said, COMMAND_LINE, hint))
    raise_all(errors)


_REFUSED = frozenset('/\\:*?"<>|')
# Windows opens a device for these names, whatever the extension (nul.ics is NUL).
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"{port}{n}" for port in ("COM", "LPT") for n in "123456789\u00b9\u00b2\u00b3")}
MAX_NAME_BYTES = 120
"""A role, person or campaign longer than this in UTF-8 (40 Chinese characters) is shortened,
so a name with its extension, and its temporary file beside it, stay well within the 255
bytes file systems allow."""


def file_name(key: str) -> str:
    """A role, a person or a campaign as a file name: keep the Chinese, drop what file systems
    refuse (made `_`), no dots or spaces at either end (Windows drops them at the end, a dot
    in front hides the file), no device name of Windows (`CON` becomes `CON_`), and a name too
    long for a file cut and given a suffix from the whole name, the same on every run."""
    name = "".join("_" if ch in _REFUSED or ord(ch) < 32 or ord(ch) == 127 else ch for ch in key)
    name = name.strip(". ") or "_"
    base, dot, rest = name.partition(".")
    if base.rstrip(" ").upper() in _RESERVED:
        name = f"{base}_{dot}{rest}"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        suffix = "~" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
        cut = name.encode("utf-8")[:MAX_NAME_BYTES - len(suffix)].decode("utf-8", "ignore")
        name = cut.rstrip(". ") + suffix
    return name
