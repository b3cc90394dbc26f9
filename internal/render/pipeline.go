package render

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// drawSVG draws a diagram in three Graphviz passes, so that every engine
// gets the same furniture in the same place:
//
//  1. the nodes and edges alone are laid out by the chosen engine, and
//     written back as DOT with their positions;
//  2. the legend items and caption are laid out alone, only to learn the
//     size Graphviz gives each;
//  3. the positioned graph, the title, and the legend rows placed under
//     its bounding box are drawn by the nop2 engine, which keeps every
//     position and edge route it is given.
//
// A legend inside the graph would be placed by the engine among the other
// nodes (only dot can be told where a cluster goes).
func drawSVG(ctx context.Context, run runFunc, d *diagram) ([]byte, error) {
	laid, bb, err := layout(ctx, run, d)
	if err != nil && !d.plainOverlap && d.engine == SFDP && kg.ErrorCode(err) == kg.CodeInternal {
		d.plainOverlap = true
		laid, bb, err = layout(ctx, run, d)
	}
	if err != nil {
		return nil, err
	}
	measured, err := run(ctx, string(Dot), "plain", d.measureDOT())
	if err != nil {
		return nil, err
	}
	sizes, err := parsePlainSizes(measured)
	if err != nil {
		return nil, err
	}
	end := bytes.LastIndexByte(laid, '}')
	if end < 0 {
		return nil, kg.Errorf(kg.CodeInternal, "graphviz wrote no closing brace")
	}
	var final bytes.Buffer
	final.Write(laid[:end])
	d.writePlacedKey(&final, bb, sizes)
	final.WriteString("}\n")
	svg, err := run(ctx, "nop2", "svg", final.Bytes())
	if err != nil {
		return nil, err
	}
	if err := checkSVG(svg); err != nil {
		return nil, err
	}
	return svg, nil
}

// layout runs pass 1: the nodes and edges laid out by the chosen engine,
// written back as DOT with their positions, and the bounding box.
func layout(ctx context.Context, run runFunc, d *diagram) ([]byte, box, error) {
	var body bytes.Buffer
	d.writeHead(&body, false)
	d.writeBody(&body)
	body.WriteString("}\n")
	laid, err := run(ctx, string(d.engine), "dot", body.Bytes())
	if err != nil {
		return nil, box{}, err
	}
	bb, err := parseRootBB(laid)
	if err != nil {
		return nil, box{}, err
	}
	return laid, bb, nil
}

type box struct{ llx, lly, urx, ury float64 } // points
type size struct{ w, h float64 }              // points

// parseRootBB reads the bounding box of the root graph from Graphviz's DOT
// output. The root graph's attribute statement comes first and holds only
// attributes the renderer wrote (no entity text), so the first bb in it is
// the root's.
func parseRootBB(laid []byte) (box, error) {
	s := string(laid)
	i := strings.Index(s, "graph [")
	if i < 0 {
		return box{}, kg.Errorf(kg.CodeInternal, "graphviz output has no graph attributes")
	}
	stmt := s[i:]
	if j := strings.Index(stmt, "];"); j >= 0 {
		stmt = stmt[:j]
	}
	k := strings.Index(stmt, `bb="`)
	if k < 0 {
		return box{}, kg.Errorf(kg.CodeInternal, "graphviz output has no bounding box")
	}
	v := stmt[k+4:]
	v = v[:strings.IndexByte(v, '"')]
	f := strings.Split(v, ",")
	if len(f) != 4 {
		return box{}, kg.Errorf(kg.CodeInternal, "bad bounding box %q", v)
	}
	var n [4]float64
	for i := range f {
		x, err := strconv.ParseFloat(strings.TrimSpace(f[i]), 64)
		if err == nil && (math.IsNaN(x) || math.IsInf(x, 0)) {
			err = fmt.Errorf("%q is not a position", f[i])
		}
		if err != nil {
			return box{}, kg.Wrap(kg.CodeInternal, err, "bad bounding box")
		}
		n[i] = x
	}
	return box{n[0], n[1], n[2], n[3]}, nil
}

// parsePlainSizes reads node sizes from Graphviz's plain output:
// "node name x y width height ..." in inches.
func parsePlainSizes(plain []byte) (map[string]size, error) {
	out := map[string]size{}
	sc := bufio.NewScanner(bytes.NewReader(plain))
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 6 || f[0] != "node" {
			continue
		}
		w, err1 := strconv.ParseFloat(f[4], 64)
		h, err2 := strconv.ParseFloat(f[5], 64)
		if err1 != nil || err2 != nil {
			return nil, kg.Errorf(kg.CodeInternal, "bad plain output line %q", sc.Text())
		}
		out[f[1]] = size{w * 72, h * 72}
	}
	return out, sc.Err()
}

// Spacing of the placed legend, in points.
const (
	keyGapBelow = 16  // between the graph and the legend
	keyGapX     = 10  // between legend items in a row
	keyGapY     = 6   // between rows
	keyMinWidth = 360 // the legend may be wider than a tiny graph
)

// writePlacedKey writes the title and the legend rows and caption with
// positions under the laid-out graph's bounding box, left-aligned with it.
func (d *diagram) writePlacedKey(b *bytes.Buffer, bb box, sizes map[string]size) {
	if d.title != "" {
		b.WriteString("\tgraph [label=" + d.titleLabel() + ", labelloc=t, labeljust=l];\n")
	}
	b.WriteString("\tsubgraph key {\n\t\t" + keyDefaults + "\n")
	width := bb.urx - bb.llx
	if width < keyMinWidth {
		width = keyMinWidth
	}
	x, top := bb.llx, bb.lly-keyGapBelow
	rowH := 0.0
	place := func(it keyItem, newRow bool) {
		s := sizes[it.name]
		if newRow || (x > bb.llx && x+s.w > bb.llx+width) {
			top -= rowH + keyGapY
			x, rowH = bb.llx, 0
		}
		cx, cy := x+s.w/2, top-s.h/2
		attrs := append(append([]string(nil), it.attrs...),
			fmt.Sprintf(`pos="%.2f,%.2f"`, cx, cy),
			fmt.Sprintf("width=%.4f", s.w/72), fmt.Sprintf("height=%.4f", s.h/72), "fixedsize=true")
		b.WriteString("\t\t" + it.name + " [" + strings.Join(attrs, ", ") + "];\n")
		x += s.w + keyGapX
		if s.h > rowH {
			rowH = s.h
		}
	}
	for _, it := range d.keyItems() {
		place(it, false)
	}
	if c, ok := d.captionItem(); ok {
		place(c, true)
	}
	b.WriteString("\t}\n")
}
