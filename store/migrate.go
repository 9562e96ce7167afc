package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations are the schema, one step per entry: migrations[i] takes the schema
// from version i to i+1. Steps are only ever appended; a released step never
// changes. Times are Unix nanoseconds (UTC).
var migrations = []string{
	// 1: documents, reviews, playbooks, keys, audit log.
	`
CREATE TABLE documents (
	seq      INTEGER PRIMARY KEY AUTOINCREMENT,
	id       TEXT NOT NULL UNIQUE,
	name     TEXT NOT NULL,
	format   TEXT NOT NULL,
	size     INTEGER NOT NULL,
	uploader TEXT NOT NULL,
	owner    TEXT NOT NULL DEFAULT '',
	created  INTEGER NOT NULL,
	clauses  INTEGER NOT NULL,
	parties  TEXT NOT NULL,          -- JSON array of names
	search   TEXT NOT NULL,          -- lower-case name and parties, for q
	outcome  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX documents_created ON documents(created);
CREATE INDEX documents_owner ON documents(owner);
CREATE TABLE document_blobs (
	document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
	original    BLOB NOT NULL,
	extract     BLOB NOT NULL
);
CREATE TABLE reviews (
	seq          INTEGER PRIMARY KEY AUTOINCREMENT,
	id           TEXT NOT NULL UNIQUE,
	document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	playbook     TEXT NOT NULL,
	revision     TEXT NOT NULL,
	outcome      TEXT NOT NULL,
	who          TEXT NOT NULL,
	created      INTEGER NOT NULL,
	report       BLOB NOT NULL,
	redline_docx BLOB,
	redline_html BLOB,
	redline_error TEXT NOT NULL DEFAULT ''  -- why there is no DOCX redline
);
CREATE INDEX reviews_document ON reviews(document_id);
CREATE TABLE playbook_versions (
	name     TEXT NOT NULL,
	version  INTEGER NOT NULL,
	revision TEXT NOT NULL,
	label    TEXT NOT NULL,
	yaml     BLOB NOT NULL,
	who      TEXT NOT NULL,
	created  INTEGER NOT NULL,
	PRIMARY KEY (name, version)
);
CREATE TABLE api_keys (
	id      TEXT PRIMARY KEY,
	name    TEXT NOT NULL UNIQUE,
	role    TEXT NOT NULL,
	hash    TEXT NOT NULL UNIQUE,
	created INTEGER NOT NULL,
	revoked INTEGER
);
CREATE TABLE audit (
	seq    INTEGER PRIMARY KEY AUTOINCREMENT,
	at     INTEGER NOT NULL,
	who    TEXT NOT NULL,
	action TEXT NOT NULL,
	object TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT ''
);
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
`,
	// 2: obligations, owner alert settings, calendar feed tokens, webhooks,
	// the alert outbox.
	obligationsSchema,
}

// migrate brings the schema to len(migrations) in one immediate transaction, so
// two processes opening a fresh store at once apply each step once. It refuses a
// store written by a newer version.
func migrate(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	var v int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&v); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("store: schema version %d is newer than this program's %d; use a newer clm", v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("store: migration %d: %w", i+1, err)
		}
	}
	if v < len(migrations) {
		if _, err := tx.ExecContext(ctx, `DELETE FROM schema_version`); err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (?)`, len(migrations)); err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	return nil
}
