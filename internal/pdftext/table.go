package pdftext

import (
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/crimegraph/crimegraph/internal/docrules"
)

// A list of participants prints its delegations as a table: a header row
// ("Country | Representative | Alternates | Advisers", or "Organization |
// Representative | …", repeated in French and Spanish), then one entry per
// State, its name in the first column, wrapped over as many printed lines
// as it needs ("Antigua and" / "Barbuda"), and the names of its delegates
// in the other columns. Poppler reads each column as blocks of its own, so
// the reading order loses which delegate stands beside which State, and
// whether a State has any. tables puts each printed row of such a table
// back together as one line whose cells are kept apart (pline.Cells), so
// that the reader can tell a State listed with a delegation from one
// listed with nobody.

// tableWordRe matches a word without which no page holds such a table.
var tableWordRe = regexp.MustCompile(`^(?:Representatives?|Représentants?|Representantes?|delegation)$`)

// cell is a run of words of one printed line with no wide gap inside.
type cell struct {
	X0, X1 float64
	words  []word
}

// cellsOf cuts the words of one printed line, sorted by X0, into cells at
// gaps wider than gap.
func cellsOf(ws []word, gap float64) []cell {
	var out []cell
	for i, w := range ws {
		if i == 0 || w.X0-ws[i-1].X1 > gap {
			out = append(out, cell{X0: w.X0, X1: w.X1})
		}
		c := &out[len(out)-1]
		c.X1 = math.Max(c.X1, w.X1)
		c.words = append(c.words, w)
	}
	return out
}

func (c cell) text() string {
	parts := make([]string, len(c.words))
	for i, w := range c.words {
		parts[i] = w.Text
	}
	return strings.Join(parts, " ")
}

// printedLine is the words of every body line of a page standing on one
// baseline, and the lines they came from.
type printedLine struct {
	Base, Size float64
	Y0, Y1     float64
	words      []word
	from       []*pline
}

// printedLines groups a page's body lines by baseline, top to bottom.
func printedLines(ls []*pline) []*printedLine {
	sorted := append([]*pline(nil), ls...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Base < sorted[j].Base })
	var out []*printedLine
	for _, l := range sorted {
		if n := len(out); n > 0 && math.Abs(out[n-1].Base-l.Base) < sameBaseline*l.Size {
			p := out[n-1]
			p.words = append(p.words, l.Words...)
			p.from = append(p.from, l)
			p.Y0, p.Y1 = math.Min(p.Y0, l.Y0), math.Max(p.Y1, l.Y1)
			continue
		}
		out = append(out, &printedLine{Base: l.Base, Size: l.Size, Y0: l.Y0, Y1: l.Y1, words: append([]word(nil), l.Words...), from: []*pline{l}})
	}
	for _, p := range out {
		sort.SliceStable(p.words, func(i, j int) bool { return p.words[i].X0 < p.words[j].X0 })
	}
	return out
}

// tableHeader returns the cells of a printed line that heads a table of
// delegations, or nil.
func tableHeader(p *printedLine) []cell {
	cs := cellsOf(p.words, 1.5*p.Size)
	texts := make([]string, len(cs))
	for i, c := range cs {
		texts[i] = c.text()
	}
	if docrules.IsDelegationHeader(texts) {
		return cs
	}
	return nil
}

// columnStarts finds where each column's text starts. Headers are centred
// over their columns, so the start of column k is where most lines below
// start between the end of header k-1 and the start of header k; without
// such lines, halfway between the two headers.
func columnStarts(head []cell, below []*printedLine) []float64 {
	starts := make([]float64, len(head))
	starts[0] = math.Inf(-1)
	for k := 1; k < len(head); k++ {
		lo, hi := head[k-1].X1, head[k].X0+0.5*head[k].words[0].height()
		votes := map[float64]int{}
		for _, p := range below {
			for _, c := range cellsOf(p.words, 0.8*p.Size) {
				if c.X0 > lo && c.X0 <= hi {
					votes[math.Round(c.X0)]++
				}
			}
		}
		best, n := (lo+head[k].X0)/2, 0
		for x, v := range votes {
			if v > n || v == n && x < best {
				best, n = x, v
			}
		}
		starts[k] = best - 1
	}
	return starts
}

// rowCells splits a printed line into the table's columns, or returns nil
// when the line is no row of the table: its words run across a column
// boundary without the gap that stands between cells (a heading, a note).
func rowCells(p *printedLine, starts []float64) []string {
	col := func(x float64) int {
		k := 0
		for i, s := range starts {
			if x >= s {
				k = i
			}
		}
		return k
	}
	cells := make([][]string, len(starts))
	for i, w := range p.words {
		k := col(w.X0)
		if i > 0 {
			prev := p.words[i-1]
			if col(prev.X0) != k && w.X0-prev.X1 < 0.8*p.Size {
				return nil
			}
			if col(prev.X0) > k {
				return nil
			}
		}
		cells[k] = append(cells[k], w.Text)
	}
	out := make([]string, len(cells))
	for k, ws := range cells {
		out[k] = strings.Join(ws, " ")
	}
	return out
}

// tables finds the tables of delegations on one page and returns the page's
// body lines with each row of them made one line holding its cells, in
// top-to-bottom order; a page without such a table is returned as it is.
func tables(ls []*pline) []*pline {
	if !hasTableHead(ls) {
		return ls
	}
	pls := printedLines(ls)
	rows := map[*pline]*pline{} // first line of a row → the row; other lines of it → nil
	var starts []float64
	for i, p := range pls {
		if head := tableHeader(p); head != nil {
			end := i + 1
			for end < len(pls) && tableHeader(pls[end]) == nil {
				end++
			}
			starts = columnStarts(head, pls[i+1:end])
		}
		if starts == nil {
			continue
		}
		cells := rowCells(p, starts)
		if cells == nil {
			starts = nil // the table ends here
			continue
		}
		row := &pline{box: box{X0: math.Inf(1), Y0: p.Y0, X1: math.Inf(-1), Y1: p.Y1}, Page: p.from[0].Page, Block: p.from[0].Block,
			Words: p.words, Base: p.Base, Size: p.Size, Cells: cells}
		for _, w := range p.words {
			row.X0, row.X1 = math.Min(row.X0, w.X0), math.Max(row.X1, w.X1)
		}
		row.TextX = row.X0
		row.Text = strings.TrimRight(strings.Join(cells, "\t"), "\t")
		for j, l := range p.from {
			if j == 0 {
				rows[l] = row
			} else {
				rows[l] = nil
			}
		}
	}
	if len(rows) == 0 {
		return ls
	}
	// Poppler read the table column by column: top to bottom is the order
	// of the page.
	out := make([]*pline, 0, len(ls))
	for _, p := range pls {
		if r := rows[p.from[0]]; r != nil {
			out = append(out, r)
			continue
		}
		from := append([]*pline(nil), p.from...)
		sort.SliceStable(from, func(i, j int) bool { return from[i].X0 < from[j].X0 })
		out = append(out, from...)
	}
	return out
}

func hasTableHead(ls []*pline) bool {
	for _, l := range ls {
		for _, w := range l.Words {
			// The prefix first: the expression runs on a few words a page.
			if (strings.HasPrefix(w.Text, "Repr") || strings.HasSuffix(w.Text, "delegation")) && tableWordRe.MatchString(w.Text) {
				return true
			}
		}
	}
	return false
}
