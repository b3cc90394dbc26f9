package server_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/server"
	"github.com/crimegraph/crimegraph/internal/store"
)

// formulaServer serves a store holding testdata/formulas.md, a report
// whose paragraphs start with spreadsheet formulas, put through the real
// ingestion pipeline.
func formulaServer(t *testing.T) *client {
	t.Helper()
	st, err := store.Open(store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	rec, err := ingest.NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("testdata/formulas.md")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.New(ingest.Options{Store: st, Recognizer: rec}).Ingest(context.Background(), ingest.Source{Name: "formulas.md", Data: b}); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(server.New(server.Config{Store: st}))
	t.Cleanup(ts.Close)
	return &client{t: t, url: ts.URL}
}

// TestCSVFormulasNeutralised: no cell of the CSV exports starts a
// spreadsheet formula (OWASP's CSV-injection rule), the hostile text is
// still there behind a single quote, and numbers stay numbers.
func TestCSVFormulasNeutralised(t *testing.T) {
	c := formulaServer(t)
	files := map[string][]byte{}
	for _, f := range []string{"csv-nodes", "csv-edges"} {
		status, _, b := c.get("/export/" + f)
		if status != 200 {
			t.Fatalf("/export/%s: %d %s", f, status, b)
		}
		files[f] = b
	}
	status, _, zb := c.get("/export/neo4j")
	if status != 200 {
		t.Fatalf("/export/neo4j: %d", status)
	}
	z, err := zip.NewReader(bytes.NewReader(zb), int64(len(zb)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range z.File {
		if strings.HasSuffix(zf.Name, ".csv") {
			r, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(r)
			files["neo4j/"+zf.Name] = b
		}
	}
	seen := map[string]bool{}
	for name, b := range files {
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, row := range rows {
			for _, cell := range row {
				for _, el := range strings.Split(cell, ";") { // Neo4j array elements too
					if el != "" && strings.ContainsRune("=+-@\t\r", rune(el[0])) && !isNumber(el) {
						t.Errorf("%s: cell %q starts a formula", name, cell)
					}
				}
				for _, hostile := range []string{`'=HYPERLINK("http://attacker.example/`, `'+cmd|`, `'@SUM(1+1)`, `'-2+3 is how`, `'=1+1 protect`} {
					if strings.HasPrefix(cell, hostile) {
						seen[hostile] = true
					}
				}
			}
		}
	}
	for _, hostile := range []string{`'=HYPERLINK("http://attacker.example/`, `'+cmd|`, `'@SUM(1+1)`, `'-2+3 is how`, `'=1+1 protect`} {
		if !seen[hostile] {
			t.Errorf("no cell holds the neutralised %q", hostile)
		}
	}
}

func isNumber(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return true
}
