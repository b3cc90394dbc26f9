package cli

import (
	"context"
	"path/filepath"

	"github.com/crimegraph/crimegraph/internal/corpus"
	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/search"
)

// openIndex opens the search index beside the store; it rebuilds itself
// when it lags the store (after a crash, a restore, or a first start).
func openIndex(ctx context.Context, data string, s kg.Reader) (*search.Index, error) {
	return search.Open(ctx, filepath.Join(data, "search"), s)
}

// newIngester builds the ingest pipeline over s, with the search index in
// data; the returned function closes the index.
func newIngester(ctx context.Context, data string, s kg.Store, e *env) (*ingest.Ingester, func(), error) {
	rec, err := ingest.NewRecognizer()
	if err != nil {
		return nil, nil, err
	}
	idx, err := openIndex(ctx, data, s)
	if err != nil {
		return nil, nil, err
	}
	in := ingest.New(ingest.Options{Store: s, Recognizer: rec, Index: idx, Logger: e.log})
	return in, func() { idx.Close() }, nil
}

// seed ingests the embedded corpus into an empty store, so that `make run`
// on a fresh machine opens onto real documents.
func seed(ctx context.Context, in *ingest.Ingester, s kg.Reader, e *env) error {
	docs, err := s.Documents(ctx)
	if err != nil || len(docs) > 0 {
		return err
	}
	e.log.Info("empty store: ingesting the embedded corpus")
	var sources []func() (ingest.Source, error)
	for _, f := range corpus.Files() {
		sources = append(sources, func() (ingest.Source, error) { return ingest.Source{Name: f.Name, Data: f.Data}, nil })
	}
	return runIngest(ctx, in, sources, false, e.stderr, e.stderr)
}
