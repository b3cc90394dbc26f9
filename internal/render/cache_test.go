package render_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crimegraph/crimegraph/internal/render"
)

func TestCacheLRUByBytes(t *testing.T) {
	per := int64(1 + 4000 + render.EntryOverhead) // key, value, bookkeeping
	c := render.NewCache(2*per + per/2)
	c.Put(1, "a", make([]byte, 4000))
	c.Put(1, "b", make([]byte, 4000))
	if _, ok := c.Get(1, "a"); !ok { // a is now the most recent
		t.Fatal("a missing")
	}
	c.Put(1, "c", make([]byte, 4000)) // three do not fit: evicts b, the least recent
	if _, ok := c.Get(1, "b"); ok {
		t.Error("b should have been evicted")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok := c.Get(1, k); !ok {
			t.Errorf("%s missing", k)
		}
	}
	c.Put(1, "huge", make([]byte, 3*per)) // larger than the cache: not kept
	if _, ok := c.Get(1, "huge"); ok {
		t.Error("an entry larger than the cache was kept")
	}
	if s := c.Stats(); s.Bytes != 2*per || s.Entries != 2 || s.Evictions != 1 {
		t.Errorf("stats %+v, want %d bytes", s, 2*per)
	}
	// A value in a grown buffer is held at its length, not its capacity.
	var buf bytes.Buffer
	buf.Grow(64 << 10)
	buf.WriteString("<svg/>")
	c.Put(2, "grown", buf.Bytes())
	if s := c.Stats(); s.Bytes > int64(len("grown")+64+render.EntryOverhead) {
		t.Errorf("a 6-byte diagram in a 64 KB buffer counts %d bytes", s.Bytes)
	}
}

// TestCacheBytesHeld: what the cache counts is what it holds on the heap,
// for many small entries (where the bookkeeping matters) and for values in
// grown buffers.
func TestCacheBytesHeld(t *testing.T) {
	for _, tc := range []struct {
		name         string
		value, grown int
	}{{"small entries", 300, 0}, {"grown buffers", 2000, 16 << 10}} {
		t.Run(tc.name, func(t *testing.T) {
			c := render.NewCache(1 << 30)
			const n = 2000
			vals := make([][]byte, n)
			for i := range vals { // made before measuring: the caller's, not the cache's
				vals[i] = make([]byte, tc.value, tc.value+tc.grown)
			}
			keys := make([]string, n)
			for i := range keys {
				keys[i] = fmt.Sprintf("neighbourhood|\"state:%04d\"|||2|0|[]|[]|0|svg|auto", i)
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			for i := range vals {
				c.Put(1, keys[i], vals[i])
			}
			if tc.grown == 0 {
				vals = nil // the cache now holds the only reference
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			held := int64(after.HeapAlloc) - int64(before.HeapAlloc)
			if tc.grown == 0 {
				held += int64(n * tc.value) // the values were allocated before
			}
			counted := c.Stats().Bytes
			t.Logf("held %d bytes, counted %d (%.2f)", held, counted, float64(held)/float64(counted))
			if held > counted*11/10 {
				t.Errorf("the cache holds %d bytes and counts %d", held, counted)
			}
			runtime.KeepAlive(vals)
		})
	}
}

func TestCacheVersions(t *testing.T) {
	c := render.NewCache(1 << 20)
	c.Put(1, "k", []byte("v1"))
	if _, ok := c.Get(2, "k"); ok {
		t.Error("a version-1 diagram served for version 2")
	}
	c.Put(2, "k", []byte("v2"))
	if _, ok := c.Get(1, "k"); ok {
		t.Error("version-1 entries survive a version-2 write")
	}
	c.Put(1, "old", []byte("late")) // drawn from an older snapshot
	if _, ok := c.Get(1, "old"); ok {
		t.Error("an entry older than the newest version was stored")
	}
	if v, ok := c.Get(2, "k"); !ok || string(v) != "v2" {
		t.Errorf("Get(2) = %q, %v", v, ok)
	}
}

// TestCacheDo: identical concurrent requests draw once; later requests hit
// the cache; errors are not cached.
func TestCacheDo(t *testing.T) {
	c := render.NewCache(1 << 20)
	var calls atomic.Int32
	release := make(chan struct{})
	draw := func(context.Context) ([]byte, error) {
		calls.Add(1)
		<-release
		return []byte("svg"), nil
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := c.Do(context.Background(), 1, "k", draw)
			if err != nil || string(v) != "svg" {
				t.Errorf("Do = %q, %v", v, err)
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("draw called %d times, want 1", n)
	}
	if _, err := c.Do(context.Background(), 1, "k", draw); err != nil || calls.Load() != 1 {
		t.Errorf("cached request drew again: %v", err)
	}

	boom := errors.New("boom")
	fails := 0
	_, err := c.Do(context.Background(), 1, "bad", func(context.Context) ([]byte, error) { fails++; return nil, boom })
	_, err2 := c.Do(context.Background(), 1, "bad", func(context.Context) ([]byte, error) { fails++; return nil, boom })
	if !errors.Is(err, boom) || !errors.Is(err2, boom) || fails != 2 {
		t.Errorf("errors: %v %v, draws %d", err, err2, fails)
	}
}

// TestCacheRenders: a cached render returns the bytes of the first.
func TestCacheRenders(t *testing.T) {
	r := render.NewRenderer(render.Config{})
	c := render.NewCache(16 << 20)
	key := "neighbourhood crimetype:0204 svg"
	draw := func(ctx context.Context) ([]byte, error) {
		return r.Render(ctx, crimeTypeGraph(), render.SVG, render.Options{})
	}
	first, err := c.Do(context.Background(), 7, key, draw)
	if err != nil {
		t.Fatal(err)
	}
	second, err := c.Do(context.Background(), 7, key, draw)
	if err != nil || !bytes.Equal(first, second) {
		t.Fatalf("second = %v", err)
	}
	if s := c.Stats(); s.Hits != 1 || s.Misses != 1 {
		t.Errorf("stats %+v", s)
	}
}
