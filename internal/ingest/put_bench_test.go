package ingest_test

import (
	"testing"

	"github.com/crimegraph/crimegraph/internal/corpus"
	"github.com/crimegraph/crimegraph/internal/extract"
	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/search"
	"github.com/crimegraph/crimegraph/internal/store"
)

// sanJoseFacts extracts the San José report, under the key "k".
func sanJoseFacts(b *testing.B) extract.Result {
	rep, err := ingest.Parse(ctx, source(b, corpus.SanJose))
	if err != nil {
		b.Fatal(err)
	}
	rec, err := ingest.NewRecognizer()
	if err != nil {
		b.Fatal(err)
	}
	return extract.Extract(rep, "k", rec)
}

// BenchmarkPutSanJose stores the San José report's facts into a fresh
// store: the store's share of an ingest.
func BenchmarkPutSanJose(b *testing.B) {
	x := sanJoseFacts(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		f, closeFixture := openFixture(b)
		b.StartTimer()
		if _, err := f.store.Put(ctx, x.Record, x.Fragment); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		closeFixture()
		b.StartTimer()
	}
}

// BenchmarkSyncSanJose is the search index's share of an ingest: indexing
// the nodes the San José report's write touched, into an empty index.
func BenchmarkSyncSanJose(b *testing.B) {
	x := sanJoseFacts(b)
	f := newFixture(b)
	ch, err := f.store.Put(ctx, x.Record, x.Fragment)
	if err != nil {
		b.Fatal(err)
	}
	empty, err := store.Open(store.Options{InMemory: true})
	if err != nil {
		b.Fatal(err)
	}
	defer empty.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		idx, err := search.Open(ctx, b.TempDir(), empty) // version 0: an empty index
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := idx.Sync(ctx, f.store, ch); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		idx.Close()
		b.StartTimer()
	}
}
