package ingest_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crimegraph/crimegraph/internal/extract"
	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// counting is the real recognizer, counting the texts it is given.
type counting struct {
	extract.Recognizer
	calls atomic.Int64
}

func (c *counting) Recognize(text string, ctx extract.Context) []extract.Mention {
	c.calls.Add(1)
	return c.Recognizer.Recognize(text, ctx)
}

// itemsReport has paras numbered paragraphs of items lettered items each.
func itemsReport(paras, items int) ingest.Source {
	var b strings.Builder
	b.WriteString("## Fifteenth United Nations Congress on Crime Prevention and Criminal Justice\n\n" +
		"### Report of the Synthetic Regional Preparatory Meeting for the Fifteenth United Nations Congress on Crime Prevention and Criminal Justice, held in Bangkok, from 1 to 3 March 2025\n\n" +
		"## I. Recommendations\n\n")
	for n := 1; n <= paras; n++ {
		fmt.Fprintf(&b, "%d. The Meeting recommended that States:\n\n", n)
		for i := 0; i < items; i++ {
			fmt.Fprintf(&b, "(%c) Act against trafficking in persons;\n\n", 'a'+i)
		}
	}
	return ingest.Source{Name: "items.md", Data: []byte(b.String())}
}

// TestTooLargeRefusedBeforeWork: a document with more parts than one
// atomic write can hold is refused with a clear error before extraction
// (the recognizer never runs), and the store is unchanged. Before, it was
// extracted, then failed inside the write with Badger's "Txn is too big".
func TestTooLargeRefusedBeforeWork(t *testing.T) {
	f := newFixture(t)
	rec, err := ingest.NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	cr := &counting{Recognizer: rec}
	in := ingest.New(ingest.Options{Store: f.store, Recognizer: cr, Index: f.index})
	limit := f.store.MaxParts()
	src := itemsReport(limit/3+1, 2)
	_, err = in.Ingest(ctx, src)
	if kg.ErrorCode(err) != kg.CodeTooLarge || !strings.Contains(err.Error(), "split it") || !strings.Contains(err.Error(), fmt.Sprint(limit)) {
		t.Fatalf("Ingest of %d+ parts (limit %d): %v", limit, limit, err)
	}
	if n := cr.calls.Load(); n > 0 {
		t.Errorf("the recognizer ran %d times on a document refused for its size", n)
	}
	if docs, _ := f.store.Documents(ctx); len(docs) != 0 {
		t.Errorf("store holds %v", docs)
	}
}

// TestTooLargeForOneWrite: a document under the part limit whose facts
// still exceed one write is refused by the store before its transaction,
// with the counts and the limit.
func TestTooLargeForOneWrite(t *testing.T) {
	f := newFixture(t)
	_, err := f.in.Ingest(ctx, longReport(9000))
	if kg.ErrorCode(err) != kg.CodeTooLarge || !strings.Contains(err.Error(), "one write holds at most") {
		t.Fatalf("Ingest of 9,000 dense paragraphs: %v", err)
	}
	if docs, _ := f.store.Documents(ctx); len(docs) != 0 {
		t.Errorf("store holds %v", docs)
	}
}

// TestIngestCancelled: a cancelled ingest returns promptly with the
// cancellation, whatever stage it is in, and stores nothing.
func TestIngestCancelled(t *testing.T) {
	f := newFixture(t)
	src := longReport(100000) // parsing alone takes seconds
	c, cancel := context.WithCancel(ctx)
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := f.in.Ingest(c, src)
	took := time.Since(start)
	if kg.ErrorCode(err) != kg.CodeTimeout {
		t.Fatalf("cancelled Ingest: %v", err)
	}
	t.Logf("returned %v after the cancellation", took-200*time.Millisecond)
	if docs, _ := f.store.Documents(ctx); len(docs) != 0 {
		t.Errorf("store holds %v", docs)
	}
}
