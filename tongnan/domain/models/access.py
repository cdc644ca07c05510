"""Who may call the API: users (of a unit, with a role) and their hashed tokens."""

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
    created_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)
    last_used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_token"
