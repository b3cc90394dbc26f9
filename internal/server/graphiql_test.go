package server_test

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/crimegraph/crimegraph/internal/testtool"
)

// get fetches a path with an explicit Accept-Encoding, so that Go's client
// does not decompress behind the test's back.
func get(t *testing.T, c *client, path, encoding string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.url+path, nil)
	req.Header.Set("Accept-Encoding", encoding)
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func TestGraphiQLPageIsSelfContained(t *testing.T) {
	c := newServer(t)
	resp, page := get(t, c, "/graphiql", "identity")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("/graphiql: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP %q", csp)
	}
	// Every script and stylesheet comes from this server.
	refs := regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllStringSubmatch(string(page), -1)
	if len(refs) < 5 {
		t.Fatalf("page references %d files", len(refs))
	}
	for _, ref := range refs {
		if ref[1] == "data:," { // the empty favicon, so the browser asks for none
			continue
		}
		if !strings.HasPrefix(ref[1], "/graphiql/static/") {
			t.Errorf("the page loads %s from elsewhere", ref[1])
			continue
		}
		for _, enc := range []string{"gzip", "identity"} {
			r, body := get(t, c, ref[1], enc)
			if r.StatusCode != http.StatusOK || len(body) == 0 {
				t.Errorf("%s (%s): %d, %d bytes", ref[1], enc, r.StatusCode, len(body))
				continue
			}
			gz := r.Header.Get("Content-Encoding") == "gzip"
			if enc == "identity" && gz {
				t.Errorf("%s: gzip sent to a client that did not accept it", ref[1])
			}
			if strings.HasSuffix(ref[1], ".js") && !strings.Contains(r.Header.Get("Content-Type"), "javascript") {
				t.Errorf("%s: Content-Type %s", ref[1], r.Header.Get("Content-Type"))
			}
			if enc == "identity" && strings.HasSuffix(ref[1], "graphiql.min.js") &&
				(!strings.Contains(string(body), "window.GraphiQL") || strings.Contains(string(body), "sourceMappingURL")) {
				t.Errorf("graphiql.min.js is not the vendored bundle")
			}
		}
	}
	// Revalidation.
	r, _ := get(t, c, "/graphiql/static/graphiql.min.js", "gzip")
	req, _ := http.NewRequest(http.MethodGet, c.url+"/graphiql/static/graphiql.min.js", nil)
	req.Header.Set("If-None-Match", r.Header.Get("ETag"))
	r2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r2.Body.Close()
	if r2.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %d", r2.StatusCode)
	}
	if r, _ := get(t, c, "/graphiql/static/nope.js", "gzip"); r.StatusCode != http.StatusNotFound {
		t.Errorf("unknown asset: %d", r.StatusCode)
	}
}

// TestGraphiQLInBrowser loads the explorer in headless Chromium, offline
// (every asset from this server, under its CSP), runs the example query
// and reads the answer.
func TestGraphiQLInBrowser(t *testing.T) {
	testtool.Need(t, "chromium", "chromium")
	c := newServer(t)
	ctx, cancel := chromedp.NewContext(context.Background())
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	var mu sync.Mutex
	var problems []string
	messages := chromedp.Console(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				problems = append(problems, m.String()+" "+m.URL)
				mu.Unlock()
			}
		}
	}()
	var result string
	err := chromedp.Do(ctx,
		chromedp.Navigate(c.url+"/graphiql"),
		chromedp.WaitVisible(".graphiql-container"),
		chromedp.Click(".graphiql-execute-button"),
	)
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](
			`(() => { const r = document.querySelector('.result-window'); return !!r && r.innerText.includes('totalCount'); })()`))
	}
	if err == nil {
		result, err = chromedp.Run(ctx, chromedp.Text(".result-window"))
	}
	if err != nil {
		t.Fatalf("GraphiQL did not run the example query: %v", err)
	}
	if !strings.Contains(result, "citation") {
		t.Errorf("result window: %.300s", result)
	}
	cancel()
	wg.Wait()
	for _, p := range problems {
		t.Errorf("console: %s", p)
	}
}
