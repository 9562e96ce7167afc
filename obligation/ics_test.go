package obligation

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/clm-engine/clm/extract"
)

// icsFixture is a contract whose obligations include dated ones with commas,
// semicolons and long text, so that escaping and folding are exercised.
func icsFixture(t *testing.T) []Obligation {
	t.Helper()
	text := contract(preamble("April 1, 2024"),
		`Term; Renewal. This Agreement shall commence on the Effective Date and continue for an initial term of three (3) years. Thereafter it shall automatically renew for successive one (1) year periods, unless either party gives the other written notice of non-renewal at least ninety (90) days prior to the end of the then current term; such notice to be sent by courier.`,
		`Payment. Customer shall pay each invoice within thirty (30) days of receipt.`)
	doc, err := extract.Parse(context.Background(), "Widget, Acme; MSA — 2024.txt", text, nil)
	if err != nil {
		t.Fatal(err)
	}
	obls := FromDocument(doc, Options{AsOf: extract.Date{Year: 2026, Month: 11, Day: 26}})
	if n := countDated(obls); n != 3 {
		t.Fatalf("%d dated obligations, want 3: %+v", n, obls)
	}
	return obls
}

func countDated(obls []Obligation) int {
	n := 0
	for _, ob := range obls {
		if ob.Due != nil {
			n++
		}
	}
	return n
}

type icsEvent struct {
	UID, Summary, Description, Start string
	Alarms                           []int // seconds relative to the start
}

// TestICSParsers writes the feed and reads it back with golang-ical and, where
// Node.js and the test's ical.js install are present, with ical.js: both must
// see the same events, dates, texts and alarms, and those must be ours.
func TestICSParsers(t *testing.T) {
	obls := icsFixture(t)
	var buf bytes.Buffer
	now := time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)
	if err := WriteICS(&buf, obls, ICSOptions{Now: now}); err != nil {
		t.Fatal(err)
	}
	feed := buf.String()
	for i, line := range strings.Split(strings.TrimSuffix(feed, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d has %d octets, more than RFC 5545's 75: %q", i+1, len(line), line)
		}
	}
	if strings.Contains(strings.ReplaceAll(feed, "\r\n", ""), "\n") {
		t.Error("a bare LF in the feed: lines must end with CRLF")
	}

	var want []icsEvent
	for _, ob := range obls {
		if ob.Due == nil {
			continue
		}
		e := icsEvent{UID: UID(ob), Summary: summary(ob), Description: description(ob), Start: ob.Due.String()}
		for _, d := range DefaultLeads {
			e.Alarms = append(e.Alarms, -d*86400)
		}
		want = append(want, e)
	}

	// golang-ical
	cal, err := ics.ParseCalendar(strings.NewReader(feed))
	if err != nil {
		t.Fatalf("golang-ical: %v", err)
	}
	var got []icsEvent
	for _, ev := range cal.Events() {
		e := icsEvent{
			UID:         ev.Id(),
			Summary:     ev.GetProperty(ics.ComponentPropertySummary).Value,
			Description: ev.GetProperty(ics.ComponentPropertyDescription).Value,
		}
		start, err := ev.GetAllDayStartAt()
		if err != nil {
			t.Fatalf("golang-ical: start of %s: %v", e.UID, err)
		}
		e.Start = start.Format("2006-01-02")
		for _, a := range ev.Alarms() {
			tr := a.GetProperty(ics.ComponentPropertyTrigger).Value
			var days int
			if _, err := fmtSscan(tr, &days); err != nil {
				t.Fatalf("golang-ical: trigger %q: %v", tr, err)
			}
			e.Alarms = append(e.Alarms, -days*86400)
		}
		got = append(got, e)
	}
	// golang-ical returns property values as written: unescape them
	for i := range got {
		got[i].Summary, got[i].Description = icsUnescape(got[i].Summary), icsUnescape(got[i].Description)
	}
	compareEvents(t, "golang-ical", got, want)

	// ical.js
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed: the ical.js cross-check is skipped")
	}
	dir, _ := filepath.Abs("testdata/icaljs")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "ical.js")); err != nil {
		t.Skip("ical.js not installed: run `npm ci --prefix obligation/testdata/icaljs` (.ci/run does) to cross-check with it")
	}
	cmd := exec.Command(node, "check.mjs")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(feed)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ical.js: %v\n%s", err, exitStderr(err))
	}
	var js struct {
		Name   string `json:"name"`
		Events []struct {
			UID         string `json:"uid"`
			Summary     string `json:"summary"`
			Description string `json:"description"`
			Start       string `json:"start"`
			AllDay      bool   `json:"all_day"`
			Alarms      []int  `json:"alarms"`
		} `json:"events"`
	}
	if err := json.Unmarshal(out, &js); err != nil {
		t.Fatalf("ical.js output: %v: %s", err, out)
	}
	if js.Name != "Contract obligations" {
		t.Errorf("ical.js: calendar name %q", js.Name)
	}
	got = got[:0]
	for _, e := range js.Events {
		if !e.AllDay {
			t.Errorf("ical.js: %s is not an all-day event", e.UID)
		}
		got = append(got, icsEvent{UID: e.UID, Summary: e.Summary, Description: e.Description, Start: e.Start, Alarms: e.Alarms})
	}
	compareEvents(t, "ical.js", got, want)
}

func compareEvents(t *testing.T, parser string, got, want []icsEvent) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d events, want %d", parser, len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.UID != w.UID || g.Summary != w.Summary || g.Description != w.Description || g.Start != w.Start || !slices.Equal(g.Alarms, w.Alarms) {
			t.Errorf("%s: event %d\n got %+v\nwant %+v", parser, i, g, w)
		}
	}
}

// fmtSscan reads the day count of a "-P30D" trigger.
func fmtSscan(s string, days *int) (int, error) {
	return fmt.Sscanf(s, "-P%dD", days)
}

// icsUnescape undoes RFC 5545 TEXT escaping.
func icsUnescape(s string) string {
	r := strings.NewReplacer(`\n`, "\n", `\N`, "\n", `\,`, ",", `\;`, ";", `\\`, `\`)
	return r.Replace(s)
}

func exitStderr(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

// TestUIDStable checks that a rolled deadline keeps its calendar identity and
// that different obligations do not share one.
func TestUIDStable(t *testing.T) {
	a := Obligation{Kind: KindNonRenewalNotice, Clause: "c3", Document: "doc1", Due: &extract.Date{Year: 2026, Month: 12, Day: 31}}
	b := a
	b.Due = &extract.Date{Year: 2027, Month: 12, Day: 31}
	if UID(a) != UID(b) {
		t.Error("the same obligation with a later due date changed UID")
	}
	c := a
	c.Kind = KindExpiration
	d := a
	d.Document = "doc2"
	if UID(a) == UID(c) || UID(a) == UID(d) {
		t.Error("different obligations share a UID")
	}
}

func TestWriteICSNeedsNow(t *testing.T) {
	if err := WriteICS(&bytes.Buffer{}, nil, ICSOptions{}); err == nil {
		t.Error("WriteICS without Now: no error")
	}
}
