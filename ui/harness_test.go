package ui_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"net/http/httptest"

	"github.com/chromedp/chromedp"

	"github.com/crimegraph/crimegraph/internal/corpus"
	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/search"
	"github.com/crimegraph/crimegraph/internal/server"
	"github.com/crimegraph/crimegraph/internal/store"
	"github.com/crimegraph/crimegraph/internal/testtool"
)

// The browser tests share one server over the real store, holding the
// embedded corpus, testdata/escaping.md and the two Kosovo Force reports of
// internal/extract/testdata/series, and one headless Chromium; each
// test opens its own tab. Both are built on first use, so the handler
// tests above run without them.

// env is what the browser tests drive.
type env struct {
	url       string // the server's base URL
	browser   context.Context
	shots     string // where screenshots go
	downloads string // where the browser saves downloads
}

var (
	envOnce  sync.Once
	envVal   *env
	envErr   error
	envSkip  string
	closers  []func()
	closersM sync.Mutex
)

func atExit(f func()) {
	closersM.Lock()
	defer closersM.Unlock()
	closers = append(closers, f)
}

func TestMain(m *testing.M) {
	code := m.Run()
	closersM.Lock()
	for i := len(closers) - 1; i >= 0; i-- {
		closers[i]()
	}
	closersM.Unlock()
	os.Exit(code)
}

// findChromium returns the browser to drive: $CHROME_PATH, or the first of
// the usual names on the PATH.
func findChromium() (string, error) {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium on the PATH (Debian: apt-get install -y chromium, or make test-deps)")
}

// browserEnv returns the shared server and browser. Outside CI a missing
// Chromium skips the test; in CI (CI set) it fails it, so that a broken CI
// image cannot pass by running no browser test at all.
func browserEnv(t *testing.T) *env {
	t.Helper()
	envOnce.Do(func() { envVal, envSkip, envErr = setup() })
	if envSkip != "" {
		testtool.Missing(t, "browser tests cannot run: %s", envSkip)
	}
	if envErr != nil {
		t.Fatalf("browser test set-up: %v", envErr)
	}
	return envVal
}

func setup() (*env, string, error) {
	chrome, err := findChromium()
	if err != nil {
		return nil, err.Error(), nil
	}
	ctx := context.Background()
	base, err := os.MkdirTemp("", "crimegraph-ui-test-")
	if err != nil {
		return nil, "", err
	}
	atExit(func() { os.RemoveAll(base) })

	st, err := store.Open(store.Options{Dir: filepath.Join(base, "store")})
	if err != nil {
		return nil, "", err
	}
	atExit(func() { st.Close() })
	rec, err := ingest.NewRecognizer()
	if err != nil {
		return nil, "", err
	}
	idx, err := search.Open(ctx, filepath.Join(base, "search"), st)
	if err != nil {
		return nil, "", err
	}
	atExit(func() { idx.Close() })
	in := ingest.New(ingest.Options{Store: st, Recognizer: rec, Index: idx})
	sources := []ingest.Source{}
	for _, f := range corpus.Files() {
		sources = append(sources, ingest.Source{Name: f.Name, Data: f.Data})
	}
	esc, err := os.ReadFile(filepath.Join("testdata", "escaping.md"))
	if err != nil {
		return nil, "", err
	}
	sources = append(sources, ingest.Source{Name: "escaping.md", Data: esc})
	// Two quarterly reports on Kosovo Force operations: one series under
	// resolution 1244 (1999), for the series and compare journeys.
	for _, name := range []string{"S-2025-395.pdf", "S-2025-525.pdf"} {
		src, err := ingest.ReadFile(filepath.Join("..", "internal", "extract", "testdata", "series", name), "")
		if err != nil {
			return nil, "", err
		}
		sources = append(sources, src)
	}
	for _, s := range sources {
		if _, err := in.Ingest(ctx, s); err != nil {
			return nil, "", fmt.Errorf("ingest %s: %w", s.Name, err)
		}
	}
	srv := httptest.NewServer(server.New(server.Config{Store: st, Search: idx}))
	atExit(srv.Close)

	shots := os.Getenv("ARTIFACTS_DIR")
	if shots == "" {
		shots = filepath.Join("..", "out")
	}
	shots = filepath.Join(shots, "screenshots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		return nil, "", err
	}
	downloads := filepath.Join(base, "downloads")
	if err := os.MkdirAll(downloads, 0o755); err != nil {
		return nil, "", err
	}

	// chromedp adds --no-sandbox by itself when running as root; the rest
	// keeps Chromium from reaching the network or its update services.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(base, "chromium-profile")),
		chromedp.WindowSize(1280, 900),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	atExit(func() { cancelBrowser(); cancelAlloc() })
	// The first action starts the browser, bound to the context it runs
	// in: it must be the browser context itself, not a shorter one.
	if err := chromedp.Do(browser); err != nil {
		if os.Getenv("CI") == "" {
			return nil, fmt.Sprintf("Chromium at %s does not start: %v", chrome, err), nil
		}
		return nil, "", fmt.Errorf("start Chromium %s: %w", chrome, err)
	}
	return &env{url: srv.URL, browser: browser, shots: shots, downloads: downloads}, "", nil
}

// tab is one browser tab of a test, with the console messages it saw.
type tab struct {
	t     *testing.T
	ctx   context.Context
	env   *env
	mu    sync.Mutex
	msgs  []chromedp.ConsoleMessage
	allow []string // URL paths whose failed loads are expected
}

// newTab opens a tab. When the test ends it fails the test for every
// uncaught exception, console.error call and browser error the page
// produced, failed loads included, except those a test expects
// (allowFailedLoad).
func newTab(t *testing.T) *tab {
	t.Helper()
	e := browserEnv(t)
	ctx, cancel := chromedp.NewContext(e.browser)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	tb := &tab{t: t, ctx: ctx, env: e}
	if err := chromedp.Do(ctx); err != nil {
		cancelTime()
		cancel()
		t.Fatalf("open tab: %v", err)
	}
	msgs := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range msgs {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.msgs = append(tb.msgs, m)
			tb.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		time.Sleep(150 * time.Millisecond) // let the last messages arrive
		cancelTime()
		cancel()
		<-done
		tb.checkConsole()
	})
	return tb
}

// allowFailedLoad expects failed loads of paths with this prefix (a test of
// the error states makes the server answer 4xx on purpose).
func (tb *tab) allowFailedLoad(prefix string) { tb.allow = append(tb.allow, prefix) }

func (tb *tab) checkConsole() {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, m := range tb.msgs {
		switch {
		case m.IsException():
			tb.t.Errorf("uncaught exception in the page: %s (%s:%d)", m.Text, m.URL, m.Line)
		case m.Type == chromedp.ConsoleError && m.Source == "network":
			path := m.URL
			if u, err := url.Parse(m.URL); err == nil {
				path = u.Path
			}
			if !tb.allowed(path) {
				tb.t.Errorf("failed load: %s %s", m.Text, m.URL)
			}
		case m.Type == chromedp.ConsoleError:
			tb.t.Errorf("console error: %s (%s:%d)", m.Text, m.URL, m.Line)
		}
	}
}

func (tb *tab) allowed(path string) bool {
	for _, p := range tb.allow {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// do runs actions, failing the test on error.
func (tb *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// open loads a page of the explorer and waits until it has rendered.
func (tb *tab) open(path string) {
	tb.t.Helper()
	tb.do("open "+path, chromedp.Navigate(tb.env.url+path))
	tb.waitRendered()
}

// waitRendered waits for the router to finish the current page.
func (tb *tab) waitRendered() {
	tb.t.Helper()
	tb.waitJS("page rendered", `document.querySelector('main h1') !== null && !document.querySelector('main').hasAttribute('aria-busy')`)
}

// waitJS waits until a JavaScript expression is truthy.
func (tb *tab) waitJS(what, expr string) {
	tb.t.Helper()
	err := chromedp.Do(tb.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		text, _ := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`(document.querySelector('main') || document.body).innerText.slice(0, 1500)`))
		tb.t.Fatalf("waiting for %s (%s): %v\npage text:\n%s", what, expr, err, text)
	}
}

// eval evaluates JavaScript and decodes its value.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// text returns the text of the first element matching a CSS selector.
func (tb *tab) text(sel string) string {
	tb.t.Helper()
	return eval[string](tb, fmt.Sprintf(`(document.querySelector(%q) || {innerText: ''}).innerText`, sel))
}

// location returns the path, query and fragment of the current page.
func (tb *tab) location() string {
	return eval[string](tb, `location.pathname + location.search + location.hash`)
}

// screenshot saves the whole page as name.png among the test artefacts.
func (tb *tab) screenshot(name string) {
	tb.t.Helper()
	tb.saveShot(name, chromedp.FullScreenshot(100))
}

// screenshotView saves what the window shows: for long pages scrolled to a
// paragraph.
func (tb *tab) screenshotView(name string) {
	tb.t.Helper()
	tb.saveShot(name, chromedp.CaptureScreenshot())
}

func (tb *tab) saveShot(name string, shot chromedp.Action[[]byte]) {
	tb.t.Helper()
	buf, err := chromedp.Run(tb.ctx, shot)
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(tb.env.shots, name+".png")
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	tb.t.Logf("screenshot: %s", p)
}
