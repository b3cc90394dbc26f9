package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/export"
)

// TestExportDgraphSchema: `crimegraph export --format dgraph-schema`
// writes the schema the documented `dgraph live` command reads, without a
// store, to standard output or a file.
func TestExportDgraphSchema(t *testing.T) {
	var want bytes.Buffer
	if err := export.DgraphSchema(&want, ""); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(t.TempDir(), "none") // no store is opened
	var out, errb bytes.Buffer
	if code := Main([]string{"export", "--data", data, "--format", "dgraph-schema"}, strings.NewReader(""), &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if out.String() != want.String() || !strings.Contains(out.String(), "/ontology/ADDRESSES>: [uid] @reverse .") {
		t.Errorf("schema on stdout = %.300s", out.String())
	}
	file := filepath.Join(t.TempDir(), "crimegraph.dgraph")
	out.Reset()
	if code := Main([]string{"export", "--data", data, "--format", "dgraph-schema", "-o", file}, strings.NewReader(""), &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if b, err := os.ReadFile(file); err != nil || !bytes.Equal(b, want.Bytes()) {
		t.Errorf("schema file: %v", err)
	}
	if _, err := os.Stat(data); !os.IsNotExist(err) {
		t.Errorf("the schema export created a data folder: %v", err)
	}
}
