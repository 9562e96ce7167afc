package extract

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/tabwriter"
	"time"
)

// cuadFloors are the floors issue 3 sets on the CUAD dev contracts: presence F1
// and clause precision per type, macro F1, and exact value match per CUAD
// category. A later change must not take a figure below its floor.
var cuadFloors = struct {
	F1              map[ClauseType]float64
	ClausePrecision float64 // for each type of F1
	MacroF1         float64
	Values          map[string]float64 // CUAD category -> share of exact matches
}{
	F1: map[ClauseType]float64{
		"governing_law": 0.95, "assignment": 0.93, "expiration": 0.90, "liability_cap": 0.85,
		"insurance": 0.85, "audit_rights": 0.85, "renewal": 0.80, "change_of_control": 0.75,
		"renewal_notice": 0.70, "termination_for_convenience": 0.70,
	},
	ClausePrecision: 0.5,
	MacroF1:         0.65,
	Values: map[string]float64{
		"Governing Law": 0.90, "Effective Date": 0.80, "Agreement Date": 0.80,
		"Renewal Term": 0.70, "Notice Period To Terminate Renewal": 0.70,
	},
}

// cuadFloorCheck is one figure of a report set against its floor.
type cuadFloorCheck struct {
	Figure       string
	Value, Floor float64
}

// cuadFloorChecks lists the figures of rep that have floors, in the order of
// cuadFloorTypes, then the macro F1, then cuadValueCategories. A floor whose
// figure is missing from rep counts with the value 0.
func cuadFloorChecks(rep *CUADReport) []cuadFloorCheck {
	var out []cuadFloorCheck
	for _, ty := range cuadFloorTypes {
		var s CUADTypeScore
		for _, r := range rep.Types {
			if r.Type == ty {
				s = r
			}
		}
		out = append(out,
			cuadFloorCheck{string(ty) + " F1", s.F1, cuadFloors.F1[ty]},
			cuadFloorCheck{string(ty) + " clause precision", s.ClausePrecision, cuadFloors.ClausePrecision})
	}
	out = append(out, cuadFloorCheck{"macro F1", rep.MacroF1, cuadFloors.MacroF1})
	for _, vc := range cuadValueCategories {
		floor, ok := cuadFloors.Values[vc.Category]
		if !ok {
			continue
		}
		var share float64
		for _, v := range rep.Values {
			if v.Category == vc.Category {
				share = v.Share
			}
		}
		out = append(out, cuadFloorCheck{"value " + vc.Category, share, floor})
	}
	return out
}

// TestCUADFloorChecks checks the checks themselves on a hand-made report: every
// floor is there, and a figure under its floor is caught.
func TestCUADFloorChecks(t *testing.T) {
	if len(cuadFloors.F1) != len(cuadFloorTypes) {
		t.Fatalf("%d F1 floors for %d floor types", len(cuadFloors.F1), len(cuadFloorTypes))
	}
	rep := &CUADReport{MacroF1: 0.7}
	for _, ty := range cuadFloorTypes {
		if _, ok := cuadFloors.F1[ty]; !ok {
			t.Errorf("no F1 floor for %s", ty)
		}
		rep.Types = append(rep.Types, CUADTypeScore{Type: ty, F1: 0.96, ClausePrecision: 0.5})
	}
	for _, vc := range cuadValueCategories {
		rep.Values = append(rep.Values, CUADValueScore{Category: vc.Category, Share: 0.9})
	}
	checks := cuadFloorChecks(rep)
	if want := 2*len(cuadFloorTypes) + 1 + len(cuadFloors.Values); len(checks) != want {
		t.Fatalf("%d checks, want %d", len(checks), want)
	}
	for _, c := range checks {
		if c.Value < c.Floor {
			t.Errorf("%s: %.3f under %.3f in a report at its floors", c.Figure, c.Value, c.Floor)
		}
	}
	rep.Types[0].F1 = 0.9 // governing_law under 0.95
	rep.Values[5].Share = 0.2
	var under []string
	for _, c := range cuadFloorChecks(rep) {
		if c.Value < c.Floor {
			under = append(under, c.Figure)
		}
	}
	if got := strings.Join(under, ", "); got != "governing_law F1, value Governing Law" {
		t.Errorf("under the floor: %s", got)
	}
}

// TestCUADFloors runs EvalCUAD on the CUAD dev contracts and fails, naming each
// figure, when one drops below its floor. It logs the whole table, with the
// spread of the figures over 5 folds, either way.
func TestCUADFloors(t *testing.T) {
	dir := filepath.Join(corpusDir, "cuad-dev")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("CUAD dev set not found at %s (it lives in ../shared/corpus beside the repository): %v", dir, err)
	}
	start := time.Now()
	rep, err := EvalCUAD(context.Background(), dir, &CUADOptions{Folds: 5})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "\nfigure\tvalue\tfloor\t\n")
	var under []string
	for _, c := range cuadFloorChecks(rep) {
		mark := "ok"
		if c.Value < c.Floor {
			mark = "UNDER"
			under = append(under, fmt.Sprintf("%s %.3f < %.2f", c.Figure, c.Value, c.Floor))
		}
		fmt.Fprintf(tw, "%s\t%.3f\t%.2f\t%s\n", c.Figure, c.Value, c.Floor, mark)
	}
	tw.Flush()
	t.Logf("EvalCUAD wall time %v\n%s", time.Since(start).Round(time.Millisecond), b.String())
	if rep.Contracts < 300 {
		t.Errorf("%d contracts scored, want the dev set (390)", rep.Contracts)
	}
	if n := cuadTestSum(rep.FoldSizes); n != rep.Contracts {
		t.Errorf("folds hold %d contracts, want %d", n, rep.Contracts)
	}
	for _, u := range under {
		t.Errorf("under the floor: %s", u)
	}
}

func cuadTestSum(ns []int) int {
	n := 0
	for _, x := range ns {
		n += x
	}
	return n
}
