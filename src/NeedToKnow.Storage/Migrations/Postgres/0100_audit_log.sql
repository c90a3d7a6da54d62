-- 0100 audit log (PostgreSQL): append-only entries, the compact tree state saved with each batch, signed tree heads.
-- entry is the canonical AuditEntryCodec encoding (the Merkle leaf); leaf_hash = SHA-256(0x00 || entry) (RFC 9162 §2.1.1).
-- A trigger refuses UPDATE and DELETE on entries and heads; `ntk audit verify` finds any change made around it.

CREATE TABLE audit_entries (
    idx        BIGINT NOT NULL PRIMARY KEY,
    entry      BYTEA  NOT NULL,
    leaf_hash  BYTEA  NOT NULL
);

CREATE TABLE audit_tree_state (
    id     INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    size   BIGINT  NOT NULL,
    state  BYTEA   NOT NULL
);

CREATE TABLE audit_tree_heads (
    tree_size     BIGINT NOT NULL,
    timestamp_ms  BIGINT NOT NULL,
    root_hash     BYTEA  NOT NULL,
    signature     BYTEA  NOT NULL,
    PRIMARY KEY (tree_size, timestamp_ms)
);

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_tree_heads_append_only BEFORE UPDATE OR DELETE ON audit_tree_heads
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
