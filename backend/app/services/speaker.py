"""Who speaks: naming a file's speakers and keeping one profile per person."""

from __future__ import annotations

from app.repositories import SpeakerProfileRepository, SpeakerRepository
from app.repositories.plan import Plan, Planned, planned
from app.schemas import SpeakerProfileRead, SpeakerRead


class SpeakerService(Planned):
    def __init__(self, session):
        super().__init__(session)
        self.speakers = SpeakerRepository(session)
        self.profiles = SpeakerProfileRepository(session)

    @planned
    def name_speaker(self, speaker_id: int, name: str) -> Plan[SpeakerRead]:
        """A person said who this voice is: link it (verified) to the owner's profile of that name,
        made when the owner has none yet."""
        owner = yield from self.speakers.owner_of.plan(speaker_id)
        profile = yield from self.profiles.named.plan(owner, name)
        return (yield from self.speakers.assign_profile.plan(speaker_id, profile.id, verified=True))

    @planned
    def suggest(self, speaker_id: int, profile_id: int) -> Plan[SpeakerRead]:
        """Voice matching thinks this is the person of `profile_id`: linked, not verified."""
        return (yield from self.speakers.assign_profile.plan(speaker_id, profile_id))

    @planned
    def merge_profiles(self, keep_id: int, drop_id: int) -> Plan[SpeakerProfileRead]:
        """Two profiles turned out to be one person: `drop_id`'s speakers move to `keep_id`."""
        return (yield from self.profiles.merge.plan(keep_id, drop_id))
