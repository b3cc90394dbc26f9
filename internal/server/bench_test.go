package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/graph"
	"github.com/crimegraph/crimegraph/graph/testcorpus"
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
			h := server.GraphQLHandler(server.Config{Store: testcorpus.Shared(b), Search: nil,
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

// BenchmarkRepeatedFields measures what the token limit bounds: validating
// a query that repeats one field as often as the limit allows (GraphQL
// validation compares the fields of a selection set pairwise). Each query
// differs by a comment, so none comes from the parsed-query cache.
func BenchmarkRepeatedFields(b *testing.B) {
	// The old limit of 5,000 tokens, to measure what lowering it saved.
	lim := graph.DefaultLimits
	lim.Tokens = 5000
	h := server.GraphQLHandler(server.Config{Store: testcorpus.Shared(b), GraphQL: server.GraphQLConfig{NoCache: true, Limits: lim}})
	for _, n := range []int{1000, 1990, 4980} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				body, _ := json.Marshal(map[string]any{"query": fmt.Sprintf("{ %s} # %d", strings.Repeat("__typename ", n), i)})
				req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
			}
		})
	}
}

// BenchmarkFragmentBomb measures the refusal of a fragment bomb (each
// fragment spreading the previous one ten times) through the GraphQL
// handler: parsing, validation and the memoised cost walk. Each query
// differs by a comment, so none comes from the parsed-query cache. The
// bound (docs/reliability.md) is 100 ms at any depth.
func BenchmarkFragmentBomb(b *testing.B) {
	h := server.GraphQLHandler(server.Config{Store: testcorpus.Shared(b), GraphQL: server.GraphQLConfig{NoCache: true}})
	for _, levels := range []int{7, 11, 150} {
		b.Run(fmt.Sprint(levels), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				body, _ := json.Marshal(map[string]any{"query": fmt.Sprintf("%s # %d", fragmentBomb(levels), i)})
				req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusRequestEntityTooLarge {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
