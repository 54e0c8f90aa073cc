-- Demo data for trying the app: `./opentr.sh reset dev --seed-demo` loads it into the
-- fresh database before it is swapped in. Not reference data: the schema and the parity
-- check never read this file. Rows are found by natural keys, never by hard-coded ids,
-- so the identity sequences stay right for rows the app adds later.

INSERT INTO "user" (uuid, email, hashed_password, full_name, role) VALUES
    ('0d3e9a10-0000-4000-8000-000000000001', 'demo@example.com',
     '!demo: no password set, sign in through the app''s own reset flow', 'Demo User', 'admin');

INSERT INTO speaker_profile (user_id, name, description)
SELECT u.id, p.name, p.description
FROM "user" u, (VALUES
    ('Ada Moreno', 'Team lead; runs the weekly stand-up.'),
    ('Ben Okafor', 'Guest on the podcast.')
) AS p (name, description)
WHERE u.email = 'demo@example.com';

INSERT INTO media_file (uuid, user_id, filename, storage_path, file_size, content_type, duration, language,
                        status, uploaded_at, completed_at)
SELECT f.uuid::uuid, u.id, f.filename, f.storage_path, f.file_size, f.content_type, f.duration, 'en',
       f.status::file_status, now() - f.age::interval, CASE WHEN f.status = 'completed' THEN now() END
FROM "user" u, (VALUES
    ('0d3e9a10-0000-4000-8000-000000000101', 'weekly-standup.mp3', 'demo/weekly-standup.mp3',
     1843200, 'audio/mpeg', 92.5, 'completed', '2 days'),
    ('0d3e9a10-0000-4000-8000-000000000102', 'podcast-episode-12.m4a', 'demo/podcast-episode-12.m4a',
     5242880, 'audio/mp4', 61.0, 'completed', '1 day'),
    ('0d3e9a10-0000-4000-8000-000000000103', 'lecture-intro.mp4', 'demo/lecture-intro.mp4',
     20971520, 'video/mp4', NULL, 'processing', '5 minutes')
) AS f (uuid, filename, storage_path, file_size, content_type, duration, status, age)
WHERE u.email = 'demo@example.com';

INSERT INTO speaker (media_file_id, profile_id, label, display_name, verified, confidence)
SELECT mf.id, sp.id, s.label, s.display_name, s.profile IS NOT NULL, s.confidence
FROM (VALUES
    ('demo/weekly-standup.mp3', 'SPEAKER_00', 'Ada Moreno', 'Ada Moreno', 0.97),
    ('demo/weekly-standup.mp3', 'SPEAKER_01', NULL, NULL, 0.88),
    ('demo/podcast-episode-12.m4a', 'SPEAKER_00', 'Host', NULL, 0.95),
    ('demo/podcast-episode-12.m4a', 'SPEAKER_01', 'Ben Okafor', 'Ben Okafor', 0.91)
) AS s (storage_path, label, display_name, profile, confidence)
JOIN media_file mf ON mf.storage_path = s.storage_path
LEFT JOIN speaker_profile sp ON sp.name = s.profile AND sp.user_id = mf.user_id;

INSERT INTO transcript_segment (media_file_id, speaker_id, start_time, end_time, text, confidence)
SELECT mf.id, sk.id, t.start_time, t.end_time, t.text, t.confidence
FROM (VALUES
    ('demo/weekly-standup.mp3', 'SPEAKER_00', 0.0, 6.2, 'Morning everyone, let''s keep it short today.', 0.96),
    ('demo/weekly-standup.mp3', 'SPEAKER_01', 6.8, 15.4, 'The upload fix shipped yesterday; no new errors since.', 0.90),
    ('demo/weekly-standup.mp3', 'SPEAKER_00', 16.0, 24.5, 'Great. Action item for me: update the release notes by Friday.', 0.94),
    ('demo/podcast-episode-12.m4a', 'SPEAKER_00', 0.0, 8.1, 'Welcome back to episode twelve. My guest today is Ben.', 0.95),
    ('demo/podcast-episode-12.m4a', 'SPEAKER_01', 8.5, 19.9, 'Thanks for having me. I have been transcribing interviews for ten years.', 0.92),
    ('demo/podcast-episode-12.m4a', 'SPEAKER_00', 20.3, 27.0, 'So what changed when speech recognition got good?', 0.93)
) AS t (storage_path, label, start_time, end_time, text, confidence)
JOIN media_file mf ON mf.storage_path = t.storage_path
JOIN speaker sk ON sk.media_file_id = mf.id AND sk.label = t.label;

INSERT INTO file_tag (media_file_id, tag_id)
SELECT mf.id, tag.id
FROM (VALUES
    ('demo/weekly-standup.mp3', 'Meeting'),
    ('demo/podcast-episode-12.m4a', 'Podcast'),
    ('demo/podcast-episode-12.m4a', 'Interview'),
    ('demo/lecture-intro.mp4', 'Lecture')
) AS ft (storage_path, tag_name)
JOIN media_file mf ON mf.storage_path = ft.storage_path
JOIN tag ON lower(tag.name) = lower(ft.tag_name);
