package ui_test

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/ui"
)

func get(t *testing.T, h http.Handler, method, target string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// Every page URL answers with the shell, so that a deep link works.
func TestHandlerServesShellForEveryPage(t *testing.T) {
	h := ui.Handler()
	for _, target := range []string{
		"/",
		"/entity?id=state%3ATUR",
		"/entity?id=recommendation:S/2025/85%2361(d)",
		"/recommendations?document=S/2025/85&crimeType=cybercrime&text=victims",
		"/matrix?rows=CrimeType&columns=Section",
		"/paths?from=state:HTI&to=crimetype:0204",
		"/document?key=S/2025/85",
		"/no/such/page",
	} {
		rec := get(t, h, http.MethodGet, target, nil)
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s: status %d, want 200", target, rec.Code)
			continue
		}
		if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", target, ct)
		}
		if !strings.Contains(rec.Body.String(), `<script type="module" src="/assets/js/main.js"></script>`) {
			t.Errorf("GET %s: body is not the explorer's shell", target)
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self';") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("GET %s: Content-Security-Policy %q does not forbid inline scripts", target, csp)
		}
		if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q", target, got)
		}
	}
}

func TestHandlerAssets(t *testing.T) {
	h := ui.Handler()
	for _, tc := range []struct {
		path, contentType string
	}{
		{"/assets/css/app.css", "text/css; charset=utf-8"},
		{"/assets/js/main.js", "text/javascript; charset=utf-8"},
		{"/assets/js/pages/entity.js", "text/javascript; charset=utf-8"},
		{"/assets/favicon.svg", "image/svg+xml"},
	} {
		rec := get(t, h, http.MethodGet, tc.path, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: status %d", tc.path, rec.Code)
		}
		if got := rec.Header().Get("Content-Type"); got != tc.contentType {
			t.Errorf("GET %s: Content-Type %q, want %q", tc.path, got, tc.contentType)
		}
		if got := rec.Header().Get("Cache-Control"); got != "no-cache" {
			t.Errorf("GET %s: Cache-Control %q, want no-cache (revalidate with the ETag)", tc.path, got)
		}
		etag := rec.Header().Get("ETag")
		if etag == "" {
			t.Fatalf("GET %s: no ETag", tc.path)
		}
		again := get(t, h, http.MethodGet, tc.path, map[string]string{"If-None-Match": etag})
		if again.Code != http.StatusNotModified {
			t.Errorf("GET %s with its ETag: status %d, want 304", tc.path, again.Code)
		}
	}
}

func TestHandlerRefuses(t *testing.T) {
	h := ui.Handler()
	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{http.MethodGet, "/assets/js/missing.js", http.StatusNotFound},
		{http.MethodGet, "/assets/", http.StatusNotFound},
		// Endpoints of the server that this build may lack must not get
		// the HTML shell: a diagram or an export would then "succeed".
		{http.MethodGet, "/diagram/neighbourhood?id=state:TUR&format=svg", http.StatusNotFound},
		{http.MethodGet, "/export/graphml", http.StatusNotFound},
		{http.MethodGet, "/graphql/extra", http.StatusNotFound},
		{http.MethodGet, "/favicon.ico", http.StatusNotFound},
		{http.MethodPost, "/", http.StatusMethodNotAllowed},
		{http.MethodDelete, "/entity?id=state:TUR", http.StatusMethodNotAllowed},
	} {
		rec := get(t, h, tc.method, tc.path, nil)
		if rec.Code != tc.status {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.path, rec.Code, tc.status)
		}
	}
	if rec := get(t, h, http.MethodHead, "/", nil); rec.Code != http.StatusOK || rec.Body.Len() != 0 {
		t.Errorf("HEAD /: status %d, %d body bytes", rec.Code, rec.Body.Len())
	}
}

// staticFiles returns the UI's files by path under static/.
func staticFiles(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	root := "static"
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The pages build the DOM with createElement and textContent only, so that
// no entity name or paragraph text is ever parsed as markup. This pins the
// rule where a reviewer would otherwise have to check every module.
func TestNoHTMLParsingSinks(t *testing.T) {
	sinks := regexp.MustCompile(`\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|createContextualFragment|\beval\(|new Function\(`)
	for name, src := range staticFiles(t) {
		if !strings.HasSuffix(name, ".js") {
			continue
		}
		for i, line := range strings.Split(src, "\n") {
			if sinks.MatchString(line) {
				t.Errorf("%s:%d parses HTML or code from a string: %s", name, i+1, strings.TrimSpace(line))
			}
		}
	}
}

// The shell has no inline script or handler, which the
// Content-Security-Policy would refuse to run.
func TestShellHasNoInlineScript(t *testing.T) {
	html := staticFiles(t)["index.html"]
	for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(html, -1) {
		if !strings.Contains(m, `src="`) {
			t.Errorf("inline script in index.html: %s", m)
		}
	}
	if m := regexp.MustCompile(`\son[a-z]+=`).FindString(html); m != "" {
		t.Errorf("inline event handler in index.html: %s", m)
	}
}

// Every module a module imports is embedded: a typo would otherwise show
// only as a blank page.
func TestModuleImportsResolve(t *testing.T) {
	files := staticFiles(t)
	// Static imports, dynamic imports, and the router's table of page modules.
	imports := regexp.MustCompile(`(?:from\s+|import\(\s*|module:\s*)'(\.{1,2}/[^']+)'`)
	for name, src := range files {
		if !strings.HasSuffix(name, ".js") {
			continue
		}
		for _, m := range imports.FindAllStringSubmatch(src, -1) {
			target := filepath.ToSlash(filepath.Clean(filepath.Join(filepath.Dir(name), m[1])))
			if _, ok := files[target]; !ok {
				t.Errorf("%s imports %s: no such file (%s)", name, m[1], target)
			}
		}
	}
	for _, ref := range regexp.MustCompile(`(?:href|src)="(/assets/[^"]+)"`).FindAllStringSubmatch(files["index.html"], -1) {
		if _, ok := files[strings.TrimPrefix(ref[1], "/")]; !ok {
			t.Errorf("index.html refers to %s: no such file", ref[1])
		}
	}
}
