package render_test

import (
	"bytes"
	"context"
	"os/exec"
	"testing"
	"time"

	"github.com/crimegraph/crimegraph/internal/render"
	"github.com/crimegraph/crimegraph/internal/testtool"
)

// neighbourhood50 is the benchmark graph: 50 nodes of every kind, 75
// edges, a tree around the focus plus cross links, as a depth-2
// neighbourhood looks.
var neighbourhood50 = randomGraph(50, 1.5, 42)

// BenchmarkRender50Cold draws the 50-node neighbourhood to SVG every time
// (target: at most 100 ms).
func BenchmarkRender50Cold(b *testing.B) {
	r := render.NewRenderer(render.Config{})
	ctx := context.Background()
	if _, err := r.Render(ctx, neighbourhood50, render.SVG, render.Options{}); err != nil { // warm the module
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := r.Render(ctx, neighbourhood50, render.SVG, render.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender50Workers draws it in the worker pool (the server's
// renderer): the cost of the round trip to a worker process.
func BenchmarkRender50Workers(b *testing.B) {
	r := render.NewRenderer(render.Config{Isolation: render.Workers})
	defer r.Close()
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		if _, err := r.Render(ctx, neighbourhood50, render.SVG, render.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender50PNG includes the rsvg-convert step.
func BenchmarkRender50PNG(b *testing.B) {
	testtool.Need(b, "rsvg-convert", "librsvg2-bin")
	r := render.NewRenderer(render.Config{})
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		if _, err := r.Render(ctx, neighbourhood50, render.PNG, render.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNativeDot50 is `dot -Tsvg` on the DOT BuildDOT writes for the
// same graph: the baseline of TestRatioToNativeDot.
func BenchmarkNativeDot50(b *testing.B) {
	dot := testtool.Need(b, "dot", "graphviz")
	src, err := render.BuildDOT(neighbourhood50, render.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(dot, "-Tsvg")
		cmd.Stdin = bytes.NewReader(src)
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRatioToNativeDot reports how our render of the 50-node graph (three
// Graphviz passes in WebAssembly) compares with one `dot -Tsvg` run of the
// DOT BuildDOT writes for it. It measures CPU time as well as wall time,
// because CPU time stays meaningful on a busy machine. Run with -measure.
func TestRatioToNativeDot(t *testing.T) {
	if !*measure {
		t.Skip("run with -measure")
	}
	dot := testtool.Need(t, "dot", "graphviz")
	src, err := render.BuildDOT(neighbourhood50, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := render.NewRenderer(render.Config{})
	ctx := context.Background()
	const runs = 10
	ours := func() (time.Duration, time.Duration) {
		start, cpu := time.Now(), cpuTime()
		if _, err := r.Render(ctx, neighbourhood50, render.SVG, render.Options{}); err != nil {
			t.Fatal(err)
		}
		return time.Since(start), cpuTime() - cpu
	}
	native := func() (time.Duration, time.Duration) {
		cmd := exec.Command(dot, "-Tsvg")
		cmd.Stdin = bytes.NewReader(src)
		start := time.Now()
		if err := cmd.Run(); err != nil {
			t.Fatal(err)
		}
		ps := cmd.ProcessState
		return time.Since(start), ps.UserTime() + ps.SystemTime()
	}
	best := func(f func() (time.Duration, time.Duration)) (wall, cpu time.Duration) {
		f() // warm up
		for i := 0; i < runs; i++ {
			w, c := f()
			if i == 0 || w < wall {
				wall = w
			}
			if i == 0 || c < cpu {
				cpu = c
			}
		}
		return
	}
	ow, oc := best(ours)
	nw, nc := best(native)
	t.Logf("50 nodes, %d edges; best of %d", len(neighbourhood50.Edges), runs)
	t.Logf("ours (3 passes, go-graphviz): wall %6.1f ms  cpu %6.1f ms", ms(ow), ms(oc))
	t.Logf("native dot -Tsvg (1 pass):    wall %6.1f ms  cpu %6.1f ms", ms(nw), ms(nc))
	t.Logf("ratio ours/native:            wall %6.2f     cpu %6.2f", float64(ow)/float64(nw), float64(oc)/float64(nc))
}

func ms(d time.Duration) float64 { return d.Seconds() * 1000 }
