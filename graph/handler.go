package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/crimegraph/crimegraph/internal/explore"
)

// Limits keep one request from taking the server down. The zero value of
// a field means its default (DefaultLimits).
type Limits struct {
	// Complexity bounds the cost of an operation: one per field, times the
	// page size for every connection (`first`), the node limit for a
	// neighbourhood, 32 paths for paths, 100 for a co-occurrence matrix,
	// the number of IDs for nodes, and 5 for any other list.
	Complexity int
	// Depth bounds the nesting of fields (introspection is exempt).
	Depth int
	// Tokens bounds the tokens the parser reads (CVE-2023-49559). It
	// also bounds validation, which compares the fields of a selection
	// set pairwise: a new query repeating one field 4,980 times costs
	// 0.8 s of CPU, 1,990 times 0.14 s (BenchmarkRepeatedFields in
	// internal/server). The explorer's largest query has about 300
	// tokens, GraphiQL's introspection about 400.
	Tokens int
	// QueryCacheBytes bounds the cache of parsed queries, in bytes
	// (queryCache says how a document is counted).
	QueryCacheBytes int64
	// Development turns on field suggestions ("Did you mean …?"), which
	// are off in production: they let a client map a schema it may not
	// introspect, and cost a Levenshtein pass per unknown field.
	Development bool
}

// DefaultLimits are the limits of a server that sets none.
var DefaultLimits = Limits{Complexity: 20000, Depth: 15, Tokens: 2000, QueryCacheBytes: 16 << 20}

func (l Limits) withDefaults() Limits {
	if l.Complexity <= 0 {
		l.Complexity = DefaultLimits.Complexity
	}
	if l.Depth <= 0 {
		l.Depth = DefaultLimits.Depth
	}
	if l.Tokens <= 0 {
		l.Tokens = DefaultLimits.Tokens
	}
	if l.QueryCacheBytes <= 0 {
		l.QueryCacheBytes = DefaultLimits.QueryCacheBytes
	}
	return l
}

// NewHandler returns the GraphQL handler: gqlgen's server built with
// handler.New and only what crimegraph uses — POST and GET with JSON (no
// websockets, multipart or persisted queries: the API has no
// subscriptions or uploads), introspection (the data is public), a parsed
// query cache, the limits, and the error presenter.
//
// It expects the request context to carry loaders (LoaderMiddleware);
// without them every read is unbatched. cacheSize, when given, is called
// with the bytes and entries of the parsed-query cache as they change.
func NewHandler(r *Resolver, lim Limits, cacheSize ...func(bytes, entries int64)) *handler.Server {
	lim = lim.withDefaults()
	r.Limits = lim
	log := r.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	srv := handler.New(NewSchema(r))
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	var report func(bytes, entries int64)
	if len(cacheSize) > 0 {
		report = cacheSize[0]
	}
	srv.SetQueryCache(newQueryCache(lim.QueryCacheBytes, report))
	srv.SetParserTokenLimit(lim.Tokens)
	srv.SetDisableSuggestion(!lim.Development)
	srv.Use(extension.Introspection{})
	srv.Use(&strictVariables{})
	srv.Use(&operationLimits{complexity: lim.Complexity, depth: lim.Depth})
	srv.AroundFields(honourDeadline)
	srv.SetErrorPresenter(ErrorPresenter(log))
	srv.SetRecoverFunc(RecoverFunc(log))
	return srv
}

// honourDeadline resolves no field once the request's context has ended
// (its deadline passed or its client left): the rest of the operation
// costs an error per field instead of its reads and computations. A field
// already running stops at its own context checks; the server answers
// TIMEOUT at the deadline in any case (internal/server).
func honourDeadline(ctx context.Context, next graphql.Resolver) (any, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return next(ctx)
}

// NewSchema returns the executable schema with crimegraph's complexity
// costs.
func NewSchema(r *Resolver) graphql.ExecutableSchema {
	es := NewExecutableSchema(Config{Resolvers: r})
	return costed{ExecutableSchema: es, rules: costRules(es.Schema())}
}

// cost rules, per "Type.field".
type costRule int

const (
	costDefault costRule = iota
	costFirst            // × first
	costLimit            // × limit
	costPaths            // × the most paths
	costMatrix           // × 100
	costIDs              // × len(ids)
	costList             // × 5
)

func costRules(s *ast.Schema) map[string]costRule {
	rules := map[string]costRule{
		"Query.neighbourhood": costLimit,
		"Query.paths":         costPaths,
		"Query.cooccurrence":  costMatrix,
		"Query.nodes":         costIDs,
	}
	// What a subgraph, path set or matrix holds is bounded by the request
	// that made it, and a connection's edges and nodes by its `first`:
	// these are costed already.
	bounded := map[string]bool{"Subgraph": true, "PathSet": true, "Path": true, "Cooccurrence": true}
	for _, t := range s.Types {
		if strings.HasSuffix(t.Name, "Connection") {
			continue
		}
		for _, f := range t.Fields {
			key := t.Name + "." + f.Name
			if _, ok := rules[key]; ok {
				continue
			}
			switch {
			case f.Arguments.ForName("first") != nil:
				rules[key] = costFirst
			case f.Type.Elem != nil && !bounded[t.Name] && s.Types[f.Type.Name()] != nil &&
				s.Types[f.Type.Name()].Kind != ast.Scalar && s.Types[f.Type.Name()].Kind != ast.Enum:
				rules[key] = costList
			}
		}
	}
	return rules
}

type costed struct {
	graphql.ExecutableSchema
	rules map[string]costRule
}

// Complexity costs list fields by the size of what they return.
func (c costed) Complexity(ctx context.Context, typeName, field string, child int, args map[string]any) (int, bool) {
	rule := c.rules[typeName+"."+field]
	if rule == costDefault {
		return c.ExecutableSchema.Complexity(ctx, typeName, field, child, args)
	}
	child = max(child, 1)
	var n int
	switch rule {
	case costFirst:
		n = intArg(args["first"], DefaultPage)
	case costLimit:
		n = intArg(args["limit"], explore.DefaultNeighbourhoodLimit)
	case costPaths:
		n = explore.DefaultLimits.MaxPaths
	case costMatrix:
		n = 100
	case costIDs:
		ids, _ := args["ids"].([]any)
		n = len(ids)
	case costList:
		n = 5
	}
	if m := satMul(max(n, 1), child); m < math.MaxInt {
		return 1 + m, true
	}
	return math.MaxInt, true
}

// intArg reads an Int argument as the complexity walker sees it: a
// literal (int64), a variable (json.Number or a Go number) or null.
func intArg(v any, def int) int {
	switch x := v.(type) {
	case int:
		return x
	case int64:
		return int(min(max(x, 0), math.MaxInt32))
	case int32:
		return int(x)
	case float64:
		return int(min(max(x, 0), math.MaxInt32))
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(min(max(i, 0), math.MaxInt32))
		}
	}
	return def
}

func satMul(a, b int) int {
	if a > 0 && b > math.MaxInt/a {
		return math.MaxInt
	}
	return a * b
}

// String describes the limits for logs and docs.
func (l Limits) String() string {
	l = l.withDefaults()
	return fmt.Sprintf("complexity %d, depth %d, tokens %d, suggestions %v", l.Complexity, l.Depth, l.Tokens, l.Development)
}
