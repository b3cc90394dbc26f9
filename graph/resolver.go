// Package graph is crimegraph's GraphQL API: gqlgen resolvers over the
// graph store, the explore package and the search index, and the handler
// that serves them with its limits (handler.go).
//
// The schema lives in schema/*.graphqls; generated.go and model/models_gen.go
// are generated from it by `go generate ./graph`. Resolvers are thin: they
// convert types and call a loader, the store, explore or search.
package graph

//go:generate sh -c "cd .. && go tool gqlgen generate"

import (
	"context"
	"log/slog"

	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/search"
)

// Searcher is what the API needs of the search index. *search.Index
// implements it; a server may pass one that builds its index lazily.
type Searcher interface {
	Search(ctx context.Context, q search.Query) (search.Result, error)
	MatchIDs(ctx context.Context, text string, kind kg.Kind, max int) ([]kg.ID, error)
}

// Resolver is the root resolver and the dependency-injection point. It is
// safe for concurrent use; per-request state lives in the context
// (loaders.go).
type Resolver struct {
	Store   kg.Reader
	Search  Searcher          // nil: search and text filters answer UNAVAILABLE
	Explore *explore.Explorer // nil: built over Store and Search by NewResolver
	Log     *slog.Logger
	// Limits are the operation limits the handler enforces, which
	// Query.limits reports; NewHandler sets them.
	Limits Limits
}

// NewResolver returns a resolver over a store and an optional search
// index, with an Explorer sharing both.
func NewResolver(store kg.Reader, s Searcher, log *slog.Logger) *Resolver {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	opts := explore.Options{}
	if s != nil {
		opts.Text = s
	}
	return &Resolver{Store: store, Search: s, Explore: explore.New(store, opts), Log: log}
}
