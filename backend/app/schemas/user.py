"""Users and their settings."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, Field

from app.models.enums import UserRole
from app.schemas.common import Omittable, TimestampedRead, VarChar100, VarChar255

Password = Annotated[str, Field(min_length=8)]
"""A plain password: the service stores only its hash (`user.hashed_password`)."""


class UserBase(BaseModel):
    email: str
    full_name: VarChar255 | None = None


class UserCreate(UserBase):
    """A new account; `password` is hashed before the insert."""

    password: Password
    role: UserRole = UserRole.user
    is_active: bool = True


class UserUpdate(BaseModel):
    """A change to an account; a new `password` is hashed like on create."""

    email: Omittable[str] = None
    full_name: VarChar255 | None = None
    password: Omittable[Password] = None
    role: Omittable[UserRole] = None
    is_active: Omittable[bool] = None


class UserRead(UserBase, TimestampedRead):
    """An account as shown to clients: `hashed_password` is deliberately not a field."""

    id: int
    uuid: UUID
    role: UserRole
    is_active: bool


class UserSettingBase(BaseModel):
    user_id: int
    key: VarChar100
    value: str | None = None


class UserSettingCreate(UserSettingBase):
    """One preference of one user; `(user_id, key)` is unique."""


class UserSettingUpdate(BaseModel):
    """A change to a preference; it stays with its user."""

    key: Omittable[VarChar100] = None
    value: str | None = None


class UserSettingRead(UserSettingBase, TimestampedRead):
    id: int
