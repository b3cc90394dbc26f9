package server_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/crimegraph/crimegraph/graph/testcorpus"
	"github.com/crimegraph/crimegraph/internal/server"
)

// FuzzGraphQLHandler posts arbitrary bodies to the real /graphql handler
// over the corpus: whatever arrives, the answer is a 2xx or 4xx, never a
// 5xx or a panic, and it comes back quickly.
func FuzzGraphQLHandler(f *testing.F) {
	for _, s := range []string{
		`{"query":"{ stats { nodes } }"}`,
		`{"query":"{ entity(name: \"Türkiye\") { id label } }"}`,
		`{"query":"query($n:String!){ entity(name:$n){ id } }","variables":{"n":"TUR"}}`,
		`{"query":"{ search(query: \"*\" , first: 100) { totalCount } }"}`,
		`{"query":"{ recommendations(first: 1000000) { totalCount } }"}`,
		`{"query":"{ a: stats { nodes } b: stats { nodes } }"}`,
		`[{"query":"{ stats { nodes } }"},{"query":"{ stats { nodes } }"}]`,
		`{"query":"{ node(id: \"state:\\u0000\") { id } }"}`,
		`{"query":"{ neighbourhood(id: \"state:HTI\", depth: 99, limit: 99999) { nodes { id } } }"}`,
		`{"query":"{ __schema { types { name } } }"}`,
		`{"query":"{{{{{{{{"}`, `not json`, ``,
	} {
		f.Add([]byte(s))
	}
	h := server.New(server.Config{Store: testcorpus.Shared(f), Search: testcorpus.SharedIndex(f)})
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Fatalf("status %d for %q: %s", w.Code, body, w.Body.String())
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("%s for %q", d, body)
		}
	})
}
