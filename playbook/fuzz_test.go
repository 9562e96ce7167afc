package playbook

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoadPlaybook checks that Load never panics and that every error it
// reports has a position and a code.
func FuzzLoadPlaybook(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.yaml")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(ldHead + "  - id: a\n    clause: assignment\n    accept: 'text contains \"x\" && days(renewal.notice_period) > 1'\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Load("f.yaml", data, nil)
		if err == nil {
			return
		}
		list, ok := err.(ErrorList)
		if !ok || len(list) == 0 {
			t.Fatalf("error %T %v", err, err)
		}
		for _, e := range list {
			if e.Line < 1 || e.Column < 1 || e.Code == "" {
				t.Fatalf("error without position or code: %+v", e)
			}
		}
	})
}
