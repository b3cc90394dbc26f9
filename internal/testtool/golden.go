package testtool

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// UpdateEnv names the environment variable that makes Golden rewrite the
// golden files instead of comparing with them; `make golden` sets it. An
// environment variable rather than an -update flag, because `go test ./...`
// hands a flag to every test binary and a package without it fails.
const UpdateEnv = "UPDATE_GOLDEN"

// Golden compares got with the golden file at path. On a mismatch it fails
// t with a line diff (-want +got), so that a change to a long golden shows
// where it is. With UPDATE_GOLDEN=1 it rewrites the file instead: review
// the change with git diff.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if os.Getenv(UpdateEnv) == "1" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (make golden, or %s=1 go test, writes it)", err, UpdateEnv)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the output (-want +got); if the change is intended, run make golden and review git diff:\n%s", path, diff)
	}
}
