package api

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/obligation"
	"github.com/clm-engine/clm/store"
)

// today is the calendar date in the configured time zone.
func (s *Server) today() extract.Date {
	return extract.DateOf(s.o.Clock().In(s.o.Location))
}

// storeObligations computes a document's obligations as of today and stores
// them in place of the old ones.
func (s *Server) storeObligations(ctx context.Context, ch store.Change, id string, doc *extract.Document) error {
	today := s.today()
	obls := obligation.FromDocument(doc, obligation.Options{AsOf: today, Document: id})
	return s.st.PutObligations(ctx, ch, id, today, obls)
}

// refreshObligations recomputes the obligations of documents whose renewal
// deadlines have passed since they were computed, so that alerts and feeds
// follow automatic renewals.
func (s *Server) refreshObligations(ctx context.Context) error {
	today := s.today()
	ids, err := s.st.StaleObligations(ctx, today)
	if err != nil {
		return err
	}
	for _, id := range ids {
		d, err := s.st.Document(ctx, id)
		if err != nil {
			continue // deleted meanwhile
		}
		data, err := s.st.DocumentBlob(ctx, id, true)
		if err != nil {
			continue
		}
		ectx, cancel := context.WithTimeout(ctx, s.o.ExtractTimeout)
		doc, err := extract.Parse(ectx, d.Name, data, s.o.Extract)
		cancel()
		if err != nil {
			s.log.Warn("obligations: cannot read a stored document again", "document", id, "error", err)
			continue
		}
		if err := s.storeObligations(ctx, store.Change{Who: "scheduler", At: s.o.Clock().UTC()}, id, doc); err != nil {
			return err
		}
	}
	return nil
}

// scheduler is the alert scheduler over the store.
func (s *Server) scheduler() *obligation.Scheduler {
	return &obligation.Scheduler{
		Outbox: s.st.Outbox(),
		Targets: func(ctx context.Context) ([]obligation.Target, error) {
			if err := s.refreshObligations(ctx); err != nil {
				return nil, err
			}
			return s.st.AlertTargets(ctx)
		},
		Webhooks: func(ctx context.Context) ([]obligation.Webhook, error) {
			ws, err := s.st.Webhooks(ctx)
			if err != nil {
				return nil, err
			}
			out := make([]obligation.Webhook, len(ws))
			for i, w := range ws {
				out[i] = obligation.Webhook{ID: w.ID, URL: w.URL, Secret: w.Secret, Owners: w.Owners, Kinds: w.Kinds}
			}
			return out, nil
		},
		Mailer:   s.o.Mailer,
		Client:   s.o.WebhookClient,
		Location: s.o.Location,
		Logger:   s.log,
	}
}

// TickAlerts records and sends the alerts due at the server's clock: what the
// background loop does each AlertInterval. Tests call it after moving a fake
// clock.
func (s *Server) TickAlerts(ctx context.Context) (obligation.TickResult, error) {
	s.alertMu.Lock()
	defer s.alertMu.Unlock()
	leads := s.o.AlertLeads
	sch := s.scheduler()
	targets := sch.Targets
	sch.Targets = func(ctx context.Context) ([]obligation.Target, error) {
		ts, err := targets(ctx)
		for i := range ts {
			if ts[i].Leads == nil {
				ts[i].Leads = leads
			}
		}
		return ts, err
	}
	return sch.Tick(ctx, s.o.Clock())
}

// runAlerts ticks every AlertInterval until ctx ends.
func (s *Server) runAlerts(ctx context.Context) {
	t := time.NewTicker(s.o.AlertInterval)
	defer t.Stop()
	for {
		if r, err := s.TickAlerts(ctx); err != nil {
			s.log.Error("alerts", "error", err)
		} else if r != (obligation.TickResult{}) {
			s.log.Info("alerts", "enqueued", r.Enqueued, "delivered", r.Delivered, "failed", r.Failed)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (s *Server) listObligations(c echo.Context) error {
	f := store.ObligationFilter{Owner: c.QueryParam("owner"), Kind: c.QueryParam("kind"), Document: c.QueryParam("document")}
	if v := c.QueryParam("due_before"); v != "" {
		d, err := extract.ParseDate(v)
		if err != nil {
			return errBadRequest("due_before: %v", err)
		}
		f.DueBefore = d
	}
	if f.Kind != "" && !slices.Contains(obligationKinds, f.Kind) {
		return errBadRequest("kind: %q is not one of %s", f.Kind, strings.Join(obligationKinds, ", "))
	}
	obls, err := s.st.Obligations(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"as_of": s.today(), "obligations": obls})
}

var obligationKinds = []string{
	obligation.KindNonRenewalNotice, obligation.KindExpiration, obligation.KindRenewal, obligation.KindConvenienceNotice,
	obligation.KindConsentRequired, obligation.KindChangeOfControl, obligation.KindPayment, obligation.KindCurePeriod,
}

// obligationsICS serves an owner's calendar feed to whoever holds its token:
// calendar applications cannot send an Authorization header.
func (s *Server) obligationsICS(c echo.Context) error {
	tok := c.QueryParam("token")
	if tok == "" {
		return &problem{Status: http.StatusUnauthorized, Code: "unauthenticated", Detail: "the feed needs its token: ?token=..."}
	}
	ctx := c.Request().Context()
	ft, err := s.st.FeedTokenByHash(ctx, hashKey(tok))
	if errors.Is(err, store.ErrNotFound) || err == nil && ft.Revoked != nil {
		return &problem{Status: http.StatusUnauthorized, Code: "invalid_token", Detail: "the feed token is unknown or revoked"}
	}
	if err != nil {
		return err
	}
	obls, err := s.st.Obligations(ctx, store.ObligationFilter{Owner: ft.Owner, Limit: 5000})
	if err != nil {
		return err
	}
	leads := s.o.AlertLeads
	if all, err := s.st.OwnerLeads(ctx); err == nil && all[ft.Owner] != nil {
		leads = all[ft.Owner]
	}
	plain := make([]obligation.Obligation, len(obls))
	for i, o := range obls {
		plain[i] = o.Obligation
	}
	c.Response().Header().Set(echo.HeaderContentType, "text/calendar; charset=utf-8")
	c.Response().Header().Set("Cache-Control", "private, max-age=300")
	c.Response().WriteHeader(http.StatusOK)
	return obligation.WriteICS(c.Response(), plain, obligation.ICSOptions{Now: s.o.Clock(), Leads: leads, Name: "Contract obligations: " + ft.Owner})
}

// mayActFor reports whether the caller may manage owner's feeds and alerts: an
// admin, or a key named after the owner (its email address).
func mayActFor(c echo.Context, owner string) bool {
	k := keyOf(c)
	return k != nil && (k.Role == store.RoleAdmin || strings.EqualFold(k.Name, owner))
}

func (s *Server) createFeedToken(c echo.Context) error {
	var body struct {
		Owner string `json:"owner"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	body.Owner = strings.TrimSpace(body.Owner)
	if body.Owner == "" {
		return errBadRequest("owner is required")
	}
	if err := checkOwner(body.Owner); err != nil {
		return err
	}
	if !mayActFor(c, body.Owner) {
		return &problem{Status: http.StatusForbidden, Code: "forbidden", Detail: "only an admin or the owner's own key (named with the owner's address) may create a feed for " + body.Owner}
	}
	secret := "clmfeed_" + s.randomHex(24)
	t := &store.FeedToken{ID: "ft_" + s.randomHex(8), Owner: body.Owner, Hash: hashKey(secret), Created: s.o.Clock().UTC()}
	if err := s.st.CreateFeedToken(c.Request().Context(), s.change(c), t); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/v1/feed-tokens/"+t.ID)
	t.By = s.change(c).Who
	return c.JSON(http.StatusCreated, struct {
		*store.FeedToken
		Token string `json:"token"`
		URL   string `json:"url"`
	}{t, secret, "/v1/obligations.ics?token=" + url.QueryEscape(secret)})
}

func (s *Server) listFeedTokens(c echo.Context) error {
	owner := c.QueryParam("owner")
	k := keyOf(c)
	if k.Role != store.RoleAdmin {
		if owner == "" {
			owner = k.Name
		}
		if !mayActFor(c, owner) {
			return &problem{Status: http.StatusForbidden, Code: "forbidden", Detail: "only an admin may list another owner's feeds"}
		}
	}
	ts, err := s.st.FeedTokens(c.Request().Context(), owner)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"feed_tokens": ts})
}

func (s *Server) revokeFeedToken(c echo.Context) error {
	ctx := c.Request().Context()
	id := c.Param("id")
	ts, err := s.st.FeedTokens(ctx, "")
	if err != nil {
		return err
	}
	var owner string
	for _, t := range ts {
		if t.ID == id {
			owner = t.Owner
		}
	}
	if owner == "" {
		return errNotFound("no feed token %s", id)
	}
	if !mayActFor(c, owner) {
		return &problem{Status: http.StatusForbidden, Code: "forbidden", Detail: "only an admin or the owner's key may revoke this feed"}
	}
	t, err := s.st.RevokeFeedToken(ctx, s.change(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, t)
}

func (s *Server) putOwnerAlerts(c echo.Context) error {
	owner := c.Param("owner")
	if err := checkOwner(owner); err != nil {
		return err
	}
	if !mayActFor(c, owner) {
		return &problem{Status: http.StatusForbidden, Code: "forbidden", Detail: "only an admin or the owner's key may set " + owner + "'s alerts"}
	}
	var body struct {
		Leads []int `json:"leads"` // null: the server default
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	for _, l := range body.Leads {
		if l < 0 || l > 3650 {
			return errBadRequest("leads: %d is not between 0 and 3650 days", l)
		}
	}
	if err := s.st.SetOwnerLeads(c.Request().Context(), s.change(c), owner, body.Leads); err != nil {
		return err
	}
	leads := body.Leads
	if leads == nil {
		leads = s.o.AlertLeads
	}
	return c.JSON(http.StatusOK, map[string]any{"owner": owner, "leads": leads, "default": body.Leads == nil})
}

func (s *Server) listWebhooks(c echo.Context) error {
	ws, err := s.st.Webhooks(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"webhooks": ws})
}

func (s *Server) createWebhook(c echo.Context) error {
	var body struct {
		URL    string   `json:"url"`
		Secret string   `json:"secret"`
		Owners []string `json:"owners"`
		Kinds  []string `json:"kinds"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	u, err := url.Parse(body.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return errBadRequest("url: want an absolute http(s) URL, not %q", body.URL)
	}
	if len(body.Secret) < 16 {
		return errBadRequest("secret: want at least 16 characters (it signs every delivery)")
	}
	for _, k := range body.Kinds {
		if !slices.Contains(obligationKinds, k) {
			return errBadRequest("kinds: %q is not one of %s", k, strings.Join(obligationKinds, ", "))
		}
	}
	if body.Owners == nil {
		body.Owners = []string{}
	}
	if body.Kinds == nil {
		body.Kinds = []string{}
	}
	w := &store.Webhook{ID: "wh_" + s.randomHex(8), URL: body.URL, Secret: body.Secret, Owners: body.Owners, Kinds: body.Kinds, Created: s.o.Clock().UTC()}
	if err := s.st.CreateWebhook(c.Request().Context(), s.change(c), w); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/v1/webhooks/"+w.ID)
	return c.JSON(http.StatusCreated, w)
}

func (s *Server) deleteWebhook(c echo.Context) error {
	if err := s.st.DeleteWebhook(c.Request().Context(), s.change(c), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) listDeliveries(c echo.Context) error {
	limit, err := intParam(c, "limit", 1, 1000)
	if err != nil {
		return err
	}
	ds, err := s.st.Deliveries(c.Request().Context(), c.QueryParam("owner"), limit)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"deliveries": ds})
}
