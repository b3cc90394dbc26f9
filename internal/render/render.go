// Package render draws brief-ready relationship diagrams of any
// kg.Subgraph: a titled diagram whose nodes are drawn by kind (the same
// shape and fill for a kind in every diagram, readable in greyscale), with
// a legend, a caption citing the source paragraphs, and links from every
// node to its page in the web UI.
//
// BuildDOT writes the Graphviz source. A Renderer lays it out with
// go-graphviz (Graphviz compiled to WebAssembly) and writes SVG; PNG and
// PDF are that SVG drawn by librsvg's rsvg-convert, because go-graphviz
// writes no PDF and its own PNG rasteriser draws wrongly. Cache keeps
// rendered diagrams per graph version. docs/diagrams.md has the measured
// costs behind the limits.
package render

import (
	"context"
	"os"
	"runtime"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Isolation chooses where Graphviz runs.
type Isolation int

// The isolation modes.
const (
	// InProcess runs go-graphviz in this process, one call at a time
	// under a process-wide lock. It is the fastest, but a layout cannot be
	// stopped once started: Limits are what bound it.
	InProcess Isolation = iota
	// Workers runs go-graphviz in a small pool of worker processes
	// started from Config.Executable (this program by default), which must
	// call ServeWorker when started with WorkerArg. Workers draw in
	// parallel, are recycled when their memory grows, are killed when a
	// render outlives its context or Config.Pool.RenderTimeout, and take
	// small diagrams first (see PoolConfig). The caller's memory does not
	// depend on what Graphviz does. Call Close to end them.
	Workers
	// Native runs the Graphviz program (Config.DotPath, Debian package
	// graphviz) in child processes, killed when the context ends. Its
	// Graphviz is the system's version, whose layouts differ slightly.
	Native
)

// Config configures a Renderer. The zero value renders in process with
// DefaultLimits and finds rsvg-convert on the PATH.
type Config struct {
	// Limits bound each diagram; zero fields take DefaultLimits.
	Limits Limits
	// Isolation chooses where Graphviz runs.
	Isolation Isolation
	// Executable is the program Workers starts; "" means this one.
	Executable string
	// DotPath is the Graphviz program Native runs; "" means "dot".
	DotPath string
	// RsvgConvert is librsvg's converter, used for PNG and PDF; "" means
	// "rsvg-convert" (Debian package librsvg2-bin).
	RsvgConvert string
	// PNGZoom scales PNGs; 0 means 1.5 (150 dpi for a 96 dpi SVG).
	PNGZoom float64
	// MaxPNGSide caps the larger side of a PNG in pixels; the zoom is
	// lowered to fit. 0 means 8000.
	MaxPNGSide int
	// MaxParallel caps child processes running at once (Native,
	// rsvg-convert); 0 means the number of CPUs.
	MaxParallel int
	// Pool sizes the worker processes of Workers isolation.
	Pool PoolConfig
}

// Renderer draws diagrams. It is safe for concurrent use.
type Renderer struct {
	cfg    Config
	limits Limits
	run    runFunc
	procs  chan struct{} // one token per child process allowed to run
	pool   *pool         // Workers isolation
	err    error         // why the Renderer cannot draw, found when it was made
}

// NewRenderer returns a Renderer.
func NewRenderer(cfg Config) *Renderer {
	if cfg.DotPath == "" {
		cfg.DotPath = "dot"
	}
	if cfg.RsvgConvert == "" {
		cfg.RsvgConvert = "rsvg-convert"
	}
	if cfg.PNGZoom <= 0 {
		cfg.PNGZoom = 1.5
	}
	if cfg.MaxPNGSide <= 0 {
		cfg.MaxPNGSide = 8000
	}
	if cfg.MaxParallel <= 0 {
		cfg.MaxParallel = runtime.NumCPU()
	}
	r := &Renderer{cfg: cfg, limits: cfg.Limits.withDefaults(), procs: make(chan struct{}, cfg.MaxParallel)}
	switch cfg.Isolation {
	case Native:
		r.run = nativeRunner(cfg.DotPath)
	case Workers:
		exe, err := executable(cfg.Executable)
		if err != nil {
			r.err = err
			break
		}
		r.pool = newPool(exe, cfg.Pool)
	default:
		r.run = runWasm
	}
	return r
}

// Close ends the worker processes of Workers isolation and waits for
// them; a Renderer of the other modes has nothing to close. Renders after
// Close fail with CodeUnavailable.
func (r *Renderer) Close() error {
	if r.pool != nil {
		r.pool.Close()
	}
	return nil
}

// Stats describes the worker processes of Workers isolation (zero for the
// other modes).
func (r *Renderer) Stats() PoolStats {
	if r.pool == nil {
		return PoolStats{}
	}
	return r.pool.Stats()
}

// Render draws g in format. It checks the size of g against the limits
// before any layout, so that an oversized request fails at once with a
// CodeTooLarge error that says how to narrow it; an unknown engine or
// format is CodeInvalid; a missing converter is CodeUnavailable; a request
// whose context ends is CodeTimeout (or CodeUnavailable when cancelled).
func (r *Renderer) Render(ctx context.Context, g kg.Subgraph, format Format, opts Options) ([]byte, error) {
	if _, err := ParseFormat(string(format)); err != nil {
		return nil, err
	}
	if _, err := ParseEngine(string(opts.Engine)); err != nil {
		return nil, err
	}
	engine, err := r.limits.check(len(g.Nodes), len(g.Edges), opts.Engine)
	if err != nil {
		return nil, err
	}
	opts.Engine = engine
	if format == DOT {
		return BuildDOT(g, opts)
	}
	svg, err := r.svg(ctx, g, opts)
	if err != nil {
		return nil, err
	}
	if format == SVG {
		return svg, nil
	}
	return r.convert(ctx, svg, format)
}

func (r *Renderer) svg(ctx context.Context, g kg.Subgraph, opts Options) ([]byte, error) {
	if r.err != nil {
		return nil, r.err
	}
	if r.pool != nil {
		return r.pool.svg(ctx, g, opts)
	}
	d, err := newDiagram(g, opts, opts.Engine)
	if err != nil {
		return nil, err
	}
	if r.cfg.Isolation == Native {
		if err := r.acquire(ctx); err != nil {
			return nil, err
		}
		defer r.release()
	}
	return drawSVG(ctx, r.run, d)
}

func (r *Renderer) acquire(ctx context.Context) error {
	select {
	case r.procs <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctxError(ctx)
	}
}

func (r *Renderer) release() { <-r.procs }

func executable(exe string) (string, error) {
	if exe != "" {
		return exe, nil
	}
	exe, err := os.Executable()
	if err != nil {
		return "", kg.Wrap(kg.CodeUnavailable, err, "the diagram renderer cannot find its own program")
	}
	return exe, nil
}
