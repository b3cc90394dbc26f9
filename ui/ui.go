// Package ui is crimegraph's web explorer: plain HTML, CSS and ES modules,
// embedded in the binary and served by the same router as /graphql, which
// the pages speak to.
//
// There is no build step. The files under static/ are what the browser
// receives: index.html is the shell of every page, and the modules under
// static/assets/js/ render the page the URL names (main.js is the router;
// pages/ holds one module per page). The server answers every path that is
// not an asset with index.html, so that a deep link such as
// /entity?id=state:TUR or /document?key=S/2025/85#para-61(d) opens the
// right page on its own.
package ui

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

//go:embed static
var files embed.FS

// ContentSecurityPolicy is sent with every page and asset. Scripts come only
// from this origin and never inline, so a paragraph that contains
// "<script>" cannot run even if some code path forgot to escape it. Styles
// too come only from the stylesheet: the inline styles of an embedded SVG
// diagram are re-applied through the CSSOM, which the policy allows.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// contentTypes names the media type of each extension the UI ships, so the
// answer does not depend on the machine's mime.types.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
	".json": "application/json; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
}

// asset is one embedded file, ready to serve.
type asset struct {
	body        []byte
	etag        string
	contentType string
}

var (
	loadOnce sync.Once
	assets   map[string]asset // by URL path: "/assets/app.css"; "/" is index.html
	loadErr  error
)

// load reads every embedded file once and computes its ETag.
func load() {
	assets = make(map[string]asset)
	loadErr = fs.WalkDir(files, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ct, ok := contentTypes[path.Ext(p)]
		if !ok {
			ct = "application/octet-stream"
		}
		assets[strings.TrimPrefix(p, "static")] = asset{body: b, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, contentType: ct}
		return nil
	})
	if idx, ok := assets["/index.html"]; ok {
		assets["/"] = idx
	}
}

// reservedPrefixes are the server's own endpoints. A path under one that
// reached the UI names an endpoint this server lacks, so it is a 404, not
// the explorer's page shell (a diagram <img> must not receive HTML).
var reservedPrefixes = []string{"/graphql", "/graphiql", "/diagram/", "/export/", "/metrics", "/healthz", "/readyz", "/api/"}

func reserved(p string) bool {
	if p == "/favicon.ico" || p == "/robots.txt" {
		return true
	}
	for _, r := range reservedPrefixes {
		if p == strings.TrimSuffix(r, "/") || strings.HasPrefix(p, r) {
			return true
		}
	}
	return false
}

// Handler serves the explorer: the files under /assets/ as they are (an
// unknown asset is a 404), and index.html for every other GET or HEAD,
// whose modules then read the location and render the page it names.
//
// Every answer carries a strong ETag and Cache-Control: no-cache, so a
// browser revalidates and gets a 304 while the binary is unchanged and the
// new files as soon as it is not; there are no content-hashed file names to
// make longer caching safe, since there is no build step.
func Handler() http.Handler {
	loadOnce.Do(load)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if loadErr != nil {
			http.Error(w, "the web explorer's files are missing from this build", http.StatusInternalServerError)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")

		p := r.URL.Path
		a, ok := assets[p]
		switch {
		case ok && p != "/index.html":
		case strings.HasPrefix(p, "/assets/") || reserved(p):
			http.Error(w, "not found", http.StatusNotFound)
			return
		default:
			// A page of the explorer: the shell, whose router renders it.
			a = assets["/index.html"]
		}
		h.Set("Content-Type", a.contentType)
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", a.etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
	})
}
