package ingest_test

import (
	"testing"

	"github.com/crimegraph/crimegraph/internal/corpus"
	"github.com/crimegraph/crimegraph/internal/extract"
	"github.com/crimegraph/crimegraph/internal/ingest"
)

// BenchmarkPutSanJose stores the San José report's facts: the store's share
// of an ingest.
func BenchmarkPutSanJose(b *testing.B) {
	src := source(b, corpus.SanJose)
	rep, err := ingest.Parse(ctx, src)
	if err != nil {
		b.Fatal(err)
	}
	rec, _ := ingest.NewRecognizer()
	x := extract.Extract(rep, "k", rec)
	f := newFixture(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := f.store.Put(ctx, x.Record, x.Fragment); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if _, err := f.store.Remove(ctx, "k"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
