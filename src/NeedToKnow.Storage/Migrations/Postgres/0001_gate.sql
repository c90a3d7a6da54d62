-- 0001 consent ledger, declarations, app registry, gate records (PostgreSQL).
-- Times: unix time in 100 ns ticks (BIGINT; t / 10000000 = unix seconds), lossless for .NET DateTimeOffset.
-- Append-only: consent_events, declaration_versions, app_revisions, interceptions, prompts.
-- Projections, rewritten in the transaction of the event that changes them: consent_state, apps.
-- Sequences and revisions come from ntk_counters (a row lock held to commit), so commit order = number order
-- and a follower reading "after n" never misses a later-committed lower number.

CREATE TABLE ntk_counters (
    name   TEXT    NOT NULL PRIMARY KEY,
    value  BIGINT  NOT NULL
);
INSERT INTO ntk_counters (name, value) VALUES ('consent_sequence', 0), ('app_revision', 0);

CREATE TABLE consent_events (
    user_id              TEXT    NOT NULL,
    sequence             BIGINT  NOT NULL,
    event_id             TEXT    NOT NULL,
    app_id               TEXT    NOT NULL,
    kind                 SMALLINT NOT NULL,
    time_ticks           BIGINT  NOT NULL,
    declaration_version  INTEGER NOT NULL,
    items                TEXT    NOT NULL,
    scope                TEXT,
    method               SMALLINT NOT NULL,
    recorded_ticks       BIGINT  NOT NULL,
    PRIMARY KEY (user_id, sequence),
    UNIQUE (user_id, event_id)
);
CREATE INDEX consent_events_user_app ON consent_events (user_id, app_id, sequence);
CREATE UNIQUE INDEX consent_events_sequence ON consent_events (sequence);

CREATE TABLE consent_state (
    user_id        TEXT    NOT NULL,
    app_id         TEXT    NOT NULL,
    last_sequence  BIGINT  NOT NULL,
    keys           TEXT    NOT NULL,
    scopes         TEXT    NOT NULL,
    PRIMARY KEY (user_id, app_id)
);

CREATE TABLE declaration_versions (
    app_id            TEXT    NOT NULL,
    version           INTEGER NOT NULL,
    created_ticks     BIGINT  NOT NULL,
    service_category  TEXT,
    items             TEXT    NOT NULL,
    document          TEXT,
    PRIMARY KEY (app_id, version)
);

CREATE TABLE apps (
    app_id              TEXT    NOT NULL PRIMARY KEY,
    revision            BIGINT  NOT NULL,
    status              SMALLINT NOT NULL,
    live_version        INTEGER,
    developer_name      TEXT    NOT NULL,
    developer_entity    TEXT    NOT NULL,
    developer_verified  SMALLINT NOT NULL,
    admissions          TEXT    NOT NULL,
    banned_keys         TEXT    NOT NULL
);
CREATE INDEX apps_revision ON apps (revision);

-- Every registry change (status, live pointer, admissions, enforcement bans), kept: the enforcement history.
CREATE TABLE app_revisions (
    app_id              TEXT    NOT NULL,
    revision            BIGINT  NOT NULL,
    status              SMALLINT NOT NULL,
    live_version        INTEGER,
    developer_name      TEXT    NOT NULL,
    developer_entity    TEXT    NOT NULL,
    developer_verified  SMALLINT NOT NULL,
    admissions          TEXT    NOT NULL,
    banned_keys         TEXT    NOT NULL,
    recorded_ticks      BIGINT  NOT NULL,
    PRIMARY KEY (app_id, revision)
);

CREATE TABLE interceptions (
    app_id               TEXT    NOT NULL,
    decision_id          BIGINT  NOT NULL,
    time_ticks           BIGINT  NOT NULL,
    user_id              TEXT    NOT NULL,
    target               TEXT    NOT NULL,
    privacy_key          TEXT,
    reason               SMALLINT NOT NULL,
    decided_by           SMALLINT NOT NULL,
    detail               SMALLINT NOT NULL,
    declaration_version  INTEGER NOT NULL,
    error                TEXT,
    PRIMARY KEY (app_id, decision_id)
);
CREATE INDEX interceptions_time ON interceptions (time_ticks, decision_id);

CREATE TABLE prompts (
    app_id               TEXT    NOT NULL,
    decision_id          BIGINT  NOT NULL,
    time_ticks           BIGINT  NOT NULL,
    user_id              TEXT    NOT NULL,
    target               TEXT    NOT NULL,
    privacy_key          TEXT    NOT NULL,
    kind                 SMALLINT NOT NULL,
    reason               SMALLINT NOT NULL,
    detail               SMALLINT NOT NULL,
    declaration_version  INTEGER NOT NULL,
    scope                TEXT,
    separate_consent     SMALLINT NOT NULL,
    PRIMARY KEY (app_id, decision_id)
);
CREATE INDEX prompts_time ON prompts (time_ticks, decision_id);
