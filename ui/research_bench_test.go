package ui_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/search"
	"github.com/crimegraph/crimegraph/internal/server"
	"github.com/crimegraph/crimegraph/internal/store"
)

// BenchmarkResearch measures the research pages over a real data folder
// (CRIMEGRAPH_BENCH_DATA, written by `make research-bench`): for each
// page, the GraphQL request it makes, timed at the HTTP client on the same
// machine (server time plus a loopback round trip), and the page rendered
// in headless Chromium, from navigation to its data on screen. The
// targets (issue 16): data ≤ 200 ms, render ≤ 1 s, the busiest entity's
// timeline ≤ 50 ms, similar calls ≤ 100 ms.
func BenchmarkResearch(b *testing.B) {
	dir := os.Getenv("CRIMEGRAPH_BENCH_DATA")
	if dir == "" {
		b.Skip("set CRIMEGRAPH_BENCH_DATA to a data folder (make research-bench CORPUS=...)")
	}
	ctx := context.Background()
	st, err := store.Open(store.Options{Dir: filepath.Join(dir, "graph"), ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	tmp := b.TempDir()
	idx, err := search.Open(ctx, filepath.Join(tmp, "search"), st)
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	x := explore.New(st, explore.Options{Text: idx})
	// The response cache is off: every request is answered, not replayed.
	srv := httptest.NewServer(server.New(server.Config{Store: st, Search: idx, Explorer: x, GraphQL: server.GraphQLConfig{NoCache: true}}))
	defer srv.Close()

	busiest, err := busiestEntity(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	series, err := x.SeriesList(ctx)
	if err != nil || len(series) == 0 {
		b.Fatalf("no series in the store: %v", err)
	}
	s, err := x.Series(ctx, kg.ID(series[0].Value))
	if err != nil || len(s.Members) < 2 {
		b.Fatalf("the largest series %s has fewer than two members: %v", series[0].Value, err)
	}
	a, c := s.Members[len(s.Members)-2].Doc.Node.ID, s.Members[len(s.Members)-1].Doc.Node.ID
	recs, err := x.Recommendations(ctx, explore.Filter{}, "", 50)
	if err != nil || len(recs.Nodes) == 0 {
		b.Fatalf("no recommendations: %v", err)
	}
	tl, err := x.Timeline(ctx, busiest, explore.ByMonth, explore.DocFilter{})
	if err != nil {
		b.Fatal(err)
	}
	heaviest := ""
	for _, bk := range tl.Buckets {
		if heaviest == "" || bk.Mentions+bk.Calls > 0 && bk.Mentions+bk.Calls >= countOf(tl, heaviest) {
			heaviest = bk.Period
		}
	}
	b.Logf("busiest entity %s (%d mentions, %d calls); series %s; compare %s and %s", busiest, tl.Mentions, tl.Calls, series[0].Value, a, c)

	queries := []struct{ name, query string }{
		{"documents", `{ documentList(first: 50) { totalCount items { document { id key symbol symbols title date body } family series paragraphs recommendations } facets { bodies { value label count } families { value label count } years { value label count } months { value label count } series { value label count } } } }`},
		{"documents-filtered", `{ documentList(first: 50, filter: {body: "Security Council", text: "report"}) { totalCount items { document { id } } facets { months { value count } } } }`},
		{"timeline-busiest", fmt.Sprintf(`{ timeline(id: %q, by: MONTH) { mentions calls buckets { period mentions calls documents } } }`, busiest)},
		{"timeline-bar", fmt.Sprintf(`{ timelineSources(id: %q, by: MONTH, period: %q) { id citation text } }`, busiest, heaviest)},
		{"series", fmt.Sprintf(`{ series(id: %q) { id label members { document { id } calls new { id } dropped { id } } } }`, series[0].Value)},
		{"compare", fmt.Sprintf(`{ compare(a: %q, b: %q) { groups { kind shared { id a b } onlyA { id } onlyB { id } } pairs { a { id } b { id } similarity { score } } } }`, a, c)},
		{"similar-calls", fmt.Sprintf(`{ similarCalls(id: %q, first: 10) { call { id text } similarity { score sharedWords sharedEntities } } }`, recs.Nodes[0].ID)},
		{"matrix-crimetype-month", `{ crosstab(rows: "CrimeType", columns: "Month", maxRows: 100, maxColumns: 60) { rowCount columnCount rowHeads { key label total } columnHeads { key label total } cells { row column count ids } } }`},
	}
	for _, q := range queries {
		b.Run("data/"+q.name, func(b *testing.B) {
			post(b, srv.URL, q.query) // warm: derived indexes are built once per graph version
			b.ResetTimer()
			for range b.N {
				post(b, srv.URL, q.query)
			}
		})
	}
	// The timeline cache holds the last few timelines; a timeline not in
	// it reads the entity's edges again (explore, without HTTP).
	b.Run("data/timeline-busiest-uncached", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			fresh := explore.New(st, explore.Options{})
			if _, err := fresh.Documents(ctx, explore.DocFilter{}, "", "", 1); err != nil { // the document index, built once per graph version
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := fresh.Timeline(ctx, busiest, explore.ByMonth, explore.DocFilter{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("data/similar-calls-50", func(b *testing.B) {
		for range b.N {
			for _, n := range recs.Nodes {
				post(b, srv.URL, fmt.Sprintf(`{ similarCalls(id: %q, first: 10) { call { id } similarity { score } } }`, n.ID))
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(recs.Nodes))/1000, "ms/call")
	})

	chrome, err := findChromium()
	if err != nil {
		b.Logf("no Chromium, render times skipped: %v", err)
		return
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chrome), chromedp.Headless, chromedp.DisableGPU,
		chromedp.UserDataDir(filepath.Join(tmp, "profile")), chromedp.WindowSize(1280, 900))
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(bctx); err != nil {
		b.Fatal(err)
	}
	pages := []struct{ name, path, ready string }{
		{"home", "/", `document.querySelectorAll('main table tbody tr').length > 0`},
		{"documents", "/documents", `document.querySelectorAll('.doc-table tbody tr').length > 0`},
		{"timeline-busiest", "/entity?id=" + url.QueryEscape(string(busiest)), `document.querySelectorAll('#timeline svg .bar').length > 0`},
		{"series", "/series?id=" + url.QueryEscape(series[0].Value), `document.querySelectorAll('.series-table tbody tr').length > 1`},
		{"compare", "/compare?a=" + url.QueryEscape(string(a)) + "&b=" + url.QueryEscape(string(c)), `document.querySelector('.compare-kind, main .empty') !== null`},
		{"similar-calls", "/entity?id=" + url.QueryEscape(string(recs.Nodes[0].ID)), `document.querySelector('#similar li, #similar .empty') !== null`},
		{"matrix-crimetype-month", "/matrix?rows=CrimeType&columns=Month", `document.querySelectorAll('.matrix tbody tr').length > 0`},
	}
	for _, p := range pages {
		b.Run("render/"+p.name, func(b *testing.B) {
			var total time.Duration
			for range b.N {
				start := time.Now()
				if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+p.path),
					chromedp.Poll[chromedp.Void](p.ready, chromedp.WithPollingInterval(5*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second))); err != nil {
					b.Fatalf("%s: %v", p.path, err)
				}
				total += time.Since(start)
			}
			b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/render")
		})
	}
}

func countOf(t explore.Timeline, period string) int {
	for _, b := range t.Buckets {
		if b.Period == period {
			return b.Mentions + b.Calls
		}
	}
	return 0
}

// busiestEntity is the State, organization, crime type, instrument or
// theme the most paragraphs mention.
func busiestEntity(ctx context.Context, r kg.Reader) (kg.ID, error) {
	type cand struct {
		id kg.ID
		n  int
	}
	var all []cand
	for _, k := range []kg.Kind{kg.KindState, kg.KindOrganization, kg.KindCrimeType, kg.KindInstrument, kg.KindTheme} {
		after := ""
		for {
			page, err := r.List(ctx, k, after, 1000)
			if err != nil {
				return "", err
			}
			for _, n := range page.Nodes {
				e, err := r.Edges(ctx, n.ID, kg.EdgeQuery{Dir: kg.In, Kinds: []kg.EdgeKind{kg.EdgeMentions}})
				if err != nil {
					return "", err
				}
				all = append(all, cand{n.ID, len(e.Edges)})
			}
			if !page.HasNext {
				break
			}
			after = page.EndCursor
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].n > all[j].n })
	if len(all) == 0 {
		return "", fmt.Errorf("no entity in the store")
	}
	return all[0].id, nil
}

func post(b *testing.B, base, query string) {
	body, _ := json.Marshal(map[string]string{"query": query})
	res, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Errors []struct{ Message string } `json:"errors"`
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(res.Body); err != nil {
		b.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil || len(out.Errors) > 0 || res.StatusCode != 200 {
		b.Fatalf("%s: HTTP %d %v %s", strings.SplitN(query, "(", 2)[0], res.StatusCode, out.Errors, buf.String()[:min(300, buf.Len())])
	}
}
