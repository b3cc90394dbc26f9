package cli

import (
	"context"
	"path/filepath"
	"sync"

	"github.com/crimegraph/crimegraph/internal/corpus"
	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/search"
	"github.com/crimegraph/crimegraph/internal/server"
)

// openIndex opens the search index beside the store; it rebuilds itself
// when it lags the store (after a crash, a restore, or a first start).
func openIndex(ctx context.Context, data string, s kg.Reader) (*search.Index, error) {
	return search.Open(ctx, filepath.Join(data, "search"), s)
}

// newIngester builds the ingest pipeline over s, with the search index in
// data; the returned function closes the index.
func newIngester(ctx context.Context, data string, s kg.Store, e *env) (*ingest.Ingester, func(), error) {
	idx, err := openIndex(ctx, data, s)
	if err != nil {
		return nil, nil, err
	}
	in, err := newIngesterWith(s, idx, e)
	if err != nil {
		idx.Close()
		return nil, nil, err
	}
	return in, func() { idx.Close() }, nil
}

// newIngesterWith builds the ingest pipeline over s and an open index.
func newIngesterWith(s kg.Store, idx *search.Index, e *env) (*ingest.Ingester, error) {
	rec, err := loadRecognizer()
	if err != nil {
		return nil, err
	}
	return ingest.New(ingest.Options{Store: s, Recognizer: rec, Index: idx, Logger: e.log}), nil
}

// loadRecognizer loads the gazetteer once, when a command first needs it.
var loadRecognizer = sync.OnceValues(ingest.NewRecognizer)

// seed ingests the embedded corpus into an empty store, so that `make run`
// on a fresh machine opens onto real documents.
func seed(ctx context.Context, in *ingest.Ingester, s kg.Reader, m *server.Metrics, e *env) error {
	docs, err := s.Documents(ctx)
	if err != nil || len(docs) > 0 {
		return err
	}
	e.log.Info("empty store: ingesting the embedded corpus")
	return runIngest(ctx, in, embeddedSources(), ingestOpts{observe: m.ObserveIngest, store: s}, e.stderr, e.stderr)
}

// embeddedSources are the documents of the embedded default corpus.
func embeddedSources() []func() (ingest.Source, error) {
	var sources []func() (ingest.Source, error)
	for _, f := range corpus.Files() {
		sources = append(sources, func() (ingest.Source, error) { return ingest.Source{Name: f.Name, Data: f.Data}, nil })
	}
	return sources
}
