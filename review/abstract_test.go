package review

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/internal/calctest"
)

func TestFormatValues(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    any
		want string
	}{
		{"date", extract.Date{Year: 2026, Month: 3, Day: 1}, "2026-03-01"},
		{"zero date", extract.Date{}, ""},
		{"one year", extract.Duration{Years: 1}, "1 year"},
		{"ninety days", extract.Duration{Days: 90}, "90 days"},
		{"year and a half", extract.Duration{Years: 1, Months: 6}, "1 year and 6 months"},
		{"one business day", extract.Duration{Days: 1, Business: true}, "1 business day"},
		{"ten business days", extract.Duration{Days: 10, Business: true}, "10 business days"},
		{"two weeks", extract.Duration{Weeks: 2}, "2 weeks"},
		{"yes", true, "Yes"},
		{"no", false, "No"},
		{"code", "not_unreasonably_withheld", "not unreasonably withheld"},
		{"list", []string{"termination", "sale_of_assets"}, "termination, sale of assets"},
		{"money", extract.Money{Amount: 1000000, Currency: "USD"}, "USD 1,000,000"},
		{"money with cents", extract.Money{Amount: 1234.5, Currency: "EUR"}, "EUR 1,234.50"},
		{"money, no currency", extract.Money{Amount: 999}, "999"},
		{"multiple", 1.5, "1.5"},
		{"count", 3, "3"},
		{"parties are formatted elsewhere", []extract.Party{{Name: "A"}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fmtValue(tc.v); got != tc.want {
				t.Errorf("fmtValue(%#v) = %q, want %q", tc.v, got, tc.want)
			}
		})
	}
}

func TestSafeCell(t *testing.T) {
	long := strings.Repeat("é", maxCell) // two bytes each: cut inside a rune
	for _, tc := range []struct {
		name, in, want string
	}{
		{"plain", "Delaware (§14.2)", "Delaware (§14.2)"},
		{"white space", " a\n b\t\tc ", "a b c"},
		{"formula", "=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"plus", "+1", "'+1"},
		{"minus", "-x", "'-x"},
		{"at", "@SUM(A1)", "'@SUM(A1)"},
		{"too long, cut at a rune", long, strings.Repeat("é", maxCell/2)},
		{"too long, ASCII", strings.Repeat("a", maxCell+5), strings.Repeat("a", maxCell)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := safeCell(tc.in); got != tc.want {
				t.Errorf("safeCell(%.40q) = %.40q (%d bytes), want %.40q (%d bytes)", tc.in, got, len(got), tc.want, len(tc.want))
			}
		})
	}
}

// The bundled sample's row: every value with the clause it comes from.
func TestAbstractRowSample(t *testing.T) {
	pb := shippedPlaybook(t, "saas-msa-customer.yaml")
	res, err := File(context.Background(), filepath.Join("..", "testdata", "sample-msa.docx"), pb, nil)
	if err != nil {
		t.Fatal(err)
	}
	row, _ := abstractRow(res.Document, res.Report, "deals/sample-msa.docx", "deals/sample-msa.docx.redline.docx",
		extract.Date{Year: 2026, Month: 11, Day: 26})
	want := Row{
		File: "deals/sample-msa.docx", Redline: "deals/sample-msa.docx.redline.docx", Status: "reviewed",
		Parties:                "Northwind Analytics Ltd (Supplier); Contoso Retail Inc. (Customer) (preamble)",
		AgreementType:          "Master Services Agreement (title)",
		EffectiveDate:          "2026-03-01 (preamble)",
		ExpirationDate:         "2029-02-28 (§4.1)",
		AutoRenewal:            "Yes (§4.2)",
		RenewalTerm:            "1 year (§4.2)",
		NoticePeriod:           "90 days (§4.2)",
		NextDeadline:           "2028-11-30 (§4.2)",
		DeadlineNote:           "90 days before the term ending 2029-02-28",
		ConsentRequired:        "Yes (§6.1)",
		ConsentParty:           "Supplier (§6.1)",
		ConsentStandard:        "sole discretion (§6.1)",
		ChangeOfControl:        "termination, held by Supplier (§6.2)",
		ConvenienceTermination: "Customer, 60 days' notice (§4.3)",
		GoverningLaw:           "England and Wales (§9.2)",
		LiabilityCap:           "1x the fees of 12 months (§5.1)",
		Counts:                 res.Report.Summary.Counts,
		SignOff:                res.Report.Summary.SignOff,
	}
	if !reflect.DeepEqual(row, want) {
		t.Errorf("row:\n got %+v\nwant %+v", row, want)
	}
	// Past the first deadline, the next one is the first renewal term's.
	row, _ = abstractRow(res.Document, res.Report, "x", "", extract.Date{Year: 2028, Month: 12, Day: 1})
	if row.NextDeadline != "2029-11-30 (§4.2)" || row.DeadlineNote != "90 days before the term ending 2030-02-28 (renewal term 1)" {
		t.Errorf("after the first deadline: %q, %q", row.NextDeadline, row.DeadlineNote)
	}
}

// testRows are rows with the values that trip writers up: commas, quotes,
// formulas, non-ASCII text, a refused input and empty cells.
func testRows() []Row {
	return []Row{
		{File: "deals/a, \"quoted\".docx", Redline: "deals/a, \"quoted\".docx.redline.docx", Status: "reviewed",
			Parties: "Société Générale S.A. (Bank); =cmd|' /C calc'!A0 (Customer) (preamble)", GoverningLaw: "Delaware (§14.2)",
			NextDeadline: "2028-11-30 (§4.2)", Counts: map[string]int{"accept": 6, "fallback": 0, "escalate": 2}, SignOff: "counsel"},
		{File: "scan.pdf", Status: "refused: no text layer (scanned PDF?)"},
		{File: "=1+1.txt", Status: "reviewed", AgreementType: "@risk\nagreement", Counts: map[string]int{}},
	}
}

func TestWriteAbstractCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteAbstractCSV(&b, testRows()); err != nil {
		t.Fatal(err)
	}
	want := strings.Join(AbstractHeader, ",") + "\r\n" +
		`"deals/a, ""quoted"".docx",reviewed,Société Générale S.A. (Bank); =cmd|' /C calc'!A0 (Customer) (preamble),,,,,,,2028-11-30 (§4.2),,,,,,Delaware (§14.2),,6,0,2,counsel` + "\r\n" +
		`scan.pdf,refused: no text layer (scanned PDF?),,,,,,,,,,,,,,,,,,,` + "\r\n" +
		`'=1+1.txt,reviewed,,'@risk agreement,,,,,,,,,,,,,,0,0,0,` + "\r\n"
	if b.String() != want {
		t.Errorf("CSV:\n got %q\nwant %q", b.String(), want)
	}
}

func TestWriteAbstractXLSX(t *testing.T) {
	dir := t.TempDir()
	xlsx, csvPath := filepath.Join(dir, "abstract.xlsx"), filepath.Join(dir, "abstract.csv")
	rows := testRows()
	for _, p := range []string{xlsx, csvPath} {
		if err := WriteAbstract(p, rows, filepath.Join(dir, "out")); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteAbstract(filepath.Join(dir, "abstract.ods"), rows, dir); err == nil || !strings.Contains(err.Error(), "must end in .xlsx or .csv") {
		t.Errorf("an .ods abstract: %v", err)
	}
	want := calctest.ReadCSV(t, csvPath)
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	got, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got { // GetRows drops trailing empty cells
		for len(got[i]) < len(AbstractHeader) {
			got[i] = append(got[i], "")
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("XLSX cells differ from the CSV:\n got %q\nwant %q", got, want)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v, %v: want the header row frozen", panes, err)
	}
	ok, link, err := f.GetCellHyperLink(sheet, "A2")
	if err != nil || !ok || link != `out/deals/a, "quoted".docx.redline.docx` {
		t.Errorf("A2 link %v %q %v", ok, link, err)
	}
	if ok, _, _ := f.GetCellHyperLink(sheet, "A3"); ok {
		t.Error("the refused row links to a redline")
	}
	filter := false
	for _, dn := range f.GetDefinedName() {
		filter = filter || (dn.Name == "_xlnm._FilterDatabase" && strings.HasSuffix(dn.RefersTo, "$A$1:$U$4"))
	}
	if !filter {
		t.Errorf("no filter over A1:U4: %+v", f.GetDefinedName())
	}
	if v, _ := f.GetCellValue(sheet, "R2"); v != "6" {
		t.Errorf("R2 = %q, want the accept count 6", v)
	}
	// LibreOffice reads the workbook to the same cells.
	if got := calctest.SofficeCSV(t, xlsx); !reflect.DeepEqual(got, want) {
		t.Errorf("LibreOffice's CSV of the XLSX differs from ours:\n got %q\nwant %q", got, want)
	}
}
