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

# Rules of the squawk lint (`./opentr.sh lint`, app.ops.lint) that do not apply here, and why.
SQUAWK_EXEMPT = {
    "prefer-text-field": (
        "display_name and suggested_name are varchar(255) like every name in the canonical schema and the "
        "API (Pydantic max_length). Adding a varchar column costs the same as adding text (no rewrite, the "
        "same short ACCESS EXCLUSIVE lock); the rule's concern, changing the length later, would be a "
        "revision of its own, linted then."
    ),
    "constraint-missing-not-valid": (
        "speaker_confidence_check constrains confidence, a column added empty earlier in this same "
        "transaction, so every existing row passes it; and the transaction already holds ACCESS EXCLUSIVE "
        "on speaker from ADD COLUMN, so NOT VALID plus a later VALIDATE would shorten no lock. It would "
        "also leave the constraint NOT VALID in the catalog, unlike init_db.sql and the models."
    ),
    "require-concurrent-index-creation": (
        "The transaction already holds ACCESS EXCLUSIVE on speaker from ADD COLUMN (reads are blocked "
        "too), so CONCURRENTLY would unblock nothing unless the index moved to a separate, "
        "non-transactional step; speaker holds a handful of rows per media file, so the build is short "
        "next to the lock already held."
    ),
}


def upgrade() -> None:
    op.add_column("speaker", sa.Column("display_name", sa.String(255)))
    op.add_column("speaker", sa.Column("suggested_name", sa.String(255)))
    op.add_column("speaker", sa.Column("verified", sa.Boolean(), server_default=sa.text("false"), nullable=False))
    op.add_column("speaker", sa.Column("confidence", sa.REAL()))
    op.create_check_constraint(op.f("speaker_confidence_check"), "speaker", "confidence >= 0 AND confidence <= 1")
    op.create_index(op.f("speaker_profile_id_idx"), "speaker", ["profile_id"])

    # A backfill is not a user's edit: keep each speaker's updated_at as it was.
    op.execute("ALTER TABLE speaker DISABLE TRIGGER speaker_set_updated_at")
    op.execute("UPDATE speaker SET display_name = label")
    op.execute("ALTER TABLE speaker ENABLE TRIGGER speaker_set_updated_at")


def downgrade() -> None:
    op.drop_index(op.f("speaker_profile_id_idx"), table_name="speaker")
    op.drop_constraint(op.f("speaker_confidence_check"), "speaker", type_="check")
    op.drop_column("speaker", "confidence")
    op.drop_column("speaker", "verified")
    op.drop_column("speaker", "suggested_name")
    op.drop_column("speaker", "display_name")
