// Package testcorpus is a shared test fixture (not a conformance suite):
// the graph the API, explore, search and server tests and the load test
// run against — the real corpus (internal/corpus: the San José report,
// S/2025/85, E/2025/28) put through the real ingestion pipeline into an
// in-memory store.
//
// Ingesting the PDFs needs poppler's pdftotext (`make test-deps`).
package testcorpus

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/crimegraph/crimegraph/internal/corpus"
	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/search"
	"github.com/crimegraph/crimegraph/internal/store"
)

// Load ingests the corpus into s and returns the changes, in order, for a
// caller that keeps a derived index in step.
func Load(ctx context.Context, s kg.Store) ([]kg.Change, error) {
	rec, err := ingest.NewRecognizer()
	if err != nil {
		return nil, err
	}
	in := ingest.New(ingest.Options{Store: s, Recognizer: rec})
	var out []kg.Change
	for _, f := range corpus.Files() {
		res, err := in.Ingest(ctx, ingest.Source{Name: f.Name, Data: f.Data})
		if err != nil {
			return nil, err
		}
		out = append(out, res.Change)
	}
	return out, nil
}

// NewStore returns a fresh in-memory store holding the corpus, closed when
// the test ends: for tests that write.
func NewStore(tb testing.TB) *store.Store {
	tb.Helper()
	s, err := store.Open(store.Options{InMemory: true})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if _, err := Load(context.Background(), s); err != nil {
		tb.Fatalf("ingesting the corpus: %v", err)
	}
	return s
}

var shared struct {
	once sync.Once
	s    *store.Store
	err  error
}

// Shared returns one in-memory store holding the corpus, built once per
// test binary and shared by every test that only reads. Never write to it.
func Shared(tb testing.TB) *store.Store {
	tb.Helper()
	shared.once.Do(func() {
		shared.s, shared.err = store.Open(store.Options{InMemory: true})
		if shared.err == nil {
			_, shared.err = Load(context.Background(), shared.s)
		}
	})
	if shared.err != nil {
		tb.Fatalf("ingesting the corpus: %v", shared.err)
	}
	return shared.s
}

var sharedIndex struct {
	once sync.Once
	idx  *search.Index
	err  error
}

// SharedIndex returns one search index of the Shared store, on disk as a
// server keeps it, built once per test binary. Never write to it.
func SharedIndex(tb testing.TB) *search.Index {
	tb.Helper()
	s := Shared(tb)
	sharedIndex.once.Do(func() {
		dir, err := os.MkdirTemp("", "crimegraph-search-")
		if err != nil {
			sharedIndex.err = err
			return
		}
		sharedIndex.idx, sharedIndex.err = search.Open(context.Background(), filepath.Join(dir, "search"), s)
	})
	if sharedIndex.err != nil {
		tb.Fatalf("indexing the corpus: %v", sharedIndex.err)
	}
	return sharedIndex.idx
}

// DocKey returns the document key under which the corpus file name was
// ingested (the San José report prints no symbol; its key is derived from
// its title by ingestion).
func DocKey(tb testing.TB, r kg.Reader, source string) string {
	tb.Helper()
	docs, err := r.Documents(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	for _, d := range docs {
		if d.Source == source {
			return d.Key
		}
	}
	tb.Fatalf("no document ingested from %s", source)
	return ""
}

// root is the repository's root folder, found from this file's place in it.
var root = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}()

// KFORReports are two quarterly reports on Kosovo Force operations under
// resolution 1244 (1999), one series: for the series and compare tests.
var KFORReports = []string{
	"internal/extract/testdata/series/S-2025-395.pdf",
	"internal/extract/testdata/series/S-2025-525.pdf",
}

// IngestFiles ingests real documents, named by their path from the
// repository's root, into s through the whole pipeline, with the
// gazetteer's recogniser.
func IngestFiles(ctx context.Context, s kg.Store, paths ...string) error {
	rec, err := ingest.NewRecognizer()
	if err != nil {
		return err
	}
	in := ingest.New(ingest.Options{Store: s, Recognizer: rec})
	for _, p := range paths {
		src, err := ingest.ReadFile(filepath.Join(root, p), "")
		if err != nil {
			return err
		}
		if _, err := in.Ingest(ctx, src); err != nil {
			return fmt.Errorf("ingesting %s: %w", p, err)
		}
	}
	return nil
}

// SanJose is the corpus file of the San José report.
const SanJose = corpus.SanJose
