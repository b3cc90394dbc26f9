package server_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/crimegraph/crimegraph/internal/export"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/render"
	"github.com/crimegraph/crimegraph/internal/server"
)

// TestDiagramKey: the key the server caches diagrams under is the same for
// requests that draw the same diagram and differs for any that do not.
func TestDiagramKey(t *testing.T) {
	key := func(view, query string) string {
		t.Helper()
		q, err := url.ParseQuery(query)
		if err != nil {
			t.Fatal(err)
		}
		req, err := server.ParseDiagram(view, q)
		if err != nil {
			t.Fatalf("%s?%s: %v", view, query, err)
		}
		return req.Key()
	}
	base := key("neighbourhood", "id=state:HTI&depth=2")
	for _, same := range []string{"depth=2&id=state:HTI", "id=state:HTI&depth=2&format=svg", "focus=state:HTI&depth=2", "id=state:HTI&depth=2&download=1", "id=state:HTI&depth=2&layout=auto"} {
		if k := key("neighbourhood", same); k != base {
			t.Errorf("%s: key %s, want %s", same, k, base)
		}
	}
	seen := map[string]string{base: "id=state:HTI&depth=2"}
	for _, tc := range []struct{ view, query string }{
		{"neighbourhood", "id=state:HTI&depth=3"},
		{"neighbourhood", "id=state:HTI&depth=2&format=png"},
		{"neighbourhood", "id=state:HTI&depth=2&layout=sfdp"},
		{"neighbourhood", "id=state:HTI&depth=2&kinds=State"},
		{"neighbourhood", "id=state:HTI&depth=2&edges=MENTIONS"},
		{"neighbourhood", "id=state:HTI&depth=2&limit=10"},
		{"neighbourhood", "id=state:TUR&depth=2"},
		{"recommendation", "id=state:HTI&depth=2"},
		{"paths", "from=state:HTI&to=state:TUR"},
		{"paths", "from=state:HTI&to=state:TUR&maxLength=3"},
		// A name holding the separator must not take another request's key.
		{"neighbourhood", "id=" + url.QueryEscape("a|b")},
		{"neighbourhood", "id=a&from=b"},
		{"paths", "from=" + url.QueryEscape("a|b") + "&to=c"},
		{"paths", "from=a&to=" + url.QueryEscape("b|c")},
	} {
		k := key(tc.view, tc.query)
		if prev, ok := seen[k]; ok {
			t.Errorf("%s?%s and %s share the key %s", tc.view, tc.query, prev, k)
		}
		seen[k] = tc.view + "?" + tc.query
	}
}

// workerServer serves the shared corpus with the renderer `crimegraph
// serve` uses: render workers (this test binary, see TestMain).
func workerServer(t *testing.T, pool render.PoolConfig) (*client, *render.Renderer) {
	t.Helper()
	r := render.NewRenderer(render.Config{Isolation: render.Workers, Pool: pool})
	t.Cleanup(func() { r.Close() })
	return newServer(t, func(c *server.Config) { c.Renderer = r }), r
}

// TestDiagramWorkerDies: a render worker killed while it draws gives the
// request a clean 503 that says to try again, and the next diagram is
// drawn by a fresh worker.
func TestDiagramWorkerDies(t *testing.T) {
	c, r := workerServer(t, render.PoolConfig{SmallWorkers: -1, Workers: 1})
	if status, _, b := c.get("/diagram/neighbourhood?id=state:HTI"); status != 200 {
		t.Fatalf("first diagram: %d %s", status, b)
	}
	victim := r.Stats().Workers[0].PID
	type answer struct {
		status int
		body   []byte
	}
	done := make(chan answer, 1)
	go func() {
		// A large circo layout takes seconds.
		status, _, b := c.get("/diagram/neighbourhood?id=state:HTI&depth=2&layout=circo&limit=40")
		done <- answer{status, b}
	}()
	for deadline := time.Now().Add(10 * time.Second); !r.Stats().Workers[0].Busy; { // the worker has the request
		select {
		case a := <-done:
			t.Fatalf("the circo diagram answered before the worker was seen busy: %d %.300s", a.status, a.body)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("the worker never took the circo diagram")
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	syscall.Kill(victim, syscall.SIGKILL)
	a := <-done
	var body struct {
		Error struct {
			Code    kg.Code `json:"code"`
			Message string  `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(a.body, &body); err != nil || a.status != 503 || body.Error.Code != kg.CodeUnavailable ||
		!strings.Contains(body.Error.Message, "try again") || strings.Contains(body.Error.Message, "wasm") {
		t.Errorf("killed worker: %d %s", a.status, a.body)
	}
	_, _, m := c.get("/metrics")
	if !bytes.Contains(m, []byte(`crimegraph_render_worker_ends_total{reason="died"} 1`)) {
		t.Errorf("/metrics does not count the death:\n%s", m)
	}
	status, _, b := c.get("/diagram/neighbourhood?id=state:TUR")
	if status != 200 || xml.Unmarshal(b, new(struct{})) != nil {
		t.Errorf("after the death: %d %.200s", status, b)
	}
	if now := r.Stats().Workers[0].PID; now == victim || now == 0 {
		t.Errorf("worker %d after killing %d", now, victim)
	}
}

// TestDiagramSmallWhileHeavyQueued: with the workers busy and heavy
// diagrams queued, a small diagram is drawn before them.
func TestDiagramSmallWhileHeavyQueued(t *testing.T) {
	c, r := workerServer(t, render.PoolConfig{Workers: 1})
	small := "/diagram/recommendation?id=" + url.QueryEscape("recommendation:S/2025/85#61(d)")
	// Warm the small lane's worker first (its Graphviz module compiles on
	// the first drawing), so that what is compared is the queue, not a
	// cold start beside warm heavy drawings; it draws another
	// recommendation, so the diagram cache does not answer the next.
	if status, _, b := c.get("/diagram/recommendation?id=" + url.QueryEscape("recommendation:S/2025/85#61(a)")); status != 200 {
		t.Fatalf("warming the small lane: %d %s", status, b)
	}
	var mu sync.Mutex
	heavyDone := 0
	var wg sync.WaitGroup
	const heavy = 4
	names := []string{"state:HTI", "state:TUR", "crimetype:0204", "state:MEX"}
	for i := 0; i < heavy; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c.get("/diagram/neighbourhood?depth=2&layout=sfdp&limit=150&id=" + url.QueryEscape(names[i]))
			mu.Lock()
			heavyDone++
			mu.Unlock()
		}(i)
	}
	deadline := time.Now().Add(10 * time.Second)
	for r.Stats().Waiting < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	status, _, b := c.get(small)
	mu.Lock()
	done := heavyDone
	mu.Unlock()
	wg.Wait()
	if status != 200 {
		t.Fatalf("small diagram: %d %s", status, b)
	}
	if done > 1 {
		t.Errorf("the small diagram finished after %d of %d heavy ones", done, heavy)
	}
}

// TestDiagramCacheMetric: /metrics reports the bytes the diagram cache
// holds.
func TestDiagramCacheMetric(t *testing.T) {
	c := newServer(t)
	metric := func() string {
		_, _, b := c.get("/metrics")
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, `crimegraph_cache_bytes{cache="diagram"} `) {
				return strings.TrimPrefix(line, `crimegraph_cache_bytes{cache="diagram"} `)
			}
		}
		t.Fatalf("/metrics lacks crimegraph_cache_bytes{cache=\"diagram\"}:\n%s", b)
		return ""
	}
	if m := metric(); m != "0" {
		t.Errorf("empty cache: %s bytes", m)
	}
	_, _, svg := c.get("/diagram/neighbourhood?id=state:HTI")
	m := metric()
	// The diagram, at the size class Go allocates it in, its key and
	// bookkeeping.
	if n, err := strconv.Atoi(m); err != nil || n < len(svg) || n > len(svg)*11/10+1000 {
		t.Errorf("cache bytes %s after one %d-byte diagram", m, len(svg))
	}
}

// TestExportDgraphSchema: /export/dgraph-schema serves the schema that
// `dgraph live --schema` reads beside /export/nq.
func TestExportDgraphSchema(t *testing.T) {
	c := newServer(t)
	status, h, b := c.get("/export/dgraph-schema")
	var want bytes.Buffer
	export.DgraphSchema(&want, "")
	if status != 200 || h.Get("Content-Type") != "text/plain; charset=utf-8" ||
		h.Get("Content-Disposition") != `attachment; filename="crimegraph.dgraph"` || !bytes.Equal(b, want.Bytes()) {
		t.Errorf("%d %v %.200s", status, h, b)
	}
	for _, k := range kg.EdgeKinds {
		if !bytes.Contains(b, []byte("/ontology/"+string(k)+">: [uid] @reverse .")) {
			t.Errorf("the schema lacks %s", k)
		}
	}
}
