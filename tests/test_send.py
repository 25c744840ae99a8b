"""`promoplan send`: the day's agenda posted to WeCom, DingTalk and Feishu robots.

Every robot here is `tests/robots.py` on 127.0.0.1, keeping its platform's documented
contract (paths, JSON, size limits, signatures checked with the known secret within an
hour, rate-limit and error codes, the multipart upload); nothing reaches the internet.
What arrives is checked byte by byte. Waits before a new try are handed to the server's
clock instead of slept (`robots` fixture), so the rate window moves on and no test sleeps.

The plans: the small plan of tests/test_diff_agenda.py (signup Mon 2024-10-14, open Fri
11-01 10:00; 活动策划 due Sun 10-13, 改价格 on Wed 10-30, 开团检查 at 11-01 10:25, 复盘 on
Sat 11-02), and the example 聚划算 two-day group (examples/ju-huasuan-2024.yaml).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from promoplan.reports.send import transport

from .conftest import Ran, run_here
from .robots import HOOK, KEY, SECRET, TOKEN, Robots
from .test_diff_agenda import BASE, PLAN_V1

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ju-huasuan-2024.yaml"
PROXIES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


@pytest.fixture
def robots(monkeypatch: pytest.MonkeyPatch) -> Iterator[Robots]:
    for name in (*PROXIES, "PROMOPLAN_WEBHOOK", "PROMOPLAN_WEBHOOK_SECRET"):
        monkeypatch.delenv(name, raising=False)
    with Robots() as server:
        waits: list[float] = []

        def wait(seconds: float) -> None:
            waits.append(seconds)
            server.advance(seconds)

        monkeypatch.setattr(transport, "pause", wait)
        server.waits = waits  # type: ignore[attr-defined]
        yield server


@pytest.fixture
def story(tmp_path: Path) -> Path:
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(PLAN_V1, encoding="utf-8")
    return tmp_path


def send(cwd: Path, *args: str, secret: str = SECRET) -> Ran:
    return run_here("send", *args, cwd=cwd, env={"PROMOPLAN_WEBHOOK_SECRET": secret})


def everything(ran: Ran) -> str:
    return ran.stdout + ran.stderr


# ------------------------------------------------------------------ a real plan's day, three robots

# 10-25 (Fri) of the two-day group, as `agenda --on 2024-10-25` lists it, under the message's
# headings by section: the moments 运营32 and 文案11 and the starts 推广20 and 美工29 under 今日开始,
# 推广19 under 今日截止, Thursday's eight deadlines under 已到期 (the last working day).
TITLE = "聚划算两天团进程表（2024双十一） · 10月25日 周五"
LINES = [
    "**今日开始**",
    "【运营】",
    "- 运营第32项「分批开团时间(10:00、10:05、10:10),具体参看聚划算页面」 — 运营主管（张伟）",
    "【推广】",
    "- 推广第20项「流量不足时预备方案」 — 推广主管（王芳）",
    "【美工】",
    "- 美工第29项「店铺首页挂上聚划算的标志图片(从确定上线开始悬挂一个月)」 — 美工主管（刘洋）",
    "【文案】",
    "- 文案第11项「根据后续活动,撰写相对应的活动文案」 — 文案（陈静）",
    "**今日截止**",
    "【推广】",
    "- 推广第19项「聚划算活动及流量计划(开团前预订及点击量预计;开团前半小时及流量、销售预测;购买促溜须;"
    "老客户购买促销;活动后购买价格与活动策划)」 — 推广主管（王芳）",
    "**已到期（请确认完成）**",
    "【运营】",
    "- 10月24日 周四 截止 运营第16项「应急方案:预防停电、断网之类的突发事件」 — 运营主管（张伟）",
    "【推广】",
    "- 10月24日 周四 截止 推广第17项「活动产品直通车计划」 — 推广主管（王芳）",
    "- 10月24日 周四 截止 推广第18项「活动产品钻展计划」 — 推广主管（王芳）",
    "- 10月24日 周四 截止 推广第21项「推广活动执行时间及KPI指标设定」 — 推广主管（王芳）",
    "【美工】",
    "- 10月24日 周四 截止 美工第10项「聚划算搭配商品内页设计及优化」 — 美工主管（刘洋）",
    "- 10月24日 周四 截止 美工第15项「根据跳失率,优化活动主页」 — 美工主管（刘洋）",
    "- 10月24日 周四 截止 美工第16项「根据后续活动内容,设计活动主页并测试」 — 美工主管（刘洋）",
    "- 10月24日 周四 截止 美工第18项「根据后续活动内容,设计活动内页并测试」 — 美工主管（刘洋）",
]


def _json_text(text: str) -> str:
    """A string as it stands in the JSON body: no quote or backslash in these lines, only newlines."""
    assert '"' not in text
    assert "\\" not in text
    return text.replace("\n", "\\n")


def test_a_day_of_a_real_plan_reaches_wecom_byte_for_byte(robots: Robots, tmp_path: Path) -> None:
    out = send(tmp_path, str(EXAMPLE), "--on", "2024-10-25", *robots.args("wecom"))
    assert (out.returncode, out.stdout, out.stderr) == (0, "", "已发送到企业微信：消息\n")
    [got] = robots.requests
    content = "\n".join([f"### {TITLE}", *LINES])
    assert got.path == "/cgi-bin/webhook/send"
    assert got.query == {"key": KEY}
    assert got.headers["content-type"] == "application/json; charset=utf-8"
    assert got.body == ('{"msgtype":"markdown","markdown":{"content":"' + _json_text(content) + '"}}').encode()
    assert [(p.robot, p.text) for p in robots.posted] == [("wecom", content)]


def test_a_day_of_a_real_plan_reaches_dingtalk_signed(robots: Robots, tmp_path: Path) -> None:
    out = send(tmp_path, str(EXAMPLE), "--on", "2024-10-25", *robots.args("dingtalk"))
    assert (out.returncode, out.stderr) == (0, "已发送到钉钉：消息\n")
    [got] = robots.requests
    # The server checked the signature with the known secret, the timestamp within an hour.
    assert got.reply == {"errcode": 0, "errmsg": "ok"}
    assert sorted(got.query) == ["access_token", "sign", "timestamp"]
    assert len(got.query["timestamp"]) == 13  # milliseconds
    text = "\n\n".join([f"### {TITLE}", *LINES])  # DingTalk needs a blank line between lines
    assert got.body == ('{"msgtype":"markdown","markdown":{"title":"' + TITLE + '","text":"'
                        + _json_text(text) + '"}}').encode()
    assert [(p.title, p.text) for p in robots.posted] == [(TITLE, text)]


def test_a_day_of_a_real_plan_reaches_feishu_signed(robots: Robots, tmp_path: Path) -> None:
    out = send(tmp_path, str(EXAMPLE), "--on", "2024-10-25", *robots.args("feishu"))
    assert (out.returncode, out.stderr) == (0, "已发送到飞书：消息\n")
    [got] = robots.requests
    assert got.reply == {"code": 0, "msg": "success", "data": {}}
    stamp, sign = got.json["timestamp"], got.json["sign"]
    assert len(stamp) == 10  # seconds
    content = "\n".join(LINES)  # the title is the card's header
    assert got.body == (
        '{"timestamp":"' + stamp + '","sign":"' + sign + '","msg_type":"interactive","card":'
        '{"config":{"wide_screen_mode":true},"header":{"title":{"tag":"plain_text","content":"' + TITLE
        + '"}},"elements":[{"tag":"div","text":{"tag":"lark_md","content":"' + _json_text(content)
        + '"}}]}}').encode()
    assert [(p.title, p.text) for p in robots.posted] == [(TITLE, content)]


def test_times_moments_and_the_holiday_warning_first(robots: Robots, story: Path) -> None:
    # Fri 11-01: 开团检查 at 10:25 is a moment, listed under 今日开始 with its time.
    out = send(story, "plan.yaml", "--on", "2024-11-01", *robots.args("wecom"))
    assert out.returncode == 0
    # Signup 2027-03-01: the 2027 holiday schedule is not published; its warning comes first.
    late = send(story, "plan.yaml", "--signup", "2027-03-01", "--on", "2027-03-01", *robots.args("wecom"))
    assert late.returncode == 0
    assert [p.text for p in robots.posted] == [
        "### 小测试 · 11月1日 周五\n**今日开始**\n【客服】\n- 10:25 客服第1项「开团检查」 — 客服主管",
        "### 小测试 · 3月1日 周一\n"
        '<font color="warning">重要：2027年的法定节假日安排尚未公布：休息日按法定规则推算，调休上班日未知，'
        "公布后请重新生成本计划。</font>\n"
        "**已到期（请确认完成）**\n【运营】\n- 2月28日 周日 截止 运营第1项「活动策划」 — 运营主管（张伟）",
    ]


def test_once_progress_is_recorded_what_is_late_is_overdue_by_section(robots: Robots, story: Path) -> None:
    # As agenda's test: on Sun 11-03, 改价格 (Wed 10-30), 开团检查 (Fri 11-01, in progress) and
    # 复盘 (Sat 11-02) are past due and not done; by section, oldest first within each.
    (story / "tracked.yaml").write_text(PLAN_V1 + "progress:\n  brief: 完成 2024-10-13\n  check: 进行中\n",
                                        encoding="utf-8")
    assert send(story, "tracked.yaml", "--on", "2024-11-03", *robots.args("wecom")).returncode == 0
    assert send(story, "tracked.yaml", "--on", "2024-11-03", "--owner", "客服主管",
                *robots.args("wecom")).returncode == 0
    assert [p.text for p in robots.posted] == [
        "### 小测试 · 11月3日 周日\n**已逾期**\n【运营】\n"
        "- 10月30日 周三 截止 运营第2项「改价格」 — 运营主管（张伟）\n"
        "- 11月2日 周六 截止 运营第3项「复盘」 — 运营主管（张伟）\n"
        "【客服】\n- 11月1日 周五 截止 客服第1项「开团检查」 — 客服主管 · ▶ 进行中",
        "### 小测试 · 11月3日 周日\n**已逾期**\n"
        "【客服】\n- 11月1日 周五 截止 客服第1项「开团检查」 — 客服主管 · ▶ 进行中",
    ]


# ------------------------------------------------------------------ a week in parts


def test_a_week_of_ju_huasuan_is_cut_into_parts_that_fit_wecom(robots: Robots, tmp_path: Path) -> None:
    args = ("ju-huasuan", "--signup", "2024-10-14", "--week", "--on", "2024-10-28")
    out = send(tmp_path, *args, *robots.args("wecom"))
    assert out.returncode == 0, out.stderr
    texts = [p.text for p in robots.posted]
    total = len(texts)
    assert total == 5
    assert out.stderr == "".join(f"已发送到企业微信：第{n}/5部分\n" for n in range(1, 6))
    sizes = [len(text.encode()) for text in texts]
    assert all(size <= 4096 for size in sizes)
    assert all(size > 4096 - 300 for size in sizes[:-1])  # full: the next task line did not fit
    # Numbered in order; each part says which day, heading and section its first task is under.
    week = "聚划算单品团进程表 · 10月28日 周一 – 11月3日 周日"
    assert [t.split("\n")[0] for t in texts] == [f"### {week}（{n}/{total}）" for n in range(1, 6)]
    assert all(re.fullmatch(r"#### \d+月\d+日 周.", t.split("\n")[1]) for t in texts)
    assert all(t.split("\n")[2] in ("**开始**", "**截止**", "**已到期（请确认完成）**") for t in texts)
    assert all(t.split("\n")[3].startswith("【") for t in texts)
    # Together they hold every task `agenda` lists for that week, each once.
    agenda = run_here("agenda", *args, "--format", "md", cwd=tmp_path)
    listed = Counter(re.search(r"\*\*(.+?)\*\* — ", line)[1]  # type: ignore[index]
                     for line in agenda.stdout.splitlines() if line.startswith("- "))
    task = re.compile(r"- (?:\d\d:\d\d )?(?:\d+月\d+日 周. 截止 )?(.+?) — ")
    posted = Counter(task.match(line)[1] for t in texts for line in t.split("\n")  # type: ignore[index]
                     if line.startswith("- "))
    # 134: the team works weekends, so Monday no longer asks about two deadlines of the weekend
    assert sum(listed.values()) == 134  # 28 of them the half-hourly check on 11-01
    assert posted == listed


@pytest.mark.parametrize(("robot", "limit"), [("dingtalk", 15_000), ("feishu", 20_000)])
def test_the_same_week_fits_dingtalk_and_feishu(robots: Robots, tmp_path: Path, robot: str, limit: int) -> None:
    # DingTalk: the markdown text within 15,000 bytes; Feishu: the whole body within 20 KB
    # (the server refuses a larger one with 9499). The example group's week of 10-28 names
    # everyone's people too: 26,000 bytes and more.
    out = send(tmp_path, str(EXAMPLE), "--week", "--on", "2024-10-28", *robots.args(robot))
    assert out.returncode == 0, out.stderr
    sizes = [len(r.body) if robot == "feishu" else len(r.json["markdown"]["text"].encode())
             for r in robots.requests]
    assert len(sizes) == 2
    assert all(size <= limit for size in sizes)
    agenda = run_here("agenda", str(EXAMPLE), "--week", "--on", "2024-10-28", "--format", "md", cwd=tmp_path)
    listed = [line for line in agenda.stdout.splitlines() if line.startswith("- ")]
    lines = [line for p in robots.posted for line in p.text.split("\n") if line.startswith("- ")]
    assert len(lines) == len(listed) == 179


def test_a_task_too_long_for_a_part_of_its_own_is_shortened(robots: Robots, story: Path) -> None:
    name = "长" * 2000  # 6,000 bytes of UTF-8
    (story / "plan.yaml").write_text(PLAN_V1 + f"tasks:\n  - {{id: brief, name: {name}}}\n", encoding="utf-8")
    out = send(story, "plan.yaml", "--on", "2024-10-14", *robots.args("wecom"))
    assert out.returncode == 0, out.stderr
    [posted] = robots.posted
    head = "### 小测试 · 10月14日 周一\n**已到期（请确认完成）**\n【运营】\n- 10月13日 周日 截止 运营第1项「"
    assert posted.text.startswith(head)
    assert posted.text.endswith("长…")
    assert len(posted.text.encode()) in (4094, 4095, 4096)  # one more 长 (3 bytes) would not fit


# ------------------------------------------------------------------ rate limits and refusals


@pytest.mark.parametrize(("robot", "code", "name"), [
    ("wecom", "错误码 45009", "企业微信"), ("dingtalk", "错误码 130101", "钉钉"), ("feishu", "错误码 11232", "飞书"),
], ids=["wecom", "dingtalk", "feishu"])
def test_a_rate_limit_then_success_gives_one_copy_of_each_message(
        robots: Robots, tmp_path: Path, robot: str, code: str, name: str) -> None:
    robots.refuse(robot, times=1)
    out = send(tmp_path, str(EXAMPLE), "--on", "2024-10-25", *robots.args(robot))
    assert out.returncode == 0, out.stderr
    assert out.stderr == (f"{name}限流（{code}）：20秒后重发消息（第1次重试，最多3次）\n"
                          f"已发送到{name}：消息\n")
    assert robots.waits == [20.0]  # type: ignore[attr-defined]
    assert len(robots.requests) == 2
    assert len(robots.posted) == 1


def test_a_limited_second_part_is_sent_again_and_the_first_never(robots: Robots, tmp_path: Path) -> None:
    # 11-02 of the two-day group takes 4 parts; the robot limits the second request.
    robots.refuse("wecom", times=2, after=1)
    out = send(tmp_path, str(EXAMPLE), "--on", "2024-11-02", *robots.args("wecom"))
    assert out.returncode == 0, out.stderr
    assert out.stderr.splitlines() == [
        "已发送到企业微信：第1/4部分",
        "企业微信限流（错误码 45009）：20秒后重发第2/4部分（第1次重试，最多3次）",
        "企业微信限流（错误码 45009）：40秒后重发第2/4部分（第2次重试，最多3次）",
        "已发送到企业微信：第2/4部分", "已发送到企业微信：第3/4部分", "已发送到企业微信：第4/4部分"]
    assert robots.waits == [20.0, 40.0]  # type: ignore[attr-defined]
    bodies = [r.body for r in robots.requests]
    assert len(bodies) == 6
    assert bodies[1] == bodies[2] == bodies[3]
    assert [p.text.split("\n")[0][-5:] for p in robots.posted] == ["（1/4）", "（2/4）", "（3/4）", "（4/4）"]
    assert len({p.text for p in robots.posted}) == 4


def test_http_429_is_a_rate_limit_too(robots: Robots, story: Path) -> None:
    robots.refuse("feishu", reply=(429, {}))
    out = send(story, "plan.yaml", "--on", "2024-10-14", *robots.args("feishu"))
    assert (out.returncode, out.stderr) == (0, "飞书限流（HTTP 429）：20秒后重发消息（第1次重试，最多3次）\n"
                                               "已发送到飞书：消息\n")
    assert len(robots.posted) == 1


def test_a_code_we_do_not_know_is_told_in_the_platforms_words_masked(robots: Robots, story: Path) -> None:
    robots.refuse("wecom", reply=(200, {"errcode": 40001, "errmsg": f"invalid credential, key={KEY}"}))
    out = send(story, "plan.yaml", "--on", "2024-10-14", *robots.args("wecom"))
    assert (out.returncode, out.stderr) == (
        1, "企业微信拒收消息：错误码 40001，平台的说明：invalid credential, key=****\n未发送：消息\n")


def test_the_real_rate_window_is_waited_out(robots: Robots, tmp_path: Path) -> None:
    # 20 messages already this minute: the next waits 20 s (still full), then 40 s (free).
    robots.sent_at["feishu"].extend([robots.now()] * 20)
    out = send(tmp_path, str(EXAMPLE), "--on", "2024-10-25", *robots.args("feishu"))
    assert out.returncode == 0, out.stderr
    assert robots.waits == [20.0, 40.0]  # type: ignore[attr-defined]
    assert len(robots.posted) == 1


def test_limited_every_time_stops_and_names_what_was_not_sent(robots: Robots, tmp_path: Path) -> None:
    robots.refuse("wecom", times=4, after=1)
    out = send(tmp_path, str(EXAMPLE), "--on", "2024-11-02", *robots.args("wecom"),
               "--attach", "xlsx")
    assert out.returncode == 1
    assert out.stderr.splitlines()[-2:] == [
        "企业微信一直限流（错误码 45009）：重试3次后仍未发出第2/4部分",
        "未发送：第2/4部分、第3/4部分、第4/4部分、文件「聚划算两天团进程表（2024双十一） 2024-11-02.xlsx」"]
    assert robots.waits == [20.0, 40.0, 60.0]  # type: ignore[attr-defined]
    assert len(robots.posted) == 1


# ------------------------------------------------------------------ bad keys, and the key nowhere


@pytest.mark.parametrize(("robot", "wrong", "expected"), [
    ("wecom", "wrong-key-3d9f0c1e-77aa-4b1b-9c2d-5e6f7a8b9c0d",
     "企业微信拒收消息：错误码 93000，webhook 地址无效：key 不对，或机器人已被移出群"),
    ("dingtalk", "wrong-token-0f1e2d3c4b5a69788796a5b4c3d2e1f0",
     "钉钉拒收消息：错误码 300001，access_token 不存在：地址不对，或机器人已被删除"),
    ("feishu", "wrong-hook-8a7b6c5d-4e3f-2a1b-0c9d-8e7f6a5b4c3d",
     "飞书拒收消息：错误码 19001，webhook 地址无效：地址中的 token 不对，或机器人已被删除"),
])
def test_a_bad_key_is_explained_and_never_shown(robots: Robots, story: Path, robot: str, wrong: str,
                                                 expected: str) -> None:
    for debug in ((), ("--debug",)):
        out = send(story, *debug, "plan.yaml", "--on", "2024-10-14", *robots.args(robot, wrong))
        assert (out.returncode, out.stdout, out.stderr) == (1, "", f"{expected}\n未发送：消息\n")
        assert wrong not in everything(out)
    code = int(re.search(r"错误码 (\d+)", expected)[1])  # type: ignore[index]
    assert [r.reply.get("errcode", r.reply.get("code")) for r in robots.requests] == [code, code]
    assert robots.posted == []


@pytest.mark.parametrize(("robot", "expected"), [
    ("dingtalk", "钉钉拒收消息：错误码 310000，安全设置未通过：签名不对（检查 PROMOPLAN_WEBHOOK_SECRET）、"
                 "消息不含机器人设置的关键词，或本机 IP 不在白名单"),
    ("feishu", "飞书拒收消息：错误码 19021，签名校验失败：密钥不对（检查 PROMOPLAN_WEBHOOK_SECRET），"
               "或本机时间与标准时间相差超过1小时"),
])
def test_a_wrong_secret_is_refused_and_never_shown(robots: Robots, story: Path, robot: str, expected: str) -> None:
    wrong = "SEC-a-wrong-secret-55e4d3c2b1a0"
    out = send(story, "--debug", "plan.yaml", "--on", "2024-10-14", *robots.args(robot), secret=wrong)
    assert (out.returncode, out.stderr) == (1, f"{expected}\n未发送：消息\n")
    dry = send(story, "plan.yaml", "--on", "2024-10-14", *robots.args(robot), "--dry-run",
               secret=wrong)
    for shown in (everything(out), everything(dry)):
        assert wrong not in shown
        assert TOKEN not in shown
        assert HOOK not in shown


def test_the_key_is_masked_in_errors_and_tracebacks(robots: Robots, story: Path) -> None:
    # Not a robot's path: an error before anything is sent, with --debug a traceback; the key
    # is in neither, nor is a password in the address.
    url = f"http://user:pa55word-long@127.0.0.1:{robots.port}/webhook/send?key={KEY}"
    for debug in ((), ("--debug",)):
        out = send(story, *debug, "plan.yaml", "--to", "wecom", "--webhook", url)
        assert KEY not in everything(out)
        assert "pa55word-long" not in everything(out)
        assert "命令行：主机 127.0.0.1 上的这个地址不是企业微信群机器人的 webhook" in out.stderr
    assert out.returncode == 1  # --debug: the traceback of our error, masked
    assert "Traceback" in out.stderr
    assert robots.requests == []


# ------------------------------------------------------------------ the workbook


def test_the_workbook_goes_to_wecom_after_the_message(robots: Robots, story: Path) -> None:
    out = send(story, "plan.yaml", "--on", "2024-10-14", *robots.args("wecom"), "--attach", "xlsx")
    assert (out.returncode, out.stderr) == (0, "已发送到企业微信：消息\n已发送到企业微信：文件「小测试 2024-10-14.xlsx」\n")
    message, upload, file = robots.requests
    assert (message.path, upload.path, file.path) == (
        "/cgi-bin/webhook/send", "/cgi-bin/webhook/upload_media", "/cgi-bin/webhook/send")
    assert upload.query == {"key": KEY, "type": "file"}
    assert upload.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'Content-Disposition: form-data; name="media"; filename="\xe5\xb0\x8f\xe6\xb5\x8b\xe8\xaf\x95 ' \
           b'2024-10-14.xlsx"\r\n' in upload.body
    assert file.body == b'{"msgtype":"file","file":{"media_id":"media-1"}}'
    [name, data] = robots.posted[1].file  # type: ignore[misc]
    assert name == "小测试 2024-10-14.xlsx"
    # The same bytes `compile -o` writes, and a workbook openpyxl opens.
    assert run_here("compile", "plan.yaml", "-o", "plan.xlsx", "-q", cwd=story).returncode == 0
    assert data == (story / "plan.xlsx").read_bytes()
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[0] == "进程表"


@pytest.mark.parametrize(("robot", "name"), [("dingtalk", "钉钉"), ("feishu", "飞书")])
def test_no_workbook_for_robots_that_take_no_files(robots: Robots, story: Path, robot: str, name: str) -> None:
    out = send(story, "plan.yaml", *robots.args(robot), "--attach", "xlsx")
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr == (f"命令行：--attach xlsx：{name}的群机器人不能发送文件"
                          "（只有企业微信群机器人能发文件；去掉 --attach，或改用企业微信机器人）\n")
    assert robots.requests == []


# ------------------------------------------------------------------ dry run


def test_dry_run_prints_the_requests_masked_and_sends_nothing(robots: Robots, story: Path) -> None:
    out = send(story, "plan.yaml", "--on", "2024-10-14", *robots.args("wecom"), "--dry-run")
    assert out.returncode == 0
    assert out.stdout == f"""\
POST http://127.0.0.1:{robots.port}/cgi-bin/webhook/send?key=****
Content-Type: application/json; charset=utf-8

{{
  "msgtype": "markdown",
  "markdown": {{
    "content": "### 小测试 · 10月14日 周一\\n**已到期（请确认完成）**\\n【运营】\\n- 10月13日 周日 截止 运营第1项「活动策划」 — 运营主管（张伟）"
  }}
}}
"""
    assert out.stderr == "没有发送（--dry-run）\n"
    feishu = send(story, "plan.yaml", "--on", "2024-10-14", *robots.args("feishu"), "--dry-run")
    assert f"POST http://127.0.0.1:{robots.port}/open-apis/bot/v2/hook/****\n" in feishu.stdout
    assert '  "sign": "****",\n' in feishu.stdout
    assert robots.requests == []


# ------------------------------------------------------------------ never twice, never stuck


def test_no_answer_in_time_is_not_sent_again(robots: Robots, story: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transport, "TIMEOUT", 0.2)
    robots.delay = 0.6
    out = send(story, "plan.yaml", "--on", "2024-10-14", *robots.args("wecom"))
    assert (out.returncode, out.stderr) == (
        1, "企业微信没有回应消息（ReadTimeout）：它可能已经收到，为免重复不再重发\n")
    assert len(robots.requests) == 1
    assert robots.waits == []  # type: ignore[attr-defined]


def test_a_robot_that_cannot_be_reached_is_tried_three_more_times(robots: Robots, story: Path) -> None:
    closed = robots.url("wecom").replace(str(robots.port), str(_closed_port()))
    out = send(story, "plan.yaml", "--on", "2024-10-14", "--to", "wecom", "--webhook", closed)
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        "连不上企业微信（ConnectError）：20秒后重发消息（第1次重试，最多3次）",
        "连不上企业微信（ConnectError）：40秒后重发消息（第2次重试，最多3次）",
        "连不上企业微信（ConnectError）：60秒后重发消息（第3次重试，最多3次）",
        "连不上企业微信（ConnectError）：重试3次后仍未发出消息", "未发送：消息"]
    assert robots.waits == [20.0, 40.0, 60.0]  # type: ignore[attr-defined]


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ------------------------------------------------------------------ configuration


def test_the_webhook_from_the_environment_and_the_platform_from_the_host(story: Path) -> None:
    env = {"PROMOPLAN_WEBHOOK": "https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789abcdef",
           "PROMOPLAN_WEBHOOK_SECRET": ""}
    out = run_here("send", "plan.yaml", "--on", "2024-10-14", "--dry-run", cwd=story, env=env)
    assert out.returncode == 0
    assert out.stdout.startswith("POST https://oapi.dingtalk.com/robot/send?access_token=****\n")
    assert "abcdef0123456789abcdef" not in everything(out)


@pytest.mark.parametrize(("args", "message"), [
    (("--webhook", "https://example.com/hook?key=abc"),
     "无法从主机 example.com 判断是哪种机器人（用 --to wecom|dingtalk|feishu 指定）"),
    (("--to", "feishu", "--webhook", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"),
     "--to feishu，但主机 qyapi.weixin.qq.com 是企业微信的（去掉 --to，或换成该平台机器人的地址）"),
    (("--webhook", "https://open.feishu.cn/open-apis/bot/v2/hook/"),
     "主机 open.feishu.cn 上的这个地址不是飞书群机器人的 webhook（应为 https://open.feishu.cn/open-apis/bot/v2/hook/TOKEN）"),
    (("--webhook", "qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"),
     "webhook 地址不完整或有误：应以 https:// 开头，不含空格（从机器人设置中复制完整的 webhook 地址）"),
    (("--to", "wecom", "--webhook", "http://127.0.0.1:99999/cgi-bin/webhook/send?key=abc"),
     "webhook 地址不完整或有误：应以 https:// 开头，不含空格（从机器人设置中复制完整的 webhook 地址）"),
    (("--webhook", "https://oapi.dingtalk.com/robot/send?access_token=t", "--owner", "运营主管", "--person", "张伟"),
     "--owner 和 --person 只能给一个"),
])
def test_configuration_mistakes_are_exit_2(story: Path, args: tuple[str, ...], message: str) -> None:
    out = run_here("send", "plan.yaml", *args, cwd=story)
    assert (out.returncode, out.stdout, out.stderr) == (2, "", f"命令行：{message}\n")


def test_english_plans_get_english_messages(robots: Robots, story: Path) -> None:
    (story / "base.yaml").write_text(BASE.replace("title: 小测试\n", "title: Small\nlocale: en\n"), encoding="utf-8")
    out = send(story, "plan.yaml", "--on", "2024-10-09", *robots.args("dingtalk"))
    assert (out.returncode, out.stderr) == (0, "sent to DingTalk: the message\n")
    assert robots.posted[0].text == ("### Small · Wed 9 Oct\n\n**Starting today**\n\n[运营]\n\n"
                                     "- 运营 #1 “活动策划” — 运营主管 (张伟)")


def test_the_command_line_loads_no_http_client() -> None:
    code = "import sys; from promoplan import cli; print('httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
