package playbook

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteJSON writes r as indented clm.review/v1 JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("playbook: write report: %w", err)
	}
	return nil
}

// WriteText writes r for a person: the perspective, the sign-off, then each
// decision with its reasons, inputs and edits.
func (r *Report) WriteText(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "Review of %s against playbook %s", r.Document.Name, r.Playbook.Name)
	if r.Playbook.Version != "" {
		fmt.Fprintf(b, " %s", r.Playbook.Version)
	}
	fmt.Fprintf(b, " (revision %.12s)\n", r.Playbook.Revision)
	if r.Party.Resolved {
		fmt.Fprintf(b, "Us: %s (%s); them: %s (%s); %s.\n", r.Party.Us.Term, r.Party.Us.Name, r.Party.Them.Term, r.Party.Them.Name, r.Party.Reason)
	} else {
		fmt.Fprintf(b, "Perspective unresolved: %s.\n", r.Party.Reason)
	}
	fmt.Fprintf(b, "Sign-off: %s. %d accept, %d fallback, %d escalate.\n", evOr(r.Summary.SignOff, "none"),
		r.Summary.Counts[OutcomeAccept], r.Summary.Counts[OutcomeFallback], r.Summary.Counts[OutcomeEscalate])
	for _, s := range r.Summary.Reasons {
		fmt.Fprintf(b, "  %s\n", s)
	}
	for _, d := range r.Decisions {
		where := "missing clause"
		if d.Clause != "" {
			where = "clause " + d.Clause
			if d.Number != "" {
				where += " (" + strings.TrimSuffix(d.Number, ".") + ")"
			}
		}
		fmt.Fprintf(b, "\n%s  %s, %s: %s", strings.ToUpper(d.Outcome), d.Rule, where, d.Position)
		if d.Authority != "" {
			fmt.Fprintf(b, " [%s]", d.Authority)
		}
		b.WriteByte('\n')
		for _, s := range d.Reasons {
			fmt.Fprintf(b, "  - %s\n", s)
		}
		if len(d.Inputs) > 0 {
			keys := make([]string, 0, len(d.Inputs))
			for k := range d.Inputs {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			parts := make([]string, len(keys))
			for i, k := range keys {
				parts[i] = k + " = " + evValue(d.Inputs[k])
			}
			fmt.Fprintf(b, "  inputs: %s\n", strings.Join(parts, "; "))
		}
		for _, e := range d.Edits {
			switch {
			case e.NewClause:
				fmt.Fprintf(b, "  insert after %s: %q\n", e.Clause, e.Insert)
			case e.Delete == "":
				fmt.Fprintf(b, "  insert in %s at %d: %q\n", e.Clause, e.Start, e.Insert)
			default:
				fmt.Fprintf(b, "  replace in %s [%d:%d] %q with %q\n", e.Clause, e.Start, e.End, e.Delete, e.Insert)
			}
		}
		for _, e := range d.Evidence {
			fmt.Fprintf(b, "  evidence %s (%s): %q\n", e.Term, e.Clause, e.Quote)
		}
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("playbook: write report: %w", err)
	}
	return nil
}
