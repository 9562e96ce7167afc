package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/clm-engine/clm/api"
	"github.com/clm-engine/clm/obligation"
	"github.com/clm-engine/clm/store"
	"github.com/clm-engine/clm/web"
)

// serveCmd is `clm serve`: the HTTP API over the store in --data.
type serveCmd struct {
	addr            string
	data            string
	maxUpload       string
	requestTimeout  time.Duration
	shutdownTimeout time.Duration
	logFormat       string
	logLevel        string
	tz              string
	alertLeads      string
	alertInterval   time.Duration
	smtpAddr        string
	smtpFrom        string
	smtpUser        string
	smtpPassword    string

	upload int64
	level  slog.Level
	loc    *time.Location
	leads  []int
}

// envOr returns the environment variable name, or def when it is unset.
func envOr(getenv func(string) string, name, def string) string {
	if v := getenv(name); v != "" {
		return v
	}
	return def
}

// envDuration reads a duration variable for a flag default; a bad value is a
// usage error reported by the caller.
func envDuration(getenv func(string) string, name string, def time.Duration) (time.Duration, error) {
	v := getenv(name)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s=%q: want a duration such as 30s or 5m", name, v)
	}
	return d, nil
}

func (c *serveCmd) parse(stderr io.Writer, getenv func(string) string, args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rt, err := envDuration(getenv, "CLM_REQUEST_TIMEOUT", 5*time.Minute)
	if err != nil {
		fmt.Fprintf(stderr, "clm serve: %v\n", err)
		return exitUsage
	}
	st, err := envDuration(getenv, "CLM_SHUTDOWN_TIMEOUT", 30*time.Second)
	if err != nil {
		fmt.Fprintf(stderr, "clm serve: %v\n", err)
		return exitUsage
	}
	fs.StringVar(&c.addr, "addr", envOr(getenv, "CLM_ADDR", "127.0.0.1:8080"), "address to listen on (CLM_ADDR)")
	fs.StringVar(&c.data, "data", envOr(getenv, "CLM_DATA", "./clm-data"), "data directory: the store clm.db (CLM_DATA)")
	fs.StringVar(&c.maxUpload, "max-upload", envOr(getenv, "CLM_MAX_UPLOAD", "50M"), "largest request body: bytes, or with K, M or G (CLM_MAX_UPLOAD)")
	fs.DurationVar(&c.requestTimeout, "request-timeout", rt, "longest a request may take (CLM_REQUEST_TIMEOUT)")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", st, "on SIGTERM or SIGINT, how long in-flight requests may take to finish (CLM_SHUTDOWN_TIMEOUT)")
	fs.StringVar(&c.logFormat, "log-format", envOr(getenv, "CLM_LOG_FORMAT", "json"), "log format on stderr: json or text (CLM_LOG_FORMAT)")
	fs.StringVar(&c.logLevel, "log-level", envOr(getenv, "CLM_LOG_LEVEL", "info"), "debug, info, warn or error (CLM_LOG_LEVEL)")
	ai, err := envDuration(getenv, "CLM_ALERT_INTERVAL", time.Minute)
	if err != nil {
		fmt.Fprintf(stderr, "clm serve: %v\n", err)
		return exitUsage
	}
	fs.StringVar(&c.tz, "tz", envOr(getenv, "CLM_TZ", "UTC"), "time zone that says what day it is for deadlines and alerts, IANA name (CLM_TZ)")
	fs.StringVar(&c.alertLeads, "alert-leads", envOr(getenv, "CLM_ALERT_LEADS", "90,30,7,1"), "days before a due date that alerts go out, unless an owner sets their own (CLM_ALERT_LEADS)")
	fs.DurationVar(&c.alertInterval, "alert-interval", ai, "how often due alerts are checked and sent (CLM_ALERT_INTERVAL)")
	fs.StringVar(&c.smtpAddr, "smtp-addr", getenv("CLM_SMTP_ADDR"), "SMTP server host:port for email alerts; empty sends none (CLM_SMTP_ADDR)")
	fs.StringVar(&c.smtpFrom, "smtp-from", getenv("CLM_SMTP_FROM"), "sender address of email alerts (CLM_SMTP_FROM)")
	fs.StringVar(&c.smtpUser, "smtp-user", getenv("CLM_SMTP_USER"), "SMTP user name; empty: no authentication (CLM_SMTP_USER)")
	c.smtpPassword = getenv("CLM_SMTP_PASSWORD") // never a flag: it would show in ps
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: clm serve [--addr 127.0.0.1:8080] [--data ./clm-data] [--max-upload 50M] [--tz ZONE] [--smtp-addr HOST:PORT --smtp-from ADDR]")
		fmt.Fprintln(stderr, "The SMTP password comes from CLM_SMTP_PASSWORD only.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(stderr, "clm serve: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if c.upload, err = parseSize(c.maxUpload); err != nil {
		fmt.Fprintf(stderr, "clm serve: --max-upload: %v\n", err)
		return exitUsage
	}
	if c.logFormat != "json" && c.logFormat != "text" {
		fmt.Fprintf(stderr, "clm serve: --log-format must be json or text, not %q\n", c.logFormat)
		return exitUsage
	}
	if err := c.level.UnmarshalText([]byte(c.logLevel)); err != nil {
		fmt.Fprintf(stderr, "clm serve: --log-level must be debug, info, warn or error, not %q\n", c.logLevel)
		return exitUsage
	}
	if c.loc, err = time.LoadLocation(c.tz); err != nil {
		fmt.Fprintf(stderr, "clm serve: --tz: unknown time zone %q\n", c.tz)
		return exitUsage
	}
	if c.leads, err = parseLeads(c.alertLeads); err != nil {
		fmt.Fprintf(stderr, "clm serve: --alert-leads: %v\n", err)
		return exitUsage
	}
	if (c.smtpAddr == "") != (c.smtpFrom == "") {
		fmt.Fprintln(stderr, "clm serve: email alerts need both --smtp-addr and --smtp-from")
		return exitUsage
	}
	return exitOK
}

// parseSize reads "52428800", "50M", "512K" or "1G" (binary multiples).
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "I")
	mult := int64(1)
	if n := len(t); n > 0 {
		switch t[n-1] {
		case 'K':
			mult, t = 1<<10, t[:n-1]
		case 'M':
			mult, t = 1<<20, t[:n-1]
		case 'G':
			mult, t = 1<<30, t[:n-1]
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, fmt.Errorf("%q is not a size (52428800, 50M, 1G)", s)
	}
	return n * mult, nil
}

// openStore opens (creating it if needed) the store in the data directory.
func openStore(ctx context.Context, dir string) (*store.SQLite, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	return store.Open(ctx, filepath.Join(dir, "clm.db"), nil)
}

func (c *serveCmd) run(ctx context.Context, stdout, stderr io.Writer) int {
	ho := &slog.HandlerOptions{Level: c.level}
	var h slog.Handler = slog.NewJSONHandler(stderr, ho)
	if c.logFormat == "text" {
		h = slog.NewTextHandler(stderr, ho)
	}
	log := slog.New(h)
	st, err := openStore(ctx, c.data)
	if err != nil {
		fmt.Fprintf(stderr, "clm serve: %v\n", err)
		return exitFail
	}
	defer st.Close()
	var mailer *obligation.Mailer
	if c.smtpAddr != "" {
		mailer = &obligation.Mailer{Addr: c.smtpAddr, From: c.smtpFrom, Username: c.smtpUser, Password: c.smtpPassword}
	}
	srv, err := api.New(ctx, api.Options{
		Store: st, Logger: log, MaxUpload: c.upload,
		RequestTimeout: c.requestTimeout, ShutdownTimeout: c.shutdownTimeout,
		Location: c.loc, AlertLeads: c.leads, AlertInterval: c.alertInterval, Mailer: mailer,
		Page: web.Handler(),
	})
	if err != nil {
		fmt.Fprintf(stderr, "clm serve: %v\n", err)
		return exitFail
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		fmt.Fprintf(stderr, "clm serve: %v\n", err)
		return exitFail
	}
	fmt.Fprintf(stderr, "clm serve: listening on http://%s (data %s)\n", ln.Addr(), c.data)
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "clm serve: %v\n", err)
		return exitFail
	}
	return exitOK
}
