// Command attack drives a running `crimegraph serve` on loopback with a
// bounded mix of the attacks of docs/reliability.md ("Attacks"), while it
// probes /healthz and samples the server's RSS, and checks the bounds:
//
//   - the server's RSS stays under -max-rss;
//   - /healthz answers within -health every time;
//   - every request answers, or fails, within its timeout (GraphQL 10 s,
//     diagrams 20 s, plus -slack);
//   - a fragment bomb is refused within -bomb;
//   - once the clients have gone, the server computes nothing (-idle-cpu).
//
// It prints a table per attack and exits 1 when a bound fails.
// scripts/attack.sh builds and starts the server and runs this; see
// `make attack`.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

var (
	addr     = flag.String("addr", "127.0.0.1:18091", "the server, HOST:PORT on loopback")
	pid      = flag.Int("pid", 0, "the server's process ID, for its RSS (/proc/PID/status)")
	duration = flag.Duration("duration", 60*time.Second, "how long to attack")
	maxRSS   = flag.Int("max-rss", 300, "bound on the server's RSS, MB")
	health   = flag.Duration("health", 100*time.Millisecond, "bound on /healthz latency")
	bombMax  = flag.Duration("bomb", 100*time.Millisecond, "bound on refusing a fragment bomb")
	slack    = flag.Duration("slack", time.Second, "allowance over a request's timeout")
	diagrams = flag.Bool("diagrams", true, "include diagram attacks")
	idleCPU  = flag.Duration("idle-cpu", 150*time.Millisecond, "bound on the server's CPU time in the 3 s after the attack")
	requests = flag.Int64("requests", 200000, "bound on the number of attack requests")
	waitFor  = flag.String("wait-for", "", "role probe: before measuring the server's idle CPU, wait until this file exists (the load has ended)")
	role     = flag.String("role", "all", "all: attack and measure; load: attack only (its fragment bombs are load, not judged); probe: measure only — /healthz, a new fragment bomb every 250 ms, RSS and idle CPU — so that a probe at normal priority is not starved by a load generator sharing the server's cores")
)

const (
	graphqlTimeout = 10 * time.Second
	diagramTimeout = 20 * time.Second
)

// result is one request's outcome.
type result struct {
	status int // 0: no answer (transport error or client timeout)
	took   time.Duration
}

type stats struct {
	mu       sync.Mutex
	byName   map[string][]result
	order    []string
	limit    map[string]time.Duration // the bound on each request of an attack
	rss      []int64
	healthz  []time.Duration
	cpuAfter time.Duration // CPU the server spent in the 3 s after the attack
}

func (s *stats) add(name string, limit time.Duration, r result) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.byName[name]; !ok {
		s.order = append(s.order, name)
		s.limit[name] = limit
	}
	s.byName[name] = append(s.byName[name], r)
}

func main() {
	flag.Parse()
	host, _, err := net.SplitHostPort(*addr)
	if err != nil || (host != "127.0.0.1" && host != "localhost" && host != "::1") {
		fmt.Fprintln(os.Stderr, "attack: -addr must be on loopback")
		os.Exit(2)
	}
	base := "http://" + *addr
	ids, err := entityIDs(base)
	if err != nil {
		fmt.Fprintln(os.Stderr, "attack:", err)
		os.Exit(2)
	}
	st := &stats{byName: map[string][]result{}, limit: map[string]time.Duration{}}
	ctx, cancel := context.WithTimeout(context.Background(), *duration)
	defer cancel()
	var wg sync.WaitGroup
	var sent atomic.Int64
	run := func(n int, f func(ctx context.Context, i int)) {
		for w := 0; w < n; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; ctx.Err() == nil && sent.Add(1) <= *requests; i += n {
					f(ctx, i)
				}
			}()
		}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	do := func(name string, limit time.Duration, req *http.Request) int {
		cctx, cancel := context.WithTimeout(req.Context(), limit+*slack+5*time.Second)
		defer cancel()
		start := time.Now()
		resp, err := client.Do(req.WithContext(cctx))
		status := 0
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			status = resp.StatusCode
		} else if ctx.Err() != nil {
			return 0 // cut short by the end of the attack, not the server's doing
		}
		st.add(name, limit, result{status: status, took: time.Since(start)})
		return status
	}
	gql := func(ctx context.Context, name string, limit time.Duration, query string, vars map[string]any) int {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		return do(name, limit, req)
	}
	get := func(ctx context.Context, name string, limit time.Duration, path string) int {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
		return do(name, limit, req)
	}

	if *role != "probe" {
		// 1. Fragment bombs of every depth, each new (a comment defeats the
		// parsed-query cache).
		run(1, func(ctx context.Context, i int) {
			gql(ctx, "fragment bomb", *bombMax, fmt.Sprintf("%s # %d", fragmentBomb(7+i%140), i), nil)
		})
		// ... and clients that leave after 20 ms.
		run(1, func(ctx context.Context, i int) {
			c, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
			defer cancel()
			body, _ := json.Marshal(map[string]any{"query": fmt.Sprintf("%s # left %d", fragmentBomb(11), i)})
			req, _ := http.NewRequestWithContext(c, http.MethodPost, base+"/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			if resp, err := client.Do(req); err == nil {
				resp.Body.Close()
			}
			time.Sleep(50 * time.Millisecond)
		})
		// 5. Made-up methods and paths: metrics label cardinality.
		run(1, func(ctx context.Context, i int) {
			req, _ := http.NewRequestWithContext(ctx, fmt.Sprintf("X%06d", i), fmt.Sprintf("%s/p%d", base, i), nil)
			do("made-up method", graphqlTimeout, req)
		})
		// 6. Slow fields: three concurrent deep neighbourhoods with their sources.
		// Every other one follows MENTIONS too, which makes the subgraph and
		// its sources far larger.
		run(3, func(ctx context.Context, i int) {
			var kinds any
			if i%2 == 1 {
				kinds = []string{"MENTIONS", "CONTAINS", "ADDRESSES"}
			}
			gql(ctx, "neighbourhood depth 3 + sources", graphqlTimeout,
				`query($id: ID!, $k: [String!]) { neighbourhood(id: $id, depth: 3, limit: 1000, edgeKinds: $k) { title sources { citation quote { match } } } }`,
				map[string]any{"id": ids[i%len(ids)], "k": kinds})
		})
		// 7. Cache memory: distinct 60 KB queries.
		pad := strings.Repeat("x", 60<<10)
		run(1, func(ctx context.Context, i int) {
			gql(ctx, "distinct 60 KB queries", graphqlTimeout,
				fmt.Sprintf("{ entities(kind: STATE, first: %d) { nodes { id label } } } # %d %s", 1+i%100, i, pad), nil)
		})
		// 9 and the rest of issue 13's list: HEAD, aliases, depth, oversized bodies.
		aliases := "{" + strings.Repeat(" a: stats { nodes }", 3000) + " }"
		big := `{"query": "{ stats { nodes } }` + strings.Repeat(" ", 1<<20) + `"}`
		run(1, func(ctx context.Context, i int) {
			switch i % 4 {
			case 0:
				req, _ := http.NewRequestWithContext(ctx, http.MethodHead, base+"/graphql", nil)
				do("HEAD, aliases, 1 MB body, deep", graphqlTimeout, req)
			case 1:
				gql(ctx, "HEAD, aliases, 1 MB body, deep", graphqlTimeout, aliases+fmt.Sprintf(" # %d", i), nil)
			case 2:
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", strings.NewReader(big))
				req.Header.Set("Content-Type", "application/json")
				do("HEAD, aliases, 1 MB body, deep", graphqlTimeout, req)
			case 3:
				q := "id"
				for range 40 {
					q = "... on Section { parent { id " + q + " } }"
				}
				gql(ctx, "HEAD, aliases, 1 MB body, deep", graphqlTimeout, `{ node(id: "x") { `+q+` } }`, nil)
			}
		})
		// Diagrams: distinct heavy sfdp and dot neighbourhoods, and a small one.
		if *diagrams {
			run(2, func(ctx context.Context, i int) {
				layout := []string{"sfdp", "dot"}[i%2]
				get(ctx, "heavy diagrams (sfdp, dot)", diagramTimeout, fmt.Sprintf("/diagram/neighbourhood?format=svg&layout=%s&depth=2&limit=%d&id=%s",
					layout, 100+i%150, url.QueryEscape(ids[i%len(ids)])))
			})
			run(1, func(ctx context.Context, i int) {
				get(ctx, "small diagram", diagramTimeout, fmt.Sprintf("/diagram/neighbourhood?format=svg&limit=%d&id=%s", 3+i%5, url.QueryEscape(ids[0])))
				sleep(ctx, time.Second)
			})
		}
		// An analyst's ordinary traffic beside it.
		run(2, func(ctx context.Context, i int) {
			gql(ctx, "entity pages", graphqlTimeout,
				`query($id: ID!) { node(id: $id) { ... on Entity { id label mentions(first: 10) { totalCount nodes { evidence { citation quote(context: 60) { match } } } } } } }`,
				map[string]any{"id": ids[i%len(ids)]})
		})
	}
	// Probes.
	if *role != "load" {
		probe(ctx, &wg, st, gql)
	}
	wg.Wait()
	if *role == "load" {
		if !report(st, base) {
			os.Exit(1)
		}
		return
	}
	// What the server still computes once every client has gone: a
	// second to let answers in flight finish, then three seconds idle.
	for deadline := time.Now().Add(time.Minute); *waitFor != "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if _, err := os.Stat(*waitFor); err == nil {
			break
		}
	}
	time.Sleep(time.Second)
	cpu0 := cpuTime(*pid)
	time.Sleep(3 * time.Second)
	st.cpuAfter = cpuTime(*pid) - cpu0
	if !report(st, base) {
		os.Exit(1)
	}
}

// probe measures what the bounds are about: /healthz every 100 ms, a new
// fragment bomb every 250 ms (role probe), the server's RSS.
func probe(ctx context.Context, wg *sync.WaitGroup, st *stats, gql func(context.Context, string, time.Duration, string, map[string]any) int) {
	base := "http://" + *addr
	if *role == "probe" {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				gql(ctx, "fragment bomb", *bombMax, fmt.Sprintf("%s # probe %d", fragmentBomb(7+i%140), i), nil)
				sleep(ctx, 250*time.Millisecond)
			}
		}()
	}
	wg.Add(2)
	go func() {
		defer wg.Done()
		hc := &http.Client{Timeout: 5 * time.Second}
		for ctx.Err() == nil {
			start := time.Now()
			resp, err := hc.Get(base + "/healthz")
			took := time.Since(start)
			if err != nil {
				took = 5 * time.Second
			} else {
				resp.Body.Close()
			}
			st.mu.Lock()
			st.healthz = append(st.healthz, took)
			st.mu.Unlock()
			sleep(ctx, 100*time.Millisecond)
		}
	}()
	go func() {
		defer wg.Done()
		for ctx.Err() == nil {
			if r := rss(*pid); r > 0 {
				st.mu.Lock()
				st.rss = append(st.rss, r)
				st.mu.Unlock()
			}
			sleep(ctx, 250*time.Millisecond)
		}
	}()
}

// cpuTime is a process's user and system CPU time, from /proc/PID/stat.
func cpuTime(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if pid <= 0 || err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses: utime and
	// stime are the 14th and 15th fields, in clock ticks (100 a second).
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	k, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+k) * 10 * time.Millisecond
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

// report prints the tables and reports whether every bound held.
func report(st *stats, base string) bool {
	ok := true
	fmt.Printf("%-34s %7s %-28s %9s %9s %9s %s\n", "attack", "requests", "statuses", "p50", "p99", "max", "bound")
	for _, name := range st.order {
		rs := st.byName[name]
		limit := st.limit[name]
		var took []time.Duration
		codes := map[int]int{}
		late := 0
		for _, r := range rs {
			took = append(took, r.took)
			codes[r.status]++
			if r.took > limit+*slack && name != "fragment bomb" || name == "fragment bomb" && r.took > limit && *role != "load" {
				late++
			}
		}
		verdict := fmt.Sprintf("all within %s", limit)
		if name != "fragment bomb" {
			verdict += " + " + slack.String()
		}
		if late > 0 {
			verdict = fmt.Sprintf("FAIL: %d past %s", late, limit)
			ok = false
		}
		if name == "fragment bomb" && *role == "load" {
			verdict = "load; the probe judges bombs"
		}
		fmt.Printf("%-34s %7d %-28s %9s %9s %9s %s\n", name, len(rs), statuses(codes),
			pct(took, 50), pct(took, 99), pct(took, 100), verdict)
	}
	if *role == "load" {
		return ok
	}
	verdict := "ok"
	if m := pct(st.healthz, 100); m > *health {
		verdict, ok = fmt.Sprintf("FAIL: over %s", *health), false
	}
	fmt.Printf("%-34s %7d %-28s %9s %9s %9s %s\n", "/healthz probe (every 100 ms)", len(st.healthz), "", pct(st.healthz, 50), pct(st.healthz, 99), pct(st.healthz, 100), verdict)
	if len(st.rss) > 0 {
		peak := slices.Max(st.rss)
		verdict := "ok"
		if peak > int64(*maxRSS)<<20 {
			verdict, ok = fmt.Sprintf("FAIL: over %d MB", *maxRSS), false
		}
		fmt.Printf("server RSS: first %d MB, peak %d MB, last %d MB (bound %d MB): %s\n",
			st.rss[0]>>20, peak>>20, st.rss[len(st.rss)-1]>>20, *maxRSS, verdict)
		verdict = "ok"
		if st.cpuAfter > *idleCPU {
			verdict, ok = fmt.Sprintf("FAIL: over %s", *idleCPU), false
		}
		fmt.Printf("server CPU in the 3 s after the clients left: %s (bound %s): %s\n", st.cpuAfter, *idleCPU, verdict)
	} else {
		fmt.Println("server RSS and CPU: not sampled (no -pid)")
	}
	if resp, err := http.Get(base + "/metrics"); err == nil {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		series := 0
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "crimegraph_http_request_duration_seconds_count") {
				series++
			}
			if strings.HasPrefix(line, "crimegraph_cache_bytes") {
				fmt.Println("after:", line)
			}
		}
		fmt.Printf("after: /metrics is %d KB, %d HTTP request series\n", len(b)>>10, series)
	}
	return ok
}

func statuses(codes map[int]int) string {
	var keys []int
	for k := range codes {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		name := strconv.Itoa(k)
		if k == 0 {
			name = "none"
		}
		parts = append(parts, fmt.Sprintf("%s×%d", name, codes[k]))
	}
	return strings.Join(parts, " ")
}

func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := min(len(s)-1, (len(s)*p)/100)
	return s[i].Round(100 * time.Microsecond)
}

// fragmentBomb is a document in which each fragment spreads the previous
// one ten times: 10^levels fields expanded.
func fragmentBomb(levels int) string {
	var b strings.Builder
	b.WriteString("fragment F0 on Query { stats { nodes } }\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "fragment F%d on Query {%s }\n", i, strings.Repeat(fmt.Sprintf(" ...F%d", i-1), 10))
	}
	fmt.Fprintf(&b, "{ ...F%d }", levels)
	return b.String()
}

// entityIDs are the States, crime types and organizations of the corpus,
// the centres of the neighbourhoods.
func entityIDs(base string) ([]string, error) {
	body := `{"query":"{ a: entities(kind: STATE, first: 100) { nodes { id } } b: entities(kind: CRIME_TYPE, first: 100) { nodes { id } } c: entities(kind: ORGANIZATION, first: 100) { nodes { id } } }"}`
	resp, err := http.Post(base+"/graphql", "application/json", strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out struct {
		Data map[string]struct {
			Nodes []struct{ ID string } `json:"nodes"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, err
	}
	var ids []string
	for _, c := range out.Data {
		for _, n := range c.Nodes {
			ids = append(ids, n.ID)
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("the server has no entities")
	}
	rand.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	return ids, nil
}

// rss reads a process's resident set size from /proc.
func rss(pid int) int64 {
	if pid <= 0 {
		return 0
	}
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
