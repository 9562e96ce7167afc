package extract

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// benchClauses are clause bodies of the kinds a commercial contract is made of,
// about half of them carrying a clause type and key terms, so that the typing
// benchmarks measure the work a real contract costs (written for these tests).
var benchClauses = []string{
	"The Supplier shall perform the Services with reasonable skill, care and diligence, in accordance with Good Industry Practice and the Specification, and shall notify the Customer promptly of any matter that may affect the performance of the Services or the timetable agreed between the parties.",
	"Neither party may assign, novate or otherwise transfer this Agreement or any of its rights under it without the prior written consent of the other party, such consent not to be unreasonably withheld, except that either party may assign this Agreement to an Affiliate or to a successor in connection with a merger or a sale of all or substantially all of its assets.",
	"This Agreement shall commence on the Effective Date and continue for an initial term of three (3) years, after which it shall automatically renew for successive one (1) year periods unless either party gives the other written notice of non-renewal at least ninety (90) days before the end of the then-current term.",
	"Except for liability arising from a party's indemnification obligations, breach of confidentiality or gross negligence, each party's total aggregate liability arising out of or in connection with this Agreement shall not exceed the fees paid or payable by the Customer in the twelve (12) months preceding the event giving rise to the claim.",
	"In no event shall either party be liable to the other for any indirect, incidental, special, punitive or consequential damages, or for any loss of profits, revenue or data, however caused and on any theory of liability.",
	"The Supplier shall defend, indemnify and hold harmless the Customer and its Affiliates from and against any third-party claim alleging that the Services infringe any patent, copyright or trade secret, and shall pay all damages and costs finally awarded; the Supplier shall have sole control of the defence and settlement of any such claim.",
	"Each party shall keep the Confidential Information of the other party in strict confidence, use it only for the purposes of this Agreement and not disclose it to any third party other than its employees and advisers who need to know it and are bound by obligations of confidentiality no less protective than these.",
	"This Agreement and any dispute or claim arising out of or in connection with it shall be governed by and construed in accordance with the laws of the State of New York, without regard to its conflict of laws principles, and the courts of New York County shall have exclusive jurisdiction.",
	"The Customer shall pay each undisputed invoice within thirty (30) days of receipt; late payments shall bear interest at the rate of one and one-half percent (1.5%) per month or the maximum rate permitted by law, whichever is lower.",
	"The Supplier shall maintain, at its own cost, commercial general liability insurance with limits of not less than $2,000,000 per occurrence and professional indemnity insurance of not less than $5,000,000, and shall provide certificates of insurance on request.",
	"During the term and for two (2) years after it, the Customer or its auditors may, on thirty (30) days' written notice and not more than once a year, inspect and audit the Supplier's books and records relating to the fees charged under this Agreement.",
	"Either party may terminate this Agreement at any time for convenience by giving the other party not less than sixty (60) days' prior written notice.",
	"Either party may terminate this Agreement by written notice if the other party commits a material breach of it and fails to cure that breach within thirty (30) days after receiving notice of it.",
	"If the Supplier undergoes a change of control, the Customer may terminate this Agreement on thirty (30) days' written notice given within six (6) months after it is notified of the change of control.",
	"All notices under this Agreement shall be in writing and delivered by hand, by courier or by email to the addresses set out above, and shall take effect on receipt.",
	"Neither party shall be liable for any failure or delay in performing its obligations caused by events beyond its reasonable control, including fire, flood, epidemic, war, strike or failure of public utilities.",
	"The Supplier warrants that the Services will be performed in a professional manner and that the Deliverables will conform to the Specification for a period of ninety (90) days after acceptance.",
	"The Supplier shall process Personal Data only on the documented instructions of the Customer, implement appropriate technical and organisational measures, and notify the Customer of any Personal Data Breach without undue delay.",
	"The Customer shall provide the Supplier with access to its premises, systems and personnel as reasonably required for the performance of the Services, subject to the Customer's security and site policies as notified from time to time.",
	"The Supplier shall appoint a service manager who shall attend monthly review meetings with the Customer's representatives and report on progress against the milestones in the Statement of Work.",
	"If any provision of this Agreement is held invalid or unenforceable, the remaining provisions shall continue in full force and effect.",
	"This Agreement constitutes the entire agreement between the parties and supersedes all prior agreements, understandings and representations relating to its subject matter.",
	"The Supplier shall comply with all applicable laws, regulations and codes of practice in performing the Services, including anti-bribery and modern slavery laws, and shall keep records of its compliance.",
	"Changes to the scope of the Services shall be agreed in writing through the change control procedure, and no change shall take effect until a change note is signed by both parties.",
	"The Supplier shall ensure that its personnel engaged in the Services are suitably qualified and experienced, and shall replace any individual whom the Customer reasonably requests to be removed.",
}

// longContract is a ~100-page contract: 42 articles of 15 numbered clauses drawn
// from benchClauses, some with lettered items and cross references, about 30,000
// words (about 100 pages in LibreOffice).
func longContract() []genPara {
	var ps []genPara
	ps = append(ps, genPara{style: "Title", runs: plain("Master Supply Agreement")})
	ps = append(ps, genPara{runs: plain(`This Master Supply Agreement is made as of June 1, 2024 between Example Supplier Ltd, a company registered in England and Wales ("Supplier"), and Example Customer Inc., a Delaware corporation ("Customer").`)})
	k := 0
	for a := 1; a <= 42; a++ {
		ps = append(ps, genPara{num: 1, ilvl: 0, runs: []genRun{{text: fmt.Sprintf("Article heading number %d", a), bold: true}}})
		for c := 1; c <= 15; c++ {
			body := benchClauses[k%len(benchClauses)] + fmt.Sprintf(" This clause is subject to Section %d.%d.", a, max(1, c-1))
			k++
			ps = append(ps, genPara{num: 1, ilvl: 1, runs: runInHeading(fmt.Sprintf("Obligation %d.", c), body)})
			if c%5 == 0 {
				for i := 0; i < 3; i++ {
					ps = append(ps, genPara{num: 1, ilvl: 2, runs: plain("the Supplier shall keep complete and accurate records of the Services performed and make them available on request;")})
				}
			}
		}
	}
	return ps
}

// longContractText renders longContract as plain text with typed numbers.
func longContractText() []byte {
	var b strings.Builder
	a, c, i := 0, 0, 0
	for _, p := range longContract() {
		var text strings.Builder
		for _, r := range p.runs {
			text.WriteString(r.text)
		}
		switch {
		case p.num == 0:
			b.WriteString(text.String())
		case p.ilvl == 0:
			a, c = a+1, 0
			fmt.Fprintf(&b, "%d. %s", a, text.String())
		case p.ilvl == 1:
			c, i = c+1, 0
			fmt.Fprintf(&b, "%d.%d %s", a, c, text.String())
		default:
			i++
			fmt.Fprintf(&b, "(%c) %s", 'a'+i-1, text.String())
		}
		b.WriteString("\n\n")
	}
	return []byte(b.String())
}

// The Parse benchmarks time, on a ~100-page contract, plain extraction
// (plain), extraction plus clause typing (types: what issue 3 bounds at 2x
// plain) and extraction with clause types and key terms (all: what Parse does
// by default).

func BenchmarkParseDOCX(b *testing.B) {
	data := buildDOCX(b, longContract())
	b.Run("all", func(b *testing.B) { benchParse(b, "long.docx", data, nil) })
	b.Run("types", func(b *testing.B) { benchTypes(b, "long.docx", data) })
	b.Run("plain", func(b *testing.B) { benchParse(b, "long.docx", data, &Options{NoTypes: true}) })
	b.Run("ratio", func(b *testing.B) { benchRatio(b, "long.docx", data) })
}

func BenchmarkParseText(b *testing.B) {
	data := longContractText()
	b.Run("all", func(b *testing.B) { benchParse(b, "long.txt", data, nil) })
	b.Run("types", func(b *testing.B) { benchTypes(b, "long.txt", data) })
	b.Run("plain", func(b *testing.B) { benchParse(b, "long.txt", data, &Options{NoTypes: true}) })
	b.Run("ratio", func(b *testing.B) { benchRatio(b, "long.txt", data) })
}

// benchRatio reports the time of types and of all as multiples of plain (as
// the sub-benchmarks of that name), with the three run in turn in each
// iteration so that a machine's drift over a run touches them alike.
func benchRatio(b *testing.B, name string, data []byte) {
	ctx := context.Background()
	var plain, types, all time.Duration
	first := true // a round untimed, as benchParse parses once before timing
	for b.Loop() {
		if first {
			b.StopTimer()
		}
		t0 := time.Now()
		if _, err := Parse(ctx, name, data, &Options{NoTypes: true}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		doc, err := Parse(ctx, name, data, &Options{NoTypes: true})
		if err != nil {
			b.Fatal(err)
		}
		classify(doc)
		t2 := time.Now()
		if _, err := Parse(ctx, name, data, nil); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		if first {
			first = false
			b.StartTimer()
			continue
		}
		plain, types, all = plain+t1.Sub(t0), types+t2.Sub(t1), all+t3.Sub(t2)
	}
	b.ReportMetric(float64(types)/float64(plain), "types/plain")
	b.ReportMetric(float64(all)/float64(plain), "all/plain")
}

// benchTypes times Parse without types, then classify: extraction plus clause
// typing, without key terms.
func benchTypes(b *testing.B, name string, data []byte) {
	ctx := context.Background()
	// Once untimed, as benchParse does.
	doc, err := Parse(ctx, name, data, &Options{NoTypes: true})
	if err != nil {
		b.Fatal(err)
	}
	classify(doc)
	b.ReportAllocs()
	for b.Loop() {
		doc, err := Parse(ctx, name, data, &Options{NoTypes: true})
		if err != nil {
			b.Fatal(err)
		}
		classify(doc)
	}
}

// BenchmarkParseCUADText is BenchmarkParseText on real prose: CUAD dev
// contracts, in name order, run together into one text of about 100 pages (the
// size of longContract), read in place from the shared corpus (skipped without
// it). longContract repeats its clauses, and classification and key terms both
// remember what a sentence gave the first time; real contracts repeat far less,
// so this is the figure to trust. types is extraction plus clause typing, all
// is that plus key terms (what Parse does by default).
func BenchmarkParseCUADText(b *testing.B) {
	needCorpus(b)
	files, err := filepath.Glob(filepath.Join(corpusDir, "cuad-dev", "txt", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Skipf("no CUAD texts in %s: %v", corpusDir, err)
	}
	target := len(longContractText())
	var text []byte
	for _, f := range files {
		if len(text) >= target {
			break
		}
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text = append(append(text, data...), "\n\n"...)
	}
	ctx := context.Background()
	b.Run("all", func(b *testing.B) { benchParse(b, "cuad100.txt", text, nil) })
	b.Run("types", func(b *testing.B) { benchTypes(b, "cuad100.txt", text) })
	b.Run("plain", func(b *testing.B) { benchParse(b, "cuad100.txt", text, &Options{NoTypes: true}) })
	b.Run("ratio", func(b *testing.B) { benchRatio(b, "cuad100.txt", text) })
	// classify alone, on the text parsed once
	b.Run("classify", func(b *testing.B) {
		doc, err := Parse(ctx, "cuad100.txt", text, &Options{NoTypes: true})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			classify(doc)
		}
		b.ReportMetric(float64(len(text)), "bytes")
	})
}

// BenchmarkParsePDF converts the long contract to PDF with LibreOffice (skipped
// without it) and times Parse, the helper process included.
func BenchmarkParsePDF(b *testing.B) {
	if _, err := exec.LookPath("soffice"); err != nil {
		b.Skip("soffice not installed")
	}
	dir := b.TempDir()
	src := filepath.Join(dir, "long.docx")
	if err := os.WriteFile(src, buildDOCX(b, longContract()), 0o644); err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command("soffice", "-env:UserInstallation=file://"+dir+"/profile", "--headless", "--convert-to", "pdf", "--outdir", dir, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("soffice: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "long.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	if os.Getenv("CLM_BENCH_KEEP") != "" {
		os.WriteFile(os.Getenv("CLM_BENCH_KEEP")+"/long.pdf", data, 0o644)
		os.WriteFile(os.Getenv("CLM_BENCH_KEEP")+"/long.docx", buildDOCX(b, longContract()), 0o644)
		os.WriteFile(os.Getenv("CLM_BENCH_KEEP")+"/long.txt", longContractText(), 0o644)
	}
	b.Run("all", func(b *testing.B) { benchParse(b, "long.pdf", data, nil) })
	b.Run("types", func(b *testing.B) { benchTypes(b, "long.pdf", data) })
	b.Run("plain", func(b *testing.B) { benchParse(b, "long.pdf", data, &Options{NoTypes: true}) })
}

func benchParse(b *testing.B, name string, data []byte, o *Options) {
	ctx := context.Background()
	doc, err := Parse(ctx, name, data, o)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(ctx, name, data, o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(doc.Pages), "pages")
	b.ReportMetric(float64(len(doc.Clauses)), "clauses")
}

// BenchmarkClassify times typing alone on the long contract, parsed once without
// types: the share of BenchmarkParseText/types that classification costs.
func BenchmarkClassify(b *testing.B) {
	doc, err := Parse(context.Background(), "long.txt", longContractText(), &Options{NoTypes: true})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		classify(doc)
	}
}

// BenchmarkClauseTerms finds every typed clause's own terms (ClauseTerms, uncached)
// in the ~100-page contract: the extraction work a review adds on first use.
func BenchmarkClauseTerms(b *testing.B) {
	doc, err := Parse(context.Background(), "long.txt", longContractText(), nil)
	if err != nil {
		b.Fatal(err)
	}
	typed := 0
	for b.Loop() {
		typed = 0
		for ci := range doc.Clauses {
			if len(doc.Clauses[ci].Types) > 0 {
				clauseTerms(doc, ci)
				typed++
			}
		}
	}
	b.ReportMetric(float64(typed), "typed-clauses")
}
