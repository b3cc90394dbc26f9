package store

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// paragraphsFragment is a document of n paragraphs, each stating the same
// document-wide fact (the report names Türkiye) with its own evidence, as
// the extractor does for a long report, besides its own paragraph edges.
func paragraphsFragment(n int) kg.Fragment {
	const doc = "S/1"
	docID := kg.NewID(kg.KindDocument, doc)
	f := kg.Fragment{Doc: doc, Nodes: []kg.Node{
		{ID: docID, Kind: kg.KindDocument, Label: "Report S/1"},
		{ID: "state:TUR", Kind: kg.KindState, Label: "Türkiye"},
	}}
	for i := 1; i <= n; i++ {
		ref := fmt.Sprint(i)
		pid := kg.PartID(kg.KindParagraph, doc, ref)
		f.Nodes = append(f.Nodes, kg.Node{ID: pid, Kind: kg.KindParagraph, Label: "S/1, para. " + ref})
		ev := []kg.Evidence{{Doc: doc, Ref: ref, Start: 4, End: 11}}
		f.Edges = append(f.Edges,
			kg.Edge{From: docID, Kind: kg.EdgeContains, To: pid, Evidence: []kg.Evidence{{Doc: doc, Ref: ref}}},
			kg.Edge{From: pid, Kind: kg.EdgeMentions, To: "state:TUR", Evidence: ev},
			kg.Edge{From: docID, Kind: kg.EdgeMentions, To: "state:TUR", Evidence: ev})
	}
	return f
}

// allocated returns the bytes fn allocates.
func allocated(fn func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	fn()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// TestEvidenceMergeLinear: merging a fragment's evidence costs memory in
// proportion to the evidence. Ten times the paragraphs must cost well under
// twenty times the bytes; merging per duplicate cost a hundred times.
func TestEvidenceMergeLinear(t *testing.T) {
	small, large := paragraphsFragment(500), paragraphsFragment(5000)
	var err error
	a := allocated(func() { _, _, err = normalize(small) })
	if err != nil {
		t.Fatal(err)
	}
	b := allocated(func() { _, _, err = normalize(large) })
	if err != nil {
		t.Fatal(err)
	}
	if ratio := float64(b) / float64(a); ratio > 20 {
		t.Errorf("normalize allocates %d bytes for 500 paragraphs, %d for 5,000: %.0fx for 10x the evidence", a, b, ratio)
	}
	_, edges, _ := normalize(large)
	for _, e := range edges {
		if e.From == "document:S/1" && e.Kind == kg.EdgeMentions && len(e.Evidence) != 5000 {
			t.Errorf("document-wide edge has %d evidences, want 5,000", len(e.Evidence))
		}
	}
}

// BenchmarkEvidenceMerge merges the evidence of a document of 10² to 10⁵
// paragraphs that all state one document-wide fact (normalize, the step
// before the write). docs/reliability.md has the table.
func BenchmarkEvidenceMerge(b *testing.B) {
	for _, n := range []int{100, 1000, 10000, 100000} {
		f := paragraphsFragment(n)
		b.Run(fmt.Sprintf("paragraphs=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, _, err := normalize(f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
