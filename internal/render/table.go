package render

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html"
	"strconv"

	"github.com/crimegraph/crimegraph/internal/export"
)

// Table is a matrix of counts to draw: a co-occurrence view of, say, crime
// types × sections, counted over recommendations.
type Table struct {
	Title      string
	Caption    string   // what is counted and where it comes from
	Rows, Cols []string // labels
	RowLinks   []string // relative links of the row labels, or ""
	ColLinks   []string
	Counts     [][]int // Rows × Cols
	CellLinks  [][]string
}

// TableSVG draws t as a heat-map table in SVG: shaded cells whose darkness
// follows the count, with the count printed, so the table reads in
// greyscale. Every text is escaped and only relative links are written.
func TableSVG(t Table) []byte {
	const (
		cell   = 34
		rowLab = 260
		colLab = 160
		top    = 40
	)
	maxCount := 1
	for _, row := range t.Counts {
		for _, c := range row {
			maxCount = max(maxCount, c)
		}
	}
	w := rowLab + cell*len(t.Cols) + 20
	h := top + colLab + cell*len(t.Rows) + 50
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="DejaVu Sans, sans-serif" font-size="11">`, w, h, w, h)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="#fff"/><text x="10" y="24" font-size="16" font-weight="bold">%s</text>`, esc(t.Title))
	link := func(href, inner string) string {
		if !safeURL(href) {
			return inner
		}
		return `<a href="` + esc(href) + `">` + inner + `</a>`
	}
	at := func(links []string, i int) string {
		if i < len(links) {
			return links[i]
		}
		return ""
	}
	for j, c := range t.Cols {
		x := rowLab + j*cell + cell/2
		y := top + colLab - 6
		b.WriteString(link(at(t.ColLinks, j), fmt.Sprintf(`<text transform="translate(%d,%d) rotate(-55)">%s</text>`, x, y, esc(shorten(c, 28)))))
	}
	for i, r := range t.Rows {
		y := top + colLab + i*cell
		b.WriteString(link(at(t.RowLinks, i), fmt.Sprintf(`<text x="%d" y="%d" text-anchor="end">%s</text>`, rowLab-8, y+cell/2+4, esc(shorten(r, 42)))))
		for j := range t.Cols {
			n := 0
			if i < len(t.Counts) && j < len(t.Counts[i]) {
				n = t.Counts[i][j]
			}
			x := rowLab + j*cell
			shade := 255 - int(200*float64(n)/float64(maxCount))
			fill := fmt.Sprintf("#%02x%02x%02x", shade, shade, shade)
			if n == 0 {
				fill = "#ffffff"
			}
			ink := "#000"
			if shade < 130 {
				ink = "#fff"
			}
			cellSVG := fmt.Sprintf(`<rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#999"/>`, x, y, cell, cell, fill)
			if n > 0 {
				cellSVG += fmt.Sprintf(`<text x="%d" y="%d" text-anchor="middle" fill="%s">%d</text>`, x+cell/2, y+cell/2+4, ink, n)
			}
			var href string
			if i < len(t.CellLinks) && j < len(t.CellLinks[i]) {
				href = t.CellLinks[i][j]
			}
			b.WriteString(link(href, cellSVG))
		}
	}
	fmt.Fprintf(&b, `<text x="10" y="%d" font-size="10">%s</text></svg>`, h-16, esc(t.Caption))
	return b.Bytes()
}

// TableCSV writes t as CSV: a header of column labels, then one row per
// row label with its counts. Labels come from documents, so every cell is
// neutralised against spreadsheet formulas (export.SpreadsheetSafe).
func TableCSV(t Table) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(export.SafeRecord(append([]string{""}, t.Cols...)))
	for i, r := range t.Rows {
		rec := []string{r}
		for j := range t.Cols {
			n := 0
			if i < len(t.Counts) && j < len(t.Counts[i]) {
				n = t.Counts[i][j]
			}
			rec = append(rec, strconv.Itoa(n))
		}
		w.Write(export.SafeRecord(rec))
	}
	w.Flush()
	return b.Bytes()
}

func esc(s string) string { return html.EscapeString(s) }

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
