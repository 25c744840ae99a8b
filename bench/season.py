"""An agency's season: 100 plan files of 150 tasks, one command against 100, and TaskJuggler.

    .venv/bin/python bench/season.py [--plans 100] [--tasks 150] [--repeat 1] [--tj3-timeout 900]

Writes bench/out/season/ (ignored by git) and bench/season.md:

- plans/base.yaml: bench/generate.py's synthetic playbook of N tasks (ju-huasuan's anchors
  and offset mix); plans/store-NNN.yaml: a plan file per store extending it, its own
  `campaign:` and a signup date shifted by whole weeks (0-7) from 2024-10-14; plans/team.yaml:
  one team of 12 people shared by every store (two per role, each store's role taken by
  one of them in turn), so the people are loaded across stores;
- **one command**: `promoplan compile plans/ --team plans/team.yaml -o 'out/{campaign}.xlsx'
  -o 'out/{campaign}.ics'` then `promoplan load plans/ --team plans/team.yaml -o load.xlsx`;
- **separate commands**: `promoplan compile plans/store-NNN.yaml --team … -o … -o …` once
  per store, then the same `load` (the load needs every plan in one process anyway);
- **tj3**: one TaskJuggler project with a sub-project per store (the same tasks as
  bench/generate.py writes for one playbook, with the store's signup), sharing one
  resource pool: every task of a role is allocated to that store's person; a CSV task
  report, an iCalendar report and a CSV resource report (TaskJuggler's load view).

Dates are not cross-checked here (bench/run.py checks both tools on one playbook);
TaskJuggler counts working days without China's holidays, so a shifted store's
working-day offsets may land a day apart. Wall time from spawn to exit, median of
--repeat runs; the folder of outputs is emptied before each run.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/generate.py, beside this script)

OUT = HERE / "out" / "season"
REPORT = HERE / "season.md"
PROMOPLAN = [sys.executable, "-m", "promoplan"]
PEOPLE_PER_ROLE = 2


def people(role_index: int) -> list[str]:
    return [f"员工{role_index + 1}{chr(ord('A') + k)}" for k in range(PEOPLE_PER_ROLE)]


def shift(i: int) -> int:
    return 7 * (i % 8)


def write_inputs(n_plans: int, n_tasks: int) -> tuple[Path, Path]:
    """The plans folder and the TaskJuggler project."""
    plans = OUT / "plans"
    if plans.exists():
        shutil.rmtree(plans)
    plans.mkdir(parents=True)
    tasks = generate.tasks_for(n_tasks)
    (plans / "base.yaml").write_text(generate.playbook_yaml(n_tasks, tasks), encoding="utf-8")
    roles = [r for _, r in generate.SECTIONS]
    team = ["# one team for every store"]
    team += [f"{role}: [{', '.join(people(k))}]" for k, role in enumerate(roles)]
    (plans / "team.yaml").write_text("\n".join(team) + "\n", encoding="utf-8")
    for i in range(n_plans):
        signup = generate.SIGNUP + timedelta(days=shift(i))
        (plans / f"store-{i + 1:03}.yaml").write_text(
            f"extends: base.yaml\ncampaign: store-{i + 1:03}\nbrand: 店铺{i + 1:03}\n"
            f"anchors:\n  signup: {{date: {signup.isoformat()}}}\n", encoding="utf-8")
    tjp = OUT / "season.tjp"
    tjp.write_text(tj_season(n_plans, n_tasks, tasks), encoding="utf-8")
    return plans, tjp


_REF = re.compile(r"\b(depends|precedes) (\w+)")


def tj_season(n_plans: int, n_tasks: int, tasks: list[generate.Task]) -> str:
    """bench/generate.py's project for one playbook, as one sub-project per store."""
    one = generate.tj_project(n_tasks, tasks).splitlines()
    head_end = one.index("}")
    reports = next(i for i, line in enumerate(one) if line.startswith("taskreport"))
    body = [line for line in one[head_end + 1:reports] if line.startswith(("task ", "  task ", "}"))]
    header = one[:head_end + 1]
    # the project's span grows by the largest shift
    m = re.search(r"(\d{4}-\d{2}-\d{2}) - (\d{4}-\d{2}-\d{2})", header[2])
    assert m is not None
    last = (generate.date.fromisoformat(m.group(2)) + timedelta(days=shift(7))).isoformat()
    header[2] = header[2].replace(m.group(2), last).replace(f"synth{n_tasks}", "season")
    roles = [r for _, r in generate.SECTIONS]
    out = [*header, "", 'resource team "Team" {']
    for k, _ in enumerate(roles):
        for name in people(k):
            out.append(f'  resource r{k}{name[-1]} "{name}"')
    out.append("}")
    owner = {t.id: roles.index(t.owner) for t in tasks}
    for i in range(n_plans):
        delta = timedelta(days=shift(i))
        who = {k: f"r{k}{chr(ord('A') + (i % PEOPLE_PER_ROLE))}" for k in range(len(roles))}
        out.append(f'task s{i + 1:03} "store-{i + 1:03}" {{')
        depth_of_repeat = False
        for line in body:
            if line == "}":
                depth_of_repeat = False
                out.append("  }")
                continue
            text = _shift_dates(line, delta)
            bangs = "!!" if line.startswith("  task ") else "!"
            text = _REF.sub(lambda mm, b=bangs: f"{mm.group(1)} {b}{mm.group(2)}", text)
            tid = line.split()[1]
            if line.startswith("task ") and line.rstrip().endswith("{"):
                depth_of_repeat = True
            elif tid in owner and "milestone" not in text and not depth_of_repeat:
                text = text[:text.rindex("}")] + f" allocate {who[owner[tid]]} }}"
            out.append("  " + text)
        out.append("}")
    out += ["", 'taskreport "season-tasks" {', "  formats csv", "  columns id, name, start, end",
            '  timeformat "%Y-%m-%dT%H:%M"', "}", 'icalreport "season-cal" { }',
            'resourcereport "season-load" {', "  formats csv", "  columns id, name, effort", "}"]
    return "\n".join(out) + "\n"


_TJ_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})-(\d{2}:\d{2})")


def _shift_dates(line: str, delta: timedelta) -> str:
    return _TJ_DATE.sub(lambda m: (generate.date.fromisoformat(m.group(1)) + delta).isoformat()
                        + "-" + m.group(2), line)


def run(argv: list[str], cwd: Path, timeout: float) -> tuple[float | None, int, str]:
    start = time.perf_counter()
    try:
        proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, -1, "timeout"
    return time.perf_counter() - start, proc.returncode, (proc.stderr or "").strip()[-300:]


def fresh(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def one_command(plans: Path, timeout: float) -> tuple[float | None, str]:
    out = fresh(OUT / "one")
    team = str(plans / "team.yaml")
    t1, rc1, err1 = run([*PROMOPLAN, "compile", str(plans), "--team", team, "-q",
                         "-o", str(out / "{campaign}.xlsx"), "-o", str(out / "{campaign}.ics")],
                        ROOT, timeout)
    t2, rc2, _ = run([*PROMOPLAN, "load", str(plans), "--team", team, "-o", str(out / "load.xlsx")],
                        ROOT, timeout)
    note = f"compile exit {rc1}, load exit {rc2} ({len(list(out.glob('*.xlsx')))} xlsx, " \
           f"{len(list(out.glob('*.ics')))} ics)"
    if rc1 != 0:
        note += f"; compile said: {err1}"
    return (None if t1 is None or t2 is None else t1 + t2), note


def separate(plans: Path, timeout: float) -> tuple[float | None, str]:
    out = fresh(OUT / "separate")
    team = str(plans / "team.yaml")
    total = 0.0
    failed = 0
    for plan in sorted(plans.glob("store-*.yaml")):
        took, rc, _ = run([*PROMOPLAN, "compile", str(plan), "--team", team, "-q",
                           "-o", str(out / f"{plan.stem}.xlsx"), "-o", str(out / f"{plan.stem}.ics")],
                          ROOT, timeout)
        if took is None:
            return None, "timeout"
        failed += rc != 0
        total += took
    took, rc, _ = run([*PROMOPLAN, "load", str(plans), "--team", team, "-o", str(out / "load.xlsx")],
                      ROOT, timeout)
    if took is None:
        return None, "timeout"
    return total + took, f"{failed} compiles failed, load exit {rc}"


def tj3(tjp: Path, timeout: float) -> tuple[float | None, str]:
    if shutil.which("tj3") is None:
        return None, "tj3 not installed"
    out = fresh(OUT / "tj3")
    took, rc, err = run(["tj3", "--silent", "--no-color", "-o", str(out), str(tjp)], OUT, timeout)
    made = sorted(p.name for p in out.iterdir())
    return took, f"exit {rc}, wrote {', '.join(made) or 'nothing'}" + (f"; said: {err}" if rc else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--tasks", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--tj3-timeout", type=float, default=900)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=False)
    plans, tjp = write_inputs(args.plans, args.tasks)
    print(f"inputs: {args.plans} plans × {args.tasks} tasks in {plans}; {tjp}", flush=True)
    results: dict[str, list[float | None]] = {"one": [], "separate": [], "tj3": []}
    notes: dict[str, str] = {}
    for _ in range(args.repeat):
        for key, job in (("one", lambda: one_command(plans, args.timeout)),
                         ("separate", lambda: separate(plans, args.timeout)),
                         ("tj3", lambda: tj3(tjp, args.tj3_timeout))):
            took, note = job()
            results[key].append(took)
            notes[key] = note
            print(f"{key}: {'timeout' if took is None else f'{took:.2f} s'} — {note}", flush=True)
    med = {k: (statistics.median(v) if v and all(x is not None for x in v) else None)  # type: ignore[type-var]
           for k, v in results.items()}
    report = render(args, med, notes, time.perf_counter() - began)
    REPORT.write_text(report, encoding="utf-8")
    print(report)
    return 0


def _s(value: float | None) -> str:
    return "timeout / n.a." if value is None else f"{value:.2f} s"


def _ratio(a: float | None, b: float | None) -> str:
    return "n.a." if a is None or b is None else f"{a / b:.1f}×"


def render(args: argparse.Namespace, med: dict[str, float | None], notes: dict[str, str],
           total: float) -> str:
    one, sep, tj = med["one"], med["separate"], med["tj3"]
    return "\n".join([
        "# A season: many plans in one command (issue 19)",
        "",
        f"{args.plans} plan files × {args.tasks} tasks ({args.plans * args.tasks:,} tasks), one shared "
        f"team of {len(generate.SECTIONS) * PEOPLE_PER_ROLE} people; XLSX + ICS per plan and the load "
        f"view. Median of {args.repeat} run(s); written by `.venv/bin/python bench/season.py` "
        f"(this run took {total:.0f} s in all).",
        "",
        "| what | wall time | notes |",
        "|---|---:|---|",
        f"| one command: `compile plans/ -o 'out/{{campaign}}.xlsx' -o 'out/{{campaign}}.ics'` + "
        f"`load plans/ -o load.xlsx` | {_s(one)} | {notes.get('one', '')} |",
        f"| {args.plans} separate `compile` commands + the same `load` | {_s(sep)} | "
        f"{notes.get('separate', '')} |",
        f"| tj3: one project, {args.plans} sub-projects sharing resources (CSV + iCal + resource "
        f"report) | {_s(tj)} | {notes.get('tj3', '')} |",
        "",
        f"- separate ÷ one command: **{_ratio(sep, one)}**",
        f"- tj3 ÷ one command: **{_ratio(tj, one)}**",
        "",
    ])


if __name__ == "__main__":
    raise SystemExit(main())
