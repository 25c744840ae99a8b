"""The small plan file `promoplan init` writes: what a team keeps in git.

A team does not edit the built-in playbook; it keeps a file that `extends` it, fixes the
dates and names the people, and overrides the few tasks it does differently. Upgrading
promoplan then brings the playbook's fixes without a merge. The file is written as text,
not dumped from data, because its point is the comments that tell a 运营 lead, in
Chinese, what to fill in; every value it sets is empty, so it compiles as soon as the
first anchor's date is filled in.

One value is set (issue 27): `campaign:`, the file's name without its extension, with a
line saying what it is for. Without it the key is the playbook and the first anchor's
date, so moving 报名 by a day made every calendar event new and doubled the team's
calendars; written here, the key stays when the dates move, and the line tells the
team to give the next campaign a key of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from promoplan.playbook.merged import Playbook


def plan_file(name: str, pb: Playbook, filename: str) -> str:
    """The plan file's text for the built-in playbook `name` (loaded as `pb`), saved as `filename`."""
    lines = [
        f"# {pb.title or name} — 本团队的计划文件（建议保存在 git 中）",
        f"# 任务清单来自内置进程表 {name}；这里只写本次活动的日期、人员和本团队的改动。",
        f"# 填好下面第一个日期后即可生成：promoplan compile {filename} -o 进程表.xlsx",
        f"# 想修改整份进程表时，可用 promoplan init {name} --full 复制全文。",
        f"extends: {name}",
        "# 本次活动的编号：日历靠它认出同一次活动，改日期时不要改它；下一次活动请换一个新编号",
        f"campaign: {_scalar(Path(filename).stem)}",
        "",
        "# 活动日期：第一个必填；其余默认按进程表推算，平台公布后取消注释并填写即可",
        "anchors:",
    ]
    for position, (key, anchor) in enumerate(pb.anchors.items()):
        spec = anchor.spec
        when = "日期，如 2025-10-13"
        if spec.time is not None:
            when = f'日期和时间（默认{spec.time}），如 "2025-10-31 {spec.time}"'
        if position == 0 or spec.default is None:
            lines.append(f"  # {anchor.label}（必填）：{when}")
            lines.append(f"  {key}:")
            lines.append("    date:")
        else:
            lines.append(f"  # {anchor.label}：默认 {spec.default}；{when}")
            lines.append(f"  # {key}: {{date: }}")
    first_id = pb.tasks[0].id if pb.tasks else "任务id"
    lines += [
        "",
        "# 人员：每个岗位的负责人，如 [张伟, 王芳] 或 [{name: 李娜, email: lina@example.com}]；",
        "# 写了邮箱的人可以收到自己的日历",
        "team:",
        *(f"  {role}: []" for role in pb.roles),
        "",
        "# 本团队的改动：按任务 id 修改或新增任务（id 见 promoplan compile --format json），例如：",
        f"#   tasks: [{{id: {first_id}, notes: 以ERP库存为准}}]",
        "tasks: []",
        f"# 本团队不做的任务，列出 id，例如 [{first_id}]",
        "remove: []",
        f"# 进度：任务 id → 完成 | 进行中 | 受阻 | 取消（可加日期），例如 {{{first_id}: 完成 2025-10-20}}",
        "progress: {}",
    ]
    return "\n".join(lines) + "\n"


def _scalar(text: str) -> str:
    """`text` as a YAML string: plain when YAML reads it back as that text, else quoted."""
    try:
        plain = yaml.safe_load(f"k: {text}")
    except yaml.YAMLError:
        plain = None
    if isinstance(plain, dict) and plain.get("k") == text:
        return text
    return json.dumps(text, ensure_ascii=False)
