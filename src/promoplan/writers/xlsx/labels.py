"""The workbook's names and number formats: what `promoplan progress` reads back (the
hidden sheet, the id and 状态 headers) beside the formats the writer prints days in. The
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

# Excel number formats. The [$-804] / [$-409] locale prefix makes Excel, WPS and
# LibreOffice print the weekday in the sheet's language whatever the phone's locale
# is (without it LibreOffice reads `aaa` in an English locale as literal text).
DAY_FORMAT = {"zh": '[$-804]m"月"d"日" "周"aaa', "en": "[$-409]ddd d mmm"}
DAY_FORMAT_YEAR = {"zh": '[$-804]yyyy"年"m"月"d"日" "周"aaa', "en": "[$-409]ddd d mmm yyyy"}
CLOCK_FORMAT = "hh:mm"


def labels_for(words: Words) -> dict[str, str]:
    """The workbook's own words (`xlsx.` in the catalog)."""
    return words.group("xlsx")
