"""The workbook's names and number formats: what `promoplan progress` reads back (the
hidden sheet, the id and 状态 headers) beside the format the writer prints times in. The
words themselves are in the catalog (`words/zh.py`, `words/en.py`, keys `xlsx.*`).
"""

from __future__ import annotations

from promoplan.words import Words

META_SHEET = "promoplan"
"""The hidden sheet: A1 `campaign`, B1 the campaign key; A2 `playbook`, B2 its name."""
ID_HEADER = "id"
"""The header of the hidden column holding each task's id, in the 进程表's header row."""
STATUS_HEADERS = ("状态", "Status")
"""The 状态 header in either language: `promoplan progress` finds the column by it."""

# Number formats: only codes every reader knows the same way (Excel, WPS, LibreOffice,
# SheetJS). Days are written as text instead (`10月30日 周三`, as words.day words them):
# no code shows a Chinese weekday in all of them. SheetJS has no locales (it shows `周aaa`
# for Excel's `aaa`, English names for `ddd`), and LibreOffice's zh-CN `ddd` is 三.
CLOCK_FORMAT = "hh:mm"


def labels_for(words: Words) -> dict[str, str]:
    """The workbook's own words (`xlsx.` in the catalog)."""
    return words.group("xlsx")
