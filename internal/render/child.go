package render

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// WorkerArg is the first argument with which Workers isolation starts the
// program as a render worker. A main that allows Workers must begin with
//
//	if len(os.Args) > 1 && os.Args[1] == render.WorkerArg {
//		os.Exit(render.ServeWorker(os.Stdin, os.Stdout))
//	}
//
// It is a hidden subcommand: people never type it.
const WorkerArg = "render-worker"

// workerMagic starts every worker's output, so the parent can tell a
// render worker from a program that does not call ServeWorker.
const workerMagic = "crimegraph-render-worker/1\n"

// maxFrame bounds one message either way. A request is a capped subgraph
// (a few hundred KB at most); an SVG of a capped diagram is a few MB.
const maxFrame = 256 << 20

// The protocol, over the worker's standard input and output: after the
// magic line, the parent writes requests and the worker answers each in
// turn. A request is a frame (4-byte big-endian length, then that many
// bytes) holding a JSON workerRequest; an answer is one status byte
// (frameSVG or frameError) and a frame: the SVG, or a JSON workerError.
// The worker exits when its input ends.
const (
	frameSVG   byte = 'S'
	frameError byte = 'E'
)

type workerRequest struct {
	Graph   kg.Subgraph
	Options Options
}

type workerError struct {
	Code    kg.Code
	Message string
	Detail  string // the wrapped error, for the parent's log
}

func writeFrame(w io.Writer, b []byte) error {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(b)))
	if _, err := w.Write(n[:]); err != nil {
		return err
	}
	_, err := w.Write(b)
	return err
}

func readFrame(r io.Reader) ([]byte, error) {
	var n [4]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return nil, err
	}
	size := binary.BigEndian.Uint32(n[:])
	if size > maxFrame {
		return nil, fmt.Errorf("a render frame of %d bytes is over the %d-byte bound", size, maxFrame)
	}
	b := make([]byte, size)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, err
	}
	return b, nil
}

// ServeWorker draws diagrams for a parent Renderer until in ends, and
// returns the exit status. Each request is laid out by the WebAssembly
// Graphviz module of this process, which the parent recycles (ends and
// restarts) when its memory grows, and kills when a render takes too long.
func ServeWorker(in io.Reader, out io.Writer) int {
	r := bufio.NewReader(in)
	w := bufio.NewWriter(out)
	ctx := context.Background()
	// Start the Graphviz module before greeting, so that a fresh worker's
	// first diagram does not pay for it.
	_, _ = runWasm(ctx, string(Dot), "plain", []byte("digraph{}"))
	if _, err := w.WriteString(workerMagic); err != nil || w.Flush() != nil {
		return 3
	}
	for {
		b, err := readFrame(r)
		if errors.Is(err, io.EOF) {
			return 0
		}
		if err != nil {
			return 3
		}
		svg, err := serveOne(ctx, b)
		if err != nil {
			e, _ := json.Marshal(workerError{Code: kg.ErrorCode(err), Message: kg.ErrorMessage(err), Detail: err.Error()})
			err = w.WriteByte(frameError)
			if err == nil {
				err = writeFrame(w, e)
			}
		} else {
			err = w.WriteByte(frameSVG)
			if err == nil {
				err = writeFrame(w, svg)
			}
		}
		if err != nil || w.Flush() != nil {
			return 3
		}
	}
}

func serveOne(ctx context.Context, b []byte) ([]byte, error) {
	var req workerRequest
	if err := json.Unmarshal(b, &req); err != nil {
		return nil, kg.Wrap(kg.CodeInternal, err, "bad render request")
	}
	d, err := newDiagram(req.Graph, req.Options, req.Options.Engine)
	if err != nil {
		return nil, err
	}
	return drawSVG(ctx, runWasm, d)
}
