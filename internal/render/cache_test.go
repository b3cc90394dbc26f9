package render_test

import (
	"bytes"
	"context"
	"errors"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crimegraph/crimegraph/internal/render"
)

func TestCacheLRUByBytes(t *testing.T) {
	c := render.NewCache(100)
	c.Put(1, "a", make([]byte, 40))
	c.Put(1, "b", make([]byte, 40))
	if _, ok := c.Get(1, "a"); !ok { // a is now the most recent
		t.Fatal("a missing")
	}
	c.Put(1, "c", make([]byte, 40)) // 120 > 100: evicts b, the least recent
	if _, ok := c.Get(1, "b"); ok {
		t.Error("b should have been evicted")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok := c.Get(1, k); !ok {
			t.Errorf("%s missing", k)
		}
	}
	c.Put(1, "huge", make([]byte, 101)) // larger than the cache: not kept
	if _, ok := c.Get(1, "huge"); ok {
		t.Error("an entry larger than the cache was kept")
	}
	if s := c.Stats(); s.Bytes != 80 || s.Entries != 2 || s.Evictions != 1 {
		t.Errorf("stats %+v", s)
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

func TestRequestKey(t *testing.T) {
	a := render.RequestKey("neighbourhood", url.Values{"id": {"crimetype:0204"}, "depth": {"2"}}, render.SVG, render.Options{})
	b := render.RequestKey("neighbourhood", url.Values{"depth": {"2"}, "id": {"crimetype:0204"}}, render.SVG, render.Options{Direction: render.LeftToRight})
	if a != b {
		t.Errorf("equivalent requests got different keys:\n%s\n%s", a, b)
	}
	for _, other := range []string{
		render.RequestKey("neighbourhood", url.Values{"id": {"crimetype:0204"}, "depth": {"3"}}, render.SVG, render.Options{}),
		render.RequestKey("neighbourhood", url.Values{"id": {"crimetype:0204"}, "depth": {"2"}}, render.PNG, render.Options{}),
		render.RequestKey("neighbourhood", url.Values{"id": {"crimetype:0204"}, "depth": {"2"}}, render.SVG, render.Options{Engine: render.Neato}),
		render.RequestKey("neighbourhood", url.Values{"id": {"crimetype:0204"}, "depth": {"2"}}, render.SVG, render.Options{Title: "x"}),
		render.RequestKey("path", url.Values{"id": {"crimetype:0204"}, "depth": {"2"}}, render.SVG, render.Options{}),
	} {
		if other == a {
			t.Errorf("different requests share key %s", a)
		}
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
	key := render.RequestKey("neighbourhood", url.Values{"id": {"crimetype:0204"}}, render.SVG, render.Options{})
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
