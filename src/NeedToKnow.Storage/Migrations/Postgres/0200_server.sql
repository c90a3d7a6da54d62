-- Server tables: submissions (review queue and verdicts), app ownership, hashed API keys.
CREATE TABLE submissions (
    app_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    submitted_ticks BIGINT NOT NULL,
    status INTEGER NOT NULL,
    findings TEXT NOT NULL,
    detected_keys TEXT NOT NULL,
    package_files INTEGER NOT NULL,
    package_bytes BIGINT NOT NULL,
    decided_ticks BIGINT NULL,
    reason TEXT NULL,
    PRIMARY KEY (app_id, version)
);
CREATE INDEX submissions_by_status ON submissions (status, submitted_ticks);

CREATE TABLE app_owners (
    app_id TEXT NOT NULL PRIMARY KEY,
    developer_id TEXT NOT NULL
);

CREATE TABLE api_keys (
    hash TEXT NOT NULL PRIMARY KEY,
    id TEXT NOT NULL,
    role TEXT NOT NULL,
    developer_id TEXT NULL,
    name TEXT NOT NULL,
    created_ticks BIGINT NOT NULL,
    revoked INTEGER NOT NULL
);
