"""``UserError``: what a mutation refused and which input field was at fault."""

from __future__ import annotations

import logging

import strawberry

from tongnan.domain.common.errors import DomainError, ErrorCode
from tongnan.domain.parsing import PlanParseError
from tongnan.schema.common.enums import UserErrorCodeEnum

log = logging.getLogger(__name__)


@strawberry.type(description="用户可纠正的错误 / A problem with the input that the caller can fix.")
class UserError:
    field: list[str] | None = strawberry.field(
        description="出错的输入字段路径 / path of the input field at fault"
    )
    message: str
    code: UserErrorCodeEnum  # type: ignore[valid-type]


def from_domain(error: DomainError) -> list[UserError]:
    return [UserError(field=list(error.field) or None, message=error.message, code=error.code)]


def from_parse(error: PlanParseError) -> list[UserError]:
    return [
        UserError(field=["text"], message=str(problem), code=ErrorCode.PARSE_ERROR)
        for problem in error.problems
    ]


def sign_in_required(action: str) -> list[UserError]:
    """``action`` (the mutation) stays in the log, not in the message a person reads."""
    log.info("%s refused: no API token", action)
    return [
        UserError(
            field=None,
            message="办理这项操作需要先登录(或在请求头写明 Authorization: Bearer <访问令牌>)",
            code=ErrorCode.FORBIDDEN,
        )
    ]
