"""Field permissions: which read fields need a token. The write rules live in the domain."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from tongnan.schema.common.context import Info


class IsAuthenticated(BasePermission):
    """The published plan is public; who answers to whom, and the matrix, need a token."""

    message = "查看这项内容需要先登录(或在请求头写明 Authorization: Bearer <访问令牌>)"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.actor is not None
