"""Synthetic playbooks for the benchmark, and the equivalent TaskJuggler projects.

    .venv/bin/python bench/generate.py [--sizes 100,1000] [--out bench/out] [--check]

For each size N this writes
  bench/out/synth-N.yaml   a promoplan playbook of N tasks (anchors as in ju-huasuan)
  bench/out/synth-N.tjp    the same project for TaskJuggler 3 (sizes up to 10,000)
  bench/out/synth-N.expected.json   every task's start/due as promoplan should compute it

The offsets follow the mix of the built-in ju-huasuan playbook (day shifts from
报名/竞拍/排期/开团/结束 in Chinese and compact spellings, 当天, minutes, same-day
clock times, bare anchors, one repeating task in ~100) plus the forms the
design names that ju-huasuan does not use yet: working days and `after`
chains. The generator computes every date itself (a small model of the
offset rules, with the `holidays` library for working days), so the
TaskJuggler project is written with absolute gaps and checked against both
tools' outputs (`--check`, and the benchmark's correctness row).

TaskJuggler translation: each anchor is a milestone (signup has a fixed
start, the others `depends` on the anchor they derive from, with a
`gapduration`); a task that starts at or after an anchor `depends` on it with
a gap, a task that ends before one `precedes` it with a gap (TaskJuggler then
schedules it as late as possible), an `after` task depends on its predecessor
(onend or onstart with a gap), and a repeating task is a container whose
occurrences are milestones or short tasks. TaskJuggler's finest timing
resolution is 5 minutes, so times are rounded down to 5 minutes there
(开团前1分钟 09:59 → 09:55, 结束 23:59 → 23:55); spans are calendar time
(`duration`). Reports: a CSV task report and an iCalendar report.

Only the standard library and the project's own dependencies (holidays).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
SIGNUP = date(2024, 10, 14)
SIGNUP_ARG = SIGNUP.isoformat()
SEED = 20241014
TJ_MAX_SIZE = 10_000
TJ_RESOLUTION_MIN = 5

# name, label, aliases, time, default
ANCHORS: list[tuple[str, str, list[str], str | None, str | None]] = [
    ("signup", "报名", [], None, None),
    ("auction", "竞拍", [], None, "signup+7d"),
    ("schedule", "排期", [], None, "auction+4d"),
    ("open", "开团", ["团购开始"], "10:00", "schedule+7d"),
    ("end", "结束", ["团购结束", "活动结束"], None, "open@23:59"),
]
LABEL = {name: label for name, label, _, _, _ in ANCHORS}
SECTIONS = [("运营", "运营主管"), ("推广", "推广主管"), ("美工", "美工主管"),
            ("文案", "文案"), ("客服", "客服主管"), ("物流", "物流主管")]
NAMES = [
    "聚划算活动官方品类规划报名分析", "当季聚划算活动商品开发选择", "根据以往数据以及竞品数据确定报名价格",
    "关联商品确定", "聚划算搭配套餐完成", "聚划算排期及流量规律分析", "确认竞拍的费用标准幅度",
    "应急方案:预防停电、断网之类的突发事件", "开团前点击量及收藏量的实际与预估差距,是否需调整补救",
    "跟进聚划算流量、成交率,并确定是否启用预备方案", "跟进物流打单及打包情况,是否按计划执行",
    "活动后的评估,各项指标的完成率分析", "选款、测款方案及费用预计", "入口图测图", "商品检验",
    "聚划算商城活动推广计划", "改价格、改库存数量", "活动产品直通车计划", "流量不足时预备方案",
    "客服话术及快捷短语准备", "仓库备货及打包材料到位", "详情页文案定稿", "主图及钻展图设计",
]
NOTES = ["以ERP库存为准", "时间为按原表推断的配对，请核对", "与运营确认后执行", "需提前一天提醒"]

# Weights (per 1,000 tasks) of the offset kinds, after ju-huasuan's 152 tasks:
# mostly whole-day shifts written in Chinese, some compact, a few 当天, minute
# and clock-time items around 开团, bare anchors, one repeat per ~100 tasks; plus
# working days and `after` chains, which the design names and ju-huasuan lacks.
MIX = [("day_cn", 540), ("day_compact", 90), ("same_day", 60), ("minutes", 80), ("clock", 50),
       ("bare", 40), ("workday", 50), ("after", 80), ("repeat", 10)]

CN_NUM = {1: "一", 2: "两", 3: "三", 5: "五", 10: "十", 15: "十五", 20: "二十", 30: "三十"}


# ------------------------------------------------------------------ the date model

@dataclass(frozen=True)
class When:
    day: date
    clock: time | None = None

    @property
    def begin(self) -> datetime:
        return datetime.combine(self.day, self.clock or time(0))

    @property
    def end(self) -> datetime:
        return self.begin if self.clock else datetime.combine(self.day + timedelta(days=1), time(0))

    def iso(self) -> str:
        return f"{self.day.isoformat()}T{self.clock:%H:%M}" if self.clock else self.day.isoformat()


class Calendar:
    """China's working days, as promoplan counts them (the `holidays` library)."""

    def __init__(self) -> None:
        import holidays

        self.official = holidays.country_holidays("CN")
        self.cache: dict[date, bool] = {}

    def is_workday(self, day: date) -> bool:
        if day not in self.cache:
            self.cache[day] = bool(self.official.is_working_day(day))
        return self.cache[day]

    def add(self, day: date, n: int) -> date:
        step = timedelta(days=1 if n > 0 else -1)
        for _ in range(abs(n)):
            day += step
            while not self.is_workday(day):
                day += step
        return day


def anchor_values() -> dict[str, When]:
    signup = When(SIGNUP)
    auction = When(signup.day + timedelta(days=7))
    schedule = When(auction.day + timedelta(days=4))
    open_ = When(schedule.day + timedelta(days=7), time(10, 0))
    return {"signup": signup, "auction": auction, "schedule": schedule, "open": open_,
            "end": When(open_.day, time(23, 59))}


AV = anchor_values()


# ------------------------------------------------------------------ spellings

def _cn_count(n: int, rng: random.Random) -> str:
    return CN_NUM[n] if n in CN_NUM and rng.random() < 0.15 else str(n)


def day_offset(anchor: str, n: int, rng: random.Random, compact: bool) -> tuple[str, When]:
    when = When(AV[anchor].day + timedelta(days=n))
    if compact:
        return f"{anchor}{n:+d}d", when
    label = LABEL[anchor]
    if n == 0:
        return f"{label}当天", when
    if anchor == "auction" and n > 0 and rng.random() < 0.5:
        label += "完"  # 竞拍完后1天, as the seed sheet writes it
    if anchor == "end" and n > 0 and rng.random() < 0.5:
        label = "活动结束"
    return f"{label}{'前' if n < 0 else '后'}{_cn_count(abs(n), rng)}天", when


def minute_text(anchor: str, m: int, compact: bool) -> str:
    if compact:
        h, mm = divmod(abs(m), 60)
        body = (f"{h}h" if h else "") + (f"{mm}min" if mm else "") or "0min"
        return f"{anchor}{'-' if m < 0 else '+'}{body}"
    label, way = LABEL[anchor], "前" if m < 0 else "后"
    a = abs(m)
    if a == 30:
        return f"{label}{way}半小时"
    if a == 90:
        return f"{label}{way}1个半小时"
    if a % 60 == 0:
        return f"{label}{way}{a // 60}小时"
    if m > 0 and a == 25:
        return f"{label}25分钟"  # no 前/后 means after (开团25分钟)
    return f"{label}{way}{a}分钟"


def clock_text(anchor: str, k: int, clock: time, compact: bool) -> str:
    if compact:
        shift = f"{k:+d}d" if k else ""
        return f"{anchor}{shift}@{clock:%H:%M}"
    label = LABEL[anchor]
    when = f"{clock.hour}点" + ("" if clock.minute == 0 else "半" if clock.minute == 30
                                else f"{clock.minute}分")
    if k == 0:
        return f"{label}当天{when}"
    return f"{label}{'前' if k < 0 else '后'}{abs(k)}天{when}"


# ------------------------------------------------------------------ tasks

@dataclass
class Task:
    id: str
    name: str
    section: str
    owner: str
    fields: dict[str, str]                      # start/due/at/after/duration as written
    start: When
    due: When
    repeat: dict[str, str | int] | None = None
    occurrences: list[tuple[When, When]] = field(default_factory=list)
    ref_anchor: str | None = None               # the anchor the start counts from
    due_anchor: str | None = None
    after: str | None = None                    # predecessor task id
    notes: str | None = None


def _pick_anchor(rng: random.Random) -> str:
    return rng.choices(["signup", "auction", "schedule", "open", "end"], [45, 15, 6, 28, 6])[0]


def _day_span(rng: random.Random, compact: bool) -> tuple[dict[str, str], When, When, str, str]:
    a = _pick_anchor(rng)
    n = {"signup": rng.randint(-30, 0), "auction": rng.randint(-3, 8), "schedule": rng.randint(-20, 5),
         "open": rng.randint(-18, 5), "end": rng.randint(0, 7)}[a]
    length = rng.choice([0, 1, 1, 2, 2, 3, 5, 7, 10])
    b = a if rng.random() < 0.7 else _pick_anchor(rng)
    start_text, start = day_offset(a, n, rng, compact)
    due_day = start.day + timedelta(days=length)
    due_text, due = day_offset(b, (due_day - AV[b].day).days, rng, compact)
    return {"start": start_text, "due": due_text}, start, due, a, b


def make_task(i: int, kind: str, rng: random.Random, cal: Calendar, done: list[Task]) -> Task:
    section, owner = SECTIONS[i % len(SECTIONS)] if rng.random() < 0.5 else rng.choice(SECTIONS)
    name = f"{rng.choice(NAMES)}（{i + 1}）"
    tid = f"t{i + 1:06d}"
    task = Task(tid, name, section, owner, {}, AV["signup"], AV["signup"])
    compact = kind == "day_compact" or rng.random() < 0.12
    if kind in ("day_cn", "day_compact"):
        task.fields, task.start, task.due, task.ref_anchor, task.due_anchor = _day_span(rng, compact)
    elif kind == "same_day":
        a = _pick_anchor(rng)
        text, when = day_offset(a, 0, rng, compact)
        if rng.random() < 0.5:
            task.fields = {"at": text}
            task.start = task.due = when
        else:
            due_text, due = day_offset(a, rng.randint(1, 3), rng, compact)
            task.fields, task.start, task.due = {"start": text, "due": due_text}, when, due
        task.ref_anchor = task.due_anchor = a
    elif kind == "minutes":
        a = "open" if rng.random() < 0.85 else "end"
        m1 = rng.choice([-60, -30, -3, -1, 15, 25, 25, 50, 90] if a == "open" else [-60, -30, 1, 30])
        m2 = m1 + rng.choice([0, 0, 2, 5, 30, 60])
        base = AV[a].begin
        s = base + timedelta(minutes=m1)
        d = base + timedelta(minutes=m2)
        start, due = When(s.date(), s.time()), When(d.date(), d.time())
        if m1 == m2:
            task.fields = {"at": minute_text(a, m1, compact)}
        else:
            task.fields = {"start": minute_text(a, m1, compact), "due": minute_text(a, m2, compact)}
        task.start, task.due, task.ref_anchor, task.due_anchor = start, due, a, a
    elif kind == "clock":
        a = rng.choice(["open", "open", "open", "signup", "auction"])
        k = rng.choice([0, 0, 0, -1, 1])
        c1 = rng.choice([time(8), time(9), time(15), time(16, 30), time(18)])
        start = When(AV[a].day + timedelta(days=k), c1)
        if rng.random() < 0.5:
            task.fields = {"at": clock_text(a, k, c1, compact)}
            due = start
        else:
            c2 = time(min(c1.hour + rng.choice([1, 2]), 23), c1.minute)
            due = When(start.day, c2)
            task.fields = {"start": clock_text(a, k, c1, compact), "due": clock_text(a, k, c2, compact)}
        task.start, task.due, task.ref_anchor, task.due_anchor = start, due, a, a
    elif kind == "bare":
        pair = rng.choice([("open", "end"), ("open", None), ("end", None), ("signup", None)])
        if pair[1] is None:
            task.fields = {"at": pair[0]}
            task.start = task.due = AV[pair[0]]
        else:
            task.fields = {"start": pair[0], "due": pair[1]}
            task.start, task.due = AV[pair[0]], AV[pair[1]]
        task.ref_anchor, task.due_anchor = pair[0], pair[1] or pair[0]
    elif kind == "workday":
        a = rng.choice(["signup", "signup", "auction", "open"])
        n1 = -rng.randint(2, 15) if a != "auction" else rng.randint(1, 5)
        n2 = n1 + rng.randint(1, 5)
        start = When(cal.add(AV[a].day, n1))
        due = When(cal.add(AV[a].day, n2)) if n2 else When(AV[a].day)

        def wd(n: int) -> str:
            if compact:
                return f"{a}{n:+d}wd"
            return f"{LABEL[a]}{'前' if n < 0 else '后'}{abs(n)}个工作日" if n else f"{LABEL[a]}当天"

        task.fields = {"start": wd(n1), "due": wd(n2) if n2 else f"{LABEL[a]}当天"}
        task.start, task.due, task.ref_anchor, task.due_anchor = start, due, a, a
    elif kind == "after":
        # A predecessor among the last few tasks (an `after` one half the time: chains).
        pool = [t for t in done[-12:] if t.repeat is None]
        chained = [t for t in pool if t.after is not None]
        x = rng.choice(chained) if chained and rng.random() < 0.5 else rng.choice(pool)
        task.after = x.id
        if rng.random() < 0.6:
            n = rng.choice([1, 2, 3, 5])
            task.fields = {"after": x.id, "duration": rng.choice([f"{n}d", f"{n}天"])}
            task.start = x.due
            task.due = When(x.due.day + timedelta(days=n), x.due.clock)
        else:
            k = rng.choice([0, 1, 1, 2])
            n = k + rng.choice([0, 1, 3])
            task.fields = {"start": f"task:{x.id}.due+{k}d", "due": f"task:{x.id}.due+{n}d"}
            task.start = When(x.due.day + timedelta(days=k))
            task.due = When(x.due.day + timedelta(days=n))
    elif kind == "repeat":
        if rng.random() < 0.7:  # every half hour from 开团25分钟 to the end of the day (28 times)
            task.fields = {"at": "开团后25分钟" if not compact else "open+25min"}
            task.repeat = {"every": "30min", "until": "end"}
            first = AV["open"].begin + timedelta(minutes=25)
            t = first
            while t <= AV["end"].begin:
                task.occurrences.append((When(t.date(), t.time()),) * 2)
                t += timedelta(minutes=30)
            task.ref_anchor = task.due_anchor = "open"
        else:  # a daily check for three days after the group opens
            task.fields = {"at": "开团后1天"}
            task.repeat = {"every": "1d", "count": 3}
            for k in range(3):
                w = When(AV["open"].day + timedelta(days=1 + k))
                task.occurrences.append((w, w))
            task.ref_anchor = task.due_anchor = "open"
        task.start, task.due = task.occurrences[0][0], task.occurrences[-1][1]
    else:
        raise AssertionError(kind)
    if rng.random() < 0.15:
        task.notes = rng.choice(NOTES)
    return task


def tasks_for(size: int, seed: int = SEED) -> list[Task]:
    rng = random.Random(seed + size)
    cal = Calendar()
    kinds, weights = zip(*MIX, strict=True)
    done: list[Task] = []
    for i in range(size):
        kind = rng.choices(kinds, weights)[0]
        if kind == "after" and not any(t.repeat is None for t in done[-12:]):
            kind = "day_cn"
        done.append(make_task(i, kind, rng, cal, done))
    return done


# ------------------------------------------------------------------ promoplan YAML

def _scalar(text: str) -> str:
    """A YAML scalar: plain when safe (most Chinese offsets), else double-quoted JSON."""
    if text and all(ch not in text for ch in ":#@{}[],&*!|>'\"%`") and text[0] not in "-?+ " \
            and text.strip() == text and not text.replace(".", "").isdigit():
        return text
    return json.dumps(text, ensure_ascii=False)


def playbook_yaml(size: int, tasks: list[Task]) -> str:
    out = [
        f"# Synthetic benchmark playbook: {size:,} tasks (bench/generate.py; do not edit).",
        f"name: synth-{size}",
        f"title: 基准测试进程表 {size}",
        "locale: zh-CN",
        "timezone: Asia/Shanghai",
        "calendar: {country: CN, holidays: [], workdays: []}",
        "event: {start: open, end: end}",
        "anchors:",
    ]
    for name, label, aliases, clock, default in ANCHORS:
        parts = [f"label: {label}"]
        if aliases:
            parts.append(f"aliases: [{', '.join(aliases)}]")
        if clock:
            parts.append(f'time: "{clock}"')
        if default:
            parts.append(f"default: {_scalar(default)}")
        out.append(f"  {name}: {{{', '.join(parts)}}}")
    out.append(f"sections: [{', '.join(s for s, _ in SECTIONS)}]")
    out.append(f"roles: [{', '.join(r for _, r in SECTIONS)}]")
    out.append("tasks:")
    for t in tasks:
        out.append(f"  - id: {t.id}")
        out.append(f"    name: {_scalar(t.name)}")
        out.append(f"    section: {t.section}")
        out.append(f"    owner: {t.owner}")
        for key, value in t.fields.items():
            out.append(f"    {key}: {_scalar(value)}")
        if t.repeat:
            inner = ", ".join(f"{k}: {_scalar(str(v)) if isinstance(v, str) else v}"
                              for k, v in t.repeat.items())
            out.append(f"    repeat: {{{inner}}}")
        if t.notes:
            out.append(f"    notes: {_scalar(t.notes)}")
    return "\n".join(out) + "\n"


def expected(tasks: list[Task]) -> dict[str, list[str]]:
    """What promoplan's JSON should say: id → [start, due] (first and last occurrence for repeats)."""
    return {t.id: [t.start.iso(), t.due.iso()] for t in tasks}


# ------------------------------------------------------------------ TaskJuggler

def _floor(dt: datetime) -> datetime:
    return dt - timedelta(minutes=dt.minute % TJ_RESOLUTION_MIN, seconds=dt.second)


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds()) // 60


def _tj_date(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d-%H:%M")


def _tj_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _gap(minutes: int) -> str:
    return f" {{ gapduration {minutes}min }}" if minutes else ""


ANCHOR_TJ = {name: f"a_{name}" for name, *_ in ANCHORS}


def _anchor_moments() -> dict[str, datetime]:
    return {name: _floor(AV[name].begin) for name in AV}


def _span_lines(s: datetime, e: datetime, ref_anchor: str | None, due_anchor: str | None,
                pred: tuple[str, datetime, datetime] | None) -> list[str]:
    """How one span (start s, exclusive end e; both on the 5-min grid) is pinned in TaskJuggler."""
    moments = _anchor_moments()
    lines: list[str] = []
    if pred is not None:
        pid, ps, pe = pred
        if s >= pe:
            lines.append(f"depends {pid}{_gap(_minutes(s - pe))}")
        elif s >= ps:
            lines.append(f"depends {pid} {{ onstart{' gapduration ' + str(_minutes(s - ps)) + 'min' if s > ps else ''} }}")
    if not lines:
        # Count from the anchor the start was written against, if the start is not before it;
        # else the latest anchor at or before the start; else end before the earliest later anchor.
        before = [a for a in moments if moments[a] <= s]
        if ref_anchor is not None and moments[ref_anchor] <= s:
            a = ref_anchor
        elif before:
            a = max(before, key=lambda name: moments[name])
        else:
            a = None
        if a is not None:
            lines.append(f"depends {ANCHOR_TJ[a]}{_gap(_minutes(s - moments[a]))}")
        else:
            later = [x for x in moments if moments[x] >= e]
            b = due_anchor if due_anchor is not None and moments[due_anchor] >= e else \
                (min(later, key=lambda name: moments[name]) if later else None)
            if b is not None:
                lines.append(f"precedes {ANCHOR_TJ[b]}{_gap(_minutes(moments[b] - e))}")
            else:
                lines.append(f"start {_tj_date(s)}")
    lines.append("milestone" if e <= s else f"duration {_minutes(e - s)}min")
    return lines


def tj_project(size: int, tasks: list[Task]) -> str:
    moments = _anchor_moments()
    spans = {t.id: (_floor(t.start.begin), _floor(t.due.end)) for t in tasks}
    first = min([s for s, _ in spans.values()] + list(moments.values())).date() - timedelta(days=14)
    last = max([e for _, e in spans.values()] + list(moments.values())).date() + timedelta(days=14)
    out = [
        f"# Synthetic benchmark project: {size:,} tasks, the TaskJuggler twin of synth-{size}.yaml",
        "# (bench/generate.py; do not edit).",
        f'project synth{size} "基准测试进程表 {size}" {first.isoformat()} - {last.isoformat()} {{',
        f"  timingresolution {TJ_RESOLUTION_MIN}min",
        '  timezone "Asia/Shanghai"',
        f"  now {first.isoformat()}",
        "}",
        "",
        "# Anchors: milestones; each derived one depends on the anchor it counts from.",
        f'task a_signup "报名" {{ start {_tj_date(moments["signup"])} milestone }}',
    ]
    for name, label, _, _, default in ANCHORS[1:]:
        base = default.split("+")[0].split("@")[0] if default else "signup"
        gap = _minutes(moments[name] - moments[base])
        out.append(f'task {ANCHOR_TJ[name]} {_tj_str(label)} {{ depends {ANCHOR_TJ[base]}{_gap(gap)} milestone }}')
    out.append("")
    by_id = {t.id: t for t in tasks}
    for t in tasks:
        s, e = spans[t.id]
        if t.repeat:
            out.append(f"task {t.id} {_tj_str(t.name)} {{")
            for k, (os_, od) in enumerate(t.occurrences, 1):
                body = "  ".join(_span_lines(_floor(os_.begin), _floor(od.end), t.ref_anchor, t.due_anchor, None))
                out.append(f'  task o{k} "{k}" {{ {body} }}')
            out.append("}")
            continue
        pred = None
        if t.after is not None:
            ps, pe = spans[t.after]
            pred = (t.after, ps, pe)
            assert by_id[t.after].repeat is None
        body = "  ".join(_span_lines(s, e, t.ref_anchor, t.due_anchor, pred))
        out.append(f"task {t.id} {_tj_str(t.name)} {{ {body} }}")
    out += [
        "",
        f'taskreport "synth-{size}-tasks" {{',
        "  formats csv",
        "  columns id, name, start, end",
        '  timeformat "%Y-%m-%dT%H:%M"',
        "}",
        f'icalreport "synth-{size}-cal" {{ }}',
    ]
    return "\n".join(out) + "\n"


def tj_expected(tasks: list[Task]) -> dict[str, list[str]]:
    """What TaskJuggler's CSV should say (5-minute grid): id → [start, end]."""
    fmt = "%Y-%m-%dT%H:%M"
    out = {}
    for t in tasks:
        out[t.id] = [_floor(t.start.begin).strftime(fmt), _floor(t.due.end).strftime(fmt)]
    return out


# ------------------------------------------------------------------ files

def _fingerprint() -> str:
    return hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:12]


def generate(size: int, out: Path = OUT, *, tj: bool | None = None, force: bool = False) -> dict[str, Path]:
    """Write the files for one size (skipped when already written by this same generator)."""
    out.mkdir(parents=True, exist_ok=True)
    tj = size <= TJ_MAX_SIZE if tj is None else tj
    paths = {"yaml": out / f"synth-{size}.yaml", "expected": out / f"synth-{size}.expected.json"}
    if tj:
        paths["tjp"] = out / f"synth-{size}.tjp"
        paths["tj_expected"] = out / f"synth-{size}.tj-expected.json"
    stamp = out / f"synth-{size}.stamp"
    if not force and stamp.exists() and stamp.read_text() == _fingerprint() \
            and all(p.exists() for p in paths.values()):
        return paths
    tasks = tasks_for(size)
    paths["yaml"].write_text(playbook_yaml(size, tasks), encoding="utf-8")
    paths["expected"].write_text(json.dumps(expected(tasks), ensure_ascii=False), encoding="utf-8")
    if tj:
        paths["tjp"].write_text(tj_project(size, tasks), encoding="utf-8")
        paths["tj_expected"].write_text(json.dumps(tj_expected(tasks)), encoding="utf-8")
    stamp.write_text(_fingerprint())
    return paths


def check_promoplan(json_path: Path, expected_path: Path) -> tuple[int, int, list[str]]:
    """(tasks checked, mismatches, first few mismatches) between promoplan's JSON and the model."""
    got = {t["id"]: [t["start"], t["due"]] for t in json.loads(json_path.read_text("utf-8"))["tasks"]}
    want = json.loads(expected_path.read_text("utf-8"))
    bad = [f"{tid}: promoplan {got.get(tid)} expected {v}" for tid, v in want.items() if got.get(tid) != v]
    return len(want), len(bad), bad[:5]


def check_tj(csv_path: Path, expected_path: Path) -> tuple[int, int, list[str]]:
    """The same for TaskJuggler's CSV report (5-minute grid)."""
    import csv

    with csv_path.open(encoding="utf-8") as fh:
        rows = {r["Id"]: [r["Start"], r["End"]] for r in csv.DictReader(fh, delimiter=";")}
    want = json.loads(expected_path.read_text("utf-8"))
    bad = [f"{tid}: tj3 {rows.get(tid)} expected {v}" for tid, v in want.items() if rows.get(tid) != v]
    return len(want), len(bad), bad[:5]


def mix_report(size: int) -> dict[str, int]:
    """How many tasks of each offset kind a size has (for the README and results)."""
    tasks = tasks_for(size)
    counts: dict[str, int] = {}
    for t in tasks:
        keys = set(t.fields)
        if t.repeat:
            kind = "repeat"
        elif t.after is not None:
            kind = "after/task:"
        elif any("wd" in v or "工作日" in v for v in t.fields.values()):
            kind = "workday"
        elif any(("@" in v or "点" in v) for v in t.fields.values()):
            kind = "clock"
        elif any(("min" in v or "分" in v or "小时" in v or v.endswith("h")) for v in t.fields.values()):
            kind = "minute"
        elif keys and all(v in AV for v in t.fields.values()):
            kind = "bare anchor"
        else:
            kind = "day"
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,10000,100000")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--force", action="store_true", help="rewrite even when up to date")
    ap.add_argument("--mix", action="store_true", help="print the offset mix of each size")
    args = ap.parse_args(argv)
    for size in [int(s) for s in args.sizes.split(",") if s]:
        paths = generate(size, args.out, force=args.force)
        print(f"{size:>7,} tasks: " + ", ".join(str(p) for p in paths.values()))
        if args.mix:
            print("         mix:", mix_report(size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
