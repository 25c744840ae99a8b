"""Big tables and hostile workbooks (issue 28): wall time and peak memory, one process each.

    .venv/bin/python bench/hostile.py [--rows 10000,50000,100000] [--repeat 1]

Writes bench/out/hostile/ (ignored by git) and bench/hostile.md:

- **import** of a CSV of N rows: `promoplan import t-N.csv -o t-N.yaml --playbook ju-huasuan`.
  The rows are generated as a team writes them (ju-huasuan's 版块 and 负责岗位 in turn, start
  and due as offsets in Chinese from a fixed list, a due on two rows in three, notes on one
  in five), with a fixed seed; every run includes the round trip that compiles the written
  playbook back and checks each row.
- **bombs** from tests/bombs.py, through `textconv`, `import` and `progress`: the probe's
  sheet of 6.7 million rows (1 GB inflated, 4 MB on disk), one merged range over a whole
  sheet (1.5 kB), two cells at A1 and XFD1048576. Each must exit 2.
- **promoplan's own workbook of 10,000 tasks** (bench/generate.py's synth-10000, with the
  ICS and JSON beside it) through `textconv`: what a big real file costs, guard included.

Runs use this venv's `python -m promoplan`; wall time from spawn to exit, peak memory is
the process's own `ru_maxrss` (bench/run.py's `run_once`); the median of --repeat runs.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import generate  # noqa: E402  (bench/generate.py, beside this script)
from run import Run, run_once  # noqa: E402
from tests import bombs  # noqa: E402

OUT = HERE / "out" / "hostile"
REPORT = HERE / "hostile.md"
PROMOPLAN = [sys.executable, "-m", "promoplan"]
HEADER = ["版块", "详细项目内容", "负责岗位", "开始时间", "预计完成时间", "备注"]
SECTIONS = [("运营", "运营主管"), ("推广", "推广主管"), ("美工", "美工主管"), ("客服", "客服主管"),
            ("物流", "物流主管"), ("文案", "文案")]
OFFSETS = ["报名前20天", "报名前10天", "竞拍完后1天", "竞拍完后2天", "排期前15天", "开团前3天", "开团前2天",
           "开团当天", "开团当天15点", "开团当天16点30分", "开团前半小时", "开团后25分钟", "开团后1天"]
PLAN = "extends: ju-huasuan\nanchors:\n  signup: {date: 2024-10-14}\n"


def table(rows: int) -> Path:
    path = OUT / f"t-{rows}.csv"
    if path.exists():
        return path
    rng = random.Random(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        for i in range(rows):
            section, owner = SECTIONS[i % len(SECTIONS)]
            out.writerow([section, f"事项{i + 1}：核对价格与库存", owner, rng.choice(OFFSETS),
                          rng.choice(OFFSETS) if i % 3 else "", "以ERP为准" if i % 5 == 0 else ""])
    return path


def timed(argv: list[str], repeat: int, timeout: float) -> tuple[float, float, int, str]:
    """Median wall seconds, the largest peak memory (MB), the exit code and the last stderr line."""
    runs: list[Run] = [run_once(argv, timeout=timeout, cwd=OUT) for _ in range(repeat)]
    last = runs[-1]
    line = last.output.strip().splitlines()[-1] if last.output.strip() else ""
    code = -1 if last.timed_out else last.rc
    return statistics.median(r.wall for r in runs), max(r.rss_kb for r in runs) / 1024, code, line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="10000,50000,100000")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "plan.yaml").write_text(PLAN, encoding="utf-8")
    lines = [f"# Big tables and hostile workbooks ({datetime.now().astimezone():%Y-%m-%d %H:%M %z})", "",
             "`.venv/bin/python bench/hostile.py` (see its docstring). Median of "
             f"{args.repeat} run(s); peak memory of the process.", "",
             "## import of a CSV", "", "| rows | seconds | peak MB | exit |", "|---:|---:|---:|---:|"]
    for rows in (int(n) for n in args.rows.split(",")):
        path = table(rows)
        wall, mb, code, _ = timed([*PROMOPLAN, "import", path.name, "-o", f"t-{rows}.yaml",
                                   "--playbook", "ju-huasuan"], args.repeat, args.timeout)
        lines.append(f"| {rows:,} | {wall:.1f} | {mb:.0f} | {code} |")
        print(lines[-1], flush=True)
    made = {
        "1 GB sheet (probe)": bombs.gigabyte(OUT / "gigabyte.xlsx"),
        "merge over the whole sheet": bombs.workbook(OUT / "merged.xlsx", bombs.deflated(
            "xl/worksheets/sheet1.xml", bombs.sheet_xml(
                b'<row r="1"><c r="A1"><v>1</v></c></row>',
                b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'))),
        "A1 and XFD1048576": bombs.workbook(OUT / "far.xlsx", bombs.deflated(
            "xl/worksheets/sheet1.xml", bombs.sheet_xml(
                b'<row r="1"><c r="A1"><v>1</v></c></row>'
                b'<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'))),
    }
    lines += ["", "## hostile workbooks", "", "| file | on disk | command | seconds | peak MB | exit |",
              "|---|---:|---|---:|---:|---:|"]
    for what, path in made.items():
        for command in (["textconv", path.name],
                        ["import", path.name, "-o", "bomb.yaml", "--playbook", "ju-huasuan"],
                        ["progress", path.name, "--into", "plan.yaml"]):
            wall, mb, code, _ = timed([*PROMOPLAN, *command], args.repeat, args.timeout)
            lines.append(f"| {what} | {path.stat().st_size:,} B | {command[0]} | {wall:.1f} | {mb:.0f} | {code} |")
            print(lines[-1], flush=True)
    generate.main(["--sizes", "10000", "--out", str(OUT)])
    wall, mb, code, _ = timed([*PROMOPLAN, "compile", "synth-10000.yaml", "--signup", generate.SIGNUP_ARG,
                               "-o", "synth-10000.xlsx", "-q"], 1, args.timeout)
    wall, mb, code, _ = timed([*PROMOPLAN, "textconv", "synth-10000.xlsx"], args.repeat, args.timeout)
    size = (OUT / "synth-10000.xlsx").stat().st_size
    lines += ["", "## a big real workbook", "", "| file | on disk | command | seconds | peak MB | exit |",
              "|---|---:|---|---:|---:|---:|",
              f"| promoplan's 10,000 tasks | {size:,} B | textconv | {wall:.1f} | {mb:.0f} | {code} |"]
    print(lines[-1], flush=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
