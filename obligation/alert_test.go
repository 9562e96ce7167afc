package obligation

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/internal/smtptest"
)

func mustDate(s string) extract.Date {
	d, err := extract.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func datep(s string) *extract.Date { d := mustDate(s); return &d }

func TestDue(t *testing.T) {
	notice := Obligation{Kind: KindNonRenewalNotice, Due: datep("2026-12-31"), Clause: "c3", Document: "d1"}
	expiry := Obligation{Kind: KindExpiration, Due: datep("2027-03-31"), Clause: "c3", Document: "d1"}
	event := Obligation{Kind: KindConsentRequired, Clause: "c7", Document: "d1", Trigger: "an assignment"}
	obls := []Obligation{notice, expiry, event}
	tests := []struct {
		today string
		want  []string // kind/lead of the due alerts, in fire order
	}{
		{"2026-09-01", nil},
		{"2026-10-02", []string{"non_renewal_notice/90"}},                          // 90 days before 31 Dec
		{"2026-12-01", []string{"non_renewal_notice/90", "non_renewal_notice/30"}}, // still due until the date passes
		{"2026-12-31", []string{"non_renewal_notice/90", "non_renewal_notice/30", "non_renewal_notice/7", "non_renewal_notice/1", "expiration/90"}},
		{"2027-01-01", []string{"expiration/90"}}, // the notice date has passed: its alerts are over
		{"2027-04-01", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, a := range Due(obls, "owner@example.com", mustDate(tt.today), DefaultLeads) {
			got = append(got, a.Obligation.Kind+"/"+strconv.Itoa(a.LeadDays))
			if a.FireOn != a.Obligation.Due.AddDays(-a.LeadDays) {
				t.Errorf("%s: fire date %s for %s/%d", tt.today, a.FireOn, a.Obligation.Kind, a.LeadDays)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Due on %s = %v, want %v", tt.today, got, tt.want)
		}
	}
	// keys: stable, and distinct per lead, owner and due date
	a := Due(obls, "a@example.com", mustDate("2026-12-31"), []int{30})[0]
	b := Due(obls, "a@example.com", mustDate("2026-12-31"), []int{30})[0]
	c := Due(obls, "b@example.com", mustDate("2026-12-31"), []int{30})[0]
	moved := notice
	moved.Due = datep("2027-12-31")
	d := AlertKey(moved, "a@example.com", 30)
	if a.Key != b.Key || a.Key == c.Key || a.Key == d || a.Key == AlertKey(notice, "a@example.com", 7) {
		t.Errorf("alert keys: %s %s %s %s", a.Key, b.Key, c.Key, d)
	}
}

func TestBackoff(t *testing.T) {
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute}
	for i, w := range want {
		if got := Backoff(i + 1); got != w {
			t.Errorf("Backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
	if got := Backoff(40); got != 6*time.Hour {
		t.Errorf("Backoff(40) = %v, want the 6h cap", got)
	}
}

// hookServer records webhook deliveries and answers with the statuses queued
// in fail (then 204).
type hookServer struct {
	mu     sync.Mutex
	got    []hookCall
	fail   []int
	secret string
}

type hookCall struct {
	body     []byte
	sigOK    bool
	idem     string
	userSent string
}

func (h *hookServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.got = append(h.got, hookCall{body: body, sigOK: Verify(h.secret, body, r.Header.Get(SignatureHeader)), idem: r.Header.Get(IdempotencyHeader)})
	if len(h.fail) > 0 {
		code := h.fail[0]
		h.fail = h.fail[1:]
		w.WriteHeader(code)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *hookServer) calls() []hookCall {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.got)
}

// memOutbox is an Outbox in memory; failMark makes the next n Delivered calls
// fail, as a crash between sending and recording would.
type memOutbox struct {
	mu       sync.Mutex
	rows     []*Delivery
	failMark int
}

func (o *memOutbox) find(key, ch string) *Delivery {
	for _, d := range o.rows {
		if d.Alert.Key == key && d.Channel == ch {
			return d
		}
	}
	return nil
}

func (o *memOutbox) Enqueue(_ context.Context, d Delivery) (bool, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.find(d.Alert.Key, d.Channel) != nil {
		return false, nil
	}
	o.rows = append(o.rows, &d)
	return true, nil
}

func (o *memOutbox) Pending(_ context.Context, now time.Time, limit int) ([]Delivery, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []Delivery
	for _, d := range o.rows {
		if d.Delivered.IsZero() && !d.NextAttempt.IsZero() && !d.NextAttempt.After(now) && len(out) < limit {
			out = append(out, *d)
		}
	}
	return out, nil
}

func (o *memOutbox) Delivered(_ context.Context, key, ch string, at time.Time) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.failMark > 0 {
		o.failMark--
		return errors.New("crash before the delivery was recorded")
	}
	o.find(key, ch).Delivered = at
	return nil
}

func (o *memOutbox) Failed(_ context.Context, key, ch string, n int, next time.Time, reason string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	d := o.find(key, ch)
	d.Attempts, d.NextAttempt, d.LastError = n, next, reason
	return nil
}

// TestSchedulerAlerts walks a contract's non-renewal deadline through two
// lead times with a fake clock: one webhook and one email per lead time, none
// twice, a restarted scheduler (same outbox) carrying on, a crash between
// sending and recording giving a repeat with the same idempotency key, and a
// failing endpoint retried after its backoff.
func TestSchedulerAlerts(t *testing.T) {
	ctx := context.Background()
	hooks := &hookServer{secret: "s3cret"}
	hs := httptest.NewServer(hooks)
	defer hs.Close()
	mails := smtptest.Start(t)
	outbox := &memOutbox{}
	notice := Obligation{Kind: KindNonRenewalNotice, Due: datep("2026-12-31"), Clause: "c3", ClauseNumber: "1.", Document: "d1",
		DocumentName: "Widget MSA.docx", Description: "Last day for either party to give written notice of non-renewal."}
	newScheduler := func() *Scheduler {
		return &Scheduler{
			Outbox: outbox,
			Targets: func(context.Context) ([]Target, error) {
				return []Target{{Owner: "owner@example.com", Obligations: []Obligation{notice}, Leads: []int{90, 30}}}, nil
			},
			Webhooks: func(context.Context) ([]Webhook, error) {
				return []Webhook{{ID: "w1", URL: hs.URL, Secret: "s3cret"}, {ID: "w2", URL: hs.URL, Secret: "other", Kinds: []string{KindPayment}}}, nil
			},
			Mailer: &Mailer{Addr: mails.Addr, From: "clm@example.com"},
		}
	}
	at := func(s string) time.Time { return mustDate(s).Time().Add(9 * time.Hour) }

	s := newScheduler()
	if r, err := s.Tick(ctx, at("2026-09-30")); err != nil || r != (TickResult{}) {
		t.Fatalf("before the first lead time: %+v, %v", r, err)
	}
	r, err := s.Tick(ctx, at("2026-10-02")) // past the 90-day lead (2 October)
	if err != nil || r.Enqueued != 2 || r.Delivered != 2 {
		t.Fatalf("first lead time: %+v, %v", r, err)
	}
	if r, err := s.Tick(ctx, at("2026-10-03")); err != nil || r != (TickResult{}) {
		t.Fatalf("the day after: %+v, %v; nothing is sent twice", r, err)
	}

	// a restart: a new scheduler on the same outbox; a crash after the 30-day
	// webhook is sent but before it is recorded
	s = newScheduler()
	outbox.failMark = 1
	if _, err := s.Tick(ctx, at("2026-12-05")); err == nil {
		t.Fatal("the failed record did not stop the tick")
	}
	s = newScheduler()
	r, err = s.Tick(ctx, at("2026-12-05"))
	if err != nil || r.Delivered != 2 {
		t.Fatalf("after the crash: %+v, %v", r, err)
	}

	calls := hooks.calls()
	if len(calls) != 3 {
		t.Fatalf("%d webhook calls, want 3 (90 days, 30 days, and the 30-day one again after the crash)", len(calls))
	}
	for i, c := range calls {
		if !c.sigOK {
			t.Errorf("webhook call %d: bad signature", i)
		}
	}
	if calls[1].idem != calls[2].idem || string(calls[1].body) != string(calls[2].body) {
		t.Error("the repeat after a crash changed its idempotency key or body")
	}
	if calls[0].idem == calls[1].idem {
		t.Error("two lead times share an idempotency key")
	}
	msgs := mails.Messages()
	if len(msgs) != 2 {
		t.Fatalf("%d emails, want 2 (one per lead time)", len(msgs))
	}
	for i, m := range msgs {
		if m.From != "clm@example.com" || len(m.To) != 1 || m.To[0] != "owner@example.com" {
			t.Errorf("email %d: from %s to %v", i, m.From, m.To)
		}
		msg, err := mail.ReadMessage(strings.NewReader(string(m.Data)))
		if err != nil {
			t.Fatalf("email %d: %v", i, err)
		}
		subj, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if err != nil || !strings.Contains(subj, "Last day for notice of non-renewal: Widget MSA.docx (§1)") {
			t.Errorf("email %d: subject %q (%v)", i, subj, err)
		}
		body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
		if !strings.Contains(string(body), "Due: 2026-12-31") {
			t.Errorf("email %d: body %q", i, body)
		}
	}

	// a failing endpoint: retried after its backoff, not before
	hooks.fail = []int{http.StatusInternalServerError}
	notice.Due = datep("2027-02-01")
	notice.Clause = "c9"
	s = newScheduler()
	// both lead times of 1 February have come (3 November, 2 January): two
	// webhooks, the first refused once, and two emails
	r, err = s.Tick(ctx, at("2027-01-10"))
	if err != nil || r.Enqueued != 4 || r.Failed != 1 || r.Delivered != 3 {
		t.Fatalf("failing endpoint: %+v, %v", r, err)
	}
	if r, _ := s.Tick(ctx, at("2027-01-10").Add(30*time.Second)); r.Delivered != 0 {
		t.Errorf("retried before the backoff: %+v", r)
	}
	if r, _ := s.Tick(ctx, at("2027-01-10").Add(time.Minute)); r.Delivered != 1 {
		t.Errorf("not retried after the backoff: %+v", r)
	}
}
