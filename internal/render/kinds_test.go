package render

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// grey is the luminance of a #rrggbb fill, 0-255: what it prints as in
// black and white.
func grey(t *testing.T, hex string) float64 {
	t.Helper()
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		t.Fatalf("bad fill %q", hex)
	}
	r, g, b := float64(v>>16&0xff), float64(v>>8&0xff), float64(v&0xff)
	return 0.299*r + 0.587*g + 0.114*b
}

// TestEveryKindStyled walks kg.Kinds: every kind has its own style (no
// kind falls back to the unknown style), no two kinds look alike (shape,
// style and fill), two kinds with the same shape differ in grey or outline,
// and text is readable on its fill in greyscale.
func TestEveryKindStyled(t *testing.T) {
	seen := map[string]kg.Kind{}
	byShape := map[string][]kg.Kind{}
	for _, k := range kg.Kinds {
		s, ok := kindStyles[k]
		if !ok {
			t.Errorf("kind %s has no style: it would be drawn as unknown", k)
			continue
		}
		look := fmt.Sprintf("%s|%s|%s|%d", s.Shape, s.Style, s.Fill, s.Peripheries)
		if other, dup := seen[look]; dup {
			t.Errorf("kinds %s and %s are drawn alike", k, other)
		}
		seen[look] = k
		byShape[s.Shape] = append(byShape[s.Shape], k)
		g := grey(t, s.Fill)
		dark := s.FontColor == "#ffffff"
		if dark && g > 130 || !dark && g < 120 {
			t.Errorf("kind %s: %s text on a fill of grey %.0f", k, s.FontColor, g)
		}
	}
	for shape, ks := range byShape {
		for i := range ks {
			for j := i + 1; j < len(ks); j++ {
				a, b := kindStyles[ks[i]], kindStyles[ks[j]]
				if d := grey(t, a.Fill) - grey(t, b.Fill); d < 20 && d > -20 && a.Style == b.Style && a.Peripheries == b.Peripheries {
					t.Errorf("kinds %s and %s share the shape %s and print in nearly the same grey", ks[i], ks[j], shape)
				}
			}
		}
	}
}

// TestEveryKindInDiagram: a graph with a node of every kind and an edge of
// every edge kind is drawn with a legend entry per kind and every edge's
// relation.
func TestEveryKindInDiagram(t *testing.T) {
	var g kg.Subgraph
	for _, k := range kg.Kinds {
		g.Nodes = append(g.Nodes, kg.Node{ID: kg.NewID(k, "x"), Kind: k, Label: "a " + string(k)})
	}
	for i, e := range kg.EdgeKinds {
		g.Edges = append(g.Edges, kg.Edge{From: g.Nodes[i%len(g.Nodes)].ID, Kind: e, To: g.Nodes[(i+1)%len(g.Nodes)].ID})
	}
	dot, err := BuildDOT(g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := string(dot)
	for _, k := range kg.Kinds {
		if !strings.Contains(s, "<"+kindName(k)+">") {
			t.Errorf("the legend lacks %s", kindName(k))
		}
		if !strings.Contains(s, `fillcolor="`+kindStyles[k].Fill+`"`) {
			t.Errorf("no node drawn in %s's fill", k)
		}
	}
	for _, e := range kg.EdgeKinds {
		if !strings.Contains(s, strings.ToLower(strings.ReplaceAll(string(e), "_", " "))) {
			t.Errorf("edge kind %s is not named in the diagram", e)
		}
	}
}
