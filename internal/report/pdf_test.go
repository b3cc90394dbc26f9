package report

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The PDF tests read the text layer of the two PDFs of the corpus as
// `pdftotext` (poppler 22.12) gives it, committed under testdata so that
// the tests need no poppler, and turn it into Lines with roughLines. The
// real front end, package pdftext, gives cleaner Lines; these tests pin
// what Parse makes of rough ones.

func parsePDFText(t testing.TB, name string) *Report {
	t.Helper()
	src, err := os.ReadFile("testdata/" + name + ".pdftotext.txt")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse(roughLines(string(src)), Options{})
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return r
}

// reportNumbers returns the numbers of the report's own paragraphs.
func reportNumbers(r *Report) []int {
	var out []int
	for _, p := range r.Paragraphs {
		if p.Number > 0 {
			out = append(out, p.Number)
		}
	}
	return out
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

func TestPDFGolden(t *testing.T) {
	for _, name := range []string{"S-2025-85", "E-2025-28"} {
		t.Run(name, func(t *testing.T) {
			golden(t, name+".golden", parsePDFText(t, name).Outline())
		})
	}
}

func TestSecurityCouncilReport(t *testing.T) {
	r := parsePDFText(t, "S-2025-85")
	if diff := cmp.Diff(seq(62), reportNumbers(r)); diff != "" {
		t.Errorf("paragraph numbers (-want +got):\n%s", diff)
	}
	wantID := Identity{
		Symbols: []string{"S/2025/85"},
		Date:    "2025-02-06",
		Title:   "Letter dated 4 February 2025 from the Secretary-General addressed to the President of the Security Council",
		Body:    "Security Council",
	}
	if diff := cmp.Diff(wantID, r.Identity); diff != "" {
		t.Errorf("identity (-want +got):\n%s", diff)
	}
	if r.Meeting != nil {
		t.Errorf("meeting %+v, want none: the report is not a meeting's", r.Meeting)
	}

	var recs []string
	for _, p := range r.Recommendations() {
		recs = append(recs, p.Ref)
		if p.Section != "recommendations" {
			t.Errorf("%s in section %q", p.Ref, p.Section)
		}
	}
	want := []string{"60(a)", "60(b)", "60(c)"}
	for c := 'a'; c <= 'l'; c++ {
		want = append(want, "61("+string(c)+")")
	}
	want = append(want, "62(a)", "62(b)", "62(c)")
	if diff := cmp.Diff(want, recs); diff != "" {
		t.Errorf("recommendations (-want +got):\n%s", diff)
	}
	d := refs(r)["61(d)"]
	if !strings.HasPrefix(d.Chapeau, "In addition, UNODC calls upon Haitian governmental authorities, as well as international stakeholders") ||
		!strings.HasPrefix(d.Text, "To encourage the development, establishment and/or operationalization of regional agreements") {
		t.Errorf("61(d) = %q, chapeau %q", d.Text, d.Chapeau)
	}
	if refs(r)["62(a)"].Chapeau != "UNODC calls in particular upon the Haitian authorities:" {
		t.Errorf("62(a) chapeau %q", refs(r)["62(a)"].Chapeau)
	}
	// 40(a)–(f), the persons arrested, are items but not recommendations.
	if p := refs(r)["40(f)"]; p == nil || p.Recommendation {
		t.Errorf("40(f) = %+v", p)
	}
}

func TestCommissionReport(t *testing.T) {
	r := parsePDFText(t, "E-2025-28")
	if diff := cmp.Diff(seq(174), reportNumbers(r)); diff != "" {
		t.Errorf("report paragraph numbers (-want +got):\n%s", diff)
	}
	if n := len(r.Recommendations()); n != 0 {
		t.Errorf("%d recommendations, want none: the resolutions are adopted text", n)
	}
	if m := r.Meeting; m == nil || m.Venue != "Vienna" || m.StartDate != "2025-03-10" || m.EndDate != "2025-03-14" || m.Ref != "164" {
		t.Errorf("meeting %+v", m)
	}

	// Every resolution and decision is a section of its own, and its text
	// stays out of the report's paragraph sequence.
	var instruments []string
	bySec := map[string]*Section{}
	r.WalkSections(func(s *Section) {
		bySec[s.Key] = s
		if s.Kind == SecResolution || s.Kind == SecDecision {
			name := string(s.Kind) + " " + s.Number
			if s.Draft {
				name = "draft " + name
			}
			instruments = append(instruments, name)
		}
	})
	want := []string{"draft decision I", "draft decision II"}
	for i := 1; i <= 6; i++ {
		want = append(want, "resolution 68/"+strconv.Itoa(i))
	}
	for i := 1; i <= 7; i++ {
		want = append(want, "decision 68/"+strconv.Itoa(i))
	}
	if diff := cmp.Diff(want, instruments); diff != "" {
		t.Errorf("resolutions and decisions (-want +got):\n%s", diff)
	}
	seen := map[string]bool{}
	var ops []string
	r.Walk(func(p *Paragraph) {
		if seen[p.Ref] {
			t.Errorf("ref %s appears twice", p.Ref)
		}
		seen[p.Ref] = true
		s := bySec[p.Section]
		inInstrument := s != nil && (s.Kind == SecResolution || s.Kind == SecDecision)
		if inInstrument != (p.Number == 0) {
			t.Errorf("%s: number %d in section %s", p.Ref, p.Number, p.Section)
		}
		if strings.HasPrefix(p.Ref, "res68/1.op") && !strings.Contains(p.Ref, "(") {
			ops = append(ops, p.Ref)
		}
	})
	var wantOps []string
	for i := 1; i <= 9; i++ {
		wantOps = append(wantOps, "res68/1.op"+strconv.Itoa(i))
	}
	if diff := cmp.Diff(wantOps, ops); diff != "" {
		t.Errorf("operative paragraphs of resolution 68/1 (-want +got):\n%s", diff)
	}
	if p := refs(r)["res68/1.op2"]; !strings.HasPrefix(p.Text, "Calls upon Member States to identify the gaps") {
		t.Errorf("res68/1.op2 = %q", p.Text)
	}
}
