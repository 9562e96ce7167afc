package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Options configure Open. The zero value and a nil *Options use the defaults
// in the field comments.
type Options struct {
	BusyTimeout time.Duration // how long a write waits for another writer's lock; default 10s
	ReadConns   int           // connections for reads; default 4
}

// SQLite is the Store on one SQLite file in WAL mode. Writes go through one
// connection, each in an immediate transaction, committed with synchronous=FULL
// so that an acknowledged write survives a crash; reads use a pool of their own.
type SQLite struct {
	w *sql.DB // one connection: every write
	r *sql.DB // reads
}

var _ Store = (*SQLite)(nil)

// Open opens (creating it if needed) the SQLite store at path and applies the
// schema migrations.
func Open(ctx context.Context, path string, opts *Options) (*SQLite, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.BusyTimeout <= 0 {
		o.BusyTimeout = 10 * time.Second
	}
	if o.ReadConns <= 0 {
		o.ReadConns = 4
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", o.BusyTimeout.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath()
	w, err := sql.Open("sqlite", dsn+"?"+q.Encode()+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	r, err := sql.Open("sqlite", dsn+"?"+q.Encode())
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	r.SetMaxOpenConns(o.ReadConns)
	r.SetMaxIdleConns(o.ReadConns)
	return &SQLite{w: w, r: r}, nil
}

// Close closes both connection pools.
func (s *SQLite) Close() error {
	return errors.Join(s.r.Close(), s.w.Close())
}

// Ping checks that a read answers.
func (s *SQLite) Ping(ctx context.Context) error {
	var one int
	if err := s.r.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// write runs fn in an immediate transaction and commits it.
func (s *SQLite) write(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		if errors.Is(err, ErrNotFound) || errors.Is(err, ErrConflict) {
			return err
		}
		return fmt.Errorf("store: %s: %w", op, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	return nil
}

func audit(ctx context.Context, tx *sql.Tx, ch Change, action, object, detail string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit (at, who, action, object, detail) VALUES (?, ?, ?, ?, ?)`,
		nanos(ch.At), ch.Who, action, object, detail)
	return err
}

// nanos is t in Unix nanoseconds, clamped to the years 1678 to 2262 that
// int64 nanoseconds hold (a filter "to 2999-12-31" means "no end").
func nanos(t time.Time) int64 {
	switch {
	case t.Before(minTime):
		return math.MinInt64
	case t.After(maxTime):
		return math.MaxInt64
	}
	return t.UnixNano()
}

var (
	minTime = time.Unix(0, math.MinInt64)
	maxTime = time.Unix(0, math.MaxInt64)
)

func fromNanos(n int64) time.Time { return time.Unix(0, n).UTC() }

// isConstraint reports whether err is a UNIQUE or PRIMARY KEY violation.
func isConstraint(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code()
		return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY ||
			c == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	}
	return false
}

const documentColumns = `seq, id, name, format, size, uploader, owner, created, clauses, parties, outcome`

type scanner interface{ Scan(...any) error }

func scanDocument(row scanner) (*Document, int64, error) {
	var (
		d       Document
		seq     int64
		created int64
		parties string
	)
	if err := row.Scan(&seq, &d.ID, &d.Name, &d.Format, &d.Size, &d.Uploader, &d.Owner, &created, &d.Clauses, &parties, &d.Outcome); err != nil {
		return nil, 0, err
	}
	d.SHA256 = d.ID
	d.Created = fromNanos(created)
	if err := json.Unmarshal([]byte(parties), &d.Parties); err != nil {
		return nil, 0, fmt.Errorf("document %s: parties: %w", d.ID, err)
	}
	if d.Parties == nil {
		d.Parties = []string{}
	}
	return &d, seq, nil
}

func getDocument(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, id string) (*Document, error) {
	d, _, err := scanDocument(q.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: document %s", ErrNotFound, id)
	}
	return d, err
}

// CreateDocument stores d unless its ID is stored already.
func (s *SQLite) CreateDocument(ctx context.Context, ch Change, d *Document, b DocumentBlobs) (*Document, bool, error) {
	var (
		out     *Document
		created bool
	)
	parties := d.Parties
	if parties == nil {
		parties = []string{}
	}
	pj, err := json.Marshal(parties)
	if err != nil {
		return nil, false, fmt.Errorf("store: create document: %w", err)
	}
	search := strings.ToLower(d.Name + "\n" + strings.Join(parties, "\n"))
	err = s.write(ctx, "create document", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO documents (id, name, format, size, uploader, owner, created, clauses, parties, search)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
			d.ID, d.Name, d.Format, d.Size, d.Uploader, d.Owner, nanos(d.Created), d.Clauses, string(pj), search)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			created = true
			if _, err := tx.ExecContext(ctx, `INSERT INTO document_blobs (document_id, original, extract) VALUES (?, ?, ?)`,
				d.ID, b.Original, b.Extract); err != nil {
				return err
			}
			if err := audit(ctx, tx, ch, "document.create", "documents/"+d.ID, d.Name); err != nil {
				return err
			}
		}
		out, err = getDocument(ctx, tx, d.ID)
		return err
	})
	if err != nil {
		return nil, false, err
	}
	return out, created, nil
}

// Document returns the document with id.
func (s *SQLite) Document(ctx context.Context, id string) (*Document, error) {
	d, err := getDocument(ctx, s.r, id)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("store: document %s: %w", id, err)
	}
	return d, err
}

// DocumentBlob returns the original bytes or the extract JSON of a document.
func (s *SQLite) DocumentBlob(ctx context.Context, id string, original bool) ([]byte, error) {
	col := "extract"
	if original {
		col = "original"
	}
	var b []byte
	err := s.r.QueryRowContext(ctx, `SELECT `+col+` FROM document_blobs WHERE document_id = ?`, id).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: document %s", ErrNotFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: document %s: %w", id, err)
	}
	return b, nil
}

// SetOwner changes a document's owner.
func (s *SQLite) SetOwner(ctx context.Context, ch Change, id, owner string) (*Document, error) {
	var out *Document
	err := s.write(ctx, "set owner", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE documents SET owner = ? WHERE id = ?`, owner, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: document %s", ErrNotFound, id)
		}
		if err := audit(ctx, tx, ch, "document.owner", "documents/"+id, owner); err != nil {
			return err
		}
		out, err = getDocument(ctx, tx, id)
		return err
	})
	return out, err
}

// ListDocuments returns a page of documents, newest first.
func (s *SQLite) ListDocuments(ctx context.Context, f DocumentFilter) (*DocumentPage, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 500)
	var (
		where []string
		args  []any
	)
	add := func(cond string, a any) {
		where = append(where, cond)
		args = append(args, a)
	}
	if f.Uploader != "" {
		add("uploader = ?", f.Uploader)
	}
	if f.Owner != "" {
		add("owner = ?", f.Owner)
	}
	switch f.Outcome {
	case "":
	case OutcomeNone:
		add("outcome = ?", "")
	default:
		add("outcome = ?", f.Outcome)
	}
	if !f.From.IsZero() {
		add("created >= ?", nanos(f.From))
	}
	if !f.To.IsZero() {
		add("created < ?", nanos(f.To))
	}
	if f.Query != "" {
		add(`search LIKE ? ESCAPE '\'`, "%"+likeEscape(strings.ToLower(f.Query))+"%")
	}
	if f.After > 0 {
		add("seq < ?", f.After)
	}
	q := `SELECT ` + documentColumns + ` FROM documents`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY seq DESC LIMIT ?"
	args = append(args, limit+1)
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list documents: %w", err)
	}
	defer rows.Close()
	page := &DocumentPage{Documents: []*Document{}}
	var last int64
	for rows.Next() {
		d, seq, err := scanDocument(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list documents: %w", err)
		}
		if len(page.Documents) == limit {
			page.Next = last
			break
		}
		page.Documents = append(page.Documents, d)
		last = seq
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list documents: %w", err)
	}
	return page, nil
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// DeleteDocument removes a document with its reviews.
func (s *SQLite) DeleteDocument(ctx context.Context, ch Change, id string) error {
	return s.write(ctx, "delete document", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: document %s", ErrNotFound, id)
		}
		return audit(ctx, tx, ch, "document.delete", "documents/"+id, "")
	})
}

// CreateReview stores a review and sets its document's outcome.
func (s *SQLite) CreateReview(ctx context.Context, ch Change, r *Review, b ReviewBlobs) error {
	return s.write(ctx, "create review", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE documents SET outcome = ? WHERE id = ?`, r.Outcome, r.DocumentID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: document %s was deleted", ErrConflict, r.DocumentID)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO reviews (id, document_id, playbook, revision, outcome, who, created, report, redline_docx, redline_html, redline_error)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.ID, r.DocumentID, r.Playbook, r.Revision, r.Outcome, r.By, nanos(r.Created), b.Report, b.RedlineDOCX, b.RedlineHTML, r.RedlineError)
		if isConstraint(err) {
			return fmt.Errorf("%w: review %s exists", ErrConflict, r.ID)
		}
		if err != nil {
			return err
		}
		return audit(ctx, tx, ch, "review.create", "reviews/"+r.ID, "documents/"+r.DocumentID+" playbooks/"+r.Playbook+"@"+r.Revision)
	})
}

const reviewColumns = `id, document_id, playbook, revision, outcome, who, created, redline_error`

func scanReview(row scanner) (*Review, error) {
	var (
		r       Review
		created int64
	)
	if err := row.Scan(&r.ID, &r.DocumentID, &r.Playbook, &r.Revision, &r.Outcome, &r.By, &created, &r.RedlineError); err != nil {
		return nil, err
	}
	r.Created = fromNanos(created)
	return &r, nil
}

// Review returns a review.
func (s *SQLite) Review(ctx context.Context, id string) (*Review, error) {
	r, err := scanReview(s.r.QueryRowContext(ctx, `SELECT `+reviewColumns+` FROM reviews WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: review %s", ErrNotFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: review %s: %w", id, err)
	}
	return r, nil
}

// Reviews returns the reviews of a document, newest first.
func (s *SQLite) Reviews(ctx context.Context, documentID string) ([]*Review, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true}) // one snapshot for both queries
	if err != nil {
		return nil, fmt.Errorf("store: reviews of %s: %w", documentID, err)
	}
	defer tx.Rollback()
	if _, err := getDocument(ctx, tx, documentID); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+reviewColumns+` FROM reviews WHERE document_id = ? ORDER BY seq DESC`, documentID)
	if err != nil {
		return nil, fmt.Errorf("store: reviews of %s: %w", documentID, err)
	}
	defer rows.Close()
	out := []*Review{}
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, fmt.Errorf("store: reviews of %s: %w", documentID, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reviews of %s: %w", documentID, err)
	}
	return out, nil
}

// ReviewBlob returns one of a review's blobs.
func (s *SQLite) ReviewBlob(ctx context.Context, id, kind string) ([]byte, error) {
	var col string
	switch kind {
	case BlobReport:
		col = "report"
	case BlobRedlineDOCX:
		col = "redline_docx"
	case BlobRedlineHTML:
		col = "redline_html"
	default:
		return nil, fmt.Errorf("store: review %s: unknown blob %q", id, kind)
	}
	var b []byte
	err := s.r.QueryRowContext(ctx, `SELECT `+col+` FROM reviews WHERE id = ?`, id).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && b == nil) {
		return nil, fmt.Errorf("%w: review %s %s", ErrNotFound, id, kind)
	}
	if err != nil {
		return nil, fmt.Errorf("store: review %s: %w", id, err)
	}
	return b, nil
}

const playbookColumns = `name, version, revision, label, who, created`

func scanPlaybook(row scanner, withYAML bool) (*PlaybookVersion, error) {
	var (
		v       PlaybookVersion
		created int64
	)
	dst := []any{&v.Name, &v.Version, &v.Revision, &v.Label, &v.By, &created}
	if withYAML {
		dst = append(dst, &v.YAML)
	}
	if err := row.Scan(dst...); err != nil {
		return nil, err
	}
	v.Created = fromNanos(created)
	return &v, nil
}

func putPlaybook(ctx context.Context, tx *sql.Tx, ch Change, v *PlaybookVersion) (*PlaybookVersion, bool, error) {
	latest, err := scanPlaybook(tx.QueryRowContext(ctx, `SELECT `+playbookColumns+`, yaml FROM playbook_versions
		WHERE name = ? ORDER BY version DESC LIMIT 1`, v.Name), true)
	next := 1
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return nil, false, err
	case latest.Revision == v.Revision:
		return latest, false, nil
	default:
		next = latest.Version + 1
	}
	nv := &PlaybookVersion{Name: v.Name, Version: next, Revision: v.Revision, Label: v.Label, YAML: v.YAML, By: ch.Who, Created: ch.At.UTC()}
	if _, err := tx.ExecContext(ctx, `INSERT INTO playbook_versions (name, version, revision, label, yaml, who, created)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, nv.Name, nv.Version, nv.Revision, nv.Label, nv.YAML, nv.By, nanos(nv.Created)); err != nil {
		return nil, false, err
	}
	if err := audit(ctx, tx, ch, "playbook.put", "playbooks/"+v.Name, fmt.Sprintf("version %d revision %s", next, v.Revision)); err != nil {
		return nil, false, err
	}
	return nv, true, nil
}

// PutPlaybook stores the next version of a playbook unless it repeats the latest.
func (s *SQLite) PutPlaybook(ctx context.Context, ch Change, v *PlaybookVersion) (*PlaybookVersion, bool, error) {
	var (
		out     *PlaybookVersion
		created bool
	)
	err := s.write(ctx, "put playbook", func(tx *sql.Tx) error {
		var err error
		out, created, err = putPlaybook(ctx, tx, ch, v)
		return err
	})
	return out, created, err
}

// SeedPlaybooks stores vs in a store that has never been seeded.
func (s *SQLite) SeedPlaybooks(ctx context.Context, ch Change, vs []*PlaybookVersion) (bool, error) {
	seeded := false
	err := s.write(ctx, "seed playbooks", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('seeded', ?) ON CONFLICT (key) DO NOTHING`,
			ch.At.UTC().Format(time.RFC3339))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		seeded = true
		for _, v := range vs {
			if _, _, err := putPlaybook(ctx, tx, ch, v); err != nil {
				return err
			}
		}
		return nil
	})
	return seeded, err
}

// Playbook returns the latest version of a playbook, or the one with revision.
func (s *SQLite) Playbook(ctx context.Context, name, revision string) (*PlaybookVersion, error) {
	q := `SELECT ` + playbookColumns + `, yaml FROM playbook_versions WHERE name = ?`
	args := []any{name}
	if revision != "" {
		q += ` AND revision = ?`
		args = append(args, revision)
	}
	v, err := scanPlaybook(s.r.QueryRowContext(ctx, q+` ORDER BY version DESC LIMIT 1`, args...), true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: playbook %s", ErrNotFound, name)
	}
	if err != nil {
		return nil, fmt.Errorf("store: playbook %s: %w", name, err)
	}
	return v, nil
}

func (s *SQLite) playbookList(ctx context.Context, q string, args ...any) ([]*PlaybookVersion, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*PlaybookVersion{}
	for rows.Next() {
		v, err := scanPlaybook(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Playbooks returns the latest version of every playbook.
func (s *SQLite) Playbooks(ctx context.Context) ([]*PlaybookVersion, error) {
	out, err := s.playbookList(ctx, `SELECT `+playbookColumns+` FROM playbook_versions p
		WHERE version = (SELECT max(version) FROM playbook_versions WHERE name = p.name) ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: playbooks: %w", err)
	}
	return out, nil
}

// PlaybookVersions returns every version of a playbook, oldest first.
func (s *SQLite) PlaybookVersions(ctx context.Context, name string) ([]*PlaybookVersion, error) {
	out, err := s.playbookList(ctx, `SELECT `+playbookColumns+` FROM playbook_versions WHERE name = ? ORDER BY version`, name)
	if err != nil {
		return nil, fmt.Errorf("store: playbook %s versions: %w", name, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: playbook %s", ErrNotFound, name)
	}
	return out, nil
}

// DeletePlaybook removes a playbook and its versions.
func (s *SQLite) DeletePlaybook(ctx context.Context, ch Change, name string) error {
	return s.write(ctx, "delete playbook", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM playbook_versions WHERE name = ?`, name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: playbook %s", ErrNotFound, name)
		}
		return audit(ctx, tx, ch, "playbook.delete", "playbooks/"+name, "")
	})
}

// CreateKey stores a key.
func (s *SQLite) CreateKey(ctx context.Context, ch Change, k *Key) error {
	return s.write(ctx, "create key", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO api_keys (id, name, role, hash, created) VALUES (?, ?, ?, ?, ?)`,
			k.ID, k.Name, k.Role, k.Hash, nanos(k.Created))
		if isConstraint(err) {
			return fmt.Errorf("%w: a key named %q exists", ErrConflict, k.Name)
		}
		if err != nil {
			return err
		}
		return audit(ctx, tx, ch, "key.create", "keys/"+k.ID, k.Name+" ("+k.Role+")")
	})
}

const keyColumns = `id, name, role, hash, created, revoked`

func scanKey(row scanner) (*Key, error) {
	var (
		k       Key
		created int64
		revoked sql.NullInt64
	)
	if err := row.Scan(&k.ID, &k.Name, &k.Role, &k.Hash, &created, &revoked); err != nil {
		return nil, err
	}
	k.Created = fromNanos(created)
	if revoked.Valid {
		t := fromNanos(revoked.Int64)
		k.Revoked = &t
	}
	return &k, nil
}

// KeyByHash returns the key with that hash.
func (s *SQLite) KeyByHash(ctx context.Context, hash string) (*Key, error) {
	k, err := scanKey(s.r.QueryRowContext(ctx, `SELECT `+keyColumns+` FROM api_keys WHERE hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: key", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: key: %w", err)
	}
	return k, nil
}

// Keys lists every key, oldest first.
func (s *SQLite) Keys(ctx context.Context) ([]*Key, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+keyColumns+` FROM api_keys ORDER BY created, id`)
	if err != nil {
		return nil, fmt.Errorf("store: keys: %w", err)
	}
	defer rows.Close()
	out := []*Key{}
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, fmt.Errorf("store: keys: %w", err)
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: keys: %w", err)
	}
	return out, nil
}

// RevokeKey revokes the key with that ID or name.
func (s *SQLite) RevokeKey(ctx context.Context, ch Change, idOrName string) (*Key, error) {
	var out *Key
	err := s.write(ctx, "revoke key", func(tx *sql.Tx) error {
		k, err := scanKey(tx.QueryRowContext(ctx, `SELECT `+keyColumns+` FROM api_keys WHERE id = ? OR name = ? ORDER BY id = ? DESC LIMIT 1`,
			idOrName, idOrName, idOrName))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: key %s", ErrNotFound, idOrName)
		}
		if err != nil {
			return err
		}
		out = k
		if k.Revoked != nil {
			return nil
		}
		at := ch.At.UTC()
		if _, err := tx.ExecContext(ctx, `UPDATE api_keys SET revoked = ? WHERE id = ?`, nanos(at), k.ID); err != nil {
			return err
		}
		k.Revoked = &at
		return audit(ctx, tx, ch, "key.revoke", "keys/"+k.ID, k.Name)
	})
	return out, err
}

// Audit returns audit entries, newest first.
func (s *SQLite) Audit(ctx context.Context, f AuditFilter) ([]*AuditEntry, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 1000)
	q := `SELECT seq, at, who, action, object, detail FROM audit`
	args := []any{}
	if f.Before > 0 {
		q += ` WHERE seq < ?`
		args = append(args, f.Before)
	}
	q += ` ORDER BY seq DESC LIMIT ?`
	args = append(args, limit)
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	defer rows.Close()
	out := []*AuditEntry{}
	for rows.Next() {
		var (
			e  AuditEntry
			at int64
		)
		if err := rows.Scan(&e.Seq, &at, &e.Who, &e.Action, &e.Object, &e.Detail); err != nil {
			return nil, fmt.Errorf("store: audit: %w", err)
		}
		e.At = fromNanos(at)
		out = append(out, &e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	return out, nil
}

// Counts returns the number of documents and reviews.
func (s *SQLite) Counts(ctx context.Context) (documents, reviews int64, err error) {
	err = s.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM reviews)`).Scan(&documents, &reviews)
	if err != nil {
		return 0, 0, fmt.Errorf("store: counts: %w", err)
	}
	return documents, reviews, nil
}
