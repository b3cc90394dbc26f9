package render_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/crimegraph/crimegraph/internal/render"
)

var nan = regexp.MustCompile(`(?i)[^a-z]-?nan[^a-z]`)

// TestSmallLayoutsDraw: every engine draws small graphs, where layouts
// degenerate (nodes on one line). With sfdp's prism overlap removal the
// WebAssembly Graphviz gave NaN positions or "failed to read wasm memory"
// for some of them (issue 13, item 4); the renderer retries those with
// plain scaling.
func TestSmallLayoutsDraw(t *testing.T) {
	r := render.NewRenderer(render.Config{})
	for _, e := range []render.Engine{render.SFDP, render.FDP, render.Neato, render.Dot} {
		for n := 1; n <= 8; n++ {
			for seed := int64(0); seed < 3; seed++ {
				g := randomGraph(n, 1, seed)
				svg, err := r.Render(context.Background(), g, render.SVG, render.Options{Engine: e})
				if err != nil {
					t.Errorf("%s, %d nodes, %d edges (seed %d): %v", e, n, len(g.Edges), seed, err)
					continue
				}
				if nan.Match(svg) {
					t.Errorf("%s, %d nodes (seed %d): the SVG holds NaN", e, n, seed)
				}
			}
		}
	}
}
