package explore_test

import (
	"testing"

	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/store"
	"github.com/crimegraph/crimegraph/internal/store/storetest"
)

// BenchmarkNeighbourhood50 times what the API's neighbourhood query runs:
// Explorer.Neighbourhood with the API's defaults (depth 1, every edge kind
// but MENTIONS) around a node with 50 edges, in an on-disk store. Besides
// the focus's edges both ways and the 50 nodes, it reads the edges of each
// of the 50 to find those among them. Target ≤ 200 µs
// (docs/performance.md).
func BenchmarkNeighbourhood50(b *testing.B) {
	s, err := store.Open(store.Options{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	// The document node: 49 CONTAINS out and one ATTENDED in.
	rec, f := storetest.Doc("S/2025/0", 49)
	if _, err := s.Put(ctx, rec, f); err != nil {
		b.Fatal(err)
	}
	x := explore.New(s, explore.Options{})
	id := kg.ID("document:S/2025/0")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := x.Neighbourhood(ctx, id, explore.NeighbourhoodQuery{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Nodes) != 51 || len(res.Edges) != 50 || res.Truncated {
			b.Fatalf("neighbourhood has %d nodes and %d edges (truncated %v), want 51 and 50", len(res.Nodes), len(res.Edges), res.Truncated)
		}
	}
}
