"""The catalogs: every word a person reads exists in both languages, with the same blanks."""

from __future__ import annotations

import string
from datetime import date

from promoplan.vocabulary import Phase, Status
from promoplan.words import Words, en, zh
from promoplan.words.reading import PHASE_WORDS, STATUS_WORDS


def _blanks(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_every_key_with_the_same_blanks() -> None:
    assert sorted(zh.WORDS) == sorted(en.WORDS)
    differ = {key: (_blanks(zh.WORDS[key]), _blanks(en.WORDS[key])) for key in zh.WORDS
              if _blanks(zh.WORDS[key]) != _blanks(en.WORDS[key])}
    # A language may use other blanks of what the code offers: zh says 等5项 (the total) where
    # en says "and 2 more", and names a month by its number (10月) where en says Oct.
    assert differ == {
        "date.day": ({"m", "d", "weekday"}, {"mon", "d", "weekday"}),
        "date.year": ({"y", "m", "d", "weekday"}, {"y", "mon", "d", "weekday"}),
        "notice.more": ({"total"}, {"rest"}), "xlsx.more": ({"total"}, {"rest"}),
        "notice.more_days": ({"n"}, {"more"}),
        "xlsx.month": ({"y", "m"}, {"y", "mon"}), "xlsx.month_short": ({"m"}, {"mon"}),
    }


def test_every_status_and_phase_is_worded_and_read_back() -> None:
    for words in (Words("zh"), Words("en")):
        for status in Status:
            plain = words[f"status_word.{status}"]
            assert STATUS_WORDS[plain.lower()] is status
            assert words[f"status.{status}"].endswith(plain)
        assert [words.phase(phase) for phase in Phase][-1] == ""
        assert all(words.phase(phase) for phase in Phase if phase is not Phase.NONE)
    assert {PHASE_WORDS[w] for w in ("活动前", "活动中", "活动后")} == {Phase.BEFORE, Phase.DURING, Phase.AFTER}


def test_days_and_lists_in_each_language() -> None:
    zh_words, en_words = Words("zh-CN"), Words("en")
    day = date(2024, 10, 30)
    assert (zh_words.day(day), zh_words.day(day, year=True)) == ("10月30日 周三", "2024年10月30日 周三")
    assert (en_words.day(day), en_words.day(day, year=True)) == ("Wed 30 Oct", "Wed 30 Oct 2024")
    assert (zh_words.listing(["张伟", "李娜"]), en_words.listing(["张伟", "李娜"])) == ("张伟、李娜", "张伟, 李娜")


def test_every_message_is_in_both_languages_once() -> None:
    from promoplan.words import messages

    seen: set[str] = set(zh.WORDS)
    for module in messages.modules():
        assert sorted(module.ZH) == sorted(module.EN), module.__name__
        differ = [key for key in module.ZH if _blanks(module.ZH[key]) != _blanks(module.EN[key])]
        assert differ == [], module.__name__
        assert seen.isdisjoint(module.ZH), module.__name__
        seen |= set(module.ZH)
