"""The words and number formats the sheets print, in the plan's language (zh or en).

Kept apart from the sheets so a wording change is one place, and so what `promoplan
progress` reads back (the 状态 words, the hidden sheet, the id header) is defined
beside what the writer prints.
"""

from __future__ import annotations

from promoplan.words import Words

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "sheet_plan": "进程表", "sheet_gantt": "甘特图", "sheet_hours": "甘特图（小时）",
        "sheet_nodes": "时间节点",
        "seq": "序号", "section": "版块/\n部门", "name": "详细项目内容", "start": "开始时间",
        "due": "预计完成时间", "role": "负责岗位", "people": "责任人", "status": "状态",
        "notes": "备注", "phase": "阶段", "no_phase": "未分阶段", "brand": "品牌：{brand}",
        "campaign": "活动编号 {key}",
        "count": "{label}（{n}项）", "band": "共{n}项", "given": "按 {dates} 生成",
        "derived": "其余日期按剧本推算",
        "event": "活动期 {start} 至 {end}", "span": "计划期 {first} 至 {last}，共{n}项",
        "owner_people": "责任人：{people}", "owner_none": "责任人：（未指定）",
        "gantt_title": "甘特图 · {title}", "hours_title": "甘特图（每格半小时） · {title}",
        "gantt_legend": "灰色：休息日（周末、节假日）　条纹：任务跨休息日　红色：时间节点",
        "weeks_legend": "每格一周（周一至周日）　红色：时间节点",
        "hours_legend": "每格半小时　红色：时间节点",
        "month": "{y}年{m}月", "month_short": "{m}月", "weekdays": "一二三四五六日",
        "hour_day": "{m}月{d}日 周{w}",
        "nodes_title": "时间节点 · {title}", "day": "日期", "clock": "时间", "node": "节点",
        "what": "事项", "within": "当天：{names}", "starts": "开始：{names}", "dues": "截止：{names}",
        "more": "等{n}项",
        "list_sep": "、", "part_sep": "；", "warnings": "注意", "sep": " · ",
        "more_notices": "另有{n}条注意事项，见「时间节点」表。",
        "progress": "进度", "not_started": "未开始", "total": "合计",
        "footer": "第 &P 页，共 &N 页",
    },
    "en": {
        "sheet_plan": "Schedule", "sheet_gantt": "Gantt", "sheet_hours": "Gantt (hours)",
        "sheet_nodes": "Key dates",
        "seq": "No.", "section": "Section", "name": "Task", "start": "Start", "due": "Due",
        "role": "Owner role", "people": "People", "status": "Status", "notes": "Notes",
        "phase": "Phase", "no_phase": "No phase", "brand": "Brand: {brand}",
        "campaign": "Campaign {key}", "count": "{label} ({n})",
        "band": "{n} tasks",
        "given": "Generated for {dates}", "derived": "other dates derived by the playbook",
        "event": "Event {start} to {end}", "span": "Plan runs {first} to {last}, {n} tasks",
        "owner_people": "People: {people}", "owner_none": "People: (not assigned)",
        "gantt_title": "Gantt · {title}", "hours_title": "Gantt by half hour · {title}",
        "gantt_legend": "Grey: days off (weekends, holidays)   Striped: a task over a day off   "
                        "Red: key dates",
        "weeks_legend": "One column a week (Monday to Sunday)   Red: key dates",
        "hours_legend": "One column every half hour   Red: key dates",
        "month": "{mon} {y}", "month_short": "{mon}", "weekdays": "MTWTFSS",
        "hour_day": "{wd} {d} {mon}",
        "nodes_title": "Key dates · {title}", "day": "Date", "clock": "Time", "node": "Key date",
        "what": "What happens", "within": "That day: {names}", "starts": "Starts: {names}",
        "dues": "Due: {names}",
        "more": "and {n} more", "list_sep": ", ", "part_sep": "; ", "warnings": "Warnings",
        "more_notices": "{n} more warnings: see the Key dates sheet.",
        "sep": " · ", "progress": "Progress", "not_started": "not started", "total": "Total",
        "footer": "Page &P of &N",
    },
}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
WEEKDAYS_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

STATUS_WORDS: dict[str, dict[str, str]] = {
    "zh": {"done": "完成", "doing": "进行中", "blocked": "受阻", "cancelled": "取消"},
    "en": {"done": "done", "doing": "doing", "blocked": "blocked", "cancelled": "cancelled"},
}
"""plan.STATUSES as the 状态 column shows them; `promoplan progress` reads these words back."""

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
    return LABELS[words.lang]
