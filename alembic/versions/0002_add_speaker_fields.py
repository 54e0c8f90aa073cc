"""Speaker fields: a display name, a verified flag, a confidence and a suggested name.

Diarization only gives a speaker a label (SPEAKER_00, ...). This revision adds what
speaker identification needs: the name shown to users (display_name, filled from the
label for existing speakers), whether a person confirmed it (verified), how sure the
identification is (confidence, between 0 and 1), and the name it proposes
(suggested_name). It also indexes speaker.profile_id, the foreign key to speaker_profile,
for looking up a profile's speakers and for ON DELETE SET NULL when a profile is deleted.

Existing speakers get their label as display name; the other new columns start empty
(verified: false). The columns come after the existing ones, which the schema
comparison allows: column position is not part of the schema.

Revision ID: 0002_add_speaker_fields
Revises: 0001_initial
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa

from alembic import op

revision = "0002_add_speaker_fields"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("speaker", sa.Column("display_name", sa.String(255)))
    op.add_column("speaker", sa.Column("suggested_name", sa.String(255)))
    op.add_column("speaker", sa.Column("verified", sa.Boolean(), server_default=sa.text("false"), nullable=False))
    op.add_column("speaker", sa.Column("confidence", sa.REAL()))
    op.create_check_constraint(op.f("speaker_confidence_check"), "speaker", "confidence >= 0 AND confidence <= 1")
    op.create_index(op.f("speaker_profile_id_idx"), "speaker", ["profile_id"])

    op.execute("UPDATE speaker SET display_name = label")


def downgrade() -> None:
    op.drop_index(op.f("speaker_profile_id_idx"), table_name="speaker")
    op.drop_constraint(op.f("speaker_confidence_check"), "speaker", type_="check")
    op.drop_column("speaker", "confidence")
    op.drop_column("speaker", "verified")
    op.drop_column("speaker", "suggested_name")
    op.drop_column("speaker", "display_name")
