// Package testtool holds the one rule for tests that need a program or a
// browser the Makefile installs: outside CI a missing one skips the test;
// in CI (CI set) it fails it, so that a machine that lacks a Debian
// package cannot pass by skipping. It also holds the one golden-file
// comparison (Golden), which `make golden` turns into a rewrite.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// Need returns the path of the program name, from Debian package debian.
func Need(t testing.TB, name, debian string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, "%s not found (install Debian package %s): %v", name, debian, err)
	}
	return p
}

// Missing ends a test that lacks what it needs: a skip, or in CI a failure.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}
