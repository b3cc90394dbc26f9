package server_test

import (
	"fmt"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/server"
)

// TestResponseCacheBound: the response cache holds what its byte budget
// says, counting what it really keeps, and says so in /metrics. 400
// distinct 40 KB queries (16 MB of requests) used to stay in memory whole,
// keys and recording buffers, far beyond the stated bound.
func TestResponseCacheBound(t *testing.T) {
	const budget = 256 << 10
	c := newServer(t, func(cfg *server.Config) {
		cfg.GraphQL.CacheBytes = budget
		cfg.GraphQL.Limits.QueryCacheBytes = budget
	})
	heap := func() uint64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	pad := strings.Repeat("x", 40<<10)
	c.post(`{ entities(kind: STATE, first: 100) { nodes { id label } } }`, nil) // warm what the server keeps anyway
	before := heap()
	for i := range 400 {
		q := fmt.Sprintf("{ entities(kind: STATE, first: %d) { nodes { id label aliases } } } # %d %s", 1+i%100, i, pad)
		if r := c.post(q, nil); r.Status != 200 || len(r.Errors) > 0 {
			t.Fatalf("%d %.200s", r.Status, r.Raw)
		}
	}
	grew := int64(heap()) - int64(before)
	_, _, b := c.get("/metrics")
	for _, cache := range []string{"graphql", "query"} {
		m := regexp.MustCompile(`(?m)^crimegraph_cache_bytes\{cache="` + cache + `"\} (\S+)$`).FindSubmatch(b)
		if m == nil {
			t.Fatalf("/metrics lacks crimegraph_cache_bytes{cache=%q}", cache)
		}
		held, _ := strconv.ParseFloat(string(m[1]), 64)
		t.Logf("the %s cache holds %.0f bytes", cache, held)
		if held <= 0 || held > budget {
			t.Errorf("the %s cache reports %.0f bytes, budget %d", cache, held, budget)
		}
	}
	// Both caches full, plus what a GC cycle leaves: well under 4 budgets.
	t.Logf("the live heap grew by %d bytes", grew)
	if grew > 4*2*budget {
		t.Errorf("the live heap grew by %d bytes over 400 queries, against cache budgets of 2 × %d", grew, budget)
	}
}
