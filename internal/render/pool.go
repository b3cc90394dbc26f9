package render

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// PoolConfig sizes the worker processes of Workers isolation. The zero
// value takes the defaults below, measured on a 2-core machine
// (docs/diagrams.md, "Worker processes").
type PoolConfig struct {
	// Workers is the number of workers that draw any diagram; 0 means 2.
	Workers int
	// SmallWorkers draw only small diagrams, so that a small drawing
	// never waits behind big ones; 0 means 1, negative means none (small
	// diagrams are then only drawn first by the other workers).
	SmallWorkers int
	// Small is the largest graph that goes to the small lane; zero means
	// 40 nodes and 80 edges (a depth-1 neighbourhood, a recommendation).
	Small Cap
	// MaxRenders recycles a worker (ends it and starts a fresh one) after
	// that many diagrams; 0 means 200.
	MaxRenders int
	// MaxRSS recycles a worker whose resident memory passes it after a
	// diagram, in bytes; 0 means 256 MiB. The WebAssembly module's memory
	// only grows, so this is what bounds a worker.
	MaxRSS int64
	// RenderTimeout kills a worker whose diagram takes longer, even when
	// the request's own deadline is later; 0 means 15 s.
	RenderTimeout time.Duration
	// MaxQueue bounds the requests waiting for a worker; beyond it a
	// request fails at once with CodeUnavailable. 0 means 64.
	MaxQueue int
}

func (c PoolConfig) withDefaults() PoolConfig {
	if c.Workers <= 0 {
		c.Workers = 2
	}
	if c.SmallWorkers == 0 {
		c.SmallWorkers = 1
	}
	if c.SmallWorkers < 0 {
		c.SmallWorkers = 0
	}
	if c.Small == (Cap{}) {
		c.Small = Cap{Nodes: 40, Edges: 80}
	}
	if c.MaxRenders <= 0 {
		c.MaxRenders = 200
	}
	if c.MaxRSS <= 0 {
		c.MaxRSS = 256 << 20
	}
	if c.RenderTimeout <= 0 {
		c.RenderTimeout = 15 * time.Second
	}
	if c.MaxQueue <= 0 {
		c.MaxQueue = 64
	}
	return c
}

// The lanes a worker takes jobs from.
const (
	laneSmall = "small" // small diagrams only
	laneAny   = "any"   // small diagrams first, then any
)

// pool runs diagrams in worker processes (ServeWorker): each worker has
// its own WebAssembly Graphviz module, so workers draw in parallel, a
// worker's memory is returned to the system when it is recycled, and a
// render that runs too long is stopped by killing its worker. The HTTP
// server's memory does not grow with what Graphviz does.
//
// Requests wait in two lanes, small and heavy. Every worker takes a small
// request before a heavy one, and the SmallWorkers take only small ones,
// so a small diagram is drawn at once however many heavy ones wait.
type pool struct {
	exe     string
	cfg     PoolConfig
	small   chan *job // unbuffered: a send succeeds when a worker takes it
	heavy   chan *job
	waiting atomic.Int64
	closed  chan struct{}
	close   sync.Once
	loops   sync.WaitGroup // the slots' goroutines
	reaps   sync.WaitGroup // processes being ended
	slots   []*slot
	stats   struct{ started, recycled, killed, died atomic.Int64 }
}

type job struct {
	ctx  context.Context
	req  []byte
	done chan result // buffered: the slot never blocks on it
}

type result struct {
	svg []byte
	err error
}

// slot is one place for a worker process: its goroutine takes jobs, starts
// the process when needed, and ends it to recycle it.
type slot struct {
	lane string
	mu   sync.Mutex // guards proc and busy for Stats; only the slot's goroutine writes them
	proc *proc
	busy bool
}

// proc is one running worker process.
type proc struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	stdout  *bufio.Reader
	stderr  *tailBuffer
	pid     int
	renders int
	greeted bool          // the magic line was read
	exited  chan struct{} // closed when the process has exited and been reaped
}

func newPool(exe string, cfg PoolConfig) *pool {
	cfg = cfg.withDefaults()
	p := &pool{exe: exe, cfg: cfg, small: make(chan *job), heavy: make(chan *job), closed: make(chan struct{})}
	for i := 0; i < cfg.SmallWorkers; i++ {
		p.slots = append(p.slots, &slot{lane: laneSmall})
	}
	for i := 0; i < cfg.Workers; i++ {
		p.slots = append(p.slots, &slot{lane: laneAny})
	}
	for _, s := range p.slots {
		p.loops.Add(1)
		go p.run(s)
	}
	return p
}

// errStopped is what a request gets when its worker ended under it.
func errStopped(err error, stderr string) error {
	if stderr != "" {
		err = fmt.Errorf("%w; worker stderr: %s", err, stderr)
	}
	return kg.Wrap(kg.CodeUnavailable, err, "the diagram renderer stopped while drawing this diagram (a fresh one has started): try again")
}

// svg draws g in a worker, waiting in its lane.
func (p *pool) svg(ctx context.Context, g kg.Subgraph, opts Options) ([]byte, error) {
	req, err := json.Marshal(workerRequest{Graph: g, Options: opts})
	if err != nil {
		return nil, kg.Wrap(kg.CodeInternal, err, "the diagram request could not be encoded")
	}
	lane := p.heavy
	if p.cfg.Small.fits(len(g.Nodes), len(g.Edges)) {
		lane = p.small
	}
	if n := p.waiting.Add(1); n > int64(p.cfg.MaxQueue) {
		p.waiting.Add(-1)
		return nil, kg.Errorf(kg.CodeUnavailable, "%d diagrams are waiting to be drawn: try again shortly", n-1)
	}
	j := &job{ctx: ctx, req: req, done: make(chan result, 1)}
	select {
	case lane <- j:
		p.waiting.Add(-1)
	case <-ctx.Done():
		p.waiting.Add(-1)
		return nil, ctxError(ctx)
	case <-p.closed:
		p.waiting.Add(-1)
		return nil, kg.Errorf(kg.CodeUnavailable, "the diagram renderer is shutting down")
	}
	r := <-j.done // the slot always answers, at the latest when ctx ends
	return r.svg, r.err
}

func (p *pool) run(s *slot) {
	defer p.loops.Done()
	for {
		var j *job
		select {
		case j = <-p.small:
		default:
			heavy := p.heavy
			if s.lane == laneSmall {
				heavy = nil // a nil channel is never ready
			}
			select {
			case j = <-p.small:
			case j = <-heavy:
			case <-p.closed:
				s.setProc(nil, p)
				return
			}
		}
		s.setBusy(true)
		res := s.do(p, j)
		s.setBusy(false)
		j.done <- res
	}
}

func (s *slot) setBusy(b bool) {
	s.mu.Lock()
	s.busy = b
	s.mu.Unlock()
}

func (s *slot) setProc(np *proc, p *pool) {
	s.mu.Lock()
	old := s.proc
	s.proc = np
	s.mu.Unlock()
	if old != nil && old != np {
		p.end(old)
	}
}

// do draws one job in the slot's worker, starting it if needed; it kills
// the worker when the job's context or the render time limit ends first.
func (s *slot) do(p *pool, j *job) result {
	if j.ctx.Err() != nil {
		return result{err: ctxError(j.ctx)}
	}
	if s.proc != nil && s.proc.hasExited() {
		// It died while idle (killed from outside, out of memory): this
		// request is not the one it failed.
		p.stats.died.Add(1)
		s.setProc(nil, p)
	}
	if s.proc == nil {
		np, err := p.start()
		if err != nil {
			return result{err: err}
		}
		s.setProc(np, p)
	}
	pr := s.proc
	ctx, cancel := context.WithTimeout(j.ctx, p.cfg.RenderTimeout)
	defer cancel()
	type answer struct {
		res    result
		broken error
	}
	ac := make(chan answer, 1)
	go func() {
		res, broken := pr.exchange(j.req)
		ac <- answer{res, broken}
	}()
	select {
	case a := <-ac:
		if a.broken != nil {
			p.stats.died.Add(1)
			stderr := pr.stderr.String()
			s.setProc(nil, p)
			if !pr.greeted && !pr.killedBySignal() {
				return result{err: kg.Wrap(kg.CodeUnavailable, fmt.Errorf("%s %s: %w: %s", p.exe, WorkerArg, a.broken, stderr),
					"the diagram renderer's worker did not start (main must call render.ServeWorker)")}
			}
			return result{err: errStopped(a.broken, stderr)}
		}
		s.mu.Lock()
		pr.renders++
		s.mu.Unlock()
		if pr.renders >= p.cfg.MaxRenders || pr.rss() > p.cfg.MaxRSS {
			p.stats.recycled.Add(1)
			s.setProc(nil, p)
			if np, err := p.start(); err == nil { // start the next one now, not on the next request
				s.setProc(np, p)
			}
		}
		return a.res
	case <-ctx.Done():
		p.stats.killed.Add(1)
		pr.kill()
		<-ac // the pipes are closed: the exchange returns
		s.setProc(nil, p)
		if np, err := p.start(); err == nil {
			s.setProc(np, p)
		}
		if j.ctx.Err() != nil {
			return result{err: ctxError(j.ctx)}
		}
		return result{err: kg.Errorf(kg.CodeTimeout,
			"drawing the diagram took more than %s: lower the depth, filter the node or edge kinds, or choose the sfdp layout", p.cfg.RenderTimeout)}
	}
}

// start starts a worker process. The worker warms its Graphviz module
// before it greets, while the parent goes on: the greeting is read with
// the first answer.
func (p *pool) start() (*proc, error) {
	// A worker whose parent dies reads the end of its input and exits
	// after the diagram it is drawing (bounded by Limits).
	cmd := exec.Command(p.exe, WorkerArg)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, kg.Wrap(kg.CodeUnavailable, err, "the diagram renderer could not start")
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, kg.Wrap(kg.CodeUnavailable, err, "the diagram renderer could not start")
	}
	tail := &tailBuffer{max: 4096}
	cmd.Stderr = tail
	if err := cmd.Start(); err != nil {
		return nil, kg.Wrap(kg.CodeUnavailable, err, "the diagram renderer could not start")
	}
	p.stats.started.Add(1)
	lowerPriority(cmd.Process.Pid)
	pr := &proc{cmd: cmd, stdin: stdin, stdout: bufio.NewReaderSize(stdout, 64<<10), stderr: tail, pid: cmd.Process.Pid,
		exited: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(pr.exited) }()
	return pr, nil
}

// killedBySignal reports whether the process ended by a signal (kill -9,
// the kernel's OOM killer), waiting a second for it to end.
func (pr *proc) killedBySignal() bool {
	select {
	case <-pr.exited:
	case <-time.After(time.Second):
		return false
	}
	ws, ok := pr.cmd.ProcessState.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled()
}

func (pr *proc) hasExited() bool {
	select {
	case <-pr.exited:
		return true
	default:
		return false
	}
}

// end ends a worker: its input is closed, so it exits; it is killed if it
// has not within a second. Its exit is awaited apart.
func (p *pool) end(pr *proc) {
	p.reaps.Add(1)
	go func() {
		defer p.reaps.Done()
		pr.stdin.Close()
		select {
		case <-pr.exited:
		case <-time.After(time.Second):
			pr.kill()
			<-pr.exited
		}
	}()
}

func (pr *proc) kill() {
	_ = pr.cmd.Process.Kill()
	pr.stdin.Close()
}

// exchange sends one request and reads its answer. broken is set when the
// worker cannot be talked to any more (it died, or is not a worker).
func (pr *proc) exchange(req []byte) (res result, broken error) {
	if err := writeFrame(pr.stdin, req); err != nil {
		return result{}, err
	}
	if !pr.greeted {
		magic := make([]byte, len(workerMagic))
		if _, err := io.ReadFull(pr.stdout, magic); err != nil {
			return result{}, err
		}
		if string(magic) != workerMagic {
			return result{}, fmt.Errorf("not a render worker: it wrote %q", magic)
		}
		pr.greeted = true
	}
	status, err := pr.stdout.ReadByte()
	if err != nil {
		return result{}, err
	}
	b, err := readFrame(pr.stdout)
	if err != nil {
		return result{}, err
	}
	switch status {
	case frameSVG:
		return result{svg: b}, nil
	case frameError:
		var we workerError
		if err := json.Unmarshal(b, &we); err != nil {
			return result{}, fmt.Errorf("bad error frame: %w", err)
		}
		return result{err: &kg.Error{Code: we.Code, Message: we.Message, Err: errors.New(we.Detail)}}, nil
	}
	return result{}, fmt.Errorf("bad answer status %q", status)
}

// Close ends every worker and waits for them.
func (p *pool) Close() {
	p.close.Do(func() { close(p.closed) })
	p.loops.Wait()
	p.reaps.Wait()
}

// WorkerStats describes one worker slot.
type WorkerStats struct {
	Lane    string // "small" or "any"
	PID     int    // 0 when no process runs
	Busy    bool   // drawing a diagram
	Renders int    // diagrams drawn by the running process
	RSS     int64  // its resident memory in bytes (Linux; 0 elsewhere)
}

// PoolStats counts what the workers did.
type PoolStats struct {
	Workers                         []WorkerStats
	Started, Recycled, Killed, Died int64
	Waiting                         int64
}

func (p *pool) Stats() PoolStats {
	st := PoolStats{Started: p.stats.started.Load(), Recycled: p.stats.recycled.Load(),
		Killed: p.stats.killed.Load(), Died: p.stats.died.Load(), Waiting: p.waiting.Load()}
	for _, s := range p.slots {
		s.mu.Lock()
		w := WorkerStats{Lane: s.lane, Busy: s.busy}
		if s.proc != nil {
			w.PID, w.Renders = s.proc.pid, s.proc.renders
			w.RSS = s.proc.rss()
		}
		s.mu.Unlock()
		st.Workers = append(st.Workers, w)
	}
	return st
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = append([]byte(nil), t.b[len(t.b)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(string(bytes.ToValidUTF8(t.b, nil)))
}
