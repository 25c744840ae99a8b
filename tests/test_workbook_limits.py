"""Hostile workbooks: textconv, import and progress refuse them in seconds, in little memory.

The bombs are made at run time (tests/bombs.py): the probe's 1 GB sheet in 4 MB, a
1.5 kB sheet whose one merged range covers all 17 billion cells of a sheet, two cells
far apart, a zip that lies about its sizes. promoplan's own workbooks stay well inside
every limit.
"""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from promoplan import workbooks
from promoplan.errors import PromoplanError

from . import bombs
from .conftest import Cli

PLAN = "extends: ju-huasuan\nanchors:\n  signup: {date: 2024-10-14}\n"
SHEET = "xl/worksheets/sheet1.xml"
MB = 1 << 20


# `python -m promoplan` that writes its own peak resident memory (kB) to $PEAK_FILE as it
# exits. The kernel's ru_maxrss of a child also counts the parent's pages up to the exec,
# so a large test worker would be measured instead of promoplan; VmHWM is the new
# process image's own high-water mark.
PEAK = """\
import atexit, os, runpy, sys
def peak():
    line = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    open(os.environ["PEAK_FILE"], "w").write(line.split()[1])
atexit.register(peak)
sys.argv[0] = "promoplan"
runpy.run_module("promoplan", run_name="__main__", alter_sys=True)
"""


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bombs.gigabyte(tmp_path_factory.mktemp("bomb") / "bomb.xlsx")


def test_the_generator_makes_what_it_says(tmp_path: Path, bomb: Path) -> None:
    """A small bomb is read whole by zipfile (so its CRC is right) and openpyxl; the big one
    declares 1 GB in 4 MB."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    part = bombs.repeated(SHEET, bombs.SHEET_HEAD, bombs.ROW * 3, 4, bombs.SHEET_TAIL)
    small = bombs.workbook(tmp_path / "small.xlsx", part)
    inside = zipfile.ZipFile(small).read(SHEET)
    assert inside == bombs.SHEET_HEAD + bombs.ROW * 12 + bombs.SHEET_TAIL
    sheet = load_workbook(small).active
    assert (sheet.max_row, sheet.max_column, sheet["J12"].value) == (12, 10, 1)
    [info] = [i for i in zipfile.ZipFile(bomb).infolist() if i.filename == SHEET]
    assert len(bombs.ROW) == 161
    assert info.file_size == len(bombs.SHEET_HEAD) + 161 * 6_700_000 + len(bombs.SHEET_TAIL) == 1_078_700_151
    assert 3 * MB < bomb.stat().st_size < 6 * MB


@pytest.mark.parametrize("command", [
    ["textconv", "bomb.xlsx"],
    ["import", "bomb.xlsx", "-o", "out.yaml", "--playbook", "ju-huasuan", "--signup", "2024-10-14"],
    ["progress", "bomb.xlsx", "--into", "plan.yaml"],
])
def test_the_gigabyte_bomb_is_refused_in_little_memory(command: list[str], bomb: Path,
                                                       tmp_path: Path) -> None:
    (tmp_path / "bomb.xlsx").symlink_to(bomb)
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    peak = tmp_path.parent / f"{tmp_path.name}.peak"
    proc = subprocess.run([sys.executable, "-c", PEAK, *command], cwd=tmp_path, capture_output=True,
                          check=False, env={**os.environ, "PYTHONUTF8": "1", "PEAK_FILE": str(peak)})
    err = proc.stderr.decode("utf-8")
    packed = next(i.compress_size for i in zipfile.ZipFile(bomb).infolist() if i.filename == SHEET)
    times = 1_078_700_151 // packed
    if command[0] == "textconv":  # no plan named: the environment's language, English here
        assert err == (f"bomb.xlsx: too large for a 进程表: {SHEET} inflates {times:,} "
                       f"times, from {packed:,} to 1,078,700,151 bytes (at most 100 times)\n")
    else:  # the playbook's language
        assert err == (f"bomb.xlsx: 文件太大，不会是进程表：{SHEET} 解压后膨胀{times:,}倍，"
                       f"从{packed:,}字节到1,078,700,151字节（最多100倍）\n")
    assert proc.returncode == 2
    assert int(peak.read_text()) < 300 * 1024  # kB: the probe saw 13.8 GB before MemoryError
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bomb.xlsx", "plan.yaml"]
    assert (tmp_path / "plan.yaml").read_text(encoding="utf-8") == PLAN


def _refused(data: bytes) -> str:
    with pytest.raises(PromoplanError) as caught:
        workbooks.open_workbook(data, "t.xlsx")
    return str(caught.value)


def _sheet(tmp_path: Path, rows: bytes, after: bytes = b"") -> bytes:
    xml = bombs.sheet_xml(rows, after)
    return bombs.workbook(tmp_path / "t.xlsx", bombs.deflated(SHEET, xml)).read_bytes()


def test_one_merged_range_over_the_whole_sheet(tmp_path: Path) -> None:
    """1.5 kB that openpyxl would turn into 17 billion cells while loading."""
    data = _sheet(tmp_path, b'<row r="1"><c r="A1"><v>1</v></c></row>',
                  b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')
    assert len(data) < 2000
    assert _refused(data) == (f"t.xlsx: too large for a 进程表: merged cells and links cover "
                              f"17,179,869,184 cells once {SHEET} is counted (at most 200,000)")


def test_a_range_spelt_with_character_references_is_counted_too(tmp_path: Path) -> None:
    """expat reads `&#58;` as `:`, as openpyxl's sheet reader does: no spelling hides a range."""
    data = _sheet(tmp_path, b"", b'<hyperlinks><hyperlink ref="A1&#58;A300000" display="x"/></hyperlinks>')
    assert _refused(data) == (f"t.xlsx: too large for a 进程表: merged cells and links cover "
                              f"300,000 cells once {SHEET} is counted (at most 200,000)")


def test_a_whole_column_link_counts_the_whole_column(tmp_path: Path) -> None:
    data = _sheet(tmp_path, b"", b'<hyperlinks><hyperlink ref="B:B" display="x"/></hyperlinks>')
    assert _refused(data) == (f"t.xlsx: too large for a 进程表: merged cells and links cover "
                              f"1,048,576 cells once {SHEET} is counted (at most 200,000)")


def test_a_large_merge_within_the_limit_is_read(tmp_path: Path) -> None:
    data = _sheet(tmp_path, b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>',
                  b'<mergeCells count="1"><mergeCell ref="A1:T1000"/></mergeCells>')
    sheet = workbooks.open_workbook(data, "t.xlsx").active
    assert (sheet["A1"].value, sheet.max_row, sheet.max_column) == ("x", 1_000, 20)


def test_two_cells_far_apart(tmp_path: Path) -> None:
    """A1 and XFD1048576: two cells, and a rectangle of 17 billion to walk row by row."""
    data = _sheet(tmp_path, b'<row r="1"><c r="A1"><v>1</v></c></row>'
                            b'<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>')
    assert _refused(data) == ("t.xlsx: too large for a 进程表: sheet 'Sheet1' spans 1,048,576 rows × "
                              "16,384 columns (at most 1,500,000 cells in all)")


def test_a_sheet_that_inflates_little_but_is_too_big(tmp_path: Path) -> None:
    """Random numbers compress about 2.5 times: under the ratio, over the size."""
    rng = random.Random(28)
    unit = b"".join(b"<row><c><v>%d</v></c></row>" % rng.randrange(10**9) for _ in range(40_000))
    part = bombs.repeated(SHEET, bombs.SHEET_HEAD, unit, 25, bombs.SHEET_TAIL)
    data = bombs.workbook(tmp_path / "t.xlsx", part).read_bytes()
    assert part.size > workbooks.MAX_BYTES > len(data)
    assert part.size < 100 * len(part.raw)
    total = part.size + sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist()
                            if i.filename != SHEET)
    assert _refused(data) == (f"t.xlsx: too large for a 进程表: its parts inflate to {total:,} bytes "
                              f"(at most 25,000,000; {SHEET}: {part.size:,})")


def test_a_size_the_zip_lies_about_is_no_bound_to_get_around(tmp_path: Path) -> None:
    """zipfile stops at the declared size and the CRC then fails: the lie is caught, not inflated."""
    part = bombs.repeated(SHEET, bombs.SHEET_HEAD, bombs.ROW * 6_700, 100, bombs.SHEET_TAIL)
    data = bombs.workbook(tmp_path / "t.xlsx", part, declared={SHEET: 5_000}).read_bytes()
    assert _refused(data) == f"t.xlsx: not an XLSX workbook: {SHEET}: damaged zip (Bad CRC-32 for file '{SHEET}')"


def test_too_many_parts(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for n in range(10_001):
            archive.writestr(f"x/{n}", b"")
    assert _refused(buf.getvalue()) == "t.xlsx: too large for a 进程表: it has 10,001 parts (at most 10,000)"


def test_a_file_too_big_on_disk_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.xlsx"
    with big.open("wb") as fh:
        fh.truncate(workbooks.MAX_BYTES + 1)  # sparse: the size is all that is looked at
    with pytest.raises(PromoplanError) as caught:
        workbooks.read_bounded(big, "big.xlsx")
    assert str(caught.value) == "big.xlsx: too large for a 进程表: the file is 25,000,001 bytes (at most 25,000,000)"


def test_promoplans_own_large_workbook_is_well_inside(cli: Cli, tmp_path: Path) -> None:
    """ju-huasuan's workbook, read by the guard: what the limits leave room for."""
    out = tmp_path / "ju.xlsx"
    assert cli("compile", "ju-huasuan", "--signup", "2024-10-14", "-o", str(out)).exit_code == 0
    parts = zipfile.ZipFile(out).infolist()
    assert sum(p.file_size for p in parts) < workbooks.MAX_BYTES // 50
    assert max(p.file_size / p.compress_size for p in parts if p.compress_size) < 20
    book = workbooks.open_workbook(out.read_bytes(), "ju.xlsx")
    assert sum(ws.max_row * ws.max_column for ws in book.worksheets) < workbooks.MAX_CELLS // 50


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="a system without /dev/zero")
def test_a_file_without_a_size_is_read_no_further_than_the_limit() -> None:
    """A device or a pipe says it is 0 bytes long; what is read is bounded all the same."""
    with pytest.raises(PromoplanError) as caught:
        workbooks.read_bounded(Path("/dev/zero"), "/dev/zero")
    assert str(caught.value) == "/dev/zero: too large for a 进程表: the file is more than 25,000,000 bytes"
