// Package review is the one pipeline every caller uses — the CLI, bulk review
// and the HTTP API: read a contract, type its clauses and abstract its key terms
// (extract), then judge it against a playbook (playbook). The redline stage
// joins here when it arrives, so that callers never assemble the steps
// themselves and every surface reviews the same way.
package review

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/playbook"
	"github.com/clm-engine/clm/redline"
)

// Options configure a review. The zero value uses the defaults of extract and
// playbook.
type Options struct {
	// Party names our side in the contract (its legal name or a defined term);
	// empty: recognise it from the playbook's parties aliases.
	Party string
	// Extract configures reading the contract; nil uses extract's defaults.
	// NoTypes is ignored: a review needs the clause types and terms.
	Extract *extract.Options
}

// Result is one contract reviewed: the document as extracted and the
// clm.review/v1 report.
type Result struct {
	Document *extract.Document
	Report   *playbook.Report
}

// Run reviews the contract data (named name, for messages and the report)
// against pb. An error is an *extract.Error: the contract could not be read.
func Run(ctx context.Context, name string, data []byte, pb *playbook.Playbook, o *Options) (*Result, error) {
	doc, err := extract.Parse(ctx, name, data, extractOptions(o))
	if err != nil {
		return nil, err
	}
	return judge(doc, pb, o), nil
}

// File reviews the contract at path against pb.
func File(ctx context.Context, path string, pb *playbook.Playbook, o *Options) (*Result, error) {
	doc, err := extract.ParseFile(ctx, path, extractOptions(o))
	if err != nil {
		return nil, err
	}
	return judge(doc, pb, o), nil
}

func extractOptions(o *Options) *extract.Options {
	var eo extract.Options
	if o != nil && o.Extract != nil {
		eo = *o.Extract
	}
	eo.NoTypes = false
	return &eo
}

func judge(doc *extract.Document, pb *playbook.Playbook, o *Options) *Result {
	po := playbook.Options{Engine: Version()}
	if o != nil {
		po.Party = o.Party
	}
	return &Result{Document: doc, Report: playbook.Evaluate(doc, pb, po)}
}

// Version is the engine version written into reports: the module version the
// binary was built from, with the VCS revision when the build recorded one.
func Version() string { return version() }

var version = sync.OnceValue(func() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "dev"
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" {
		return fmt.Sprintf("%s (%.12s%s)", v, rev, dirty)
	}
	return v
})

// Redline writes the reviewed contract's original DOCX with the decisions'
// edits as tracked changes and a comment on every fallback and escalation
// (package redline), missing clauses inserted as tracked new paragraphs. An
// edit the document cannot take — one that would cross another author's
// revision, a field, or paragraphs in different containers — escalates its
// decision instead, with
// the reason in the report; the redline is then written again so that its
// comments say what the report says. res.Report is updated in place.
//
// For PDF and text input, and for a DOCX whose package the redliner cannot
// edit in place (redline.ErrFormat), the redline is a new, clean DOCX built
// from the extracted clauses (redline.Build), carrying the same changes and
// comments.
func (res *Result) Redline(pb *playbook.Playbook, o redline.Options) ([]byte, *redline.Result, error) {
	write := redline.DOCX
	if res.Document.Format != extract.FormatDOCX {
		write = redline.Build
	}
	out, rr, err := write(res.Document, res.Report, o)
	if errors.Is(err, redline.ErrFormat) && res.Document.Format == extract.FormatDOCX {
		// A package extract could read but the redliner cannot edit in place
		// (no document relationships part): a clean DOCX built from the
		// clauses still carries the changes and comments.
		write = redline.Build
		out, rr, err = write(res.Document, res.Report, o)
	}
	if err != nil {
		return nil, nil, err
	}
	if len(rr.Refused) == 0 {
		return out, rr, nil
	}
	for _, c := range rr.Refused {
		res.Report.Escalate(pb, c.Decision, "The redline cannot make this change in the document: "+c.Reason+".")
	}
	out, rr2, err := write(res.Document, res.Report, o)
	if err != nil {
		return nil, nil, err
	}
	rr2.Refused = append(rr.Refused, rr2.Refused...)
	return out, rr2, nil
}
