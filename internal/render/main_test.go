package render_test

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"testing"

	"github.com/crimegraph/crimegraph/internal/render"
)

var (
	update  = flag.Bool("update", false, "rewrite the golden files in testdata")
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

// needTool returns the path of a program a test needs. Outside CI a
// missing tool skips the test; in CI (CI set) it fails it, so a machine
// that lacks a Debian package cannot pass by skipping.
func needTool(t testing.TB, name, debian string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s not found (install Debian package %s): %v", name, debian, err)
	}
	t.Skipf("%s not found (install Debian package %s)", name, debian)
	return ""
}
