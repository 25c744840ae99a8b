"""Posting to the robot: an HTTP client with timeouts, a wait and a new try on the
platform's rate-limit code, and never a message posted twice.

A part is tried again (at most three times, `WAITS` apart) only when the robot certainly
did not take it: it answered with its rate-limit code (or HTTP 429), or no connection could
be made. Once a request has gone out, anything else (no answer in time, a dropped
connection, a reply that cannot be read) may hide a message the group already shows: it is
not sent again, and the run stops saying so. A refusal stops the run at that part, and the
message names every part (and the file) that was not sent; what went before was accepted.

httpx is imported here only, when something is sent. Its errors carry the address, which
holds the key: none leaves this module; each becomes a `Failed` in our own words.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from promoplan import __version__
from promoplan.clock import real_time
from promoplan.reports.send.message import Part
from promoplan.reports.send.platforms import JSON, MASK, Platform, Reply, Request, Webhook, WeCom, encode
from promoplan.words import Words

if TYPE_CHECKING:
    import httpx

WAITS = (20.0, 40.0, 60.0)
"""Seconds before each new try after a rate-limit reply: the platforms count 20 messages a
minute, and three tries spread over two minutes outlast that window."""
TIMEOUT = 10.0
"""Seconds for connecting and for each read; an upload of up to 20 MB gets longer to write."""
UPLOAD_WRITE = 120.0
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Failed(Exception):
    """The robot refused, or could not be reached: exit code 1. The words are ours."""


def pause(seconds: float) -> None:
    """Wait before a new try (the tests stand in for it, so they never sleep)."""
    time.sleep(seconds)


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes


def labels(parts: Sequence[Part], attachment: Attachment | None, words: Words) -> list[str]:
    """How the status lines name each thing sent: the message, part 2/3, the file."""
    table = words.group("send")
    named = [table["what.message"] if p.total == 1 else table["what.part"].format(n=p.n, total=p.total)
             for p in parts]
    return named + ([table["what.file"].format(name=attachment.name)] if attachment else [])


@dataclass
class _Run:
    """One send: the client, the robot, what each step is called, how to report."""

    client: httpx.Client
    hook: Webhook
    words: Words
    labels: list[str]
    say: Callable[[str], None]

    @property
    def robot(self) -> str:
        return self.words[f"send.robot.{self.hook.platform.robot}"]

    def fail(self, index: int, text: str) -> Failed:
        """What went wrong, and every step from `index` on, which was not sent."""
        rest = self.labels[index:]
        if not rest:
            return Failed(text)
        return Failed(f"{text}\n{self.words['send.not_sent'].format(items=self.words.listing(rest))}")

    def deliver(self, index: int, make: Callable[[float], Request], posts: bool = True) -> Reply:
        """One step, tried again on the rate-limit code or a connection never made; a step
        that `posts` nothing to the group (an upload) also after any failure of the line."""
        import httpx

        table, what, most = self.words.group("send"), self.labels[index], len(WAITS)
        never_sent = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.ProxyError,
                      httpx.InvalidURL)
        for attempt in range(most + 1):
            request = make(real_time())  # signed anew each time: a signature is for its moment
            try:
                response = self.post(request)
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                if posts and not isinstance(exc, never_sent):  # it went out: the robot may have posted it
                    raise self.fail(index + 1, table["uncertain"].format(
                        robot=self.robot, what=what, reason=_reason(exc))) from None
                if attempt < most:
                    self.say(table["retry_reach"].format(
                        robot=self.robot, reason=_reason(exc), what=what, seconds=f"{WAITS[attempt]:g}",
                        n=attempt + 1, most=most))
                    pause(WAITS[attempt])
                    continue
                raise self.fail(index, table["unreachable"].format(
                    robot=self.robot, reason=_reason(exc), what=what, most=most)) from None
            reply = self.hook.platform.reply(response.status_code, response.content)
            if reply.code == 0:
                return reply
            code = _code(reply, self.words)
            if reply.code == self.hook.platform.rate_limit or reply.status == 429:
                if attempt < most:
                    wait = _retry_after(response.headers.get("retry-after")) or WAITS[attempt]
                    self.say(table["retry"].format(robot=self.robot, code=code, seconds=f"{wait:g}",
                                                   what=what, n=attempt + 1, most=most))
                    pause(wait)
                    continue
                raise self.fail(index, table["limited"].format(robot=self.robot, code=code, what=what,
                                                               most=most))
            if reply.code is None and 200 <= reply.status < 300:
                reason = table["unreadable"].format(status=reply.status)
                raise self.fail(index + posts, table["uncertain"].format(
                    robot=self.robot, what=what, reason=reason))
            explained = meaning(self.hook.platform, reply, self.words)
            raise self.fail(index, table["refused"].format(robot=self.robot, what=what, code=code,
                                                           meaning=explained))
        raise AssertionError("unreachable: the last try returns or raises")

    def post(self, request: Request) -> httpx.Response:
        import httpx

        if request.file is not None:
            name, data = request.file
            timeout = httpx.Timeout(TIMEOUT, write=UPLOAD_WRITE)
            return self.client.post(request.url, files={"media": (name, data, XLSX)}, timeout=timeout)
        assert request.payload is not None
        return self.client.post(request.url, content=encode(request.payload), headers={"Content-Type": JSON})


def _reason(exc: Exception) -> str:
    """What went wrong with the connection, by the error's kind: its text may hold the address."""
    return type(exc).__name__


def _code(reply: Reply, words: Words) -> str:
    return words["send.errcode"].format(code=reply.code) if reply.code is not None else f"HTTP {reply.status}"


def _retry_after(value: str | None) -> float | None:
    """A Retry-After in seconds, when the robot gives one we can wait for."""
    if value is None or not value.strip().isdigit():
        return None
    seconds = float(value.strip())
    return seconds if 0 < seconds <= max(WAITS) else None


def meaning(platform: Platform, reply: Reply, words: Words) -> str:
    """What a refusal means: our words for the codes each platform documents, else the
    platform's own (shortened)."""
    table = words.group("send")
    known = table.get(f"code.{platform.robot}.{reply.code}")
    if known is not None:
        return known
    if reply.message:
        return table["code.other"].format(message=reply.message[:200])
    return table["code.none"]


def send(hook: Webhook, parts: Sequence[Part], attachment: Attachment | None, words: Words,
         say: Callable[[str], None]) -> None:
    """Every part in order, then the file (WeCom: upload, then the file message); a status
    line for each thing the robot accepted. Raises `Failed` at the first refusal."""
    import httpx

    named = labels(parts, attachment, words)
    platform = hook.platform
    timeout = httpx.Timeout(TIMEOUT)
    with httpx.Client(timeout=timeout, headers={"User-Agent": f"promoplan/{__version__}"}) as client:
        run = _Run(client, hook, words, named, say)
        sent = words["send.sent"]
        for index, part in enumerate(parts):
            run.deliver(index, functools.partial(platform.message, hook, part.title, part.content))
            say(sent.format(robot=run.robot, what=named[index]))
        if attachment is None:
            return
        assert isinstance(platform, WeCom)
        index = len(parts)
        uploaded = run.deliver(index, lambda now: platform.upload(hook, attachment.name, attachment.data),
                               posts=False)
        if not uploaded.media_id:
            raise run.fail(index, words["send.no_media_id"].format(robot=run.robot))
        run.deliver(index, lambda now: platform.file_message(hook, uploaded.media_id))
        say(sent.format(robot=run.robot, what=named[index]))


def preview(hook: Webhook, parts: Sequence[Part], attachment: Attachment | None, words: Words) -> str:
    """`--dry-run`: each request as it would go out, the key and any signature masked."""
    platform = hook.platform
    requests = [platform.message(hook, p.title, p.content, real_time()) for p in parts]
    if attachment is not None:
        assert isinstance(platform, WeCom)
        requests += [platform.upload(hook, attachment.name, attachment.data),
                     platform.file_message(hook, words["send.dry_media_id"])]
    out = []
    for request in requests:
        out.append(f"POST {request.shown}")
        if request.file is not None:
            name, data = request.file
            out += ["Content-Type: multipart/form-data",
                    "", words["send.dry_file"].format(name=name, size=len(data)), ""]
            continue
        payload = dict(request.payload or {})
        if "sign" in payload:
            payload["sign"] = MASK
        out += [f"Content-Type: {JSON}", "", json.dumps(payload, ensure_ascii=False, indent=2), ""]
    return "\n".join(out).rstrip("\n") + "\n"
