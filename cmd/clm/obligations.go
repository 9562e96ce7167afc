package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/obligation"
)

// obligationsCmd is `clm obligations FILE [--as-of DATE] [--tz ZONE] [--format text|json|ics]`.
type obligationsCmd struct {
	file   string
	asOf   string
	tz     string
	format string
	leads  string
	now    func() time.Time // the clock; tests set it
}

func (c *obligationsCmd) parse(stderr io.Writer, args []string) int {
	fs := flag.NewFlagSet("obligations", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.asOf, "as-of", "", "the date deadlines roll forward to, YYYY-MM-DD (default: today in --tz)")
	fs.StringVar(&c.tz, "tz", "UTC", "the time zone that says what day today is (IANA name, e.g. Europe/London)")
	fs.StringVar(&c.format, "format", "text", "text, json, or ics (an iCalendar feed of the dated obligations)")
	fs.StringVar(&c.leads, "leads", "90,30,7,1", "days before each due date that the ICS reminders fire")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: clm obligations FILE [--as-of YYYY-MM-DD] [--tz ZONE] [--format text|json|ics] [--leads 90,30,7,1]")
		fs.PrintDefaults()
	}
	if err := parseInterspersed(fs, args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "clm obligations: want exactly one FILE")
		fs.Usage()
		return exitUsage
	}
	if c.format != "text" && c.format != "json" && c.format != "ics" {
		fmt.Fprintf(stderr, "clm obligations: --format must be text, json or ics, not %q\n", c.format)
		return exitUsage
	}
	if _, err := time.LoadLocation(c.tz); err != nil {
		fmt.Fprintf(stderr, "clm obligations: --tz: unknown time zone %q\n", c.tz)
		return exitUsage
	}
	if c.asOf != "" {
		if _, err := extract.ParseDate(c.asOf); err != nil {
			fmt.Fprintf(stderr, "clm obligations: --as-of must be a date such as 2026-11-26, not %q\n", c.asOf)
			return exitUsage
		}
	}
	if _, err := parseLeads(c.leads); err != nil {
		fmt.Fprintf(stderr, "clm obligations: --leads: %v\n", err)
		return exitUsage
	}
	c.file = fs.Arg(0)
	return exitOK
}

// parseLeads reads "90,30,7,1".
func parseLeads(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 0 || n > 3650 {
			return nil, fmt.Errorf("want whole days between 0 and 3650 separated by commas, not %q", s)
		}
		out = append(out, n)
	}
	return out, nil
}

func (c *obligationsCmd) run(ctx context.Context, stdout, stderr io.Writer) int {
	now := time.Now
	if c.now != nil {
		now = c.now
	}
	loc, _ := time.LoadLocation(c.tz)
	asOf := extract.DateOf(now().In(loc))
	if c.asOf != "" {
		asOf, _ = extract.ParseDate(c.asOf)
	}
	doc, err := extract.ParseFile(ctx, c.file, nil)
	if err != nil {
		fmt.Fprintf(stderr, "clm: %v\n", err)
		return exitFail
	}
	obls := obligation.FromDocument(doc, obligation.Options{AsOf: asOf})
	switch c.format {
	case "json":
		if obls == nil {
			obls = []obligation.Obligation{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(struct {
			AsOf        extract.Date            `json:"as_of"`
			Obligations []obligation.Obligation `json:"obligations"`
		}{asOf, obls})
	case "ics":
		leads, _ := parseLeads(c.leads)
		err = obligation.WriteICS(stdout, obls, obligation.ICSOptions{Now: now(), Leads: leads, Name: "Obligations: " + doc.Name})
	default:
		err = writeObligationsText(stdout, doc.Name, asOf, obls)
	}
	if err != nil {
		fmt.Fprintf(stderr, "clm: %v\n", err)
		return exitFail
	}
	return exitOK
}

func writeObligationsText(w io.Writer, name string, asOf extract.Date, obls []obligation.Obligation) error {
	fmt.Fprintf(w, "%s: %d obligations as of %s\n\n", name, len(obls), asOf)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DUE\tKIND\tWHO\tCLAUSE\tWHAT")
	for _, ob := range obls {
		due := "(event)"
		if ob.Due != nil {
			due = ob.Due.String()
		} else if ob.Trigger == "" {
			due = "(undated)"
		}
		clause := ob.ClauseNumber
		if clause == "" {
			clause = ob.Clause
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", due, ob.Kind, ob.Party, clause, ob.Description)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, ob := range obls {
		switch {
		case ob.Computation != "":
			fmt.Fprintf(w, "\n%s (%s): %s", ob.Kind, ob.Clause, ob.Computation)
		case ob.Due == nil && ob.Reason != "" && ob.Trigger == "":
			fmt.Fprintf(w, "\n%s (%s): undated: %s", ob.Kind, ob.Clause, ob.Reason)
		case ob.Trigger != "":
			fmt.Fprintf(w, "\n%s (%s): when %s", ob.Kind, ob.Clause, ob.Trigger)
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}
