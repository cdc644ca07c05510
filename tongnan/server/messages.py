"""What the transport layer says to callers (plain Chinese; the English detail goes to the log)."""

from __future__ import annotations

from typing import Final

NOT_JSON_POST: Final = (
    "POST /graphql 的请求体必须是 JSON（Content-Type: application/json），收到的是 {got}"
)
BODY_TOO_LARGE: Final = "请求内容太大：最多 {limit} 字节"
BODY_TOO_SLOW: Final = "请求内容传得太慢，{seconds} 秒内没有传完，请检查网络后重试"
NOT_JSON: Final = "请求内容不是有效的 JSON"
NOT_AN_OBJECT: Final = '请求内容应是一个 JSON 对象，例如 {"query": "{ plans { code } }"}'
TOO_DEEP: Final = "请求内容嵌套太深：最多 {limit} 层"
BAD_FIELD: Final = "请求中的 {name} 应是{kind}"
DOCUMENT_NOT_READY: Final = "公文暂时无法打印：{problem}"
DOCUMENT_DAMAGED: Final = "这份公文的存档已损坏，无法打印，请联系管理员"
DOCUMENT_TOO_SLOW: Final = "公文排版超时，请稍后再试"
