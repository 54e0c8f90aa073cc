"""Speakers found in a file, and the profiles that link them across files."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, Field

from app.schemas.common import Fraction, Omittable, TimestampedRead, VarChar255

Label = Annotated[str, Field(max_length=50)]
"""The diarization label, e.g. `SPEAKER_00`."""


class SpeakerProfileBase(BaseModel):
    user_id: int
    name: VarChar255
    description: str | None = None


class SpeakerProfileCreate(SpeakerProfileBase):
    """A known person; the name is unique per user."""


class SpeakerProfileUpdate(BaseModel):
    """A change to a profile; it stays with its user."""

    name: Omittable[VarChar255] = None
    description: str | None = None


class SpeakerProfileRead(SpeakerProfileBase, TimestampedRead):
    id: int
    uuid: UUID


class SpeakerBase(BaseModel):
    media_file_id: int
    profile_id: int | None = None
    label: Label
    display_name: VarChar255 | None = None
    suggested_name: VarChar255 | None = None
    confidence: Fraction | None = None


class SpeakerCreate(SpeakerBase):
    """A voice found by diarization; the label is unique per media file."""

    verified: bool = False


class SpeakerUpdate(BaseModel):
    """Naming, verifying or linking a speaker to a profile; it stays in its file."""

    profile_id: int | None = None
    label: Omittable[Label] = None
    display_name: VarChar255 | None = None
    suggested_name: VarChar255 | None = None
    verified: Omittable[bool] = None
    confidence: Fraction | None = None


class SpeakerRead(SpeakerBase, TimestampedRead):
    id: int
    uuid: UUID
    verified: bool
