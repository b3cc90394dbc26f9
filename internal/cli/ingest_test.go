package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestFolderReadsAhead: a folder is read one document ahead of the
// store, and stored in order: the same bytes under a second name, read
// before the first copy was stored, are still found unchanged; a file that
// fails is reported and the rest stored.
func TestIngestFolderReadsAhead(t *testing.T) {
	dir := t.TempDir()
	copyFile := func(from, to string) {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, to), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile("../ingest/testdata/families/S-2025-116.pdf", "a.pdf")
	copyFile("../ingest/testdata/families/S-2025-116.pdf", "b.pdf")
	copyFile("../ingest/testdata/families/A-47-435.pdf", "c.pdf")
	if err := os.WriteFile(filepath.Join(dir, "d.pdf"), []byte("%PDF-1.4 not really"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := Main([]string{"ingest", "--data", t.TempDir(), dir}, nil, &out, &errb)
	if code == exitOK {
		t.Errorf("a broken file, and exit 0:\n%s", errb.String())
	}
	if !strings.Contains(out.String(), "ingested 2 documents (1 unchanged, 1 failed)") || !strings.Contains(errb.String(), "d.pdf") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out.String(), errb.String())
	}
}
