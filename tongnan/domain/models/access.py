"""Who may call the API: users (of a unit, with a role), their hashed API tokens and their
browser sessions (only a hash of each secret is stored)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from tongnan.domain.common.values import Role
from tongnan.domain.models.units import Unit


class User(Model):
    """A caller: belongs to a unit (none for office-wide accounts) and has one role."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=128, unique=True)
    unit: fields.ForeignKeyNullableRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="users", null=True, on_delete=fields.RESTRICT
    )
    unit_id: int | None
    role = fields.CharEnumField(Role, max_length=16)
    disabled = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    password_hash = fields.CharField(max_length=255, null=True)  # argon2id; None: no password
    version = fields.IntField(default=1)
    last_sign_in_at = fields.DatetimeField(null=True)

    class Meta:
        table = "app_user"


class ApiToken(Model):
    """An API token: only its SHA-256 is stored; ``prefix`` lets people tell tokens apart."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="tokens", on_delete=fields.CASCADE
    )
    user_id: int
    token_hash = fields.CharField(max_length=64, unique=True)
    prefix = fields.CharField(max_length=16)
    name = fields.CharField(max_length=64, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)
    last_used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_token"


class Session(Model):
    """A signed-in browser: only the SHA-256 of its cookie's secret is stored. It ends when
    ``ended_at`` is set, or at the first of its idle and absolute expiry."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sessions", on_delete=fields.CASCADE
    )
    user_id: int
    secret_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()
    last_seen_at = fields.DatetimeField()
    idle_expires_at = fields.DatetimeField()
    absolute_expires_at = fields.DatetimeField()
    ended_at = fields.DatetimeField(null=True)
    address = fields.CharField(max_length=64, default="")

    class Meta:
        table = "user_session"
