package server

import (
	"bytes"
	"container/list"
	"crypto/sha256"
	"net/http"
	"strconv"
	"sync"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// responseCache keeps the bytes of successful GraphQL responses, keyed by
// the exact request (method, Accept header, body or query string) and
// valid for one graph version: the graph changes only by ingestion, which
// moves the version, so an entry is never served stale. Analysts' pages
// and scripts repeat the same queries; a hit costs a hash, a lookup and a
// copy, and nothing is parsed.
//
// Only responses without errors are kept, and only up to maxBody bytes
// each. The cache is bounded in bytes, counting what it really holds: the
// body (copied to its exact length, not the recording buffer's capacity),
// the content type and a fixed overhead per entry for the key, the list
// element and the map slot. A request is kept as its SHA-256, not its
// bytes, so a large query costs 32 bytes. The least recently used entries
// go first; what it holds is reported as crimegraph_cache_bytes{cache="graphql"}.
type responseCache struct {
	store   kg.Reader
	maxBody int
	budget  int64
	gauge   func(bytes, entries int64) // nil: not reported

	mu      sync.Mutex
	entries map[[sha256.Size]byte]*list.Element
	lru     list.List // of *cacheEntry, most recent first
	bytes   int64
}

type cacheEntry struct {
	key         [sha256.Size]byte
	version     uint64
	contentType string
	body        []byte
}

// entryOverhead is what an entry costs besides its body and content type:
// the entry struct, its list element, its map slot and key.
const entryOverhead = 200

func (e *cacheEntry) size() int64 { return int64(entryOverhead + len(e.contentType) + len(e.body)) }

func newResponseCache(store kg.Reader, budget int64, maxBody int, gauge func(bytes, entries int64)) *responseCache {
	return &responseCache{store: store, budget: budget, maxBody: maxBody, gauge: gauge,
		entries: map[[sha256.Size]byte]*list.Element{}}
}

// cacheKey is the digest of everything a response depends on besides the
// graph.
func cacheKey(r *http.Request, body []byte) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(r.Method))
	h.Write([]byte{0})
	h.Write([]byte(r.Header.Get("Accept")))
	h.Write([]byte{0})
	if r.Method == http.MethodGet {
		h.Write([]byte(r.URL.RawQuery))
	} else {
		h.Write(body)
	}
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
}

// serve answers from the cache, and reports whether it did.
func (c *responseCache) serve(w http.ResponseWriter, key [sha256.Size]byte) bool {
	c.mu.Lock()
	el, ok := c.entries[key]
	var e *cacheEntry
	if ok {
		e = el.Value.(*cacheEntry)
		if e.version != c.store.Version() {
			c.remove(el)
			c.report()
			ok = false
		} else {
			c.lru.MoveToFront(el)
		}
	}
	c.mu.Unlock()
	if !ok {
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
func (c *responseCache) record(w http.ResponseWriter, r *http.Request, key [sha256.Size]byte, o *outcome, next http.Handler) {
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
		c.add(&cacheEntry{key: key, version: version, contentType: rec.Header().Get("Content-Type"),
			body: bytes.Clone(rec.buf.Bytes())})
	}
}

func (c *responseCache) add(e *cacheEntry) {
	if e.size() > c.budget {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[e.key]; ok {
		c.remove(el)
	}
	c.entries[e.key] = c.lru.PushFront(e)
	c.bytes += e.size()
	for c.bytes > c.budget {
		c.remove(c.lru.Back())
	}
	c.report()
}

// remove drops an entry; c.mu is held.
func (c *responseCache) remove(el *list.Element) {
	e := c.lru.Remove(el).(*cacheEntry)
	delete(c.entries, e.key)
	c.bytes -= e.size()
}

// report publishes the cache's size; c.mu is held.
func (c *responseCache) report() {
	if c.gauge != nil {
		c.gauge(c.bytes, int64(len(c.entries)))
	}
}

// Bytes is what the cache holds, as counted against its budget.
func (c *responseCache) Bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
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
