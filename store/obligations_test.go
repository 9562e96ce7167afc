package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/obligation"
)

func dp(y, m, d int) *extract.Date { return &extract.Date{Year: y, Month: m, Day: d} }

func TestObligations(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	for _, d := range []*Document{doc("d1", "a.docx", "k", "ann@example.com", 0), doc("d2", "b.docx", "k", "bob@example.com", 1), doc("d3", "c.docx", "k", "", 2)} {
		if _, _, err := s.CreateDocument(ctx, at(0), d, DocumentBlobs{Original: []byte("x"), Extract: []byte("{}")}); err != nil {
			t.Fatal(err)
		}
	}
	asOf := extract.Date{Year: 2026, Month: 11, Day: 26}
	put := func(id string, obls ...obligation.Obligation) {
		t.Helper()
		if err := s.PutObligations(ctx, at(1), id, asOf, obls); err != nil {
			t.Fatal(err)
		}
	}
	put("d1",
		obligation.Obligation{Kind: obligation.KindNonRenewalNotice, Due: dp(2026, 12, 31), Clause: "c3", Document: "d1"},
		obligation.Obligation{Kind: obligation.KindConsentRequired, Clause: "c7", Document: "d1", Trigger: "an assignment"})
	put("d2", obligation.Obligation{Kind: obligation.KindExpiration, Due: dp(2027, 3, 31), Clause: "c2", Document: "d2"})
	put("d3", obligation.Obligation{Kind: obligation.KindExpiration, Due: dp(2026, 12, 1), Clause: "c2", Document: "d3"})
	if err := s.PutObligations(ctx, at(1), "nope", asOf, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("obligations of a missing document: %v", err)
	}
	tests := []struct {
		name string
		f    ObligationFilter
		want []string // document/kind in order
	}{
		{"all, by due date, undated last", ObligationFilter{}, []string{"d3/expiration", "d1/non_renewal_notice", "d2/expiration", "d1/consent_required"}},
		{"owner", ObligationFilter{Owner: "ann@example.com"}, []string{"d1/non_renewal_notice", "d1/consent_required"}},
		{"due before", ObligationFilter{DueBefore: extract.Date{Year: 2027, Month: 1, Day: 1}}, []string{"d3/expiration", "d1/non_renewal_notice"}},
		{"kind", ObligationFilter{Kind: obligation.KindExpiration}, []string{"d3/expiration", "d2/expiration"}},
	}
	for _, tt := range tests {
		got, err := s.Obligations(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, o := range got {
			ids = append(ids, o.Document+"/"+o.Kind)
		}
		if !slices.Equal(ids, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, ids, tt.want)
		}
	}
	// replacing a document's obligations
	put("d1", obligation.Obligation{Kind: obligation.KindNonRenewalNotice, Due: dp(2027, 12, 31), Clause: "c3", Document: "d1"})
	got, _ := s.Obligations(ctx, ObligationFilter{Owner: "ann@example.com"})
	if len(got) != 1 || got[0].Due.String() != "2027-12-31" || got[0].Owner != "ann@example.com" {
		t.Errorf("after replacing: %+v", got)
	}
	// alert targets: owned, dated, with lead overrides
	if err := s.SetOwnerLeads(ctx, at(2), "bob@example.com", []int{14, 2}); err != nil {
		t.Fatal(err)
	}
	targets, err := s.AlertTargets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(targets) != 2 || targets[0].Owner != "ann@example.com" || targets[0].Leads != nil || len(targets[0].Obligations) != 1 ||
		targets[1].Owner != "bob@example.com" || !slices.Equal(targets[1].Leads, []int{14, 2}) {
		t.Errorf("alert targets: %+v", targets)
	}
	stale, err := s.StaleObligations(ctx, extract.Date{Year: 2028, Month: 1, Day: 1})
	// d1's non-renewal deadline has passed; d2 has only an expiration, which
	// does not roll
	if err != nil || !slices.Equal(stale, []string{"d1"}) {
		t.Errorf("stale: %v, %v", stale, err)
	}
	// deleting the document deletes its obligations
	if err := s.DeleteDocument(ctx, at(3), "d2"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Obligations(ctx, ObligationFilter{Document: "d2"}); len(got) != 0 {
		t.Errorf("obligations of a deleted document: %+v", got)
	}
}

func TestFeedTokensAndWebhooks(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	ft := &FeedToken{ID: "f1", Owner: "ann@example.com", Hash: "h1", Created: t0}
	if err := s.CreateFeedToken(ctx, at(0), ft); err != nil {
		t.Fatal(err)
	}
	got, err := s.FeedTokenByHash(ctx, "h1")
	if err != nil || got.Owner != "ann@example.com" || got.Revoked != nil || got.By != "tester" {
		t.Fatalf("feed token: %+v, %v", got, err)
	}
	if _, err := s.FeedTokenByHash(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown token: %v", err)
	}
	if r, err := s.RevokeFeedToken(ctx, at(1), "f1"); err != nil || r.Revoked == nil {
		t.Errorf("revoke: %+v, %v", r, err)
	}
	if got, _ := s.FeedTokenByHash(ctx, "h1"); got.Revoked == nil {
		t.Error("revoked token reads as valid")
	}
	w := &Webhook{ID: "w1", URL: "https://hooks.example.com/clm", Secret: "s", Kinds: []string{"expiration"}, Created: t0}
	if err := s.CreateWebhook(ctx, at(2), w); err != nil {
		t.Fatal(err)
	}
	ws, err := s.Webhooks(ctx)
	if err != nil || len(ws) != 1 || ws[0].Secret != "s" || !slices.Equal(ws[0].Kinds, []string{"expiration"}) || ws[0].Owners == nil {
		t.Errorf("webhooks: %+v, %v", ws, err)
	}
	if err := s.DeleteWebhook(ctx, at(3), "w1"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteWebhook(ctx, at(3), "w1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
}

// TestOutbox checks the store's outbox: a delivery is recorded once, offered
// until delivered, retried after a failure only when due, and never offered
// again once delivered, across a reopen of the database.
func TestOutbox(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	o := s.Outbox()
	a := obligation.Alert{Key: "k1", Owner: "ann@example.com", LeadDays: 30,
		Obligation: obligation.Obligation{Kind: obligation.KindNonRenewalNotice, Due: dp(2026, 12, 31)}}
	d := obligation.Delivery{Alert: a, Channel: "email:ann@example.com", NextAttempt: t0, Created: t0}
	for i, want := range []bool{true, false} {
		if added, err := o.Enqueue(ctx, d); err != nil || added != want {
			t.Fatalf("enqueue %d: %v, %v", i, added, err)
		}
	}
	p, err := o.Pending(ctx, t0, 10)
	if err != nil || len(p) != 1 || p[0].Alert.Key != "k1" || p[0].Alert.Obligation.Due.String() != "2026-12-31" {
		t.Fatalf("pending: %+v, %v", p, err)
	}
	if err := o.Failed(ctx, "k1", d.Channel, 1, t0.Add(time.Minute), "connection refused"); err != nil {
		t.Fatal(err)
	}
	if p, _ := o.Pending(ctx, t0.Add(30*time.Second), 10); len(p) != 0 {
		t.Errorf("offered before its retry time: %+v", p)
	}
	if p, _ := o.Pending(ctx, t0.Add(time.Minute), 10); len(p) != 1 || p[0].Attempts != 1 {
		t.Errorf("not offered at its retry time: %+v", p)
	}
	if err := o.Delivered(ctx, "k1", d.Channel, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if p, _ := o.Pending(ctx, t0.Add(time.Hour), 10); len(p) != 0 {
		t.Errorf("offered after delivery: %+v", p)
	}
	log, err := s.Deliveries(ctx, "ann@example.com", 0)
	if err != nil || len(log) != 1 || log[0].Delivered == nil || log[0].Attempts != 2 || log[0].LastError != "connection refused" || log[0].Kind != "non_renewal_notice" {
		t.Errorf("delivery log: %+v, %v", log, err)
	}
}
