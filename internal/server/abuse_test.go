package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// TestAbuse sends what a careless script or a hostile client would, and
// wants a quick, clear 4xx (or a GraphQL error) each time, and a healthy
// server afterwards.
func TestAbuse(t *testing.T) {
	c := newServer(t)
	aliases := func(n int) string {
		var b strings.Builder
		b.WriteString("{")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, " a%d: stats { nodes }", i)
		}
		return b.String() + " }"
	}
	tests := []struct {
		name   string
		do     func() response
		status int
		code   kg.Code
	}{
		{"thousands of aliases", func() response { return c.post(aliases(3000), nil) }, http.StatusRequestEntityTooLarge, kg.CodeTooLarge},
		{"batched operations", func() response {
			return c.raw(http.MethodPost, "/graphql", "application/json", []byte(`[{"query":"{ stats { nodes } }"},{"query":"{ stats { nodes } }"}]`))
		}, http.StatusBadRequest, kg.CodeInvalid},
		{"unknown field", func() response { return c.post(`{ stats { nodes secrets } }`, nil) }, http.StatusBadRequest, kg.CodeInvalid},
		{"huge first", func() response { return c.post(`{ recommendations(first: 2147483647) { totalCount } }`, nil) }, http.StatusRequestEntityTooLarge, kg.CodeTooLarge},
		{"whole-graph neighbourhood", func() response {
			return c.post(`{ neighbourhood(id: "state:HTI", depth: 3, limit: 1000) { title } }`, nil)
		}, http.StatusOK, ""},
		{"wildcard-heavy search", func() response {
			return c.post(`{ search(query: "*a* ?b? *c* .* [d-z]+ ~e~ f*", first: 10) { totalCount } }`, nil)
		}, http.StatusOK, ""},
		{"not JSON", func() response {
			return c.raw(http.MethodPost, "/graphql", "text/plain", []byte("{ stats { nodes } }"))
		}, http.StatusUnsupportedMediaType, kg.CodeUnsupported},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			r := tc.do()
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %s", d)
			}
			if r.Status != tc.status || (tc.code != "" && r.code() != string(tc.code)) || (tc.code == "" && len(r.Errors) > 0) {
				t.Errorf("status %d code %q, want %d %q: %.300s", r.Status, r.code(), tc.status, tc.code, r.Raw)
			}
		})
	}
	if status, _, _ := c.get("/healthz"); status != http.StatusOK {
		t.Errorf("server unhealthy after the abuse: %d", status)
	}
	if r := c.post(`{ stats { nodes } }`, nil); r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Errorf("server does not answer after the abuse: %s", r.Raw)
	}
}

// fragmentBomb is a document in which each fragment spreads the previous
// one ten times: expanded, it holds 10^levels fields.
func fragmentBomb(levels int) string {
	var b strings.Builder
	b.WriteString("fragment F0 on Query { stats { nodes } }\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "fragment F%d on Query {%s }\n", i, strings.Repeat(fmt.Sprintf(" ...F%d", i-1), 10))
	}
	fmt.Fprintf(&b, "{ ...F%d }", levels)
	return b.String()
}

// TestFragmentBomb: a fragment bomb of any depth is refused as too large
// (an eleven-level one, 1 KB, used to keep a core busy for minutes). The
// client gives up after 10 s, which an unbounded walk far exceeds.
func TestFragmentBomb(t *testing.T) {
	c := newServer(t)
	// Spreads nested in fields and inline fragments too: each fragment
	// spreads the previous one under three parents.
	nested := func(levels int) string {
		var b strings.Builder
		b.WriteString("fragment F0 on Section { id }\n")
		for i := 1; i <= levels; i++ {
			fmt.Fprintf(&b, "fragment F%d on Section { parent { ...F%d } a: parent { ... on Section { ...F%d } } parent { id ...F%d } }\n", i, i-1, i-1, i-1)
		}
		fmt.Fprintf(&b, `{ node(id: "section:S/2025/85#recommendations") { ...F%d } }`, levels)
		return b.String()
	}
	queries := []string{nested(12), nested(60)}
	for _, levels := range []int{5, 7, 11, 40} {
		queries = append(queries, fragmentBomb(levels))
	}
	for _, q := range queries {
		levels := strings.Count(q, "fragment ") - 1
		body, _ := json.Marshal(map[string]any{"query": q})
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, c.url+"/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			cancel()
			t.Fatalf("%d levels: %v", levels, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		cancel()
		if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(b), string(kg.CodeTooLarge)) {
			t.Errorf("%d levels: %d %s, want 413 TOO_LARGE", levels, resp.StatusCode, b)
		}
	}
}
