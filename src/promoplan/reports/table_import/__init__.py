"""`promoplan import`: a team's own 进程表 (XLSX or CSV) as a playbook.

Teams already keep their schedule in Excel: 版块, 详细项目内容, 负责岗位, 开始时间,
预计完成时间, with times written as offsets (报名前20天, 开团当天15点) or as last
campaign's real dates. The import reads the file into a grid of cells (`cells`), finds
the header row by its words (`headers`), reads each row (`rows`), keeps offsets as the
team wrote them (checked against the offset language) and turns real dates into offsets
from the nearest anchor in the team's own words (`moments`, `tasks`), and renders the
playbook (`render`). Before anything is written, the rendered text is loaded and
compiled by promoplan itself: it must give back every date of the table.

Every cell that cannot be read is reported with its place (`table.xlsx:Sheet1!D12`),
all of them in one run. Only `cells` reads files; the rest is pure apart from the
round-trip check, which loads the text through the normal loader.

The command line and `promoplan progress` use what is exported here.
"""

from promoplan.reports.table_import.cells import HEADER_SEARCH_ROWS, Grid, open_workbook, read_grid
from promoplan.reports.table_import.headers import is_header, normalize_header
from promoplan.reports.table_import.moments import Anchor, campaign_anchors
from promoplan.reports.table_import.render import Options, render, round_trip
from promoplan.reports.table_import.rows import Table, clean_text, read_table, sniff_english
from promoplan.reports.table_import.tasks import TaskOut, convert, slug

__all__ = [
    "HEADER_SEARCH_ROWS", "Anchor", "Grid", "Options", "Table", "TaskOut", "campaign_anchors",
    "clean_text", "convert", "is_header", "normalize_header", "open_workbook", "read_grid",
    "read_table", "render", "round_trip", "slug", "sniff_english",
]
