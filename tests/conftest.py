"""Shared helpers, and the session's own home.

Before anything else is imported, HOME, the XDG folders and the holiday cache
(PROMOPLAN_CACHE_DIR) point into one temporary folder, so neither this process nor
the programs it starts (promoplan, git, LibreOffice, khal) read or write the user's
own; the run fails if anything was left in that fake HOME. Connections leave this
process for 127.0.0.1 only.

Hypothesis runs the `dev` profile unless HYPOTHESIS_PROFILE says otherwise; CI sets
`ci`, the full example counts (see `examples`).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

SESSION = Path(tempfile.mkdtemp(prefix="promoplan-tests-"))
FAKE_HOME = SESSION / "home"
_FOLDERS = {"HOME": "home", "XDG_CACHE_HOME": "cache", "XDG_CONFIG_HOME": "config",
            "XDG_DATA_HOME": "data", "PROMOPLAN_CACHE_DIR": "promoplan-cache"}
for _variable, _folder in _FOLDERS.items():
    (SESSION / _folder).mkdir()
    os.environ[_variable] = str(SESSION / _folder)

# Only now, with the variables above set.
from promoplan.cli import app, main  # noqa: E402

HERE = Path(__file__).parent
PLAYBOOKS = HERE / "playbooks"

# Hypothesis: `ci` runs every test's full count, `dev` (the default) a tenth of it.
FULL_EXAMPLES = 100
settings.register_profile("ci", max_examples=FULL_EXAMPLES, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=FULL_EXAMPLES // 10, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def examples(full: int, profile: settings | None = None) -> int:
    """A test's example count: `full` under the ci profile, scaled like the loaded one."""
    return max(1, full * (profile or settings()).max_examples // FULL_EXAMPLES)


class Cli:
    """Runs promoplan in-process, as a user would type it."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str):  # type: ignore[no-untyped-def]
        return self.runner.invoke(app, list(args))


@pytest.fixture
def cli() -> Cli:
    return Cli()


def promoplan(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed command in a fresh process, as a user's shell would."""
    return subprocess.run([sys.executable, "-m", "promoplan", *args], capture_output=True,
                          text=True, encoding="utf-8", check=False, cwd=cwd,
                          env={**os.environ, "PYTHONUTF8": "1"})


@dataclass(frozen=True)
class Ran:
    """What one run of promoplan showed: its exit code and its two streams."""

    returncode: int
    stdout_bytes: bytes
    stderr_bytes: bytes

    @property
    def stdout(self) -> str:
        return self.stdout_bytes.decode("utf-8", "replace")

    @property
    def stderr(self) -> str:
        return self.stderr_bytes.decode("utf-8", "replace")


# What a fresh Python process shows of warnings; the others are hidden there too.
_HIDDEN_WARNINGS = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)


def run_here(*args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None) -> Ran:
    """promoplan in this process, as `python -m promoplan ARGS` runs it, for a fraction of the time.

    The real entry point (`main()`, reading sys.argv), stdout and stderr as pipes in UTF-8
    (not terminals), stdin empty, `env` on top of this process's environment, in `cwd`.
    A crash is printed as Python prints it, with exit code 1, and warnings that Python
    would show land on stderr.
    """
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8")
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace")
    saved = sys.argv, sys.stdin, sys.stdout, sys.stderr
    saved_env = {name: os.environ.get(name) for name in env or {}}
    code: int
    try:
        os.environ.update(env or {})
        sys.argv = ["promoplan", *args]
        sys.stdin = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        sys.stdout, sys.stderr = stdout, stderr
        with contextlib.chdir(cwd or Path.cwd()), warnings.catch_warnings(record=True) as shown:
            warnings.simplefilter("default")
            for category in _HIDDEN_WARNINGS:
                warnings.simplefilter("ignore", category)
            try:
                main()
                code = 0
            except SystemExit as done:
                code = _exit_code(done.code)
            except Exception:
                traceback.print_exc()
                code = 1
            for w in shown:
                stderr.write(warnings.formatwarning(w.message, w.category, w.filename, w.lineno, w.line))
        stdout.flush()
        stderr.flush()
        return Ran(code, out.getvalue(), err.getvalue())
    finally:
        sys.argv, sys.stdin, sys.stdout, sys.stderr = saved
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _exit_code(code: object) -> int:
    """What the shell sees of `sys.exit(code)`."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def compile_json(playbook: str, *args: str) -> dict[str, Any]:
    out = run_here("compile", playbook, *args, "--format", "json")
    assert out.returncode == 0, out.stderr
    data: dict[str, Any] = json.loads(out.stdout)
    return data


def need_client(*names: str, package: str) -> str:
    """A real client program's path. Missing, the test skips, or fails where CI demands it."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    reason = f"{names[0]} is not installed (apt-get install {package}); this client test needs it"
    if os.environ.get("PROMOPLAN_REQUIRE_CLIENTS") == "1":
        pytest.fail(f"{reason}, and PROMOPLAN_REQUIRE_CLIENTS=1 requires it")
    pytest.skip(reason)


def need_installed(path: Path, what: str, install: str) -> None:
    """A client installed into the repository (ical.js by npm): missing, the test skips, or
    fails where CI demands it, as `need_client`."""
    if path.exists():
        return
    reason = f"{what} is not installed ({install}); this client test needs it"
    if os.environ.get("PROMOPLAN_REQUIRE_CLIENTS") == "1":
        pytest.fail(f"{reason}, and PROMOPLAN_REQUIRE_CLIENTS=1 requires it")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def tasks(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A compiled plan's tasks by id; each playbook test module provides its `plan`."""
    return {t["id"]: t for t in plan["tasks"]}


# No network: this process may connect to, bind or look up the loopback address only.
LOOPBACK = ("127.0.0.1", "::1", "localhost")
_NETWORK_USE: list[str] = []


def _network_guard(event: str, args: tuple[Any, ...]) -> None:
    if not event.startswith("socket."):
        return
    if event in ("socket.connect", "socket.bind", "socket.sendto"):
        address = args[1]
        host = address[0] if isinstance(address, tuple) else None  # a str or bytes: a Unix socket
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex"):
        host = args[0].decode() if isinstance(args[0], bytes) else args[0]
    else:
        return
    if host is None or host in LOOPBACK:
        return
    _NETWORK_USE.append(f"{event} {host!r}")
    raise PermissionError(f"tests stay off the network: {event} {host!r} (use 127.0.0.1)")


sys.addaudithook(_network_guard)


def _home_left() -> list[str]:
    return sorted(str(p.relative_to(FAKE_HOME)) for p in FAKE_HOME.rglob("*"))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A run that wrote into HOME, or reached for the network, fails."""
    if _home_left() or _NETWORK_USE:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any) -> None:
    left = _home_left()
    if left:
        terminalreporter.write_line(
            f"FAILED: tests wrote into HOME ({FAKE_HOME}), which must stay empty: {', '.join(left)}",
            red=True)
    if _NETWORK_USE:
        terminalreporter.write_line(f"FAILED: tests reached for the network: {', '.join(_NETWORK_USE)}",
                                    red=True)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(SESSION, ignore_errors=True)
