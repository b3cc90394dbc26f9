package render

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// ChildArg is the first argument with which Subprocess isolation starts
// the program. A main that allows Subprocess must begin with
//
//	if len(os.Args) > 1 && os.Args[1] == render.ChildArg {
//		os.Exit(render.ServeChild(context.Background(), os.Stdin, os.Stdout, os.Stderr))
//	}
const ChildArg = "__crimegraph_render_child"

// childMagic starts every child's answer, so the parent can tell a render
// child from a program that does not call ServeChild.
const childMagic = "crimegraph-render-child/1\n"

type childRequest struct {
	Graph   kg.Subgraph
	Options Options
}

type childError struct {
	Code    kg.Code
	Message string
}

// ServeChild draws one diagram for a parent Renderer: it reads the request
// from in, writes the SVG to out, and returns the exit status. Errors go
// to errOut as JSON, with the code the parent re-creates.
func ServeChild(ctx context.Context, in io.Reader, out, errOut io.Writer) int {
	fail := func(err error) int {
		_ = json.NewEncoder(errOut).Encode(childError{Code: kg.ErrorCode(err), Message: kg.ErrorMessage(err)})
		fmt.Fprintln(errOut, err)
		return 2
	}
	w := bufio.NewWriter(out)
	if _, err := w.WriteString(childMagic); err != nil || w.Flush() != nil {
		return 3
	}
	var req childRequest
	if err := json.NewDecoder(in).Decode(&req); err != nil {
		return fail(kg.Wrap(kg.CodeInternal, err, "bad render request"))
	}
	d, err := newDiagram(req.Graph, req.Options, req.Options.Engine)
	if err != nil {
		return fail(err)
	}
	svg, err := drawSVG(ctx, runWasm, d)
	if err != nil {
		return fail(err)
	}
	if _, err := w.Write(svg); err != nil {
		return 3
	}
	if err := w.Flush(); err != nil {
		return 3
	}
	return 0
}

// svgInChild draws the SVG in a child process that is killed when ctx
// ends.
func (r *Renderer) svgInChild(ctx context.Context, g kg.Subgraph, opts Options) ([]byte, error) {
	exe, err := r.executable()
	if err != nil {
		return nil, err
	}
	req, err := json.Marshal(childRequest{Graph: g, Options: opts})
	if err != nil {
		return nil, kg.Wrap(kg.CodeInternal, err, "the diagram request could not be encoded")
	}
	if err := r.acquire(ctx); err != nil {
		return nil, err
	}
	defer r.release()
	cmd := exec.CommandContext(ctx, exe, ChildArg)
	cmd.WaitDelay = time.Second
	cmd.Stdin = bytes.NewReader(req)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return nil, ctxError(ctx)
	}
	out := stdout.Bytes()
	if !bytes.HasPrefix(out, []byte(childMagic)) {
		return nil, kg.Wrap(kg.CodeUnavailable, fmt.Errorf("%s %s: %v: %s", exe, ChildArg, runErr, strings.TrimSpace(stderr.String())),
			"the diagram renderer's child process did not start (main must call render.ServeChild)")
	}
	if runErr != nil {
		var ce childError
		var ee *exec.ExitError
		if errors.As(runErr, &ee) && json.NewDecoder(bytes.NewReader(stderr.Bytes())).Decode(&ce) == nil && ce.Code != "" {
			return nil, &kg.Error{Code: ce.Code, Message: ce.Message, Err: runErr}
		}
		return nil, kg.Wrap(kg.CodeInternal, fmt.Errorf("%w: %s", runErr, strings.TrimSpace(stderr.String())), "the diagram could not be drawn")
	}
	return out[len(childMagic):], nil
}
