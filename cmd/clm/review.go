package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/clm-engine/clm/internal/atomicfile"
	"github.com/clm-engine/clm/playbook"
	"github.com/clm-engine/clm/redline"
	"github.com/clm-engine/clm/review"
)

// exitEscalate is the exit status of `clm review --fail-on escalate` when any
// decision escalates.
const exitEscalate = 3

type reviewCmd struct {
	file     string
	playbook string
	party    string
	format   string
	failOn   string
	out      string
	author   string
	date     string
	when     time.Time

	// bulk is set when the command reviews several inputs or a directory
	// (bulk.go).
	bulk *bulkCmd
}

func (c *reviewCmd) parse(stderr io.Writer, args []string) int {
	fs := flag.NewFlagSet("review", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.playbook, "playbook", "", "the playbook (YAML) to review against (required)")
	fs.StringVar(&c.party, "party", "", "our side in the contract: its legal name or defined term (default: recognised from the playbook's parties)")
	fs.StringVar(&c.format, "format", "text", "one FILE: what goes to stdout: text, json (the clm.review/v1 report) or html (a self-contained redline preview)")
	fs.StringVar(&c.failOn, "fail-on", "", `"escalate": exit with status 3 when any decision escalates`)
	fs.StringVar(&c.out, "out", "", "one FILE: write the redline (the original DOCX with tracked changes and comments) to this file; bulk review: the output directory (required)")
	fs.StringVar(&c.author, "author", "clm", "the author of the redline's tracked changes and comments")
	fs.StringVar(&c.date, "date", "", "the date of the redline's changes, RFC 3339 (default: now)")
	b := &bulkCmd{}
	b.flags(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, reviewUsage)
		fs.PrintDefaults()
	}
	if err := parseInterspersed(fs, args); err != nil {
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "clm review: want exactly one FILE, or several PATHs with --out OUTDIR")
		fs.Usage()
		return exitUsage
	}
	if isBulk(fs.Args()) {
		c.bulk = b
		return c.parseBulk(stderr, fs)
	}
	if name := b.setFlag(fs); name != "" {
		fmt.Fprintf(stderr, "clm review: --%s applies to bulk review only (several PATHs, or a directory)\n", name)
		return exitUsage
	}
	if c.playbook == "" {
		fmt.Fprintln(stderr, "clm review: --playbook is required")
		return exitUsage
	}
	if c.format != "text" && c.format != "json" && c.format != "html" {
		fmt.Fprintf(stderr, "clm review: --format must be text, json or html, not %q\n", c.format)
		return exitUsage
	}
	if code := c.parseShared(stderr); code != exitOK {
		return code
	}
	c.file = fs.Arg(0)
	return exitOK
}

// parseShared checks the flags both forms of review take: --fail-on and --date.
func (c *reviewCmd) parseShared(stderr io.Writer) int {
	if c.failOn != "" && c.failOn != playbook.OutcomeEscalate {
		fmt.Fprintf(stderr, "clm review: --fail-on must be %q, not %q\n", playbook.OutcomeEscalate, c.failOn)
		return exitUsage
	}
	if c.date != "" {
		t, err := time.Parse(time.RFC3339, c.date)
		if err != nil {
			fmt.Fprintf(stderr, "clm review: --date must be RFC 3339 (2026-11-26T10:00:00Z), not %q\n", c.date)
			return exitUsage
		}
		c.when = t
	}
	return exitOK
}

func (c *reviewCmd) run(ctx context.Context, stdout, stderr io.Writer) int {
	if c.bulk != nil {
		return c.runBulk(ctx, stdout, stderr)
	}
	pb, err := playbook.LoadFile(c.playbook, nil)
	if err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return exitFail
	}
	res, err := review.File(ctx, c.file, pb, &review.Options{Party: c.party})
	if err != nil {
		fmt.Fprintf(stderr, "clm: %v\n", err)
		return exitFail
	}
	if c.out != "" {
		data, rr, err := res.Redline(pb, redline.Options{Author: c.author, Date: c.when})
		if err != nil {
			fmt.Fprintf(stderr, "clm: %v\n", err)
			return exitFail
		}
		if err := atomicfile.WriteBytes(c.out, data); err != nil {
			fmt.Fprintf(stderr, "clm: %v\n", err)
			return exitFail
		}
		fmt.Fprintf(stderr, "clm: wrote %s: %d changes, %d comments, %d edits escalated instead\n",
			c.out, len(rr.Applied), rr.Comments, len(rr.Refused))
	}
	switch c.format {
	case "json":
		err = res.Report.WriteJSON(stdout)
	case "html":
		err = redline.HTML(stdout, res.Document, res.Report)
	default:
		err = res.Report.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "clm: %v\n", err)
		return exitFail
	}
	if c.failOn == playbook.OutcomeEscalate && res.Report.Summary.Counts[playbook.OutcomeEscalate] > 0 {
		return exitEscalate
	}
	return exitOK
}

// playbookCmd is `clm playbook check FILE...` and `clm playbook test FILE|DIR...`.
type playbookCmd struct {
	sub     string
	paths   []string
	format  string
	verbose bool
}

func (c *playbookCmd) parse(stderr io.Writer, args []string) int {
	fs := flag.NewFlagSet("playbook", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.format, "format", "text", "check: text (file:line:col: message (rule id)) or json (with stable codes)")
	fs.BoolVar(&c.verbose, "v", false, "test: list every test, not only failures")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: clm playbook check FILE|DIR... [--format text|json]\n       clm playbook test FILE|DIR... [-v]")
		fs.PrintDefaults()
	}
	if err := parseInterspersed(fs, args); err != nil {
		return exitUsage
	}
	if fs.NArg() < 2 || (fs.Arg(0) != "check" && fs.Arg(0) != "test") {
		fmt.Fprintln(stderr, `clm playbook: want "check FILE..." or "test FILE|DIR..."`)
		fs.Usage()
		return exitUsage
	}
	if !checkFormat(stderr, "playbook", c.format) {
		return exitUsage
	}
	c.sub, c.paths = fs.Arg(0), fs.Args()[1:]
	return exitOK
}

func (c *playbookCmd) run(ctx context.Context, stdout, stderr io.Writer) int {
	files, err := playbookFiles(c.paths)
	if err != nil {
		fmt.Fprintf(stderr, "clm playbook: %v\n", err)
		return exitFail
	}
	if c.sub == "check" {
		return c.check(files, stdout, stderr)
	}
	return c.test(ctx, files, stdout, stderr)
}

// check prints every load error of the files, sorted by position (at most
// playbook.MaxErrors in text), and nothing when they all load.
func (c *playbookCmd) check(files []string, stdout, stderr io.Writer) int {
	errs := playbook.Check(files...)
	if c.format == "json" {
		out := struct {
			Errors playbook.ErrorList `json:"errors"`
		}{Errors: errs}
		if out.Errors == nil {
			out.Errors = playbook.ErrorList{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(stderr, "clm: %v\n", err)
			return exitFail
		}
	} else if len(errs) > 0 {
		fmt.Fprintln(stderr, errs.Error())
	}
	if len(errs) > 0 {
		return exitFail
	}
	return exitOK
}

// test runs the tests of each playbook and prints the results in the style of
// go test: failures, then one ok or FAIL line per playbook.
func (c *playbookCmd) test(ctx context.Context, files []string, stdout, stderr io.Writer) int {
	code := exitOK
	seen := map[string]bool{}
	for _, f := range files {
		if p := playbook.PlaybookFile(f); p != "" {
			f = p // a tests file runs with the playbook it belongs to
		}
		if seen[f] {
			continue
		}
		seen[f] = true
		pb, err := playbook.LoadFile(f, nil)
		if err != nil {
			fmt.Fprintf(stdout, "%v\nFAIL\t%s\t(does not load)\n", err, f)
			code = exitFail
			continue
		}
		tr := playbook.RunTests(ctx, pb)
		if err := tr.WriteText(stdout, c.verbose); err != nil {
			fmt.Fprintf(stderr, "clm: %v\n", err)
			return exitFail
		}
		if tr.Failed() > 0 {
			code = exitFail
		}
	}
	return code
}

// playbookFiles expands directories to the playbooks they hold (*.yaml and
// *.yml, recursively, without the *_test.yaml files that belong to a playbook
// and are read with it). Files named explicitly are kept as given.
func playbookFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s: %v", p, pe.Err)
			}
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			ext := strings.ToLower(filepath.Ext(path))
			if d.IsDir() || (ext != ".yaml" && ext != ".yml") || playbook.TestsFile(path) == "" {
				return nil
			}
			found = append(found, path)
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: no playbooks (*.yaml) in the directory", p)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}
