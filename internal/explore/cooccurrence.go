package explore

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// CooccurrenceKinds are the kinds a co-occurrence matrix can count, each
// with what links a recommendation to it (see linkKinds).
var CooccurrenceKinds = []kg.Kind{
	kg.KindCrimeType, kg.KindInstrument, kg.KindTheme, kg.KindState,
	kg.KindOrganization, kg.KindGroup, kg.KindSection, kg.KindDocument, kg.KindRecommendation,
}

// Matrix is a co-occurrence matrix counted over recommendations.
//
// Cell (r, c) holds the recommendations linked to both row entity r and
// column entity c; its count is the number of those recommendations, each
// counted once however many ways it links. When rows and columns are of the
// same kind, the diagonal cell (r, r) counts the recommendations linked to
// r at all. Only entities with at least one non-empty cell appear, ordered
// by how many of the selected recommendations they are linked to (most
// first), then by name.
type Matrix struct {
	RowKind, ColKind kg.Kind
	Rows, Cols       []kg.Node
	RowTotals        []int  // recommendations linked to each row entity
	ColTotals        []int  // recommendations linked to each column entity
	Cells            []Cell // non-empty cells, row by row
	// Recommendations is the number of recommendations the filter
	// selected, linked to anything or not.
	Recommendations int
}

// Cell is one non-empty cell of a Matrix.
type Cell struct {
	Row, Col int     // indexes into Matrix.Rows and Matrix.Cols
	IDs      []kg.ID // the recommendations behind the count, in list order
}

// Count is the number of recommendations in the cell.
func (c Cell) Count() int { return len(c.IDs) }

// Counts returns the dense matrix of counts, Rows × Cols.
func (m Matrix) Counts() [][]int {
	out := make([][]int, len(m.Rows))
	for i := range out {
		out[i] = make([]int, len(m.Cols))
	}
	for _, c := range m.Cells {
		out[c.Row][c.Col] = c.Count()
	}
	return out
}

// Counting describes in words what a cell counts, for captions.
func (m Matrix) Counting() string {
	return fmt.Sprintf("each cell counts the recommendations linked to both its %s (%s) and its %s (%s)",
		kindNoun(m.RowKind), linkWord(m.RowKind), kindNoun(m.ColKind), linkWord(m.ColKind))
}

func kindNoun(k kg.Kind) string {
	if k == kg.KindCrimeType {
		return "crime type"
	}
	return strings.ToLower(string(k))
}

func linkWord(k kg.Kind) string {
	switch k {
	case kg.KindCrimeType:
		return "ADDRESSES"
	case kg.KindInstrument:
		return "INVOKES"
	case kg.KindTheme:
		return "CONCERNS"
	case kg.KindState, kg.KindOrganization, kg.KindGroup:
		return "NAMES_ACTOR"
	case kg.KindSection:
		return "the section it stands in"
	case kg.KindDocument:
		return "the document it stands in"
	}
	return "itself"
}

// linked returns the entities of kind k a recommendation links to.
func (e recEntry) linked(k kg.Kind) []kg.ID {
	switch k {
	case kg.KindCrimeType:
		return e.links[kg.EdgeAddresses]
	case kg.KindInstrument:
		return e.links[kg.EdgeInvokes]
	case kg.KindTheme:
		return e.links[kg.EdgeConcerns]
	case kg.KindState, kg.KindOrganization, kg.KindGroup:
		var out []kg.ID
		for _, id := range e.links[kg.EdgeNamesActor] {
			if id.Kind() == k {
				out = append(out, id)
			}
		}
		return out
	case kg.KindSection:
		if e.section != "" {
			return []kg.ID{e.section}
		}
	case kg.KindDocument:
		if e.doc != "" {
			return []kg.ID{e.doc}
		}
	case kg.KindRecommendation:
		return []kg.ID{e.id}
	}
	return nil
}

func checkCooccurrenceKind(k kg.Kind) error {
	for _, c := range CooccurrenceKinds {
		if c == k {
			return nil
		}
	}
	return kg.Errorf(kg.CodeInvalid,
		"co-occurrence is counted over recommendations, which do not link to %s: use one of %v", k, CooccurrenceKinds)
}

// Cooccurrence counts, over the recommendations the filter selects, how
// many link to each pair of a rows entity and a columns entity.
func (x *Explorer) Cooccurrence(ctx context.Context, rows, cols kg.Kind, f Filter) (Matrix, error) {
	for _, k := range []kg.Kind{rows, cols} {
		if err := checkCooccurrenceKind(k); err != nil {
			return Matrix{}, err
		}
	}
	entries, err := x.matching(ctx, f)
	if err != nil {
		return Matrix{}, err
	}
	cells := map[cellKey[kg.ID]][]kg.ID{}
	rowTotal, colTotal := map[kg.ID]int{}, map[kg.ID]int{}
	for _, e := range entries {
		rs, cs := dedupe(e.linked(rows)), dedupe(e.linked(cols))
		for _, r := range rs {
			rowTotal[r]++
		}
		for _, c := range cs {
			colTotal[c]++
		}
		for _, r := range rs {
			for _, c := range cs {
				p := cellKey[kg.ID]{r, c}
				cells[p] = append(cells[p], e.id)
			}
		}
	}
	// Only entities with a non-empty cell are rows or columns.
	inRows, inCols := map[kg.ID]int{}, map[kg.ID]int{}
	for p := range cells {
		inRows[p.r], inCols[p.c] = rowTotal[p.r], colTotal[p.c]
	}
	if n := len(inRows) * len(inCols); n > x.lim.MaxCells {
		return Matrix{}, kg.Errorf(kg.CodeTooLarge,
			"the matrix would have %d × %d cells, more than %d: add a filter", len(inRows), len(inCols), x.lim.MaxCells)
	}
	m := Matrix{RowKind: rows, ColKind: cols, Recommendations: len(entries)}
	if m.Rows, m.RowTotals, err = x.axis(ctx, inRows); err != nil {
		return Matrix{}, err
	}
	if m.Cols, m.ColTotals, err = x.axis(ctx, inCols); err != nil {
		return Matrix{}, err
	}
	rowPos, colPos := position(m.Rows), position(m.Cols)
	m.Cells = placeCells(cells, rowPos, colPos)
	return m, nil
}

// axis loads the nodes of one axis and orders them by total, then name.
func (x *Explorer) axis(ctx context.Context, totals map[kg.ID]int) ([]kg.Node, []int, error) {
	ids := make([]kg.ID, 0, len(totals))
	for id := range totals {
		ids = append(ids, id)
	}
	nodes, err := x.r.Nodes(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	kept := nodes[:0]
	for _, n := range nodes {
		if n.ID != "" {
			kept = append(kept, n)
		}
	}
	sort.Slice(kept, func(i, j int) bool {
		a, b := kept[i], kept[j]
		if totals[a.ID] != totals[b.ID] {
			return totals[a.ID] > totals[b.ID]
		}
		if ka, kb := kg.SortKey(a), kg.SortKey(b); ka != kb {
			return ka < kb
		}
		return a.ID < b.ID
	})
	out := make([]int, len(kept))
	for i, n := range kept {
		out[i] = totals[n.ID]
	}
	return kept, out, nil
}

// cellKey is a cell of a matrix by its row's and its column's key.
type cellKey[K comparable] struct{ r, c K }

// placeCells puts the recommendations of each cell whose row and column
// are both shown at their positions, in row then column order: the one
// placement of the co-occurrence matrix and the crosstab.
func placeCells[K comparable](cells map[cellKey[K]][]kg.ID, rowPos, colPos map[K]int) []Cell {
	var out []Cell
	for p, ids := range cells {
		i, rok := rowPos[p.r]
		j, cok := colPos[p.c]
		if rok && cok {
			out = append(out, Cell{Row: i, Col: j, IDs: ids})
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Row != out[b].Row {
			return out[a].Row < out[b].Row
		}
		return out[a].Col < out[b].Col
	})
	return out
}

func position(nodes []kg.Node) map[kg.ID]int {
	out := make(map[kg.ID]int, len(nodes))
	for i, n := range nodes {
		out[n.ID] = i
	}
	return out
}
