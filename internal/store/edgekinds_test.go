package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/crimegraph/crimegraph/graph/testcorpus"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// Edges with a kind filter reads one iterator over the node's edges and
// seeks past the kinds not asked (read.go): on the real corpus, for every
// node and direction, it must give exactly the unfiltered edges filtered
// in memory, in the same order, whole and paged.
func TestEdgesKindFilterOnCorpus(t *testing.T) {
	ctx := context.Background()
	s := testcorpus.Shared(t)
	var noMentions []kg.EdgeKind
	for _, k := range kg.EdgeKinds {
		if k != kg.EdgeMentions {
			noMentions = append(noMentions, k)
		}
	}
	filters := [][]kg.EdgeKind{
		noMentions, // what the API's neighbourhood asks, in kg order (unsorted)
		{kg.EdgeMentions},
		{kg.EdgeContains},
		{kg.EdgeMentions, kg.EdgeContains, kg.EdgeMentions}, // unsorted, repeated
		{"NO_SUCH_KIND"},
	}
	for _, k := range kg.EdgeKinds {
		filters = append(filters, []kg.EdgeKind{k})
	}
	nodes, edges, paged := 0, 0, 0
	var ids []kg.ID
	for _, kind := range kg.Kinds {
		for after := ""; ; {
			page, err := s.List(ctx, kind, after, 1000)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range page.Nodes {
				nodes++
				ids = append(ids, n.ID)
				for _, dir := range []kg.Direction{kg.Out, kg.In} {
					all, err := s.Edges(ctx, n.ID, kg.EdgeQuery{Dir: dir})
					if err != nil {
						t.Fatal(err)
					}
					edges += len(all.Edges)
					for _, f := range filters {
						want := slices.DeleteFunc(slices.Clone(all.Edges), func(e kg.Edge) bool { return !slices.Contains(f, e.Kind) })
						got, err := s.Edges(ctx, n.ID, kg.EdgeQuery{Dir: dir, Kinds: f})
						if err != nil {
							t.Fatal(err)
						}
						if d := cmp.Diff(want, got.Edges, cmpopts.EquateEmpty()); d != "" || got.HasNext {
							t.Fatalf("%s %v %v: filtered read differs from the unfiltered one filtered (-want +got, HasNext %v):\n%s", n.ID, dir, f, got.HasNext, d)
						}
						if len(want) < 3 {
							continue
						}
						paged++
						var pages []kg.Edge
						for after := ""; ; {
							p, err := s.Edges(ctx, n.ID, kg.EdgeQuery{Dir: dir, Kinds: f, First: 2, After: after})
							if err != nil {
								t.Fatal(err)
							}
							pages = append(pages, p.Edges...)
							if !p.HasNext {
								break
							}
							after = p.EndCursor
						}
						if d := cmp.Diff(want, pages); d != "" {
							t.Fatalf("%s %v %v: pages of 2 differ from the whole (-want +got):\n%s", n.ID, dir, f, d)
						}
					}
				}
			}
			if !page.HasNext {
				break
			}
			after = page.EndCursor
		}
	}
	// EdgesOf reads many nodes through one iterator: the same pages as
	// Edges node by node, in any order of the nodes.
	slices.Reverse(ids)
	for _, dir := range []kg.Direction{kg.Out, kg.In} {
		for _, f := range append(filters, nil) {
			for _, q := range []kg.EdgeQuery{{Dir: dir, Kinds: f}, {Dir: dir, Kinds: f, First: 2}} {
				got, err := s.EdgesOf(ctx, ids, q)
				if err != nil {
					t.Fatal(err)
				}
				for i, id := range ids {
					want, err := s.Edges(ctx, id, q)
					if err != nil {
						t.Fatal(err)
					}
					if d := cmp.Diff(want, got[i], cmpopts.EquateEmpty()); d != "" {
						t.Fatalf("EdgesOf %s %+v differs from Edges (-want +got):\n%s", id, q, d)
					}
				}
			}
		}
	}
	if nodes < 500 || edges < 2000 || paged < 100 {
		t.Fatalf("the corpus gave only %d nodes, %d edges, %d paged reads", nodes, edges, paged)
	}
	t.Logf("%d nodes, %d edges, %d paged reads", nodes, edges, paged)
}
