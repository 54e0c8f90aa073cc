"""Initial schema: every table, type and function of OpenTranscribe, and the reference rows.

This is `database/init_db.sql` as it stood before the speaker fields of 0002 (the
speaker's display_name, verified, confidence and suggested_name, its confidence check
and the speaker_profile_id_idx index). Constraint and index names are spelled out in
full, with PostgreSQL's default names, so that a migrated database and one built from
init_db.sql are identical. They are wrapped in `op.f()`, which marks them as final:
the naming convention of the application's metadata (which env.py hands to Alembic)
must not rewrite them.

The SQL text and the reference rows are copied here rather than imported from `app`:
a revision is frozen history and must not change when the application does.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

# Rules of the squawk lint (`./opentr.sh lint`, app.ops.lint) that do not apply here, and why.
SQUAWK_EXEMPT = {
    "prefer-bigint-over-int": (
        "The column types are the canonical schema's (database/init_db.sql and the models), which this "
        "revision must reproduce exactly: integer keys where two billion rows are out of reach (users, "
        "profiles, speakers, tags, comments, ...), bigint where rows grow with hours of audio (media_file, "
        "transcript_segment). Changing a type is a schema change in all three sources, not a lint fix."
    ),
    "prefer-text-field": (
        "The varchar lengths are the canonical schema's, mirrored by the API's validation (Pydantic "
        "max_length). The rule warns that changing a length later locks the table; creating a varchar "
        "column in a new table costs no more than text, and a later length change is a revision of its "
        "own, linted then."
    ),
    "ban-char-field": (
        "media_file.checksum holds a hex SHA-256 digest, always exactly 64 characters, so char(64)'s "
        "blank padding never applies; the type is the canonical schema's."
    ),
}

EXTENSIONS = ("citext", "pg_trgm")

user_role = postgresql.ENUM("user", "admin", name="user_role", create_type=False)
file_status = postgresql.ENUM(
    "pending", "queued", "processing", "completed", "error", "cancelled", name="file_status", create_type=False
)
task_type = postgresql.ENUM(
    "transcription", "summarization", "analytics", "speaker_identification", name="task_type", create_type=False
)
task_status = postgresql.ENUM("pending", "in_progress", "completed", "failed", name="task_status", create_type=False)
ENUM_TYPES = (user_role, file_status, task_type, task_status)

SET_UPDATED_AT_FUNCTION = """CREATE FUNCTION set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$"""

MEDIA_FILE_OVERVIEW_VIEW = """CREATE VIEW media_file_overview AS
SELECT
    mf.id AS media_file_id,
    mf.user_id,
    mf.filename,
    mf.status,
    (SELECT count(*) FROM transcript_segment ts WHERE ts.media_file_id = mf.id) AS segment_count,
    (SELECT count(*) FROM speaker s WHERE s.media_file_id = mf.id) AS speaker_count
FROM media_file mf"""

# The tables with an updated_at column, each stamped by a set_updated_at trigger.
UPDATED_AT_TABLES = (
    "user",
    "media_file",
    "speaker_profile",
    "speaker",
    "transcript_segment",
    "comment",
    "task",
    "collection",
    "summary_prompt",
    "user_setting",
)

DEFAULT_TAGS = ("Meeting", "Interview", "Lecture", "Podcast")

SYSTEM_PROMPTS = (
    {
        "uuid": uuid.UUID("8d1c7a52-3f0e-4b7a-9c61-2f4e5a9b0c01"),
        "name": "General summary",
        "prompt_text": (
            "Summarize the transcript: the main topics, the decisions taken and the open questions, "
            "in short paragraphs."
        ),
        "is_system": True,
        "is_default": True,
    },
    {
        "uuid": uuid.UUID("8d1c7a52-3f0e-4b7a-9c61-2f4e5a9b0c02"),
        "name": "Action items",
        "prompt_text": (
            "List every action item in the transcript with its owner and due date where they are mentioned."
        ),
        "is_system": True,
        "is_default": False,
    },
)


def _uuid_column() -> sa.Column:
    return sa.Column("uuid", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False)


def _timestamp_column(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False)


def _timestamp_columns() -> tuple[sa.Column, sa.Column]:
    return _timestamp_column("created_at"), _timestamp_column("updated_at")


def upgrade() -> None:
    for name in EXTENSIONS:
        op.execute(f"CREATE EXTENSION {name}")
    bind = op.get_bind()
    for enum_type in ENUM_TYPES:
        enum_type.create(bind, checkfirst=False)
    op.execute(SET_UPDATED_AT_FUNCTION)
    op.execute("COMMENT ON FUNCTION set_updated_at() IS 'Trigger function: stamps updated_at on every UPDATE.'")

    op.create_table(
        "user",
        sa.Column("id", sa.Integer(), sa.Identity(), nullable=False),
        _uuid_column(),
        sa.Column("email", postgresql.CITEXT(), nullable=False),
        sa.Column("hashed_password", sa.String(255), nullable=False),
        sa.Column("full_name", sa.String(255)),
        sa.Column("role", user_role, server_default="user", nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        *_timestamp_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("user_pkey")),
        sa.UniqueConstraint("uuid", name=op.f("user_uuid_key")),
        sa.UniqueConstraint("email", name=op.f("user_email_key")),
        comment="People who sign in; owners of media files, profiles and collections.",
    )

    op.create_table(
        "media_file",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        _uuid_column(),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("storage_path", sa.String(1024), nullable=False),
        sa.Column("file_size", sa.BigInteger(), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("duration", sa.Double()),
        sa.Column("language", sa.String(16)),
        sa.Column("status", file_status, server_default="pending", nullable=False),
        sa.Column("error_message", sa.Text()),
        sa.Column("metadata", postgresql.JSONB(), server_default=sa.text("'{}'"), nullable=False),
        sa.Column("checksum", sa.CHAR(64)),
        _timestamp_column("uploaded_at"),
        sa.Column("completed_at", sa.DateTime(timezone=True)),
        *_timestamp_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("media_file_pkey")),
        sa.UniqueConstraint("uuid", name=op.f("media_file_uuid_key")),
        sa.UniqueConstraint("storage_path", name=op.f("media_file_storage_path_key")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("media_file_user_id_fkey"), ondelete="CASCADE"),
        sa.CheckConstraint("file_size >= 0", name=op.f("media_file_file_size_check")),
        sa.CheckConstraint("duration IS NULL OR duration >= 0", name=op.f("media_file_duration_check")),
        comment="Uploaded audio or video files and their processing state.",
    )
    op.create_index(op.f("media_file_user_id_status_idx"), "media_file", ["user_id", "status"])
    op.create_index(
        op.f("media_file_created_at_active_idx"),
        "media_file",
        ["created_at"],
        postgresql_where=sa.text("status IN ('pending', 'queued', 'processing')"),
    )
    op.create_index(
        op.f("media_file_metadata_idx"),
        "media_file",
        ["metadata"],
        postgresql_using="gin",
        postgresql_ops={"metadata": "jsonb_path_ops"},
    )

    op.create_table(
        "speaker_profile",
        sa.Column("id", sa.Integer(), sa.Identity(), nullable=False),
        _uuid_column(),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("description", sa.Text()),
        *_timestamp_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("speaker_profile_pkey")),
        sa.UniqueConstraint("uuid", name=op.f("speaker_profile_uuid_key")),
        sa.UniqueConstraint("user_id", "name", name=op.f("speaker_profile_user_id_name_key")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("speaker_profile_user_id_fkey"), ondelete="CASCADE"
        ),
        comment="A known person, recognised across many media files.",
    )
    op.create_index(
        op.f("speaker_profile_name_idx"),
        "speaker_profile",
        ["name"],
        postgresql_using="gin",
        postgresql_ops={"name": "gin_trgm_ops"},
    )

    op.create_table(
        "speaker",
        sa.Column("id", sa.Integer(), sa.Identity(), nullable=False),
        _uuid_column(),
        sa.Column("media_file_id", sa.BigInteger(), nullable=False),
        sa.Column("profile_id", sa.Integer()),
        sa.Column("label", sa.String(50), nullable=False),
        *_timestamp_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("speaker_pkey")),
        sa.UniqueConstraint("uuid", name=op.f("speaker_uuid_key")),
        sa.UniqueConstraint("media_file_id", "label", name=op.f("speaker_media_file_id_label_key")),
        sa.ForeignKeyConstraint(
            ["media_file_id"], ["media_file.id"], name=op.f("speaker_media_file_id_fkey"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["speaker_profile.id"], name=op.f("speaker_profile_id_fkey"), ondelete="SET NULL"
        ),
        comment="A voice found by diarization in one media file (SPEAKER_00, ...).",
    )

    op.create_table(
        "transcript_segment",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("media_file_id", sa.BigInteger(), nullable=False),
        sa.Column("speaker_id", sa.Integer()),
        sa.Column("start_time", sa.Double(), nullable=False),
        sa.Column("end_time", sa.Double(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("confidence", sa.REAL()),
        *_timestamp_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("transcript_segment_pkey")),
        sa.ForeignKeyConstraint(
            ["media_file_id"], ["media_file.id"], name=op.f("transcript_segment_media_file_id_fkey"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["speaker.id"], name=op.f("transcript_segment_speaker_id_fkey"), ondelete="SET NULL"
        ),
        sa.CheckConstraint("end_time >= start_time", name=op.f("transcript_segment_time_order_check")),
        comment="A timed piece of transcript text, optionally attributed to a speaker.",
    )
    op.create_index(
        op.f("transcript_segment_media_file_id_start_time_text_idx"),
        "transcript_segment",
        ["media_file_id", "start_time", sa.text("md5(text)")],
        unique=True,
    )
    op.create_index(
        op.f("transcript_segment_text_fts_idx"),
        "transcript_segment",
        [sa.text("to_tsvector('simple', text)")],
        postgresql_using="gin",
    )
    op.create_index(op.f("transcript_segment_speaker_id_idx"), "transcript_segment", ["speaker_id"])

    tag = op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), sa.Identity(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        _timestamp_column("created_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("tag_pkey")),
        comment="Labels for media files; names are unique regardless of case.",
    )
    op.create_index(op.f("tag_name_lower_idx"), "tag", [sa.text("lower(name)")], unique=True)

    op.create_table(
        "file_tag",
        sa.Column("media_file_id", sa.BigInteger(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        _timestamp_column("created_at"),
        sa.PrimaryKeyConstraint("media_file_id", "tag_id", name=op.f("file_tag_pkey")),
        sa.ForeignKeyConstraint(
            ["media_file_id"], ["media_file.id"], name=op.f("file_tag_media_file_id_fkey"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["tag_id"], ["tag.id"], name=op.f("file_tag_tag_id_fkey"), ondelete="CASCADE"),
        comment="Which tags are on which media files.",
    )
    op.create_index(op.f("file_tag_tag_id_idx"), "file_tag", ["tag_id"])

    op.create_table(
        "comment",
        sa.Column("id", sa.Integer(), sa.Identity(), nullable=False),
        _uuid_column(),
        sa.Column("media_file_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("timestamp", sa.Double()),
        *_timestamp_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("comment_pkey")),
        sa.UniqueConstraint("uuid", name=op.f("comment_uuid_key")),
        sa.ForeignKeyConstraint(
            ["media_file_id"], ["media_file.id"], name=op.f("comment_media_file_id_fkey"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("comment_user_id_fkey"), ondelete="CASCADE"),
        sa.CheckConstraint(
            "char_length(text) >= 1 AND char_length(text) <= 10000", name=op.f("comment_text_length_check")
        ),
        comment="A note on a media file, optionally at a position (seconds) in it.",
    )
    op.create_index(op.f("comment_media_file_id_idx"), "comment", ["media_file_id"])
    op.create_index(op.f("comment_user_id_idx"), "comment", ["user_id"])

    op.create_table(
        "task",
        sa.Column("id", sa.String(255), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("media_file_id", sa.BigInteger()),
        sa.Column("task_type", task_type, nullable=False),
        sa.Column("status", task_status, server_default="pending", nullable=False),
        sa.Column("progress", sa.REAL(), server_default=sa.text("0"), nullable=False),
        sa.Column("result", postgresql.JSONB()),
        sa.Column("error_message", sa.Text()),
        sa.Column("completed_at", sa.DateTime(timezone=True)),
        *_timestamp_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("task_pkey")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("task_user_id_fkey"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["media_file_id"], ["media_file.id"], name=op.f("task_media_file_id_fkey"), ondelete="SET NULL"
        ),
        sa.CheckConstraint("progress >= 0 AND progress <= 1", name=op.f("task_progress_check")),
        comment="Background work (transcription, summaries, ...) keyed by the worker's task id.",
    )
    op.create_index(
        op.f("task_user_id_active_idx"),
        "task",
        ["user_id"],
        postgresql_where=sa.text("status IN ('pending', 'in_progress')"),
    )
    op.create_index(op.f("task_media_file_id_idx"), "task", ["media_file_id"])

    op.create_table(
        "analytics",
        sa.Column("id", sa.Integer(), sa.Identity(), nullable=False),
        sa.Column("media_file_id", sa.BigInteger(), nullable=False),
        sa.Column("speaker_stats", postgresql.JSONB()),
        sa.Column("sentiment", postgresql.JSONB()),
        sa.Column("keywords", postgresql.ARRAY(sa.Text()), server_default=sa.text("'{}'"), nullable=False),
        _timestamp_column("computed_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("analytics_pkey")),
        sa.UniqueConstraint("media_file_id", name=op.f("analytics_media_file_id_key")),
        sa.ForeignKeyConstraint(
            ["media_file_id"], ["media_file.id"], name=op.f("analytics_media_file_id_fkey"), ondelete="CASCADE"
        ),
        comment="Computed statistics of one media file (speaking time, sentiment, keywords).",
    )

    op.create_table(
        "collection",
        sa.Column("id", sa.Integer(), sa.Identity(), nullable=False),
        _uuid_column(),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("is_public", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        *_timestamp_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("collection_pkey")),
        sa.UniqueConstraint("uuid", name=op.f("collection_uuid_key")),
        sa.UniqueConstraint("user_id", "name", name=op.f("collection_user_id_name_key")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("collection_user_id_fkey"), ondelete="CASCADE"),
        comment="A named set of media files kept by a user.",
    )

    op.create_table(
        "collection_member",
        sa.Column("collection_id", sa.Integer(), nullable=False),
        sa.Column("media_file_id", sa.BigInteger(), nullable=False),
        _timestamp_column("added_at"),
        sa.PrimaryKeyConstraint("collection_id", "media_file_id", name=op.f("collection_member_pkey")),
        sa.ForeignKeyConstraint(
            ["collection_id"], ["collection.id"], name=op.f("collection_member_collection_id_fkey"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["media_file_id"], ["media_file.id"], name=op.f("collection_member_media_file_id_fkey"), ondelete="CASCADE"
        ),
        comment="Which media files are in which collections.",
    )
    op.create_index(op.f("collection_member_media_file_id_idx"), "collection_member", ["media_file_id"])

    summary_prompt = op.create_table(
        "summary_prompt",
        sa.Column("id", sa.Integer(), sa.Identity(), nullable=False),
        _uuid_column(),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("prompt_text", sa.Text(), nullable=False),
        sa.Column("is_system", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("is_default", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("user_id", sa.Integer()),
        *_timestamp_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("summary_prompt_pkey")),
        sa.UniqueConstraint("uuid", name=op.f("summary_prompt_uuid_key")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("summary_prompt_user_id_fkey"), ondelete="CASCADE"),
        sa.CheckConstraint("is_system OR user_id IS NOT NULL", name=op.f("summary_prompt_owner_check")),
        comment="Prompts for LLM summaries: system-wide ones and each user's own.",
    )
    op.create_index(
        op.f("summary_prompt_user_id_default_idx"),
        "summary_prompt",
        ["user_id"],
        unique=True,
        postgresql_where=sa.text("is_default"),
    )

    op.create_table(
        "user_setting",
        sa.Column("id", sa.Integer(), sa.Identity(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.Text()),
        *_timestamp_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("user_setting_pkey")),
        sa.UniqueConstraint("user_id", "key", name=op.f("user_setting_user_id_key_key")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("user_setting_user_id_fkey"), ondelete="CASCADE"),
        comment="Per-user preferences as key/value pairs.",
    )

    for table in UPDATED_AT_TABLES:
        op.execute(
            f'CREATE TRIGGER {table}_set_updated_at BEFORE UPDATE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION set_updated_at()"
        )

    op.execute(MEDIA_FILE_OVERVIEW_VIEW)
    op.execute("COMMENT ON VIEW media_file_overview IS 'One row per media file with its segment and speaker counts.'")

    op.bulk_insert(tag, [{"name": name} for name in DEFAULT_TAGS])
    op.bulk_insert(summary_prompt, list(SYSTEM_PROMPTS))


def downgrade() -> None:
    op.execute("DROP VIEW media_file_overview")
    for table in reversed(UPDATED_AT_TABLES):
        op.execute(f'DROP TRIGGER {table}_set_updated_at ON "{table}"')
    for table in (
        "user_setting",
        "summary_prompt",
        "collection_member",
        "collection",
        "analytics",
        "task",
        "comment",
        "file_tag",
        "tag",
        "transcript_segment",
        "speaker",
        "speaker_profile",
        "media_file",
        "user",
    ):
        op.drop_table(table)
    op.execute("DROP FUNCTION set_updated_at()")
    bind = op.get_bind()
    for enum_type in reversed(ENUM_TYPES):
        enum_type.drop(bind, checkfirst=False)
    for name in reversed(EXTENSIONS):
        op.execute(f"DROP EXTENSION {name}")
