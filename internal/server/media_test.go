package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/server"
)

// TestGraphQLResponseMedia: a client that accepts
// application/graphql-response+json gets it, as GraphQL over HTTP says: a
// request error (nothing executed) has a 4xx status and no "data" entry at
// all; an operation that ran is 200 with its data, even a null one. A
// client that asks for application/json gets what it always did.
func TestGraphQLResponseMedia(t *testing.T) {
	c := newServer(t)
	const media = "application/graphql-response+json"
	tests := []struct {
		name, body, accept string
		status             int
		data               bool // has a "data" entry
	}{
		{"ok", `{"query":"{ stats { nodes } }"}`, media, 200, true},
		{"syntax error", `{"query":"{ stats { nodes "}`, media, 400, false},
		{"validation error", `{"query":"{ nope }"}`, media, 400, false},
		{"variable error", `{"query":"query($k: EntityKind!) { entities(kind: $k) { totalCount } }","variables":{"k":"state"}}`, media, 400, false},
		{"too complex", `{"query":"{ recommendations(first: 100) { nodes { crimeTypes(first: 100) { nodes { mentions(first: 100) { totalCount } } } } } }"}`, media, 413, false},
		{"not JSON", `{"query": `, media, 400, false},
		{"field error", `{"query":"{ recommendations(filter: {crimeType: \"Atlantis\"}) { totalCount } }"}`, media, 200, true},
		{"preferred over json", `{"query":"{ nope }"}`, media + ", application/json;q=0.9", 400, false},
		{"json: request error keeps data null", `{"query":"{ nope }"}`, "application/json", 400, true},
		{"no Accept", `{"query":"{ nope }"}`, "", 400, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, c.url+"/graphql", bytes.NewReader([]byte(tc.body)))
			req.Header.Set("Content-Type", "application/json")
			if tc.accept != "" {
				req.Header.Set("Accept", tc.accept)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			var m map[string]json.RawMessage
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatalf("not JSON: %s", b)
			}
			_, hasData := m["data"]
			wantType := "application/json"
			if strings.HasPrefix(tc.accept, media) {
				wantType = media
			}
			if resp.StatusCode != tc.status || hasData != tc.data || !strings.HasPrefix(resp.Header.Get("Content-Type"), wantType) {
				t.Errorf("%d %s %s; want %d, %s, data entry %v", resp.StatusCode, resp.Header.Get("Content-Type"), b, tc.status, wantType, tc.data)
			}
		})
	}
}

// TestCORS: off by default (no CORS headers, OPTIONS is a 405); with
// origins configured, their preflights and requests are allowed and other
// origins' are not.
func TestCORS(t *testing.T) {
	const explorer = "https://studio.apollographql.com"
	do := func(c *client, method, origin string) *http.Response {
		req, _ := http.NewRequest(method, c.url+"/graphql", strings.NewReader(`{"query":"{ stats { nodes } }"}`))
		req.Header.Set("Origin", origin)
		if method == http.MethodOptions {
			req.Header.Set("Access-Control-Request-Method", http.MethodPost)
			req.Header.Set("Access-Control-Request-Headers", "content-type")
		} else {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	off := newServer(t)
	if r := do(off, http.MethodOptions, explorer); r.StatusCode != http.StatusMethodNotAllowed || r.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("CORS off: preflight %d, allow-origin %q", r.StatusCode, r.Header.Get("Access-Control-Allow-Origin"))
	}
	if r := do(off, http.MethodPost, explorer); r.StatusCode != 200 || r.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("CORS off: POST %d, allow-origin %q", r.StatusCode, r.Header.Get("Access-Control-Allow-Origin"))
	}
	on := newServer(t, func(cfg *server.Config) { cfg.CORSOrigins = []string{explorer} })
	r := do(on, http.MethodOptions, explorer)
	if r.StatusCode/100 != 2 || r.Header.Get("Access-Control-Allow-Origin") != explorer ||
		!strings.Contains(r.Header.Get("Access-Control-Allow-Methods"), "POST") || !strings.EqualFold(r.Header.Get("Access-Control-Allow-Headers"), "content-type") {
		t.Errorf("CORS on: preflight %d %v", r.StatusCode, r.Header)
	}
	if r := do(on, http.MethodPost, explorer); r.StatusCode != 200 || r.Header.Get("Access-Control-Allow-Origin") != explorer {
		t.Errorf("CORS on: POST %d, allow-origin %q", r.StatusCode, r.Header.Get("Access-Control-Allow-Origin"))
	}
	if r := do(on, http.MethodPost, "https://evil.example"); r.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("another origin allowed: %q", r.Header.Get("Access-Control-Allow-Origin"))
	}
	// An OPTIONS that is no preflight is still a method /graphql does not take.
	if st := on.status(http.MethodOptions, "/graphql"); st != http.StatusMethodNotAllowed {
		t.Errorf("CORS on: a bare OPTIONS: %d, want 405", st)
	}
}
