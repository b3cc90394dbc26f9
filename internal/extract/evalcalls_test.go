package extract_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/extract"
	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
)

// TestPassageRefAndCallsAt locates labelled passages in real documents —
// by the paragraph number the source cites, or by the words of the text
// where the source cites a page — and reads the calls extraction states
// there.
func TestPassageRefAndCallsAt(t *testing.T) {
	rec, err := ingest.NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]*report.Report{}
	results := map[string]extract.Result{}
	for _, f := range []string{"../ingest/testdata/families/S-RES-2785-2025.pdf", "../ingest/testdata/families/A-47-435.pdf", "testdata/series/S-2025-395.pdf"} {
		src, err := ingest.ReadFile(f, "")
		if err != nil {
			t.Fatal(err)
		}
		rep, err := ingest.Parse(context.Background(), src)
		if err != nil {
			t.Fatal(err)
		}
		docs[f], results[f] = rep, extract.Extract(rep, rep.Symbols[0], rec)
	}
	for _, c := range []struct {
		name, file, source, text string
		ref                      string
		calls                    []string
	}{
		{"operative paragraph by number", "../ingest/testdata/families/S-RES-2785-2025.pdf", "S/RES/2785 (2025) para. 1",
			"Decides to extend, to 31 January 2026, the mandate of BINUH in accordance with its resolution 2476 (2019)", "1", []string{"operative:decides"}},
		// The number cited, but the text is another paragraph's: the text wins.
		{"number contradicted by the text", "../ingest/testdata/families/S-RES-2785-2025.pdf", "S/RES/2785 (2025) para. 1",
			"Decides to remain actively seized of the matter.", "5", []string{"operative:decides"}},
		{"operative paragraph that only reaffirms", "../ingest/testdata/families/S-RES-2785-2025.pdf", "S/RES/2785 (2025) para. 2",
			"Reaffirms paragraphs 2 through 25 of resolution 2743", "2", nil},
		{"report paragraph of reported speech", "../ingest/testdata/families/A-47-435.pdf", "A/47/435 para. 5",
			"On 4 March 1992, the Chairman of the Commission on Human Rights made a statement announcing what had been agreed upon by consensus by the Commission", "5", nil},
		{"unnumbered block by page and words", "testdata/series/S-2025-395.pdf", "S/2025/395, annex, p. 2",
			"In accordance with paragraph 20 of Security Council resolution 1244 (1999), please find attached the quarterly report on Kosovo Force operations", "annex.p2-2", nil},
		{"text of no paragraph", "testdata/series/S-2025-395.pdf", "S/2025/395, p. 1",
			"I urge the Haitian authorities and all partners to redouble their efforts to dismantle the gangs.", "", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			ref := extract.PassageRef(docs[c.file], c.source, c.text)
			if ref != c.ref {
				t.Fatalf("ref %q, want %q", ref, c.ref)
			}
			if ref == "" {
				return
			}
			// The paragraph found holds the passage.
			held := false
			docs[c.file].Walk(func(p *report.Paragraph) {
				held = held || p.Ref == ref && strings.HasPrefix(strings.Join(strings.Fields(p.Text), " "), c.text[:40])
			})
			if !held {
				t.Errorf("paragraph %s does not start with %q", ref, c.text[:40])
			}
			if got := extract.CallsAt(results[c.file].Fragment, ref); len(got)+len(c.calls) > 0 && !reflect.DeepEqual(got, c.calls) {
				t.Errorf("calls %q, want %q", got, c.calls)
			}
		})
	}
}

func TestScoreCalls(t *testing.T) {
	for _, c := range []struct {
		name                string
		passages            []extract.CallPassage
		tp, fp, fn, agree   int
		passTP, passFP, pFN int
		missed              string // the calls listed missed, when checked
	}{
		{"form and verb agree", []extract.CallPassage{{ID: "a", Labelled: []string{"call:urge"}, Found: []string{"call:urges"}}}, 1, 0, 0, 1, 1, 0, 0, ""},
		{"verbs of several words agree by their first", []extract.CallPassage{{ID: "a", Labelled: []string{"call:call on", "operative:calls upon"}, Found: []string{"call:calls upon", "operative:calls upon"}}}, 2, 0, 0, 2, 1, 0, 0, ""},
		{"form agrees, verb differs", []extract.CallPassage{{ID: "a", Labelled: []string{"operative:encourages"}, Found: []string{"operative:recalls"}}}, 1, 0, 0, 0, 1, 0, 0, ""},
		{"form differs", []extract.CallPassage{{ID: "a", Labelled: []string{"recommendation:recommends"}, Found: []string{"call:recommends"}}}, 0, 1, 1, 0, 1, 0, 0, ""},
		{"one call found of two labelled", []extract.CallPassage{{ID: "a", Labelled: []string{"call:encourage", "call:urge"}, Found: []string{"call:encourages"}}}, 1, 0, 1, 1, 1, 0, 0, "call:urge"},
		{"the call left over is the one whose verb differs", []extract.CallPassage{{ID: "a", Labelled: []string{"operative:invites", "operative:requests"}, Found: []string{"operative:requests"}}}, 1, 0, 1, 1, 1, 0, 0, "operative:invites"},
		{"a call where none is labelled, none where one is", []extract.CallPassage{
			{ID: "a", Found: []string{"operative:reaffirms"}},
			{ID: "b", Labelled: []string{"call:should"}},
			{ID: "c"},
		}, 0, 1, 1, 0, 0, 1, 1, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := extract.ScoreCalls(c.passages)
			if s.TP != c.tp || s.FP != c.fp || s.FN != c.fn || s.VerbAgree != c.agree {
				t.Errorf("TP %d FP %d FN %d verbs %d, want %d %d %d %d", s.TP, s.FP, s.FN, s.VerbAgree, c.tp, c.fp, c.fn, c.agree)
			}
			if s.PassTP != c.passTP || s.PassFP != c.passFP || s.PassFN != c.pFN {
				t.Errorf("by passage %d %d %d, want %d %d %d", s.PassTP, s.PassFP, s.PassFN, c.passTP, c.passFP, c.pFN)
			}
			if c.missed != "" && (len(s.Disagreements) != 1 || strings.Join(s.Disagreements[0].Missed, " ") != c.missed) {
				t.Errorf("disagreements %v, want %s missed", s.Disagreements, c.missed)
			}
			if (s.FP+s.FN > 0) != (len(s.Disagreements) > 0) {
				t.Errorf("disagreements %v for FP %d FN %d", s.Disagreements, s.FP, s.FN)
			}
		})
	}
}

// TestCallsAtVerbs counts every verb of a paragraph that calls more than
// once, and the calls of its lettered items.
func TestCallsAtVerbs(t *testing.T) {
	rec := func(ref, form, verb, verbs string) kg.Node {
		n := kg.Node{ID: kg.NewID(kg.KindRecommendation, "d#"+ref), Kind: kg.KindRecommendation,
			Props: map[string]string{kg.PropRef: ref, kg.PropForm: form, kg.PropVerb: verb}}
		if verbs != "" {
			n.Props[kg.PropVerbs] = verbs
		}
		return n
	}
	f := kg.Fragment{Nodes: []kg.Node{
		rec("5", kg.FormOperative, "demands", "demands | calls upon"),
		rec("5(a)", kg.FormOperative, "urges", ""),
		rec("50", kg.FormOperative, "decides", ""),
	}}
	want := []string{"operative:calls upon", "operative:demands", "operative:urges"}
	if got := extract.CallsAt(f, "5"); !reflect.DeepEqual(got, want) {
		t.Errorf("calls %q, want %q", got, want)
	}
}
