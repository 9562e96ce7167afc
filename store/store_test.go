package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// MustOpen opens a store in a temporary directory, closed when the test ends.
func MustOpen(tb testing.TB) *SQLite {
	tb.Helper()
	s, err := Open(context.Background(), filepath.Join(tb.TempDir(), "clm.db"), nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

var t0 = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

func at(min int) Change { return Change{Who: "tester", At: t0.Add(time.Duration(min) * time.Minute)} }

func doc(id, name, uploader, owner string, created int, parties ...string) *Document {
	return &Document{ID: id, SHA256: id, Name: name, Format: "docx", Size: 3, Uploader: uploader, Owner: owner,
		Created: t0.Add(time.Duration(created) * time.Minute), Clauses: 7, Parties: parties}
}

func TestMigrate(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clm.db")
	for i := range 2 { // a second open finds the schema current
		s, err := Open(ctx, path, nil)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var v, n int
		if err := s.r.QueryRow(`SELECT version, (SELECT count(*) FROM schema_version) FROM schema_version`).Scan(&v, &n); err != nil {
			t.Fatal(err)
		}
		if v != len(migrations) || n != 1 {
			t.Errorf("open %d: schema_version %d (%d rows), want %d (1 row)", i, v, n, len(migrations))
		}
		var mode string
		if err := s.r.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal_mode %q, %v; want wal", mode, err)
		}
		if i == 1 {
			if _, err := s.w.Exec(`UPDATE schema_version SET version = 99`); err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
	}
	_, err := Open(ctx, path, nil)
	want := fmt.Sprintf("%s: store: schema version 99 is newer than this program's %d; use a newer clm", path, len(migrations))
	if err == nil || err.Error() != want {
		t.Errorf("open of a newer schema: %v, want %q", err, want)
	}
}

func TestDocuments(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	docs := []*Document{
		doc("a1", "Acme MSA.docx", "alice", "o1@example.com", 0, "Acme Corp.", "Globex LLC"),
		doc("b2", "nda_100%.pdf", "bob", "", 10, "Initech Inc."),
		doc("c3", "Supply.txt", "alice", "o2@example.com", 20),
	}
	for _, d := range docs {
		got, created, err := s.CreateDocument(ctx, at(0), d, DocumentBlobs{Original: []byte("orig-" + d.ID), Extract: []byte(`{"x":1}`)})
		if err != nil || !created || got.ID != d.ID {
			t.Fatalf("create %s: %v %v %+v", d.ID, created, err, got)
		}
	}
	// the same bytes again: no new document, the first one's name and uploader kept
	again := doc("a1", "copy.docx", "carol", "", 30)
	got, created, err := s.CreateDocument(ctx, at(1), again, DocumentBlobs{Original: []byte("x"), Extract: []byte("{}")})
	if err != nil || created || got.Name != "Acme MSA.docx" || got.Uploader != "alice" {
		t.Errorf("second create: created=%v err=%v %+v", created, err, got)
	}
	if b, err := s.DocumentBlob(ctx, "a1", true); err != nil || string(b) != "orig-a1" {
		t.Errorf("original = %q, %v", b, err)
	}
	if _, err := s.Document(ctx, "zz"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing document: %v", err)
	}
	if d, err := s.SetOwner(ctx, at(2), "b2", "legal@example.com"); err != nil || d.Owner != "legal@example.com" {
		t.Errorf("set owner: %+v %v", d, err)
	}
	if _, err := s.SetOwner(ctx, at(2), "zz", "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("set owner of a missing document: %v", err)
	}
	if err := s.CreateReview(ctx, at(3), &Review{ID: "r1", DocumentID: "c3", Playbook: "p", Revision: "abc", Outcome: "escalate", By: "bob", Created: t0},
		ReviewBlobs{Report: []byte(`{}`), RedlineDOCX: []byte("PK")}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		f    DocumentFilter
		want string // ids, newest first
	}{
		{"all", DocumentFilter{}, "c3 b2 a1"},
		{"uploader", DocumentFilter{Uploader: "alice"}, "c3 a1"},
		{"owner", DocumentFilter{Owner: "legal@example.com"}, "b2"},
		{"outcome", DocumentFilter{Outcome: "escalate"}, "c3"},
		{"from", DocumentFilter{From: t0.Add(10 * time.Minute)}, "c3 b2"},
		{"to", DocumentFilter{To: t0.Add(10 * time.Minute)}, "a1"},
		{"party", DocumentFilter{Query: "globex"}, "a1"},
		{"name", DocumentFilter{Query: "SUPPLY"}, "c3"},
		{"like metacharacters are literal", DocumentFilter{Query: "100%"}, "b2"},
		{"underscore is literal", DocumentFilter{Query: "a_m"}, ""},
		{"page 1", DocumentFilter{Limit: 2}, "c3 b2 +"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := s.ListDocuments(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, d := range page.Documents {
				ids = append(ids, d.ID)
			}
			if page.Next != 0 {
				ids = append(ids, "+")
				next, err := s.ListDocuments(ctx, DocumentFilter{Limit: 2, After: page.Next})
				if err != nil || len(next.Documents) != 1 || next.Documents[0].ID != "a1" || next.Next != 0 {
					t.Errorf("next page: %+v %v", next, err)
				}
			}
			if got := strings.Join(ids, " "); got != tt.want {
				t.Errorf("ids %q, want %q", got, tt.want)
			}
		})
	}

	// delete removes the reviews with the document
	if err := s.DeleteDocument(ctx, at(4), "c3"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Review(ctx, "r1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("review of a deleted document: %v", err)
	}
	if _, err := s.DocumentBlob(ctx, "c3", false); !errors.Is(err, ErrNotFound) {
		t.Errorf("blob of a deleted document: %v", err)
	}
	if err := s.DeleteDocument(ctx, at(4), "c3"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	err = s.CreateReview(ctx, at(5), &Review{ID: "r2", DocumentID: "c3", Created: t0}, ReviewBlobs{Report: []byte("{}")})
	if !errors.Is(err, ErrConflict) {
		t.Errorf("review of a deleted document: %v", err)
	}
	if n, r, err := s.Counts(ctx); n != 2 || r != 0 || err != nil {
		t.Errorf("counts %d %d %v", n, r, err)
	}
}

func TestReviews(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	if _, _, err := s.CreateDocument(ctx, at(0), doc("d", "x.docx", "u", "", 0), DocumentBlobs{Original: []byte("o"), Extract: []byte("{}")}); err != nil {
		t.Fatal(err)
	}
	r := &Review{ID: "r1", DocumentID: "d", Playbook: "nda", Revision: "rev", Outcome: "fallback", By: "pat", Created: t0.Add(time.Hour)}
	blobs := ReviewBlobs{Report: []byte(`{"id":"r1"}`), RedlineDOCX: []byte("PK\x03\x04"), RedlineHTML: []byte("<html>")}
	if err := s.CreateReview(ctx, at(1), r, blobs); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateReview(ctx, at(1), r, blobs); !errors.Is(err, ErrConflict) {
		t.Errorf("same id twice: %v", err)
	}
	got, err := s.Review(ctx, "r1")
	if err != nil || !reflect.DeepEqual(got, r) {
		t.Errorf("review = %+v, %v; want %+v", got, err, r)
	}
	if d, _ := s.Document(ctx, "d"); d.Outcome != "fallback" {
		t.Errorf("document outcome %q", d.Outcome)
	}
	r2 := &Review{ID: "r2", DocumentID: "d", Playbook: "nda", Revision: "rev2", Outcome: "accept", By: "pat", Created: t0.Add(2 * time.Hour)}
	if err := s.CreateReview(ctx, at(2), r2, ReviewBlobs{Report: []byte("{}")}); err != nil {
		t.Fatal(err)
	}
	if list, err := s.Reviews(ctx, "d"); err != nil || len(list) != 2 || !reflect.DeepEqual(list[0], r2) || !reflect.DeepEqual(list[1], r) {
		t.Errorf("reviews = %+v, %v", list, err)
	}
	if _, err := s.Reviews(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("reviews of a missing document: %v", err)
	}
	if d, _ := s.Document(ctx, "d"); d.Outcome != "accept" {
		t.Errorf("document outcome after the second review %q", d.Outcome)
	}
	tests := []struct {
		kind, want string
		err        error
	}{
		{BlobReport, `{"id":"r1"}`, nil},
		{BlobRedlineDOCX, "PK\x03\x04", nil},
		{BlobRedlineHTML, "<html>", nil},
	}
	for _, tt := range tests {
		b, err := s.ReviewBlob(ctx, "r1", tt.kind)
		if string(b) != tt.want || err != nil {
			t.Errorf("%s = %q, %v", tt.kind, b, err)
		}
		if _, err := s.ReviewBlob(ctx, "nope", tt.kind); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s of a missing review: %v", tt.kind, err)
		}
	}
}

func TestPlaybooks(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	put := func(name, rev string, min int) (*PlaybookVersion, bool) {
		t.Helper()
		v, created, err := s.PutPlaybook(ctx, at(min), &PlaybookVersion{Name: name, Revision: rev, Label: "L" + rev, YAML: []byte("yaml " + rev)})
		if err != nil {
			t.Fatal(err)
		}
		return v, created
	}
	steps := []struct {
		name, rev   string
		wantVersion int
		wantCreated bool
	}{
		{"nda", "A", 1, true},
		{"nda", "A", 1, false}, // same bytes: not a new version
		{"nda", "B", 2, true},
		{"nda", "A", 3, true}, // going back is a change
		{"msa", "C", 1, true},
	}
	for i, st := range steps {
		v, created := put(st.name, st.rev, i)
		if v.Version != st.wantVersion || created != st.wantCreated || v.Revision != st.rev {
			t.Errorf("step %d: version %d created %v revision %s; want %d %v", i, v.Version, created, v.Revision, st.wantVersion, st.wantCreated)
		}
	}
	latest, err := s.Playbook(ctx, "nda", "")
	if err != nil || latest.Version != 3 || string(latest.YAML) != "yaml A" || latest.By != "tester" {
		t.Errorf("latest = %+v, %v", latest, err)
	}
	if v, err := s.Playbook(ctx, "nda", "B"); err != nil || v.Version != 2 {
		t.Errorf("by revision = %+v, %v", v, err)
	}
	list, err := s.Playbooks(ctx)
	if err != nil || len(list) != 2 || list[0].Name != "msa" || list[1].Version != 3 || list[1].YAML != nil {
		t.Errorf("playbooks = %+v, %v", list, err)
	}
	vs, err := s.PlaybookVersions(ctx, "nda")
	if err != nil || len(vs) != 3 || vs[0].Revision != "A" || vs[1].Revision != "B" || !vs[1].Created.Equal(t0.Add(2*time.Minute)) {
		t.Errorf("versions = %+v, %v", vs, err)
	}
	if err := s.DeletePlaybook(ctx, at(9), "nda"); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		s.DeletePlaybook(ctx, at(9), "nda"),
		func() error { _, err := s.Playbook(ctx, "nda", ""); return err }(),
		func() error { _, err := s.PlaybookVersions(ctx, "nda"); return err }(),
	} {
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("after delete: %v, want ErrNotFound", err)
		}
	}
}

func TestSeedPlaybooksOnce(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	seed := []*PlaybookVersion{{Name: "a", Revision: "1", YAML: []byte("a")}, {Name: "b", Revision: "2", YAML: []byte("b")}}
	for i, want := range []bool{true, false} {
		ok, err := s.SeedPlaybooks(ctx, Change{Who: "clm", At: t0}, seed)
		if err != nil || ok != want {
			t.Errorf("seed %d: %v %v, want %v", i, ok, err, want)
		}
		if i == 0 { // a deleted shipped playbook stays deleted
			if err := s.DeletePlaybook(ctx, at(1), "a"); err != nil {
				t.Fatal(err)
			}
		}
	}
	list, _ := s.Playbooks(ctx)
	if len(list) != 1 || list[0].Name != "b" {
		t.Errorf("playbooks after seeding twice: %+v", list)
	}
}

func TestKeys(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	k := &Key{ID: "k1", Name: "pat", Role: RoleParalegal, Hash: "h1", Created: t0}
	if err := s.CreateKey(ctx, at(0), k); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		key  *Key
		err  error
	}{
		{"name in use", &Key{ID: "k2", Name: "pat", Role: RoleAdmin, Hash: "h2", Created: t0}, ErrConflict},
		{"id in use", &Key{ID: "k1", Name: "other", Role: RoleAdmin, Hash: "h3", Created: t0}, ErrConflict},
		{"new", &Key{ID: "k3", Name: "ann", Role: RoleAdmin, Hash: "h4", Created: t0.Add(time.Second)}, nil},
	}
	for _, tt := range tests {
		if err := s.CreateKey(ctx, at(1), tt.key); !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.err)
		}
	}
	got, err := s.KeyByHash(ctx, "h1")
	if err != nil || !reflect.DeepEqual(got, k) {
		t.Errorf("by hash = %+v, %v", got, err)
	}
	if _, err := s.KeyByHash(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown hash: %v", err)
	}
	for i, ref := range []string{"pat", "k1"} { // by name, then again by id: no change
		r, err := s.RevokeKey(ctx, at(5+i), ref)
		if err != nil || r.Revoked == nil || !r.Revoked.Equal(t0.Add(5*time.Minute)) {
			t.Errorf("revoke %s: %+v %v", ref, r, err)
		}
	}
	if _, err := s.RevokeKey(ctx, at(7), "nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("revoke unknown: %v", err)
	}
	keys, err := s.Keys(ctx)
	if err != nil || len(keys) != 2 || keys[0].Revoked == nil || keys[1].Revoked != nil {
		t.Errorf("keys = %+v, %v", keys, err)
	}
	// every write is in the audit log, newest first
	log, err := s.Audit(ctx, AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range log {
		actions = append(actions, e.Action+" "+e.Object)
	}
	if got, want := strings.Join(actions, ", "), "key.revoke keys/k1, key.create keys/k3, key.create keys/k1"; got != want {
		t.Errorf("audit %q, want %q", got, want)
	}
	if page, _ := s.Audit(ctx, AuditFilter{Limit: 1, Before: log[1].Seq}); len(page) != 1 || page[0].Object != "keys/k1" {
		t.Errorf("audit page = %+v", page)
	}
}

// TestReopen checks that what was committed is there after the store is closed
// and opened again.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clm.db")
	s, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.CreateDocument(ctx, at(0), doc("d", "x.docx", "u", "", 0, "P"), DocumentBlobs{Original: []byte("bytes"), Extract: []byte("{}")}); err != nil {
		t.Fatal(err)
	}
	want, _ := s.Document(ctx, "d")
	s.Close()
	s, err = Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Document(ctx, "d")
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("after reopen %+v %v, want %+v", got, err, want)
	}
}

// TestConcurrentWrites runs writers in parallel: the single write connection
// serialises them without SQLITE_BUSY.
func TestConcurrentWrites(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 32 {
		wg.Go(func() {
			id := fmt.Sprintf("d%02d", i)
			if _, _, err := s.CreateDocument(ctx, at(i), doc(id, id, "u", "", i), DocumentBlobs{Original: []byte(id), Extract: []byte("{}")}); err != nil {
				errs <- err
			}
			if _, err := s.ListDocuments(ctx, DocumentFilter{}); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n, _, _ := s.Counts(ctx); n != 32 {
		t.Errorf("%d documents, want 32", n)
	}
}
