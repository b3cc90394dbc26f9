package model

import (
	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// Subgraph wraps a subgraph; its nodes are loaded already, so nothing in
// it reads the store again.
type Subgraph struct {
	G         kg.Subgraph
	Truncated bool
}

// Title says what the subgraph shows.
func (s Subgraph) Title() string { return s.G.Title }

// Focus are the nodes the question was about.
func (s Subgraph) Focus() []Entity {
	byID := make(map[kg.ID]kg.Node, len(s.G.Nodes))
	for _, n := range s.G.Nodes {
		byID[n.ID] = n
	}
	out := []Entity{}
	for _, id := range s.G.Focus {
		if n, ok := byID[id]; ok {
			out = append(out, Wrap(n))
		}
	}
	return out
}

// Nodes are the subgraph's nodes, sorted by ID.
func (s Subgraph) Nodes() []Entity { return WrapAll(s.G.Nodes) }

// Edges are the subgraph's edges, sorted.
func (s Subgraph) Edges() []*Relation { return Relations(s.G.Edges) }

// Sources are the distinct evidence of every edge.
func (s Subgraph) Sources() []*Evidence { return EvidenceList(s.G.Sources()) }

// PathSet wraps a path search result.
type PathSet struct {
	R explore.PathResult
}

// Length is the shortest path length, nil when there is none.
func (p PathSet) Length() *int {
	if l := p.R.Length(); l >= 0 {
		return &l
	}
	return nil
}

// Truncated says there were more shortest paths.
func (p PathSet) Truncated() bool { return p.R.Truncated }

// Paths are the shortest paths.
func (p PathSet) Paths() []*Path {
	byID := make(map[kg.ID]kg.Node, len(p.R.Subgraph.Nodes))
	for _, n := range p.R.Subgraph.Nodes {
		byID[n.ID] = n
	}
	out := make([]*Path, len(p.R.Paths))
	for i, path := range p.R.Paths {
		out[i] = &Path{P: path, nodes: byID}
	}
	return out
}

// Subgraph is the union of the paths.
func (p PathSet) Subgraph() *Subgraph { return &Subgraph{G: p.R.Subgraph, Truncated: p.R.Truncated} }

// Path is one walk.
type Path struct {
	P     explore.Path
	nodes map[kg.ID]kg.Node
}

// Length in edges.
func (p Path) Length() int { return p.P.Len() }

// Nodes along the walk.
func (p Path) Nodes() []Entity {
	out := make([]Entity, 0, len(p.P.Nodes))
	for _, id := range p.P.Nodes {
		if n, ok := p.nodes[id]; ok {
			out = append(out, Wrap(n))
		}
	}
	return out
}

// Edges along the walk.
func (p Path) Edges() []*Relation { return Relations(p.P.Edges) }

// Cooccurrence wraps a matrix.
type Cooccurrence struct {
	M explore.Matrix
}

func (c Cooccurrence) RowKind() kg.Kind         { return c.M.RowKind }
func (c Cooccurrence) ColumnKind() kg.Kind      { return c.M.ColKind }
func (c Cooccurrence) Rows() []Entity           { return WrapAll(c.M.Rows) }
func (c Cooccurrence) Columns() []Entity        { return WrapAll(c.M.Cols) }
func (c Cooccurrence) RowTotals() []int         { return nonNil(c.M.RowTotals) }
func (c Cooccurrence) ColumnTotals() []int      { return nonNil(c.M.ColTotals) }
func (c Cooccurrence) Counts() [][]int          { return c.M.Counts() }
func (c Cooccurrence) RecommendationCount() int { return c.M.Recommendations }
func (c Cooccurrence) Counting() string         { return c.M.Counting() }

// Cells are the non-empty cells.
func (c Cooccurrence) Cells() []*CooccurrenceCell {
	out := make([]*CooccurrenceCell, len(c.M.Cells))
	for i, cell := range c.M.Cells {
		ids := make([]string, len(cell.IDs))
		for j, id := range cell.IDs {
			ids[j] = string(id)
		}
		out[i] = &CooccurrenceCell{
			Row: cell.Row, Column: cell.Col, Count: cell.Count(), Ids: ids,
			RowID: string(c.M.Rows[cell.Row].ID), ColumnID: string(c.M.Cols[cell.Col].ID),
		}
	}
	return out
}

// CooccurrenceCell is one non-empty cell.
type CooccurrenceCell struct {
	Row, Column     int
	RowID, ColumnID string
	Count           int
	Ids             []string
}

func nonNil(v []int) []int {
	if v == nil {
		return []int{}
	}
	return v
}
