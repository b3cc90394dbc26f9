package graph_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/graph"
	"github.com/crimegraph/crimegraph/graph/testcorpus"
)

// TestResearchQueries runs the research fields over the corpus and the two
// KFOR reports through the real handler: a Series is an Entity wherever
// an entity is returned (relations, neighbourhood), and every field
// answers without an error.
func TestResearchQueries(t *testing.T) {
	s := testcorpus.NewStore(t)
	if err := testcorpus.IngestFiles(t.Context(), s, testcorpus.KFORReports...); err != nil {
		t.Fatal(err)
	}
	h := graph.NewHandler(graph.NewResolver(s, nil, nil), graph.Limits{})
	run := func(q string) map[string]any {
		t.Helper()
		body, _ := json.Marshal(map[string]string{"query": q})
		w := httptest.NewRecorder()
		r := httptest.NewRequest("POST", "/graphql", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(w, r)
		var out struct {
			Data   map[string]any
			Errors []map[string]any
		}
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil || len(out.Errors) > 0 {
			t.Fatalf("%s:\n%s", q, w.Body.String())
		}
		return out.Data
	}
	d := run(`{ node(id: "document:S/2025/395") { ... on Document { relations(edgeKinds: ["IN_SERIES"]) { nodes { to { id kind ... on Series { symbol } } } } } } }`)
	to := d["node"].(map[string]any)["relations"].(map[string]any)["nodes"].([]any)[0].(map[string]any)["to"].(map[string]any)
	if to["id"] != "series:S/RES/1244(1999)" || to["kind"] != "SERIES" || to["symbol"] != "S/RES/1244(1999)" {
		t.Errorf("IN_SERIES to %v", to)
	}
	run(`{ neighbourhood(id: "series:S/RES/1244(1999)") { nodes { id kind label } } }`)
	d = run(`{ series(id: "series:S/RES/1244(1999)") { label members { document { key } order evidence { citation } new { id } } mandates { to { id } evidence { citation } } } }`)
	ms := d["series"].(map[string]any)["members"].([]any)
	if len(ms) != 2 || ms[0].(map[string]any)["document"].(map[string]any)["key"] != "S/2025/395" {
		t.Errorf("series members %v", ms)
	}
	if d := run(`{ series(id: "series:nothing") { id } }`); d["series"] != nil {
		t.Errorf("an unknown series is %v, want null", d["series"])
	}
	d = run(`{ documentList(first: 2, filter: {body: "Security Council"}) { totalCount hasNextPage endCursor items { document { key } family series } facets { bodies { value count } months { value count } } } }`)
	if l := d["documentList"].(map[string]any); l["totalCount"].(float64) != 3 || l["hasNextPage"] != true {
		t.Errorf("documentList %v", l)
	}
	run(`{ timeline(id: "state:HTI", by: QUARTER) { entity { id } mentions calls buckets { period mentions calls documents } } }`)
	run(`{ timelineSources(id: "state:HTI", by: YEAR, period: "2025") { id citation text } }`)
	run(`{ compare(a: "document:S/2025/395", b: "document:S/2025/525") { groups { kind shared { id a b entity { id } } } pairs { similarity { score } } unmatchedA { id } } }`)
	run(`{ similarCalls(id: "recommendation:S/2025/85#61(d)") { call { id } similarity { score text entities sharedWords sharedEntities } } }`)
	run(`{ crosstab(rows: "Body", columns: "CrimeType", maxColumns: 3) { rowCount columnCount rowHeads { key total } columnHeads { key entity { id } } cells { row column count } } }`)
	run(`{ seriesList { value label count } }`)
}
