// Package calctest reads spreadsheets back for tests: a CSV file, and an XLSX
// converted to CSV by LibreOffice Calc, so that a test can check that an
// independent reader sees the cells we wrote.
package calctest

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// ReadCSV reads a CSV file's records.
func ReadCSV(tb testing.TB, path string) [][]string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return recs
}

// SofficeCSV converts an XLSX to CSV (UTF-8, comma, double quotes) with
// LibreOffice Calc in a private profile and reads it. It skips when LibreOffice
// or its Calc component is not installed.
func SofficeCSV(tb testing.TB, xlsx string) [][]string {
	tb.Helper()
	if _, err := exec.LookPath("soffice"); err != nil {
		tb.Skip("soffice is not installed (apt-get install libreoffice-calc-nogui)")
	}
	dir := tb.TempDir()
	cmd := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")), "--headless",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", dir, xlsx)
	out, err := cmd.CombinedOutput()
	conv := filepath.Join(dir, strings.TrimSuffix(filepath.Base(xlsx), filepath.Ext(xlsx))+".csv")
	if _, serr := os.Stat(conv); serr != nil {
		if strings.Contains(string(out), "no export filter") || strings.Contains(string(out), "could not be loaded") {
			tb.Skipf("LibreOffice cannot convert XLSX here (is Calc installed? apt-get install libreoffice-calc-nogui): %s", out)
		}
		tb.Fatalf("soffice: %v\n%s", err, out)
	}
	return ReadCSV(tb, conv)
}
