package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/clm-engine/clm/store"
)

// A playbook saved twice with the same bytes has one version; new bytes make
// the next one.
func ExampleOpen() {
	dir, err := os.MkdirTemp("", "store-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "clm.db"), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	ch := store.Change{Who: "cara", At: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
	for _, rev := range []string{"a1", "a1", "b2"} {
		v, created, err := st.PutPlaybook(ctx, ch, &store.PlaybookVersion{Name: "nda", Revision: rev, YAML: []byte("playbook: nda")})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(v.Name, v.Version, v.Revision, created)
	}
	log, _ := st.Audit(ctx, store.AuditFilter{})
	fmt.Println(len(log), "audit entries, the last by", log[0].Who)
	// Output:
	// nda 1 a1 true
	// nda 1 a1 false
	// nda 2 b2 true
	// 2 audit entries, the last by cara
}
