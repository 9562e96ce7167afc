package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/clm-engine/clm/store"
)

// A route is one operation: its method and path (OpenAPI style, {id}), the
// roles allowed to call it (nil: no key needed) and its handler.
type route struct {
	Method, Path string
	Roles        []string
	h            echo.HandlerFunc
}

// Role sets. The README's role × route table is generated from routes and a
// test keeps the two equal.
var (
	anyRole      = []string{store.RoleParalegal, store.RoleCounsel, store.RoleIntegration, store.RoleAdmin}
	downloadRole = []string{store.RoleParalegal, store.RoleCounsel, store.RoleAdmin}
	counselRole  = []string{store.RoleCounsel, store.RoleAdmin}
	adminRole    = []string{store.RoleAdmin}
)

func (s *Server) routeTable() []route {
	return []route{
		{"GET", "/healthz", nil, s.healthz},
		{"GET", "/readyz", nil, s.readyz},
		{"GET", "/metrics", nil, echo.WrapHandler(promhttp.HandlerFor(s.o.Registry, promhttp.HandlerOpts{}))},
		{"GET", "/v1/openapi.yaml", nil, s.openAPI},
		{"GET", "/v1/me", anyRole, s.me},

		{"POST", "/v1/documents", anyRole, s.uploadDocument},
		{"GET", "/v1/documents", anyRole, s.listDocuments},
		{"GET", "/v1/documents/{id}", anyRole, s.getDocument},
		{"GET", "/v1/documents/{id}/record", anyRole, s.getRecord},
		{"GET", "/v1/documents/{id}/original", downloadRole, s.getOriginal},
		{"GET", "/v1/documents/{id}/reviews", anyRole, s.documentReviews},
		{"PATCH", "/v1/documents/{id}", anyRole, s.patchDocument},
		{"DELETE", "/v1/documents/{id}", adminRole, s.deleteDocument},

		{"POST", "/v1/reviews", anyRole, s.createReview},
		{"GET", "/v1/reviews/{id}", anyRole, s.getReview},
		{"GET", "/v1/reviews/{id}/redline.docx", downloadRole, s.getRedlineDOCX},
		{"GET", "/v1/reviews/{id}/redline.html", downloadRole, s.getRedlineHTML},
		{"POST", "/v1/review", anyRole, s.oneShotReview},

		{"GET", "/v1/playbooks", anyRole, s.listPlaybooks},
		{"POST", "/v1/playbooks/validate", anyRole, s.validatePlaybook},
		{"GET", "/v1/playbooks/{name}", anyRole, s.getPlaybook},
		{"PUT", "/v1/playbooks/{name}", counselRole, s.putPlaybook},
		{"DELETE", "/v1/playbooks/{name}", adminRole, s.deletePlaybook},
		{"GET", "/v1/playbooks/{name}/versions", anyRole, s.playbookVersions},

		{"GET", "/v1/obligations", anyRole, s.listObligations},
		{"GET", "/v1/obligations.ics", nil, s.obligationsICS},
		{"GET", "/v1/feed-tokens", anyRole, s.listFeedTokens},
		{"POST", "/v1/feed-tokens", anyRole, s.createFeedToken},
		{"DELETE", "/v1/feed-tokens/{id}", anyRole, s.revokeFeedToken},
		{"PUT", "/v1/owners/{owner}/alerts", anyRole, s.putOwnerAlerts},
		{"GET", "/v1/webhooks", adminRole, s.listWebhooks},
		{"POST", "/v1/webhooks", adminRole, s.createWebhook},
		{"DELETE", "/v1/webhooks/{id}", adminRole, s.deleteWebhook},
		{"GET", "/v1/alerts/deliveries", adminRole, s.listDeliveries},

		{"GET", "/v1/keys", adminRole, s.listKeys},
		{"POST", "/v1/keys", adminRole, s.createKey},
		{"DELETE", "/v1/keys/{id}", adminRole, s.revokeKey},
		{"GET", "/v1/audit", adminRole, s.audit},
	}
}

var paramRe = regexp.MustCompile(`\{([a-z_]+)\}`)

// echoPath turns "/v1/documents/{id}" into "/v1/documents/:id".
func echoPath(p string) string { return paramRe.ReplaceAllString(p, ":$1") }

func (s *Server) echo() *echo.Echo {
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.errorHandler
	e.Use(s.requestID, s.observe, s.recover, s.limits)
	s.routes = s.routeTable()
	s.paths = make(map[string]bool)
	for _, r := range s.routes {
		h := r.h
		if r.Roles != nil {
			h = s.authorize(r.Roles)(h)
		}
		p := echoPath(r.Path)
		e.Add(r.Method, p, h)
		s.paths[p] = true
	}
	if s.o.Page != nil {
		page := echo.WrapHandler(s.o.Page)
		for _, p := range []string{"/", "/static/*", "/app/*"} {
			e.GET(p, page)
			e.HEAD(p, page)
			s.paths[p] = true
		}
	}
	return e
}

// Context keys (echo.Context.Set).
const (
	ctxRequestID = "clm.request_id"
	ctxKey       = "clm.key"
)

var requestIDRe = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// requestID takes the client's X-Request-Id when it is short and plain, or
// makes one, and echoes it in the response.
func (s *Server) requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(echo.HeaderXRequestID)
		if !requestIDRe.MatchString(id) {
			id = s.randomHex(8)
		}
		c.Set(ctxRequestID, id)
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		return next(c)
	}
}

// observe logs every request and records its metrics.
func (s *Server) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err) // writes the problem now, so the status is known
		}
		elapsed := time.Since(start)
		status := c.Response().Status
		path := c.Path()
		if !s.paths[path] {
			path = "unmatched"
		}
		s.m.observe(path, c.Request().Method, status, elapsed)
		attrs := []slog.Attr{
			slog.String("request_id", requestIDOf(c)),
			slog.String("method", c.Request().Method),
			slog.String("path", c.Request().URL.Path),
			slog.String("route", path),
			slog.Int("status", status),
			slog.Int64("bytes", c.Response().Size),
			slog.Duration("elapsed", elapsed),
		}
		if k := keyOf(c); k != nil {
			attrs = append(attrs, slog.String("key", k.Name))
		}
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		if err != nil {
			attrs = append(attrs, slog.String("error", err.Error()))
		}
		s.log.LogAttrs(c.Request().Context(), level, "request", attrs...)
		return nil
	}
}

// recover turns a panic in a handler into a logged 500 problem.
func (s *Server) recover(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				s.log.Error("panic in handler", "request_id", requestIDOf(c), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				err = &problem{Status: http.StatusInternalServerError, Code: "internal", Detail: "internal error; the request id is in the server's log"}
			}
		}()
		return next(c)
	}
}

// limits bounds the request body (Options.MaxUpload) and its duration
// (Options.RequestTimeout).
func (s *Server) limits(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if req.ContentLength > s.o.MaxUpload {
			return errTooLarge(s.o.MaxUpload)
		}
		req.Body = http.MaxBytesReader(c.Response(), req.Body, s.o.MaxUpload)
		ctx, cancel := context.WithTimeout(req.Context(), s.o.RequestTimeout)
		defer cancel()
		c.SetRequest(req.WithContext(ctx))
		return next(c)
	}
}

// authorize checks the bearer key and its role.
func (s *Server) authorize(roles []string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			auth := c.Request().Header.Get(echo.HeaderAuthorization)
			secret, ok := strings.CutPrefix(auth, "Bearer ")
			if !ok || strings.TrimSpace(secret) == "" {
				c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="clm"`)
				return &problem{Status: http.StatusUnauthorized, Code: "unauthenticated", Detail: "send an API key as Authorization: Bearer <key>"}
			}
			k, err := s.st.KeyByHash(c.Request().Context(), hashKey(strings.TrimSpace(secret)))
			if errors.Is(err, store.ErrNotFound) || (err == nil && k.Revoked != nil) {
				c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="clm", error="invalid_token"`)
				return &problem{Status: http.StatusUnauthorized, Code: "invalid_key", Detail: "the API key is unknown or revoked"}
			}
			if err != nil {
				return err
			}
			c.Set(ctxKey, k)
			for _, r := range roles {
				if r == k.Role {
					return next(c)
				}
			}
			return &problem{Status: http.StatusForbidden, Code: "forbidden",
				Detail: fmt.Sprintf("the role %s may not %s %s (allowed: %s)", k.Role, c.Request().Method, c.Path(), strings.Join(roles, ", "))}
		}
	}
}

func hashKey(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

func requestIDOf(c echo.Context) string {
	id, _ := c.Get(ctxRequestID).(string)
	return id
}

func keyOf(c echo.Context) *store.Key {
	k, _ := c.Get(ctxKey).(*store.Key)
	return k
}

// change is the audit record of a write by the caller.
func (s *Server) change(c echo.Context) store.Change {
	who := "anonymous"
	if k := keyOf(c); k != nil {
		who = k.Name
	}
	return store.Change{Who: who, At: s.o.Clock().UTC()}
}

// randomHex returns n random bytes from Options.Rand in hex.
func (s *Server) randomHex(n int) string {
	b := make([]byte, n)
	if _, err := s.o.Rand.Read(b); err != nil {
		panic(fmt.Sprintf("api: Options.Rand: %v", err)) // recovered into a 500 by recover
	}
	return hex.EncodeToString(b)
}

func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) readyz(c echo.Context) error {
	if s.shuttingDown.Load() {
		return errUnavailable("shutting down")
	}
	if err := s.st.Ping(c.Request().Context()); err != nil {
		s.log.Error("store not ready", "error", err)
		return errUnavailable("the store does not answer")
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready"})
}

func (s *Server) me(c echo.Context) error {
	k := keyOf(c)
	return c.JSON(http.StatusOK, map[string]string{"id": k.ID, "name": k.Name, "role": k.Role})
}

// roleTable is the role × route table README.md shows (a test keeps them
// equal): one row per route that needs a key.
func roleTable(routes []route) string {
	var b strings.Builder
	b.WriteString("| Route | " + strings.Join(store.Roles, " | ") + " |\n")
	b.WriteString("|---|" + strings.Repeat("---|", len(store.Roles)) + "\n")
	for _, r := range routes {
		if r.Roles == nil {
			continue
		}
		fmt.Fprintf(&b, "| `%s %s` |", r.Method, r.Path)
		for _, role := range store.Roles {
			mark := " — |"
			for _, a := range r.Roles {
				if a == role {
					mark = " ✓ |"
				}
			}
			b.WriteString(mark)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
