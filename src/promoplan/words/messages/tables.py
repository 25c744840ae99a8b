"""Messages of the tables stage: errors, their fixes and status lines (see messages/__init__.py).

What `promoplan import` says about a team's own table, and the comments it writes into the
playbook it makes. A cell is named as Excel names it (Sheet1!D12); a value the team wrote
is quoted 「」 in Chinese, '' in English.
"""

from __future__ import annotations

_DATE_FIX_ZH = "日期写成 2024-10-14、2024/10/14 10:00 或 10月14日，或写相对时间，如 开团前3天"
_DATE_FIX_EN = "write a date as 2024-10-14, 2024/10/14 10:00 or 10月14日, or an offset such as 开团前3天"

ZH: dict[str, str] = {
    # Reading the file
    "tables.csv-no-sheets": "--sheet {sheet}：CSV 文件没有工作表",
    "tables.old-xls": "无法读取旧的 .xls 格式",
    "tables.old-xls-fix": "用 Excel 或 WPS 打开，另存为 .xlsx 或 .csv",
    "tables.not-a-table": "不是 promoplan 能读的表格",
    "tables.not-a-table-fix": "请给出 .xlsx 或 .csv 文件",
    "tables.cannot-open": "无法读取 {file}：{reason}",
    "tables.not-text": "既不是 UTF-8 也不是 GB18030 文本（第 {offset} 字节为 {byte}）",
    "tables.not-text-fix": "在 Excel 中另存为「CSV UTF-8」",
    "tables.save-as-xlsx": "用 Excel 或 WPS 打开，另存为 .xlsx",
    "tables.no-such-sheet": "--sheet {sheet}：{file} 中没有这个工作表",
    "tables.sheets": "工作表有：{names}",
    # The header and the rows
    "tables.empty-sheet": "工作表是空的",
    "tables.empty-sheet-fix": "用 --sheet 指定放进程表的工作表",
    "tables.no-header": "前 {rows} 行中找不到表头",
    "tables.no-header-fix": "表头要有一列写事项（如 事项、工作内容、详细项目内容），一列写时间（如 日期、"
                            "开始时间、截止时间、预计完成时间）",
    "tables.second-header": "第二个表头行；第一个在第{first}行",
    "tables.second-header-fix": "只保留一行表头：删掉这一行，或把两行合成一行",
    "tables.no-task-rows": "表头下面没有任务行",
    "tables.no-task-rows-fix": "在表头下每行写一项任务",
    "tables.no-name": "这一行没有事项名称",
    "tables.no-name-fix": "写上要做的事，或删掉这一行",
    "tables.no-time": "「{name}」没有开始或完成时间",
    "tables.no-time-fix": "写一个相对时间，如 报名前20天，或写日期",
    # Times in cells
    "tables.date-fix": _DATE_FIX_ZH,
    "tables.vague": "「{text}」不是日期：请填写日期或相对时间",
    "tables.vague-fix": "如 10月14日、2024-10-14 或 开团前3天",
    "tables.vague-yearly-fix": "年度工作不随活动推算：写一个相对时间占位，如 报名前30天，再按年度计划调整",
    "tables.clock-without-day": "只有时刻（{clock}），没有日期",
    "tables.clock-without-day-fix": "把日期也写上，或写相对时间，如 开团当天15点",
    "tables.not-a-clock": "「{text}」不是时刻",
    "tables.clock-fix": "时刻写成 20:00、20点 或 晚上8点",
    "tables.not-a-time": "「{text}」不是时间",
    "tables.not-a-date-number": "数字 {number} 不是日期",
    "tables.two-days": "数字 {number} 可能是{month}月{short}日，也可能是{month}月{long}日：Excel 会去掉 "
                       "{month}.{long} 末尾的 0",
    "tables.two-days-fix": "把单元格写成文本，如 {month}月{short}日，或设成日期格式",
    "tables.no-such-date": "没有「{text}」这个日期",
    "tables.no-such-clock": "「{text}」中的时刻 {clock} 不存在",
    "tables.no-such-clock-fix": "小时 0-23，分钟 0-59",
    "tables.after-date": "看不懂「{text}」：日期后面的「{rest}」不是时刻",
    "tables.no-date-near-anchors": "节点前后一年内没有{month}月{day}日这一天",
    "tables.cannot-read": "看不懂「{text}」：{reason}",
    # Anchors
    "tables.anchor-name": "节点名「{name}」要用英文单词（字母、数字、_）",
    "tables.anchor-name-fix": "用英文命名，再给出团队的叫法：--label open={name}",
    "tables.label-no-anchor": "--label {name}={word}：{playbook} 没有节点「{name}」",
    "tables.date-needs-anchors": "「{text}」是日期：要换成相对时间，需要这张表当时所用活动的节点日期",
    "tables.dates-many": "{n}个单元格写的是日期（{cells}等）：要换成相对时间，"
                         "需要这张表当时所用活动的节点日期",
    "tables.dates-need-anchors-fix": "给出这张表当时的日期，如 --playbook ju-huasuan --signup 2024-10-14，"
                                     "或 --anchor open=2024-11-01 --label open=开团",
    "tables.no-anchors-named": "「{text}」是相对时间，但还没有给出节点",
    "tables.offsets-many": "{n}个单元格写的是相对时间（{cells}等），但还没有给出节点",
    "tables.name-the-anchors": "用 --playbook ju-huasuan 给出节点，或每个节点一个 --label，"
                               "如 --label open=开团",
    # The command line
    "tables.option-needs-date": "{option} 后面要写日期",
    "tables.option-needs-date-fix": "写成 {option} YYYY-MM-DD",
    "tables.no-playbook-name": "无法从「{stem}」得出进程模板名",
    "tables.no-playbook-name-fix": "用 --name 指定，如 --name ju-huasuan-2024",
    "tables.output-exists": "{file} 已存在",
    "tables.output-exists-fix": "加 --force 覆盖它，或用 -o 换一个文件名",
    "tables.wrote": "已写入 {file}：{count}，来自 {table}{sheet}",
    "tables.wrote-sheet": "（{sheet}）",
    "tables.tasks": "{n}项任务",
    # The round trip
    "tables.round-trip-compile": "回读检查：导入的进程模板无法编译：{reason}",
    "tables.round-trip-missing": "回读检查：第{row}行的任务不见了",
    "tables.round-trip-field": "回读检查：第{row}行的 {key} 读回来是「{got}」，不是「{want}」",
    "tables.round-trip-offset": "回读检查：{key} 读回来是「{got}」，不是「{want}」",
    "tables.round-trip-date": "回读检查：{key}「{offset}」算出来是 {got}，表里是 {want}",
    # Comments in the playbook written
    "tables.yaml-imported": "由 promoplan 导入自 {file}{sheet}，表头在第{row}行。",
    "tables.yaml-compile": "编译：{command}",
    "tables.yaml-row": "第{row}行",
}

EN: dict[str, str] = {
    # Reading the file
    "tables.csv-no-sheets": "--sheet {sheet}: a CSV file has no sheets",
    "tables.old-xls": "the old .xls format cannot be read",
    "tables.old-xls-fix": "open it in Excel or WPS and save it as .xlsx or .csv",
    "tables.not-a-table": "not a table promoplan can read",
    "tables.not-a-table-fix": "give an .xlsx or .csv file",
    "tables.cannot-open": "cannot read {file}: {reason}",
    "tables.not-text": "neither UTF-8 nor GB18030 text (byte {byte} at offset {offset})",
    "tables.not-text-fix": "save the table as CSV UTF-8 from Excel",
    "tables.save-as-xlsx": "open it in Excel or WPS and save it as .xlsx",
    "tables.no-such-sheet": "--sheet {sheet}: {file} has no such sheet",
    "tables.sheets": "sheets: {names}",
    # The header and the rows
    "tables.empty-sheet": "the sheet is empty",
    "tables.empty-sheet-fix": "pick the sheet with the schedule with --sheet",
    "tables.no-header": "no header row in the first {rows} rows",
    "tables.no-header-fix": "one row must name the task column, as task, item or 事项, and a time column, "
                            "as date, start, due or 开始时间",
    "tables.second-header": "a second header row; the first is row {first}",
    "tables.second-header-fix": "keep one header row: delete this one, or merge the two into one row",
    "tables.no-task-rows": "no task rows below the header",
    "tables.no-task-rows-fix": "write one task per row under the header",
    "tables.no-name": "a row without a task name",
    "tables.no-name-fix": "write what has to be done here, or delete the row",
    "tables.no-time": "'{name}' has no start or due time",
    "tables.no-time-fix": "write an offset such as open-3d or 报名前20天, or a date",
    # Times in cells
    "tables.date-fix": _DATE_FIX_EN,
    "tables.vague": "'{text}' is not a date: write a date or an offset",
    "tables.vague-fix": "such as 2024-10-14, 10月14日, open-3d or 开团前3天",
    "tables.vague-yearly-fix": "yearly work does not move with the campaign: write an offset to hold its "
                               "place, such as signup-30d, and adjust it to the yearly plan",
    "tables.clock-without-day": "a time of day ({clock}) with no date",
    "tables.clock-without-day-fix": "write the date too, or an offset such as open@15:00",
    "tables.not-a-clock": "'{text}' is not a time of day",
    "tables.clock-fix": "write it as 20:00, 20点 or 晚上8点",
    "tables.not-a-time": "'{text}' is not a time",
    "tables.not-a-date-number": "the number {number} is not a date",
    "tables.two-days": "the number {number} may mean {month}月{short}日 or {month}月{long}日: Excel drops "
                       "the last zero of {month}.{long}",
    "tables.two-days-fix": "write the cell as text, such as {month}月{short}日, or as a date",
    "tables.no-such-date": "no such date '{text}'",
    "tables.no-such-clock": "no such time of day {clock} in '{text}'",
    "tables.no-such-clock-fix": "hours 0-23, minutes 0-59",
    "tables.after-date": "cannot read '{text}': '{rest}' after the date is no time of day",
    "tables.no-date-near-anchors": "no day {month}月{day}日 within a year of the anchors",
    "tables.cannot-read": "cannot read '{text}': {reason}",
    # Anchors
    "tables.anchor-name": "anchor name '{name}' must be a plain word (letters, digits, _)",
    "tables.anchor-name-fix": "name it in English and give the word: --label open={name}",
    "tables.label-no-anchor": "--label {name}={word}: {playbook} has no anchor '{name}'",
    "tables.date-needs-anchors": "'{text}' is a date: the dates of the campaign the table was made for "
                                 "are needed to turn it into an offset",
    "tables.dates-many": "{n} cells hold dates ({cells} …): the dates of the campaign the table was made "
                         "for are needed to turn them into offsets",
    "tables.dates-need-anchors-fix": "give the dates this table was made for, e.g. --playbook ju-huasuan "
                                     "--signup 2024-10-14, or --anchor open=2024-11-01 --label open=开团",
    "tables.no-anchors-named": "'{text}' is an offset, but no anchors are named",
    "tables.offsets-many": "{n} cells hold offsets ({cells} …), but no anchors are named",
    "tables.name-the-anchors": "name the anchors with --playbook ju-huasuan, or with one --label per "
                               "anchor, such as --label open=开团",
    # The command line
    "tables.option-needs-date": "{option} needs a date",
    "tables.option-needs-date-fix": "write {option} YYYY-MM-DD",
    "tables.no-playbook-name": "cannot make a playbook name from '{stem}'",
    "tables.no-playbook-name-fix": "give one with --name, e.g. --name ju-huasuan-2024",
    "tables.output-exists": "{file} already exists",
    "tables.output-exists-fix": "pass --force to overwrite it, or give another name with -o",
    "tables.wrote": "wrote {file}: {count} from {table}{sheet}",
    "tables.wrote-sheet": " ({sheet})",
    "tables.tasks": "{n} task|{n} tasks",
    # The round trip
    "tables.round-trip-compile": "round trip: the imported playbook does not compile: {reason}",
    "tables.round-trip-missing": "round trip: task of row {row} is missing",
    "tables.round-trip-field": "round trip: row {row} › {key} reads back as '{got}', not '{want}'",
    "tables.round-trip-offset": "round trip: {key} reads back as '{got}', not '{want}'",
    "tables.round-trip-date": "round trip: {key} '{offset}' compiles to {got}, the table says {want}",
    # Comments in the playbook written
    "tables.yaml-imported": "Imported by promoplan from {file}{sheet}, header on row {row}.",
    "tables.yaml-compile": "Compile: {command}",
    "tables.yaml-row": "row {row}",
}
