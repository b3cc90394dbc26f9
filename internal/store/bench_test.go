package store

import (
	"fmt"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/store/storetest"
)

// benchStore returns an on-disk store holding docs documents of paras
// paragraphs each, the shape of a small real corpus.
func benchStore(b *testing.B, docs, paras int) *Store {
	b.Helper()
	s, err := Open(Options{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	for d := 0; d < docs; d++ {
		rec, f := storetest.Doc(fmt.Sprintf("S/2025/%d", d), paras)
		if _, err := s.Put(ctx, rec, f); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkGetNode: target ≤ 10 µs.
func BenchmarkGetNode(b *testing.B) {
	s := benchStore(b, 20, 50)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Node(ctx, "state:TUR"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEdgeReads50: the raw store reads of a node with 50 edges — its
// edges both ways, of every kind, and the nodes at their other ends. The
// API's neighbourhood does more; internal/explore's BenchmarkNeighbourhood50
// times that.
func BenchmarkEdgeReads50(b *testing.B) {
	s := benchStore(b, 1, 49) // document node: 49 CONTAINS + ATTENDED in = 50 edges
	id := kg.ID("document:S/2025/0")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := s.Edges(ctx, id, kg.EdgeQuery{Dir: kg.Out})
		if err != nil {
			b.Fatal(err)
		}
		in, err := s.Edges(ctx, id, kg.EdgeQuery{Dir: kg.In})
		if err != nil {
			b.Fatal(err)
		}
		ids := make([]kg.ID, 0, 50)
		for _, e := range out.Edges {
			ids = append(ids, e.To)
		}
		for _, e := range in.Edges {
			ids = append(ids, e.From)
		}
		if len(ids) != 50 {
			b.Fatalf("neighbourhood has %d edges, want 50", len(ids))
		}
		if _, err := s.Nodes(ctx, ids); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBulkUpsert writes documents of 1,000 paragraphs (3,002 edges
// each) and reports edges per second. Target ≥ 50,000 edges/s.
func BenchmarkBulkUpsert(b *testing.B) {
	s, err := Open(Options{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	edges := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rec, f := storetest.Doc(fmt.Sprintf("A/%d", i), 1000)
		if _, err := s.Put(ctx, rec, f); err != nil {
			b.Fatal(err)
		}
		edges += len(f.Edges)
	}
	b.ReportMetric(float64(edges)/b.Elapsed().Seconds(), "edges/s")
}
