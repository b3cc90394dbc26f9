package render_test

import (
	"flag"
	"os"
	"testing"

	"github.com/crimegraph/crimegraph/internal/render"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestMain lets the test binary serve as its own render worker, the way
// cmd/crimegraph does.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == render.WorkerArg {
		os.Exit(render.ServeWorker(os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}
