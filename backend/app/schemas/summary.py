"""Summary prompts: system-wide ones and each user's own."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, model_validator

from app.schemas.common import Omittable, TimestampedRead, VarChar255


class SummaryPromptBase(BaseModel):
    user_id: int | None = None
    name: VarChar255
    prompt_text: str


class SummaryPromptCreate(SummaryPromptBase):
    is_system: bool = False
    is_default: bool = False

    @model_validator(mode="after")
    def _has_owner(self) -> SummaryPromptCreate:
        """The `owner` CHECK: a prompt is either a system prompt or some user's."""
        if not self.is_system and self.user_id is None:
            raise ValueError("a prompt that is not a system prompt needs a user_id")
        return self


class SummaryPromptUpdate(BaseModel):
    """A change to a prompt; its owner and system flag never change."""

    name: Omittable[VarChar255] = None
    prompt_text: Omittable[str] = None
    is_default: Omittable[bool] = None


class SummaryPromptRead(SummaryPromptBase, TimestampedRead):
    id: int
    uuid: UUID
    is_system: bool
    is_default: bool
