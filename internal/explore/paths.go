package explore

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// PathQuery describes a path request. Zero fields take their defaults.
type PathQuery struct {
	// MaxLength is the longest path, in edges, worth finding: 4 by
	// default, at most Limits.MaxPathLength.
	MaxLength int
	// EdgeKinds follows only these edge kinds. Empty: every kind,
	// MENTIONS included, because in a corpus of reports most entities
	// meet through the paragraphs that name them.
	EdgeKinds []kg.EdgeKind
}

// DefaultPathLength is the maximum path length when a query gives none.
const DefaultPathLength = 4

// Path is a walk from one node to another. Edges[i] joins Nodes[i] and
// Nodes[i+1]; it keeps its stored direction, which may point backwards
// along the walk.
type Path struct {
	Nodes []kg.ID
	Edges []kg.Edge
}

// Len is the number of edges.
func (p Path) Len() int { return len(p.Edges) }

// PathResult is the answer of Paths.
type PathResult struct {
	// Paths are every shortest path, up to Limits.MaxPaths, in a stable
	// order; empty when the ends are not connected within MaxLength.
	Paths []Path
	// Truncated is true when there were more shortest paths than
	// Limits.MaxPaths, or a node's fan-out cap hid some edges.
	Truncated bool
	// Subgraph is the union of the paths, with both ends as its focus.
	Subgraph kg.Subgraph
}

// Length is the length of the shortest paths, or -1 when there are none.
func (r PathResult) Length() int {
	if len(r.Paths) == 0 {
		return -1
	}
	return r.Paths[0].Len()
}

type link struct {
	prev kg.ID
	edge kg.Edge
}

// bfsSide is one half of a bidirectional search.
type bfsSide struct {
	root     kg.ID
	dist     map[kg.ID]int
	parents  map[kg.ID][]link
	frontier []kg.ID
	depth    int
}

func newSide(root kg.ID) *bfsSide {
	return &bfsSide{root: root, dist: map[kg.ID]int{root: 0}, parents: map[kg.ID][]link{}, frontier: []kg.ID{root}}
}

// Paths finds the shortest paths between from and to, ignoring edge
// direction, with a bidirectional breadth-first search: each step expands
// the side with the smaller frontier by one full level, and the search
// stops at the first level where the sides meet.
func (x *Explorer) Paths(ctx context.Context, from, to kg.ID, q PathQuery) (PathResult, error) {
	for _, id := range []kg.ID{from, to} {
		if err := id.Validate(); err != nil {
			return PathResult{}, err
		}
	}
	if q.MaxLength == 0 {
		q.MaxLength = DefaultPathLength
	}
	if q.MaxLength < 0 {
		return PathResult{}, kg.Errorf(kg.CodeInvalid, "maxLength must be positive")
	}
	if q.MaxLength > x.lim.MaxPathLength {
		return PathResult{}, kg.Errorf(kg.CodeTooLarge, "maxLength %d exceeds the maximum of %d", q.MaxLength, x.lim.MaxPathLength)
	}
	if err := validEdgeKinds(q.EdgeKinds); err != nil {
		return PathResult{}, err
	}
	ends, err := x.r.Nodes(ctx, []kg.ID{from, to})
	if err != nil {
		return PathResult{}, err
	}
	for i, n := range ends {
		if n.ID == "" {
			return PathResult{}, kg.NotFound("no node %q", string([]kg.ID{from, to}[i]))
		}
	}
	var res PathResult
	if from == to {
		res.Paths = []Path{{Nodes: []kg.ID{from}}}
	} else {
		res.Paths, res.Truncated, err = x.shortestPaths(ctx, from, to, q)
		if err != nil {
			return PathResult{}, err
		}
	}

	ids := []kg.ID{from, to}
	edges := map[string]kg.Edge{}
	for _, p := range res.Paths {
		ids = append(ids, p.Nodes...)
		for _, e := range p.Edges {
			edges[e.Key()] = e
		}
	}
	nodes, err := x.r.Nodes(ctx, dedupe(ids))
	if err != nil {
		return PathResult{}, err
	}
	res.Subgraph = assemble(nodes, edges)
	res.Subgraph.Focus = []kg.ID{from, to}
	res.Subgraph.Title = fmt.Sprintf("Shortest paths from %s to %s", ends[0].Label, ends[1].Label)
	return res, nil
}

func (x *Explorer) shortestPaths(ctx context.Context, from, to kg.ID, q PathQuery) ([]Path, bool, error) {
	s, t := newSide(from), newSide(to)
	visited := 2
	truncated := false
	for s.depth+t.depth < q.MaxLength {
		a, b := s, t
		if len(t.frontier) < len(s.frontier) {
			a, b = t, s
		}
		if len(a.frontier) == 0 {
			break
		}
		var next []kg.ID
		for _, u := range a.frontier {
			if err := ctxErr(ctx); err != nil {
				return nil, false, err
			}
			es, more, err := x.neighbours(ctx, u, q.EdgeKinds)
			if err != nil {
				return nil, false, err
			}
			truncated = truncated || more
			for _, e := range es {
				v := other(e, u)
				d, seen := a.dist[v]
				switch {
				case !seen:
					visited++
					if visited > x.lim.MaxVisited {
						return nil, false, kg.Errorf(kg.CodeTooLarge,
							"path search visited more than %d nodes: lower maxLength or restrict edgeKinds", x.lim.MaxVisited)
					}
					a.dist[v] = a.depth + 1
					a.parents[v] = []link{{u, e}}
					next = append(next, v)
				case d == a.depth+1:
					a.parents[v] = append(a.parents[v], link{u, e})
				}
			}
		}
		a.frontier = next
		a.depth++

		best := -1
		var meets []kg.ID
		for _, v := range next {
			db, ok := b.dist[v]
			if !ok {
				continue
			}
			switch l := a.depth + db; {
			case best < 0 || l < best:
				best, meets = l, []kg.ID{v}
			case l == best:
				meets = append(meets, v)
			}
		}
		if best >= 0 {
			paths, more := joinPaths(s, t, meets, x.lim.MaxPaths)
			return paths, truncated || more, nil
		}
	}
	return nil, truncated, nil
}

// joinPaths enumerates the paths from s.root through each meeting node to
// t.root, at most max of them, and reports whether there were more.
func joinPaths(s, t *bfsSide, meets []kg.ID, max int) ([]Path, bool) {
	sort.Slice(meets, func(i, j int) bool { return meets[i] < meets[j] })
	var out []Path
	more := false
	for _, m := range meets {
		left, lmore := walks(s, m, max+1)
		right, rmore := walks(t, m, max+1)
		more = more || lmore || rmore
		for _, l := range left {
			for _, r := range right {
				if len(out) == max {
					return sortPaths(out), true
				}
				// r runs from t.root to m: reverse it to run from m.
				p := Path{Nodes: append([]kg.ID{}, l.Nodes...), Edges: append([]kg.Edge{}, l.Edges...)}
				for i := len(r.Edges) - 1; i >= 0; i-- {
					p.Edges = append(p.Edges, r.Edges[i])
					p.Nodes = append(p.Nodes, r.Nodes[i])
				}
				out = append(out, p)
			}
		}
	}
	return sortPaths(out), more
}

// walks returns the shortest walks from side.root to n along parent links,
// at most max of them.
func walks(side *bfsSide, n kg.ID, max int) ([]Path, bool) {
	if n == side.root {
		return []Path{{Nodes: []kg.ID{n}}}, false
	}
	var out []Path
	more := false
	for _, l := range side.parents[n] {
		prev, pm := walks(side, l.prev, max)
		more = more || pm
		for _, p := range prev {
			if len(out) == max {
				return out, true
			}
			out = append(out, Path{
				Nodes: append(append([]kg.ID{}, p.Nodes...), n),
				Edges: append(append([]kg.Edge{}, p.Edges...), l.edge),
			})
		}
	}
	return out, more
}

func sortPaths(ps []Path) []Path {
	key := func(p Path) string {
		var b strings.Builder
		for i, n := range p.Nodes {
			b.WriteString(string(n))
			b.WriteByte(0)
			if i < len(p.Edges) {
				b.WriteString(string(p.Edges[i].Kind))
				b.WriteByte(0)
			}
		}
		return b.String()
	}
	sort.SliceStable(ps, func(i, j int) bool { return key(ps[i]) < key(ps[j]) })
	return ps
}

func dedupe(ids []kg.ID) []kg.ID {
	seen := make(map[kg.ID]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
