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
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := r.Render(ctx, neighbourhood50, render.SVG, render.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpuTime()-cpu)
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
// same graph: the baseline BenchmarkRender50Cold (three passes in
// WebAssembly) is compared with in docs/diagrams.md. Its cpu-ms/op is the
// child's user and system time.
func BenchmarkNativeDot50(b *testing.B) {
	dot := testtool.Need(b, "dot", "graphviz")
	src, err := render.BuildDOT(neighbourhood50, render.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(dot, "-Tsvg")
		cmd.Stdin = bytes.NewReader(src)
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	reportCPU(b, cpu)
}

// reportCPU reports the CPU time per operation, which stays meaningful on
// a machine busy with other work, where wall time does not.
func reportCPU(b *testing.B, cpu time.Duration) {
	b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "cpu-ms/op")
}
