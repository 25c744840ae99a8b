"""Words the writers put in front of people, in the plan's language.

The playbook's locale decides (zh-CN for the built-ins); `--lang` overrides.
Command messages are English and live with the commands, not here.
"""

from __future__ import annotations

from datetime import date, time

from promoplan.schedule.offsets import Shift
from promoplan.schedule.plan import PlanTask, When

ZH = {
    "seq": "序号", "section": "版块", "name": "事项", "owner": "负责", "role": "负责岗位",
    "people": "责任人", "start": "开始", "due": "完成", "start_full": "开始时间",
    "due_full": "预计完成时间", "phase": "阶段", "notes": "备注", "relative": "距今",
    "before": "活动前", "during": "活动中", "after": "活动后", "": "",
    "anchors": "时间节点", "warnings": "注意", "today": "今天", "in_days": "{n}天后",
    "days_ago": "{n}天前", "repeat": "每{step}一次，共{n}次", "tasks": "项",
    "agenda_overdue": "已到期（请确认完成）", "agenda_all_day": "全天", "agenda_morning": "上午",
    "agenda_afternoon": "下午", "agenda_evening": "晚上", "agenda_start": "开始",
    "agenda_due": "截止", "agenda_nothing": "没有事项",
    "day_off": "休", "d": "天", "wd": "个工作日", "w": "周", "mo": "个月", "h": "小时", "min": "分钟",
    "status": "状态", "status.done": "✓ 完成", "status.doing": "▶ 进行中", "status.blocked": "⚠ 受阻",
    "status.cancelled": "✗ 取消",
    "anchor.option": "选项", "anchor.label": "时间节点", "anchor.date": "日期", "anchor.source": "来源",
    "anchor.given": "命令行", "anchor.file": "文件", "anchor.default": "由 {expr} 推算",
    "anchor.placeholder": "未给出", "anchor.needs": "需要 --{name}",
    "diff.anchors": "时间节点", "diff.no_section": "（无版块）", "diff.none": "（无）",
    "diff.added": "新增", "diff.removed": "删除", "diff.changed": "变更",
    "diff.later": "推迟{span}", "diff.earlier": "提前{span}", "diff.timed": "改为定时",
    "diff.all_day": "改为全天", "diff.same": "没有变化",
    "diff.n_anchors": "{n}个时间节点", "diff.n_changed": "{n}项变更", "diff.n_added": "新增{n}项",
    "diff.n_removed": "删除{n}项", "diff.list": "、", "diff.old": "原", "diff.new": "新",
    "diff.shift": "变动", "diff.colon": "：", "diff.then": "；",
    "field.name": "事项", "field.section": "版块", "field.owner": "负责岗位", "field.start": "开始",
    "field.due": "完成", "field.at": "时间", "field.phase": "阶段", "field.notes": "备注",
    "field.people": "责任人", "field.date": "日期", "field.progress": "状态",
    "agenda_overdue_all": "已过期未完成", "paren": "（{text}）", "phase_count": "{phase}（{n}）",
}
EN = {
    "seq": "No.", "section": "Section", "name": "Task", "owner": "Owner", "role": "Owner role",
    "people": "People", "start": "Start", "due": "Due", "start_full": "Start",
    "due_full": "Due", "phase": "Phase", "notes": "Notes", "relative": "When",
    "before": "Before", "during": "During", "after": "After", "": "",
    "anchors": "Key dates", "warnings": "Warnings", "today": "today", "in_days": "in {n} days",
    "days_ago": "{n} days ago", "repeat": "every {step}, {n} times", "tasks": "tasks",
    "agenda_overdue": "Was due (check it is done)", "agenda_all_day": "All day",
    "agenda_morning": "Morning", "agenda_afternoon": "Afternoon", "agenda_evening": "Evening",
    "agenda_start": "starts", "agenda_due": "due", "agenda_nothing": "Nothing on this day",
    "day_off": "off", "d": "d", "wd": "wd", "w": "w", "mo": "mo", "h": "h", "min": "min",
    "status": "Status", "status.done": "✓ done", "status.doing": "▶ doing", "status.blocked": "⚠ blocked",
    "status.cancelled": "✗ cancelled",
    "anchor.option": "Option", "anchor.label": "Key date", "anchor.date": "Date", "anchor.source": "From",
    "anchor.given": "command line", "anchor.file": "file", "anchor.default": "default {expr}",
    "anchor.placeholder": "not given", "anchor.needs": "needs --{name}",
    "diff.anchors": "Key dates", "diff.no_section": "(no section)", "diff.none": "(none)",
    "diff.added": "added", "diff.removed": "removed", "diff.changed": "changed",
    "diff.later": "{span} later", "diff.earlier": "{span} earlier", "diff.timed": "now timed",
    "diff.all_day": "now all day", "diff.same": "no differences",
    "diff.n_anchors": "{n} anchor|{n} anchors", "diff.n_changed": "{n} task changed|{n} tasks changed",
    "diff.n_added": "{n} added", "diff.n_removed": "{n} removed", "diff.list": ", ",
    "diff.old": "old", "diff.new": "new", "diff.shift": "shift", "diff.colon": ": ",
    "diff.then": "; ",
    "field.name": "task", "field.section": "section", "field.owner": "owner", "field.start": "start",
    "field.due": "due", "field.at": "at", "field.phase": "phase", "field.notes": "notes",
    "field.people": "people", "field.date": "date", "field.progress": "status",
    "agenda_overdue_all": "Overdue, not done", "paren": " ({text})", "phase_count": "{phase} ({n})",
}
_WEEKDAYS = {"zh": "一二三四五六日", "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class Words:
    def __init__(self, lang: str) -> None:
        self.lang = "en" if lang.startswith("en") else "zh"
        self.table = EN if self.lang == "en" else ZH

    def __getitem__(self, key: str) -> str:
        return self.table[key]

    def count(self, key: str, n: int) -> str:
        """`{n}项变更` / `1 task changed`, `2 tasks changed`: en entries are `one|many`."""
        one, _, many = self.table[key].partition("|")
        return (many if many and n != 1 else one).format(n=n)

    def weekday(self, day: date) -> str:
        return f"周{_WEEKDAYS['zh'][day.weekday()]}" if self.lang == "zh" else _WEEKDAYS["en"][day.weekday()]

    def span(self, shifts: list[tuple[int, str]]) -> str:
        """`2天10小时` / `2d10h`: an amount of time in the plan's units."""
        return "".join(f"{n}{self[unit]}" for n, unit in shifts)

    def day(self, day: date, year: bool = False) -> str:
        """`10月30日 周三` / `Wed 30 Oct`: what people read at a glance."""
        if self.lang == "zh":
            head = f"{day.year}年" if year else ""
            return f"{head}{day.month}月{day.day}日 周{_WEEKDAYS['zh'][day.weekday()]}"
        tail = f" {day.year}" if year else ""
        return f"{_WEEKDAYS['en'][day.weekday()]} {day.day} {_MONTHS[day.month - 1]}{tail}"

    def when(self, when: When, year: bool = False) -> str:
        text = self.day(when.day, year)
        return f"{text} {when.clock:%H:%M}" if when.clock else text

    def clock(self, value: time) -> str:
        return f"{value:%H:%M}"

    def step(self, shifts: tuple[Shift, ...]) -> str:
        return "".join(f"{s.amount}{self[s.unit]}" for s in shifts)

    def repeat_note(self, task: PlanTask) -> str:
        return self["repeat"].format(step=self.step(task.every), n=len(task.occurrences))

    def relative(self, days: int) -> str:
        if days == 0:
            return self["today"]
        return self["in_days"].format(n=days) if days > 0 else self["days_ago"].format(n=-days)


def words_for(locale: str, lang: str | None) -> Words:
    return Words(lang or locale)
