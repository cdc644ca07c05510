"""What each event says, in short Chinese, and how a stored message is rendered for a channel
(Markdown for the group robots, plain text and HTML for mail). Pure: no I/O.

A stored message keeps its link relative ("/documents/12.pdf"); the sender makes it absolute
with the server's public address, so a moved server still sends working links.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass

from tongnan.domain.models.notifications import NotificationEvent

MAX_LINES = 10  # a digest lists this many tasks and counts the rest


@dataclass(frozen=True, slots=True)
class Message:
    event: NotificationEvent
    title: str
    lines: tuple[str, ...]
    link: str  # relative to the server's public address
    action: str = "查看详情"

    @property
    def body(self) -> str:
        return "\n".join(self.lines)


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def urge_issued(unit: str, sequence: int, items: int, link: str) -> Message:
    return Message(
        NotificationEvent.URGE_ISSUED,
        f"催办通知(第{sequence}号)",
        (f"{unit}:专班办公室就{items}项逾期事项向你单位发出催办,请尽快办理并报送。",),
        link,
        "查看催办通知",
    )


def report_returned(task: str, round_name: str, reviewer: str, comment: str, link: str) -> Message:
    return Message(
        NotificationEvent.REPORT_RETURNED,
        "进展报告被退回",
        (
            f"{round_name}:{task}的进展报告被{reviewer}退回。",
            f"退回原因:{comment}",
            "请修改后重新报送。",
        ),
        link,
        "修改报告",
    )


def round_opened(round_name: str, due: dt.date, tasks: int, link: str) -> Message:
    return Message(
        NotificationEvent.ROUND_OPENED,
        f"{round_name}已开始",
        (f"你单位有{tasks}项任务需要报送进展,截止日期{chinese_date(due)}。",),
        link,
        "填报进展",
    )


def warning_digest(
    unit: str, day: dt.date, red: Sequence[str], yellow: Sequence[str], link: str
) -> Message:
    lines = [f"{unit}截至{chinese_date(day)}:红色预警{len(red)}项,黄色预警{len(yellow)}项。"]
    listed = [f"红:{t}" for t in red] + [f"黄:{t}" for t in yellow]
    lines += listed[:MAX_LINES]
    if len(listed) > MAX_LINES:
        lines.append(f"另有{len(listed) - MAX_LINES}项,详见工作台。")
    return Message(NotificationEvent.WARNING_DIGEST, "今日预警提醒", tuple(lines), link, "查看预警")


def item_rejected(item: str, note: str, link: str) -> Message:
    return Message(
        NotificationEvent.ITEM_REJECTED,
        "整改事项未通过销号审核",
        (f"整改事项“{item}”未通过审核。", f"审核意见:{note}", "请继续整改后再报。"),
        link,
        "查看整改事项",
    )


def document_issued(code: str, title: str, link: str) -> Message:
    return Message(
        NotificationEvent.DOCUMENT_ISSUED,
        f"收到公文:{title}",
        (f"专班办公室印发{code}《{title}》,请查阅。",),
        link,
        "查看公文(PDF)",
    )


def absolute(link: str, base_url: str) -> str:
    if "://" in link:
        return link
    return base_url.rstrip("/") + "/" + link.lstrip("/")


def footer(key: str) -> str:
    return f"消息编号:{key}"


def as_markdown(title: str, body: str, link: str, base_url: str, key: str) -> str:
    """The robots' Markdown: a heading, the lines, the action's link, the message key."""
    lines = [f"#### {title}", "", *(f"{line}\n" for line in body.splitlines())]
    lines += [f"[查看详情]({absolute(link, base_url)})", "", f"> {footer(key)}"]
    return "\n".join(lines)


def as_text(title: str, body: str, link: str, base_url: str, key: str) -> str:
    return f"{title}\n\n{body}\n\n查看详情:{absolute(link, base_url)}\n\n{footer(key)}\n"


def as_html(title: str, body: str, link: str, base_url: str, key: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in body.splitlines())
    href = html.escape(absolute(link, base_url), quote=True)
    return (
        f'<html><body><h3>{html.escape(title)}</h3>{paragraphs}<p><a href="{href}">查看详情</a>'
        f'</p><p style="color:#888">{html.escape(footer(key))}</p></body></html>'
    )
