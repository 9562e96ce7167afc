package api

import (
	"encoding/json"
	"io"
	"mime/quotedprintable"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/clm-engine/clm/internal/smtptest"
	"github.com/clm-engine/clm/obligation"
)

// renewingContract is a contract (written for these tests) whose three-year
// term from 1 April 2024 renews automatically unless notice is given ninety
// days before its end: notice by 2026-12-31, expiry 2027-03-31.
const renewingContract = `MASTER SERVICES AGREEMENT

This Master Services Agreement is entered into as of April 1, 2024 (the "Effective Date") by and between Acme Corp., a Delaware corporation ("Customer"), and Widget Ltd, a company registered in England and Wales ("Supplier").

1. Term. This Agreement shall commence on the Effective Date and continue for an initial term of three (3) years. Thereafter it shall automatically renew for successive one (1) year periods unless either party gives the other written notice of non-renewal at least ninety (90) days prior to the end of the then-current term.

2. Assignment. Neither party may assign this Agreement without the prior written consent of the other party, such consent not to be unreasonably withheld.

3. Governing Law. This Agreement is governed by the laws of the State of New York.
`

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

func uploadText(t *testing.T, ts *testServer, name, text, owner string) string {
	t.Helper()
	body, ct := multipartBody(t, name, []byte(text), map[string]string{"owner": owner})
	r := ts.do(request{method: "POST", path: "/v1/documents", role: "paralegal", body: body, ctype: ct})
	if r.status != http.StatusCreated {
		t.Fatalf("upload %d %s", r.status, r.body)
	}
	var d struct{ ID string }
	r.json(t, &d)
	return d.ID
}

// TestObligationsAPI uploads a contract with an owner and reads its
// obligations back, filtered, then as the owner's calendar feed.
func TestObligationsAPI(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
	ts := startServer(t, func(o *Options) { o.Clock = clock.Now })
	id := uploadText(t, ts, "msa.txt", renewingContract, "ann@example.com")
	uploadText(t, ts, "other.txt", strings.Replace(renewingContract, "April 1, 2024", "January 1, 2025", 1), "bob@example.com")

	list := func(query string) []obligation.Obligation {
		t.Helper()
		r := ts.do(request{method: "GET", path: "/v1/obligations" + query, role: "integration"})
		if r.status != http.StatusOK {
			t.Fatalf("GET /v1/obligations%s: %d %s", query, r.status, r.body)
		}
		var out struct {
			AsOf        string                  `json:"as_of"`
			Obligations []obligation.Obligation `json:"obligations"`
		}
		r.json(t, &out)
		if out.AsOf != "2026-11-26" {
			t.Errorf("as_of %s", out.AsOf)
		}
		return out.Obligations
	}
	ann := list("?owner=ann@example.com")
	var kinds []string
	for _, o := range ann {
		kinds = append(kinds, o.Kind)
		if o.Document != id {
			t.Errorf("%s: document %s, want %s", o.Kind, o.Document, id)
		}
	}
	if got, want := strings.Join(kinds, ","), "non_renewal_notice,expiration,renewal,consent_required"; got != want {
		t.Fatalf("ann's obligations %s, want %s", got, want)
	}
	if ann[0].Due.String() != "2026-12-31" || !strings.Contains(ann[0].Computation, "notice 90 days before: 2026-12-31") {
		t.Errorf("notice deadline %+v", ann[0])
	}
	if got := list("?due_before=2027-01-31"); len(got) != 1 || got[0].Kind != obligation.KindNonRenewalNotice {
		t.Errorf("due before 2027-01-31: %+v", got)
	}
	if got := list("?kind=expiration"); len(got) != 2 {
		t.Errorf("kind expiration: %d", len(got))
	}
	if r := ts.do(request{method: "GET", path: "/v1/obligations?kind=deadline", role: "paralegal"}); r.status != http.StatusBadRequest {
		t.Errorf("unknown kind: %d", r.status)
	}

	// a feed token: not by another owner's key, yes by an admin
	feedReq := func(role, owner string) *response {
		return ts.do(request{method: "POST", path: "/v1/feed-tokens", role: role, ctype: "application/json", body: strings.NewReader(`{"owner":"` + owner + `"}`)})
	}
	if r := feedReq("paralegal", "ann@example.com"); r.status != http.StatusForbidden {
		t.Errorf("a paralegal's key made ann's feed: %d", r.status)
	}
	r := feedReq("admin", "ann@example.com")
	if r.status != http.StatusCreated {
		t.Fatalf("feed token %d %s", r.status, r.body)
	}
	var ft struct{ ID, Token, URL string }
	r.json(t, &ft)
	resp, err := http.Get(ts.URL + ft.URL)
	if err != nil {
		t.Fatal(err)
	}
	feed, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("feed %d %s %.200s", resp.StatusCode, resp.Header.Get("Content-Type"), feed)
	}
	cal, err := ics.ParseCalendar(strings.NewReader(string(feed)))
	if err != nil {
		t.Fatalf("feed does not parse: %v", err)
	}
	if n := len(cal.Events()); n != 3 { // the dated three; the consent has no date
		t.Errorf("feed has %d events, want 3", n)
	}
	for _, e := range cal.Events() {
		if n := len(e.Alarms()); n != len(obligation.DefaultLeads) {
			t.Errorf("event %s has %d alarms", e.Id(), n)
		}
	}
	// revoked, the feed is gone
	if r := ts.do(request{method: "DELETE", path: "/v1/feed-tokens/" + ft.ID, role: "admin"}); r.status != http.StatusOK {
		t.Errorf("revoke %d", r.status)
	}
	if r := ts.do(request{method: "GET", path: "/v1/obligations.ics?token=" + ft.Token}); r.status != http.StatusUnauthorized {
		t.Errorf("revoked feed: %d", r.status)
	}
	if r := ts.do(request{method: "GET", path: "/v1/obligations.ics"}); r.status != http.StatusUnauthorized {
		t.Errorf("feed without token: %d", r.status)
	}
}

// hookLog records webhook deliveries.
type hookLog struct {
	mu    sync.Mutex
	calls []hookCall
}

type hookCall struct {
	sigOK bool
	key   string
	alert obligation.Alert
}

func (h *hookLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var a obligation.Alert
	json.Unmarshal(body, &a)
	h.mu.Lock()
	h.calls = append(h.calls, hookCall{sigOK: obligation.Verify("a-secret-of-sixteen", body, r.Header.Get(obligation.SignatureHeader)), key: r.Header.Get(obligation.IdempotencyHeader), alert: a})
	h.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (h *hookLog) got() []hookCall {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]hookCall(nil), h.calls...)
}

// TestAlertsEndToEnd uploads a contract with an owner, moves a fake clock past
// two of the owner's lead times with a restart of the server in between, and
// sees one signed webhook and one email per lead time: nothing lost, nothing
// sent twice.
func TestAlertsEndToEnd(t *testing.T) {
	hooks := &hookLog{}
	hs := httptest.NewServer(hooks)
	defer hs.Close()
	mails := smtptest.Start(t)
	clock := &fakeClock{t: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
	dir := t.TempDir()
	opts := func(o *Options) {
		o.Clock = clock.Now
		o.Mailer = &obligation.Mailer{Addr: mails.Addr, From: "alerts@clm.example"}
	}
	ts := startServerDir(t, dir, opts, nil)
	ctx := t.Context()

	r := ts.do(request{method: "POST", path: "/v1/webhooks", role: "admin", ctype: "application/json",
		body: strings.NewReader(`{"url":"` + hs.URL + `/clm","secret":"a-secret-of-sixteen","kinds":["non_renewal_notice"]}`)})
	if r.status != http.StatusCreated {
		t.Fatalf("webhook %d %s", r.status, r.body)
	}
	r = ts.do(request{method: "PUT", path: "/v1/owners/ann@example.com/alerts", role: "admin", ctype: "application/json", body: strings.NewReader(`{"leads":[30,7]}`)})
	if r.status != http.StatusOK {
		t.Fatalf("owner leads %d %s", r.status, r.body)
	}
	uploadText(t, ts, "msa.txt", renewingContract, "ann@example.com")

	tick := func(ts *testServer, want obligation.TickResult) {
		t.Helper()
		got, err := ts.Server.TickAlerts(ctx)
		if err != nil || got != want {
			t.Fatalf("tick at %s: %+v, %v; want %+v", clock.Now().Format(time.DateOnly), got, err, want)
		}
	}
	tick(ts, obligation.TickResult{}) // 26 November: the notice deadline of 31 December is 35 days off
	clock.Set(time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC))
	tick(ts, obligation.TickResult{Enqueued: 2, Delivered: 2}) // 30 days before: a webhook and an email
	tick(ts, obligation.TickResult{})                          // and not again

	ts.stop() // a restart on the same data directory
	clock.Set(time.Date(2026, 12, 25, 8, 0, 0, 0, time.UTC))
	ts = startServerDir(t, dir, opts, ts.Keys)
	tick(ts, obligation.TickResult{Enqueued: 2, Delivered: 2}) // 7 days before
	tick(ts, obligation.TickResult{})

	calls := hooks.got()
	if len(calls) != 2 {
		t.Fatalf("%d webhook calls, want 2", len(calls))
	}
	for i, c := range calls {
		if !c.sigOK || c.key == "" || c.key != c.alert.Key || c.alert.Obligation.Kind != obligation.KindNonRenewalNotice || c.alert.Owner != "ann@example.com" {
			t.Errorf("webhook %d: %+v", i, c)
		}
	}
	if calls[0].alert.LeadDays != 30 || calls[1].alert.LeadDays != 7 {
		t.Errorf("lead times %d, %d; want 30, 7", calls[0].alert.LeadDays, calls[1].alert.LeadDays)
	}
	msgs := mails.Messages()
	if len(msgs) != 2 {
		t.Fatalf("%d emails, want 2", len(msgs))
	}
	for i, m := range msgs {
		if len(m.To) != 1 || m.To[0] != "ann@example.com" {
			t.Errorf("email %d to %v", i, m.To)
		}
		msg, err := mail.ReadMessage(strings.NewReader(string(m.Data)))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
		if !strings.Contains(string(body), "Due: 2026-12-31") || !strings.Contains(string(body), "msa.txt") {
			t.Errorf("email %d body %q", i, body)
		}
	}
	// the delivery log, for an admin
	r = ts.do(request{method: "GET", path: "/v1/alerts/deliveries", role: "admin"})
	var log struct {
		Deliveries []struct{ Channel, Delivered string }
	}
	r.json(t, &log)
	if len(log.Deliveries) != 4 {
		t.Errorf("delivery log has %d rows, want 4: %s", len(log.Deliveries), r.body)
	}
	for _, d := range log.Deliveries {
		if d.Delivered == "" {
			t.Errorf("%s not marked delivered", d.Channel)
		}
	}
}

// TestDocumentRecord reads a document's record by id, and lists documents
// never reviewed with outcome=none.
func TestDocumentRecord(t *testing.T) {
	ts := startServer(t, nil)
	id := uploadText(t, ts, "msa.txt", renewingContract, "ann@example.com")
	r := ts.do(request{method: "GET", path: "/v1/documents/" + id + "/record", role: "integration"})
	var rec struct{ ID, Name, Owner, Outcome string }
	r.json(t, &rec)
	if r.status != http.StatusOK || rec.ID != id || rec.Name != "msa.txt" || rec.Owner != "ann@example.com" || rec.Outcome != "" {
		t.Fatalf("record %d %+v", r.status, rec)
	}
	if r := ts.do(request{method: "GET", path: "/v1/documents/nope/record", role: "integration"}); r.status != http.StatusNotFound {
		t.Errorf("missing record: %d", r.status)
	}
	count := func(outcome string) int {
		t.Helper()
		r := ts.do(request{method: "GET", path: "/v1/documents?outcome=" + outcome, role: "paralegal"})
		var l struct{ Documents []struct{ ID string } }
		r.json(t, &l)
		return len(l.Documents)
	}
	if n := count("none"); n != 1 {
		t.Errorf("never reviewed: %d, want 1", n)
	}
	r = ts.do(request{method: "POST", path: "/v1/reviews", role: "paralegal", ctype: "application/json",
		body: strings.NewReader(`{"document_id":"` + id + `","playbook":"saas-msa-customer"}`)})
	if r.status != http.StatusCreated {
		t.Fatalf("review %d %s", r.status, r.body)
	}
	if n := count("none"); n != 0 {
		t.Errorf("never reviewed after a review: %d, want 0", n)
	}
}
