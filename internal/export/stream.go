package export

import (
	"bufio"
	"errors"
	"io"

	"github.com/crimegraph/crimegraph/internal/kg"
)

var (
	errClosed        = errors.New("export: write after Close")
	errNodeAfterEdge = kg.Errorf(kg.CodeInternal, "export: a node after an edge; this format writes all nodes first")
)

// phase is where a streamed document stands.
type phase int

const (
	notStarted phase = iota
	inNodes
	inEdges
	closed
)

// stream is what the streaming encoders share: a buffered writer that
// keeps its first error, and the phase of the document they write.
type stream struct {
	w     *bufio.Writer
	phase phase
	err   error
}

func newStream(w io.Writer) stream { return stream{w: bufio.NewWriter(w)} }

func (s *stream) str(x string) {
	if s.err == nil {
		_, s.err = s.w.WriteString(x)
	}
}

// nodesFirst reports why a node cannot be written now in a format that
// writes every node before the first edge.
func (s *stream) nodesFirst() error {
	switch s.phase {
	case inEdges:
		return errNodeAfterEdge
	case closed:
		return errClosed
	}
	return nil
}

// finish writes tail and flushes, once; it returns the first error.
func (s *stream) finish(tail string) error {
	if s.phase == closed {
		return s.err
	}
	s.phase = closed
	s.str(tail)
	if s.err == nil {
		s.err = s.w.Flush()
	}
	return s.err
}
