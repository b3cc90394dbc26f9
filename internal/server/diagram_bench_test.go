package server_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/crimegraph/crimegraph/graph/testcorpus"
	"github.com/crimegraph/crimegraph/internal/server"
)

// BenchmarkDiagramCached serves the same diagram request through the
// server's handler, after the first, from the diagram cache under the
// server's own key (target: at most 5 ms).
func BenchmarkDiagramCached(b *testing.B) {
	h := server.New(server.Config{Store: testcorpus.Shared(b), Search: testcorpus.SharedIndex(b)})
	get := func() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/diagram/neighbourhood?id=crimetype:0204&depth=2", nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("%d %s", rec.Code, rec.Body)
		}
	}
	get()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		get()
	}
}
