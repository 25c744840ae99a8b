"""The three group robots as their platforms document them: the webhook address and what
it must look like, signing, the JSON each takes, its size limit, and its codes.

- WeCom (企业微信 group robot, 「消息推送」): `POST …/cgi-bin/webhook/send?key=KEY` with
  `{"msgtype": "markdown", "markdown": {"content": …}}`, content at most 4096 bytes of UTF-8;
  a file is uploaded first to the same address with `send` replaced by `upload_media` and
  `&type=file` (multipart field `media`, 5 B to 20 MB; the file name given is the one people
  see), then sent as `{"msgtype": "file", "file": {"media_id": …}}`. 45009: too many
  messages (20 a minute); 93000: the webhook is not valid.
- DingTalk custom robot: `POST …/robot/send?access_token=T`, msgtype `markdown` with a
  title; signed (加签) with `&timestamp=` (milliseconds) and `&sign=`, the URL-encoded base64
  of HMAC-SHA256 keyed with the secret over `timestamp + "\\n" + secret`. No files. 130101:
  too many messages (20 a minute); 310000: a bad signature, a missing keyword or an IP not
  allowed. DingTalk gives no size for a custom robot's markdown; parts stay within the
  15,000 bytes its group-message API takes.
- Feishu custom bot: `POST …/open-apis/bot/v2/hook/TOKEN`, an `interactive` card whose text
  is `lark_md`; signed with `timestamp` (seconds) and `sign`, the base64 of HMAC-SHA256 keyed
  with `timestamp + "\\n" + secret` over an empty message, both in the JSON body, which is
  at most 20 KB. No files. 11232: too many messages; 19021: a bad signature.

The key, the token and the secret are the robot's credentials: anyone holding them posts to
the group. A `Request` carries the real address for the HTTP client and a masked one
(`****`) for everything a person sees, and `Redactor` masks them in any text as a last
guard (a platform's own error words, an HTTP library's).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from urllib.parse import SplitResult, parse_qsl, quote, quote_plus, urlencode, urlsplit, urlunsplit

from promoplan.errors import COMMAND_LINE, PromoplanError
from promoplan.reports.send.message import Markup
from promoplan.vocabulary import Robot
from promoplan.words import Words

MASK = "****"
JSON = "application/json; charset=utf-8"


def encode(payload: dict[str, object]) -> bytes:
    """The JSON body as sent: UTF-8 (the platforms count bytes of it), no spaces."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class Request:
    """One POST. `url` holds the credentials and goes to the HTTP client only; `shown`
    is the same address masked, for everything a person reads."""

    url: str
    shown: str
    payload: dict[str, object] | None = None
    file: tuple[str, bytes] | None = None
    """The multipart field `media`: the file's name and bytes."""


@dataclass(frozen=True)
class Reply:
    """What the robot answered: its code (0: accepted; None: no code could be read), its
    own words, the HTTP status, and the media_id an upload gives."""

    code: int | None
    message: str
    status: int
    media_id: str = ""


def _query(parts: SplitResult) -> dict[str, str]:
    return dict(parse_qsl(parts.query, keep_blank_values=True))


def _with_query(parts: SplitResult, query: str, path: str | None = None) -> str:
    return urlunsplit((parts.scheme, parts.netloc, parts.path if path is None else path, query, ""))


def _without(query: str, names: tuple[str, ...]) -> list[str]:
    """The query's `name=value` pieces as typed, less the named ones."""
    return [piece for piece in query.split("&") if piece and piece.partition("=")[0] not in names]


def _masked(url: str, names: tuple[str, ...]) -> str:
    """The address with the named query values masked, and no user or password in it."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    netloc = f"{host}:{parts.port}" if parts.port else host
    query = [(k, MASK if k in names else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    return urlunsplit((parts.scheme, netloc, parts.path, urlencode(query, safe="*"), ""))


class Platform:
    """What every robot has: its hosts, the address it documents, its markdown, its limit
    and its rate-limit code. The subclasses are the three platforms."""

    robot: Robot
    hosts: tuple[str, ...]
    shape: str
    """The address as the platform documents it, for messages."""
    markup: Markup
    rate_limit: int
    files = False
    masked_names: tuple[str, ...] = ()

    def valid(self, parts: SplitResult) -> bool:
        raise NotImplementedError

    def shown(self, url: str) -> str:
        return _masked(url, self.masked_names)

    def message(self, hook: Webhook, title: str, content: str, now: float) -> Request:
        raise NotImplementedError

    def fits(self, title: str, content: str) -> bool:
        raise NotImplementedError

    def reply(self, status: int, body: bytes) -> Reply:
        return _reply(status, body, "errcode", "errmsg")


def _reply(status: int, body: bytes, code: str, words: str) -> Reply:
    try:
        data = json.loads(body)
    except ValueError:
        return Reply(None, "", status)
    if not isinstance(data, dict) or not isinstance(data.get(code), int):
        return Reply(None, "", status)
    return Reply(data[code], str(data.get(words, "")), status, str(data.get("media_id", "")))


class WeCom(Platform):
    robot = Robot.WECOM
    hosts = ("qyapi.weixin.qq.com",)
    shape = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY"
    markup = Markup(title="### {text}", note='<font color="warning">{text}</font>', day="#### {text}",
                    heading="**{text}**", section="{text}", task="- {text}", plain="{text}", join="\n")
    rate_limit = 45009
    files = True
    masked_names = ("key",)
    LIMIT = 4096
    """markdown.content, in bytes of UTF-8."""
    FILE_SIZES = (5, 20 * 1024 * 1024)
    """What upload_media takes, in bytes."""

    def valid(self, parts: SplitResult) -> bool:
        return parts.path.endswith("/cgi-bin/webhook/send") and bool(_query(parts).get("key"))

    def message(self, hook: Webhook, title: str, content: str, now: float) -> Request:
        payload: dict[str, object] = {"msgtype": "markdown", "markdown": {"content": content}}
        return Request(hook.url, self.shown(hook.url), payload)

    def fits(self, title: str, content: str) -> bool:
        return len(content.encode("utf-8")) <= self.LIMIT

    def upload(self, hook: Webhook, name: str, data: bytes) -> Request:
        """upload_media: the send address with `send` replaced, and `type=file`."""
        parts = urlsplit(hook.url)
        query = "&".join([*_without(parts.query, ("type",)), "type=file"])
        url = _with_query(parts, query, parts.path[: -len("send")] + "upload_media")
        return Request(url, self.shown(url), file=(name, data))

    def file_message(self, hook: Webhook, media_id: str) -> Request:
        return Request(hook.url, self.shown(hook.url), {"msgtype": "file", "file": {"media_id": media_id}})


class DingTalk(Platform):
    robot = Robot.DINGTALK
    hosts = ("oapi.dingtalk.com",)
    shape = "https://oapi.dingtalk.com/robot/send?access_token=TOKEN"
    # DingTalk's markdown joins lines that a blank line does not part.
    markup = Markup(title="### {text}", note="> {text}", day="#### {text}", heading="**{text}**",
                    section="{text}", task="- {text}", plain="{text}", join="\n\n")
    rate_limit = 130101
    masked_names = ("access_token", "sign")
    LIMIT = 15_000
    """markdown.text, in bytes of UTF-8 (see the module's docstring)."""

    def valid(self, parts: SplitResult) -> bool:
        return parts.path.endswith("/robot/send") and bool(_query(parts).get("access_token"))

    def signed(self, hook: Webhook, now: float) -> str:
        """The address with `timestamp` and `sign` when there is a secret (a signature left in
        the address given is replaced)."""
        if not hook.secret:
            return hook.url
        parts = urlsplit(hook.url)
        stamp = str(int(now * 1000))
        digest = hmac.new(hook.secret.encode("utf-8"), f"{stamp}\n{hook.secret}".encode(),
                          hashlib.sha256).digest()
        sign = quote_plus(base64.b64encode(digest).decode("ascii"))
        query = [*_without(parts.query, ("timestamp", "sign")), f"timestamp={stamp}", f"sign={sign}"]
        return _with_query(parts, "&".join(query))

    def message(self, hook: Webhook, title: str, content: str, now: float) -> Request:
        url = self.signed(hook, now)
        payload: dict[str, object] = {"msgtype": "markdown", "markdown": {"title": title, "text": content}}
        return Request(url, self.shown(url), payload)

    def fits(self, title: str, content: str) -> bool:
        return len(content.encode("utf-8")) <= self.LIMIT


class Feishu(Platform):
    robot = Robot.FEISHU
    hosts = ("open.feishu.cn", "open.larksuite.com")
    shape = "https://open.feishu.cn/open-apis/bot/v2/hook/TOKEN"
    # The card's header carries the title; lark_md has no headings.
    markup = Markup(title="", note="<font color='red'>{text}</font>", day="**{text}**", heading="**{text}**",
                    section="{text}", task="- {text}", plain="{text}", join="\n")
    rate_limit = 11232
    LIMIT = 20_000
    """The whole request body, in bytes: "at most 20 KB", kept to under either reading of it."""
    PREFIX = "/open-apis/bot/v2/hook/"

    def valid(self, parts: SplitResult) -> bool:
        head, _, token = parts.path.rpartition("/")
        return (head + "/").endswith(self.PREFIX) and bool(token)

    def shown(self, url: str) -> str:
        parts = urlsplit(_masked(url, ()))
        head, _, _ = parts.path.rpartition("/")
        return urlunsplit((parts.scheme, parts.netloc, f"{head}/{MASK}", parts.query, ""))

    @staticmethod
    def sign(secret: str, stamp: str) -> str:
        digest = hmac.new(f"{stamp}\n{secret}".encode(), b"", hashlib.sha256).digest()
        return base64.b64encode(digest).decode("ascii")

    def payload(self, title: str, content: str, signature: tuple[str, str] | None) -> dict[str, object]:
        body: dict[str, object] = {}
        if signature is not None:
            body["timestamp"], body["sign"] = signature
        body["msg_type"] = "interactive"
        body["card"] = {
            "config": {"wide_screen_mode": True},
            "header": {"title": {"tag": "plain_text", "content": title}},
            "elements": [{"tag": "div", "text": {"tag": "lark_md", "content": content}}],
        }
        return body

    def message(self, hook: Webhook, title: str, content: str, now: float) -> Request:
        stamp = str(int(now))
        signature = (stamp, self.sign(hook.secret, stamp)) if hook.secret else None
        return Request(hook.url, self.shown(hook.url), self.payload(title, content, signature))

    def fits(self, title: str, content: str) -> bool:
        # measured signed, with a timestamp and a signature as long as real ones
        sample = ("1" * 10, "=" * 44)
        return len(encode(self.payload(title, content, sample))) <= self.LIMIT

    def reply(self, status: int, body: bytes) -> Reply:
        found = _reply(status, body, "code", "msg")
        # an older reply shape, still sent on success: {"StatusCode": 0, "StatusMessage": "success"}
        return found if found.code is not None else _reply(status, body, "StatusCode", "StatusMessage")


PLATFORMS: dict[Robot, Platform] = {p.robot: p for p in (WeCom(), DingTalk(), Feishu())}


class Redactor:
    """Masks the credentials of one webhook in any text: the secret, and the address's query
    values and long path segments (a key, a token), as typed and URL-encoded."""

    def __init__(self, url: str, secret: str) -> None:
        found = {secret}
        try:
            parts = urlsplit(url)
            found |= {v for _, v in parse_qsl(parts.query, keep_blank_values=True)}
            found |= {segment for segment in parts.path.split("/") if len(segment) >= 16}
            found |= {parts.password or "", parts.username or ""}
        except ValueError:
            found.add(url)
        variants = {form for value in found if len(value) >= 4
                    for form in (value, quote(value, safe=""), quote_plus(value))}
        self.values = sorted(variants, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for value in self.values:
            text = text.replace(value, MASK)
        return text


@dataclass(frozen=True)
class Webhook:
    """A robot's address and signing secret ("" when the robot does not sign)."""

    platform: Platform
    url: str
    secret: str

    @property
    def shown(self) -> str:
        return self.platform.shown(self.url)


def webhook(url: str, secret: str, to: Robot | None, words: Words) -> Webhook:
    """The robot named by the address (and `--to`), its address checked against the
    platform's documented shape. Messages name the host only: the rest may be the key."""
    table = words.group("send")
    robots = {robot: table[f"robot.{robot}"] for robot in Robot}
    if not url:
        raise PromoplanError(table["no_webhook"], COMMAND_LINE, table["no_webhook.hint"])
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 (a port out of range raises here, not halfway through sending)
    except ValueError:
        parts, host = urlsplit(""), ""
    typed = url.strip()
    if parts.scheme not in ("http", "https") or not host or not typed.isprintable() or " " in typed:
        raise PromoplanError(table["not_an_address"], COMMAND_LINE, table["not_an_address.hint"])
    by_host = next((p for p in PLATFORMS.values() if host in p.hosts), None)
    if to is None and by_host is None:
        raise PromoplanError(table["unknown_host"].format(host=host), COMMAND_LINE,
                             table["unknown_host.hint"])
    if to is not None and by_host is not None and by_host.robot is not to:
        raise PromoplanError(table["mismatch"].format(to=to, host=host, robot=robots[by_host.robot]),
                             COMMAND_LINE, table["mismatch.hint"])
    platform = PLATFORMS[to] if to is not None else by_host
    assert platform is not None
    if not platform.valid(parts):
        raise PromoplanError(table["bad_shape"].format(host=host, robot=robots[platform.robot]),
                             COMMAND_LINE, table["bad_shape.hint"].format(shape=platform.shape))
    return Webhook(platform, url.strip(), secret)
