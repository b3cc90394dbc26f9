package render_test

import (
	"os"
	"testing"

	"github.com/crimegraph/crimegraph/internal/render"
)

// TestMain lets the test binary serve as its own render worker, the way
// cmd/crimegraph does.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == render.WorkerArg {
		os.Exit(render.ServeWorker(os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}
