"""Computed analytics of a media file (one row per file)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from app.schemas.common import Omittable, ORMRead


class AnalyticsBase(BaseModel):
    media_file_id: int
    speaker_stats: dict[str, Any] | None = None
    sentiment: dict[str, Any] | None = None


class AnalyticsCreate(AnalyticsBase):
    keywords: list[str] = Field(default_factory=list)


class AnalyticsUpdate(BaseModel):
    """A recomputation; it stays with its file."""

    speaker_stats: dict[str, Any] | None = None
    sentiment: dict[str, Any] | None = None
    keywords: Omittable[list[str]] = None


class AnalyticsRead(AnalyticsBase, ORMRead):
    id: int
    keywords: list[str]
    computed_at: datetime
