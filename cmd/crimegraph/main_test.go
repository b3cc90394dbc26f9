package main_test

// End-to-end tests of the crimegraph binary: exit codes, clean shutdown on
// a signal, and kill -9 during ingest. They build the binary once.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/crimegraph/crimegraph/internal/synth"
	"github.com/crimegraph/crimegraph/internal/testtool"
)

var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "crimegraph-e2e-")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "crimegraph")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// run runs the binary and returns stdout, stderr and the exit code.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), code
}

func TestExitCodes(t *testing.T) {
	data := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		want string // in stdout or stderr
	}{
		{"no args", nil, 2, "Subcommands"},
		{"help", []string{"help"}, 0, "ingest"},
		{"unknown", []string{"frobnicate"}, 2, "unknown subcommand"},
		{"subcommand help", []string{"ingest", "--help"}, 0, "-data"},
		{"bad flag", []string{"stats", "--nope"}, 2, "flag provided but not defined"},
		{"missing store", []string{"stats", "--data", filepath.Join(data, "none")}, 1, "no store at"},
		{"ingest nothing", []string{"ingest", "--data", data}, 2, "give at least one file"},
		{"ingest missing file", []string{"ingest", "--data", data, filepath.Join(data, "nope.pdf")}, 1, "cannot read"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := run(t, tc.args...)
			if code != tc.code || !strings.Contains(out+errOut, tc.want) {
				t.Errorf("exit %d, want %d; output lacks %q:\n%s%s", code, tc.code, tc.want, out, errOut)
			}
		})
	}
}

func freePort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// TestServeShutsDownCleanly: SIGTERM stops the server, closes the store and
// exits 0, and the store reopens.
func TestServeShutsDownCleanly(t *testing.T) {
	data := t.TempDir()
	addr := freePort(t)
	cmd := exec.Command(bin, "serve", "--data", data, "--addr", addr, "--no-seed", "--log-format", "json")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("server did not come up: %v\n%s", err, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("serve after SIGTERM: %v\n%s", err, stderr.String())
	}
	if _, errOut, code := run(t, "check", "--data", data); code != 0 {
		t.Errorf("store does not reopen after shutdown: %s", errOut)
	}
}

// TestKillDuringIngest kills `crimegraph ingest` with SIGKILL at random
// moments within the time a clean run of the same ingest spends on its
// documents (after its start-up), so that the kills land while documents
// are being read, extracted and written.
// Each time the store must reopen, read-only first, pass the integrity
// check, and hold exactly the documents whose ingest had completed (those
// printed, plus at most the one committed but not yet printed); the search
// index must answer as one rebuilt from the store; re-ingesting then gives
// the counts and the search answers of a clean run. The test reports how
// many kills interrupted the ingest (the others came after its end; a run
// quicker than the timed one narrows the window for the next kills) and
// fails when fewer than half did. CRIMEGRAPH_KILL_RUNS sets the number of
// kills (make faults: 50).
func TestKillDuringIngest(t *testing.T) {
	runs := 5
	if v, err := strconv.Atoi(os.Getenv("CRIMEGRAPH_KILL_RUNS")); err == nil && v > 0 {
		runs = v
	}
	docs := t.TempDir()
	gen, err := synth.New(7)
	if err != nil {
		t.Fatal(err)
	}
	const n = 12
	for i := 1; i <= n; i++ {
		if err := os.WriteFile(filepath.Join(docs, fmt.Sprintf("synthetic-%02d.md", i)), gen.Report(i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The clean run, timed: the moment each document is reported gives
	// when the process starts on documents (after loading the gazetteer
	// and opening the store) and when it ends.
	clean := t.TempDir()
	if _, errOut, code := run(t, "ingest", "--data", clean, docs); code != 0 { // warms the caches
		t.Fatal(errOut)
	}
	cmd := exec.Command(bin, "ingest", "-v", "--data", t.TempDir(), docs)
	out, _ := cmd.StdoutPipe()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var reported []time.Duration
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if len(strings.Split(sc.Text(), "\t")) > 2 {
			reported = append(reported, time.Since(start))
		}
	}
	if err := cmd.Wait(); err != nil || len(reported) != n {
		t.Fatalf("clean ingest: %v, %d documents reported", err, len(reported))
	}
	total := time.Since(start)
	perDoc := (reported[n-1] - reported[0]) / (n - 1)
	from := max(0, reported[0]-perDoc) // the first document begins
	window := reported[n-1] - from     // the last one is stored
	want, wantSearch := stats(t, clean), searchAnswers(t, clean)
	t.Logf("clean ingest of %d documents: %v, documents from %v on (%v each); kills land at random in [%v, %v)",
		n, total.Round(time.Millisecond), from.Round(time.Millisecond), perDoc.Round(time.Millisecond), from.Round(time.Millisecond), reported[n-1].Round(time.Millisecond))

	rnd := rand.New(rand.NewPCG(1, 2))
	interrupted := 0
	var completed []int // documents completed before each interrupting kill
	for k := 0; k < runs; k++ {
		data := t.TempDir()
		cmd := exec.Command(bin, "ingest", "-v", "--data", data, docs)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var printed []string
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		runStart := time.Now()
		var lastReport time.Duration
		timer := time.After(from + time.Duration(rnd.Int64N(int64(window))))
		killed := false
	collect:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					break collect
				}
				if f := strings.Split(l, "\t"); len(f) > 2 {
					printed = append(printed, f[1])
					lastReport = time.Since(runStart)
				}
			case <-timer:
				killed = cmd.Process.Signal(syscall.SIGKILL) == nil
				for l := range lines {
					if f := strings.Split(l, "\t"); len(f) > 2 {
						printed = append(printed, f[1])
					}
				}
				break collect
			}
		}
		err := cmd.Wait()
		// An interrupting kill ended the process (not a clean exit) before
		// it had printed every document.
		var ee *exec.ExitError
		if killed && errors.As(err, &ee) && !ee.Exited() && len(printed) < n {
			interrupted++
			completed = append(completed, len(printed))
		} else if len(printed) == n && lastReport > from && lastReport-from < window {
			// This run was quicker than the timed one (a machine less
			// loaded now): aim the next kills at its pace.
			window = lastReport - from
		}

		if out, errOut, code := run(t, "query", "--data", data, "{ stats { nodes } }"); code != 0 && !strings.Contains(errOut, "no store at") {
			t.Fatalf("kill %d: read-only open failed after %d documents:\n%s%s", k, len(printed), out, errOut)
		}
		if out, errOut, code := run(t, "check", "--data", data); code != 0 && !strings.Contains(errOut, "no store at") {
			t.Fatalf("kill %d: integrity check failed after %d documents:\n%s%s", k, len(printed), out, errOut)
		}
		stored := storedDocs(t, data)
		sort.Strings(printed)
		if extra := minus(stored, printed); len(minus(printed, stored)) > 0 || len(extra) > 1 {
			t.Fatalf("kill %d: printed %v but stored %v", k, printed, stored)
		}
		if len(stored) > 0 {
			checkIndex(t, data, fmt.Sprintf("kill %d", k))
		}
		if _, errOut, code := run(t, "ingest", "--data", data, docs); code != 0 {
			t.Fatalf("kill %d: re-ingest: %s", k, errOut)
		}
		if got := stats(t, data); got != want {
			t.Fatalf("kill %d: after re-ingest:\n%s\nclean run:\n%s", k, got, want)
		}
		if got := searchAnswers(t, data); got != wantSearch {
			t.Fatalf("kill %d: search after re-ingest:\n%s\nclean run:\n%s", k, got, wantSearch)
		}
	}
	t.Logf("%d kills: %d interrupted the ingest (documents completed before them: %v), %d came after it ended; every store reopened read-only, passed check, held the reported documents, and its index answered as a rebuilt one",
		runs, interrupted, completed, runs-interrupted)
	if interrupted < runs/2 {
		t.Errorf("only %d of %d kills interrupted the ingest: the window does not match the ingest", interrupted, runs)
	}
}

// searchQuery asks the search index for every hit of a few phrases.
const searchQuery = `{ a: search(query: "trafficking in persons", first: 100) { totalCount nodes { entity { id } } }
  b: search(query: "corruption", first: 100) { totalCount nodes { entity { id } } }
  c: search(query: "Mexico", first: 100) { totalCount nodes { entity { id } } } }`

// searchAnswers returns the hits of searchQuery, as sorted IDs per phrase.
func searchAnswers(t *testing.T, data string) string {
	t.Helper()
	out, errOut, code := run(t, "query", "--data", data, searchQuery)
	if code != 0 {
		t.Fatalf("search: %s%s", out, errOut)
	}
	var res struct {
		Data map[string]struct {
			TotalCount int
			Nodes      []struct{ Entity struct{ ID string } }
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search answer: %v\n%s", err, out)
	}
	var b strings.Builder
	for _, k := range []string{"a", "b", "c"} {
		var ids []string
		for _, n := range res.Data[k].Nodes {
			ids = append(ids, n.Entity.ID)
		}
		sort.Strings(ids)
		fmt.Fprintf(&b, "%s %d %v\n", k, res.Data[k].TotalCount, ids)
	}
	return b.String()
}

// checkIndex compares the search index in data, as the next process opens
// it, with one rebuilt from the store alone.
func checkIndex(t *testing.T, data, what string) {
	t.Helper()
	got := searchAnswers(t, data)
	if err := os.RemoveAll(filepath.Join(data, "search")); err != nil {
		t.Fatal(err)
	}
	if want := searchAnswers(t, data); got != want {
		t.Fatalf("%s: the search index answers\n%s\none rebuilt from the store answers\n%s", what, got, want)
	}
}

// TestKillServeUnderLoad kills a writing `crimegraph serve` with SIGKILL
// while clients query it, several times. Each time the store must open
// read-only, pass check and keep every document; its index must answer as
// a rebuilt one.
func TestKillServeUnderLoad(t *testing.T) {
	runs := 3
	if v, err := strconv.Atoi(os.Getenv("CRIMEGRAPH_KILL_RUNS")); err == nil && v > 0 {
		runs = max(3, v/5)
	}
	data := t.TempDir()
	md := filepath.Join("..", "..", "internal", "corpus", "files", "lac-regional-preparatory-meeting-2025.md")
	if _, errOut, code := run(t, "ingest", "--data", data, md); code != 0 {
		t.Fatal(errOut)
	}
	want := stats(t, data)
	rnd := rand.New(rand.NewPCG(3, 4))
	for k := 0; k < runs; k++ {
		srv, addr, _ := startServe(t, "--data", data, "--no-seed")
		stop := make(chan struct{})
		var served atomic.Int64
		var wg sync.WaitGroup
		for c := 0; c < 8; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				body := `{"query":"{ search(query: \"trafficking\", first: 5) { totalCount } stats { nodes } }"}`
				for {
					select {
					case <-stop:
						return
					default:
					}
					resp, err := http.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(body))
					if err != nil {
						continue
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					served.Add(1)
				}
			}()
		}
		time.Sleep(time.Duration(200+rnd.IntN(800)) * time.Millisecond)
		srv.Process.Signal(syscall.SIGKILL)
		srv.Wait()
		close(stop)
		wg.Wait()
		if served.Load() == 0 {
			t.Fatalf("kill %d: the server answered nothing before the kill", k)
		}
		if out, errOut, code := run(t, "query", "--data", data, "{ stats { nodes } }"); code != 0 {
			t.Fatalf("kill %d of serve after %d answers: read-only open: %s%s", k, served.Load(), out, errOut)
		}
		if out, errOut, code := run(t, "check", "--data", data); code != 0 {
			t.Fatalf("kill %d of serve: check: %s%s", k, out, errOut)
		}
		if got := stats(t, data); got != want {
			t.Fatalf("kill %d of serve:\n%s\nbefore:\n%s", k, got, want)
		}
		checkIndex(t, data, fmt.Sprintf("kill %d of serve", k))
		t.Logf("kill %d of serve after %d answers: store and index intact", k, served.Load())
	}
}

var docLine = regexp.MustCompile(`^  (\S+)\s+\d+ paragraphs`)

func storedDocs(t *testing.T, data string) []string {
	out, errOut, code := run(t, "stats", "--data", data)
	if code != 0 {
		if strings.Contains(errOut, "no store at") {
			return nil
		}
		t.Fatalf("stats: %s", errOut)
	}
	var docs []string
	for _, l := range strings.Split(out, "\n") {
		if m := docLine.FindStringSubmatch(l); m != nil {
			docs = append(docs, m[1])
		}
	}
	sort.Strings(docs)
	return docs
}

// stats returns the counts of a store, without its graph version, which
// differs between a clean run and one with a kill.
func stats(t *testing.T, data string) string {
	out, errOut, code := run(t, "stats", "--data", data)
	if code != 0 {
		t.Fatalf("stats: %s", errOut)
	}
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(l, "graph version") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

func minus(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
		}
	}
	return out
}

// mountTmpfs mounts a tmpfs of size bytes, or skips the test where this
// sandbox may not mount (it needs root and CAP_SYS_ADMIN).
func mountTmpfs(t *testing.T, size int64) string {
	t.Helper()
	dir := t.TempDir()
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d", size), "tmpfs", dir).CombinedOutput()
	if err != nil {
		testtool.Missing(t, "cannot mount a tmpfs here (%v: %s); the disk-full and read-only tests need one (root, CAP_SYS_ADMIN)", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// TestDiskFullAndReadOnly: a full disk and a read-only data folder give
// clear errors and leave the store as it was.
func TestDiskFullAndReadOnly(t *testing.T) {
	corpusDir := filepath.Join("..", "..", "internal", "corpus", "files")
	md := filepath.Join(corpusDir, "lac-regional-preparatory-meeting-2025.md")
	pdf := filepath.Join(corpusDir, "S-2025-85.pdf")

	t.Run("too small from the start", func(t *testing.T) {
		dir := mountTmpfs(t, 32<<20)
		out, errOut, code := run(t, "ingest", "--data", filepath.Join(dir, "d"), md)
		if code != 1 || !strings.Contains(errOut, "MB free") || strings.Contains(errOut, "panic") {
			t.Errorf("exit %d:\n%s%s", code, out, errOut)
		}
	})

	t.Run("fills up after a first ingest", func(t *testing.T) {
		dir := mountTmpfs(t, 400<<20)
		data := filepath.Join(dir, "d")
		if _, errOut, code := run(t, "ingest", "--data", data, md); code != 0 {
			t.Fatal(errOut)
		}
		before := stats(t, data)
		// Leave 100 MB free: below what a safe write needs.
		ballast := filepath.Join(dir, "ballast")
		if out, err := exec.Command("fallocate", "-l", "290M", ballast).CombinedOutput(); err != nil {
			testtool.Missing(t, "fallocate: %v %s", err, out)
		}
		out, errOut, code := run(t, "ingest", "--data", data, pdf)
		if code != 1 || !strings.Contains(errOut, "MB free") || strings.Contains(errOut, "panic") {
			t.Errorf("ingest on a full disk: exit %d:\n%s%s", code, out, errOut)
		}
		os.Remove(ballast)
		if got := stats(t, data); got != before {
			t.Errorf("a refused ingest changed the store:\n%s\nbefore:\n%s", got, before)
		}
		if _, errOut, code := run(t, "check", "--data", data); code != 0 {
			t.Errorf("check after disk full: %s", errOut)
		}
	})

	t.Run("read-only data folder", func(t *testing.T) {
		dir := mountTmpfs(t, 400<<20)
		data := filepath.Join(dir, "d")
		if _, errOut, code := run(t, "ingest", "--data", data, md); code != 0 {
			t.Fatal(errOut)
		}
		before := stats(t, data)
		if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
			testtool.Missing(t, "remount ro: %v %s", err, out)
		}
		out, errOut, code := run(t, "ingest", "--data", data, pdf)
		if code != 1 || !strings.Contains(errOut, "read-only") || strings.Contains(errOut, "panic") {
			t.Errorf("ingest into a read-only folder: exit %d:\n%s%s", code, out, errOut)
		}
		exec.Command("mount", "-o", "remount,rw", dir).Run()
		if got := stats(t, data); got != before {
			t.Errorf("store changed:\n%s", got)
		}
	})
}

// TestUncleanStopOnReadOnlyFolder: a store its writer left without closing
// it, on a folder mounted read-only, cannot be repaired there; a read-only
// open says so and what to do instead of Badger's "Log truncate required",
// and once the folder is writable again every reader opens it.
func TestUncleanStopOnReadOnlyFolder(t *testing.T) {
	dir := mountTmpfs(t, 400<<20)
	data := filepath.Join(dir, "d")
	md := filepath.Join("..", "..", "internal", "corpus", "files", "lac-regional-preparatory-meeting-2025.md")
	if _, errOut, code := run(t, "ingest", "--data", data, md); code != 0 {
		t.Fatal(errOut)
	}
	want := stats(t, data)
	srv, _, _ := startServe(t, "--data", data, "--no-seed")
	srv.Process.Signal(syscall.SIGKILL)
	srv.Wait()
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		testtool.Missing(t, "remount ro: %v %s", err, out)
	}
	out, errOut, code := run(t, "stats", "--data", data)
	exec.Command("mount", "-o", "remount,rw", dir).Run()
	t.Logf("stats on the read-only folder: exit %d: %s", code, strings.TrimSpace(errOut))
	if code != 1 || !strings.Contains(errOut, "not closed cleanly") || !strings.Contains(errOut, "where the folder is writable") {
		t.Errorf("stats of an unclean store on a read-only folder: exit %d\n%s%s", code, out, errOut)
	}
	if got := stats(t, data); got != want {
		t.Errorf("after the folder is writable again:\n%s\nbefore:\n%s", got, want)
	}
}

// TestServeReadOnly: a public server opens an ingested store read-only and
// answers from it, with no search index written beside it.
func TestServeReadOnly(t *testing.T) {
	data := t.TempDir()
	md := filepath.Join("..", "..", "internal", "corpus", "files", "lac-regional-preparatory-meeting-2025.md")
	if _, errOut, code := run(t, "ingest", "--data", data, md); code != 0 {
		t.Fatal(errOut)
	}
	os.RemoveAll(filepath.Join(data, "search"))
	addr := freePort(t)
	cmd := exec.Command(bin, "serve", "--read-only", "--data", data, "--addr", addr)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }()
	var resp *http.Response
	for deadline := time.Now().Add(20 * time.Second); ; {
		var err error
		resp, err = http.Get("http://" + addr + "/readyz")
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("read-only server did not come up: %v\n%s", err, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("/readyz: %d", resp.StatusCode)
	}
	body := strings.NewReader(`{"query":"{ search(query: \"trafficking\", first: 1) { totalCount } stats { nodes } }"}`)
	resp, err := http.Post("http://"+addr+"/graphql", "application/json", body)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Data struct {
			Search struct{ TotalCount int }
			Stats  struct{ Nodes int }
		}
	}
	json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	if out.Data.Stats.Nodes == 0 || out.Data.Search.TotalCount == 0 {
		t.Errorf("read-only server answers %+v", out)
	}
	if _, err := os.Stat(filepath.Join(data, "search")); err == nil {
		t.Error("a read-only server wrote a search index into the data folder")
	}
}

// TestOrderIndependence: documents that cite each other give the same graph
// whatever order they arrive in. Real S/2025/10 addenda (each names the
// earlier ones) are ingested in random orders, one `ingest` per file, into
// separate stores; the whole-graph N-Quads export must match byte for
// byte and `stats` line for line. CRIMEGRAPH_ORDER_RUNS sets the number of
// random orders (default 3), besides the one that failed first: the cited
// document stored before the citing one.
func TestOrderIndependence(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "cites", "*.pdf"))
	if err != nil || len(files) < 2 {
		t.Fatalf("testdata/cites: %v %v", files, err)
	}
	sort.Strings(files)
	orders := [][]string{files}
	runs := 3
	if v, err := strconv.Atoi(os.Getenv("CRIMEGRAPH_ORDER_RUNS")); err == nil && v > 0 {
		runs = v
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rnd := rand.New(rand.NewPCG(seed, 1))
	for i := 0; i < runs; i++ {
		o := append([]string(nil), files...)
		rnd.Shuffle(len(o), func(i, j int) { o[i], o[j] = o[j], o[i] })
		orders = append(orders, o)
	}
	var wantNQ, wantStats string
	for i, order := range orders {
		data := t.TempDir()
		for _, f := range order {
			if out, errOut, code := run(t, "ingest", "--data", data, f); code != 0 {
				t.Fatalf("order %v: ingest %s: exit %d\n%s%s", names(order), filepath.Base(f), code, out, errOut)
			}
		}
		if out, errOut, code := run(t, "check", "--data", data); code != 0 {
			t.Fatalf("order %v: check:\n%s%s", names(order), out, errOut)
		}
		nq := filepath.Join(t.TempDir(), "graph.nq")
		if _, errOut, code := run(t, "export", "--data", data, "--format", "nq", "-o", nq); code != 0 {
			t.Fatalf("order %v: export: %s", names(order), errOut)
		}
		b, err := os.ReadFile(nq)
		if err != nil {
			t.Fatal(err)
		}
		st := stats(t, data)
		if i == 0 {
			wantNQ, wantStats = string(b), st
			continue
		}
		if string(b) != wantNQ {
			t.Errorf("order %v: N-Quads export differs from order %v:\n%s", names(order), names(orders[0]), firstDiff(wantNQ, string(b)))
		}
		if st != wantStats {
			t.Errorf("order %v: stats differ from order %v:\n%s", names(order), names(orders[0]), firstDiff(wantStats, st))
		}
	}
}

func names(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

// firstDiff shows the first line where two texts differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, x, y)
		}
	}
	return "(equal)"
}

// startServe starts `crimegraph serve` with args and waits until it answers
// /readyz.
func startServe(t *testing.T, args ...string) (*exec.Cmd, string, *bytes.Buffer) {
	t.Helper()
	addr := freePort(t)
	cmd := exec.Command(bin, append([]string{"serve", "--addr", addr, "--log-format", "json"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return cmd, addr, &stderr
			}
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("serve %v did not come up: %v\n%s", args, err, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestReadOnlyOpensAfterUncleanStop: after kill -9 of a writing `serve`,
// every subcommand that only reads opens the store (read-only ones
// included, which Badger alone refuses until a read-write open has cut its
// log) and `check` passes; a reader whose standard output is closed ends
// quietly, with the store closed, so that read-only opens work after it.
func TestReadOnlyOpensAfterUncleanStop(t *testing.T) {
	data := t.TempDir()
	md := filepath.Join("..", "..", "internal", "corpus", "files", "lac-regional-preparatory-meeting-2025.md")
	if _, errOut, code := run(t, "ingest", "--data", data, md); code != 0 {
		t.Fatal(errOut)
	}
	want := stats(t, data)
	readers := []struct {
		name string
		args []string
	}{
		{"query", []string{"query", "--data", data, "{ stats { nodes } }"}},
		{"stats", []string{"stats", "--data", data}},
		{"export", []string{"export", "--data", data, "--format", "nq", "-o", filepath.Join(t.TempDir(), "g.nq")}},
		{"check", []string{"check", "--data", data}},
		{"serve --read-only", nil},
	}
	for _, r := range readers {
		t.Run("kill -9 of serve, then "+r.name, func(t *testing.T) {
			srv, _, _ := startServe(t, "--data", data, "--no-seed")
			srv.Process.Signal(syscall.SIGKILL)
			srv.Wait()
			if r.args == nil {
				ro, addr, _ := startServe(t, "--data", data, "--read-only")
				resp, err := http.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(`{"query":"{ stats { nodes } }"}`))
				if err != nil || resp.StatusCode != 200 {
					t.Errorf("read-only server after kill -9: %v %v", resp, err)
				} else {
					resp.Body.Close()
				}
				ro.Process.Signal(syscall.SIGTERM)
				ro.Wait()
			} else if out, errOut, code := run(t, r.args...); code != 0 {
				t.Fatalf("%s after kill -9 of serve: exit %d\n%s%s", r.name, code, out, errOut)
			}
			if got := stats(t, data); got != want {
				t.Errorf("after kill -9 of serve:\n%s\nbefore:\n%s", got, want)
			}
		})
	}

	t.Run("closed standard output", func(t *testing.T) {
		for _, args := range [][]string{{"stats", "--data", data}, {"export", "--data", data, "--format", "nq"}} {
			pr, pw, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			pr.Close() // the reader is gone before the first write
			cmd := exec.Command(bin, args...)
			var stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = pw, &stderr
			err = cmd.Run()
			pw.Close()
			if err != nil || stderr.Len() > 0 {
				t.Errorf("%v into a closed pipe: %v, stderr %q; want a quiet end", args, err, stderr.String())
			}
			if _, errOut, code := run(t, "query", "--data", data, "{ stats { nodes } }"); code != 0 {
				t.Fatalf("read-only open after %v into a closed pipe: %s", args, errOut)
			}
		}
	})
	if _, errOut, code := run(t, "check", "--data", data); code != 0 {
		t.Errorf("check: %s", errOut)
	}
}

// TestSignalStopsIngest: SIGTERM or SIGINT during the ingest of a long
// document ends the process promptly (the bound: a second; here
// two, for a loaded machine), with an interrupted status and the store
// intact. Parsing this document alone takes seconds.
func TestSignalStopsIngest(t *testing.T) {
	var b strings.Builder
	b.WriteString("## Fifteenth United Nations Congress on Crime Prevention and Criminal Justice\n\n" +
		"### Report of the Synthetic Regional Preparatory Meeting for the Fifteenth United Nations Congress on Crime Prevention and Criminal Justice, held in Bangkok, from 1 to 3 March 2025\n\n## I. Introduction\n\n")
	for i := 1; i <= 100000; i++ {
		fmt.Fprintf(&b, "%d. The representative of Türkiye spoke on trafficking in persons and the smuggling of migrants, and Mexico on corruption.\n\n", i)
	}
	long := filepath.Join(t.TempDir(), "long.md")
	if err := os.WriteFile(long, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	md := filepath.Join("..", "..", "internal", "corpus", "files", "lac-regional-preparatory-meeting-2025.md")
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			data := t.TempDir()
			if _, errOut, code := run(t, "ingest", "--data", data, md); code != 0 {
				t.Fatal(errOut)
			}
			before := stats(t, data)
			cmd := exec.Command(bin, "ingest", "--data", data, long)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Past the start, into the work: the process holds the store open,
			// so its signal handler is installed (a loaded machine can take
			// seconds to get there, and a signal before it kills outright).
			for deadline := time.Now().Add(30 * time.Second); !hasOpen(cmd.Process.Pid, data); time.Sleep(20 * time.Millisecond) {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatal("the ingest never opened the store")
				}
			}
			time.Sleep(300 * time.Millisecond)
			sent := time.Now()
			cmd.Process.Signal(sig)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				took := time.Since(sent)
				t.Logf("exited %v after %v: %s", err, took.Round(time.Millisecond), strings.TrimSpace(stderr.String()))
				if took > 2*time.Second {
					t.Errorf("ingest took %v to stop after %v", took, sig)
				}
				if !strings.Contains(stderr.String(), "interrupted") {
					t.Errorf("stderr does not say the ingest was interrupted:\n%s", stderr.String())
				}
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				<-done
				t.Fatalf("ingest still running 30 s after %v", sig)
			}
			if out, errOut, code := run(t, "check", "--data", data); code != 0 {
				t.Fatalf("check after %v: %s%s", sig, out, errOut)
			}
			if got := stats(t, data); got != before {
				t.Errorf("the interrupted ingest changed the store:\n%s\nbefore:\n%s", got, before)
			}
		})
	}
}

// TestIngestSummaryCountsAsStats: the summary after an ingest gives the
// store's nodes and edges, the numbers `stats` prints (it once added up the
// per-document counts, which count a shared node once per document).
func TestIngestSummaryCountsAsStats(t *testing.T) {
	data := t.TempDir()
	out, errOut, code := run(t, "ingest", "--data", data, "--embedded")
	if code != 0 {
		t.Fatal(errOut)
	}
	m := regexp.MustCompile(`the store holds (\d+) nodes \(\+(\d+)\), (\d+) edges \(\+(\d+)\)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("summary lacks the store's totals:\n%s", out)
	}
	st, _, _ := run(t, "stats", "--data", data)
	nodes := regexp.MustCompile(`(?m)^nodes\s+(\d+)$`).FindStringSubmatch(st)
	edges := regexp.MustCompile(`(?m)^edges\s+(\d+)$`).FindStringSubmatch(st)
	if nodes == nil || edges == nil || m[1] != nodes[1] || m[2] != nodes[1] || m[3] != edges[1] || m[4] != edges[1] {
		t.Errorf("summary %q, stats:\n%s", m[0], st)
	}
}

// TestEntityNameAsSearch: the codes the search index finds an entity by
// are names the store's Lookup finds it by too (one list, kg.NameProps):
// entity(name:) with an ISO alpha-2 code was null while search found it.
func TestEntityNameAsSearch(t *testing.T) {
	data := t.TempDir()
	md := filepath.Join("..", "..", "internal", "corpus", "files", "lac-regional-preparatory-meeting-2025.md")
	if _, errOut, code := run(t, "ingest", "--data", data, md); code != 0 {
		t.Fatal(errOut)
	}
	for _, code := range []string{"MX", "BR", "MEX"} {
		out, errOut, status := run(t, "query", "--data", data,
			fmt.Sprintf(`{ entity(name: %q) { id } search(query: %q, first: 1) { nodes { entity { id } } } }`, code, code))
		if status != 0 {
			t.Fatalf("%s: %s%s", code, out, errOut)
		}
		var res struct {
			Data struct {
				Entity *struct{ ID string }
				Search struct {
					Nodes []struct{ Entity struct{ ID string } }
				}
			}
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		if len(res.Data.Search.Nodes) == 0 || res.Data.Entity == nil || res.Data.Entity.ID != res.Data.Search.Nodes[0].Entity.ID {
			t.Errorf("%s: entity(name:) = %+v, search finds %+v", code, res.Data.Entity, res.Data.Search.Nodes)
		}
	}
}

// hasOpen reports whether process pid has a file under dir open (Linux).
func hasOpen(pid int, dir string) bool {
	fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	for _, fd := range fds {
		if l, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, fd.Name())); err == nil && strings.HasPrefix(l, dir+"/") {
			return true
		}
	}
	return false
}
