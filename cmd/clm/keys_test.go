package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clm-engine/clm/store"
)

// runEnv runs clm with the given environment.
func runEnv(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runWith(t, func(k string) string { return env[k] }, args...)
}

func TestKeys(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	env := map[string]string{"CLM_DATA": dir}

	// create prints the key once on stdout; the store keeps only its hash
	code, out, errs := runEnv(t, env, "keys", "create", "--role", "counsel", "--name", "cara")
	secret := strings.TrimSpace(out)
	if code != exitOK || !strings.HasPrefix(secret, "clm_") || strings.Count(out, "\n") != 1 || !strings.Contains(errs, `"cara" (counsel); the key is shown only this once`) {
		t.Fatalf("create: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, _, _ = runEnv(t, nil, "keys", "create", "--role", "integration", "--data", dir)
	if code != exitOK {
		t.Fatal("second create")
	}
	code, out, _ = runEnv(t, env, "keys", "list", "--format", "json")
	var list struct{ Keys []store.Key }
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != exitOK {
		t.Fatalf("list: %v %s", err, out)
	}
	if len(list.Keys) != 2 || list.Keys[0].Name != "cara" || !strings.HasPrefix(list.Keys[1].Name, "integration-") || strings.Contains(out, secret) {
		t.Errorf("list: %s", out)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, "clm.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(secret))
	if k, err := st.KeyByHash(context.Background(), hex.EncodeToString(sum[:])); err != nil || k.Name != "cara" || k.Role != "counsel" {
		t.Errorf("stored key %+v %v", k, err)
	}
	st.Close()

	// revoke by name; the list shows when
	if code, _, errs := runEnv(t, env, "keys", "revoke", "cara"); code != exitOK || !strings.Contains(errs, `revoked k_`) {
		t.Errorf("revoke: %d %s", code, errs)
	}
	code, out, _ = runEnv(t, env, "keys", "list")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitOK || len(lines) != 3 || !strings.HasPrefix(lines[0], "ID") || strings.HasSuffix(lines[1], " -") || !strings.HasSuffix(lines[2], " -") {
		t.Errorf("list after revoke:\n%s", out)
	}

	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no subcommand", []string{"keys"}, exitUsage, `want "create", "list" or "revoke"`},
		{"unknown subcommand", []string{"keys", "rotate"}, exitUsage, `unknown subcommand "rotate"`},
		{"no role", []string{"keys", "create"}, exitUsage, `--role must be paralegal, counsel, integration or admin, not ""`},
		{"bad role", []string{"keys", "create", "--role", "owner"}, exitUsage, `not "owner"`},
		{"bad name", []string{"keys", "create", "--role", "admin", "--name", "a b"}, exitFail, `key name "a b"`},
		{"name in use", []string{"keys", "create", "--role", "admin", "--name", "cara"}, exitFail, `store: conflict: a key named "cara" exists`},
		{"revoke without a key", []string{"keys", "revoke"}, exitUsage, "want exactly one key ID or NAME"},
		{"revoke unknown", []string{"keys", "revoke", "nobody"}, exitFail, `no key with id or name "nobody" in ` + dir},
		{"list format", []string{"keys", "list", "--format", "yaml"}, exitUsage, "--format must be json or text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runEnv(t, env, tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.err) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, tt.code, tt.err)
			}
		})
	}
}
