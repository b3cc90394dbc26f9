package explore_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/crimegraph/crimegraph/graph/testcorpus"
	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// oldNeighbourhood is Neighbourhood as it was before it read only the
// out-edges of the last ring: the node IDs in the order taken, the edge
// keys, and whether it was truncated. Kept here to pin that the faster
// reading gives the same answer.
func oldNeighbourhood(t *testing.T, r kg.Reader, id kg.ID, depth, limit, fanout int, kinds []kg.EdgeKind) ([]kg.ID, []string, bool) {
	t.Helper()
	neighbours := func(u kg.ID) ([]kg.Edge, bool) {
		var out []kg.Edge
		more := false
		for _, dir := range []kg.Direction{kg.Out, kg.In} {
			p, err := r.Edges(ctx, u, kg.EdgeQuery{Dir: dir, Kinds: kinds, First: fanout})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, p.Edges...)
			more = more || p.HasNext
		}
		return out, more
	}
	other := func(e kg.Edge, u kg.ID) kg.ID {
		if e.From == u {
			return e.To
		}
		return e.From
	}
	included := map[kg.ID]bool{id: true}
	order := []kg.ID{id}
	edges := map[string]bool{}
	truncated := false
	frontier := []kg.ID{id}
	for d := 0; d < depth && len(frontier) > 0; d++ {
		var next []kg.ID
		for _, u := range frontier {
			es, more := neighbours(u)
			truncated = truncated || more
			for _, e := range es {
				v := other(e, u)
				switch {
				case included[v]:
					edges[e.Key()] = true
				case len(order) < limit:
					included[v] = true
					order = append(order, v)
					next = append(next, v)
					edges[e.Key()] = true
				default:
					truncated = true
				}
			}
		}
		frontier = next
	}
	if len(order) > 1 {
		for _, u := range frontier {
			es, _ := neighbours(u)
			for _, e := range es {
				if included[other(e, u)] {
					edges[e.Key()] = true
				}
			}
		}
	}
	var keys []string
	for k := range edges {
		keys = append(keys, k)
	}
	slices.Sort(order)
	slices.Sort(keys)
	return order, keys, truncated
}

// On the real corpus, around every node, Neighbourhood gives what the
// reading of both directions of every node gave: the same nodes, edges
// and truncation, at depths 1 and 2, with and without MENTIONS, with the
// default caps and with a fan-out cap of 3 that cuts reads short.
func TestNeighbourhoodSameAsBothDirectionsOnCorpus(t *testing.T) {
	s := testcorpus.Shared(t)
	var ids []kg.ID
	for _, kind := range kg.Kinds {
		for after := ""; ; {
			page, err := s.List(ctx, kind, after, 1000)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range page.Nodes {
				ids = append(ids, n.ID)
			}
			if !page.HasNext {
				break
			}
			after = page.EndCursor
		}
	}
	if len(ids) < 500 {
		t.Fatalf("the corpus has only %d nodes", len(ids))
	}
	cases := 0
	for _, c := range []struct {
		depth, limit, fanout int
		kinds                []kg.EdgeKind
		every                int // test every n-th node
	}{
		{1, 100, 1000, nil, 1},
		{1, 100, 1000, kg.EdgeKinds, 1},
		{1, 100, 3, nil, 1},
		{2, 100, 1000, nil, 3},
		{2, 1000, 1000, nil, 7},
		{2, 100, 3, kg.EdgeKinds, 7},
		{3, 300, 5, nil, 29},
	} {
		x := explore.New(s, explore.Options{Limits: explore.Limits{MaxFanout: c.fanout}})
		kinds := c.kinds
		if kinds == nil {
			kinds = explore.DefaultEdgeKinds
		}
		for i := 0; i < len(ids); i += c.every {
			id := ids[i]
			res, err := x.Neighbourhood(ctx, id, explore.NeighbourhoodQuery{Depth: c.depth, Limit: c.limit, EdgeKinds: c.kinds})
			if err != nil {
				t.Fatal(err)
			}
			var nodes []kg.ID
			for _, n := range res.Nodes {
				nodes = append(nodes, n.ID)
			}
			var keys []string
			for _, e := range res.Edges {
				keys = append(keys, e.Key())
			}
			slices.Sort(nodes)
			slices.Sort(keys)
			wantNodes, wantKeys, wantCut := oldNeighbourhood(t, s, id, c.depth, c.limit, c.fanout, kinds)
			if d := cmp.Diff(wantNodes, nodes, cmpopts.EquateEmpty()); d != "" {
				t.Fatalf("%s depth %d limit %d fan-out %d: nodes differ (-old +new):\n%s", id, c.depth, c.limit, c.fanout, d)
			}
			if d := cmp.Diff(wantKeys, keys, cmpopts.EquateEmpty()); d != "" {
				t.Fatalf("%s depth %d limit %d fan-out %d: edges differ (-old +new):\n%s", id, c.depth, c.limit, c.fanout, d)
			}
			if wantCut != res.Truncated {
				t.Fatalf("%s depth %d limit %d fan-out %d: truncated %v, was %v", id, c.depth, c.limit, c.fanout, res.Truncated, wantCut)
			}
			cases++
		}
	}
	t.Logf("%d neighbourhoods compared", cases)
}
