package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/obligation"
)

// obligationsSchema is migration step 2: obligations per document, per-owner
// alert lead times, calendar feed tokens, webhook endpoints and the alert
// outbox.
const obligationsSchema = `
CREATE TABLE obligations (
	document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL,
	kind        TEXT NOT NULL,
	due         TEXT,                 -- YYYY-MM-DD, NULL when undated
	as_of       TEXT NOT NULL,        -- the day they were computed for
	body        BLOB NOT NULL,        -- the obligation.Obligation JSON
	PRIMARY KEY (document_id, seq)
);
CREATE INDEX obligations_due ON obligations(due);
CREATE TABLE owner_settings (
	owner TEXT PRIMARY KEY,
	leads TEXT NOT NULL               -- JSON array of days
);
CREATE TABLE feed_tokens (
	id      TEXT PRIMARY KEY,
	owner   TEXT NOT NULL,
	hash    TEXT NOT NULL UNIQUE,
	who     TEXT NOT NULL,
	created INTEGER NOT NULL,
	revoked INTEGER
);
CREATE INDEX feed_tokens_owner ON feed_tokens(owner);
CREATE TABLE webhooks (
	id      TEXT PRIMARY KEY,
	url     TEXT NOT NULL,
	secret  TEXT NOT NULL,            -- needed to sign deliveries
	owners  TEXT NOT NULL,            -- JSON array; empty: all
	kinds   TEXT NOT NULL,            -- JSON array; empty: all
	created INTEGER NOT NULL
);
CREATE TABLE deliveries (
	key          TEXT NOT NULL,
	channel      TEXT NOT NULL,
	owner        TEXT NOT NULL,
	alert        BLOB NOT NULL,       -- the obligation.Alert JSON
	attempts     INTEGER NOT NULL DEFAULT 0,
	next_attempt INTEGER,             -- NULL: no further attempt
	last_error   TEXT NOT NULL DEFAULT '',
	delivered    INTEGER,
	created      INTEGER NOT NULL,
	PRIMARY KEY (key, channel)
);
CREATE INDEX deliveries_pending ON deliveries(next_attempt) WHERE delivered IS NULL;
`

// StoredObligation is an obligation with the document it belongs to and that
// document's owner.
type StoredObligation struct {
	obligation.Obligation
	Owner string `json:"owner"`
}

// ObligationFilter selects obligations; zero fields do not filter.
type ObligationFilter struct {
	Owner     string
	Kind      string
	Document  string
	DueBefore extract.Date // due on or before; undated obligations are left out when set
	Limit     int          // default 500, at most 5000
}

// FeedToken is a read-only calendar feed secret for one owner; only its
// SHA-256 is stored.
type FeedToken struct {
	ID      string     `json:"id"`
	Owner   string     `json:"owner"`
	Hash    string     `json:"-"`
	By      string     `json:"by"`
	Created time.Time  `json:"created"`
	Revoked *time.Time `json:"revoked"`
}

// Webhook is an alert endpoint. Secret is write-only in the API.
type Webhook struct {
	ID      string    `json:"id"`
	URL     string    `json:"url"`
	Secret  string    `json:"-"`
	Owners  []string  `json:"owners"`
	Kinds   []string  `json:"kinds"`
	Created time.Time `json:"created"`
}

// Delivery is one row of the alert delivery log.
type Delivery struct {
	Key         string     `json:"key"`
	Channel     string     `json:"channel"`
	Owner       string     `json:"owner"`
	Kind        string     `json:"kind"`
	Due         string     `json:"due"`
	LeadDays    int        `json:"lead_days"`
	Attempts    int        `json:"attempts"`
	NextAttempt *time.Time `json:"next_attempt"`
	LastError   string     `json:"last_error"`
	Delivered   *time.Time `json:"delivered"`
	Created     time.Time  `json:"created"`
}

// PutObligations replaces a document's obligations with obls, computed as of
// asOf; ErrNotFound when the document does not exist. It writes no audit row:
// obligations are derived from the document, and the upload or review that
// computes them is audited.
func (s *SQLite) PutObligations(ctx context.Context, ch Change, documentID string, asOf extract.Date, obls []obligation.Obligation) error {
	return s.write(ctx, "put obligations", func(tx *sql.Tx) error {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM documents WHERE id = ?`, documentID).Scan(&one); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: document %s", ErrNotFound, documentID)
		} else if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM obligations WHERE document_id = ?`, documentID); err != nil {
			return err
		}
		for i, ob := range obls {
			body, err := json.Marshal(ob)
			if err != nil {
				return err
			}
			var due any
			if ob.Due != nil {
				due = ob.Due.String()
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO obligations (document_id, seq, kind, due, as_of, body) VALUES (?, ?, ?, ?, ?, ?)`,
				documentID, i, ob.Kind, due, asOf.String(), body); err != nil {
				return err
			}
		}
		return nil // derived from the document: the upload or review that computed them is audited
	})
}

// Obligations returns the obligations matching f, by due date (undated last),
// then document.
func (s *SQLite) Obligations(ctx context.Context, f ObligationFilter) ([]StoredObligation, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 500
	}
	limit = min(limit, 5000)
	q := `SELECT o.body, d.owner FROM obligations o JOIN documents d ON d.id = o.document_id WHERE 1=1`
	var args []any
	if f.Owner != "" {
		q += ` AND d.owner = ?`
		args = append(args, f.Owner)
	}
	if f.Kind != "" {
		q += ` AND o.kind = ?`
		args = append(args, f.Kind)
	}
	if f.Document != "" {
		q += ` AND o.document_id = ?`
		args = append(args, f.Document)
	}
	if !f.DueBefore.IsZero() {
		q += ` AND o.due IS NOT NULL AND o.due <= ?`
		args = append(args, f.DueBefore.String())
	}
	q += ` ORDER BY o.due IS NULL, o.due, d.seq, o.seq LIMIT ?`
	args = append(args, limit)
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: obligations: %w", err)
	}
	defer rows.Close()
	out := []StoredObligation{}
	for rows.Next() {
		var (
			body []byte
			so   StoredObligation
		)
		if err := rows.Scan(&body, &so.Owner); err != nil {
			return nil, fmt.Errorf("store: obligations: %w", err)
		}
		if err := json.Unmarshal(body, &so.Obligation); err != nil {
			return nil, fmt.Errorf("store: obligations: %w", err)
		}
		out = append(out, so)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: obligations: %w", err)
	}
	return out, nil
}

// StaleObligations returns the ids of owned documents with a renewal or
// non-renewal deadline due before today, computed as of an earlier day: their
// automatic renewals have rolled on, so their obligations are computed again.
func (s *SQLite) StaleObligations(ctx context.Context, today extract.Date) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT DISTINCT o.document_id FROM obligations o JOIN documents d ON d.id = o.document_id
		WHERE d.owner != '' AND o.kind IN ('non_renewal_notice', 'renewal') AND o.due IS NOT NULL AND o.due < ? AND o.as_of < ?
		ORDER BY o.document_id`, today.String(), today.String())
	if err != nil {
		return nil, fmt.Errorf("store: stale obligations: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: stale obligations: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// SetOwnerLeads sets the alert lead times (days before a due date) of one
// owner; nil restores the server default.
func (s *SQLite) SetOwnerLeads(ctx context.Context, ch Change, owner string, leads []int) error {
	return s.write(ctx, "set owner leads", func(tx *sql.Tx) error {
		if leads == nil {
			if _, err := tx.ExecContext(ctx, `DELETE FROM owner_settings WHERE owner = ?`, owner); err != nil {
				return err
			}
			return audit(ctx, tx, ch, "owner.leads", "owners/"+owner, "default")
		}
		b, _ := json.Marshal(leads)
		if _, err := tx.ExecContext(ctx, `INSERT INTO owner_settings (owner, leads) VALUES (?, ?) ON CONFLICT(owner) DO UPDATE SET leads = excluded.leads`, owner, string(b)); err != nil {
			return err
		}
		return audit(ctx, tx, ch, "owner.leads", "owners/"+owner, string(b))
	})
}

// OwnerLeads returns every owner's lead-time override.
func (s *SQLite) OwnerLeads(ctx context.Context) (map[string][]int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT owner, leads FROM owner_settings`)
	if err != nil {
		return nil, fmt.Errorf("store: owner leads: %w", err)
	}
	defer rows.Close()
	out := map[string][]int{}
	for rows.Next() {
		var owner, leads string
		if err := rows.Scan(&owner, &leads); err != nil {
			return nil, fmt.Errorf("store: owner leads: %w", err)
		}
		var l []int
		if err := json.Unmarshal([]byte(leads), &l); err != nil {
			return nil, fmt.Errorf("store: owner leads of %s: %w", owner, err)
		}
		out[owner] = l
	}
	return out, rows.Err()
}

// AlertTargets returns, per owner, the dated obligations of the documents they
// own, with their lead times (nil: the server default).
func (s *SQLite) AlertTargets(ctx context.Context) ([]obligation.Target, error) {
	leads, err := s.OwnerLeads(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT d.owner, o.body FROM obligations o JOIN documents d ON d.id = o.document_id
		WHERE d.owner != '' AND o.due IS NOT NULL ORDER BY d.owner, o.due, d.seq, o.seq`)
	if err != nil {
		return nil, fmt.Errorf("store: alert targets: %w", err)
	}
	defer rows.Close()
	var out []obligation.Target
	for rows.Next() {
		var (
			owner string
			body  []byte
			ob    obligation.Obligation
		)
		if err := rows.Scan(&owner, &body); err != nil {
			return nil, fmt.Errorf("store: alert targets: %w", err)
		}
		if err := json.Unmarshal(body, &ob); err != nil {
			return nil, fmt.Errorf("store: alert targets: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].Owner != owner {
			out = append(out, obligation.Target{Owner: owner, Leads: leads[owner]})
		}
		out[len(out)-1].Obligations = append(out[len(out)-1].Obligations, ob)
	}
	return out, rows.Err()
}

// CreateFeedToken stores a feed token (its hash) for an owner.
func (s *SQLite) CreateFeedToken(ctx context.Context, ch Change, t *FeedToken) error {
	return s.write(ctx, "create feed token", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO feed_tokens (id, owner, hash, who, created) VALUES (?, ?, ?, ?, ?)`,
			t.ID, t.Owner, t.Hash, ch.Who, nanos(t.Created))
		if isConstraint(err) {
			return fmt.Errorf("%w: feed token %s", ErrConflict, t.ID)
		}
		if err != nil {
			return err
		}
		return audit(ctx, tx, ch, "feed_token.create", "feed-tokens/"+t.ID, t.Owner)
	})
}

const feedColumns = `id, owner, hash, who, created, revoked`

func scanFeedToken(row scanner) (*FeedToken, error) {
	var (
		t       FeedToken
		created int64
		revoked sql.NullInt64
	)
	if err := row.Scan(&t.ID, &t.Owner, &t.Hash, &t.By, &created, &revoked); err != nil {
		return nil, err
	}
	t.Created = fromNanos(created)
	if revoked.Valid {
		r := fromNanos(revoked.Int64)
		t.Revoked = &r
	}
	return &t, nil
}

// FeedTokenByHash returns the token with that hash, revoked or not, or
// ErrNotFound.
func (s *SQLite) FeedTokenByHash(ctx context.Context, hash string) (*FeedToken, error) {
	t, err := scanFeedToken(s.r.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feed_tokens WHERE hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: feed token", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: feed token: %w", err)
	}
	return t, nil
}

// FeedTokens lists the feed tokens of an owner (every owner when owner is
// empty), oldest first.
func (s *SQLite) FeedTokens(ctx context.Context, owner string) ([]*FeedToken, error) {
	q, args := `SELECT `+feedColumns+` FROM feed_tokens`, []any{}
	if owner != "" {
		q += ` WHERE owner = ?`
		args = append(args, owner)
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY created, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: feed tokens: %w", err)
	}
	defer rows.Close()
	out := []*FeedToken{}
	for rows.Next() {
		t, err := scanFeedToken(rows)
		if err != nil {
			return nil, fmt.Errorf("store: feed tokens: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeFeedToken revokes a feed token; ErrNotFound when there is none.
func (s *SQLite) RevokeFeedToken(ctx context.Context, ch Change, id string) (*FeedToken, error) {
	var out *FeedToken
	err := s.write(ctx, "revoke feed token", func(tx *sql.Tx) error {
		t, err := scanFeedToken(tx.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feed_tokens WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: feed token %s", ErrNotFound, id)
		}
		if err != nil {
			return err
		}
		out = t
		if t.Revoked != nil {
			return nil
		}
		at := ch.At.UTC()
		if _, err := tx.ExecContext(ctx, `UPDATE feed_tokens SET revoked = ? WHERE id = ?`, nanos(at), id); err != nil {
			return err
		}
		t.Revoked = &at
		return audit(ctx, tx, ch, "feed_token.revoke", "feed-tokens/"+id, t.Owner)
	})
	return out, err
}

// CreateWebhook stores an alert endpoint.
func (s *SQLite) CreateWebhook(ctx context.Context, ch Change, w *Webhook) error {
	owners, _ := json.Marshal(nonNil(w.Owners))
	kinds, _ := json.Marshal(nonNil(w.Kinds))
	return s.write(ctx, "create webhook", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO webhooks (id, url, secret, owners, kinds, created) VALUES (?, ?, ?, ?, ?, ?)`,
			w.ID, w.URL, w.Secret, string(owners), string(kinds), nanos(w.Created))
		if isConstraint(err) {
			return fmt.Errorf("%w: webhook %s", ErrConflict, w.ID)
		}
		if err != nil {
			return err
		}
		return audit(ctx, tx, ch, "webhook.create", "webhooks/"+w.ID, w.URL)
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Webhooks lists the alert endpoints, oldest first, secrets included.
func (s *SQLite) Webhooks(ctx context.Context) ([]*Webhook, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, url, secret, owners, kinds, created FROM webhooks ORDER BY created, id`)
	if err != nil {
		return nil, fmt.Errorf("store: webhooks: %w", err)
	}
	defer rows.Close()
	out := []*Webhook{}
	for rows.Next() {
		var (
			w             Webhook
			owners, kinds string
			created       int64
		)
		if err := rows.Scan(&w.ID, &w.URL, &w.Secret, &owners, &kinds, &created); err != nil {
			return nil, fmt.Errorf("store: webhooks: %w", err)
		}
		if err := errors.Join(json.Unmarshal([]byte(owners), &w.Owners), json.Unmarshal([]byte(kinds), &w.Kinds)); err != nil {
			return nil, fmt.Errorf("store: webhook %s: %w", w.ID, err)
		}
		w.Created = fromNanos(created)
		out = append(out, &w)
	}
	return out, rows.Err()
}

// DeleteWebhook removes an endpoint; ErrNotFound when there is none. Its
// undelivered alerts fail on their next attempt.
func (s *SQLite) DeleteWebhook(ctx context.Context, ch Change, id string) error {
	return s.write(ctx, "delete webhook", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM webhooks WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: webhook %s", ErrNotFound, id)
		}
		return audit(ctx, tx, ch, "webhook.delete", "webhooks/"+id, "")
	})
}

// Outbox returns the store's alert outbox for obligation.Scheduler.
func (s *SQLite) Outbox() obligation.Outbox { return outbox{s} }

type outbox struct{ s *SQLite }

// Enqueue records a delivery unless it is recorded.
func (o outbox) Enqueue(ctx context.Context, d obligation.Delivery) (bool, error) {
	alert, err := json.Marshal(d.Alert)
	if err != nil {
		return false, err
	}
	var added bool
	err = o.s.write(ctx, "enqueue alert", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO deliveries (key, channel, owner, alert, next_attempt, created) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT(key, channel) DO NOTHING`, d.Alert.Key, d.Channel, d.Alert.Owner, alert, nanos(d.NextAttempt), nanos(d.Created))
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		added = n > 0
		return nil
	})
	return added, err
}

// Pending returns deliveries due for an attempt.
func (o outbox) Pending(ctx context.Context, now time.Time, limit int) ([]obligation.Delivery, error) {
	rows, err := o.s.r.QueryContext(ctx, `SELECT alert, channel, attempts, next_attempt, last_error, created FROM deliveries
		WHERE delivered IS NULL AND next_attempt IS NOT NULL AND next_attempt <= ? ORDER BY next_attempt, created, key, channel LIMIT ?`, nanos(now), limit)
	if err != nil {
		return nil, fmt.Errorf("store: pending alerts: %w", err)
	}
	defer rows.Close()
	var out []obligation.Delivery
	for rows.Next() {
		var (
			d             obligation.Delivery
			alert         []byte
			next, created int64
		)
		if err := rows.Scan(&alert, &d.Channel, &d.Attempts, &next, &d.LastError, &created); err != nil {
			return nil, fmt.Errorf("store: pending alerts: %w", err)
		}
		if err := json.Unmarshal(alert, &d.Alert); err != nil {
			return nil, fmt.Errorf("store: pending alerts: %w", err)
		}
		d.NextAttempt, d.Created = fromNanos(next), fromNanos(created)
		out = append(out, d)
	}
	return out, rows.Err()
}

// Delivered marks a delivery done.
func (o outbox) Delivered(ctx context.Context, key, channel string, at time.Time) error {
	return o.s.write(ctx, "alert delivered", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE deliveries SET delivered = ?, attempts = attempts + 1, next_attempt = NULL WHERE key = ? AND channel = ?`,
			nanos(at), key, channel)
		return err
	})
}

// Failed records a failed attempt.
func (o outbox) Failed(ctx context.Context, key, channel string, attempts int, next time.Time, reason string) error {
	var nx any
	if !next.IsZero() {
		nx = nanos(next)
	}
	return o.s.write(ctx, "alert failed", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE deliveries SET attempts = ?, next_attempt = ?, last_error = ? WHERE key = ? AND channel = ?`,
			attempts, nx, reason, key, channel)
		return err
	})
}

// Deliveries returns the delivery log, newest first, at most limit (default
// 100, at most 1000) rows, of one owner when owner is not empty.
func (s *SQLite) Deliveries(ctx context.Context, owner string, limit int) ([]*Delivery, error) {
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 1000)
	q, args := `SELECT key, channel, owner, alert, attempts, next_attempt, last_error, delivered, created FROM deliveries`, []any{}
	if owner != "" {
		q += ` WHERE owner = ?`
		args = append(args, owner)
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY created DESC, key, channel LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: deliveries: %w", err)
	}
	defer rows.Close()
	out := []*Delivery{}
	for rows.Next() {
		var (
			d               Delivery
			alert           []byte
			next, delivered sql.NullInt64
			created         int64
			a               obligation.Alert
		)
		if err := rows.Scan(&d.Key, &d.Channel, &d.Owner, &alert, &d.Attempts, &next, &d.LastError, &delivered, &created); err != nil {
			return nil, fmt.Errorf("store: deliveries: %w", err)
		}
		if err := json.Unmarshal(alert, &a); err != nil {
			return nil, fmt.Errorf("store: deliveries: %w", err)
		}
		d.Kind, d.LeadDays = a.Obligation.Kind, a.LeadDays
		if a.Obligation.Due != nil {
			d.Due = a.Obligation.Due.String()
		}
		if next.Valid {
			t := fromNanos(next.Int64)
			d.NextAttempt = &t
		}
		if delivered.Valid {
			t := fromNanos(delivered.Int64)
			d.Delivered = &t
		}
		d.Created = fromNanos(created)
		out = append(out, &d)
	}
	return out, rows.Err()
}
