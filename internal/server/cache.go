package server

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/maphash"
	"net/http"
	"strconv"

	"github.com/99designs/gqlgen/graphql/handler/lru"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// responseCache keeps the bytes of successful GraphQL responses, keyed by
// the exact request (method, Accept header, body or query string) and
// valid for one graph version: the graph changes only by ingestion, which
// moves the version, so an entry is never served stale. Analysts' pages
// and scripts repeat the same queries; a hit costs a hash, a comparison
// and a copy, and nothing is parsed.
//
// Only responses without errors are kept, and only up to maxBody bytes, so
// the cache holds at most entries × (maxBody + the request).
type responseCache struct {
	store   kg.Reader
	lru     *lru.LRU[cacheEntry]
	seed    maphash.Seed
	maxBody int
}

type cacheEntry struct {
	version     uint64
	request     []byte // the whole key, compared on a hit: the hash only finds it
	contentType string
	body        []byte
}

func newResponseCache(store kg.Reader, entries, maxBody int) *responseCache {
	return &responseCache{store: store, lru: lru.New[cacheEntry](entries), seed: maphash.MakeSeed(), maxBody: maxBody}
}

// cacheKey is everything a response depends on besides the graph.
func cacheKey(r *http.Request, body []byte) []byte {
	accept := r.Header.Get("Accept")
	k := make([]byte, 0, 4+len(accept)+len(r.URL.RawQuery)+len(body))
	k = append(k, r.Method...)
	k = append(k, 0)
	k = append(k, accept...)
	k = append(k, 0)
	if r.Method == http.MethodGet {
		return append(k, r.URL.RawQuery...)
	}
	return append(k, body...)
}

func (c *responseCache) hash(key []byte) string {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], maphash.Bytes(c.seed, key))
	return string(b[:])
}

// serve answers from the cache, and reports whether it did.
func (c *responseCache) serve(w http.ResponseWriter, key []byte) bool {
	e, ok := c.lru.Get(context.Background(), c.hash(key))
	if !ok || e.version != c.store.Version() || !bytes.Equal(e.request, key) {
		return false
	}
	h := w.Header()
	h.Set("Content-Type", e.contentType)
	h.Set("Content-Length", strconv.Itoa(len(e.body)))
	h.Set("X-Cache", "hit")
	w.Write(e.body)
	return true
}

// record runs the request and keeps its response if it succeeded. The
// outcome o is filled by the GraphQL layer (recordOutcome).
func (c *responseCache) record(w http.ResponseWriter, r *http.Request, key []byte, o *outcome, next http.Handler) {
	version := c.store.Version()
	rec := &recorder{ResponseWriter: w, limit: c.maxBody}
	next.ServeHTTP(rec, r)
	if rec.overflow || rec.status != 0 && rec.status != http.StatusOK {
		return
	}
	o.mu.Lock()
	clean := o.seen && o.errors == 0 && !o.requestEr
	o.mu.Unlock()
	if clean && c.store.Version() == version && r.Context().Err() == nil {
		c.lru.Add(context.Background(), c.hash(key), cacheEntry{
			version: version, request: key, contentType: rec.Header().Get("Content-Type"), body: rec.buf.Bytes(),
		})
	}
}

// recorder passes a response through and keeps a copy of its body, up to
// a limit.
type recorder struct {
	http.ResponseWriter
	status   int
	buf      bytes.Buffer
	limit    int
	overflow bool
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.overflow {
		if r.buf.Len()+len(b) > r.limit {
			r.overflow = true
			r.buf = bytes.Buffer{}
		} else {
			r.buf.Write(b)
		}
	}
	return r.ResponseWriter.Write(b)
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
