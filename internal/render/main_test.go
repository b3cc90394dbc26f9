package render_test

import (
	"context"
	"flag"
	"os"
	"testing"

	"github.com/crimegraph/crimegraph/internal/render"
)

var (
	samples = flag.String("samples", "", "write every fixture in every format and engine to this directory, to look at")
)

// TestMain lets the test binary serve as its own render child, the way
// cmd/crimegraph must.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == render.ChildArg {
		os.Exit(render.ServeChild(context.Background(), os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
