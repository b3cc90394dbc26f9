package extract_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/crimegraph/crimegraph/internal/corpus"
	"github.com/crimegraph/crimegraph/internal/extract"
	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
)

// seriesOf returns the document's IN_SERIES target, its order and the
// MANDATED_BY targets of the document.
func seriesOf(f kg.Fragment) (series kg.ID, order string, mandates []kg.ID) {
	for _, e := range f.Edges {
		switch {
		case e.Kind == kg.EdgeInSeries:
			series, order = e.To, e.Props[kg.PropOrder]
		case e.Kind == kg.EdgeMandatedBy && e.From.Kind() == kg.KindDocument:
			mandates = append(mandates, e.To)
		}
	}
	return
}

// TestSeriesRealReports reads the two quarterly reports on Kosovo Force
// operations and UNODC's report on Haiti through the real PDF reader,
// parser and gazetteer: the two KFOR reports fall in one series under
// resolution 1244 (1999), the Haiti report in another under 2692 (2023).
func TestSeriesRealReports(t *testing.T) {
	rec, err := ingest.NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	read := func(src ingest.Source) kg.Fragment {
		rep, err := ingest.Parse(context.Background(), src)
		if err != nil {
			t.Fatalf("%s: %v", src.Name, err)
		}
		return extract.Extract(rep, ingest.DocKey(rep, src), rec).Fragment
	}
	var frags []kg.Fragment
	for _, name := range []string{"S-2025-395.pdf", "S-2025-525.pdf"} {
		src, err := ingest.ReadFile(filepath.Join("testdata", "series", name), "")
		if err != nil {
			t.Fatal(err)
		}
		frags = append(frags, read(src))
	}
	data, err := corpus.Read("S-2025-85.pdf")
	if err != nil {
		t.Fatal(err)
	}
	frags = append(frags, read(ingest.Source{Name: "S-2025-85.pdf", Data: data}))

	want := []struct{ series, mandate kg.ID }{
		{"series:S/RES/1244(1999)", "instrument:S/RES/1244(1999)"},
		{"series:S/RES/1244(1999)", "instrument:S/RES/1244(1999)"},
		{"series:S/RES/2692(2023)", "instrument:S/RES/2692(2023)"},
	}
	for i, f := range frags {
		s, _, m := seriesOf(f)
		if s != want[i].series || len(m) != 1 || m[0] != want[i].mandate {
			t.Errorf("%s: series %q, mandated by %v; want %q by %q", f.Doc, s, m, want[i].series, want[i].mandate)
		}
		var seriesNode bool
		for _, n := range f.Nodes {
			seriesNode = seriesNode || n.ID == s && n.Kind == kg.KindSeries && n.Label != ""
		}
		if s != "" && !seriesNode {
			t.Errorf("%s: no Series node %s in the fragment", f.Doc, s)
		}
	}
}

// TestSeriesSentences covers the family of mandate sentences, and the
// sentences that cite a resolution without being a mandate for the
// document.
func TestSeriesSentences(t *testing.T) {
	rec, err := ingest.NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		text, series, order, para string
	}{
		{"The present report is submitted pursuant to paragraph 9 of Security Council resolution 2692 (2023), as reiterated by the Council in paragraph 19 of its resolution 2743 (2024).", "series:S/RES/2692(2023)", "", "9"},
		{"The present report is submitted in accordance with Security Council resolution 1244 (1999) and covers Kosovo Force (KFOR) activities.", "series:S/RES/1244(1999)", "", ""},
		{"This is the sixth quarterly report submitted pursuant to Security Council resolution 2692 (2023).", "series:S/RES/2692(2023)", "6", ""},
		{"The present report has been prepared in response to General Assembly resolution 78/223, in which the Assembly requested a report.", "series:A/RES/78/223", "", ""},
		{"In accordance with paragraph 20 of Security Council resolution 1244 (1999), please find attached the quarterly report on Kosovo Force operations.", "series:S/RES/1244(1999)", "", "20"},
		// Not a mandate of this document.
		{"The Panel of Experts on Haiti established pursuant to Security Council resolution 2653 (2022) reported transfers.", "", "", ""},
		{"States should act in accordance with General Assembly resolution 78/223.", "", "", ""},
		{"The present report covers the period from January to March 2025.", "", "", ""},
	}
	for _, c := range cases {
		rep := &report.Report{Identity: report.Identity{Symbols: []string{"S/2025/1"}, Title: "Report", Body: "Security Council"},
			Paragraphs: []*report.Paragraph{{Ref: "1", Number: 1, Text: c.text}}}
		f := extract.Extract(rep, "S/2025/1", rec).Fragment
		s, order, _ := seriesOf(f)
		if string(s) != c.series || order != c.order {
			t.Errorf("%q:\n got series %q order %q, want %q order %q", c.text, s, order, c.series, c.order)
		}
		for _, e := range f.Edges {
			if e.Kind == kg.EdgeMandatedBy && e.Props["paragraph"] != c.para {
				t.Errorf("%q: mandate paragraph %q, want %q", c.text, e.Props["paragraph"], c.para)
			}
			if e.Kind == kg.EdgeMandatedBy && (len(e.Evidence) != 1 || e.Evidence[0].Ref != "1" || e.Evidence[0].End <= e.Evidence[0].Start) {
				t.Errorf("%q: mandate evidence %+v", c.text, e.Evidence)
			}
		}
	}
}
