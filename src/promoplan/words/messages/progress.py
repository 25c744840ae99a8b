"""Messages of the progress stage: errors, their fixes and status lines (see messages/__init__.py)."""

from __future__ import annotations

ZH: dict[str, str] = {
    # A status, in the 状态 column or the plan file's progress:
    "progress.not-a-status": "「{text}」不是状态",
    "progress.not-a-day": "「{text}」不是日期",
    "progress.bad-percent": "进度「{text}」应是 0 到 100 的整数",
    "progress.no-percent": "「{word}」后面不写进度",
    "progress.how": "写 完成、进行中、受阻 或 取消，后面可加日期或进度：完成 12/1、进行中 50%",
    "progress.how-day": "日期写成 12/1、12月1日 或 2024-12-01",
    "progress.how-plan-day": "计划文件里日期写成 2024-12-01：完成 2024-12-01",
    "progress.how-percent": "进度写在 进行中 或 受阻 后面：进行中 50%",
    "progress.plan-no-task": "progress 里的「{id}」不是本计划的任务",
    # The workbook
    "progress.cell": "{task}：{reason}",
    "progress.open-hint": "请给出 promoplan compile 生成的 .xlsx 文件",
    "progress.no-meta": "工作簿里没有活动编号：隐藏的工作表「{sheet}」不见了",
    "progress.no-key": "工作簿里没有活动编号：A1 应为 campaign，B1 为活动编号",
    "progress.how-workbook": "请在 promoplan compile -o plan.xlsx 生成的工作簿里填写状态列",
    "progress.no-columns": "没有哪张表同时有「状态」列和 id 列",
    "progress.how-columns": "把计划重新编译成 .xlsx：两列都会写上",
    "progress.other-campaign": "这个工作簿是活动编号「{book}」的进程表，而 {plan} 的活动编号是「{campaign}」",
    "progress.how-campaign": "请填写由 {plan} 编译出的工作簿，或用 --into 给出活动编号「{book}」的计划文件",
    "progress.not-in-plan": "「{name}」不在 {plan} 里",
    "progress.how-not-in-plan": "工作簿比计划旧：把 {plan} 重新编译成 .xlsx",
    "progress.rows-disagree": "{task}在 {other} 的状态与这里不同",
    "progress.how-rows-disagree": "同一任务的各行要写同样的状态",
    "progress.no-plan-file": "--into {file}：没有这个计划文件",
    "progress.how-plan-file": "请给出编译这个工作簿所用的计划文件",
    # Status lines
    "progress.wrote": "已写入 {file}",
    "progress.skipped": "另有{n}格状态没读懂，这些任务的状态未改动",
}

EN: dict[str, str] = {
    "progress.not-a-status": "'{text}' is not a status",
    "progress.not-a-day": "'{text}' is not a date",
    "progress.bad-percent": "the percentage '{text}' must be a whole number from 0 to 100",
    "progress.no-percent": "'{word}' takes no percentage",
    "progress.how": ("write done, doing, blocked or cancelled, optionally followed by a date or a "
                     "percentage: done 12/1, doing 50%"),
    "progress.how-day": "write the date as 12/1 or 2024-12-01",
    "progress.how-plan-day": "in the plan file, write the date as 2024-12-01: done 2024-12-01",
    "progress.how-percent": "a percentage follows doing or blocked: doing 50%",
    "progress.plan-no-task": "progress: no task '{id}'",
    "progress.cell": "{task}: {reason}",
    "progress.open-hint": "give the .xlsx that promoplan compile wrote",
    "progress.no-meta": "no campaign key: the hidden sheet '{sheet}' is missing",
    "progress.no-key": "no campaign key: expected 'campaign' in A1 and the key in B1",
    "progress.how-workbook": ("fill in the 状态 column of the workbook that promoplan compile "
                              "-o plan.xlsx wrote"),
    "progress.no-columns": "no sheet with a 状态 or Status column and an id column",
    "progress.how-columns": "compile the plan to .xlsx again: it writes both",
    "progress.other-campaign": "this workbook is for campaign '{book}', but {plan} is campaign '{campaign}'",
    "progress.how-campaign": ("fill in the workbook compiled from {plan}, or give the plan file of "
                              "'{book}' to --into"),
    "progress.not-in-plan": "'{name}' is not in {plan}",
    "progress.how-not-in-plan": "the workbook is older than the plan: compile {plan} to .xlsx again",
    "progress.rows-disagree": "{task} has another status at {other}",
    "progress.how-rows-disagree": "a task's rows must agree: give them the same status",
    "progress.no-plan-file": "--into {file}: no such plan file",
    "progress.how-plan-file": "give the plan file the workbook was compiled from",
    "progress.wrote": "wrote {file}",
    "progress.skipped": ("{n} status cell could not be read: its task was left as it was|"
                         "{n} status cells could not be read: their tasks were left as they were"),
}
