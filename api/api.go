package api

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/obligation"
	"github.com/clm-engine/clm/playbook"
	"github.com/clm-engine/clm/playbooks"
	"github.com/clm-engine/clm/store"
)

// Options configure a Server. Store is required; every other zero field means
// the default in its comment.
type Options struct {
	Store  store.Store
	Logger *slog.Logger     // nil discards
	Clock  func() time.Time // default time.Now
	Rand   io.Reader        // randomness for IDs and keys; default crypto/rand.Reader

	MaxUpload      int64         // bytes of one request body; default 50 MiB (52428800)
	MaxConcurrent  int           // extractions and reviews running at once; default GOMAXPROCS, at least 2
	RequestTimeout time.Duration // whole request, handler included; default 5m
	ExtractTimeout time.Duration // reading one contract (extract, review, redline); default 2m
	// Extract configures reading contracts; nil uses extract's defaults, and
	// an unset MaxBytes is the larger of extract's default and MaxUpload.
	Extract *extract.Options

	ReadHeaderTimeout time.Duration // default 10s
	IdleTimeout       time.Duration // keep-alive connections; default 2m
	ShutdownTimeout   time.Duration // how long Serve lets in-flight requests finish; default 30s
	// ConnState, when set, is called as connections change state (net/http
	// Server.ConnState), for monitoring.
	ConnState func(net.Conn, http.ConnState)

	// Playbooks are loaded into a store that has never been seeded; default:
	// the shipped playbooks (package playbooks).
	Playbooks fs.FS
	// Registry receives the metrics; default a new registry of the Server's own.
	Registry *prometheus.Registry

	// Location says which calendar day it is for obligations and alerts;
	// default UTC.
	Location *time.Location
	// AlertLeads are the days before a due date that alerts go out, unless an
	// owner has their own; default 90, 30, 7 and 1.
	AlertLeads []int
	// AlertInterval is how often Serve checks for due alerts; default 1m, and
	// a negative value turns the background check off (tests call TickAlerts).
	AlertInterval time.Duration
	// Mailer emails alerts to document owners; nil sends none.
	Mailer *obligation.Mailer
	// WebhookClient posts alerts to webhooks; default a client with a 30s
	// timeout.
	WebhookClient *http.Client

	// Page serves the review page at /, /static/ and /app/ (web.Handler());
	// nil serves no page.
	Page http.Handler
}

// Server is the HTTP API over one store. It is safe for concurrent use.
type Server struct {
	o       Options
	st      store.Store
	log     *slog.Logger
	e       *echo.Echo
	m       *metrics
	sem     chan struct{}
	pbCache playbookCache
	routes  []route
	paths   map[string]bool // echo paths of the routes, for metric labels

	shuttingDown atomic.Bool
	alertMu      sync.Mutex // one TickAlerts at a time
}

// New builds a Server and loads the shipped playbooks into an empty store.
func New(ctx context.Context, o Options) (*Server, error) {
	if o.Store == nil {
		return nil, errors.New("api: Options.Store is nil")
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Rand == nil {
		o.Rand = rand.Reader
	}
	if o.MaxUpload <= 0 {
		o.MaxUpload = 50 << 20
	}
	if o.MaxConcurrent <= 0 {
		o.MaxConcurrent = max(2, runtime.GOMAXPROCS(0))
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 5 * time.Minute
	}
	if o.ExtractTimeout <= 0 {
		o.ExtractTimeout = 2 * time.Minute
	}
	var eo extract.Options
	if o.Extract != nil {
		eo = *o.Extract
	}
	if eo.MaxBytes == 0 {
		eo.MaxBytes = max(64<<20, o.MaxUpload)
	}
	if eo.Logger == nil {
		eo.Logger = o.Logger
	}
	o.Extract = &eo
	if o.ReadHeaderTimeout <= 0 {
		o.ReadHeaderTimeout = 10 * time.Second
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = 2 * time.Minute
	}
	if o.ShutdownTimeout <= 0 {
		o.ShutdownTimeout = 30 * time.Second
	}
	if o.Playbooks == nil {
		o.Playbooks = playbooks.FS
	}
	if o.Registry == nil {
		o.Registry = prometheus.NewRegistry()
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.AlertLeads == nil {
		o.AlertLeads = obligation.DefaultLeads
	}
	if o.AlertInterval == 0 {
		o.AlertInterval = time.Minute
	}
	if o.WebhookClient == nil {
		o.WebhookClient = &http.Client{Timeout: 30 * time.Second}
	}
	s := &Server{o: o, st: o.Store, log: o.Logger, sem: make(chan struct{}, o.MaxConcurrent)}
	if err := s.seed(ctx); err != nil {
		return nil, err
	}
	m, err := newMetrics(o.Registry, o.Store)
	if err != nil {
		return nil, err
	}
	s.m = m
	s.e = s.echo()
	return s, nil
}

// Handler returns the server's http.Handler.
func (s *Server) Handler() http.Handler { return s.e }

// Serve answers requests on ln until ctx ends, then stops accepting
// connections, lets in-flight requests finish (up to Options.ShutdownTimeout)
// and returns. It returns nil after a clean shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.e,
		ReadHeaderTimeout: s.o.ReadHeaderTimeout,
		ReadTimeout:       s.o.RequestTimeout,                  // a slow body cannot hold a connection longer
		WriteTimeout:      s.o.RequestTimeout + 30*time.Second, // the handler's deadline comes first
		IdleTimeout:       s.o.IdleTimeout,
		ConnState:         s.o.ConnState,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	if s.o.AlertInterval > 0 {
		actx, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { s.runAlerts(actx); close(done) }()
		defer func() { stop(); <-done }()
	}
	s.log.Info("serving", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return fmt.Errorf("api: serve: %w", err)
	case <-ctx.Done():
	}
	s.shuttingDown.Store(true)
	s.log.Info("shutting down: letting in-flight requests finish", "timeout", s.o.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.o.ShutdownTimeout)
	defer cancel()
	err := hs.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("api: shutdown: %w", err)
	}
	s.log.Info("stopped")
	return nil
}

// seed loads Options.Playbooks (*.yaml without *_test.yaml) into a store that
// has never been seeded. A shipped playbook that does not load is an error.
func (s *Server) seed(ctx context.Context) error {
	names, err := fs.Glob(s.o.Playbooks, "*.yaml")
	if err != nil {
		return fmt.Errorf("api: shipped playbooks: %w", err)
	}
	sort.Strings(names)
	var vs []*store.PlaybookVersion
	for _, n := range names {
		if strings.HasSuffix(n, "_test.yaml") {
			continue
		}
		data, err := fs.ReadFile(s.o.Playbooks, n)
		if err != nil {
			return fmt.Errorf("api: shipped playbook %s: %w", n, err)
		}
		pb, err := playbook.Load(n, data, nil)
		if err != nil {
			return fmt.Errorf("api: shipped playbook %s: %w", n, err)
		}
		vs = append(vs, &store.PlaybookVersion{Name: pb.Name, Revision: pb.Revision, Label: pb.Version, YAML: data})
	}
	seeded, err := s.st.SeedPlaybooks(ctx, store.Change{Who: "clm", At: s.o.Clock()}, vs)
	if err != nil {
		return fmt.Errorf("api: %w", err)
	}
	if seeded {
		s.log.Info("loaded the shipped playbooks into a new store", "playbooks", len(vs))
	}
	return nil
}

// playbookCache keeps compiled playbooks by revision: compiling every rule is
// the costly part of a review's set-up, and a revision never changes.
type playbookCache struct {
	mu sync.Mutex
	m  map[string]*playbook.Playbook
}

const playbookCacheSize = 64

func (c *playbookCache) load(name string, rev string, data []byte) (*playbook.Playbook, error) {
	c.mu.Lock()
	pb := c.m[rev]
	c.mu.Unlock()
	if pb != nil {
		return pb, nil
	}
	pb, err := playbook.Load(name+".yaml", data, nil)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= playbookCacheSize {
		c.m = make(map[string]*playbook.Playbook)
	}
	c.m[rev] = pb
	c.mu.Unlock()
	return pb, nil
}

// acquire takes one of the MaxConcurrent slots for extraction work, waiting
// until one is free or ctx ends.
func (s *Server) acquire(ctx context.Context) (release func(), err error) {
	select {
	case s.sem <- struct{}{}:
		return func() { <-s.sem }, nil
	case <-ctx.Done():
		return nil, errUnavailable("the server is busy; the request timed out waiting for a free worker")
	}
}
