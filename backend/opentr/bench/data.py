"""`data`: the data layer's bulk paths against the ways they are usually written, side by side.

- ingest: 100,000 transcript segments through `TranscriptSegmentRepository.ingest` (COPY)
  against ORM objects added one by one (one commit at the end) and against `insert()`
  executemany; beside them COPY of text encoded beforehand, the server's own floor. Peak
  RSS of the COPY path at a tenth of the rows and at all of them, each in a fresh process.
- listing: a page of 50 files with tags and counts, statements and time, against N+1 loading.
- search: the full-text search over those 100,000 segments, against the same query with
  index scans turned off (a sequential scan).
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
from collections.abc import Callable, Iterator

import psycopg2.sql
from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from app.db.session_utils import session_scope
from app.db.sessions import make_engine
from app.db.statements import StatementCount
from app.models import FileTag, MediaFile, Speaker, Tag, TranscriptSegment, User
from app.repositories import MediaFileRepository, SearchRepository, TagRepository, TranscriptSegmentRepository
from app.repositories.copy import CopyText, copy_statement
from app.repositories.plan import Copy
from app.repositories.transcript import COPY_COLUMNS
from app.schemas import MediaFileCreate, SpeakerCreate, TranscriptSegmentCreate
from opentr.bench.context import Bench
from opentr.bench.measure import Contender, Sample, Verdict, interleaved, times
from opentr.target import INIT_SQL
from schemaparity.pg.psql import run_sql_file
from schemaparity.scratch import ScratchSession

SEGMENTS, QUICK_SEGMENTS = 100_000, 20_000
ORM_TARGET, EXECUTEMANY_TARGET, SEARCH_TARGET = 10.0, 2.0, 10.0
FLAT_MIB = 16  # peak RSS at all the rows may exceed that at a tenth by this much, and still be flat
LIBRARY_FILES, PAGE, SMALL_PAGE = 200, 50, 10
RARE_WORD, RARE_EVERY = "aardvark", 2000
VOCABULARY = [f"w{i:04d}" for i in range(3000)]


def segments(media_file_id: int, count: int) -> Iterator[TranscriptSegmentCreate]:
    """A worker's output, the same every run: twelve words a segment, RARE_WORD in one of RARE_EVERY."""
    rng = random.Random(13)
    for i in range(count):
        words = rng.choices(VOCABULARY, k=12) + ([RARE_WORD] if i % RARE_EVERY == 7 else [])
        yield TranscriptSegmentCreate(
            media_file_id=media_file_id, start_time=i * 2.0, end_time=i * 2.0 + 1.9, text=" ".join(words)
        )


def upload(session: Session, user_id: int, name: str) -> int:
    create = MediaFileCreate(
        user_id=user_id, filename=name, storage_path=f"{user_id}/{name}", file_size=1, content_type="audio/wav"
    )
    return MediaFileRepository(session).create(create).id


def add_user(session: Session) -> int:
    return session.scalar(insert(User).values(email="bench@example.org", hashed_password="x").returning(User.id))


# --- ingest ----------------------------------------------------------------------


def ingest_contenders(factory: sessionmaker, rows: list[TranscriptSegmentCreate]) -> list[Contender]:
    def empty() -> None:
        with session_scope(factory) as session:
            session.execute(text("TRUNCATE transcript_segment"))

    def by_copy() -> None:
        with session_scope(factory) as session:
            TranscriptSegmentRepository(session).ingest(rows)

    def by_orm() -> None:
        with session_scope(factory) as session:
            for row in rows:
                session.add(TranscriptSegment(**row.model_dump()))

    def by_executemany() -> None:
        with session_scope(factory) as session:
            session.execute(insert(TranscriptSegment), [row.model_dump() for row in rows])

    encoded = "".join(CopyText(tuple(getattr(row, c) for c in COPY_COLUMNS) for row in rows))
    statement = copy_statement(psycopg2.sql, Copy(TranscriptSegment.__tablename__, COPY_COLUMNS, ()))

    def server_floor() -> None:
        with session_scope(factory) as session:
            driver = session.connection().connection.dbapi_connection
            with driver.cursor() as cursor:
                cursor.copy_expert(statement, io.StringIO(encoded))

    return [
        Contender("COPY (repository)", by_copy, empty),
        Contender("ORM one by one", by_orm, empty),
        Contender("insert() executemany", by_executemany, empty),
        Contender("COPY of pre-encoded text", server_floor, empty),
    ]


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(f"{field}:"))


def peak_rss_growth(url: str, media_file_id: int, count: int, way: str) -> int:
    """In a fresh process: how far (KiB) the peak RSS rises above the RSS before `count` segments are
    inserted from a generator, by the repository's COPY or by executemany (which needs them in a list).
    The peak is reset first (Linux: `5` to /proc/self/clear_refs), so the imports' peak does not count."""
    engine = make_engine(url)
    with Session(engine) as session:
        session.execute(text("SELECT 1"))
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
        before = _status_kib("VmRSS")
        if way == "copy":
            TranscriptSegmentRepository(session).ingest(segments(media_file_id, count))
        else:
            session.execute(insert(TranscriptSegment), [row.model_dump() for row in segments(media_file_id, count)])
        peak = _status_kib("VmHWM")
        session.rollback()
    engine.dispose()
    return peak - before


def rss_growth_mib(url: str, media_file_id: int, count: int, way: str = "copy") -> float:
    """`peak_rss_growth` in a process of its own: a peak says nothing of a later, smaller run."""
    code = f"from opentr.bench.data import peak_rss_growth as p; print(p({url!r}, {media_file_id}, {count}, {way!r}))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"the RSS probe failed: {(result.stderr.strip() or 'no output').splitlines()[-1]}")
    return max(int(result.stdout), 0) / 1024


def ingest(bench: Bench, url: str, factory: sessionmaker, media_file_id: int, probe_file_id: int) -> list[Verdict]:
    count = QUICK_SEGMENTS if bench.quick else SEGMENTS
    repetitions = bench.repetitions(3, quick=2)
    rows = list(segments(media_file_id, count))
    bench.say(f"  ingest: {count:,} segments, {repetitions} runs each, interleaved, table emptied before each")
    samples = interleaved(ingest_contenders(factory, rows), repetitions, bench.say)
    for sample in samples.values():
        bench.say(f"    {sample.describe()}")
    copy = samples["COPY (repository)"].median
    orm = samples["ORM one by one"].median / copy
    many = samples["insert() executemany"].median / copy
    floor = samples["COPY of pre-encoded text"].median / copy
    bench.say(f"    the server's own work (COPY of pre-encoded text) is {floor:.0%} of the repository's COPY time")
    small = rss_growth_mib(url, probe_file_id, count // 10)
    large = rss_growth_mib(url, probe_file_id, count)
    listed = rss_growth_mib(url, probe_file_id, count, "executemany")
    bench.say(
        f"    peak RSS growth: COPY +{small:.1f} MiB for {count // 10:,} rows, +{large:.1f} MiB for {count:,}; "
        f"executemany of a list +{listed:.1f} MiB for {count:,}"
    )
    verdicts = [
        Verdict("data", "ORM one by one ÷ COPY", times(orm), f"≥{ORM_TARGET:.0f}×", orm >= ORM_TARGET),
        Verdict("data", "executemany ÷ COPY", times(many), f"≥{EXECUTEMANY_TARGET:.0f}×", many >= EXECUTEMANY_TARGET),
        Verdict(
            "data",
            f"COPY peak RSS, {count:,} vs {count // 10:,} rows",
            f"+{large:.1f} vs +{small:.1f} MiB",
            f"flat (≤ +{FLAT_MIB} MiB more)",
            large <= small + FLAT_MIB,
        ),
    ]
    for verdict in verdicts:
        bench.say(f"  {verdict.line()}")
    return verdicts


# --- listing ---------------------------------------------------------------------


def build_library(factory: sessionmaker, user_id: int) -> None:
    """LIBRARY_FILES files, each with 3 of 20 tags, 2 speakers and 10 segments (setup, not timed)."""
    with session_scope(factory) as session:
        tags = TagRepository(session)
        for i in range(LIBRARY_FILES):
            media_file_id = upload(session, user_id, f"library-{i}.wav")
            for k in range(3):
                tags.attach(media_file_id, f"topic {(i + k) % 20}")
            for label in ("SPEAKER_00", "SPEAKER_01"):
                session.execute(
                    insert(Speaker).values(**SpeakerCreate(media_file_id=media_file_id, label=label).model_dump())
                )
            TranscriptSegmentRepository(session).ingest(segments(media_file_id, 10))
        session.execute(text("ANALYZE"))  # as autovacuum would: the planner knows the new files' rows


def n_plus_one(session: Session, user_id: int, limit: int) -> list[tuple]:
    """The listing as it is often first written: the files, then three queries for each."""
    files = session.scalars(
        select(MediaFile).where(MediaFile.user_id == user_id).order_by(MediaFile.id.desc()).limit(limit)
    ).all()
    listed = []
    for media_file in files:
        names = session.scalars(
            select(Tag.name).join(FileTag, FileTag.tag_id == Tag.id).where(FileTag.media_file_id == media_file.id)
        ).all()
        segment_count = session.scalar(select(func.count()).where(TranscriptSegment.media_file_id == media_file.id))
        speaker_count = session.scalar(select(func.count()).where(Speaker.media_file_id == media_file.id))
        listed.append((media_file.id, sorted(names, key=str.lower), segment_count, speaker_count))
    return listed


def listing(bench: Bench, factory: sessionmaker, user_id: int) -> list[Verdict]:
    build_library(factory, user_id)
    ways: dict[str, Callable[[Session, int], object]] = {
        "overview": lambda session, limit: MediaFileRepository(session).overview(user_id, limit=limit),
        "N+1": lambda session, limit: n_plus_one(session, user_id, limit),
    }
    engine = factory.kw["bind"]
    counts: dict[str, list[int]] = {}
    for label, way in ways.items():
        for limit in (SMALL_PAGE, PAGE):
            with factory() as session, StatementCount(engine) as counted:
                way(session, limit)
            counts.setdefault(label, []).append(counted.count)
    for label, (small, large) in counts.items():
        bench.say(f"  listing: {label}: {small} statement(s) for {SMALL_PAGE} files, {large} for {PAGE}")
    repetitions = bench.repetitions(30, quick=10)

    def timed(label: str) -> Contender:
        def run() -> None:
            with factory() as session:
                ways[label](session, PAGE)

        return Contender(label, run)

    samples = interleaved([timed(label) for label in ways], repetitions, lambda line: None)
    for sample in samples.values():
        bench.say(f"    {sample.describe()}")
    ratio = samples["N+1"].median / samples["overview"].median
    small, large = counts["overview"]
    verdicts = [
        Verdict("data", f"statements, {SMALL_PAGE} vs {PAGE} files", f"{small} vs {large}", "equal", small == large),
        Verdict("data", f"N+1 ÷ overview, {PAGE} files", times(ratio), ">1×", ratio > 1),
    ]
    for verdict in verdicts:
        bench.say(f"  {verdict.line()}")
    return verdicts


# --- search ----------------------------------------------------------------------


def search(bench: Bench, factory: sessionmaker, user_id: int) -> Verdict:
    with session_scope(factory) as session:
        session.execute(text("ANALYZE transcript_segment"))
        stored = session.scalar(select(func.count()).select_from(TranscriptSegment))

    def query(sequential: bool) -> Callable[[], object]:
        def run() -> object:
            with factory() as session:
                if sequential:
                    session.execute(text("SET LOCAL enable_bitmapscan = off"))
                    session.execute(text("SET LOCAL enable_indexscan = off"))
                return SearchRepository(session).search(user_id, RARE_WORD)

        return run

    hits = len(query(False)())
    repetitions = bench.repetitions(15, quick=5)
    bench.say(f"  search: {RARE_WORD!r} over {stored:,} segments ({hits} hits), {repetitions} runs each")
    samples: dict[str, Sample] = interleaved(
        [Contender("index", query(False)), Contender("sequential scan", query(True))], repetitions, lambda line: None
    )
    for sample in samples.values():
        bench.say(f"    {sample.describe()}")
    ratio = samples["sequential scan"].median / samples["index"].median
    verdict = Verdict(
        "data", "search: seq scan ÷ index", times(ratio), f"≥{SEARCH_TARGET:.0f}×", ratio >= SEARCH_TARGET
    )
    bench.say(f"  {verdict.line()}")
    return verdict


def run(bench: Bench) -> list[Verdict]:
    bench.say("data: repository COPY, one-statement listing and indexed search against the usual ways")
    with ScratchSession(bench.server_url) as scratch, scratch.database("bench_data") as url:
        run_sql_file(url, INIT_SQL)
        engine = make_engine(url)
        factory = sessionmaker(bind=engine, autoflush=False)
        try:
            with session_scope(factory) as session:
                user_id = add_user(session)
                media_file_id = upload(session, user_id, "long-meeting.wav")
                probe_file_id = upload(session, user_id, "probe.wav")
            verdicts = ingest(bench, url, factory, media_file_id, probe_file_id)
            verdicts.append(search(bench, factory, user_id))
            verdicts += listing(bench, factory, user_id)
        finally:
            engine.dispose()
    return verdicts
