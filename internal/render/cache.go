package render

import (
	"container/list"
	"context"
	"sync"
)

// Cache keeps rendered diagrams, bounded by the bytes it holds (each
// entry's key, its diagram, and entryOverhead for the bookkeeping) and
// evicting the least recently used. An entry is keyed by the graph version
// it was drawn from and a canonical request key, so a cached
// diagram is never served after the graph changes: once a newer version
// is stored, entries of older versions are dropped, and requests made
// against an older snapshot are neither served from nor stored in the
// cache.
//
// Identical requests arriving together are drawn once (see Do). The bytes
// a Cache returns are shared: callers must not modify them.
type Cache struct {
	mu      sync.Mutex
	max     int64
	size    int64
	lru     *list.List // front = most recently used; values are *cacheEntry
	items   map[cacheKey]*list.Element
	flights map[cacheKey]*flight
	newest  uint64
	stats   CacheStats
}

// CacheStats counts what a Cache did.
type CacheStats struct {
	Hits, Misses, Shared, Evictions int64
	Bytes                           int64
	Entries                         int
}

type cacheKey struct {
	version uint64
	key     string
}

type cacheEntry struct {
	k   cacheKey
	val []byte
}

// EntryOverhead is what an entry costs beyond its key and value bytes: the
// list element, the entry, the map slot and the string and slice headers
// (TestCacheBytesHeld measures it against the heap).
const EntryOverhead = 200

func (e *cacheEntry) size() int64 { return int64(len(e.k.key) + cap(e.val) + EntryOverhead) }

type flight struct {
	done chan struct{}
	val  []byte
	err  error
}

// NewCache returns a cache holding at most maxBytes of diagrams.
func NewCache(maxBytes int64) *Cache {
	return &Cache{
		max:     maxBytes,
		lru:     list.New(),
		items:   map[cacheKey]*list.Element{},
		flights: map[cacheKey]*flight{},
	}
}

// Get returns the diagram stored for (version, key).
func (c *Cache) Get(version uint64, key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[cacheKey{version, key}]; ok {
		c.lru.MoveToFront(el)
		c.stats.Hits++
		return el.Value.(*cacheEntry).val, true
	}
	c.stats.Misses++
	return nil, false
}

// Put stores a diagram. A diagram larger than the whole cache, or drawn
// from a version older than one already stored, is not kept. A value
// whose backing array is larger than itself (a grown buffer's) is copied,
// so the cache holds what it counts.
func (c *Cache) Put(version uint64, key string, val []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.put(cacheKey{version, key}, val)
}

func (c *Cache) put(k cacheKey, val []byte) {
	if k.version < c.newest || int64(len(k.key)+len(val)+EntryOverhead) > c.max {
		return
	}
	e := &cacheEntry{k: k, val: val}
	if cap(val) > len(val) {
		e.val = append([]byte(nil), val...)
	}
	if k.version > c.newest {
		c.newest = k.version
		for el := c.lru.Back(); el != nil; {
			prev := el.Prev()
			if e := el.Value.(*cacheEntry); e.k.version < c.newest {
				c.remove(el)
			}
			el = prev
		}
	}
	if el, ok := c.items[k]; ok {
		c.remove(el)
	}
	c.items[k] = c.lru.PushFront(e)
	c.size += e.size()
	for c.size > c.max {
		c.remove(c.lru.Back())
		c.stats.Evictions++
	}
}

func (c *Cache) remove(el *list.Element) {
	e := c.lru.Remove(el).(*cacheEntry)
	delete(c.items, e.k)
	c.size -= e.size()
}

// Do returns the diagram for (version, key), calling draw to make it when
// it is not cached. Concurrent calls for the same (version, key) share one
// call of draw; a caller whose context ends stops waiting. Errors are not
// cached, and a caller that shared a failed draw draws again itself.
func (c *Cache) Do(ctx context.Context, version uint64, key string, draw func(context.Context) ([]byte, error)) ([]byte, error) {
	k := cacheKey{version, key}
	c.mu.Lock()
	if el, ok := c.items[k]; ok {
		c.lru.MoveToFront(el)
		c.stats.Hits++
		c.mu.Unlock()
		return el.Value.(*cacheEntry).val, nil
	}
	if f, ok := c.flights[k]; ok {
		c.stats.Shared++
		c.mu.Unlock()
		select {
		case <-f.done:
			if f.err == nil {
				return f.val, nil
			}
			return draw(ctx)
		case <-ctx.Done():
			return nil, ctxError(ctx)
		}
	}
	c.stats.Misses++
	f := &flight{done: make(chan struct{})}
	c.flights[k] = f
	c.mu.Unlock()

	f.val, f.err = draw(ctx)

	c.mu.Lock()
	delete(c.flights, k)
	if f.err == nil {
		c.put(k, f.val)
	}
	c.mu.Unlock()
	close(f.done)
	return f.val, f.err
}

// Stats returns the cache's counters.
func (c *Cache) Stats() CacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stats
	s.Bytes, s.Entries = c.size, len(c.items)
	return s
}
