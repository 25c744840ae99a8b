"""Messages of the outputs stage: errors, their fixes and status lines (see messages/__init__.py).

The batch (which files for which plans), the writers, writing all or nothing, and reading
someone else's workbook. Braces that are no blank are doubled (`{{campaign}}`): every
entry is worded with `str.format`.
"""

from __future__ import annotations

ZH: dict[str, str] = {
    # naming things inside a message
    "outputs.quoted": "「{name}」",
    # what the operating system said, as a person reads it
    "outputs.os.EACCES": "没有权限",
    "outputs.os.ENOENT": "文件或文件夹不存在",
    "outputs.os.ENOSPC": "磁盘已满",
    "outputs.os.EROFS": "磁盘只读",
    "outputs.os.ENOTDIR": "路径中有一段不是文件夹",
    "outputs.os.EISDIR": "这是一个文件夹",
    "outputs.os.ENAMETOOLONG": "文件名太长",
    "outputs.os.EBUSY": "文件正被其他程序使用",
    # the progress bar of a long compile
    "outputs.step.reading": "读取 {ref}",
    "outputs.step.resolving": "推算{n:,}项事项",
    "outputs.step.writing": "生成 {ref}",
    "outputs.step.printing": "输出",
    # --campaign, the plans named
    "outputs.campaign-empty": "--campaign 后面要写活动编号",
    "outputs.campaign-empty.hint": "例如 --campaign ju-huasuan-2026-10-12",
    "outputs.campaign-several": "--campaign 只能给一个计划，这里有{plans}个计划",
    "outputs.campaign-several.hint": "改为在每个计划文件中写 campaign:",
    "outputs.no-plan-files": "{ref}：这个文件夹里没有计划文件",
    "outputs.no-plan-files.hint": "计划文件是含有 extends: 或 tasks: 的 .yaml 或 .yml 文件",
    # dates typed on the command line
    "outputs.anchor-pair": "--anchor {pair}：应写成 名称=日期",
    "outputs.anchor-pair.hint": "例如 --anchor open=2024-11-01",
    "outputs.unknown-option": "没有「--{option}」这个选项",
    "outputs.anchor-options": "这个进程表的时间节点选项：{options}",
    "outputs.needs-date": "--{option} 后面要写日期",
    "outputs.needs-date.hint": "写成 --{option} YYYY-MM-DD",
    # where the files go
    "outputs.unknown-placeholder": "-o {template}：没有「{placeholder}」这个占位符",
    "outputs.placeholders": "可用的占位符：{{campaign}}、{{name}}、{{stem}}",
    "outputs.unknown-format": "-o {path}：无法从「{suffix}」看出文件格式",
    "outputs.unknown-format.hint": "请用 {known} 之一",
    "outputs.give-folder": "请给一个文件夹，例如 -o {folder}/",
    "outputs.split-needs-folder": "--split-by 需要用 -o 给一个文件夹",
    "outputs.split-needs-folder.hint": "例如 -o cal/",
    "outputs.split-owner-into-file": ("--split-by owner 为每个岗位写一个日历到文件夹里，而 -o {path} "
                                      "是一个文件"),
    "outputs.split-person-into-file": ("--split-by person 为每个人写一个日历到文件夹里，而 -o {path} "
                                       "是一个文件"),
    "outputs.split-no-team": "--split-by {by}：没有一个计划写了团队",
    "outputs.split-no-team.hint": "在计划文件的 team: 中或 --team 文件中写明每个岗位由谁负责",
    "outputs.split-roles-clash": "这些岗位名作为文件名无法区分：请在进程表中改掉其中一个",
    "outputs.split-people-clash": "这些人名作为文件名无法区分：请在团队中改掉其中一个",
    "outputs.invite-split": ("--invite 不能和 --split-by {by} 一起用：邀请发给事件的每位参与人，"
                             "不是每人一个日历"),
    "outputs.invite-split.hint": "去掉 --split-by；每个邀请都写明了参与人",
    "outputs.invite-calendar-file": "--invite 把每个事件的邀请写到一个文件夹里，而 -o {path} 是日历文件",
    "outputs.invite-file": "--invite 把邀请写到一个文件夹里，而 -o {path} 是一个文件",
    "outputs.invite-needs-folder": "--invite 需要用 -o 给一个存放邀请的文件夹，每个事件一个文件",
    "outputs.invite-needs-folder.hint": "例如 -o invites/",
    "outputs.several-one-file": "-o {template}：几个计划会写进同一个文件",
    "outputs.several-one-file.hint": "在其中加上 {{campaign}}、{{name}} 或 {{stem}}，例如 -o '{example}'",
    "outputs.format-several": "--format {fmt} 只能打印一个计划，这里有{count}个",
    "outputs.format-several.hint": "改为每个计划写一个文件：-o '{example}'",
    "outputs.same-file": "{where}：{other}和{name}会写到同一个文件 {path}",
    "outputs.placeholder-differs": "换一个各计划不同的占位符，例如 {{stem}}",
    # --invite
    "outputs.no-organizer": "--invite：团队中没有发出邀请的组织者",
    "outputs.no-organizer.hint": "在计划文件或 --team 文件的 team: 下加上 organizer: {{name: …, email: …}}",
    "outputs.organizer-no-email": "--invite：组织者「{name}」没有邮箱，无法发出邀请",
    "outputs.organizer-no-email.hint": "在 team: 下写 organizer: {{name: {name}, email: …}}",
    "outputs.other-campaign": ("已有同一进程表另一次活动「{old}」的{n}个事件，本次活动是「{new}」："
                               "写进同一个日历，每个人都会看到两份"),
    "outputs.other-campaign.hint": ("若只是日期变了，在计划文件中写 campaign: {old}"
                                    "（只编译一个计划时也可加上 --campaign {old}）；"
                                    "若是新的一次活动，请写到另一个文件"),
    # writing all or nothing
    "outputs.written-twice": "{path} 会被写两次，内容不同",
    "outputs.written-twice.hint": "给每个输出一个单独的文件",
    "outputs.one-file-on-windows": ("{other} 和 {path} 在 Windows 和 macOS 上是同一个文件："
                                    "只差大小写或重音符号的文件名在那里视为相同"),
    "outputs.one-file-on-windows.hint": "请让两个文件名有更多不同",
    "outputs.cannot-make-folder": "无法创建文件夹「{path}」：{reason}",
    "outputs.no-folder": "-o {path}：文件夹「{folder}」不存在",
    "outputs.name-too-long": "-o {path}：文件名有{size}字节，超过文件系统允许的{most}字节",
    "outputs.name-too-long.hint": "请换一个短一些的文件名",
    "outputs.is-folder": "-o {path}：这是一个文件夹",
    "outputs.is-folder.hint": "请给一个文件名",
    "outputs.cannot-write": "无法写入 {path}：{reason}",
    # someone else's workbook
    "outputs.cannot-read": "无法读取 {path}：{reason}",
    "outputs.too-big": "文件太大，不会是进程表：{what}",
    "outputs.big.file": "文件有{size:,}字节（最多{most:,}字节）",
    "outputs.big.file-more": "文件超过{most:,}字节",
    "outputs.big.parts": "其中有{parts:,}个部件（最多{most:,}个）",
    "outputs.big.ratio": "{part} 解压后膨胀{times:,}倍，从{packed:,}字节到{size:,}字节（最多{most}倍）",
    "outputs.big.inflated": "解压后共{total:,}字节（最多{most:,}字节；{part}：{size:,}字节）",
    "outputs.big.merged": "算上 {part}，合并单元格和链接共覆盖{cells:,}个单元格（最多{most:,}个）",
    "outputs.big.cells": "工作表「{sheet}」有{rows:,}行 × {columns:,}列（全部工作表最多{most:,}个单元格）",
    "outputs.not-xlsx": "不是 XLSX 工作簿：{reason}",
    "outputs.xlsx.not-zip": "不是 zip 压缩包",
    "outputs.xlsx.damaged-zip": "zip 压缩包已损坏（{detail}）",
    "outputs.xlsx.no-workbook": "压缩包里没有工作簿",
    "outputs.xlsx.in-part": "{part}：{reason}",
}

EN: dict[str, str] = {
    "outputs.quoted": "'{name}'",
    "outputs.os.EACCES": "permission denied",
    "outputs.os.ENOENT": "no such file or folder",
    "outputs.os.ENOSPC": "no space left on the disk",
    "outputs.os.EROFS": "the disk is read-only",
    "outputs.os.ENOTDIR": "a part of the path is not a folder",
    "outputs.os.EISDIR": "it is a folder",
    "outputs.os.ENAMETOOLONG": "the file name is too long",
    "outputs.os.EBUSY": "the file is in use by another program",
    "outputs.step.reading": "reading {ref}",
    "outputs.step.resolving": "resolving {n:,} tasks",
    "outputs.step.writing": "writing {ref}",
    "outputs.step.printing": "printing",
    "outputs.campaign-empty": "--campaign needs a key",
    "outputs.campaign-empty.hint": "e.g. --campaign ju-huasuan-2026-10-12",
    "outputs.campaign-several": "--campaign names one plan's campaign, and {plans} plans are given",
    "outputs.campaign-several.hint": "write `campaign:` in each plan file instead",
    "outputs.no-plan-files": "{ref}: no plan files in this folder",
    "outputs.no-plan-files.hint": "a plan file is a .yaml or .yml with extends: or tasks:",
    "outputs.anchor-pair": "--anchor {pair}: expected NAME=DATE",
    "outputs.anchor-pair.hint": "e.g. --anchor open=2024-11-01",
    "outputs.unknown-option": "unknown option '--{option}'",
    "outputs.anchor-options": "this playbook's anchors: {options}",
    "outputs.needs-date": "--{option} needs a date",
    "outputs.needs-date.hint": "write --{option} YYYY-MM-DD",
    "outputs.unknown-placeholder": "-o {template}: unknown placeholder '{placeholder}'",
    "outputs.placeholders": "placeholders: {{campaign}}, {{name}}, {{stem}}",
    "outputs.unknown-format": "-o {path}: cannot tell the format from '{suffix}'",
    "outputs.unknown-format.hint": "use one of {known}",
    "outputs.give-folder": "give a folder, e.g. -o {folder}/",
    "outputs.split-needs-folder": "--split-by needs -o FOLDER/",
    "outputs.split-needs-folder.hint": "e.g. -o cal/",
    "outputs.split-owner-into-file": ("--split-by owner writes one calendar per role into a folder, and -o "
                                      "{path} is a file"),
    "outputs.split-person-into-file": ("--split-by person writes one calendar per person into a folder, "
                                       "and -o {path} is a file"),
    "outputs.split-no-team": "--split-by {by}: no plan has a team",
    "outputs.split-no-team.hint": "add a team: role → people in the plan files or --team",
    "outputs.split-roles-clash": ("file names cannot tell these roles apart: rename one of them in the "
                                  "playbook"),
    "outputs.split-people-clash": "file names cannot tell these people apart: rename one of them in the team",
    "outputs.invite-split": ("--invite and --split-by {by}: an invitation goes to every attendee of its "
                             "event, not to one calendar per person"),
    "outputs.invite-split.hint": "leave out --split-by; each invitation names its attendees",
    "outputs.invite-calendar-file": ("--invite writes one invitation per event into a folder, and -o {path} "
                                     "is a calendar file"),
    "outputs.invite-file": "--invite writes its invitations into a folder, and -o {path} is a file",
    "outputs.invite-needs-folder": "--invite needs -o FOLDER/ for the invitations, one file per event",
    "outputs.invite-needs-folder.hint": "e.g. -o invites/",
    "outputs.several-one-file": "-o {template}: several plans would all be written to this one file",
    "outputs.several-one-file.hint": "put {{campaign}}, {{name}} or {{stem}} in it, e.g. -o '{example}'",
    "outputs.format-several": "--format {fmt} prints one plan, and {count} are given",
    "outputs.format-several.hint": "write a file per plan: -o '{example}'",
    "outputs.same-file": "{where}: {other} and {name} would both be written to {path}",
    "outputs.placeholder-differs": "use a placeholder that differs between them, e.g. {{stem}}",
    "outputs.no-organizer": "--invite: the team has no organizer to send the invitations",
    "outputs.no-organizer.hint": ("add `organizer: {{name: …, email: …}}` under team, in the plan file or "
                                  "the --team file"),
    "outputs.organizer-no-email": ("--invite: the organizer '{name}' has no email to send the invitations "
                                   "from"),
    "outputs.organizer-no-email.hint": "write `organizer: {{name: {name}, email: …}}` under team",
    "outputs.other-campaign": ("holds {n} events of another campaign of this playbook, '{old}', and this "
                               "plan is campaign '{new}': written into one calendar, everyone would see "
                               "both"),
    "outputs.other-campaign.hint": ("if only the dates changed, write campaign: {old} in the plan file (or, "
                                    "compiling one plan, add --campaign {old}); if this is a new campaign, "
                                    "write it to another file"),
    "outputs.written-twice": "{path} would be written twice, with different contents",
    "outputs.written-twice.hint": "give each output a file of its own",
    "outputs.one-file-on-windows": ("{other} and {path} would be one file on Windows and macOS, "
                                    "where names that differ only in case or accents are the same"),
    "outputs.one-file-on-windows.hint": "give them names that differ in more than that",
    "outputs.cannot-make-folder": "cannot make folder '{path}': {reason}",
    "outputs.no-folder": "-o {path}: folder '{folder}' does not exist",
    "outputs.name-too-long": ("-o {path}: the file name is {size} bytes long, more than the {most} file "
                              "systems allow"),
    "outputs.name-too-long.hint": "give a shorter name",
    "outputs.is-folder": "-o {path}: is a folder",
    "outputs.is-folder.hint": "give a file name",
    "outputs.cannot-write": "cannot write {path}: {reason}",
    "outputs.cannot-read": "cannot read {path}: {reason}",
    "outputs.too-big": "too large for a 进程表: {what}",
    "outputs.big.file": "the file is {size:,} bytes (at most {most:,})",
    "outputs.big.file-more": "the file is more than {most:,} bytes",
    "outputs.big.parts": "it has {parts:,} parts (at most {most:,})",
    "outputs.big.ratio": ("{part} inflates {times:,} times, from {packed:,} to {size:,} bytes (at most "
                          "{most} times)"),
    "outputs.big.inflated": "its parts inflate to {total:,} bytes (at most {most:,}; {part}: {size:,})",
    "outputs.big.merged": ("merged cells and links cover {cells:,} cells once {part} is counted (at most "
                           "{most:,})"),
    "outputs.big.cells": ("sheet '{sheet}' spans {rows:,} rows × {columns:,} columns (at most {most:,} cells "
                          "in all)"),
    "outputs.not-xlsx": "not an XLSX workbook: {reason}",
    "outputs.xlsx.not-zip": "not a zip archive",
    "outputs.xlsx.damaged-zip": "damaged zip ({detail})",
    "outputs.xlsx.no-workbook": "no workbook inside the archive",
    "outputs.xlsx.in-part": "{part}: {reason}",
}
