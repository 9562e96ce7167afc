package pdftext

import (
	"fmt"
	"os"
	"testing"
	"time"
)

// childEnv selects what the re-executed test binary does instead of running
// the tests: "1" runs Child, the other values misbehave on purpose so that
// Run's handling of a hang, a crash, running out of memory and a bad reply
// can be tested.
const childEnv = "PDFTEXT_CHILD"

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
		os.Exit(m.Run())
	case "1":
		os.Exit(Child(os.Stdin, os.Stdout))
	case "hang":
		time.Sleep(time.Hour)
	case "crash":
		panic("pdftext test: simulated crash")
	case "garbage":
		os.Stdout.WriteString("this is not JSON\n")
		os.Exit(0)
	case "oom":
		if err := applyMemoryLimit(os.Getenv(EnvMemLimit)); err != nil {
			panic(err)
		}
		var keep [][]byte
		for len(keep) < 1<<20 {
			b := make([]byte, 32<<20)
			for i := range b {
				b[i] = byte(i)
			}
			keep = append(keep, b)
		}
		fmt.Fprintln(os.Stderr, "allocated", len(keep), "blocks")
	}
	os.Exit(2)
}

// helper is the argv that runs this test binary as the child.
func helper(tb testing.TB) []string {
	tb.Helper()
	exe, err := os.Executable()
	if err != nil {
		tb.Fatal(err)
	}
	return []string{exe}
}
