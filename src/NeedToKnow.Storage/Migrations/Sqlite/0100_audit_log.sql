-- 0100 audit log (SQLite): append-only entries, the compact tree state saved with each batch, signed tree heads.
-- entry is the canonical AuditEntryCodec encoding (the Merkle leaf); leaf_hash = SHA-256(0x00 || entry) (RFC 9162 §2.1.1).
-- Triggers refuse UPDATE and DELETE on entries and heads; `ntk audit verify` finds any change made around them.

CREATE TABLE audit_entries (
    idx        INTEGER NOT NULL PRIMARY KEY,
    entry      BLOB    NOT NULL,
    leaf_hash  BLOB    NOT NULL
);

CREATE TABLE audit_tree_state (
    id     INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    size   INTEGER NOT NULL,
    state  BLOB    NOT NULL
);

CREATE TABLE audit_tree_heads (
    tree_size     INTEGER NOT NULL,
    timestamp_ms  INTEGER NOT NULL,
    root_hash     BLOB    NOT NULL,
    signature     BLOB    NOT NULL,
    PRIMARY KEY (tree_size, timestamp_ms)
);

CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
CREATE TRIGGER audit_tree_heads_no_update BEFORE UPDATE ON audit_tree_heads
BEGIN SELECT RAISE(ABORT, 'audit_tree_heads is append-only'); END;
CREATE TRIGGER audit_tree_heads_no_delete BEFORE DELETE ON audit_tree_heads
BEGIN SELECT RAISE(ABORT, 'audit_tree_heads is append-only'); END;
