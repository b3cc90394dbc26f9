package graph

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// LoaderWait is how long a loader collects keys before it fetches them.
// Zero: a batch holds the keys asked for before its goroutine runs. The
// resolvers of one level of a list start together and land in one or two
// batches (TestNoNPlusOne measures it), and no level of nesting waits: a
// wait of 250 µs made the entity-page query 1.2 ms instead of 0.2 ms, and
// dataloadgen's default of 16 ms would dominate every request.
var LoaderWait time.Duration

// edgeKey names one page of one node's edges.
type edgeKey struct {
	id    kg.ID
	dir   kg.Direction
	kinds string // edge kinds joined by ","; "" for every kind
	after string
	first int
}

// Loaders are the per-request batching caches of node and edge reads, so
// that a list of twenty recommendations asking for their crime types costs
// one batched read per level, not twenty. A request gets fresh loaders:
// nothing is cached across requests.
type Loaders struct {
	nodes *dataloadgen.Loader[kg.ID, kg.Node]
	edges *dataloadgen.Loader[edgeKey, kg.EdgePage]
}

// NewLoaders returns loaders over r.
func NewLoaders(r kg.Reader) *Loaders {
	return &Loaders{
		nodes: dataloadgen.NewLoader(func(ctx context.Context, ids []kg.ID) ([]kg.Node, []error) {
			nodes, err := r.Nodes(ctx, ids)
			if err != nil {
				return nil, fill(len(ids), err)
			}
			return nodes, nil
		}, dataloadgen.WithWait(LoaderWait), dataloadgen.WithBatchCapacity(500)),
		edges: dataloadgen.NewLoader(func(ctx context.Context, keys []edgeKey) ([]kg.EdgePage, []error) {
			out := make([]kg.EdgePage, len(keys))
			errs := make([]error, len(keys))
			for i, k := range keys {
				var kinds []kg.EdgeKind
				if k.kinds != "" {
					for _, s := range strings.Split(k.kinds, ",") {
						kinds = append(kinds, kg.EdgeKind(s))
					}
				}
				out[i], errs[i] = r.Edges(ctx, k.id, kg.EdgeQuery{Dir: k.dir, Kinds: kinds, After: k.after, First: k.first})
			}
			return out, errs
		}, dataloadgen.WithWait(LoaderWait), dataloadgen.WithBatchCapacity(200)),
	}
}

func fill(n int, err error) []error {
	errs := make([]error, n)
	for i := range errs {
		errs[i] = err
	}
	return errs
}

type loadersKey struct{}

// WithLoaders returns ctx carrying fresh loaders over r.
func WithLoaders(ctx context.Context, r kg.Reader) context.Context {
	return context.WithValue(ctx, loadersKey{}, NewLoaders(r))
}

// LoaderMiddleware installs fresh loaders in every request.
func LoaderMiddleware(r kg.Reader, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		next.ServeHTTP(w, req.WithContext(WithLoaders(req.Context(), r)))
	})
}

// loaders returns the request's loaders, or unbatched ones when a caller
// (a test, the CLI) did not install any.
func (r *Resolver) loaders(ctx context.Context) *Loaders {
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		return l
	}
	return NewLoaders(r.Store)
}

// node loads one node; a missing node is (zero, nil).
func (r *Resolver) node(ctx context.Context, id kg.ID) (kg.Node, error) {
	if id == "" {
		return kg.Node{}, nil
	}
	return r.loaders(ctx).nodes.Load(ctx, id)
}

// prime puts nodes the request already has into its node cache, so that
// resolvers below a subgraph do not read them again.
func (r *Resolver) prime(ctx context.Context, nodes []kg.Node) {
	l := r.loaders(ctx)
	for _, n := range nodes {
		l.nodes.Prime(n.ID, n)
	}
}

// edges loads one page of a node's edges.
func (r *Resolver) edges(ctx context.Context, id kg.ID, dir kg.Direction, kinds []kg.EdgeKind, after string, first int) (kg.EdgePage, error) {
	ks := make([]string, len(kinds))
	for i, k := range kinds {
		ks[i] = string(k)
	}
	return r.loaders(ctx).edges.Load(ctx, edgeKey{id: id, dir: dir, kinds: strings.Join(ks, ","), after: after, first: first})
}
