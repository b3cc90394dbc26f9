package render_test

import (
	"context"
	"fmt"
	"math/rand"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/render"
)

// randomGraph is a neighbourhood-like subgraph of n nodes of every kind
// with about perNode edges per node: a spanning tree around node 0 plus
// random cross edges, each with one piece of evidence.
func randomGraph(n int, perNode float64, seed int64) kg.Subgraph {
	rng := rand.New(rand.NewSource(seed))
	words := []string{"cooperation", "trafficking", "firearms", "victims", "border", "maritime", "capacity",
		"cybercrime", "corruption", "justice", "evidence", "children", "gangs", "laundering", "prevention"}
	phrase := func(k int) string {
		s := ""
		for i := 0; i < k; i++ {
			if i > 0 {
				s += " "
			}
			s += words[rng.Intn(len(words))]
		}
		return s
	}
	g := kg.Subgraph{Title: fmt.Sprintf("Random neighbourhood of %d nodes", n)}
	for i := 0; i < n; i++ {
		k := kg.Kinds[i%len(kg.Kinds)]
		key := fmt.Sprintf("doc-%d#%d(%c)", i%7, i, 'a'+rune(i%26))
		nd := kg.Node{ID: kg.NewID(k, key), Kind: k, Label: phrase(2 + rng.Intn(4)), Props: map[string]string{}}
		if k == kg.KindRecommendation || k == kg.KindParagraph {
			nd.Props[kg.PropRef] = strconv.Itoa(i) + "(a)"
			nd.Props[kg.PropDocument] = fmt.Sprintf("S/2025/%d", i%7)
			nd.Props[kg.PropText] = phrase(20)
		}
		g.Nodes = append(g.Nodes, nd)
	}
	if n > 0 {
		g.Focus = []kg.ID{g.Nodes[0].ID}
	}
	seen := map[string]bool{}
	add := func(a, b int) {
		e := kg.Edge{From: g.Nodes[a].ID, Kind: kg.EdgeKinds[rng.Intn(len(kg.EdgeKinds))], To: g.Nodes[b].ID,
			Evidence: []kg.Evidence{{Doc: fmt.Sprintf("S/2025/%d", a%7), Ref: strconv.Itoa(a)}}}
		if a == b || seen[e.Key()] {
			return
		}
		seen[e.Key()] = true
		g.Edges = append(g.Edges, e)
	}
	for i := 1; i < n; i++ {
		add(rng.Intn(i), i)
	}
	for len(g.Edges) < int(float64(n)*perNode) && n > 1 {
		add(rng.Intn(n), rng.Intn(n))
	}
	g.Sort()
	return g
}

// cpuTime is the CPU time this process has used. The layouts run on one
// thread, so a difference of cpuTime measures a layout even on a machine
// busy with other work, where wall time does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkEngines draws random neighbourhoods with each engine at half
// its cap in DefaultLimits and at the cap, with 1.5 and 3 edges per node
// (capped by the engine's edge cap): the caps must keep the slowest near
// two seconds of CPU (docs/diagrams.md, "Limits").
func BenchmarkEngines(b *testing.B) {
	r := render.NewRenderer(render.Config{})
	ctx := context.Background()
	for _, e := range render.Engines {
		c := render.DefaultLimits().Engines[e]
		for _, n := range []int{c.Nodes / 2, c.Nodes} {
			for _, per := range []float64{1.5, 3} {
				m := int(float64(n) * per)
				if m > c.Edges {
					m = c.Edges
				}
				g := randomGraph(n, float64(m)/float64(n), 1)
				b.Run(fmt.Sprintf("%s/nodes=%d/edges=%d", e, n, len(g.Edges)), func(b *testing.B) {
					cpu := cpuTime()
					for i := 0; i < b.N; i++ {
						if _, err := r.Render(ctx, g, render.SVG, render.Options{Engine: e}); err != nil {
							b.Fatal(err)
						}
					}
					reportCPU(b, cpuTime()-cpu)
				})
			}
		}
	}
}
