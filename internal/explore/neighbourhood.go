package explore

import (
	"context"
	"fmt"
	"slices"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// NeighbourhoodQuery describes a neighbourhood request. Zero fields take
// their defaults.
type NeighbourhoodQuery struct {
	// Depth is the number of hops from the focus, 1 by default, at most
	// Limits.MaxDepth.
	Depth int
	// NodeKinds keeps only nodes of these kinds (the focus is always
	// kept); traversal does not pass through other kinds. Empty: all.
	NodeKinds []kg.Kind
	// EdgeKinds follows only these edge kinds. Empty: DefaultEdgeKinds,
	// which leaves out MENTIONS.
	EdgeKinds []kg.EdgeKind
	// Limit is the most nodes the answer may hold, focus included; 100 by
	// default, at most Limits.MaxNodes. Reaching it marks the answer
	// truncated.
	Limit int
}

// DefaultNeighbourhoodLimit is the node limit when a query gives none.
const DefaultNeighbourhoodLimit = 100

// Result is a subgraph and whether a cap cut it short.
type Result struct {
	kg.Subgraph
	// Truncated is true when the node limit or the per-node fan-out cap
	// stopped the traversal before it saw everything within reach.
	Truncated bool
}

// Neighbourhood returns the nodes within q.Depth hops of id, following
// edges in both directions, and every edge among them of the followed
// kinds. Nodes are taken breadth first, nearest first, in the store's edge
// order, so a truncated answer keeps the nearest nodes.
func (x *Explorer) Neighbourhood(ctx context.Context, id kg.ID, q NeighbourhoodQuery) (Result, error) {
	if err := id.Validate(); err != nil {
		return Result{}, err
	}
	if q.Depth == 0 {
		q.Depth = 1
	}
	if q.Depth < 0 {
		return Result{}, kg.Errorf(kg.CodeInvalid, "depth must be positive")
	}
	if q.Depth > x.lim.MaxDepth {
		return Result{}, kg.Errorf(kg.CodeTooLarge, "depth %d exceeds the maximum of %d", q.Depth, x.lim.MaxDepth)
	}
	if q.Limit == 0 {
		q.Limit = DefaultNeighbourhoodLimit
	}
	if q.Limit < 0 {
		return Result{}, kg.Errorf(kg.CodeInvalid, "limit must be positive")
	}
	if q.Limit > x.lim.MaxNodes {
		return Result{}, kg.Errorf(kg.CodeTooLarge, "limit %d exceeds the maximum of %d nodes: narrow the request with nodeKinds or edgeKinds", q.Limit, x.lim.MaxNodes)
	}
	if err := validKinds(q.NodeKinds); err != nil {
		return Result{}, err
	}
	if err := validEdgeKinds(q.EdgeKinds); err != nil {
		return Result{}, err
	}
	edgeKinds := q.EdgeKinds
	if len(edgeKinds) == 0 {
		edgeKinds = DefaultEdgeKinds
	}
	// Sorted once here, so that the store need not sort them for every
	// node it reads (store.Edges returns edges in key order either way).
	edgeKinds = slices.Compact(slices.Sorted(slices.Values(edgeKinds)))
	keep := kindSet(q.NodeKinds)

	focus, err := x.r.Node(ctx, id)
	if err != nil {
		return Result{}, err
	}
	var res Result
	included := map[kg.ID]bool{id: true}
	order := []kg.ID{id}
	edges := map[edgeKey]kg.Edge{}
	addEdge := func(e kg.Edge) { edges[edgeKey{e.From, e.Kind, e.To}] = e }
	cut := false // a fan-out cap cut some node's edges short

	frontier := []kg.ID{id}
	for d := 0; d < q.Depth && len(frontier) > 0; d++ {
		var next []kg.ID
		// The ring's edges are read ringBatch nodes at a time, then taken
		// node by node in ring order, out-edges first, as one read each.
		for ring := frontier; len(ring) > 0; {
			part := ring[:min(len(ring), ringBatch)]
			ring = ring[len(part):]
			if err := ctxErr(ctx); err != nil {
				return Result{}, err
			}
			outs, err := x.edgesOf(ctx, part, kg.EdgeQuery{Dir: kg.Out, Kinds: edgeKinds, First: x.lim.MaxFanout})
			if err != nil {
				return Result{}, err
			}
			ins, err := x.edgesOf(ctx, part, kg.EdgeQuery{Dir: kg.In, Kinds: edgeKinds, First: x.lim.MaxFanout})
			if err != nil {
				return Result{}, err
			}
			for i, u := range part {
				more := outs[i].HasNext || ins[i].HasNext
				res.Truncated = res.Truncated || more
				cut = cut || more
				for _, e := range slices.Concat(outs[i].Edges, ins[i].Edges) {
					v := other(e, u)
					switch {
					case keep != nil && !keep[v.Kind()]:
					case included[v]:
						addEdge(e)
					case len(order) < q.Limit:
						included[v] = true
						order = append(order, v)
						next = append(next, v)
						addEdge(e)
					default:
						res.Truncated = true
					}
				}
			}
		}
		frontier = next
	}
	// The last ring was reached but not expanded: add the edges among its
	// nodes, so the answer holds every edge among its nodes, not only the
	// tree that found them. Its edges to earlier rings are known already
	// (expanding a node adds each of its edges to a node kept), and an
	// edge between two of its nodes is an out-edge of one of them: their
	// out-edges suffice, which halves the reads. When a fan-out cap cut
	// a read short, an edge may be missing from one end's page, so the
	// in-edges are read as well.
	if len(order) > 1 {
		for _, dir := range []kg.Direction{kg.Out, kg.In} {
			if dir == kg.In && !cut {
				break
			}
			for ring := frontier; len(ring) > 0; {
				part := ring[:min(len(ring), ringBatch)]
				ring = ring[len(part):]
				if err := ctxErr(ctx); err != nil {
					return Result{}, err
				}
				pages, err := x.edgesOf(ctx, part, kg.EdgeQuery{Dir: dir, Kinds: edgeKinds, First: x.lim.MaxFanout})
				if err != nil {
					return Result{}, err
				}
				for i, page := range pages {
					cut = cut || page.HasNext
					for _, e := range page.Edges {
						if included[other(e, part[i])] {
							addEdge(e)
						}
					}
				}
			}
		}
	}

	nodes, err := x.r.Nodes(ctx, order)
	if err != nil {
		return Result{}, err
	}
	res.Subgraph = assemble(nodes, edges)
	res.Focus = []kg.ID{id}
	res.Title = fmt.Sprintf("%s: neighbourhood, depth %d", focus.Label, q.Depth)
	return res, nil
}

// ringBatch is how many nodes of a ring edgesOf reads at once: a batch
// holds their pages in memory, up to MaxFanout edges each.
const ringBatch = 32

// batchReader reads the edges of many nodes in one go (store.EdgesOf:
// one transaction and one iterator instead of one of each per node).
type batchReader interface {
	EdgesOf(ctx context.Context, ids []kg.ID, q kg.EdgeQuery) ([]kg.EdgePage, error)
}

// edgesOf returns the page of q for each of ids, in one read when the
// reader can.
func (x *Explorer) edgesOf(ctx context.Context, ids []kg.ID, q kg.EdgeQuery) ([]kg.EdgePage, error) {
	if r, ok := x.r.(batchReader); ok {
		return r.EdgesOf(ctx, ids, q)
	}
	pages := make([]kg.EdgePage, len(ids))
	for i, id := range ids {
		if err := ctxErr(ctx); err != nil {
			return nil, err
		}
		var err error
		if pages[i], err = x.r.Edges(ctx, id, q); err != nil {
			return nil, err
		}
	}
	return pages, nil
}

// edgeKey identifies an edge without formatting a string (kg.Edge.Key).
type edgeKey struct {
	from kg.ID
	kind kg.EdgeKind
	to   kg.ID
}

// assemble builds a sorted subgraph from loaded nodes (zero nodes, deleted
// since they were reached, are dropped) and the edges whose ends survive.
func assemble[K comparable](nodes []kg.Node, edges map[K]kg.Edge) kg.Subgraph {
	var g kg.Subgraph
	present := make(map[kg.ID]bool, len(nodes))
	for _, n := range nodes {
		if n.ID != "" && !present[n.ID] {
			present[n.ID] = true
			g.Nodes = append(g.Nodes, n)
		}
	}
	for _, e := range edges {
		if present[e.From] && present[e.To] {
			g.Edges = append(g.Edges, e)
		}
	}
	g.Sort()
	return g
}
