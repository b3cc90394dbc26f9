package testtool

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps what Golden reports instead of
// failing the test that runs it.
type recorder struct {
	testing.TB
	failed []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failed = append(r.failed, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	panic(r) // Fatalf does not return
}

func (r *recorder) run(f func()) {
	defer func() {
		if v := recover(); v != nil && v != any(r) {
			panic(v)
		}
	}()
	f()
}

func TestGolden(t *testing.T) {
	t.Setenv(UpdateEnv, "")
	path := filepath.Join(t.TempDir(), "sub", "out.golden")
	lines := make([]string, 40)
	for i := range lines {
		lines[i] = fmt.Sprintf("line %d", i)
	}
	want := strings.Join(lines, "\n") + "\n"

	r := &recorder{TB: t}
	r.run(func() { Golden(r, path, []byte(want)) })
	if len(r.failed) != 1 || !strings.Contains(r.failed[0], "make golden") {
		t.Fatalf("missing golden: got %q, want one failure naming make golden", r.failed)
	}

	t.Setenv(UpdateEnv, "1")
	r = &recorder{TB: t}
	r.run(func() { Golden(r, path, []byte(want)) })
	if len(r.failed) != 0 {
		t.Fatalf("update failed: %q", r.failed)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != want {
		t.Fatalf("update wrote %q, %v", b, err)
	}

	t.Setenv(UpdateEnv, "")
	r = &recorder{TB: t}
	r.run(func() { Golden(r, path, []byte(want)) })
	if len(r.failed) != 0 {
		t.Fatalf("equal output failed: %q", r.failed)
	}

	changed := strings.Replace(want, "line 20\n", "line twenty\n", 1)
	r = &recorder{TB: t}
	r.run(func() { Golden(r, path, []byte(changed)) })
	if len(r.failed) != 1 {
		t.Fatalf("changed output: got %d failures, want 1", len(r.failed))
	}
	msg := r.failed[0]
	for _, s := range []string{"-", "line 20", "+", "line twenty", path} {
		if !strings.Contains(msg, s) {
			t.Errorf("diff lacks %q:\n%s", s, msg)
		}
	}
	if strings.Contains(msg, "line 5\n") || strings.Count(msg, "line ") > 10 {
		t.Errorf("diff shows the unchanged lines too:\n%s", msg)
	}
	if b, _ := os.ReadFile(path); string(b) != want {
		t.Error("a comparison rewrote the golden file")
	}
}
