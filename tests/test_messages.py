"""Every message of the bad-input corpus in the plan's language (issue 24).

Each case of ``tests/bad/`` runs through the real CLI twice: as it is, for a zh-CN plan (the
corpus has no other, and the environment says Chinese too), where no English prose may
remain; and with ``--lang en`` where the command takes it, where no Chinese may remain.
What the user typed is theirs and stays as it is, so before looking, a message loses its
place (file:line:col), what it quotes from the input (「…」 '…' `…`), option names and the
values after them, file names and paths, and a few names every language writes the same.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .test_bad_inputs import _run, _stems

# Messages of the outputs and command-line stage (unknown options and usage lines, -o, --split-by,
# --invite, --campaign, output names, init, load, send): the outputs/cli conversion removes these.
# 181 is a date of this stage, worded by cli/options.py with str(): `Unreadable.said` has it.
NOT_YET_CONVERTED = {
    "025-unknown-cli-anchor-option", "026-anchor-option-without-equals",
    "027-unknown-output-extension", "054-bad-lang-option", "055-bad-format-option",
    "056-output-folder-missing", "069-anchors-unknown-option", "073-cli-date-missing-value",
    "074-extra-positional", "077-init-unknown-builtin", "092-unknown-flag-last",
    "095-init-target-exists", "128-schema-error-and-unknown-option",
    "170-ics-invite-without-organizer", "171-ics-invite-organizer-without-email",
    "172-several-plans-one-file", "173-unknown-placeholder", "174-template-same-file-twice",
    "176-load-from-after-to", "177-load-output-extension", "178-load-unknown-by",
    "179-load-without-team", "181-load-bad-from-date", "201-campaign-without-a-key",
    "202-campaign-for-several-plans", "203-invite-into-a-calendar-file", "204-invite-with-split-by",
    "205-invite-without-a-folder", "206-send-no-webhook", "207-send-attach-on-dingtalk",
    "208-send-unknown-robot-host", "209-send-unknown-platform", "210-split-people-on-one-file",
    "211-split-roles-on-one-file", "212-season-people-on-one-file",
    "213-two-outputs-differ-only-in-case", "214-output-name-too-long", "215-folder-cannot-be-made",
}
WHITELIST = ("YAML", "JSON", "ICS", "XLSX", "CSV", "UTF-8", "ISO", "URL", "git")
_QUOTED = re.compile(r"「[^」]*」|(?<![A-Za-z])'[^'\n]*'(?![A-Za-z])|`[^`\n]*`|\"[^\"\n]*\"")
_PLACE = re.compile(r"^(?:\S+?:\d+:\d+|\S+?![A-Z]+\d+|\S+\.ya?ml|命令行|command line):\s?", re.MULTILINE)
_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*(?:[ =](?![-（(])[^\s：:，,（()）]+)?")
_FILE = re.compile(r"[^\s「」（）()：:，,]*[/\\.][^\s「」（）()：:，,]*[A-Za-z][^\s「」（）()：:，,]*")
_HEX = re.compile(r"\b0x[0-9a-fA-F]+\b|U\+[0-9A-F]{4}")
_CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def prose(text: str) -> str:
    """What a message says in its own words: the user's input and the names taken out."""
    text = _PLACE.sub("", text)
    text = _QUOTED.sub(" ", text)
    text = _OPTION.sub(" ", text)
    text = _HEX.sub(" ", text)
    text = _FILE.sub(" ", text)
    for word in WHITELIST:
        text = text.replace(word, " ")
    return text


def _expect_fail(stem: str) -> list[pytest.MarkDecorator]:
    base = stem.split(".", 1)[0]
    if base in NOT_YET_CONVERTED:
        return [pytest.mark.xfail(reason="outputs/cli message, converted by that stage", strict=False)]
    return []


def _cases() -> list[object]:
    return [pytest.param(stem, marks=_expect_fail(stem)) for stem in _stems()]


@pytest.mark.parametrize("stem", _cases())
def test_a_chinese_plans_messages_have_no_english_prose(stem: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    _, _, err, _ = _run(stem, tmp_path)
    english = re.findall(r"[A-Za-z]{2,}", prose(err))
    assert english == [], err


@pytest.mark.parametrize("stem", _cases())
def test_with_lang_en_the_same_messages_are_english(stem: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.test_bad_inputs as corpus

    monkeypatch.setattr(corpus, "_args", lambda s, args=corpus._args: [*args(s), "--lang", "en"])
    _, _, err, _ = _run(stem, tmp_path)
    if "No such option: --lang" in err:
        pytest.skip("this command takes no --lang")
    chinese = _CJK.findall(prose(err))
    assert chinese == [], err


def test_what_is_taken_out_before_looking() -> None:
    line = ("p.yaml:3:5: 运营第1项「改价格」的「at」：未知的时间节点「opne」（在「opne-3d」中）"
            "（是不是「open」？）")
    assert prose(line).strip().startswith("运营第1项")
    assert re.findall(r"[A-Za-z]{2,}", prose(line)) == []
    assert re.findall(r"[A-Za-z]{2,}", prose("p.yaml:1:1: unknown key 'x'")) == ["unknown", "key"]
    assert prose("命令行: --signup：无法把「x」读作日期").strip() == "：无法把 读作日期"
    assert _CJK.findall(prose("p.yaml:1:1: task '改价格' (#1 in '运营') › at: unknown anchor 'x'")) == []
    assert _CJK.findall(prose("command line: --owner 客服: no such role")) == []
