"""Every message of the bad-input corpus in the plan's language (issue 24).

Each case of ``tests/bad/`` runs through the real CLI twice: as it is, for a zh-CN plan under
an English locale (the corpus has no other plan language), where no English prose may
remain; and with ``--lang en`` where the command takes it, where no Chinese may remain.
What the user typed is theirs and stays as it is, so before looking, a message loses its
place (file:line:col), what it quotes from the input (「…」 '…' `…`), option names and the
values after them, file names and paths, and a few names every language writes the same.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .test_bad_inputs import _args, _run, _stems

# Click's own usage errors (a choice not on the list, an option it does not know) stay in
# click's English: typer writes them before any command of ours runs.
CLICKS_OWN = {"054-bad-lang-option", "055-bad-format-option", "178-load-unknown-by",
              "209-send-unknown-platform"}
# Cases naming a plan that is not there, so no plan tells the language.
NO_PLAN_READ = {"028-missing-playbook-file", "076-unknown-builtin-compile", "077-init-unknown-builtin"}
# Commands that take no --lang: they speak their plan's language.
NO_LANG = {"send", "progress"}
WHITELIST = ("YAML", "JSON", "ICS", "XLSX", "CSV", "UTF-8", "ISO", "URL", "git", "Windows", "macOS",
             "webhook", "Excel", "WPS")
# promoplan's commands, as typed.
COMMANDS = ("promoplan", "compile", "validate", "anchors", "init", "diff", "agenda", "import", "load",
            "progress", "send")
_QUOTED = re.compile(r"「[^」]*」|(?<![A-Za-z])'[^'\n]*'(?![A-Za-z])|`[^`\n]*`|\"[^\"\n]*\"")
_PLACE = re.compile(r"^(?:\S+?:\d+:\d+:|\S+?![A-Z]+\d+:|\S+\.ya?ml:|命令行：|command line:)\s?", re.MULTILINE)
_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*(?:[ =](?![-（(])[^\s：:，,（()）]+)?")
_FILE = re.compile(r"[^\s「」（）()：:，,]*[/\\.][^\s「」（）()：:，,]*[A-Za-z][^\s「」（）()：:，,]*")
_HEX = re.compile(r"\b0x[0-9a-fA-F]+\b|U\+[0-9A-F]{4}")
# What a person types as it is shown: an -o placeholder ({campaign}), a date's pattern
# (YYYY-MM-DD HH:MM), a usage line's PLAYBOOK and DATE, a plan file's key (team:).
_TYPED = re.compile(r"\{[a-z]+\}|--<[a-z]+>|\b[A-Z][A-Z_-]+\b|(?<![\w-])[a-z][\w-]*:(?=[\s）)]|$)", re.MULTILINE)
_CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def prose(text: str) -> str:
    """What a message says in its own words: the user's input and the names taken out."""
    text = _PLACE.sub("", text)
    text = _QUOTED.sub(" ", text)
    text = _OPTION.sub(" ", text)
    text = _HEX.sub(" ", text)
    text = _FILE.sub(" ", text)
    text = _TYPED.sub(" ", text)
    for word in (*WHITELIST, *COMMANDS):
        text = re.sub(rf"(?<![A-Za-z]){word}(?![A-Za-z])", " ", text)
    return text


def _expect_fail(stem: str) -> list[pytest.MarkDecorator]:
    if stem.split(".", 1)[0] in CLICKS_OWN:
        return [pytest.mark.xfail(reason="click's own usage error, in click's English", strict=True)]
    return []


def _cases(marked: bool = True) -> list[object]:
    return [pytest.param(stem, marks=_expect_fail(stem) if marked else []) for stem in _stems()]


@pytest.mark.parametrize("stem", _cases())
def test_a_chinese_plans_messages_have_no_english_prose(stem: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.test_bad_inputs as corpus

    # The corpus runs under an English locale: the plan's own language must win. Where the
    # plan named cannot be found, nothing but the machine says the language: a Chinese one.
    if stem in NO_PLAN_READ:
        monkeypatch.setattr(corpus, "ENV", {**corpus.ENV, "LANG": "zh_CN.UTF-8"})
    if "--lang en" in " ".join(_args(stem)):
        pytest.skip("the case asks for English")
    _, _, err, _ = _run(stem, tmp_path)
    english = re.findall(r"[A-Za-z]{2,}", prose(err))
    assert english == [], err


@pytest.mark.parametrize("stem", _cases(marked=False))
def test_with_lang_en_the_same_messages_are_english(stem: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.test_bad_inputs as corpus

    monkeypatch.setattr(corpus, "_args", lambda s, args=corpus._args: [*args(s), "--lang", "en"])
    if corpus._args(stem)[0] in NO_LANG:
        pytest.skip("this command takes no --lang")
    _, _, err, _ = _run(stem, tmp_path)
    chinese = _CJK.findall(prose(err))
    assert chinese == [], err


def test_what_is_taken_out_before_looking() -> None:
    line = ("p.yaml:3:5: 运营第1项「改价格」的「at」：未知的时间节点「opne」（在「opne-3d」中）"
            "（是不是「open」？）")
    assert prose(line).strip().startswith("运营第1项")
    assert re.findall(r"[A-Za-z]{2,}", prose(line)) == []
    assert re.findall(r"[A-Za-z]{2,}", prose("p.yaml:1:1: unknown key 'x'")) == ["unknown", "key"]
    assert prose("命令行：--signup：无法把「x」读作日期").strip() == "：无法把 读作日期"
    assert _CJK.findall(prose("p.yaml:1:1: task '改价格' (#1 in '运营') › at: unknown anchor 'x'")) == []
    assert _CJK.findall(prose("command line: --owner 客服: no such role")) == []
