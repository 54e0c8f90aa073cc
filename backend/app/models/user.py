"""Users and their settings."""

from __future__ import annotations

import uuid

from sqlalchemy import Boolean, ForeignKey, Identity, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.models.enums import UserRole, user_role
from app.models.types import CIText, Timestamps, uuid_column


class User(Timestamps, Base):
    __tablename__ = "user"
    __table_args__ = {"comment": "People who sign in; owners of media files, profiles and collections."}

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    uuid: Mapped[uuid.UUID] = uuid_column()
    email: Mapped[str] = mapped_column(CIText(), nullable=False, unique=True)
    hashed_password: Mapped[str] = mapped_column(String(255), nullable=False)
    full_name: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[UserRole] = mapped_column(user_role, nullable=False, server_default=UserRole.user.value)
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("true"))


class UserSetting(Timestamps, Base):
    __tablename__ = "user_setting"
    __table_args__ = (
        UniqueConstraint("user_id", "key"),
        {"comment": "Per-user preferences as key/value pairs."},
    )

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=False)
    key: Mapped[str] = mapped_column(String(100), nullable=False)
    value: Mapped[str | None] = mapped_column(Text)
