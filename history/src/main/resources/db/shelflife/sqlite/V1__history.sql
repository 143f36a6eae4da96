-- The history of images, version 1. The PostgreSQL migration of the same version creates the same
-- tables and columns with that database's types; HistorySchemaTest compares the two.
-- Instants are nanoseconds since 1970-01-01T00:00:00Z; absent text is '' where a unique key needs it.

-- The images a team ships under one name.
CREATE TABLE lineages (
    id   INTEGER PRIMARY KEY,
    name TEXT    NOT NULL UNIQUE
);

-- An image as reports name it: by repository, tag and digest ('' when not known).
CREATE TABLE images (
    id         INTEGER PRIMARY KEY,
    lineage_id INTEGER NOT NULL REFERENCES lineages (id),
    name       TEXT    NOT NULL,
    tag        TEXT    NOT NULL,
    digest     TEXT    NOT NULL,
    first_made INTEGER NOT NULL,
    last_made  INTEGER NOT NULL,
    UNIQUE (lineage_id, name, tag, digest)
);
CREATE INDEX images_by_digest ON images (name, digest);
CREATE INDEX images_by_tag ON images (name, tag);

-- A vulnerability as a scanner's database described it (its ids, severity, ratings, dates, title):
-- the record codec's encoding, kept once for the whole store however many findings, images and
-- lineages share it, and the first 16 bytes of its SHA-256.
CREATE TABLE vulnerabilities (
    id   INTEGER PRIMARY KEY,
    hash BLOB    NOT NULL UNIQUE,
    body BLOB    NOT NULL
);

-- The rest of a finding (its package, fix and target), kept once per lineage however many reports
-- repeat it and however often its vulnerability's record is revised: the record codec's encoding,
-- and the first 16 bytes of its SHA-256. A report's envelope pairs each of its findings with its
-- vulnerability.
CREATE TABLE findings (
    id         INTEGER PRIMARY KEY,
    lineage_id INTEGER NOT NULL REFERENCES lineages (id),
    hash       BLOB    NOT NULL,
    body       BLOB    NOT NULL,
    UNIQUE (lineage_id, hash)
);

-- One recorded report, under the SHA-256 of its canonical encoding. The envelope (its header and
-- the ids of its findings, deflated) is dropped by compaction; the row stays while a clock fact
-- names it.
CREATE TABLE reports (
    id                INTEGER PRIMARY KEY,
    content_hash      BLOB    NOT NULL UNIQUE,
    lineage_id        INTEGER NOT NULL REFERENCES lineages (id),
    image_id          INTEGER NOT NULL REFERENCES images (id),
    kind              TEXT    NOT NULL,
    scanner           TEXT    NOT NULL,
    scanner_version   TEXT,
    made_at           INTEGER NOT NULL,
    scanned_at        INTEGER,
    database_built_at INTEGER,
    base_image        TEXT,
    recorded_at       INTEGER NOT NULL,
    recorded_by       TEXT    NOT NULL,
    finding_count     INTEGER NOT NULL,
    envelope          BLOB
);
CREATE INDEX reports_by_image ON reports (image_id, made_at);
CREATE INDEX reports_by_lineage ON reports (lineage_id, made_at);

-- What a lineage's scans remember for the clocks, per vulnerability and package: the first scan
-- that reported it, the first that reported a fix, the last that reported it. Kept by compaction.
CREATE TABLE lineage_findings (
    lineage_id    INTEGER NOT NULL REFERENCES lineages (id),
    vulnerability TEXT    NOT NULL,
    package       TEXT    NOT NULL,
    first_seen    INTEGER NOT NULL,
    first_report  INTEGER NOT NULL,
    first_finding INTEGER NOT NULL,
    first_vulnerability INTEGER NOT NULL,
    fix_seen      INTEGER,
    fix_report    INTEGER,
    last_seen     INTEGER NOT NULL,
    last_report   INTEGER NOT NULL,
    last_finding  INTEGER NOT NULL,
    last_vulnerability INTEGER NOT NULL,
    PRIMARY KEY (lineage_id, vulnerability, package)
) WITHOUT ROWID;

-- A tag seen pointing at a digest, from its first sighting there to its last.
CREATE TABLE tag_observations (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    tag         TEXT    NOT NULL,
    digest      TEXT    NOT NULL,
    first_seen  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL,
    observed_by TEXT    NOT NULL,
    UNIQUE (name, tag, first_seen, digest)
);

-- A verdict that was issued.
CREATE TABLE verdicts (
    id                 INTEGER PRIMARY KEY,
    lineage_id         INTEGER NOT NULL REFERENCES lineages (id),
    image_ref          TEXT    NOT NULL,
    stage              TEXT    NOT NULL,
    outcome            TEXT    NOT NULL,
    at                 INTEGER NOT NULL,
    next_change        INTEGER,
    next_change_reason TEXT,
    UNIQUE (image_ref, stage, at, outcome)
);
CREATE INDEX verdicts_by_lineage ON verdicts (lineage_id, at);
