"""Accounts in the API: the caller's own API tokens (``myApiTokens``, ``createApiToken``,
``revokeApiToken``) and, for the office, the users (``users``, ``createUser``, ``disableUser``,
``resetUserPassword``) and any user's tokens (``userApiTokens``, ``revokeUserApiToken``). A
token's secret is in the answer of ``createApiToken`` only. A user is a ``Node`` for the office,
so ``node(id:)`` and ``history(id:)`` reach an account's record."""

from __future__ import annotations

import datetime as dt

import strawberry

from tongnan.domain import models
from tongnan.domain.directory import accounts, tokens
from tongnan.schema.common.context import Info
from tongnan.schema.common.errors import UserError
from tongnan.schema.common.ids import input_key, query_key, to_global_id
from tongnan.schema.common.node import Node
from tongnan.schema.common.nodes import finds
from tongnan.schema.common.use_case import run_use_case
from tongnan.schema.directory.enums import RoleEnum


@strawberry.type(description="用户账号(专班办公室可见)/ A user account (seen by the office).")
class User(Node):
    name: str
    role: RoleEnum  # type: ignore[valid-type]
    unit_name: str | None
    disabled: bool
    version: int = strawberry.field(description="每次修改加一,用于 expectedVersion / edit counter")
    last_sign_in_at: dt.datetime | None = strawberry.field(
        description="最近一次登录 / last sign-in"
    )

    @classmethod
    def of(cls, row: models.User) -> User:
        unit = row.unit
        return cls(
            id=strawberry.ID(to_global_id("User", row.id)),
            name=row.name,
            role=row.role,
            unit_name=unit.name if unit is not None else None,
            disabled=row.disabled,
            version=row.version,
            last_sign_in_at=row.last_sign_in_at,
        )


@finds("User")
async def find_user(info: Info, key: int) -> User | None:
    row = await accounts.find_user(info.context.actor, key)
    return User.of(row) if row is not None else None


@strawberry.type(description="访问令牌(不含令牌本身)/ An API token (never the secret itself).")
class ApiToken:
    id: strawberry.ID
    name: str = strawberry.field(description="用途 / what it is for")
    prefix: str = strawberry.field(description="令牌开头几位,用于辨认 / its first characters")
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None

    @classmethod
    def of(cls, row: models.ApiToken) -> ApiToken:
        return cls(
            id=strawberry.ID(to_global_id("ApiToken", row.id)),
            name=row.name,
            prefix=row.prefix,
            created_at=row.created_at,
            last_used_at=row.last_used_at,
            revoked_at=row.revoked_at,
        )


@strawberry.type
class AccountQuery:
    @strawberry.field(description="我的访问令牌(含已吊销)/ The caller's own API tokens.")
    async def my_api_tokens(self, info: Info) -> list[ApiToken]:
        return [ApiToken.of(row) for row in await tokens.my_tokens(info.context.actor)]

    @strawberry.field(description="用户账号(专班办公室)/ Accounts, of one unit if given (office).")
    async def users(self, info: Info, unit_name: str | None = None) -> list[User]:
        return [User.of(row) for row in await accounts.list_users(info.context.actor, unit_name)]

    @strawberry.field(
        description="某个账号的访问令牌,含已吊销,不含令牌本身(专班办公室)"
        "/ One account's API tokens, revoked ones too, never the secret (office)."
    )
    async def user_api_tokens(self, info: Info, user_id: strawberry.ID) -> list[ApiToken]:
        key = query_key(user_id, "User", "userId")  # None: no row can have it
        rows = await tokens.user_tokens(info.context.actor, key if key is not None else 0)
        return [ApiToken.of(row) for row in rows]


@strawberry.input(description="新建访问令牌 / A new API token for the caller.")
class CreateApiTokenInput:
    name: str = strawberry.field(description="用途,如“数据对接” / what it is for")


@strawberry.type
class CreateApiTokenPayload:
    token: ApiToken | None
    secret: str | None = strawberry.field(
        description="令牌本身,只显示这一次 / the token itself, shown this once"
    )
    user_errors: list[UserError]


@strawberry.input(description="吊销自己的访问令牌 / Revoke one of the caller's tokens.")
class RevokeApiTokenInput:
    token_id: strawberry.ID


@strawberry.type
class RevokeApiTokenPayload:
    token: ApiToken | None
    user_errors: list[UserError]


@strawberry.input(
    description="吊销任一账号的访问令牌(专班办公室)/ Revoke any account's API token (office)."
)
class RevokeUserApiTokenInput:
    token_id: strawberry.ID


@strawberry.input(description="开设账号(专班办公室)/ A new account (office).")
class CreateUserInput:
    name: str
    unit_name: str | None
    role: RoleEnum  # type: ignore[valid-type]
    password: str = strawberry.field(description="初始密码,至少8个字符 / at least 8 characters")


@strawberry.input(description="停用账号(专班办公室)/ Disable an account (office).")
class DisableUserInput:
    user_id: strawberry.ID
    expected_version: int


@strawberry.input(description="重置账号密码(专班办公室)/ Reset an account's password (office).")
class ResetUserPasswordInput:
    user_id: strawberry.ID
    new_password: str
    expected_version: int


@strawberry.type
class UserPayload:
    user: User | None
    user_errors: list[UserError]


@strawberry.type
class AccountMutation:
    @strawberry.mutation(description="新建自己的访问令牌 / Create an API token for yourself.")
    async def create_api_token(
        self, info: Info, input: CreateApiTokenInput
    ) -> CreateApiTokenPayload:
        made, errors = await run_use_case(
            info,
            "createApiToken",
            lambda actor: tokens.create_own_token(actor, input.name, info.context.now()),
        )
        if made is None:
            return CreateApiTokenPayload(token=None, secret=None, user_errors=errors)
        row, secret = made
        return CreateApiTokenPayload(token=ApiToken.of(row), secret=secret, user_errors=[])

    @strawberry.mutation(description="吊销自己的访问令牌 / Revoke one of your API tokens.")
    async def revoke_api_token(
        self, info: Info, input: RevokeApiTokenInput
    ) -> RevokeApiTokenPayload:
        row, errors = await run_use_case(
            info,
            "revokeApiToken",
            lambda actor: tokens.revoke_own_token(
                actor, input_key(input.token_id, "ApiToken", ("tokenId",)), info.context.now()
            ),
        )
        return RevokeApiTokenPayload(
            token=ApiToken.of(row) if row is not None else None, user_errors=errors
        )

    @strawberry.mutation(
        description="吊销任一账号的访问令牌,随即失效(专班办公室)"
        "/ Revoke any account's API token; it stops working at once (office)."
    )
    async def revoke_user_api_token(
        self, info: Info, input: RevokeUserApiTokenInput
    ) -> RevokeApiTokenPayload:
        row, errors = await run_use_case(
            info,
            "revokeUserApiToken",
            lambda actor: tokens.revoke_user_token(
                actor, input_key(input.token_id, "ApiToken", ("tokenId",)), info.context.now()
            ),
        )
        return RevokeApiTokenPayload(
            token=ApiToken.of(row) if row is not None else None, user_errors=errors
        )

    @strawberry.mutation(description="开设账号(专班办公室)/ Create an account (office).")
    async def create_user(self, info: Info, input: CreateUserInput) -> UserPayload:
        row, errors = await run_use_case(
            info,
            "createUser",
            lambda actor: accounts.create_user(
                actor, input.name, input.unit_name, input.role, input.password, info.context.now()
            ),
        )
        return UserPayload(user=User.of(row) if row is not None else None, user_errors=errors)

    @strawberry.mutation(
        description="停用账号,其登录随即结束(专班办公室)/ Disable an account; its sessions end."
    )
    async def disable_user(self, info: Info, input: DisableUserInput) -> UserPayload:
        row, errors = await run_use_case(
            info,
            "disableUser",
            lambda actor: accounts.disable_user(
                actor,
                input_key(input.user_id, "User", ("userId",)),
                input.expected_version,
                info.context.now(),
            ),
        )
        return UserPayload(user=User.of(row) if row is not None else None, user_errors=errors)

    @strawberry.mutation(
        description="重置账号密码,其登录随即结束(专班办公室)/ Reset a password; its sessions end."
    )
    async def reset_user_password(self, info: Info, input: ResetUserPasswordInput) -> UserPayload:
        row, errors = await run_use_case(
            info,
            "resetUserPassword",
            lambda actor: accounts.reset_user_password(
                actor,
                input_key(input.user_id, "User", ("userId",)),
                input.new_password,
                input.expected_version,
                info.context.now(),
            ),
        )
        return UserPayload(user=User.of(row) if row is not None else None, user_errors=errors)
