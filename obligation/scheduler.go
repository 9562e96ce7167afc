package obligation

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/clm-engine/clm/extract"
)

// Delivery is one alert to one destination, as the outbox records it.
type Delivery struct {
	Alert   Alert
	Channel string // "webhook:<id>" or "email:<address>"
	// Attempts made so far, when the next is due, and the last failure.
	Attempts    int
	NextAttempt time.Time
	LastError   string
	Delivered   time.Time // zero until delivered
	Created     time.Time
}

// Outbox keeps deliveries durably. Scheduler records a delivery before its first
// attempt and marks it after each, so a crash between sending and marking
// sends it again (at least once) and a delivery marked delivered is never sent
// again. Implementations must be safe for concurrent use.
type Outbox interface {
	// Enqueue records d unless a delivery with the same alert key and channel
	// exists; it reports whether d was new.
	Enqueue(ctx context.Context, d Delivery) (bool, error)
	// Pending returns at most limit undelivered deliveries whose NextAttempt is
	// at or before now and that have attempts left, oldest first.
	Pending(ctx context.Context, now time.Time, limit int) ([]Delivery, error)
	// Delivered marks a delivery as delivered at at.
	Delivered(ctx context.Context, key, channel string, at time.Time) error
	// Failed records a failed attempt: the attempts so far, when to try again
	// (zero: never) and why.
	Failed(ctx context.Context, key, channel string, attempts int, next time.Time, reason string) error
}

// Target is one owner's obligations with the lead times that apply to them.
type Target struct {
	Owner       string // the owner's email address
	Obligations []Obligation
	Leads       []int // nil: DefaultLeads
}

// Scheduler turns due alerts into deliveries and makes them. It holds no
// clock: the server calls Tick with the time, so tests drive it with a fake one.
type Scheduler struct {
	Outbox  Outbox
	Targets func(ctx context.Context) ([]Target, error)
	// Webhooks lists the endpoints; nil: none.
	Webhooks func(ctx context.Context) ([]Webhook, error)
	// Mailer emails each alert to its owner; nil: no email.
	Mailer *Mailer
	// Client posts webhooks; nil: a client with a 30 s timeout.
	Client *http.Client
	// Location says which day it is; nil: UTC.
	Location *time.Location
	// MaxAttempts is how many times a delivery is tried; default 12 (with
	// Backoff, about a day and a half).
	MaxAttempts int
	Logger      *slog.Logger // nil discards
}

// TickResult counts what one Tick did.
type TickResult struct {
	Enqueued, Delivered, Failed int
}

// Tick records the alerts due at now that are not yet recorded, then attempts
// every pending delivery. A failed attempt is retried on a later Tick after
// Backoff. The first error that stops the work is returned with the counts so
// far; a failed delivery is not such an error.
func (s *Scheduler) Tick(ctx context.Context, now time.Time) (TickResult, error) {
	var res TickResult
	log := s.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	loc := s.Location
	if loc == nil {
		loc = time.UTC
	}
	today := extract.DateOf(now.In(loc))
	targets, err := s.Targets(ctx)
	if err != nil {
		return res, fmt.Errorf("alerts: targets: %w", err)
	}
	var hooks []Webhook
	if s.Webhooks != nil {
		if hooks, err = s.Webhooks(ctx); err != nil {
			return res, fmt.Errorf("alerts: webhooks: %w", err)
		}
	}
	for _, t := range targets {
		leads := t.Leads
		if leads == nil {
			leads = DefaultLeads
		}
		for _, a := range Due(t.Obligations, t.Owner, today, leads) {
			var channels []string
			for _, h := range hooks {
				if h.Wants(a) {
					channels = append(channels, "webhook:"+h.ID)
				}
			}
			if s.Mailer != nil && t.Owner != "" {
				channels = append(channels, "email:"+t.Owner)
			}
			for _, ch := range channels {
				ok, err := s.Outbox.Enqueue(ctx, Delivery{Alert: a, Channel: ch, NextAttempt: now, Created: now})
				if err != nil {
					return res, fmt.Errorf("alerts: record %s: %w", a.Key, err)
				}
				if ok {
					res.Enqueued++
				}
			}
		}
	}
	byID := map[string]Webhook{}
	for _, h := range hooks {
		byID["webhook:"+h.ID] = h
	}
	max := s.MaxAttempts
	if max <= 0 {
		max = 12
	}
	tried := map[string]bool{} // each delivery is attempted at most once a Tick
	for {
		pending, err := s.Outbox.Pending(ctx, now, 100)
		if err != nil {
			return res, fmt.Errorf("alerts: pending: %w", err)
		}
		fresh := 0
		for _, d := range pending {
			if err := ctx.Err(); err != nil {
				return res, err
			}
			if tried[d.Alert.Key+"\x00"+d.Channel] {
				continue
			}
			tried[d.Alert.Key+"\x00"+d.Channel] = true
			fresh++
			err := s.send(ctx, byID, d, now)
			if err == nil {
				if err := s.Outbox.Delivered(ctx, d.Alert.Key, d.Channel, now); err != nil {
					return res, fmt.Errorf("alerts: mark %s delivered: %w", d.Alert.Key, err)
				}
				res.Delivered++
				log.Info("alert delivered", "key", d.Alert.Key, "channel", d.Channel, "owner", d.Alert.Owner, "kind", d.Alert.Obligation.Kind)
				continue
			}
			n := d.Attempts + 1
			next := now.Add(Backoff(n))
			if n >= max {
				next = time.Time{}
			}
			if err2 := s.Outbox.Failed(ctx, d.Alert.Key, d.Channel, n, next, err.Error()); err2 != nil {
				return res, fmt.Errorf("alerts: record failure of %s: %w", d.Alert.Key, err2)
			}
			res.Failed++
			log.Warn("alert delivery failed", "key", d.Alert.Key, "channel", d.Channel, "attempt", n, "err", err)
		}
		if fresh == 0 {
			return res, nil
		}
	}
}

func (s *Scheduler) send(ctx context.Context, hooks map[string]Webhook, d Delivery, now time.Time) error {
	switch {
	case len(d.Channel) > 8 && d.Channel[:8] == "webhook:":
		h, ok := hooks[d.Channel]
		if !ok {
			return errors.New("the webhook endpoint no longer exists")
		}
		return PostWebhook(ctx, s.Client, h, d.Alert)
	case len(d.Channel) > 6 && d.Channel[:6] == "email:":
		if s.Mailer == nil {
			return errors.New("email is not configured")
		}
		return s.Mailer.Send(ctx, d.Channel[6:], d.Alert, now)
	}
	return fmt.Errorf("unknown channel %q", d.Channel)
}
