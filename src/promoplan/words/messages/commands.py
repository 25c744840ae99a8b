"""Messages of the commands stage: errors, their fixes and status lines (see messages/__init__.py).

What the command line says about what was typed, and the lines a command prints about
what it did (`已写入 plan.xlsx`). An entry with `|` is counted (`Words.count`): English
gives its singular before the bar, its plural after it.
"""

from __future__ import annotations

ZH: dict[str, str] = {
    # status lines
    "commands.wrote": "已写入 {path}",
    "commands.of-file": "{ref}：{text}",
    "commands.init-plan": "已写入 {path}：填上{label}日期后，运行 promoplan compile {path}",
    "commands.init-full": "已写入 {path}：按需修改后，运行 promoplan compile {path} --{anchor} YYYY-MM-DD",
    "commands.valid": "{ref}：无误（{tasks}，{anchors}）",
    "commands.valid-warned": "{ref}：无误（{tasks}，{anchors}），{warnings}",
    "commands.n-tasks": "{n}项事项",
    "commands.n-anchors": "{n}个时间节点",
    "commands.n-warnings": "{n}条注意事项",
    # what was typed
    "commands.given-twice": "--{name} 给了两次",
    "commands.given-twice.hint": "只保留一个",
    "commands.unknown-option": "没有「{option}」这个选项",
    "commands.usage": "用法：{usage}",
    "commands.missing-arguments": "缺少参数",
    "commands.unexpected-argument": "多余的参数「{arg}」",
    "commands.expected-pair": "{option} {item}：应写成 名称=值",
    "commands.remind": "--remind：{message}",
    "commands.bad-day": "{option}：「{text}」不是日期",
    "commands.bad-day.hint": "请写成 YYYY-MM-DD，如 2024-10-14",
    # init
    "commands.no-builtin": "没有名为「{name}」的内置进程表",
    "commands.builtins": "内置的有：{names}",
    "commands.exists": "{path} 已存在",
    "commands.exists.hint": "加上 --force 覆盖它",
    # load
    "commands.load-formats": "请用 .xlsx 或 .json",
    "commands.from-after-to": "--from {first} 晚于 --to {last}",
    "commands.load-no-team": "load --by person：没有一个计划写了团队",
    "commands.load-no-team.hint": ("在计划文件或 --team 文件中写上团队（岗位 → 人员），或用 --by owner "
                                   "按岗位统计"),
}

EN: dict[str, str] = {
    "commands.wrote": "wrote {path}",
    "commands.of-file": "{ref}: {text}",
    "commands.init-plan": "wrote {path}: fill in the date of {label}, then run: promoplan compile {path}",
    "commands.init-full": "wrote {path}: edit it, then run: promoplan compile {path} --{anchor} YYYY-MM-DD",
    "commands.valid": "{ref}: ok ({tasks}, {anchors})",
    "commands.valid-warned": "{ref}: ok ({tasks}, {anchors}), {warnings}",
    "commands.n-tasks": "{n} task|{n} tasks",
    "commands.n-anchors": "{n} anchor|{n} anchors",
    "commands.n-warnings": "{n} warning|{n} warnings",
    "commands.given-twice": "--{name} given twice",
    "commands.given-twice.hint": "keep one of them",
    "commands.unknown-option": "unknown option '{option}'",
    "commands.usage": "usage: {usage}",
    "commands.missing-arguments": "missing arguments",
    "commands.unexpected-argument": "unexpected argument '{arg}'",
    "commands.expected-pair": "{option} {item}: expected NAME=VALUE",
    "commands.remind": "--remind: {message}",
    "commands.bad-day": "{option}: cannot read '{text}' as a day",
    "commands.bad-day.hint": "write YYYY-MM-DD, e.g. 2024-10-14",
    "commands.no-builtin": "no built-in playbook named '{name}'",
    "commands.builtins": "built-in: {names}",
    "commands.exists": "{path} already exists",
    "commands.exists.hint": "pass --force to overwrite it",
    "commands.load-formats": "use .xlsx or .json",
    "commands.from-after-to": "--from {first} is after --to {last}",
    "commands.load-no-team": "load --by person: no plan has a team",
    "commands.load-no-team.hint": ("add a team (role → people) to the plan files or --team, "
                                   "or count by role with --by owner"),
}
