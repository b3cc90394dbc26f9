package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/gorilla/mux"
)

// The GraphiQL explorer, vendored from the npm registry by
// scripts/graphiql-vendor.sh (versions and licences in
// graphiql/VENDOR.md), so that /graphiql works offline and loads nothing
// from a CDN. The large files are stored gzipped.
//
//go:embed graphiql/index.html graphiql/graphiql-init.js graphiql/graphiql-page.css graphiql/*.gz
var graphiqlFiles embed.FS

// graphiqlCSP allows only this origin's scripts (the page's own script is
// a file, not inline); GraphiQL's components set inline styles and its
// fonts are data: URLs.
const graphiqlCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// asset is one file of the explorer, ready to serve.
type asset struct {
	body  []byte // gzipped when gz
	gz    bool
	ctype string
	etag  string
}

func loadGraphiQL() map[string]asset {
	out := map[string]asset{}
	entries, err := graphiqlFiles.ReadDir("graphiql")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		b, err := graphiqlFiles.ReadFile("graphiql/" + e.Name())
		if err != nil {
			panic(err)
		}
		name, gz := strings.CutSuffix(e.Name(), ".gz")
		sum := sha256.Sum256(b)
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		out[name] = asset{body: b, gz: gz, ctype: ctype, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	}
	return out
}

// graphiqlPage serves the explorer page.
func graphiqlPage(assets map[string]asset) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", graphiqlCSP)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		w.Header().Set("Cache-Control", "no-cache")
		serveAsset(w, r, assets["index.html"])
	}
}

// graphiqlStatic serves the explorer's scripts and styles.
func graphiqlStatic(assets map[string]asset) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name := mux.Vars(r)["file"]
		a, ok := assets[name]
		if !ok || name == "index.html" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "public, max-age=86400")
		serveAsset(w, r, a)
	}
}

func serveAsset(w http.ResponseWriter, r *http.Request, a asset) {
	w.Header().Set("Content-Type", a.ctype)
	w.Header().Set("ETag", a.etag)
	w.Header().Add("Vary", "Accept-Encoding")
	if r.Header.Get("If-None-Match") == a.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := a.body
	if a.gz {
		if acceptsGzip(r) {
			w.Header().Set("Content-Encoding", "gzip")
		} else {
			zr, err := gzip.NewReader(bytes.NewReader(a.body))
			if err == nil {
				body, err = io.ReadAll(zr)
			}
			if err != nil {
				http.Error(w, "corrupt asset", http.StatusInternalServerError)
				return
			}
		}
	}
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.TrimSpace(q) != "q=0" {
			return true
		}
	}
	return false
}
