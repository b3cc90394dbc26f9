package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crimegraph/crimegraph/graph"
	"github.com/crimegraph/crimegraph/graph/testcorpus"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/search"
	"github.com/crimegraph/crimegraph/internal/server"
	"github.com/crimegraph/crimegraph/internal/store/storetest"
)

// TestLimits checks every limit: each refuses with its code and HTTP
// status, and a request just inside it passes.
func TestLimits(t *testing.T) {
	c := newServer(t)
	deep := func(n int) string { // n nested `parent` fields below node
		q := `id`
		for i := 0; i < n; i++ {
			q = `... on Section { parent { id ` + q + ` } }`
		}
		return `{ node(id: "section:S/2025/85#recommendations") { ` + q + ` } }`
	}
	// __typename costs nothing to resolve: only the parser sees the tokens.
	tokens := func(n int) string { return `{ ` + strings.Repeat("__typename ", n) + `}` }
	tests := []struct {
		name   string
		query  string
		code   kg.Code
		status int
	}{
		{"syntax", `{ entity(name: "x") { id `, kg.CodeInvalid, http.StatusBadRequest},
		{"validation", `{ entity(name: "x") { nope } }`, kg.CodeInvalid, http.StatusBadRequest},
		{"variables", `query($n: Int!) { nodes(ids: []) { id } }`, kg.CodeInvalid, http.StatusBadRequest},
		{"complexity", `{ recommendations(first: 100) { nodes { crimeTypes(first: 100) { nodes { mentions(first: 100) { totalCount } } } } } }`,
			kg.CodeTooLarge, http.StatusRequestEntityTooLarge},
		{"complexity of a neighbourhood", `{ neighbourhood(id: "state:HTI", limit: 1000) { nodes { id label aliases properties { name value } } edges { kind evidence { citation quote { before match after } } } } }`,
			kg.CodeTooLarge, http.StatusRequestEntityTooLarge},
		{"depth", deep(graph.DefaultLimits.Depth), kg.CodeTooLarge, http.StatusRequestEntityTooLarge},
		{"tokens", tokens(graph.DefaultLimits.Tokens), kg.CodeTooLarge, http.StatusRequestEntityTooLarge},
		{"page size", `{ recommendations(first: 1000) { totalCount } }`, kg.CodeInvalid, http.StatusOK},
		{"neighbourhood limit", `{ neighbourhood(id: "state:HTI", limit: 1001) { title } }`, kg.CodeTooLarge, http.StatusOK},
		{"neighbourhood depth", `{ neighbourhood(id: "state:HTI", depth: 4) { title } }`, kg.CodeTooLarge, http.StatusOK},
		{"path length", `{ paths(from: "state:HTI", to: "state:TUR", maxLength: 7) { length } }`, kg.CodeTooLarge, http.StatusOK},
		{"nodes ids", fmt.Sprintf(`{ nodes(ids: [%s]) { id } }`, strings.Repeat(`"state:TUR",`, 101)), kg.CodeTooLarge, http.StatusOK},
		{"search query", fmt.Sprintf(`{ search(query: %q) { totalCount } }`, strings.Repeat("a ", 40)), kg.CodeTooLarge, http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := c.post(tc.query, nil)
			if r.code() != string(tc.code) || r.Status != tc.status {
				t.Errorf("%d %s, want %d %s", r.Status, r.Raw, tc.status, tc.code)
			}
		})
	}
	// Just inside the depth and token limits.
	if r := c.post(deep(graph.DefaultLimits.Depth-2), nil); len(r.Errors) > 0 {
		t.Errorf("depth %d refused: %s", graph.DefaultLimits.Depth-1, r.Raw)
	}
	if r := c.post(tokens(graph.DefaultLimits.Tokens-20), nil); len(r.Errors) > 0 {
		t.Errorf("%d tokens refused: %s", graph.DefaultLimits.Tokens-20, r.Raw)
	}
	// GraphiQL's introspection query is deep, and allowed.
	if r := c.post(introspectionQuery, nil); len(r.Errors) > 0 {
		t.Errorf("introspection refused: %.300s", r.Raw)
	}
}

func TestRequestLimits(t *testing.T) {
	c := newServer(t, func(cfg *server.Config) { cfg.GraphQL.BodyLimit = 4 << 10 })
	pad := strings.Repeat(" ", 5<<10)
	r := c.raw(http.MethodPost, "/graphql", "application/json", []byte(`{"query": "{ stats { nodes } }`+pad+`"}`))
	if r.Status != http.StatusRequestEntityTooLarge || r.code() != string(kg.CodeTooLarge) {
		t.Errorf("big body: %d %s", r.Status, r.Raw)
	}
	r = c.raw(http.MethodGet, "/graphql?query="+url.QueryEscape("{ stats { nodes } }"+pad), "", nil)
	if r.Status != http.StatusRequestEntityTooLarge || r.code() != string(kg.CodeTooLarge) {
		t.Errorf("big query string: %d %s", r.Status, r.Raw)
	}
	r = c.raw(http.MethodPost, "/graphql", "application/json", []byte(`{"query": `))
	if r.Status != http.StatusBadRequest || r.code() != string(kg.CodeInvalid) {
		t.Errorf("bad JSON: %d %s", r.Status, r.Raw)
	}
	r = c.raw(http.MethodPost, "/graphql", "application/json", []byte(`{"query": "{ stats { nodes } }", "variables": "x"}`))
	if r.Status != http.StatusBadRequest || r.code() != string(kg.CodeInvalid) {
		t.Errorf("bad variables: %d %s", r.Status, r.Raw)
	}
	r = c.raw(http.MethodPost, "/graphql", "application/json", []byte(`{"query": "{ stats { nodes } }"}`))
	if r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Errorf("small body: %d %s", r.Status, r.Raw)
	}
}

func TestTimeout(t *testing.T) {
	c := newServer(t, func(cfg *server.Config) {
		cfg.GraphQL.Timeout = time.Nanosecond
		cfg.GraphQL.NoCache = true
	})
	r := c.post(`{ stats { nodes } }`, nil)
	if r.code() != string(kg.CodeTimeout) {
		t.Errorf("%d %s, want TIMEOUT", r.Status, r.Raw)
	}
}

// faulty is a store whose Stats panics and whose Documents fails with an
// internal error carrying details a client must not see.
type faulty struct{ kg.Reader }

func (faulty) Stats(context.Context) (kg.Stats, error) { panic("boom: /secret/path") }

func (faulty) Documents(context.Context) ([]kg.DocRecord, error) {
	return nil, errors.New("disk on fire at /secret/path")
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestInternalErrorsHideDetails(t *testing.T) {
	var logs syncBuffer
	c := newServer(t, func(cfg *server.Config) {
		cfg.Store = faulty{testcorpus.Shared(t)}
		cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})
	for _, q := range []string{`{ stats { nodes } }`, `{ documents { totalCount } }`} {
		r := c.post(q, nil)
		if r.code() != string(kg.CodeInternal) || r.Errors[0].Message != "internal error" {
			t.Errorf("%s: %s, want a bare INTERNAL_SERVER", q, r.Raw)
		}
		if strings.Contains(string(r.Raw), "secret") || strings.Contains(string(r.Raw), "boom") {
			t.Errorf("%s: internal details reached the client: %s", q, r.Raw)
		}
	}
	if l := logs.String(); !strings.Contains(l, "boom") || !strings.Contains(l, "disk on fire") {
		t.Errorf("the details were not logged:\n%s", l)
	}
	// The rest of the server still answers.
	if r := c.post(`{ entity(name: "TUR") { id } }`, nil); len(r.Errors) > 0 {
		t.Errorf("after a panic: %s", r.Raw)
	}
}

// counting counts store reads, to show the loaders batch them.
type counting struct {
	kg.Reader
	nodesCalls, nodesIDs, edgesCalls atomic.Int64
}

func (c *counting) Nodes(ctx context.Context, ids []kg.ID) ([]kg.Node, error) {
	c.nodesCalls.Add(1)
	c.nodesIDs.Add(int64(len(ids)))
	return c.Reader.Nodes(ctx, ids)
}

func (c *counting) Node(ctx context.Context, id kg.ID) (kg.Node, error) {
	c.nodesCalls.Add(1)
	c.nodesIDs.Add(1)
	return c.Reader.Node(ctx, id)
}

func (c *counting) Edges(ctx context.Context, id kg.ID, q kg.EdgeQuery) (kg.EdgePage, error) {
	c.edgesCalls.Add(1)
	return c.Reader.Edges(ctx, id, q)
}

// TestNoNPlusOne: twenty recommendations, each asking for its document,
// its section and its crime types' labels, read their nodes in a few
// batched calls with the request's loaders, against one call per node
// without them.
func TestNoNPlusOne(t *testing.T) {
	const q = `{ recommendations(first: 20) { nodes { document { title } section { title } crimeTypes { nodes { label } } } } }`
	run := func(h http.Handler, cr *counting) (calls, ids int64) {
		body, _ := json.Marshal(map[string]any{"query": q})
		req, _ := http.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := &recorder{header: http.Header{}}
		h.ServeHTTP(rec, req) // warms the explorer's recommendation index
		cr.nodesCalls.Store(0)
		cr.nodesIDs.Store(0)
		req, _ = http.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec = &recorder{header: http.Header{}}
		h.ServeHTTP(rec, req)
		if strings.Contains(rec.body.String(), `"errors"`) || strings.Count(rec.body.String(), `"document":{"title"`) < 20 {
			t.Fatalf("query failed: %s", rec.body.String())
		}
		return cr.nodesCalls.Load(), cr.nodesIDs.Load()
	}
	batched := &counting{Reader: testcorpus.Shared(t)}
	bCalls, bIDs := run(server.GraphQLHandler(server.Config{Store: batched, GraphQL: server.GraphQLConfig{NoCache: true}}), batched)
	// The same resolvers without the loader middleware: every node read
	// is its own store call.
	plain := &counting{Reader: testcorpus.Shared(t)}
	pCalls, _ := run(graph.NewHandler(graph.NewResolver(plain, nil, nil), graph.Limits{}), plain)
	t.Logf("with loaders: %d store reads for %d nodes; without: %d reads", bCalls, bIDs, pCalls)
	if pCalls < 20 || bCalls*3 > pCalls {
		t.Errorf("loaders read nodes in %d calls, against %d without them: they do not batch", bCalls, pCalls)
	}
}

func TestResponseCache(t *testing.T) {
	s := testcorpus.NewStore(t)
	idx, err := search.OpenMem(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	c := newServer(t, func(cfg *server.Config) { cfg.Store, cfg.Search = s, idx })
	q := `{ entity(name: "A/TEST/1", kind: DOCUMENT) { id } stats { version } }`
	first := c.post(q, nil)
	second := c.post(q, nil)
	if first.Header.Get("X-Cache") == "hit" || second.Header.Get("X-Cache") != "hit" || string(first.Raw) != string(second.Raw) {
		t.Errorf("no hit on a repeat: %q then %q", first.Header.Get("X-Cache"), second.Header.Get("X-Cache"))
	}
	// A write moves the version: the next answer is fresh.
	rec, frag := storetest.Doc("A/TEST/1", 1)
	ch, err := s.Put(context.Background(), rec, frag)
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.Sync(context.Background(), s, ch); err != nil {
		t.Fatal(err)
	}
	third := c.post(q, nil)
	if third.Header.Get("X-Cache") == "hit" || !strings.Contains(string(third.Data), "document:A/TEST/1") {
		t.Errorf("stale answer after a write: %s", third.Raw)
	}
	// Errors are never cached.
	bad := `{ recommendations(filter: {crimeType: "Atlantis"}) { totalCount } }`
	c.post(bad, nil)
	if r := c.post(bad, nil); r.Header.Get("X-Cache") == "hit" {
		t.Error("an error response was cached")
	}
}

// introspectionQuery is graphql-js's getIntrospectionQuery(), which
// GraphiQL sends on load.
const introspectionQuery = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
}`

// TestCLIQueryHandlerMatchesHTTP: the handler the query command uses
// answers byte for byte what the server does.
func TestQueryHandlerMatchesServer(t *testing.T) {
	s, idx := testcorpus.Shared(t), testcorpus.SharedIndex(t)
	h := server.GraphQLHandler(server.Config{Store: s, Search: idx})
	c := newServer(t)
	q := `{ entity(name: "TUR") { id label } recommendations(first: 2) { nodes { citation } } }`
	body, _ := json.Marshal(map[string]any{"query": q})
	req, _ := http.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := &recorder{header: http.Header{}}
	h.ServeHTTP(rec, req)
	if got, want := rec.body.String(), string(c.post(q, nil).Raw); got != want {
		t.Errorf("handler and server differ:\n%s\n%s", got, want)
	}
}

type recorder struct {
	header http.Header
	body   bytes.Buffer
	status int
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(s int)           { r.status = s }

// stuck is a store whose Stats does not look at its context: it returns
// only when the test lets it, as a long computation would.
type stuck struct {
	kg.Reader
	release chan struct{}
	entered chan struct{} // nil, or told each time Stats is entered
}

func (s stuck) Stats(ctx context.Context) (kg.Stats, error) {
	if s.entered != nil {
		s.entered <- struct{}{}
	}
	<-s.release
	return s.Reader.Stats(context.Background())
}

// TestTimeoutHolds: the server answers TIMEOUT at the deadline even when a
// field is still computing and does not look at its context (three slow
// neighbourhoods used to answer 200 after 18 s, past the 10 s timeout).
func TestTimeoutHolds(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	c := newServer(t, func(cfg *server.Config) {
		cfg.Store = stuck{Reader: testcorpus.Shared(t), release: release}
		cfg.GraphQL.Timeout = 200 * time.Millisecond
		cfg.GraphQL.NoCache = true
	})
	got := make(chan response, 1)
	go func() { got <- c.post(`{ stats { nodes } }`, nil) }()
	select {
	case r := <-got:
		if r.Status != http.StatusGatewayTimeout || r.code() != string(kg.CodeTimeout) {
			t.Errorf("%d %s, want 504 TIMEOUT", r.Status, r.Raw)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no answer while the field runs on: the timeout does not hold")
	}
}

// TestConcurrency: at most Concurrency operations compute at once; one
// more waits for a slot within its timeout, and answers TIMEOUT when none
// frees up; once the slot frees, requests run again.
func TestConcurrency(t *testing.T) {
	release, entered := make(chan struct{}), make(chan struct{}, 1)
	c := newServer(t, func(cfg *server.Config) {
		cfg.Store = stuck{Reader: testcorpus.Shared(t), release: release, entered: entered}
		cfg.GraphQL.Timeout = 300 * time.Millisecond
		cfg.GraphQL.Concurrency = 1
		cfg.GraphQL.NoCache = true
	})
	first := make(chan response, 1)
	go func() { first <- c.post(`{ stats { nodes } }`, nil) }() // holds the slot
	<-entered
	if r := c.post(`{ __typename }`, nil); r.Status != http.StatusGatewayTimeout || r.code() != string(kg.CodeTimeout) {
		t.Errorf("while the slot is held: %d %s, want 504 TIMEOUT", r.Status, r.Raw)
	}
	// A refusal takes no slot: a fragment bomb and an over-deep query are
	// answered while every slot is held (they queued behind heavy
	// operations before, and missed their 100 ms under load).
	if r := c.post(fragmentBomb(11), nil); r.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("a fragment bomb while the slot is held: %d %.200s, want 413", r.Status, r.Raw)
	}
	<-first
	close(release) // the stuck field ends; its slot frees
	deadline := time.Now().Add(10 * time.Second)
	for {
		r := c.post(`{ __typename }`, nil)
		if r.Status == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the slot never freed: %d %s", r.Status, r.Raw)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
