"""Three chat group robots on 127.0.0.1, each keeping its platform's documented contract.

- WeCom: `POST /cgi-bin/webhook/send?key=KEY`, markdown content at most 4096 bytes, a file
  message naming a media_id it gave; `POST /cgi-bin/webhook/upload_media?key=KEY&type=file`,
  multipart field `media` of 5 B to 20 MB. 93000 for a wrong key, 45009 over 20 a minute.
- DingTalk: `POST /robot/send?access_token=T&timestamp=&sign=`, the sign checked with the
  known secret (HMAC-SHA256 keyed with the secret over `timestamp\\nsecret`, base64, URL-encoded)
  and the timestamp (ms) within an hour of now; markdown with a title. 300001 for a wrong
  token, 310000 for a bad signature, 130101 over 20 a minute.
- Feishu: `POST /open-apis/bot/v2/hook/TOKEN`, body at most 20 KB, `timestamp` (s) and `sign`
  (HMAC-SHA256 keyed with `timestamp\\nsecret` over nothing, base64) in the body, an
  interactive card with lark_md. 19001 for a wrong token, 19021 for a bad signature, 9499
  for a malformed or oversized body, 11232 over 20 a minute.

Every request is kept as it arrived (`requests`), and what each robot posted to its group
(`posted`). The minute the rate limit counts in runs on the server's own clock, which
`advance` moves on: the tests' stand-in for a wait, so no test sleeps. `refuse` queues
replies given instead of the real ones (a rate-limit reply, say).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

KEY = "wecom-key-6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"
TOKEN = "dingtalk-token-5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7"
HOOK = "feishu-hook-0a1b2c3d-4e5f-6789-abcd-ef0123456789"
SECRET = "SEC-known-secret-9f8e7d6c5b4a39281706"

RATE = 20  # messages a minute, on each platform
RATE_LIMITED = {
    "wecom": (200, {"errcode": 45009, "errmsg": "api freq out of limit"}),
    "dingtalk": (200, {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"}),
    "feishu": (400, {"code": 11232, "msg": "frequency limited", "data": {}}),
}


@dataclass
class Received:
    """One request as it arrived, and what the robot answered."""

    robot: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    status: int = 0
    reply: dict[str, Any] = field(default_factory=dict)

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Posted:
    """What a robot put in its group: a markdown text (with its title) or a file."""

    robot: str
    title: str
    text: str
    file: tuple[str, bytes] | None = None


def dingtalk_sign(stamp: str, secret: str) -> str:
    digest = hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def feishu_sign(stamp: str, secret: str) -> str:
    return base64.b64encode(hmac.new(f"{stamp}\n{secret}".encode(), b"", hashlib.sha256).digest()).decode()


def multipart(content_type: str, body: bytes) -> dict[str, tuple[str, bytes]]:
    """The form's fields: name → (file name, bytes), read by hand from the raw body."""
    boundary = content_type.split("boundary=", 1)[1].strip('"').encode()
    fields = {}
    for chunk in body.split(b"--" + boundary)[1:-1]:
        head, _, data = chunk.partition(b"\r\n\r\n")
        disposition = next(line for line in head.decode().split("\r\n")
                           if line.lower().startswith("content-disposition"))
        params = dict(p.strip().split("=", 1) for p in disposition.split(";")[1:])
        fields[params["name"].strip('"')] = (params.get("filename", "").strip('"'), data[:-2])
    return fields


class Robots:
    """The three robots on one local server; `url(robot)` is a webhook address for each."""

    def __init__(self) -> None:
        self.requests: list[Received] = []
        self.posted: list[Posted] = []
        self.media: dict[str, tuple[str, bytes]] = {}
        self.queued: dict[str, deque[tuple[int, dict[str, Any]] | None]] = {r: deque() for r in RATE_LIMITED}
        self.sent_at: dict[str, deque[float]] = {r: deque() for r in RATE_LIMITED}
        self.skew = 0.0
        self.delay = 0.0
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> Robots:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def url(self, robot: str, credential: str | None = None) -> str:
        base = f"http://127.0.0.1:{self.port}"
        if robot == "wecom":
            return f"{base}/cgi-bin/webhook/send?key={credential or KEY}"
        if robot == "dingtalk":
            return f"{base}/robot/send?access_token={credential or TOKEN}"
        return f"{base}/open-apis/bot/v2/hook/{credential or HOOK}"

    def args(self, robot: str, credential: str | None = None) -> tuple[str, ...]:
        """`--to ROBOT --webhook URL`: a local address does not say which robot it is."""
        return ("--to", robot, "--webhook", self.url(robot, credential))

    def now(self) -> float:
        return time.time() + self.skew

    def advance(self, seconds: float) -> None:
        """The wait a client makes, on the server's clock: the rate window moves on."""
        self.skew += seconds

    def refuse(self, robot: str, times: int = 1, after: int = 0,
               reply: tuple[int, dict[str, Any]] | None = None) -> None:
        """After the next `after` requests to `robot`, `times` get `reply` instead of the real
        answer (by default its rate-limit reply)."""
        self.queued[robot].extend([None] * after + [reply or RATE_LIMITED[robot]] * times)

    # ------------------------------------------------------------ the platforms

    def answer(self, got: Received) -> tuple[int, dict[str, Any]]:
        queued = self.queued[got.robot].popleft() if self.queued[got.robot] else None
        answer: tuple[int, dict[str, Any]] = queued or getattr(self, got.robot)(got)
        return answer

    def _limited(self, robot: str) -> bool:
        """Over 20 accepted in the last minute; else this one counts."""
        window = self.sent_at[robot]
        while window and window[0] <= self.now() - 60:
            window.popleft()
        if len(window) >= RATE:
            return True
        window.append(self.now())
        return False

    def wecom(self, got: Received) -> tuple[int, dict[str, Any]]:
        if got.query.get("key") != KEY:
            return 200, {"errcode": 93000, "errmsg": "invalid webhook url, hint: [1729000000_1], "
                         "more info at https://open.work.weixin.qq.com/devtool/query?e=93000"}
        if got.path.endswith("/upload_media"):
            if got.query.get("type") != "file":
                return 200, {"errcode": 40004, "errmsg": "invalid media type"}
            name, data = multipart(got.headers["content-type"], got.body)["media"]
            if not 5 <= len(data) <= 20 * 1024 * 1024:
                return 200, {"errcode": 40006, "errmsg": "invalid file size"}
            media_id = f"media-{len(self.media) + 1}"
            self.media[media_id] = (name, data)
            return 200, {"errcode": 0, "errmsg": "ok", "type": "file", "media_id": media_id,
                         "created_at": "1729000000"}
        data = json.loads(got.body)
        if self._limited("wecom"):
            return RATE_LIMITED["wecom"]
        if data["msgtype"] == "markdown":
            content = data["markdown"]["content"]
            if len(content.encode()) > 4096:
                return 200, {"errcode": 40058, "errmsg": "markdown.content exceed max length 4096"}
            self.posted.append(Posted("wecom", "", content))
        elif data["msgtype"] == "file" and data["file"]["media_id"] in self.media:
            self.posted.append(Posted("wecom", "", "", self.media[data["file"]["media_id"]]))
        else:
            return 200, {"errcode": 40007, "errmsg": "invalid media_id"}
        return 200, {"errcode": 0, "errmsg": "ok"}

    def dingtalk(self, got: Received) -> tuple[int, dict[str, Any]]:
        if got.query.get("access_token") != TOKEN:
            return 200, {"errcode": 300001, "errmsg": "token is not exist"}
        stamp = got.query.get("timestamp", "")
        # parse_qsl has already decoded the sign once, as DingTalk's server does
        if (not stamp.isdigit() or abs(int(stamp) - self.now() * 1000) > 3600_000
                or got.query.get("sign") != dingtalk_sign(stamp, SECRET)):
            return 200, {"errcode": 310000, "errmsg": "sign not match, more: [https://ding-doc.dingtalk.com]"}
        if self._limited("dingtalk"):
            return RATE_LIMITED["dingtalk"]
        data = json.loads(got.body)
        if data.get("msgtype") != "markdown" or not data["markdown"].get("title"):
            return 200, {"errcode": 40035, "errmsg": "missing parameter: markdown title or text"}
        self.posted.append(Posted("dingtalk", data["markdown"]["title"], data["markdown"]["text"]))
        return 200, {"errcode": 0, "errmsg": "ok"}

    def feishu(self, got: Received) -> tuple[int, dict[str, Any]]:
        if got.path.rpartition("/")[2] != HOOK:
            return 200, {"code": 19001, "msg": "param invalid: incoming webhook access token invalid", "data": {}}
        if len(got.body) > 20_000:
            return 400, {"code": 9499, "msg": "Bad Request", "data": {}}
        data = json.loads(got.body)
        stamp = str(data.get("timestamp", ""))
        if (not stamp.isdigit() or abs(int(stamp) - self.now()) > 3600
                or data.get("sign") != feishu_sign(stamp, SECRET)):
            return 200, {"code": 19021, "msg": "sign match fail or timestamp is not within one hour "
                         "from current time", "data": {}}
        if self._limited("feishu"):
            return RATE_LIMITED["feishu"]
        card = data["card"]
        [element] = card["elements"]
        if (data["msg_type"], card["header"]["title"]["tag"], element["tag"], element["text"]["tag"]) != (
                "interactive", "plain_text", "div", "lark_md"):
            return 400, {"code": 9499, "msg": "Bad Request", "data": {}}
        self.posted.append(Posted("feishu", card["header"]["title"]["content"], element["text"]["content"]))
        return 200, {"code": 0, "msg": "success", "data": {}}


def _handler(robots: Robots) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # http.server's name
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            parts = urlsplit(self.path)
            robot = ("wecom" if parts.path.startswith("/cgi-bin/webhook/") else
                     "dingtalk" if parts.path == "/robot/send" else
                     "feishu" if parts.path.startswith("/open-apis/bot/v2/hook/") else "")
            got = Received(robot, unquote(parts.path), dict(parse_qsl(parts.query)),
                           {k.lower(): v for k, v in self.headers.items()}, body)
            with robots.lock:
                robots.requests.append(got)
            if robots.delay:  # a robot slow to answer: the request has arrived all the same
                time.sleep(robots.delay)
            with robots.lock:
                got.status, got.reply = robots.answer(got) if robot else (404, {})
            reply = json.dumps(got.reply).encode()
            self.send_response(got.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, format: str, *args: Any) -> None:  # http.server's name
            pass

    return Handler
