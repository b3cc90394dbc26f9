package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"strings"

	"github.com/goccy/go-graphviz"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// runFunc runs one Graphviz invocation: lay out src with engine and write
// the result in format ("svg", "dot", "plain").
type runFunc func(ctx context.Context, engine, format string, src []byte) ([]byte, error)

// go-graphviz v0.2.10 runs Graphviz compiled to WebAssembly in one module
// shared by the whole process, and that module is not safe for concurrent
// use, even through separate graphviz.Graphviz values. Every call into it
// goes through wasmLock, a channel so that a request waiting for the lock
// can give up when its context ends. The one Graphviz instance lives under
// the same lock.
var (
	wasmLock = make(chan struct{}, 1)
	wasmGV   *graphviz.Graphviz
)

// runWasm lays out and renders in process. It cannot be interrupted once
// it holds the lock (go-graphviz ignores the context), so callers bound
// its work with Limits before calling it.
func runWasm(ctx context.Context, engine, format string, src []byte) (out []byte, err error) {
	select {
	case wasmLock <- struct{}{}:
	case <-ctx.Done():
		return nil, ctxError(ctx)
	}
	defer func() { <-wasmLock }()
	if err := ctx.Err(); err != nil {
		return nil, ctxError(ctx)
	}
	defer func() {
		if r := recover(); r != nil {
			// A panic inside the module may leave the instance unusable:
			// drop it so the next call starts afresh.
			if wasmGV != nil {
				_ = wasmGV.Close()
				wasmGV = nil
			}
			out, err = nil, kg.Wrap(kg.CodeInternal, fmt.Errorf("graphviz panicked: %v", r), "the diagram could not be drawn")
		}
	}()
	bg := context.Background() // the module ignores cancellation anyway
	if wasmGV == nil {
		gv, err := graphviz.New(bg)
		if err != nil {
			return nil, kg.Wrap(kg.CodeUnavailable, err, "the diagram renderer could not start")
		}
		wasmGV = gv
	}
	g, err := graphviz.ParseBytes(src)
	if err != nil {
		return nil, kg.Wrap(kg.CodeInternal, err, "graphviz rejected the diagram source")
	}
	if g == nil {
		return nil, kg.Errorf(kg.CodeInternal, "graphviz rejected the diagram source")
	}
	defer g.Close()
	wasmGV.SetLayout(graphviz.Layout(engine))
	var buf bytes.Buffer
	if err := wasmGV.Render(bg, g, graphviz.Format(format), &buf); err != nil {
		return nil, kg.Wrap(kg.CodeInternal, err, "graphviz could not lay out the diagram")
	}
	return buf.Bytes(), nil
}

// nativeRunner runs the Graphviz command-line program (Debian's graphviz
// package) in a child process per invocation; the child is killed when
// the context ends.
func nativeRunner(dotPath string) runFunc {
	return func(ctx context.Context, engine, format string, src []byte) ([]byte, error) {
		if err := ctx.Err(); err != nil {
			return nil, ctxError(ctx)
		}
		cmd := exec.CommandContext(ctx, dotPath, "-K"+engine, "-T"+format)
		return runTool(ctx, cmd, src, dotPath+" -K"+engine+" -T"+format,
			"the Graphviz program "+dotPath+" is not installed (Debian package graphviz)",
			"graphviz could not lay out the diagram")
	}
}

// runTool runs cmd, a command-line tool, on input and returns what it
// writes. Its failures map to errors once, here: the context's end, the
// tool missing (with the message missing), or its own failure (failed),
// the detail naming it as name with what it wrote to standard error.
func runTool(ctx context.Context, cmd *exec.Cmd, input []byte, name, missing, failed string) ([]byte, error) {
	cmd.Stdin = bytes.NewReader(input)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctxError(ctx)
		}
		if notInstalled(err) {
			return nil, kg.Wrap(kg.CodeUnavailable, err, missing)
		}
		return nil, kg.Wrap(kg.CodeInternal, fmt.Errorf("%s: %w: %s", name, err, strings.TrimSpace(stderr.String())), failed)
	}
	return stdout.Bytes(), nil
}

// notInstalled reports whether starting a program failed because it is
// not there.
func notInstalled(err error) bool {
	var ee *exec.Error
	return errors.As(err, &ee) || errors.Is(err, fs.ErrNotExist)
}

// ctxError turns an ended context into the error a client sees.
func ctxError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return kg.Wrap(kg.CodeTimeout, ctx.Err(), "drawing the diagram took too long: lower the depth or filter the node or edge kinds")
	}
	return kg.Wrap(kg.CodeUnavailable, ctx.Err(), "the diagram request was cancelled")
}
