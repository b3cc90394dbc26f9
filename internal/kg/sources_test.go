package kg

import (
	"fmt"
	"runtime"
	"testing"
)

// subgraph has n edges of one evidence each, all in one document.
func subgraph(n int) *Subgraph {
	g := &Subgraph{}
	for i := 0; i < n; i++ {
		ref := fmt.Sprint(i)
		g.Edges = append(g.Edges, Edge{From: ID("paragraph:S/1#" + ref), Kind: EdgeMentions, To: "state:TUR",
			Evidence: []Evidence{{Doc: "S/1", Ref: ref}, {Doc: "S/1", Ref: ref}}})
	}
	return g
}

// TestSourcesLinear: a neighbourhood's sources cost memory in proportion to
// its evidence (merging edge by edge cost the square), and are distinct.
func TestSourcesLinear(t *testing.T) {
	alloc := func(g *Subgraph) (uint64, int) {
		var a, b runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&a)
		n := len(g.Sources())
		runtime.ReadMemStats(&b)
		return b.TotalAlloc - a.TotalAlloc, n
	}
	a, na := alloc(subgraph(500))
	b, nb := alloc(subgraph(5000))
	if na != 500 || nb != 5000 {
		t.Errorf("Sources: %d and %d distinct evidences, want 500 and 5000", na, nb)
	}
	if ratio := float64(b) / float64(a); ratio > 20 {
		t.Errorf("Sources allocates %d bytes for 500 edges, %d for 5,000: %.0fx for 10x the evidence", a, b, ratio)
	}
}

// BenchmarkSources: the sources of a neighbourhood of 10⁴ edges.
func BenchmarkSources(b *testing.B) {
	g := subgraph(10000)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		g.Sources()
	}
}
