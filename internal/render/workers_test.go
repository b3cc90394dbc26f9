package render_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/render"
)

// The worker tests run the real worker: this test binary started with
// render.WorkerArg (see TestMain).

// unlimited lets a test draw graphs beyond the default caps, to make
// renders that take seconds.
var unlimited = render.Limits{MaxNodes: 10000, MaxEdges: 100000, Engines: map[render.Engine]render.Cap{}}

func workers(t *testing.T, cfg render.Config) *render.Renderer {
	t.Helper()
	cfg.Isolation = render.Workers
	r := render.NewRenderer(cfg)
	t.Cleanup(func() { r.Close() })
	return r
}

// pids returns the running workers' process IDs by lane.
func pids(r *render.Renderer, lane string) []int {
	var out []int
	for _, w := range r.Stats().Workers {
		if w.Lane == lane && w.PID != 0 {
			out = append(out, w.PID)
		}
	}
	return out
}

func alive(pid int) bool {
	// A process that has exited and been reaped is gone; signal 0 checks.
	return syscall.Kill(pid, 0) == nil
}

// TestWorkersDrawLikeInProcess: a worker draws the same SVG as the
// in-process renderer, and errors keep their code across the process
// boundary.
func TestWorkersDrawLikeInProcess(t *testing.T) {
	r := workers(t, render.Config{})
	ctx := context.Background()
	got, err := r.Render(ctx, crimeTypeGraph(), render.SVG, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := render.NewRenderer(render.Config{}).Render(ctx, crimeTypeGraph(), render.SVG, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("the worker's SVG differs from the in-process SVG")
	}
	_, err = r.Render(ctx, kg.Subgraph{Edges: []kg.Edge{{From: "state:X", To: "state:Y"}}}, render.SVG, render.Options{})
	if kg.ErrorCode(err) != kg.CodeInvalid {
		t.Errorf("worker error code: %v", err)
	}
	// PNG goes through the worker's SVG.
	png, err := r.Render(ctx, pathGraph(), render.PNG, render.Options{})
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("PNG: %v %.8q", err, png)
	}
}

// TestWorkersNotAWorker: a program that does not serve as a worker is
// reported clearly, and a closed Renderer refuses.
func TestWorkersNotAWorker(t *testing.T) {
	bad := workers(t, render.Config{Executable: "/bin/true"})
	_, err := bad.Render(context.Background(), pathGraph(), render.SVG, render.Options{})
	if kg.ErrorCode(err) != kg.CodeUnavailable || !strings.Contains(kg.ErrorMessage(err), "ServeWorker") {
		t.Errorf("non-worker executable: %v", err)
	}
	r := render.NewRenderer(render.Config{Isolation: render.Workers})
	r.Close()
	if _, err := r.Render(context.Background(), pathGraph(), render.SVG, render.Options{}); kg.ErrorCode(err) != kg.CodeUnavailable {
		t.Errorf("closed renderer: %v", err)
	}
}

// TestWorkerTimeoutKills: a render that outlives its deadline, or the
// pool's render time limit, kills its worker; the next diagram is drawn
// by a fresh one.
func TestWorkerTimeoutKills(t *testing.T) {
	for _, tc := range []struct {
		name    string
		ctxTime time.Duration
		pool    render.PoolConfig
	}{
		{"request deadline", 300 * time.Millisecond, render.PoolConfig{SmallWorkers: -1, Workers: 1}},
		{"render time limit", time.Minute, render.PoolConfig{SmallWorkers: -1, Workers: 1, RenderTimeout: 3 * time.Second}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := workers(t, render.Config{Limits: unlimited, Pool: tc.pool})
			ctx := context.Background()
			if _, err := r.Render(ctx, pathGraph(), render.SVG, render.Options{}); err != nil {
				t.Fatal(err)
			}
			old := pids(r, "any")
			tctx, cancel := context.WithTimeout(ctx, tc.ctxTime)
			defer cancel()
			start := time.Now()
			_, err := r.Render(tctx, randomGraph(150, 4, 3), render.SVG, render.Options{Engine: render.Circo})
			if kg.ErrorCode(err) != kg.CodeTimeout {
				t.Fatalf("slow render: got %v, want %s", err, kg.CodeTimeout)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("the slow render was stopped after %v", d)
			}
			if st := r.Stats(); st.Killed != 1 {
				t.Errorf("stats after the timeout: %+v", st)
			}
			if _, err := r.Render(ctx, pathGraph(), render.SVG, render.Options{}); err != nil {
				t.Fatalf("after the kill: %v", err)
			}
			now := pids(r, "any")
			if len(old) != 1 || len(now) != 1 || old[0] == now[0] {
				t.Errorf("workers before %v, after %v: want a fresh one", old, now)
			}
			waitGone(t, old[0])
		})
	}
}

// waitFor polls the pool until cond holds, and fails the test when it does
// not within 30 s.
func waitFor(t *testing.T, r *render.Renderer, what string, cond func(render.PoolStats) bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(r.Stats()); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited 30 s for %s: %+v", what, r.Stats())
		}
	}
}

func waitGone(t *testing.T, pid int) {
	t.Helper()
	for i := 0; i < 100 && alive(pid); i++ {
		time.Sleep(20 * time.Millisecond)
	}
	if alive(pid) {
		t.Errorf("worker %d still runs", pid)
	}
}

// TestWorkerDiesMidRender: a worker killed while drawing gives its
// request a clean error (503, try again), and a fresh worker draws the
// next.
func TestWorkerDiesMidRender(t *testing.T) {
	r := workers(t, render.Config{Limits: unlimited, Pool: render.PoolConfig{SmallWorkers: -1, Workers: 1}})
	ctx := context.Background()
	if _, err := r.Render(ctx, pathGraph(), render.SVG, render.Options{}); err != nil {
		t.Fatal(err)
	}
	victim := pids(r, "any")[0]
	errc := make(chan error, 1)
	go func() {
		_, err := r.Render(ctx, randomGraph(150, 4, 3), render.SVG, render.Options{Engine: render.Circo})
		errc <- err
	}()
	waitFor(t, r, "the worker to draw", func(st render.PoolStats) bool { return st.Workers[0].Busy })
	time.Sleep(50 * time.Millisecond) // the worker is drawing (circo takes seconds)
	if err := syscall.Kill(victim, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := <-errc
	if kg.ErrorCode(err) != kg.CodeUnavailable || !strings.Contains(kg.ErrorMessage(err), "try again") {
		t.Fatalf("killed worker: %v (code %s)", err, kg.ErrorCode(err))
	}
	if strings.Contains(kg.ErrorMessage(err), "wasm") {
		t.Errorf("the message leaks internals: %q", kg.ErrorMessage(err))
	}
	if _, err := r.Render(ctx, crimeTypeGraph(), render.SVG, render.Options{}); err != nil {
		t.Fatalf("after the death: %v", err)
	}
	if now := pids(r, "any"); len(now) != 1 || now[0] == victim {
		t.Errorf("workers %v after killing %d", now, victim)
	}
	if st := r.Stats(); st.Died != 1 {
		t.Errorf("stats: %+v", st)
	}
}

// TestWorkerRecycle: a worker is ended and replaced after MaxRenders
// diagrams, or when its memory passes MaxRSS.
func TestWorkerRecycle(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		pool render.PoolConfig
		per  int // renders per worker
	}{
		{"by count", render.PoolConfig{SmallWorkers: -1, Workers: 1, MaxRenders: 2}, 2},
		{"by memory", render.PoolConfig{SmallWorkers: -1, Workers: 1, MaxRSS: 1}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := workers(t, render.Config{Pool: tc.pool})
			for i := 0; i < 4; i++ {
				if _, err := r.Render(ctx, pathGraph(), render.SVG, render.Options{}); err != nil {
					t.Fatal(err)
				}
			}
			st := r.Stats()
			if want := int64(4 / tc.per); st.Recycled != want {
				t.Errorf("recycled %d workers, want %d (%+v)", st.Recycled, want, st)
			}
			if st.Started != st.Recycled+1 {
				t.Errorf("started %d workers, recycled %d", st.Started, st.Recycled)
			}
		})
	}
}

// TestSmallNotBehindHeavy: with the general workers busy with heavy
// diagrams and more waiting, a small diagram is drawn by the small lane
// at once, before the heavy ones ahead of it in time.
func TestSmallNotBehindHeavy(t *testing.T) {
	r := workers(t, render.Config{Limits: unlimited, Pool: render.PoolConfig{Workers: 1}})
	ctx := context.Background()
	// Start both workers, so that no start-up is timed below.
	for i := 0; i < 2; i++ {
		if _, err := r.Render(ctx, pathGraph(), render.SVG, render.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	heavyDone := 0
	var wg sync.WaitGroup
	const heavy = 4
	for i := 0; i < heavy; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if _, err := r.Render(ctx, randomGraph(120, 2, int64(i)), render.SVG, render.Options{Engine: render.SFDP}); err != nil {
				t.Error(err)
			}
			mu.Lock()
			heavyDone++
			mu.Unlock()
		}(i)
	}
	waitFor(t, r, "the heavy diagrams to queue", func(st render.PoolStats) bool { return st.Waiting >= heavy-1 }) // one drawing, the others queued
	if _, err := r.Render(ctx, pathGraph(), render.SVG, render.Options{}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	done := heavyDone
	mu.Unlock()
	wg.Wait()
	if done > 1 {
		t.Errorf("the small diagram finished after %d of %d heavy ones queued before it", done, heavy)
	}
}

// TestWorkerQueueBound: beyond MaxQueue waiting requests, a request fails
// at once with a clear error instead of piling up.
func TestWorkerQueueBound(t *testing.T) {
	r := workers(t, render.Config{Limits: unlimited, Pool: render.PoolConfig{SmallWorkers: -1, Workers: 1, MaxQueue: 1}})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	draw := func(i int) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.Render(ctx, randomGraph(150, 4, int64(i)), render.SVG, render.Options{Engine: render.Circo})
		}()
	}
	draw(0) // one drawing,
	waitFor(t, r, "the worker to draw", func(st render.PoolStats) bool { return st.Workers[0].Busy })
	draw(1) // one waiting
	waitFor(t, r, "a request to queue", func(st render.PoolStats) bool { return st.Waiting >= 1 })
	_, err := r.Render(ctx, pathGraph(), render.SVG, render.Options{})
	if kg.ErrorCode(err) != kg.CodeUnavailable || !strings.Contains(kg.ErrorMessage(err), "waiting") {
		t.Errorf("over the queue bound: %v", err)
	}
	cancel()
	wg.Wait()
}

// TestWorkerDiesIdle: a worker that died while idle (killed from outside)
// is replaced before it is given a request, which is drawn as usual.
func TestWorkerDiesIdle(t *testing.T) {
	r := workers(t, render.Config{Pool: render.PoolConfig{SmallWorkers: -1, Workers: 1}})
	ctx := context.Background()
	if _, err := r.Render(ctx, pathGraph(), render.SVG, render.Options{}); err != nil {
		t.Fatal(err)
	}
	victim := pids(r, "any")[0]
	if err := syscall.Kill(victim, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	waitGone(t, victim)
	if _, err := r.Render(ctx, pathGraph(), render.SVG, render.Options{}); err != nil {
		t.Errorf("after an idle worker died: %v", err)
	}
	if now := pids(r, "any"); len(now) != 1 || now[0] == victim {
		t.Errorf("workers %v after killing %d", now, victim)
	}
}
