package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/graph/testcorpus"
	"github.com/crimegraph/crimegraph/internal/store"
)

// dataWithCorpus returns a data folder holding the corpus, as `crimegraph
// ingest` leaves it (the store in graph/; the search index is built by
// the first command that needs it).
func dataWithCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	s, err := store.Open(store.Options{Dir: filepath.Join(dir, "graph")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := testcorpus.Load(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestQueryCommand(t *testing.T) {
	data := dataWithCorpus(t)
	run := func(stdin string, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := Main(append([]string{"query", "--data", data, "--log-format", "text"}, args...), strings.NewReader(stdin), &out, &errb)
		return code, out.String(), errb.String()
	}
	code, out, errs := run("", `{ entity(name: "TUR") { id ... on State { iso3 } } }`)
	if code != exitOK || out != `{"data":{"entity":{"id":"state:TUR","iso3":"TUR"}}}`+"\n" {
		t.Errorf("query: %d %q %s", code, out, errs)
	}
	// Variables, from a flag and from a file; the query from stdin.
	code, out, _ = run(`query($n: String!) { entity(name: $n) { id } }`, "--variables", `{"n": "0204"}`, "-")
	if code != exitOK || !strings.Contains(out, "crimetype:0204") {
		t.Errorf("variables: %d %s", code, out)
	}
	vf := filepath.Join(t.TempDir(), "vars.json")
	os.WriteFile(vf, []byte(`{"q": "trafficking in persons"}`), 0o644)
	code, out, _ = run("", "--variables", "@"+vf, `query($q: String!) { search(query: $q, first: 1) { nodes { entity { id } } } }`)
	if code != exitOK || !strings.Contains(out, "crimetype:0204") {
		t.Errorf("search with variables file: %d %s", code, out)
	}
	// Errors: the same JSON as the API, and exit status 1.
	code, out, errs = run("", `{ recommendations(filter: {crimeType: "Atlantis"}) { totalCount } }`)
	var resp struct {
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if code != exitFailure || json.Unmarshal([]byte(out), &resp) != nil || len(resp.Errors) != 1 ||
		resp.Errors[0].Extensions["code"] != "NOT_FOUND" || !strings.Contains(errs, "NOT_FOUND") {
		t.Errorf("unknown name: %d %s %s", code, out, errs)
	}
	// Usage.
	if code, _, _ := run(""); code != exitUsage {
		t.Errorf("no query: exit %d", code)
	}
	if code, _, _ := run("", "--variables", "[1]", "{ stats { nodes } }"); code != exitUsage {
		t.Errorf("bad variables: exit %d", code)
	}
	// A missing store is an error that says what to do.
	var o, e bytes.Buffer
	if code := Main([]string{"query", "--data", filepath.Join(t.TempDir(), "none"), "{ stats { nodes } }"}, nil, &o, &e); code != exitFailure || !strings.Contains(e.String(), "ingest") {
		t.Errorf("missing store: %d %s", code, e.String())
	}
}
