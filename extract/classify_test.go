package extract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
)

// clsDoc builds a document of one clause over the given blocks.
func clsDoc(heading string, blocks ...string) *Document {
	doc := &Document{Format: FormatText}
	for i, b := range blocks {
		doc.Blocks = append(doc.Blocks, Block{Index: i, Kind: BlockParagraph, Text: b})
	}
	last := len(blocks) - 1
	doc.Clauses = []Clause{{ID: "c1", Heading: heading, Level: 1, Kind: KindClause,
		Span: Span{End: Position{Block: last, Offset: len(blocks[last])}}}}
	return doc
}

// TestClassifySentences checks, per type, sentences that must and must not give it.
func TestClassifySentences(t *testing.T) {
	tests := []struct {
		text string
		want ClauseType
		ok   bool
	}{
		{"This Agreement shall be governed by and construed in accordance with the laws of the State of New York, without regard to its conflict of laws principles.", "governing_law", true},
		{"The laws of England and Wales shall govern this Agreement.", "governing_law", true},
		{"Each party shall comply with all applicable laws in performing its obligations.", "governing_law", false},

		{"Neither party may assign this Agreement without the prior written consent of the other party, except to an Affiliate.", "assignment", true},
		{"Any purported assignment in violation of this Section shall be null and void.", "assignment", true},
		{"Licensee may not transfer this Agreement or any of its rights hereunder without Licensor's consent.", "assignment", true},
		{"Consultant hereby assigns to the Company all right, title and interest in the Work Product.", "assignment", false},
		{"Capitalized terms shall have the meanings assigned to them in the Lease.", "assignment", false},

		{"A change of control of either party shall be deemed an assignment for purposes of this Section.", "change_of_control", true},
		{"Either party may terminate this Agreement upon notice if the other party merges with or sells all or substantially all of its assets to a competitor.", "change_of_control", true},
		{"Supplier shall control the manufacturing process.", "change_of_control", false},

		{"Either party may terminate this Agreement for convenience upon thirty (30) days' prior written notice.", "termination_for_convenience", true},
		{"Customer may terminate this Agreement at any time, for any reason, upon sixty (60) days written notice to Supplier.", "termination_for_convenience", true},
		{"Either party may terminate this Agreement upon thirty (30) days' written notice if the other party materially breaches this Agreement and fails to cure.", "termination_for_convenience", false},
		{"Upon termination of this Agreement for any reason, Distributor shall return all materials.", "termination_for_convenience", false},

		{"The initial term of this Agreement shall be three (3) years from the Effective Date.", "expiration", true},
		{"This Agreement shall commence on the Effective Date and shall continue in effect until December 31, 2025.", "expiration", true},
		{"During the term of this Agreement, Consultant shall use best efforts to promote the Products.", "expiration", false},

		{"This Agreement shall automatically renew for successive one (1) year periods unless either party gives notice of non-renewal.", "renewal", true},
		{"Licensee shall have the option to renew this Agreement for two additional five-year terms.", "renewal", true},
		{`"Calendar Quarter" means each successive period of three consecutive calendar months.`, "renewal", false},
		{"Licensee shall renew its insurance policies annually.", "renewal", false},

		{"This Agreement shall automatically renew for successive one (1) year periods unless either party gives written notice of non-renewal at least ninety (90) days prior to the end of the then-current term.", "renewal_notice", true},
		{"The term shall be extended automatically unless either party notifies the other of its intention not to renew.", "renewal_notice", true},
		{"Supplier shall give thirty (30) days' prior written notice of cancellation, non-renewal or material change in the insurance.", "renewal_notice", false},

		{"In no event shall either party's aggregate liability exceed the fees paid in the twelve (12) months preceding the claim.", "liability_cap", true},
		{"In no event shall either party be liable for any indirect, incidental or consequential damages.", "liability_cap", true},
		{"Neither party shall be liable for any delay caused by events beyond its reasonable control.", "liability_cap", false},

		{"Distributor shall maintain, at its own expense, comprehensive general liability insurance with limits of not less than $1,000,000 per occurrence.", "insurance", true},
		{"The Company is an insurance company licensed in Delaware.", "insurance", false},

		{"Licensor shall have the right, upon reasonable notice, to audit the books and records of Licensee relating to royalties.", "audit_rights", true},
		{"Company shall permit Customer to inspect its manufacturing facilities during normal business hours.", "audit_rights", true},
		{"The Company shall deliver its audited financial statements within 90 days after year end.", "audit_rights", false},

		{"Any notice under this Agreement shall be in writing and delivered by certified mail.", "notices", true},
		{"If any provision of this Agreement is held invalid or unenforceable, the remaining provisions shall continue in full force and effect.", "severability", true},
		{"This Agreement constitutes the entire agreement between the parties and supersedes all prior agreements.", "entire_agreement", true},
		{"Neither party shall be liable for failure to perform caused by acts of God or other force majeure events.", "force_majeure", true},
		{"Supplier shall indemnify and hold harmless Customer from any third-party claims.", "indemnification", true},
		{"Any dispute shall be finally settled by arbitration in New York.", "dispute_resolution", true},

		// Regression cases for the wordings fixed for issue 3.
		{"The Joint Venture shall commence on the 1st of March, 2003, and shall be effective until February 28, 2004.", "expiration", true},
		{"Unless terminated earlier as provided in this agreement, this Agreement shall have an initial term of three (3) years.", "expiration", true},
		{"Unless earlier terminated in accordance with this paragraph 7, this Agreement shall continue indefinitely.", "expiration", true},
		{"Term: twelve (12) months from the date of the Agreement.", "expiration", true},
		{"During the Initial Term, the Distributor will run two campaigns each quarter.", "expiration", false},
		{`"Term" has the meaning set forth in Section 7.1.`, "expiration", false},
		{`"Term" means the period determined in accordance with Section 5.`, "expiration", false},
		{"The Company grants the Reseller a perpetual, non-exclusive licence under the terms of this Agreement.", "expiration", false},
		{"The licence shall survive and remain in effect until all fees have been paid.", "expiration", false},

		{"Licensor may terminate this Agreement upon thirty (30) days' notice if Licensee merges with or is acquired by a competitor of Licensor.", "change_of_control", true},
		{"A sale of stock or a merger of the Developer shall be deemed a transfer prohibited by this Section.", "change_of_control", true},
		{"Either party may assign this Agreement without the other party's consent to a successor in a merger or a sale of substantially all of its assets.", "change_of_control", false},
		{"No such consent shall be required for an assignment to a purchaser of all or substantially all of the assigning party's business.", "change_of_control", false},
		{`"Change of Control" means the acquisition by any person of more than half of the voting shares of a party.`, "change_of_control", false},
		{"This Agreement binds and inures to the benefit of the parties and any successor by merger or consolidation.", "change_of_control", false},

		{"The Hospital and its patients are intended third party beneficiaries of Section 8.", "third_party_beneficiary", true},
		{"There are no third-party beneficiaries of this Agreement.", "third_party_beneficiary", false},
		{"Nothing in this Agreement confers any right on a person who is not a party, and no one else is a beneficiary of it.", "third_party_beneficiary", false},

		{"Neither party shall make any statement that disparages the other party or its products.", "non_disparagement", true},
		{"The Reseller shall refrain from any practice that may be harmful to the reputation of the Brand.", "non_disparagement", true},
		{"The Licensee shall not bring the Marks into disrepute.", "non_disparagement", true},
		{"The rights in this Section are in addition to, and not in derogation of, any other rights of the Agent.", "non_disparagement", false},

		// Wordings fixed for the margin above issue 3's floors.
		{"This Development Agreement will begin on the Effective Date and continue for four (4) years unless earlier terminated.", "expiration", true},
		{`The rights granted hereunder shall be effective as of the Effective Date until December 31, 2006 (the "Term").`, "expiration", true},
		{"Termination Date: December 31, 2023", "expiration", true},
		{"The Initial Term of this Technical Infrastructure Maintenance Agreement is twelve months, commencing on the Effective Date.", "expiration", true},
		{`"Term" means the period commencing on the Effective Date and continuing until this Agreement is terminated pursuant to Section 10.`, "expiration", true},
		{"The parties agree that the terms of this Agreement will be treated as Confidential Information.", "expiration", false},
		{"All payments under the terms of this Agreement shall be made in US Dollars.", "expiration", false},

		{"The term of this Agreement shall be two (2) years with automatic annual renewals thereafter.", "renewal", true},
		{"This Agreement shall renew automatically for successive one-year terms unless the parties mutually agree otherwise.", "renewal", true},
		{"After the Initial Term, the term may be extended by a further period of five (5) years by mutual written agreement of the parties.", "renewal", false},
		{"Unless earlier terminated in accordance with this paragraph 8, this Agreement shall continue indefinitely.", "renewal", false},
		{"The termination, expiration or non-renewal of this Agreement shall not relieve either Party of any accrued obligation.", "renewal", false},
		{"Nothing in this Section 11 will extend the Term.", "renewal", false},

		{"Bioamber shall have the right to audit Cargill time sheets from time to time.", "audit_rights", true},
		{"MA shall keep accurate records of sales and shall make these records available for review by a representative of Company.", "audit_rights", true},
		{"All traffic reports shall be audited by the third party traffic auditor selected by the parties.", "audit_rights", true},
		{"Distributor will promptly inspect the Products upon receipt at Distributor's facility to determine whether any Products are defective.", "audit_rights", false},
		{`"Field" means the design, manufacture, installation, delivery, inspection, testing of, support, operations and maintenance of boilers.`, "audit_rights", false},

		{"If no such request is made, Supplier shall ship in accordance with the Purchase Order, with no extra insurance.", "insurance", false},
		{"The Consultant shall be solely responsible for all income taxes, unemployment insurance and social security taxes.", "insurance", false},
		{"All direct costs, which shall include any insurance costs in connection with the Products, shall be borne by the Joint Venture.", "insurance", false},

		{"Neither Licensor nor Licensee, nor any of their Affiliates, shall have any liability of any type for any special, punitive or consequential damages.", "liability_cap", true},
		{"Supplier's liability for indirect loss, including loss of profit and lost savings, is excluded.", "liability_cap", true},
		{"In the case of termination for default, the remedies of the Licensor shall be limited to termination of this Agreement and recovery of costs.", "liability_cap", true},
		{"Nothing in this Agreement limits or excludes the liability of either party for death or personal injury caused by its negligence, or for fraud.", "liability_cap", true},
		{"Nothing in this Agreement limits or excludes the liability of either party for death or personal injury caused by its negligence, or for fraud.", "uncapped_liability", true},
		{"Neither party shall be liable for any failure caused by events beyond its reasonable control.", "uncapped_liability", false},

		{"No Participant may transfer its interest in the Venture without the consent of the other Participants.", "assignment", true},
		{"A party makes an assignment for the benefit of its creditors without the consent of the other party.", "assignment", false},
		{"Each work assignment shall be agreed in writing and may not be changed without the prior written consent of the Customer.", "assignment", false},
		{"All Inventions shall automatically be assigned to the Company without any further consent of the Consultant.", "assignment", false},
		{"Sponsor warrants that its advertising content does not contain any defamatory or obscene material.", "non_disparagement", false},
	}
	for _, tc := range tests {
		doc := clsDoc("", tc.text)
		classify(doc)
		got := false
		for _, tt := range doc.Clauses[0].Types {
			if tt.Type == tc.want {
				got = true
				if ev := doc.Text(tt.Evidence); ev != tc.text {
					t.Errorf("%s: evidence %q, want the whole sentence", tc.want, ev)
				}
			}
		}
		if got != tc.ok {
			t.Errorf("%s = %v, want %v for %q (types %v)", tc.want, got, tc.ok, tc.text, doc.Clauses[0].Types)
		}
	}
}

// TestClassifyEvidence checks that the evidence is the first triggering sentence,
// located in the right block, in a clause over several blocks.
func TestClassifyEvidence(t *testing.T) {
	gl := "This Agreement is governed by the laws of Delaware."
	as := "Neither party may assign this Agreement without the other party's prior written consent."
	doc := clsDoc("Miscellaneous",
		"12. Miscellaneous. Acme Inc. and Beta Corp. agree as follows. "+gl,
		"(a) Notices are given under Sec. 5.2 of the U.S. Code. "+as+" "+as)
	classify(doc)
	want := map[ClauseType]Span{
		"governing_law": {Start: Position{0, len(doc.Blocks[0].Text) - len(gl)}, End: Position{0, len(doc.Blocks[0].Text)}},
		"assignment":    {Start: Position{1, strings.Index(doc.Blocks[1].Text, as)}, End: Position{1, strings.Index(doc.Blocks[1].Text, as) + len(as)}},
	}
	got := map[ClauseType]Span{}
	for _, tt := range doc.Clauses[0].Types {
		got[tt.Type] = tt.Evidence
	}
	for typ, sp := range want {
		if got[typ] != sp {
			t.Errorf("%s evidence %+v %q, want %+v %q", typ, got[typ], doc.Text(got[typ]), sp, doc.Text(sp))
		}
	}
	// The clause may start and end inside blocks: evidence stays within it.
	doc = clsDoc("", "Preceding text. "+gl+" Trailing.", "Intro. "+as)
	doc.Clauses[0].Span = Span{Start: Position{0, len("Preceding text. ")}, End: Position{1, len("Intro. ") + 10}}
	classify(doc)
	for _, tt := range doc.Clauses[0].Types {
		if tt.Type == "assignment" {
			t.Errorf("assignment found in text outside the clause: %q", doc.Text(tt.Evidence))
		}
		if tt.Type == "governing_law" && doc.Text(tt.Evidence) != gl {
			t.Errorf("governing_law evidence %q", doc.Text(tt.Evidence))
		}
	}
}

// TestClassifyHeading checks that a heading types the clause, and that a clause
// holding only its heading gets no type.
func TestClassifyHeading(t *testing.T) {
	doc := clsDoc("Insurance", "9. Insurance. Each party shall keep adequate cover in place.")
	classify(doc)
	if len(doc.Clauses[0].Types) == 0 || doc.Clauses[0].Types[0].Type != "insurance" {
		t.Errorf("types %v, want insurance from the heading", doc.Clauses[0].Types)
	}
	for _, tc := range []struct{ heading, text string }{
		{"Limitation of Liability", "16. LIMITATION OF LIABILITY."},
		{"TERM", "ARTICLE XII - TERM"},
		{"TERM", "SECTION 4.0 TERM......................................"},
		{"Insurance", "Section 9 (b) Insurance"},
	} {
		doc = clsDoc(tc.heading, tc.text)
		classify(doc)
		if len(doc.Clauses[0].Types) != 0 {
			t.Errorf("heading-only clause %q typed %v", tc.text, doc.Clauses[0].Types)
		}
	}
	// A heading that denies the type gives none.
	doc = clsDoc("No Third Party Beneficiaries", "12.4 No Third Party Beneficiaries. This Agreement is for the sole benefit of the parties.")
	classify(doc)
	for _, tt := range doc.Clauses[0].Types {
		if tt.Type == "third_party_beneficiary" {
			t.Errorf("%q typed third_party_beneficiary", doc.Blocks[0].Text)
		}
	}
}

// TestClassifyFrontMatter checks that parties come from the front matter only.
func TestClassifyFrontMatter(t *testing.T) {
	text := "This Agreement is made between Acme Inc. and Beta LLC."
	doc := clsDoc("", text, "1. Services. The Supplier shall perform the services agreed between the parties and Beta.", text)
	doc.Clauses = []Clause{
		{ID: "c1", Kind: KindPreamble, Span: Span{End: Position{0, len(doc.Blocks[0].Text)}}},
		{ID: "c2", Kind: KindClause, Number: "1.", Heading: "Services", Span: Span{Start: Position{1, 0}, End: Position{1, len(doc.Blocks[1].Text)}}},
		{ID: "c3", Kind: KindClause, Span: Span{Start: Position{2, 0}, End: Position{2, len(doc.Blocks[2].Text)}}},
	}
	classify(doc)
	for i, want := range []bool{true, true, false} {
		got := false
		for _, tt := range doc.Clauses[i].Types {
			got = got || tt.Type == "parties"
		}
		if got != want {
			t.Errorf("clause %s parties = %v, want %v", doc.Clauses[i].ID, got, want)
		}
	}
}

// TestClassifyLead checks that a list item takes a type from its parent's
// lead-in, and that the parent gets it too.
func TestClassifyLead(t *testing.T) {
	tests := []struct {
		name       string
		lead, item string
		want       bool
	}{
		{"termination lead", "12.2 Licensor may terminate this Agreement upon written notice if any of the following occurs:", "(b) Licensee is acquired by a third party;", true},
		{"no trigger in lead", "12.2 The following are the Licensee's affiliates:", "(b) any entity acquired by Licensee after the Effective Date;", false},
		{"lead not a list", "12.2 Licensor may terminate this Agreement upon written notice.", "(b) Licensee is acquired by a third party;", false},
	}
	for _, tc := range tests {
		doc := clsDoc("", tc.lead, tc.item)
		doc.Clauses = []Clause{
			{ID: "c1", Kind: KindClause, Number: "12.2", Level: 1, Span: Span{End: Position{0, len(tc.lead)}}},
			{ID: "c2", Kind: KindClause, Number: "(b)", Level: 2, Parent: "c1", Span: Span{Start: Position{1, 0}, End: Position{1, len(tc.item)}}},
		}
		classify(doc)
		for i, c := range doc.Clauses {
			got := false
			for _, tt := range c.Types {
				if tt.Type == "change_of_control" {
					got = true
					if ev := doc.Text(tt.Evidence); ev != doc.Blocks[i].Text {
						t.Errorf("%s: %s evidence %q, want %q", tc.name, c.ID, ev, doc.Blocks[i].Text)
					}
				}
			}
			if got != tc.want {
				t.Errorf("%s: %s change_of_control = %v, want %v (types %v)", tc.name, c.ID, got, tc.want, c.Types)
			}
		}
	}
}

// TestClassifyNeed checks the literals derived from patterns: every match
// holds one literal of each group.
func TestClassifyNeed(t *testing.T) {
	tests := []struct {
		pat  string
		want string
	}{
		{`\bgoverning law\b`, "[[governing law]]"},
		{`\bchange (of|in) control\b`, "[[change of control change in control]]"},
		{`\b(notices?|communications?)\b[^;]{0,160}\bin writing\b`, "[[notices notice communications communication] [in writing]]"},
		// An alternation needs one group of each branch: (a and b) or c.
		{`\bgoverning law\b|\blaws? of [^;]{0,80}\bshall govern\b`, "[[governing law laws of  law of ] [governing law shall govern]]"},
		{`\b(is|be)\b`, "[]"},
		{`\b(is|be)\b`, "[]"},
		{`\b(assign|x)\b`, "[]"},
	}
	for _, tc := range tests {
		if got := fmt.Sprint(clsRes(tc.pat)[0].need); got != tc.want {
			t.Errorf("need(%s) = %s, want %s", tc.pat, got, tc.want)
		}
	}
}

// TestClassifyAutomaton checks that one scan finds every literal, in either
// case, in a text long enough to be scanned as two halves.
func TestClassifyAutomaton(t *testing.T) {
	filler := strings.Repeat("lorem ipsum dolor sit amet ", 20)
	text := "GOVERNING LAW " + filler + "change of control" + filler + "Indemnification"
	seen := clsAC().newSet()
	clsAC().scan(text, seen)
	for _, lit := range []string{"governing law", "change of control", "indemn", "law"} {
		id, ok := clsAC().lits[lit]
		if !ok {
			t.Errorf("literal %q not in the automaton", lit)
			continue
		}
		if !seen.has(id) {
			t.Errorf("literal %q not found", lit)
		}
	}
	for _, lit := range []string{"arbitra", "severab"} {
		if id, ok := clsAC().lits[lit]; ok && seen.has(id) {
			t.Errorf("literal %q found but absent", lit)
		}
	}
}

func TestClassifySplitSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Acme Inc. shall pay. Beta Corp. shall deliver.", []string{"Acme Inc. shall pay.", "Beta Corp. shall deliver."}},
		{"1. Definitions. The terms below apply.", []string{"1. Definitions.", "The terms below apply."}},
		{"See Sec. 5.2 of the U.S. Code. Then stop.", []string{"See Sec. 5.2 of the U.S. Code.", "Then stop."}},
		{"(a) Goods shipped. (b) Goods paid.", []string{"(a) Goods shipped.", "(b) Goods paid."}},
		{`It said "stop." Then it went, i.e. away.`, []string{`It said "stop."`, "Then it went, i.e. away."}},
	}
	for _, tc := range tests {
		var got []string
		var ranges [][2]int
		clsSplitSentences(tc.text, 0, len(tc.text), func(lo, hi int) { ranges = append(ranges, [2]int{lo, hi}) })
		for _, r := range ranges {
			got = append(got, tc.text[r[0]:r[1]])
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("split %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestClassifyPlaybookWordings checks wordings the shipped playbooks' tests
// (issue 4) showed untyped: confidentiality duties without the heading,
// data protection vocabulary without "personal data", and carve-outs from the
// limitation of liability in the present tense.
func TestClassifyPlaybookWordings(t *testing.T) {
	tests := []struct {
		text string
		want ClauseType
		ok   bool
	}{
		{"Recipient's obligations under this Agreement survive for three (3) years after the date of disclosure.", "confidentiality", true},
		{"The obligations with respect to Confidential Information shall survive for five years following termination.", "confidentiality", true},
		{"Each party's obligations of confidentiality under this Section 8 survive termination of this Agreement.", "confidentiality", true},
		{"The Receiving Party shall hold all information received from the Disclosing Party in strict confidence.", "confidentiality", true},
		{"Recipient shall not disclose Confidential Information to anyone other than its employees who need to know it.", "confidentiality", true},
		{"Recipient may disclose Confidential Information to its advisers who are bound by obligations no less protective than these.", "confidentiality", true},
		{"Upon request Recipient shall return or destroy all Confidential Information in its possession.", "confidentiality", true},
		{"The warranties in Section 9 survive for one year after delivery.", "confidentiality", false},
		{"Each party shall comply with the disclosure requirements of the securities laws.", "confidentiality", false},

		{"Processor may engage Sub-processors at its discretion.", "data_protection", true},
		{"Processor shall implement appropriate technical and organisational measures to ensure a level of security appropriate to the risk.", "data_protection", true},
		{"Processor shall assist Controller in responding to requests from data subjects.", "data_protection", true},
		{"Supplier shall ship the food processors by sea freight.", "data_protection", false},

		{"The limitations in Section 11.1 do not apply to a party's indemnification obligations.", "uncapped_liability", true},
		{"The foregoing exclusions do not apply to breach of Section 8 (Confidentiality).", "uncapped_liability", true},
		{"The limit on weekly working time in the Regulations does not apply to the Executive.", "uncapped_liability", false},
		{"The limitations in Section 11.1 do not apply to a party's indemnification obligations.", "liability_cap", true},
		{"Any claim under this Section is subject to the limitations of liability in the Agreement.", "liability_cap", true},
		{"Any claim under this Section is subject to the terms of the Agreement.", "liability_cap", false},
	}
	for _, tc := range tests {
		doc := clsDoc("", tc.text)
		classify(doc)
		got := false
		for _, tt := range doc.Clauses[0].Types {
			if tt.Type == tc.want {
				got = true
			}
		}
		if got != tc.ok {
			t.Errorf("%s = %v, want %v for %q (types %v)", tc.want, got, tc.ok, tc.text, doc.Clauses[0].Types)
		}
	}
}

// TestLeadStrings checks the strings every match starts with and the bound on
// a match's length that a termLead's windowed search relies on.
func TestLeadStrings(t *testing.T) {
	tests := []struct {
		pat   string
		lead  string
		wb    bool
		bound clsBound
	}{
		{`\b(notices?|communications?)\b[^;]{0,160}\bin writing\b`, "[notices notice communications communication]", true, clsBound{runes: 184}},
		{`\b(hereby )?assigns? to\b`, "[hereby assigns to hereby assign to assigns to assign to]", true, clsBound{runes: 17}},
		{`\bterminat\w*\b[^;]{0,20}\s+x`, "[terminat]", true, clsBound{runes: 29, words: 1, spaces: 1}},
		{`\bseverab\w*|\bsevered\b`, "[severab severed]", true, clsBound{runes: 7, words: 1}},
		{`["“]change of control`, `["change of control “change of control]`, false, clsBound{runes: 18}},
		{`\b(this (\w+ ){0,2}|the )(agreement|term)\b`, "[this  the ]", true, clsBound{runes: 16, words: 2}},
		{`^whereas\b`, "[]", false, clsBound{}},
		{`\bfoo\b.*bar`, "[foo]", true, clsBound{runes: 6, inf: true}},
	}
	for _, tc := range tests {
		tree, err := syntax.Parse(tc.pat, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		p := termNewLead(tree, tc.pat)
		if p == nil {
			p = &termLead{}
		}
		if got := fmt.Sprint(p.lead); got != tc.lead || p.wb != tc.wb || p.lead != nil && p.bound != tc.bound {
			t.Errorf("lead(%s) = %s %v %+v, want %s %v %+v", tc.pat, got, p.wb, p.bound, tc.lead, tc.wb, tc.bound)
		}
	}
}

// TestClassifyProbes checks that every pattern of the rules answers, through
// its needed literals and prx, as the regexp package does on the lower-cased
// text, on sentences built to probe the edges: a literal inside a word, at the
// start, next to non-ASCII letters, before a long word, long gaps, and the
// Kelvin sign and the dotted capital I that lower-case to ASCII letters
// ("\u212aeep" is "keep" once lower-cased, though no ASCII literal finds it).
func TestClassifyProbes(t *testing.T) {
	pad := strings.Repeat("the parties acknowledge the foregoing recitals ", 4)
	texts := []string{
		"notice of non-renewal shall be given in writing " + pad,
		pad + "prenotice: the supplier shall give notice in writing to the customer",
		pad + "“Change of Control” means a change in the ownership of the Supplier; the Customer may terminate",
		pad + "Neither party may assign this Agreement without the prior written consent of the other party",
		pad + "neither party may assign" + strings.Repeat("x", 300) + " this Agreement without consent",
		pad + "THE SUPPLIER SHALL MAINTAIN INSURANCE WITH LIMITS OF NOT LESS THAN $1,000,000 ÉTÉ ÉTÉ",
		pad + "Either party may terminate this Agreement for convenience on ninety (90) days' written notice",
		pad + "this agreement shall be governed by the laws of the State of New York \u212aeep",
		pad + "the \u212aeep clause: Licensee hereby assigns to Licensor all intellectual property",
		"the receiving party shall \u212aeep the Confidential Information in strict confidence",
		"each party shall \u212aEEP CONFIDENTIAL all information disclosed and shall not disclose \u0130t",
		"THIS AGREEMENT SHALL BE GOVERNED BY THE LAWS OF \u0130LLINOIS",
		"Confidential Information shall not be disclosed " + pad + "the receiving party shall keep it in strict confidence",
		pad + "This Agreement is made as of June 1, 2024 between Acme Inc. and Beta LLC, effective January 1, 2025",
		pad + "the initial term of this agreement shall commence on the effective date and continue for three (3) years",
	}
	pats := clsAllPatterns()
	matched := 0
	for _, text := range texts {
		for _, cut := range []int{0, 7, 31} { // shift the text
			raw := text[cut:]
			for _, p := range pats {
				sn := &clsSentence{raw: raw, seen: clsAC().newSet()}
				clsAC().scan(raw, sn.seen)
				want := regexp.MustCompile(p.src).MatchString(sn.text())
				if got := p.match(sn); got != want {
					t.Errorf("match(%s) = %v, regexp %v on %q", p.src, got, want, raw)
				}
				if want {
					matched++
				}
			}
		}
	}
	if matched == 0 {
		t.Error("no pattern matched the probe sentences")
	}
}

// TestClsDateDigits checks the cheap test before clsDateOnly: it must pass every
// text with a date clsDateRe matches, and it should refuse a text with no
// digits in a date's shape.
func TestClsDateDigits(t *testing.T) {
	tests := []struct {
		s          string
		digits, re bool
	}{
		{"dated as of june 1, 2020", true, true},
		{"the 1st day of june, 2020", true, true},
		{"1st june 2020", true, true},
		{"signed on 6/1/20 by", true, true},
		{"on 6/1 only", true, false},
		{"this day of june, 2020", true, true},
		{"in 2020", true, false},
		{"section 12.3 of the agreement", false, false},
		{"within thirty (30) days", false, false},
		{"1/", false, false},
		{"/1", false, false},
		{"", false, false},
	}
	for _, tt := range tests {
		if got := clsDateDigits(tt.s); got != tt.digits {
			t.Errorf("clsDateDigits(%q) = %v; want %v", tt.s, got, tt.digits)
		}
		if got := clsDateOnly.match(tt.s); got != tt.re {
			t.Errorf("clsDateOnly.match(%q) = %v; want %v", tt.s, got, tt.re)
		}
		sn := clsSentence{raw: tt.s}
		if got := sn.hasDate(); got != tt.re {
			t.Errorf("hasDate(%q) = %v; want %v", tt.s, got, tt.re)
		}
	}
	// every sentence of the bench clauses with a date passes the cheap test
	for _, c := range benchClauses {
		if clsDateOnly.match(strings.ToLower(c)) && !clsDateDigits(c) {
			t.Errorf("clsDateDigits(%q) = false on a text with a date", c)
		}
	}
}

// TestScanAll checks that scanning sentences four runs at a time gives each
// sentence the literals and rules scanning it alone gives, for batches of
// every size up to the benchmark clauses (and a long sentence cut across
// runs), and for the sentences of the CUAD dev texts where the shared corpus
// is present.
func TestScanAll(t *testing.T) {
	ac := clsAC()
	texts := append([]string(nil), benchClauses...)
	texts = append(texts, strings.Repeat("Neither party may assign this Agreement without consent; ", 40), "", "x")
	if _, err := os.Stat(corpusDir); err == nil {
		files, _ := filepath.Glob(filepath.Join(corpusDir, "cuad-dev", "txt", "*.txt"))
		for _, f := range files[:min(len(files), 20)] {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Parse(context.Background(), f, data, &Options{NoTypes: true})
			if err != nil {
				t.Fatal(err)
			}
			for ci := range doc.Clauses {
				for _, sn := range clsClauseSentences(doc, &doc.Clauses[ci]) {
					texts = append(texts, sn.raw)
				}
			}
		}
	}
	check := func(batch []string) {
		t.Helper()
		sents := make([]clsSentence, len(batch))
		ptrs := make([]*clsSentence, len(batch))
		for i, s := range batch {
			sents[i] = clsSentence{raw: s, seen: ac.newSet()}
			ptrs[i] = &sents[i]
		}
		ac.scanAll(ptrs, new(clsScratch))
		for i, s := range batch {
			want := ac.newSet()
			rules := ac.scan(s, want)
			if sents[i].rules != rules || !slices.Equal(sents[i].seen, want) {
				t.Fatalf("scanAll of %d texts: text %d (%.60q) differs from scan", len(batch), i, s)
			}
		}
	}
	for n := 1; n <= len(benchClauses)+3; n++ {
		check(texts[:n])
	}
	for lo := 0; lo < len(texts); lo += 64 {
		check(texts[lo:min(lo+64, len(texts))])
	}
	// The longest literal at every place against the cuts of a long text.
	longest := ""
	for l := range ac.lits {
		if len(l) > len(longest) || len(l) == len(longest) && l < longest {
			longest = l
		}
	}
	for pad := 0; pad < 3*ac.maxLen; pad++ {
		check([]string{strings.Repeat("z", pad) + longest + strings.Repeat(" z", 20*ac.maxLen)})
		check([]string{strings.Repeat("z", 10*ac.maxLen), strings.Repeat("z", pad) + longest + strings.Repeat("z", 10*ac.maxLen)})
	}
}
