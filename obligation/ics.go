package obligation

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// DefaultLeads are the days before a due date that alerts and calendar
// reminders fire: 90, 30, 7 and 1.
var DefaultLeads = []int{90, 30, 7, 1}

// ICSOptions configure WriteICS.
type ICSOptions struct {
	// Now stamps the calendar (DTSTAMP); required, since nothing here reads
	// the clock.
	Now time.Time
	// Leads are the reminders, in days before each due date; nil: DefaultLeads.
	Leads []int
	// Name is the calendar's display name; default "Contract obligations".
	Name string
}

// UID returns an obligation's calendar identifier: stable across
// recomputations for the same document, kind and clause, so that a rolled-over
// deadline moves the calendar event instead of adding one.
func UID(ob Obligation) string {
	h := sha256.Sum256([]byte(ob.Document + "\x00" + ob.Kind + "\x00" + ob.Clause))
	return hex.EncodeToString(h[:16]) + "@clm"
}

// WriteICS writes the dated obligations as an iCalendar (RFC 5545) feed: one
// all-day event per obligation on its due date, with a display alarm at each
// lead time. Undated obligations have no place in a calendar and are left out.
func WriteICS(w io.Writer, obls []Obligation, o ICSOptions) error {
	if o.Now.IsZero() {
		return fmt.Errorf("obligation: WriteICS needs ICSOptions.Now")
	}
	leads := o.Leads
	if leads == nil {
		leads = DefaultLeads
	}
	name := o.Name
	if name == "" {
		name = "Contract obligations"
	}
	cal := ics.NewCalendar()
	cal.SetMethod(ics.MethodPublish)
	cal.SetProductId("-//clm-engine//clm obligations//EN")
	cal.SetName(name)
	cal.SetXWRCalName(name)
	for _, ob := range obls {
		if ob.Due == nil {
			continue
		}
		e := cal.AddEvent(UID(ob))
		e.SetDtStampTime(o.Now.UTC())
		day := ob.Due.Time()
		e.SetAllDayStartAt(day)
		e.SetAllDayEndAt(day.AddDate(0, 0, 1))
		e.SetSummary(summary(ob))
		e.SetDescription(description(ob))
		e.SetProperty(ics.ComponentPropertyCategories, ob.Kind)
		e.SetProperty(ics.ComponentPropertyTransp, "TRANSPARENT")
		for _, d := range leads {
			a := e.AddAlarm()
			a.SetAction(ics.ActionDisplay)
			a.SetTrigger(fmt.Sprintf("-P%dD", d))
			a.SetProperty(ics.ComponentPropertyDescription, fmt.Sprintf("In %d day(s): %s", d, summary(ob)))
		}
	}
	// RFC 5545 ends every content line with CRLF; the library's default is LF
	return cal.SerializeTo(w, ics.WithNewLineWindows)
}

var kindTitles = map[string]string{
	KindNonRenewalNotice:  "Last day for notice of non-renewal",
	KindExpiration:        "Term ends",
	KindRenewal:           "Automatic renewal",
	KindConvenienceNotice: "Termination for convenience",
	KindConsentRequired:   "Consent to assign",
	KindChangeOfControl:   "Change of control",
	KindPayment:           "Payment",
	KindCurePeriod:        "Cure period",
}

func summary(ob Obligation) string {
	t := kindTitles[ob.Kind]
	if t == "" {
		t = ob.Kind
	}
	if ob.DocumentName != "" {
		t += ": " + ob.DocumentName
	}
	if ob.ClauseNumber != "" {
		t += " (§" + strings.TrimSuffix(ob.ClauseNumber, ".") + ")"
	}
	return t
}

func description(ob Obligation) string {
	var b strings.Builder
	b.WriteString(ob.Description)
	if ob.Computation != "" {
		b.WriteString("\nComputed: " + ob.Computation)
	}
	if ob.Evidence.Text != "" {
		b.WriteString("\nThe contract says: \"" + ob.Evidence.Text + "\"")
	}
	if ob.Party != "" {
		b.WriteString("\nWho acts: " + ob.Party)
	}
	return b.String()
}
