"""Speakers of a file and the profiles that name them across files: assign, name, merge."""

from __future__ import annotations

from sqlalchemy import select, update

from app.models import MediaFile, Speaker, SpeakerProfile
from app.repositories.base import Repository
from app.repositories.errors import Invalid, NotFound
from app.repositories.plan import Plan, planned
from app.schemas import (
    SpeakerCreate,
    SpeakerProfileCreate,
    SpeakerProfileRead,
    SpeakerProfileUpdate,
    SpeakerRead,
    SpeakerUpdate,
)


class SpeakerProfileRepository(
    Repository[SpeakerProfile, SpeakerProfileCreate, SpeakerProfileUpdate, SpeakerProfileRead]
):
    model = SpeakerProfile
    read = SpeakerProfileRead

    @planned
    def named(self, user_id: int, name: str) -> Plan[SpeakerProfileRead]:
        """The user's profile of this name, created when there is none."""
        match = (SpeakerProfile.user_id == user_id, SpeakerProfile.name == name)
        conflict = [SpeakerProfile.user_id, SpeakerProfile.name]
        return (yield from self._ensure({"user_id": user_id, "name": name}, conflict, match))

    @planned
    def merge(self, keep_id: int, drop_id: int) -> Plan[SpeakerProfileRead]:
        """Move every speaker of profile `drop_id` to `keep_id`, then delete `drop_id` (one person, two
        profiles). Both rows are locked in id order first, so two opposite merges cannot deadlock."""
        if keep_id == drop_id:
            raise Invalid(f"speaker profile {keep_id} cannot be merged into itself", entity=self.entity)
        locked = select(SpeakerProfile).where(SpeakerProfile.id.in_([keep_id, drop_id]))
        rows = {row.id: row for row in (yield locked.order_by(SpeakerProfile.id).with_for_update()).scalars()}
        for key in (keep_id, drop_id):
            if key not in rows:
                raise NotFound(self.entity, key)
        if rows[keep_id].user_id != rows[drop_id].user_id:
            raise Invalid(f"speaker profiles {keep_id} and {drop_id} belong to different users", entity=self.entity)
        moved = update(Speaker).where(Speaker.profile_id == drop_id).values(profile_id=keep_id)
        yield moved.execution_options(synchronize_session=False)
        yield from self.delete.plan(drop_id)
        return self.read.model_validate(rows[keep_id])


class SpeakerRepository(Repository[Speaker, SpeakerCreate, SpeakerUpdate, SpeakerRead]):
    model = Speaker
    read = SpeakerRead

    @planned
    def owner_of(self, speaker_id: int) -> Plan[int]:
        """The user whose file the speaker was found in."""
        statement = select(MediaFile.user_id).join(Speaker, Speaker.media_file_id == MediaFile.id)
        user_id = (yield statement.where(Speaker.id == speaker_id)).scalar_one_or_none()
        if user_id is None:
            raise NotFound(self.entity, speaker_id)
        return user_id

    @planned
    def assign_profile(self, speaker_id: int, profile_id: int | None, *, verified: bool = False) -> Plan[SpeakerRead]:
        """Link the speaker to a profile of the same user (None unlinks it); `verified` when a person said so."""
        if profile_id is not None:
            owner = yield from self.owner_of.plan(speaker_id)
            profile_owner = (yield select(SpeakerProfile.user_id).where(SpeakerProfile.id == profile_id)).scalar()
            if profile_owner is None:
                raise NotFound("speaker profile", profile_id)
            if profile_owner != owner:
                raise Invalid(
                    f"speaker profile {profile_id} belongs to another user than speaker {speaker_id}",
                    entity=self.entity,
                    field="profile_id",
                )
        return (yield from self.update.plan(speaker_id, SpeakerUpdate(profile_id=profile_id, verified=verified)))
