"""Page furniture: what a web page or a PDF puts around the notice (来源, 发布时间, 点击数,
分享到, 打印本页, page numbers "— 3 —") and what only marks the copy (此件公开发布)."""

from __future__ import annotations

import re

_FURNITURE = (
    r"(?:来\s*源|发布时间|发布日期|更新时间|发文时间|信息来源|文章来源|作者|编辑|责任编辑|"
    r"浏览次数|点击数|点击量|阅读次数|访问次数|字号|字体)\s*[:：]",
    r"(?:首页|当前位置|您当前的位置|当前所在位置)\s*[:：>＞]",
    r"分享到\s*[:：]?",
    r"【?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏|大\s*中\s*小)\s*】?",
    r"[—\-－–―一]\s*\d{1,3}\s*[—\-－–―一]",
    r"第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?",
    r"\d{1,3}\s*/\s*\d{1,3}",
    r"[(（]\s*此件(?:公开发布|主动公开|不公开|依申请公开)\s*[)）]",
    r"(?:扫一扫|分享|微信|微博|QQ空间)(?:\s*[|｜、/]?\s*(?:微信|微博|QQ空间|分享))*",
)
_ANY = "|".join(f"(?:{p})" for p in _FURNITURE)
_FURNITURE_RE = re.compile(_ANY)
_ONLY_FURNITURE_RE = re.compile(rf"(?:{_ANY})(?:\s*(?:{_ANY}))*")
_URGENCY_RE = re.compile(r"(?:特急|加急|平急|特提|急件)|(?:[A-Z0-9]{0,10}\s*)?(?:公开|主动公开)")


def is_furniture(text: str) -> bool:
    """Whether the line is page furniture to drop (with a note) rather than notice text."""
    if not text:
        return False
    if _ONLY_FURNITURE_RE.fullmatch(text):
        return True
    match = _FURNITURE_RE.match(text)
    prefix = match.group(0).rstrip() if match else ""
    return bool(prefix and len(text) <= 80 and prefix.endswith((":", "：", ">", "＞")))


def is_copy_mark(text: str) -> bool:
    """An urgency or disclosure mark at the head of a notice: 特急, 主动公开."""
    return _URGENCY_RE.fullmatch(text) is not None
