"""Messages of the schedule stage: errors, their fixes and status lines (see messages/__init__.py)."""

from __future__ import annotations

ZH: dict[str, str] = {
    "schedule.cannot-read": "无法读取「{src}」：{why}",
    "schedule.unexpected": "多出了「{rest}」",
    "schedule.no-such-time": "「{src}」中的 {time} 不是有效的时刻",
    "schedule.no-such-time-fix": "小时为 0-23，分钟为 0-59",
    "schedule.clock-fix": "时刻写作 15点、下午3点、16点半、16点30分 或 15:00",
    "schedule.midnight": "{said}是午夜，正是一天结束、下一天开始的时刻",
    "schedule.midnight-which": "是指第二天开始的「{next}」，还是这一天结束的「{end}」？",
    "schedule.midnight-fix": "第二天开始请在第二天写 0点，这一天结束请写「{end}」",
    "schedule.after-midnight": "{said}已过午夜，是第二天",
    "schedule.after-midnight-fix": "请在第二天写「{small}」（凌晨指它所在那一天的清晨）",
    "schedule.outside-period": "{period}是 {span}，不是 {time}",
    "schedule.not-a-time": "无法把「{src}」读作时刻",
    "schedule.empty-duration": "时长是空的",
    "schedule.duration-fix": "例如写「3d」「2h」或「30min」",
    "schedule.cn-duration-fix": "例如写 3天、2小时、半小时 或 30分钟",
    "schedule.duration-unexpected": "无法把「{src}」读作时长：多出了「{rest}」",
    "schedule.not-duration": "无法把「{src}」读作时长",
    "schedule.empty-offset": "时间是空的",
    "schedule.empty-offset-fix": "例如写 开团前3天 或「open-3d」",
    "schedule.task-field": "任务编号后面要写「.start」或「.due」",
    "schedule.task-field-fix": "例如写「{example}」",
    "schedule.edge-needs-anchor": "月初、月中或月底要从时间节点算起",
    "schedule.edge-needs-anchor-fix": "先写时间节点，例如「open@month-end」或「event>12-end」",
    "schedule.cn-edge-needs-anchor-fix": "先写时间节点，例如 双十一当月底、开团次月初、双十一后12月底",
    "schedule.anchor-first": "开头应是时间节点的名称",
    "schedule.unknown-anchor-in": "未知的时间节点「{name}」（在「{src}」中）",
    "schedule.number-after": "「{word}」后面要写数字和单位",
    "schedule.signed-fix": "例如「-3d」「+1h30min」",
    "schedule.compact-form-fix": "写法是 时间节点[±数字单位…][@时:分]，例如「open-1d@18:00」",
    "schedule.either": "例如「{first}」或「{second}」",
    "schedule.clock-after-hours": "时刻只能跟在整天之后，不能跟在小时或分钟之后",
    "schedule.unknown-edge": "未知的月份位置「{word}」（在「{src}」中）",
    "schedule.edge-fix": "请写「@month-start」「@month-mid」（15日）或「@month-end」",
    "schedule.named-month-fix": (
        "例如「{ref}>12-end」是「{ref}」当天或之后的第一个12月31日，「{ref}<10-start」是当天或之前的最后一个10月1日"
    ),
    "schedule.month-number": "「{arrow}」后面要写月份数字",
    "schedule.no-month": "没有{month}月（在「{src}」中）",
    "schedule.months-fix": "月份是 1-12；{example}",
    "schedule.cn-months-fix": "月份是 1-12，例如「{word}后12月底」",
    "schedule.edge-word": "「{after}」后面要写「start」「mid」或「end」，实为{found}",
    "schedule.units": "单位有「d」「wd」「w」「mo」「h」「min」",
    "schedule.unit-m-fix": "分钟写「min」，月写「mo」",
    "schedule.unknown-unit-in": "未知的单位「{unit}」（在「{src}」中）",
    "schedule.whole-numbers-in": "无法读取「{src}」中的「{term}」：只能用整数",
    "schedule.whole-numbers-fix": "请写「1h30min」，不要写「1.5h」",
    "schedule.whole-numbers": "只能用整数",
    "schedule.cn-whole-numbers-fix": "请写 1天12小时 而不是 1.5天，或 1小时30分钟 而不是 1.5小时",
    "schedule.clock-needs-anchor": "时刻要从时间节点算起",
    "schedule.clock-needs-anchor-fix": "先写时间节点，例如「{example}」",
    "schedule.edge-after": "「{said}」后面要写 初、中 或 底",
    "schedule.edge-after-fix": "写 {said}初、{said}中 或 {said}底，分别是1日、15日和最后一天",
    "schedule.clock-needs-day": "时刻前面要写明是哪一天",
    "schedule.month-not-length": "「{number}月」是月份，不是时长",
    "schedule.named-month-not-length-fix": (
        "写 {number}月底、{number}月初 或 {number}月中 表示那个月的最后一天、"
        "1日或15日，写 {number}个月 表示几个月"
    ),
    "schedule.month-not-length-fix": (
        "几个月请写 {number}个月；月初或月底写在时间节点后面：当月底、次月初、"
        "上月底、后2个月的月底、后12月底 或 前10月初"
    ),
    "schedule.cn-units": "单位有 天、个工作日、周、个月、小时、分钟、半小时",
    "schedule.unknown-unit-after": "「{number}」后面的单位「{unit}」无法识别",
    "schedule.missing-unit": "「{number}」后面缺少单位",
    "schedule.missing-number": "「{unit}」前面缺少数字",
    "schedule.half-month": "半个月不是整数单位",
    "schedule.half-month-fix": "请写「{number}个月15天」",
    "schedule.remind-months": "提醒只能按天、小时或分钟计",
    "schedule.remind-fix": "例如「15min」「1h」或「1d@09:00」",
    "schedule.remind-clock": "时刻只能跟在整天之后",
    "schedule.remind-clock-fix": "例如「1d@09:00」是前一天早上9点",
    "schedule.not-a-date": (
        "无法把「{src}」读作日期（请写成 2024-10-14、\"2024-10-14 10:00\" 或 "
        "ISO 8601 格式）"
    ),
    "schedule.bad-date": "无法把「{src}」读作日期：{why}",
    "schedule.not-a-day": "无法把「{src}」读作日期（请写成 2024-10-14 这样的年-月-日）",
    "schedule.no-such-month": "月份只能是 1 到 12",
    "schedule.no-such-day": "这个月没有这一天",
    "schedule.no-such-year": "年份超出范围",
    "schedule.date-other": "{what}",
    "schedule.unknown-country": "「calendar.country」：未知的国家或地区「{name}」",
    "schedule.unknown-country-fix": (
        "请用 ISO 3166 代码，例如「CN」「HK」「TW」「SG」「US」；只按周末休息请写「none」"
    ),
    "schedule.outside-calendar": "日期超出了日历范围（{first}-{last}年）",
    "schedule.unknown-anchor": "未知的时间节点「{name}」",
    "schedule.anchor-cycle": "时间节点互相推算，形成了循环：{chain}",
    "schedule.anchor-cycle-fix": "请给其中一个时间节点填上日期",
    "schedule.anchor-from-task": "时间节点只能从另一个时间节点推算",
    "schedule.no-date": "{label}（--{name}）没有日期",
    "schedule.no-date-fix": "请用 --{name} 2024-10-14 指定，或在计划文件里填写它的日期",
    "schedule.task-cycle": "任务互相推算，形成了循环：{chain}",
    "schedule.task-cycle-fix": "任务不能直接或间接地从自己算起",
    "schedule.unknown-task": "没有编号为「{id}」的任务",
    "schedule.zero-length": "时长必须大于零",
    "schedule.months-mixed": "一步里不能把月和其他单位混用（「{every}」）",
    "schedule.months-mixed-fix": "按月重复写「1mo」，按天重复写「30d」",
    "schedule.event-from-task": "活动时间窗只能从时间节点推算",
    "schedule.too-many": "重复超过 {limit} 次",
    "schedule.too-many-fix": "请把「every」写长一些，或把「until」提前",
    "schedule.no-such-role": "--owner {role}：没有这个角色",
    "schedule.no-such-person": "--person {name}：没有叫这个名字的负责人",
    "schedule.people": "负责人有：{names}",
    "schedule.add-team": "请在计划文件的「team」里写明每个角色的负责人，或用 --team 指定团队文件",
    "schedule.split-no-team": "--split-by person：计划里没有团队人员",
    "schedule.no-working-day": "十年内都没有工作日",
}

EN: dict[str, str] = {
    "schedule.cannot-read": "cannot read '{src}': {why}",
    "schedule.unexpected": "unexpected '{rest}'",
    "schedule.no-such-time": "no such time of day {time} in '{src}'",
    "schedule.no-such-time-fix": "hours 0-23, minutes 0-59",
    "schedule.clock-fix": "a clock time is written '15点', '下午3点', '16点半', '16点30分' or '15:00'",
    "schedule.midnight": "'{said}' is midnight, where one day ends and the next begins",
    "schedule.midnight-which": (
        "did you mean '{next}' for the start of the next day, or '{end}' for "
        "the end of this day?"
    ),
    "schedule.midnight-fix": (
        "write `0点` on the next day for its start, or '{end}' for the end of "
        "this day"
    ),
    "schedule.after-midnight": "'{said}' is after midnight, on the next day",
    "schedule.after-midnight-fix": (
        "write `{small}` on the next day (`凌晨` is the early morning of the "
        "day it names)"
    ),
    "schedule.outside-period": "'{period}' is {span}, not {time}",
    "schedule.not-a-time": "cannot read '{src}' as a time of day",
    "schedule.empty-duration": "empty duration",
    "schedule.duration-fix": "write e.g. 3d, 2h or 30min",
    "schedule.cn-duration-fix": "write e.g. '3天', '2小时', '半小时' or '30分钟'",
    "schedule.duration-unexpected": "cannot read '{src}' as a duration: unexpected '{rest}'",
    "schedule.not-duration": "cannot read '{src}' as a duration",
    "schedule.empty-offset": "empty offset",
    "schedule.empty-offset-fix": "write e.g. 'open-3d' or '开团前3天'",
    "schedule.task-field": "expected .start or .due after the task id",
    "schedule.task-field-fix": "write {example}",
    "schedule.edge-needs-anchor": "a month's start or end counts from an anchor",
    "schedule.edge-needs-anchor-fix": "put the anchor first, e.g. open@month-end or event>12-end",
    "schedule.cn-edge-needs-anchor-fix": (
        "put the anchor first, e.g. '双十一当月底', '开团次月初', '双十一后12月底'"
    ),
    "schedule.anchor-first": "expected an anchor name first",
    "schedule.unknown-anchor-in": "unknown anchor '{name}' in '{src}'",
    "schedule.number-after": "expected a number and unit after '{word}'",
    "schedule.signed-fix": "write e.g. -3d, +1h30min",
    "schedule.compact-form-fix": "the form is ANCHOR[±N UNIT…][@HH:MM], e.g. open-1d@18:00",
    "schedule.either": "e.g. '{first}' or '{second}'",
    "schedule.clock-after-hours": "a clock time follows whole days, not hours or minutes",
    "schedule.unknown-edge": "unknown month edge '{word}' in '{src}'",
    "schedule.edge-fix": "write @month-start, @month-mid (the 15th) or @month-end",
    "schedule.named-month-fix": (
        "e.g. {ref}>12-end for the first 12-31 on or after {ref}, {ref}<10-start "
        "for the last 10-01 on or before it"
    ),
    "schedule.month-number": "expected a month number after '{arrow}'",
    "schedule.no-month": "no month {month} in '{src}'",
    "schedule.months-fix": "months are 1-12; {example}",
    "schedule.cn-months-fix": "months are 1-12, e.g. '{word}后12月底'",
    "schedule.edge-word": "expected start, mid or end after '{after}', found {found}",
    "schedule.units": "units: d, wd, w, mo, h, min",
    "schedule.unit-m-fix": "write min for minutes, mo for months",
    "schedule.unknown-unit-in": "unknown unit '{unit}' in '{src}'",
    "schedule.whole-numbers-in": "cannot read '{term}' in '{src}': whole numbers only",
    "schedule.whole-numbers-fix": "write 1h30min rather than 1.5h",
    "schedule.whole-numbers": "whole numbers only",
    "schedule.cn-whole-numbers-fix": (
        "write '1天12小时' rather than '1.5天', or '1小时30分钟' rather than "
        "'1.5小时'"
    ),
    "schedule.clock-needs-anchor": "a clock time counts from an anchor",
    "schedule.clock-needs-anchor-fix": "put the anchor first, e.g. {example}",
    "schedule.edge-after": "expected '初', '中' or '底' after '{said}'",
    "schedule.edge-after-fix": (
        "write '{said}初', '{said}中' or '{said}底' for the 1st, the 15th or "
        "the last day"
    ),
    "schedule.clock-needs-day": "a clock time needs a day before it",
    "schedule.month-not-length": "'{number}月' names a month, not a length",
    "schedule.named-month-not-length-fix": (
        "write '{number}月底', '{number}月初' or '{number}月中' for that month's "
        "last day, 1st or 15th, or '{number}个月' for a number of months"
    ),
    "schedule.month-not-length-fix": (
        "write '{number}个月' for a number of months; a month's start or end "
        "is written '当月底', '次月初', '上月底', '后2个月的月底', '后12月底' "
        "or '前10月初' after the anchor"
    ),
    "schedule.cn-units": "units: '天', '个工作日', '周', '个月', '小时', '分钟', '半小时'",
    "schedule.unknown-unit-after": "unknown unit '{unit}' after '{number}'",
    "schedule.missing-unit": "missing unit after '{number}'",
    "schedule.missing-number": "missing number before '{unit}'",
    "schedule.half-month": "half a month is not a whole unit",
    "schedule.half-month-fix": "write '{number}个月15天'",
    "schedule.remind-months": "a reminder is counted in days, hours or minutes",
    "schedule.remind-fix": "e.g. 15min, 1h or 1d@09:00",
    "schedule.remind-clock": "a clock time goes with whole days",
    "schedule.remind-clock-fix": "e.g. 1d@09:00 for the morning before",
    "schedule.not-a-date": (
        "cannot read '{src}' as a date (write YYYY-MM-DD, \"YYYY-MM-DD HH:MM\" "
        "or ISO 8601)"
    ),
    "schedule.bad-date": "cannot read '{src}' as a date: {why}",
    "schedule.not-a-day": "cannot read '{src}' as a day (write YYYY-MM-DD)",
    "schedule.no-such-month": "month must be in 1..12",
    "schedule.no-such-day": "day is out of range for month",
    "schedule.no-such-year": "year is out of range",
    "schedule.date-other": "{what}",
    "schedule.unknown-country": "calendar › country: unknown country '{name}'",
    "schedule.unknown-country-fix": (
        "use an ISO 3166 code such as CN, HK, TW, SG, US, or none for weekends "
        "only"
    ),
    "schedule.outside-calendar": "the date falls outside the calendar (years {first}-{last})",
    "schedule.unknown-anchor": "unknown anchor '{name}'",
    "schedule.anchor-cycle": "anchor cycle: {chain}",
    "schedule.anchor-cycle-fix": "give one of these anchors a date",
    "schedule.anchor-from-task": "an anchor can only count from another anchor",
    "schedule.no-date": "anchor '{name}' ('{label}') has no date",
    "schedule.no-date-fix": "pass --{name} YYYY-MM-DD, or set anchors.{name}.date in a plan file",
    "schedule.task-cycle": "task cycle: {chain}",
    "schedule.task-cycle-fix": "a task cannot start from itself, directly or through others",
    "schedule.unknown-task": "unknown task '{id}'",
    "schedule.zero-length": "must be longer than zero",
    "schedule.months-mixed": "months do not mix with other units in one step ('{every}')",
    "schedule.months-mixed-fix": "repeat by months, e.g. 1mo, or by days, e.g. 30d",
    "schedule.event-from-task": "the event window counts from anchors only",
    "schedule.too-many": "more than {limit} occurrences",
    "schedule.too-many-fix": "use a longer 'every' or an earlier 'until'",
    "schedule.no-such-role": "--owner {role}: no such role",
    "schedule.no-such-person": "--person {name}: nobody of that name owns a task",
    "schedule.people": "people: {names}",
    "schedule.add-team": "add a team: role → people in the plan file or --team",
    "schedule.split-no-team": "--split-by person: the plan has no team",
    "schedule.no-working-day": "no working day within ten years",
}
