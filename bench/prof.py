"""Where promoplan spends its time: stage timings, a sampling profiler, import times.

    .venv/bin/python bench/prof.py stages  PLAYBOOK [--signup DATE] [--formats json,ics,xlsx]
    .venv/bin/python bench/prof.py sample  PLAYBOOK --stage resolve [--top 25] [--cprofile]
    .venv/bin/python bench/prof.py command [--top 25] -- compile ju-huasuan --signup 2024-10-14
    .venv/bin/python bench/prof.py importtime [-- compile ju-huasuan --signup 2024-10-14]

`stages` runs the pipeline in-process (import, YAML, schema, merge+check,
resolve, one writer per format) and prints the seconds of each as JSON.
`sample` runs one stage under a small sampling profiler (a thread reading the
main thread's stack every millisecond; standard library only) and prints the
functions with the largest share of samples, inclusive and self, as
file:function. `--cprofile` uses cProfile instead (exact call counts, which is
how a quadratic loop shows itself, but slower). `command` samples a whole CLI
run in-process. `importtime` prints `python -X importtime` summed by package.

This reaches into promoplan's modules (load, playbook, resolve, writers); when
their names change it says so instead of failing the benchmark.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SIGNUP = "2024-10-14"
STAGES = ("yaml", "schema", "merge+check", "resolve")


# ------------------------------------------------------------------ sampling profiler

class Sampler:
    """Sample the calling thread's stack from a helper thread; aggregate as it goes."""

    def __init__(self, interval: float = 0.001) -> None:
        self.interval = interval
        self.self_counts: collections.Counter[Any] = collections.Counter()
        self.incl_counts: collections.Counter[Any] = collections.Counter()
        self.callers: dict[Any, collections.Counter[Any]] = collections.defaultdict(collections.Counter)
        self.total = 0

    def run(self, fn: Callable[[], Any]) -> Any:
        target = threading.get_ident()
        stop = threading.Event()
        me = sys._getframe()

        def loop() -> None:
            while not stop.is_set():
                frame = sys._current_frames().get(target)
                stack = []
                while frame is not None and frame is not me:
                    stack.append(frame.f_code)
                    frame = frame.f_back
                if stack:
                    self.total += 1
                    self.self_counts[stack[0]] += 1
                    if len(stack) > 1:
                        self.callers[stack[0]][stack[1]] += 1
                    for code in set(stack):
                        self.incl_counts[code] += 1
                time.sleep(self.interval)

        old = sys.getswitchinterval()
        sys.setswitchinterval(self.interval / 2)
        thread = threading.Thread(target=loop, daemon=True)
        thread.start()
        try:
            return fn()
        finally:
            stop.set()
            thread.join()
            sys.setswitchinterval(old)

    def report(self, top: int = 25, title: str = "") -> str:
        if not self.total:
            return "no samples\n"
        lines = [f"sampling profile{': ' + title if title else ''} ({self.total:,} samples, "
                 f"~{self.interval * 1000:g} ms apart)"]
        skip = {"run", "<lambda>", "loop"}
        lines.append("  inclusive (time in the function and what it calls):")
        shown = 0
        for code, n in self.incl_counts.most_common():
            if code.co_filename == __file__ and code.co_name in skip:
                continue
            lines.append(f"    {100 * n / self.total:5.1f}%  {where(code)}")
            shown += 1
            if shown >= top:
                break
        lines.append("  self (time in the function's own lines), with its most frequent caller:")
        for code, n in self.self_counts.most_common(top):
            caller = self.callers[code].most_common(1)
            via = f"   ← {where(caller[0][0])}" if caller else ""
            lines.append(f"    {100 * n / self.total:5.1f}%  {where(code)}{via}")
        return "\n".join(lines) + "\n"


def short_path(filename: str) -> str:
    for marker in ("site-packages/", "/src/", "/lib/python3"):
        if marker in filename:
            rest = filename.split(marker, 1)[1]
            if marker == "/lib/python3":
                rest = "stdlib/" + rest.split("/", 1)[1] if "/" in rest else rest
            return rest if marker != "/src/" else "src/" + rest
    try:
        return str(Path(filename).resolve().relative_to(ROOT))
    except ValueError:
        return filename


def where(code: Any) -> str:
    return f"{short_path(code.co_filename)}:{code.co_firstlineno}:{code.co_name}"


def cprofile_report(fn: Callable[[], Any], top: int) -> str:
    import cProfile
    import io
    import pstats

    prof = cProfile.Profile()
    prof.runcall(fn)
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


# ------------------------------------------------------------------ the pipeline in stages

class Pipeline:
    """promoplan's stages on one playbook, each callable on its own."""

    def __init__(self, playbook: str, signup: str = SIGNUP) -> None:
        t0 = time.perf_counter()
        import promoplan.cli  # noqa: F401  (what every command pays)
        from promoplan import writers
        from promoplan.playbook.assemble import load
        from promoplan.playbook.layers import validate_layer
        from promoplan.playbook.yaml_reader import decode, parse_yaml
        from promoplan.schedule.resolve import resolve
        from promoplan.words import words_for

        self.import_s = time.perf_counter() - t0
        self.m = {"writers": writers, "words_for": words_for, "decode": decode,
                  "parse_yaml": parse_yaml, "load": load, "validate_layer": validate_layer,
                  "resolve": resolve}
        self.path = Path(playbook)
        self.signup = signup
        self.doc: Any = None
        self.pb: Any = None
        self.plan: Any = None

    def yaml(self) -> Any:
        raw = self.path.read_bytes()
        self.doc = self.m["parse_yaml"](self.m["decode"](raw, str(self.path)), str(self.path))
        return self.doc

    def schema(self) -> Any:
        if self.doc is None:
            self.yaml()
        return self.m["validate_layer"](self.doc)

    def load(self) -> Any:
        self.pb = self.m["load"](str(self.path))
        return self.pb

    def resolve(self) -> Any:
        if self.pb is None:
            self.load()
        self.plan = self.m["resolve"](self.pb, {"signup": self.signup})
        return self.plan

    def writer(self, fmt: str) -> bytes:
        if self.plan is None:
            self.resolve()
        words = self.m["words_for"](self.plan.locale, None)
        return self.m["writers"].render(self.plan, fmt, words)  # type: ignore[no-any-return]

    def stage(self, name: str) -> Callable[[], Any]:
        """A zero-argument callable running stage `name` (its inputs prepared beforehand)."""
        if name == "yaml":
            return self.yaml
        if name == "schema":
            self.yaml()
            return self.schema
        if name in ("merge+check", "load"):
            return self.load
        if name == "resolve":
            self.load()
            return self.resolve
        if name.startswith("write:"):
            self.resolve()
            fmt = name.split(":", 1)[1]
            from importlib import import_module

            import_module(f"promoplan.writers.{self.m['writers'].MODULES[fmt]}")
            return lambda: self.writer(fmt)
        raise SystemExit(f"unknown stage {name!r}: yaml, schema, merge+check, resolve, write:FMT")


def stages(playbook: str, formats: list[str], signup: str = SIGNUP) -> dict[str, Any]:
    """Seconds per stage; merge+check is load() less YAML and schema (load() does all three)."""
    out: dict[str, Any] = {"errors": {}}
    try:
        pipe = Pipeline(playbook, signup)
    except Exception as exc:
        return {"errors": {"import": f"{type(exc).__name__}: {exc}"}}
    out["import"] = pipe.import_s

    def timed(key: str, fn: Callable[[], Any]) -> bool:
        t0 = time.perf_counter()
        try:
            fn()
        except BaseException as exc:
            out["errors"][key] = f"{type(exc).__name__}: {str(exc)[:200]}"
            return False
        out[key] = time.perf_counter() - t0
        return True

    ok = timed("yaml", pipe.yaml) and timed("schema", pipe.schema) and timed("load", pipe.load)
    if ok:
        out["merge+check"] = max(0.0, out["load"] - out["yaml"] - out["schema"])
        ok = timed("resolve", pipe.resolve)
    if ok:
        out["tasks"] = len(pipe.plan.tasks)
        out["occurrences"] = sum(len(t.occurrences) for t in pipe.plan.tasks)
        for fmt in formats:
            from importlib import import_module

            t0 = time.perf_counter()
            try:
                import_module(f"promoplan.writers.{pipe.m['writers'].MODULES[fmt]}")
            except BaseException as exc:
                out["errors"][f"write:{fmt}"] = f"{type(exc).__name__}: {exc}"
                continue
            out[f"import:{fmt}"] = time.perf_counter() - t0
            timed(f"write:{fmt}", lambda fmt=fmt: pipe.writer(fmt))
    return out


# ------------------------------------------------------------------ import times

def importtime(args: list[str] | None = None, top: int = 15, python: str | Path = sys.executable) -> str:
    """`python -X importtime` of `import promoplan.cli` (or of a CLI run), summed by package."""
    if args:
        code = f"import sys; sys.argv = ['promoplan', *{args!r}]\nfrom promoplan.cli import main\n" \
               "try:\n    main()\nexcept SystemExit:\n    pass"
        what = "promoplan " + " ".join(args)
    else:
        code = "import promoplan.cli"
        what = "import promoplan.cli"
    proc = subprocess.run([str(python), "-X", "importtime", "-c", code], capture_output=True,
                          text=True, cwd=ROOT, check=False)
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cum_us, name = _split(line)
        rows.append((int(self_us), int(cum_us), name))
    by_pkg: collections.Counter[str] = collections.Counter()
    for self_us, _, name in rows:
        by_pkg[name.strip().split(".")[0]] += self_us
    total = sum(by_pkg.values())
    lines = [f"-X importtime for `{what}`: {total / 1e6:.3f} s in {len(rows)} modules"]
    lines.append("  by top-level package (self time summed):")
    for pkg, us in by_pkg.most_common(top):
        lines.append(f"    {us / 1e6:7.3f} s  {100 * us / max(total, 1):5.1f}%  {pkg}")
    lines.append("  largest single imports (cumulative, as first imported):")
    for _self_us, cum_us, name in sorted(rows, key=lambda r: -r[1])[:top]:
        lines.append(f"    {cum_us / 1e6:7.3f} s  {name.strip()}")
    return "\n".join(lines) + "\n"


def _split(line: str) -> tuple[str, str, str]:
    body = line.split("import time:", 1)[1]
    self_us, cum_us, name = body.split("|", 2)
    return self_us.strip(), cum_us.strip(), name.rstrip()


# ------------------------------------------------------------------ command line

def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    rest: list[str] = []
    if "--" in argv:
        i = argv.index("--")
        argv, rest = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", choices=["stages", "sample", "command", "importtime"])
    ap.add_argument("playbook", nargs="?")
    ap.add_argument("--signup", default=SIGNUP)
    ap.add_argument("--formats", default="json,ics,xlsx")
    ap.add_argument("--stage", default="resolve")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--interval", type=float, default=0.001)
    ap.add_argument("--cprofile", action="store_true")
    ap.add_argument("--no-gc", action="store_true",
                    help="run with the cyclic garbage collector disabled (to see its share)")
    args = ap.parse_args(argv)
    os.chdir(ROOT)
    if args.no_gc:
        import gc

        gc.disable()
    if args.what == "importtime":
        sys.stdout.write(importtime(rest or None, args.top))
        return 0
    if args.what == "command":
        from promoplan.cli import app

        def run() -> None:
            sys.argv = ["promoplan", *rest]
            with contextlib.suppress(SystemExit):
                app()

        out = sys.stdout
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the table is not what we measure
        try:
            if args.cprofile:
                report = cprofile_report(run, args.top)
            else:
                sampler = Sampler(args.interval)
                sampler.run(run)
                report = sampler.report(args.top, "promoplan " + " ".join(rest))
        finally:
            sys.stdout.close()
            sys.stdout = out
        sys.stdout.write(report)
        return 0
    if not args.playbook:
        ap.error("PLAYBOOK is required")
    if args.what == "stages":
        print(json.dumps(stages(args.playbook, [f for f in args.formats.split(",") if f], args.signup)))
        return 0
    pipe = Pipeline(args.playbook, args.signup)
    fn = pipe.stage(args.stage)
    if args.cprofile:
        sys.stdout.write(cprofile_report(fn, args.top))
    else:
        sampler = Sampler(args.interval)
        t0 = time.perf_counter()
        sampler.run(fn)
        took = time.perf_counter() - t0
        sys.stdout.write(sampler.report(args.top, f"stage {args.stage} of {args.playbook}, {took:.2f} s"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
