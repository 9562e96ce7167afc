package obligation

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"

	"github.com/clm-engine/clm/extract"
)

// Alert is one reminder of one dated obligation, LeadDays before its due date,
// for its owner.
type Alert struct {
	// Key identifies the alert: the same obligation, due date, lead time and
	// owner always give the same key, so it is the idempotency key of every
	// delivery attempt, across retries and restarts.
	Key        string       `json:"key"`
	Owner      string       `json:"owner"`
	LeadDays   int          `json:"lead_days"`
	FireOn     extract.Date `json:"fire_on"` // the due date less LeadDays
	Obligation Obligation   `json:"obligation"`
}

// AlertKey returns the key of the alert of ob for owner lead days before its
// due date; ob must be dated.
func AlertKey(ob Obligation, owner string, lead int) string {
	h := sha256.Sum256(fmt.Appendf(nil, "%s\x00%s\x00%d\x00%s", UID(ob), ob.Due, lead, owner))
	return hex.EncodeToString(h[:16])
}

// Due returns the alerts of obls that are due on today: for each dated
// obligation not yet past (due today or later) and each lead time, the alert
// whose fire date, the due date less the lead, is today or earlier. An alert
// stays due until its obligation's date passes, so a server that was down on
// the fire date still sends it; the caller records what it delivered (by Key)
// so that nothing is sent twice. Alerts come in fire-date order.
func Due(obls []Obligation, owner string, today extract.Date, leads []int) []Alert {
	var out []Alert
	for _, ob := range obls {
		if ob.Due == nil || ob.Due.Before(today) {
			continue
		}
		for _, lead := range leads {
			fire := ob.Due.AddDays(-lead)
			if today.Before(fire) {
				continue
			}
			out = append(out, Alert{Key: AlertKey(ob, owner, lead), Owner: owner, LeadDays: lead, FireOn: fire, Obligation: ob})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].FireOn.Before(out[j].FireOn) })
	return out
}

// Subject is an alert's one-line summary, for email subjects and chat.
func (a Alert) Subject() string {
	when := fmt.Sprintf("in %d days", a.LeadDays)
	switch a.LeadDays {
	case 0:
		when = "today"
	case 1:
		when = "tomorrow"
	}
	return fmt.Sprintf("%s %s (%s)", summary(a.Obligation), when, a.Obligation.Due)
}

// Text is an alert's plain-text body.
func (a Alert) Text() string {
	ob := a.Obligation
	s := fmt.Sprintf("%s\n\nDue: %s (%d days' notice of this reminder)\n%s\n", a.Subject(), ob.Due, a.LeadDays, description(ob))
	if ob.DocumentName != "" || ob.Document != "" {
		s += fmt.Sprintf("\nDocument: %s (%s), clause %s\n", ob.DocumentName, ob.Document, firstNonEmpty(ob.ClauseNumber, ob.Clause))
	}
	return s
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
