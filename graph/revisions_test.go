package graph_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/graph"
	"github.com/crimegraph/crimegraph/graph/testcorpus"
	"github.com/crimegraph/crimegraph/internal/store"
)

// TestRevisionFilter checks the API passes withSuperseded through: the
// revision of S/2025/71 stands for it in totalCount and crosstab, the
// original's calls come back when asked for by document or by the flag.
func TestRevisionFilter(t *testing.T) {
	s, err := store.Open(store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := testcorpus.IngestFiles(t.Context(), s,
		"internal/explore/testdata/revisions/S-2025-71-Rev.1.pdf", "internal/explore/testdata/revisions/S-2025-71.pdf"); err != nil {
		t.Fatal(err)
	}
	h := graph.NewHandler(graph.NewResolver(s, nil, nil), graph.Limits{})
	count := func(q string) float64 {
		t.Helper()
		body, _ := json.Marshal(map[string]string{"query": q})
		w := httptest.NewRecorder()
		r := httptest.NewRequest("POST", "/graphql", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(w, r)
		var out struct {
			Data   map[string]map[string]any
			Errors []map[string]any
		}
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil || len(out.Errors) > 0 {
			t.Fatalf("%s:\n%s", q, w.Body.String())
		}
		for _, v := range out.Data {
			for _, n := range v {
				return n.(float64)
			}
		}
		t.Fatalf("%s: no count in %s", q, w.Body.String())
		return 0
	}
	rev := count(`{ recommendations(filter: {document: "S/2025/71/Rev.1"}) { totalCount } }`)
	orig := count(`{ recommendations(filter: {document: "S/2025/71"}) { totalCount } }`)
	if rev == 0 || orig == 0 {
		t.Fatalf("calls: revision %v, original %v; want both > 0", rev, orig)
	}
	if got := count(`{ recommendations { totalCount } }`); got != rev {
		t.Errorf("totalCount = %v, want the revision's %v", got, rev)
	}
	if got := count(`{ recommendations(filter: {withSuperseded: true}) { totalCount } }`); got != rev+orig {
		t.Errorf("totalCount with superseded = %v, want %v", got, rev+orig)
	}
	if got := count(`{ crosstab(rows: "Year", columns: "Family") { recommendationCount } }`); got != rev {
		t.Errorf("crosstab counts %v, want %v", got, rev)
	}
	if got := count(`{ crosstab(rows: "Year", columns: "Family", filter: {withSuperseded: true}) { recommendationCount } }`); got != rev+orig {
		t.Errorf("crosstab with superseded counts %v, want %v", got, rev+orig)
	}
}
