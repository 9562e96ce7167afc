package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/clm-engine/clm/api"
	"github.com/clm-engine/clm/store"
)

// keysCmd is `clm keys create|list|revoke`: API keys in the store of --data.
type keysCmd struct {
	sub    string
	data   string
	role   string
	name   string
	format string
	ref    string // revoke: the key's id or name
}

const keysUsage = `Usage: clm keys create --role paralegal|counsel|integration|admin [--name N] [--data DIR]
       clm keys list [--format text|json] [--data DIR]
       clm keys revoke ID|NAME [--data DIR]`

func (c *keysCmd) parse(stderr io.Writer, getenv func(string) string, args []string) int {
	fs := flag.NewFlagSet("keys", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.data, "data", envOr(getenv, "CLM_DATA", "./clm-data"), "data directory of clm serve (CLM_DATA)")
	fs.StringVar(&c.role, "role", "", "create: the key's role: paralegal, counsel, integration or admin")
	fs.StringVar(&c.name, "name", "", "create: the key's name, shown in the audit log (default: ROLE-ID)")
	fs.StringVar(&c.format, "format", "text", "list: text or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, keysUsage)
		fs.PrintDefaults()
	}
	if err := parseInterspersed(fs, args); err != nil {
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, `clm keys: want "create", "list" or "revoke"`)
		fs.Usage()
		return exitUsage
	}
	c.sub = fs.Arg(0)
	rest := fs.Args()[1:]
	switch c.sub {
	case "create":
		if len(rest) != 0 {
			fmt.Fprintf(stderr, "clm keys create: unexpected argument %q\n", rest[0])
			return exitUsage
		}
		if !store.ValidRole(c.role) {
			fmt.Fprintf(stderr, "clm keys create: --role must be paralegal, counsel, integration or admin, not %q\n", c.role)
			return exitUsage
		}
	case "list":
		if len(rest) != 0 {
			fmt.Fprintf(stderr, "clm keys list: unexpected argument %q\n", rest[0])
			return exitUsage
		}
		if !checkFormat(stderr, "keys", c.format) {
			return exitUsage
		}
	case "revoke":
		if len(rest) != 1 {
			fmt.Fprintln(stderr, "clm keys revoke: want exactly one key ID or NAME")
			return exitUsage
		}
		c.ref = rest[0]
	default:
		fmt.Fprintf(stderr, "clm keys: unknown subcommand %q\n", c.sub)
		fs.Usage()
		return exitUsage
	}
	return exitOK
}

func (c *keysCmd) run(ctx context.Context, stdout, stderr io.Writer) int {
	st, err := openStore(ctx, c.data)
	if err != nil {
		fmt.Fprintf(stderr, "clm keys: %v\n", err)
		return exitFail
	}
	defer st.Close()
	ch := store.Change{Who: "cli", At: time.Now().UTC()}
	switch c.sub {
	case "create":
		secret, k, err := api.CreateKey(ctx, st, ch, rand.Reader, c.role, c.name)
		if err != nil {
			fmt.Fprintf(stderr, "clm keys create: %v\n", err)
			return exitFail
		}
		fmt.Fprintln(stdout, secret)
		fmt.Fprintf(stderr, "clm keys: created %s %q (%s); the key is shown only this once\n", k.ID, k.Name, k.Role)
	case "list":
		keys, err := st.Keys(ctx)
		if err != nil {
			fmt.Fprintf(stderr, "clm keys list: %v\n", err)
			return exitFail
		}
		if c.format == "json" {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			if err := enc.Encode(map[string]any{"keys": keys}); err != nil {
				fmt.Fprintf(stderr, "clm: %v\n", err)
				return exitFail
			}
			return exitOK
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tROLE\tCREATED\tREVOKED")
		for _, k := range keys {
			revoked := "-"
			if k.Revoked != nil {
				revoked = k.Revoked.Format(time.RFC3339)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, k.Role, k.Created.Format(time.RFC3339), revoked)
		}
		if err := tw.Flush(); err != nil {
			fmt.Fprintf(stderr, "clm: %v\n", err)
			return exitFail
		}
	case "revoke":
		k, err := st.RevokeKey(ctx, ch, c.ref)
		if errors.Is(err, store.ErrNotFound) {
			fmt.Fprintf(stderr, "clm keys revoke: no key with id or name %q in %s\n", c.ref, c.data)
			return exitFail
		}
		if err != nil {
			fmt.Fprintf(stderr, "clm keys revoke: %v\n", err)
			return exitFail
		}
		fmt.Fprintf(stderr, "clm keys: revoked %s %q (%s)\n", k.ID, k.Name, k.Role)
	}
	return exitOK
}
