package explore

import (
	"context"
	"sort"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Axis is what the rows or columns of a crosstab are: one of
// CooccurrenceKinds, or a property of the document a recommendation
// stands in.
type Axis string

// The document axes of a crosstab.
const (
	AxisBody   Axis = "Body"
	AxisFamily Axis = "Family"
	AxisSeries Axis = "Series"
	AxisMonth  Axis = "Month"
	AxisYear   Axis = "Year"
)

var docAxes = []Axis{AxisBody, AxisFamily, AxisSeries, AxisMonth, AxisYear}

// ParseAxis accepts a kind name ("CrimeType", "crime_type") or a document
// axis ("body", "Month").
func ParseAxis(s string) (Axis, error) {
	for _, a := range docAxes {
		if strings.EqualFold(string(a), s) {
			return a, nil
		}
	}
	k, err := kg.ParseKind(s)
	if err != nil {
		return "", kg.Errorf(kg.CodeInvalid, "unknown axis %q: want a kind (%v) or one of body, family, series, month, year", s, CooccurrenceKinds)
	}
	if err := checkCooccurrenceKind(k); err != nil {
		return "", err
	}
	return Axis(k), nil
}

func (a Axis) isDoc() bool {
	for _, d := range docAxes {
		if a == d {
			return true
		}
	}
	return false
}

// Header is one row or column of a crosstab.
type Header struct {
	Key   string // the entity ID, or the value ("Security Council", "2025-03")
	Label string
	Total int      // recommendations with this value, in any cell or none
	Node  *kg.Node // the entity, for a kind axis
}

// Crosstab is a matrix counted over recommendations whose axes may be
// entity kinds or document properties, heaviest rows and columns first,
// cut to the heaviest few when there are hundreds.
type Crosstab struct {
	Rows, Cols           Axis
	RowHeads, ColHeads   []Header
	RowsTotal, ColsTotal int // rows and columns before the cut
	Cells                []Cell
	Recommendations      int
}

// values returns a recommendation's values on an axis.
func (x *Explorer) axisValues(e recEntry, a Axis, docs *docIndex) []string {
	if !a.isDoc() {
		ids := dedupe(e.linked(kg.Kind(a)))
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = string(id)
		}
		return out
	}
	d, ok := docs.entry(e.doc.Key())
	if !ok {
		return nil
	}
	var v string
	switch a {
	case AxisBody:
		v = d.body
	case AxisFamily:
		v = d.family
	case AxisMonth:
		v = d.month()
	case AxisYear:
		v = d.year()
	case AxisSeries:
		out := make([]string, len(d.series))
		for i, s := range d.series {
			out[i] = string(s)
		}
		return out
	}
	if v == "" {
		return nil
	}
	return []string{v}
}

// Crosstab counts, over the recommendations the filter selects, how many
// have each pair of a row value and a column value. maxRows and maxCols
// (default 50) keep the heaviest rows and columns.
func (x *Explorer) Crosstab(ctx context.Context, rows, cols Axis, f Filter, maxRows, maxCols int) (Crosstab, error) {
	if maxRows <= 0 {
		maxRows = 50
	}
	if maxCols <= 0 {
		maxCols = 50
	}
	for _, a := range []Axis{rows, cols} {
		if _, err := ParseAxis(string(a)); err != nil {
			return Crosstab{}, err
		}
	}
	entries, err := x.matching(ctx, f)
	if err != nil {
		return Crosstab{}, err
	}
	docs, err := x.docs(ctx)
	if err != nil {
		return Crosstab{}, err
	}
	cells := map[cellKey[string]][]kg.ID{}
	rowTotal, colTotal := map[string]int{}, map[string]int{}
	for _, e := range entries {
		rs, cs := x.axisValues(e, rows, docs), x.axisValues(e, cols, docs)
		for _, r := range rs {
			rowTotal[r]++
		}
		for _, c := range cs {
			colTotal[c]++
		}
		for _, r := range rs {
			for _, c := range cs {
				cells[cellKey[string]{r, c}] = append(cells[cellKey[string]{r, c}], e.id)
			}
		}
	}
	inRows, inCols := map[string]int{}, map[string]int{}
	for p := range cells {
		inRows[p.r], inCols[p.c] = rowTotal[p.r], colTotal[p.c]
	}
	out := Crosstab{Rows: rows, Cols: cols, Recommendations: len(entries), RowsTotal: len(inRows), ColsTotal: len(inCols)}
	if out.RowHeads, err = x.heads(ctx, rows, inRows, maxRows); err != nil {
		return Crosstab{}, err
	}
	if out.ColHeads, err = x.heads(ctx, cols, inCols, maxCols); err != nil {
		return Crosstab{}, err
	}
	rp, cp := map[string]int{}, map[string]int{}
	for i, h := range out.RowHeads {
		rp[h.Key] = i
	}
	for i, h := range out.ColHeads {
		cp[h.Key] = i
	}
	out.Cells = placeCells(cells, rp, cp)
	return out, nil
}

// heads orders an axis heaviest first (then a month or year axis newest
// first, others by label) and keeps the first max.
func (x *Explorer) heads(ctx context.Context, a Axis, totals map[string]int, max int) ([]Header, error) {
	out := make([]Header, 0, len(totals))
	for k, t := range totals {
		out = append(out, Header{Key: k, Label: k, Total: t})
	}
	if !a.isDoc() || a == AxisSeries {
		ids := make([]kg.ID, len(out))
		for i, h := range out {
			ids[i] = kg.ID(h.Key)
		}
		ns, err := x.r.Nodes(ctx, ids)
		if err != nil {
			return nil, err
		}
		for i, n := range ns {
			if n.ID == "" {
				continue
			}
			out[i].Label = n.Label
			if n.Kind == kg.KindDocument && n.Prop(kg.PropSymbol) != "" {
				out[i].Label = n.Prop(kg.PropSymbol)
			}
			if !a.isDoc() {
				n := n
				out[i].Node = &n
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Total != out[j].Total {
			return out[i].Total > out[j].Total
		}
		if a == AxisMonth || a == AxisYear {
			return out[i].Key > out[j].Key
		}
		if out[i].Label != out[j].Label {
			return out[i].Label < out[j].Label
		}
		return out[i].Key < out[j].Key
	})
	if len(out) > max {
		out = out[:max]
	}
	return out, nil
}
