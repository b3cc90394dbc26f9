package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/crimegraph/crimegraph/graph/graphtest"
	"github.com/crimegraph/crimegraph/internal/server"
)

// BenchmarkEntityPage runs the explorer's entity-page query through the
// GraphQL handler in process: "executed" with the response cache off,
// "cached" with it on. scripts/loadtest.sh measures the same query over
// HTTP under load.
func BenchmarkEntityPage(b *testing.B) {
	q, err := os.ReadFile("../../graph/testdata/queries/entity-page.graphql")
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		noCache bool
	}{{"executed", true}, {"cached", false}} {
		b.Run(tc.name, func(b *testing.B) {
			h := server.GraphQLHandler(server.Config{Store: graphtest.Shared(b), Search: nil,
				GraphQL: server.GraphQLConfig{NoCache: tc.noCache}})
			body, _ := json.Marshal(map[string]any{"query": string(q), "variables": map[string]any{"name": "Türkiye"}})
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
						panic(fmt.Sprintf("%d %s", rec.Code, rec.Body))
					}
				}
			})
		})
	}
}
