// Command clm reads contracts into numbered, typed clauses with their key terms,
// reviews them against deal counsel's playbooks, and checks and tests those
// playbooks.
//
// Usage:
//
//	clm extract FILE [--format json|text] [--types=false]
//	clm review FILE --playbook P [--party NAME] [--format text|json] [--fail-on escalate]
//	clm review PATH... --playbook P --out OUTDIR [--workers N] [--abstract FILE.xlsx|FILE.csv] [--as-of DATE] [--force] [--quiet]
//	clm obligations FILE [--as-of DATE] [--tz ZONE] [--format text|json|ics] [--leads 90,30,7,1]
//	clm playbook check FILE|DIR... [--format text|json]
//	clm playbook test FILE|DIR... [-v]
//	clm eval cuad DIR [--format text|json] [--workers N] [--folds K]
//	clm serve [--addr 127.0.0.1:8080] [--data ./clm-data]
//	clm keys create --role R [--name N] [--data DIR]
//	clm keys list [--data DIR]
//	clm keys revoke ID|NAME [--data DIR]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/clm-engine/clm/extract"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // the input could not be processed
	exitUsage = 2 // bad flags or arguments
)

func main() {
	// The PDF reader runs in a child process: this same binary, re-executed.
	extract.PDFHelperMain()

	// SIGINT and SIGTERM end the context: clm serve then lets in-flight
	// requests finish before it exits.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := NewMain(os.Stdout, os.Stderr)
	code := m.ParseFlags(ctx, os.Args[1:])
	if code == exitOK {
		code = m.Run(ctx)
	}
	m.Close()
	stop()
	os.Exit(code)
}

// Main is the program: its flags, parsed once, and the run. End-to-end tests use it
// directly.
type Main struct {
	Stdout, Stderr io.Writer
	// Getenv reads the CLM_* configuration of serve and keys; NewMain sets
	// os.Getenv.
	Getenv func(string) string

	cmd         string
	extract     extractCmd
	eval        evalCmd
	review      reviewCmd
	playbook    playbookCmd
	serve       serveCmd
	keys        keysCmd
	obligations obligationsCmd
}

// NewMain returns a Main that writes to the given streams.
func NewMain(stdout, stderr io.Writer) *Main {
	return &Main{Stdout: stdout, Stderr: stderr, Getenv: os.Getenv}
}

const usage = `clm reads contracts (DOCX, PDF, plain text) into numbered clauses.

Usage:
  clm extract FILE [--format json|text]             print the clauses, their types and the key terms of a contract
  clm review FILE --playbook P [--format text|json]  judge a contract against a playbook
  clm review PATH... --playbook P --out OUTDIR       review folders of contracts in parallel: redlines, reports, an abstract
  clm obligations FILE [--as-of DATE] [--format text|json|ics]  the dated deadlines and event-triggered duties of a contract
  clm playbook check FILE|DIR...                     report every error in playbooks, file:line:col
  clm playbook test FILE|DIR...                      run the tests of playbooks
  clm eval cuad DIR [--format text|json]            score clause types and key terms against CUAD labels in DIR
  clm serve [--addr 127.0.0.1:8080] [--data DIR]     serve the HTTP API (documents, reviews, playbooks) on an embedded store
  clm keys create --role R [--name N] [--data DIR]   create an API key (printed once); also: clm keys list, clm keys revoke ID

Exit status: 0 done, 1 an input could not be processed (in bulk review: any input refused or failed;
or a check or test failed), 2 usage,
3 a review escalated with --fail-on escalate.

Run "clm COMMAND -h" for a command's flags.
`

// ParseFlags reads the subcommand and its flags; it returns exitOK or the exit code to
// end with.
func (m *Main) ParseFlags(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return exitUsage
	}
	m.cmd = args[0]
	switch m.cmd {
	case "extract":
		return m.extract.parse(m.Stderr, args[1:])
	case "eval":
		return m.eval.parse(m.Stderr, args[1:])
	case "review":
		return m.review.parse(m.Stderr, args[1:])
	case "playbook":
		return m.playbook.parse(m.Stderr, args[1:])
	case "serve":
		return m.serve.parse(m.Stderr, m.getenv(), args[1:])
	case "keys":
		return m.keys.parse(m.Stderr, m.getenv(), args[1:])
	case "obligations":
		return m.obligations.parse(m.Stderr, args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprint(m.Stdout, usage)
		m.cmd = "help"
		return exitOK
	}
	fmt.Fprintf(m.Stderr, "clm: unknown command %q\n\n%s", m.cmd, usage)
	return exitUsage
}

// Run executes the parsed command.
func (m *Main) Run(ctx context.Context) int {
	switch m.cmd {
	case "extract":
		return m.extract.run(ctx, m.Stdout, m.Stderr)
	case "eval":
		return m.eval.run(ctx, m.Stdout, m.Stderr)
	case "review":
		return m.review.run(ctx, m.Stdout, m.Stderr)
	case "playbook":
		return m.playbook.run(ctx, m.Stdout, m.Stderr)
	case "serve":
		return m.serve.run(ctx, m.Stdout, m.Stderr)
	case "keys":
		return m.keys.run(ctx, m.Stdout, m.Stderr)
	case "obligations":
		return m.obligations.run(ctx, m.Stdout, m.Stderr)
	}
	return exitOK
}

// getenv returns m.Getenv, or a lookup that finds nothing when it is nil.
func (m *Main) getenv() func(string) string {
	if m.Getenv == nil {
		return func(string) string { return "" }
	}
	return m.Getenv
}

// Close releases what Run opened.
func (m *Main) Close() {}

type extractCmd struct {
	file   string
	format string
	types  bool
}

func (c *extractCmd) parse(stderr io.Writer, args []string) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.format, "format", "json", "output format: json or text")
	fs.BoolVar(&c.types, "types", true, "type each clause (--types=false: plain extraction)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: clm extract FILE [--format json|text] [--types=false]")
		fs.PrintDefaults()
	}
	if err := parseInterspersed(fs, args); err != nil {
		return exitUsage // the flag package has printed the problem or the usage
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "clm extract: want exactly one FILE")
		fs.Usage()
		return exitUsage
	}
	if !checkFormat(stderr, "extract", c.format) {
		return exitUsage
	}
	c.file = fs.Arg(0)
	return exitOK
}

func (c *extractCmd) run(ctx context.Context, stdout, stderr io.Writer) int {
	doc, err := extract.ParseFile(ctx, c.file, &extract.Options{NoTypes: !c.types})
	if err != nil {
		fmt.Fprintf(stderr, "clm: %v\n", err)
		return exitFail
	}
	if c.format == "text" {
		err = extract.WriteText(stdout, doc)
	} else {
		err = extract.WriteJSON(stdout, doc)
	}
	if err != nil {
		fmt.Fprintf(stderr, "clm: %v\n", err)
		return exitFail
	}
	return exitOK
}

// checkFormat reports whether --format names an output clm writes, telling the
// user when it does not.
func checkFormat(stderr io.Writer, cmd, format string) bool {
	if format == "json" || format == "text" {
		return true
	}
	fmt.Fprintf(stderr, "clm %s: --format must be json or text, not %q\n", cmd, format)
	return false
}

// parseInterspersed parses flags that may come before or after the positional
// arguments ("clm extract FILE --format text").
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

type evalCmd struct {
	dir     string
	format  string
	workers int
	folds   int
}

func (c *evalCmd) parse(stderr io.Writer, args []string) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.format, "format", "text", "output format: text or json")
	fs.IntVar(&c.workers, "workers", 0, "contracts parsed in parallel (default: number of CPUs)")
	fs.IntVar(&c.folds, "folds", 0, "also split the contracts into K folds by a hash of their id and report how far the figures move (0: no folds)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: clm eval cuad DIR [--format text|json] [--workers N] [--folds K]")
		fs.PrintDefaults()
	}
	if err := parseInterspersed(fs, args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 2 || fs.Arg(0) != "cuad" {
		fmt.Fprintln(stderr, "clm eval: want \"cuad DIR\"")
		fs.Usage()
		return exitUsage
	}
	if !checkFormat(stderr, "eval", c.format) {
		return exitUsage
	}
	if c.folds == 1 || c.folds < 0 {
		fmt.Fprintf(stderr, "clm eval: --folds must be 0 or at least 2, not %d\n", c.folds)
		return exitUsage
	}
	c.dir = fs.Arg(1)
	return exitOK
}

func (c *evalCmd) run(ctx context.Context, stdout, stderr io.Writer) int {
	r, err := extract.EvalCUAD(ctx, c.dir, &extract.CUADOptions{Workers: c.workers, Folds: c.folds})
	if err != nil {
		fmt.Fprintf(stderr, "clm: %v\n", err)
		return exitFail
	}
	if c.format == "json" {
		err = r.WriteJSON(stdout)
	} else {
		err = r.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "clm: %v\n", err)
		return exitFail
	}
	return exitOK
}
