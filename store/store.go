// Package store keeps what the HTTP API serves: documents (content-addressed by
// SHA-256, with their original bytes), reviews with their reports and redlines,
// versioned playbooks, API keys (hashes only), the audit log, and documents'
// obligations with the alert outbox, webhooks and calendar feed tokens. Store
// is the interface in domain types; Open returns the SQLite implementation
// (modernc.org/sqlite, pure Go), and PostgreSQL can follow behind the same
// interface.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/obligation"
)

// Sentinel errors. Every error a Store returns for a missing or clashing object
// wraps one of them, so callers test the class with errors.Is.
var (
	// ErrNotFound signals an object that does not exist (or no longer does).
	ErrNotFound = errors.New("store: not found")
	// ErrConflict signals a write that clashes with an existing object (a key
	// name in use, a review of a deleted document).
	ErrConflict = errors.New("store: conflict")
)

// Roles of API keys.
const (
	RoleParalegal   = "paralegal"
	RoleCounsel     = "counsel"
	RoleAdmin       = "admin"
	RoleIntegration = "integration"
)

// Roles lists the roles in the order documentation shows them.
var Roles = []string{RoleParalegal, RoleCounsel, RoleIntegration, RoleAdmin}

// ValidRole reports whether r is one of Roles.
func ValidRole(r string) bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Change says who makes a write and when; every write records it in the audit
// log within the same transaction.
type Change struct {
	Who string    // the key name (or "cli" for the command line)
	At  time.Time // the caller's clock; the store never reads the time itself
}

// Document is one contract, stored once per distinct content.
type Document struct {
	ID       string    `json:"id"`     // the SHA-256 of the original bytes, hex
	SHA256   string    `json:"sha256"` // same as ID
	Name     string    `json:"name"`   // file name as uploaded first
	Format   string    `json:"format"` // docx, pdf or txt
	Size     int64     `json:"size"`   // bytes of the original
	Uploader string    `json:"uploader"`
	Owner    string    `json:"owner"`
	Created  time.Time `json:"created"`
	Clauses  int       `json:"clauses"` // clause count
	Parties  []string  `json:"parties"` // party names, for search
	// Outcome is the latest review's overall outcome (escalate, fallback or
	// accept); empty before the first review.
	Outcome string `json:"outcome"`
}

// DocumentBlobs are a document's bytes: the original as uploaded and the
// extract JSON (clm.extract/v1).
type DocumentBlobs struct {
	Original []byte
	Extract  []byte
}

// OutcomeNone in DocumentFilter.Outcome selects the documents never reviewed.
const OutcomeNone = "none"

// DocumentFilter selects documents for ListDocuments; zero fields do not filter.
type DocumentFilter struct {
	Uploader string
	Owner    string
	Outcome  string    // a latest review outcome, or OutcomeNone for documents never reviewed
	From, To time.Time // Created in [From, To)
	Query    string    // substring of the name or a party, case-insensitive
	Limit    int       // page size; default 50, at most 500
	After    int64     // cursor: Next of the previous page
}

// DocumentPage is one page of ListDocuments, newest first.
type DocumentPage struct {
	Documents []*Document
	Next      int64 // cursor of the next page; 0 when this is the last
}

// Review is one review of a document against a playbook revision.
type Review struct {
	ID         string    `json:"id"`
	DocumentID string    `json:"document_id"`
	Playbook   string    `json:"playbook"`
	Revision   string    `json:"revision"` // sha256 of the playbook YAML
	Outcome    string    `json:"outcome"`
	By         string    `json:"by"` // key name
	Created    time.Time `json:"created"`
	// RedlineError says why the review has no DOCX redline (a package the
	// redliner cannot edit); empty when it has one.
	RedlineError string `json:"redline_error,omitempty"`
}

// ReviewBlobs are a review's bytes: the report JSON as served, the redline DOCX
// (nil when Review.RedlineError says why not) and its HTML preview.
type ReviewBlobs struct {
	Report      []byte
	RedlineDOCX []byte
	RedlineHTML []byte
}

// Blob kinds for Store.ReviewBlob.
const (
	BlobReport      = "report"
	BlobRedlineDOCX = "redline_docx"
	BlobRedlineHTML = "redline_html"
)

// PlaybookVersion is one version of a named playbook.
type PlaybookVersion struct {
	Name     string    `json:"name"`
	Version  int       `json:"version"`  // 1, 2, ... per name
	Revision string    `json:"revision"` // sha256 of YAML, hex
	Label    string    `json:"label"`    // the author's version: label in the YAML
	YAML     []byte    `json:"-"`
	By       string    `json:"by"`
	Created  time.Time `json:"created"`
}

// Key is an API key; only the SHA-256 of the secret is stored.
type Key struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	Role    string     `json:"role"`
	Hash    string     `json:"-"` // hex SHA-256 of the secret
	Created time.Time  `json:"created"`
	Revoked *time.Time `json:"revoked"` // nil while the key is valid
}

// AuditEntry is one write: who, what, which object, when.
type AuditEntry struct {
	Seq    int64     `json:"seq"`
	At     time.Time `json:"at"`
	Who    string    `json:"who"`
	Action string    `json:"action"` // "document.create", "playbook.put", ...
	Object string    `json:"object"` // "documents/<id>", "playbooks/<name>", ...
	Detail string    `json:"detail,omitempty"`
}

// AuditFilter selects audit entries, newest first.
type AuditFilter struct {
	Limit  int   // default 100, at most 1000
	Before int64 // cursor: entries with Seq < Before; 0 for the newest
}

// Store persists the API's objects. Implementations are safe for concurrent
// use. Methods return errors wrapping ErrNotFound or ErrConflict where stated.
type Store interface {
	// CreateDocument stores d with its blobs unless a document with the same ID
	// exists; it reports whether it created one, and returns the stored document
	// either way.
	CreateDocument(ctx context.Context, ch Change, d *Document, b DocumentBlobs) (*Document, bool, error)
	// Document returns the document with id, or ErrNotFound.
	Document(ctx context.Context, id string) (*Document, error)
	// DocumentBlob returns the original bytes (original true) or the extract
	// JSON of a document, or ErrNotFound.
	DocumentBlob(ctx context.Context, id string, original bool) ([]byte, error)
	// SetOwner changes a document's owner; ErrNotFound when it does not exist.
	SetOwner(ctx context.Context, ch Change, id, owner string) (*Document, error)
	// ListDocuments returns a page of documents matching f, newest first.
	ListDocuments(ctx context.Context, f DocumentFilter) (*DocumentPage, error)
	// DeleteDocument removes a document with its reviews; ErrNotFound when it
	// does not exist.
	DeleteDocument(ctx context.Context, ch Change, id string) error

	// CreateReview stores a review and sets its document's Outcome; ErrConflict
	// when the document no longer exists.
	CreateReview(ctx context.Context, ch Change, r *Review, b ReviewBlobs) error
	// Review returns a review, or ErrNotFound.
	Review(ctx context.Context, id string) (*Review, error)
	// Reviews returns the reviews of a document, newest first; ErrNotFound when
	// the document does not exist.
	Reviews(ctx context.Context, documentID string) ([]*Review, error)
	// ReviewBlob returns one of a review's blobs (Blob* kinds), or ErrNotFound.
	ReviewBlob(ctx context.Context, id, kind string) ([]byte, error)

	// PutPlaybook stores v as the next version of v.Name unless the latest
	// version has the same Revision; it reports whether a version was added and
	// returns the latest version. Version, By and Created are set by the store.
	PutPlaybook(ctx context.Context, ch Change, v *PlaybookVersion) (*PlaybookVersion, bool, error)
	// Playbook returns the latest version of a playbook (revision "") or the
	// version with that revision, with its YAML; ErrNotFound when none.
	Playbook(ctx context.Context, name, revision string) (*PlaybookVersion, error)
	// Playbooks returns the latest version of every playbook, by name, without YAML.
	Playbooks(ctx context.Context) ([]*PlaybookVersion, error)
	// PlaybookVersions returns every version of a playbook, oldest first,
	// without YAML; ErrNotFound when there is none.
	PlaybookVersions(ctx context.Context, name string) ([]*PlaybookVersion, error)
	// DeletePlaybook removes a playbook and its versions (reviews keep the name
	// and revision they used); ErrNotFound when it does not exist.
	DeletePlaybook(ctx context.Context, ch Change, name string) error
	// SeedPlaybooks stores the given playbooks when the store has never been
	// seeded (a fresh store), and records that it has; it reports whether it did.
	SeedPlaybooks(ctx context.Context, ch Change, vs []*PlaybookVersion) (bool, error)

	// CreateKey stores a key; ErrConflict when its name or ID is in use.
	CreateKey(ctx context.Context, ch Change, k *Key) error
	// KeyByHash returns the key whose secret hashes to hash, revoked or not, or
	// ErrNotFound.
	KeyByHash(ctx context.Context, hash string) (*Key, error)
	// Keys lists every key, oldest first.
	Keys(ctx context.Context) ([]*Key, error)
	// RevokeKey revokes the key with that ID or name (at ch.At) and returns it;
	// ErrNotFound when there is none. Revoking a revoked key changes nothing.
	RevokeKey(ctx context.Context, ch Change, idOrName string) (*Key, error)

	// PutObligations replaces a document's obligations with obls, computed as
	// of asOf; ErrNotFound when the document does not exist.
	PutObligations(ctx context.Context, ch Change, documentID string, asOf extract.Date, obls []obligation.Obligation) error
	// Obligations returns the obligations matching f, by due date, undated last.
	Obligations(ctx context.Context, f ObligationFilter) ([]StoredObligation, error)
	// StaleObligations returns the owned documents whose renewal deadlines
	// have passed since their obligations were computed.
	StaleObligations(ctx context.Context, today extract.Date) ([]string, error)
	// AlertTargets returns each owner's dated obligations with their lead times.
	AlertTargets(ctx context.Context) ([]obligation.Target, error)
	// SetOwnerLeads sets an owner's alert lead times; nil restores the default.
	SetOwnerLeads(ctx context.Context, ch Change, owner string, leads []int) error
	// OwnerLeads returns every owner's lead-time override.
	OwnerLeads(ctx context.Context) (map[string][]int, error)
	// CreateFeedToken stores a calendar feed token; ErrConflict on a clash.
	CreateFeedToken(ctx context.Context, ch Change, t *FeedToken) error
	// FeedTokenByHash returns the feed token with that hash, or ErrNotFound.
	FeedTokenByHash(ctx context.Context, hash string) (*FeedToken, error)
	// FeedTokens lists an owner's feed tokens (all when owner is empty).
	FeedTokens(ctx context.Context, owner string) ([]*FeedToken, error)
	// RevokeFeedToken revokes a feed token; ErrNotFound when there is none.
	RevokeFeedToken(ctx context.Context, ch Change, id string) (*FeedToken, error)
	// CreateWebhook stores an alert endpoint; ErrConflict on a clash.
	CreateWebhook(ctx context.Context, ch Change, w *Webhook) error
	// Webhooks lists the alert endpoints, secrets included.
	Webhooks(ctx context.Context) ([]*Webhook, error)
	// DeleteWebhook removes an endpoint; ErrNotFound when there is none.
	DeleteWebhook(ctx context.Context, ch Change, id string) error
	// Outbox is the durable alert outbox of obligation.Scheduler.
	Outbox() obligation.Outbox
	// Deliveries returns the alert delivery log, newest first.
	Deliveries(ctx context.Context, owner string, limit int) ([]*Delivery, error)

	// Audit returns audit entries, newest first.
	Audit(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)
	// Counts returns the number of documents and reviews stored.
	Counts(ctx context.Context) (documents, reviews int64, err error)
	// Ping checks that the store answers.
	Ping(ctx context.Context) error
	// Close releases the store.
	Close() error
}
