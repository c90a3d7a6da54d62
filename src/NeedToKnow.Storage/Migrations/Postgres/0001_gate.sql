-- 0001 consent ledger, declarations, app registry, gate records (PostgreSQL).
-- Times are unix microseconds (UTC) in BIGINT columns; ids are text as the platform gives them.
-- Append-only tables: declaration_versions, consent_events, interceptions, prompts, enforcement_actions.
-- Projections (rewritten in the same transaction as the event that changes them): apps, app_admissions, consent_state.

CREATE TABLE apps (
    app_id            TEXT    NOT NULL PRIMARY KEY,
    status            INTEGER NOT NULL,
    developer_name    TEXT    NOT NULL,
    developer_entity  INTEGER NOT NULL,
    live_version      INTEGER NOT NULL DEFAULT 0,
    payload           TEXT    NOT NULL,
    updated_us        BIGINT  NOT NULL
);

CREATE TABLE app_admissions (
    app_id      TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    granted     INTEGER NOT NULL,
    updated_us  BIGINT  NOT NULL,
    PRIMARY KEY (app_id, subject)
);

CREATE TABLE declaration_versions (
    app_id        TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    published_us  BIGINT  NOT NULL,
    content_hash  TEXT    NOT NULL,
    payload       TEXT    NOT NULL,
    PRIMARY KEY (app_id, version)
);

CREATE TABLE enforcement_actions (
    action_id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    app_id      TEXT    NOT NULL,
    kind        INTEGER NOT NULL,
    at_us       BIGINT  NOT NULL,
    payload     TEXT    NOT NULL
);
CREATE INDEX enforcement_actions_app ON enforcement_actions (app_id, action_id);

CREATE TABLE consent_events (
    event_id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id              TEXT    NOT NULL,
    app_id               TEXT    NOT NULL,
    kind                 INTEGER NOT NULL,
    declaration_version  INTEGER NOT NULL,
    occurred_us          BIGINT  NOT NULL,
    recorded_us          BIGINT  NOT NULL,
    payload              TEXT    NOT NULL
);
CREATE INDEX consent_events_user_app ON consent_events (user_id, app_id, occurred_us, event_id);

CREATE TABLE consent_state (
    user_id              TEXT    NOT NULL,
    app_id               TEXT    NOT NULL,
    subject              TEXT    NOT NULL,
    state                INTEGER NOT NULL,
    declaration_version  INTEGER NOT NULL,
    changed_us           BIGINT  NOT NULL,
    event_id             BIGINT  NOT NULL,
    PRIMARY KEY (user_id, app_id, subject)
);

CREATE TABLE interceptions (
    decision_id          BIGINT  NOT NULL PRIMARY KEY,
    at_us                BIGINT  NOT NULL,
    app_id               TEXT    NOT NULL,
    user_id              TEXT    NOT NULL,
    target               TEXT    NOT NULL,
    privacy_key          TEXT,
    reason               INTEGER NOT NULL,
    decided_by           INTEGER NOT NULL,
    detail               INTEGER NOT NULL,
    declaration_version  INTEGER NOT NULL,
    error                TEXT
);
CREATE INDEX interceptions_at ON interceptions (at_us);
CREATE INDEX interceptions_app ON interceptions (app_id, at_us);

CREATE TABLE prompts (
    decision_id          BIGINT  NOT NULL PRIMARY KEY,
    at_us                BIGINT  NOT NULL,
    app_id               TEXT    NOT NULL,
    user_id              TEXT    NOT NULL,
    target               TEXT    NOT NULL,
    privacy_key          TEXT    NOT NULL,
    kind                 INTEGER NOT NULL,
    reason               INTEGER NOT NULL,
    detail               INTEGER NOT NULL,
    declaration_version  INTEGER NOT NULL,
    scope                TEXT,
    separate_consent     INTEGER NOT NULL
);
CREATE INDEX prompts_at ON prompts (at_us);
CREATE INDEX prompts_app ON prompts (app_id, at_us);
