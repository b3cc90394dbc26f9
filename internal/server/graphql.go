package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/crimegraph/crimegraph/graph"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/search"
)

// GraphQLConfig configures the GraphQL endpoint. Zero fields take the
// defaults of DefaultGraphQL.
type GraphQLConfig struct {
	// Limits are the operation limits: complexity, depth, parser tokens,
	// field suggestions.
	Limits graph.Limits
	// BodyLimit bounds a POST body, and the query string of a GET, in
	// bytes.
	BodyLimit int64
	// Timeout bounds the time one operation may run.
	Timeout time.Duration
	// NoCache turns off the response cache.
	NoCache bool
	// CacheBytes bounds what the response cache holds, in bytes.
	CacheBytes int64
	// Concurrency bounds the operations that compute at once; more wait
	// for a slot within their timeout.
	Concurrency int
}

// DefaultGraphQL is the configuration of a server that sets none.
var DefaultGraphQL = GraphQLConfig{
	Limits:    graph.DefaultLimits,
	BodyLimit: 64 << 10,
	Timeout:   10 * time.Second,
	// 32 MB: about 500 entity pages of the explorer (60 KB each), or
	// thousands of smaller answers.
	CacheBytes: 32 << 20,
	// Two per core: enough to overlap store reads with computation, few
	// enough that the scheduler reaches /healthz between them.
	Concurrency: 2 * runtime.GOMAXPROCS(0),
}

func (c GraphQLConfig) withDefaults() GraphQLConfig {
	if c.BodyLimit <= 0 {
		c.BodyLimit = DefaultGraphQL.BodyLimit
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultGraphQL.Timeout
	}
	if c.CacheBytes <= 0 {
		c.CacheBytes = DefaultGraphQL.CacheBytes
	}
	if c.Concurrency <= 0 {
		c.Concurrency = DefaultGraphQL.Concurrency
	}
	return c
}

// GraphQLHandler returns the /graphql endpoint for cfg, with its HTTP
// limits, per-request loaders and status codes. The `crimegraph query`
// command runs queries through it too, so that it prints exactly what the
// server sends.
func GraphQLHandler(cfg Config) http.Handler {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	gc := cfg.GraphQL.withDefaults()
	var searcher graph.Searcher
	if cfg.Search != nil {
		searcher = cfg.Search
	} else {
		searcher = &lazyIndex{store: cfg.Store, log: log}
	}
	res := graph.NewResolver(cfg.Store, searcher, log)
	if cfg.Explorer != nil {
		res.Explore = cfg.Explorer
	}
	var queryGauge func(bytes, entries int64)
	if cfg.Metrics != nil {
		queryGauge = cfg.Metrics.cacheGauge("query")
	}
	srv := graph.NewHandler(res, gc.Limits, queryGauge)
	// An operation takes a compute slot once it is parsed, validated and
	// within its cost: a refusal (a fragment bomb, a query over the
	// limits) never waits behind heavy operations for a slot.
	slots := make(chan struct{}, gc.Concurrency)
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			err := gqlerror.Errorf("request timed out")
			errcode.Set(err, string(kg.CodeTimeout))
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{err}})
		}
		var release sync.Once
		h := next(ctx)
		return func(ctx context.Context) *graphql.Response {
			defer release.Do(func() { <-slots })
			return h(ctx)
		}
	})
	srv.AroundResponses(recordOutcome)
	if cfg.Metrics != nil {
		srv.AroundOperations(cfg.Metrics.observeOperation)
	}
	var exec http.Handler = srv
	exec = graph.LoaderMiddleware(cfg.Store, exec)
	exec = statusFromCode(exec)
	exec = timeout(gc.Timeout, exec)
	f := &front{limit: gc.BodyLimit, next: exec}
	if !gc.NoCache {
		var gauge func(bytes, entries int64)
		if cfg.Metrics != nil {
			gauge = cfg.Metrics.cacheGauge("graphql")
		}
		f.cache = newResponseCache(cfg.Store, gc.CacheBytes, 64<<10, gauge)
	}
	return f
}

// mediaGraphQLResponse is the media type of GraphQL over HTTP: a client
// that accepts it gets it, and a request error under it has no "data"
// entry at all (the spec's sign that nothing executed), with a 4xx or 5xx
// status. Under application/json, the default, a request error keeps
// "data": null, as it always has.
const mediaGraphQLResponse = "application/graphql-response+json"

// wantsGraphQLResponse reports whether a request's answer is
// application/graphql-response+json, by the rule gqlgen's transports
// apply: the first of application/json (or */*) and
// application/graphql-response+json the Accept header names; when it names
// neither, graphql-response+json; with no Accept header, application/json.
func wantsGraphQLResponse(r *http.Request) bool {
	accept := r.Header.Get("Accept")
	if accept == "" {
		return false
	}
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "*/*", "application/*", "application/json":
			return false
		case mediaGraphQLResponse:
			return true
		}
	}
	return true
}

// writeGraphQLError writes a request-level error in the GraphQL response
// shape, its code classified and its status mapped in the usual places.
func writeGraphQLError(w http.ResponseWriter, r *http.Request, err error) {
	code, msg := graph.Classify(err)
	errs := gqlerror.List{{Message: msg, Extensions: map[string]any{"code": string(code)}}}
	var body []byte
	if wantsGraphQLResponse(r) {
		body, _ = json.Marshal(map[string]any{"errors": errs})
		w.Header().Set("Content-Type", mediaGraphQLResponse)
	} else {
		body, _ = json.Marshal(graphql.Response{Errors: errs})
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(HTTPStatus(code))
	w.Write(body)
}

// front is the first handler of /graphql. It refuses what gqlgen should
// never parse — a body or query string beyond the limit (read through
// http.MaxBytesReader, so a huge body is never buffered), a POST that is
// not JSON, JSON that does not parse (gqlgen would answer the last two
// too, but without a code) — and answers repeated requests from the
// response cache before anything else is allocated.
type front struct {
	limit int64
	cache *responseCache // nil: no cache
	next  http.Handler
}

func (f *front) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body []byte
	switch r.Method {
	case http.MethodGet:
		if int64(len(r.URL.RawQuery)) > f.limit {
			writeGraphQLError(w, r, kg.Errorf(kg.CodeTooLarge, "the query string exceeds %d bytes", f.limit))
			return
		}
	case http.MethodPost:
		mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != "application/json" {
			writeGraphQLError(w, r, kg.Errorf(kg.CodeUnsupported, "POST a JSON body with Content-Type: application/json"))
			return
		}
		body, err = io.ReadAll(http.MaxBytesReader(w, r.Body, f.limit))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			writeGraphQLError(w, r, kg.Errorf(kg.CodeTooLarge, "the request body exceeds %d bytes", f.limit))
			return
		case err != nil:
			writeGraphQLError(w, r, kg.Wrap(kg.CodeInvalid, err, "cannot read the request body"))
			return
		}
	default: // an OPTIONS that is no CORS preflight, when CORS lets OPTIONS in
		methodNotAllowed(http.MethodGet, http.MethodPost).ServeHTTP(w, r)
		return
	}
	var key [sha256.Size]byte
	if f.cache != nil {
		key = cacheKey(r, body)
		if f.cache.serve(w, key) {
			return
		}
	}
	if r.Method == http.MethodPost {
		if !json.Valid(body) {
			writeGraphQLError(w, r, kg.Errorf(kg.CodeInvalid, "the request body is not valid JSON"))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	o := &outcome{}
	r = r.WithContext(context.WithValue(r.Context(), outcomeKey{}, o))
	if f.cache == nil {
		f.next.ServeHTTP(w, r)
		return
	}
	f.cache.record(w, r, key, o, f.next)
}

// timeout bounds an operation's time, and slots how many operations
// compute at once. Its context ends at the deadline, so the store,
// explore, search and every resolver stop there and answer TIMEOUT; and
// the client gets that answer at the deadline even when some computation
// does not look at its context (a field's own arithmetic, say): the
// operation runs in its own goroutine into a buffer, and whichever comes
// first, its end or the deadline, is answered. What is still running then
// finds its context ended at the next check, and its answer is dropped.
//
// How many operations compute at once is bounded apart, by the slots an
// operation takes once it is parsed, validated and within its cost (see
// the AroundOperations in newGraphQL): so heavy queries cannot crowd the
// CPU out from under /healthz and light requests, however many clients
// send them, while refusals never wait for a slot. Answers from the
// response cache take none.
func timeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		buf := &bufferedResponse{header: http.Header{}}
		done := make(chan any, 1)
		go func() {
			defer func() { done <- recover() }()
			next.ServeHTTP(buf, r.WithContext(ctx))
		}()
		select {
		case p := <-done:
			if p != nil {
				panic(p) // net/http logs it and closes the connection, as before
			}
			if buf.status != 0 || ctx.Err() == nil {
				buf.copyTo(w)
				return
			}
		case <-ctx.Done():
		}
		if r.Context().Err() != nil {
			return // the client left: nobody to answer
		}
		writeGraphQLError(w, r, kg.Wrap(kg.CodeTimeout, ctx.Err(), "request timed out"))
	})
}

// bufferedResponse holds a response until it is complete.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

func (b *bufferedResponse) copyTo(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range b.header {
		h[k] = v
	}
	if b.status == 0 {
		b.status = http.StatusOK
	}
	w.WriteHeader(b.status)
	w.Write(b.body.Bytes())
}

// outcome is what the response middleware learns of a response, for the
// HTTP layer: whether it failed before execution, and with which code.
type outcome struct {
	mu        sync.Mutex
	seen      bool
	requestEr bool // no data: the request failed before execution
	code      kg.Code
	errors    int
}

type outcomeKey struct{}

func outcomeOf(ctx context.Context) *outcome {
	o, _ := ctx.Value(outcomeKey{}).(*outcome)
	return o
}

// recordOutcome is a gqlgen response middleware: it notes on the request's
// outcome whether the response carries data and the first error's code.
func recordOutcome(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if o := outcomeOf(ctx); o != nil && resp != nil {
		o.mu.Lock()
		o.seen = true
		o.errors = len(resp.Errors)
		if len(resp.Errors) > 0 {
			c, _ := resp.Errors[0].Extensions["code"].(string)
			o.code = kg.Code(c)
			o.requestEr = resp.Data == nil
		}
		o.mu.Unlock()
	}
	return resp
}

// statusFromCode sets the HTTP status of a request that failed before
// execution from its error code (a syntax error is 400, a query over the
// complexity limit 413), through HTTPStatus. An operation that ran answers
// 200, with its errors beside the data, as GraphQL over HTTP expects.
func statusFromCode(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o := outcomeOf(r.Context())
		if o == nil {
			o = &outcome{}
			r = r.WithContext(context.WithValue(r.Context(), outcomeKey{}, o))
		}
		gw := &gqlWriter{ResponseWriter: w, o: o, ctx: r.Context(), r: r, media: wantsGraphQLResponse(r)}
		next.ServeHTTP(gw, r)
		if !gw.wrote {
			gw.flushHeader()
		}
	})
}

// gqlWriter holds back the status until the body starts, when the outcome
// is known.
type gqlWriter struct {
	http.ResponseWriter
	o        *outcome
	ctx      context.Context
	r        *http.Request
	media    bool // application/graphql-response+json
	status   int
	wrote    bool
	replaced bool
}

func (w *gqlWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

func (w *gqlWriter) flushHeader() {
	w.wrote = true
	status := w.status
	if status == 0 {
		status = http.StatusOK
	}
	w.o.mu.Lock()
	if w.o.requestEr {
		status = HTTPStatus(w.o.code)
	}
	w.o.mu.Unlock()
	w.ResponseWriter.WriteHeader(status)
}

func (w *gqlWriter) Write(b []byte) (int, error) {
	if w.replaced {
		return len(b), nil
	}
	if !w.wrote {
		w.o.mu.Lock()
		seen := w.o.seen
		w.o.mu.Unlock()
		if !seen && w.ctx.Err() != nil {
			// The deadline passed before execution began: gqlgen answers
			// a bare "null". Say what happened instead.
			w.replaced, w.wrote = true, true
			writeGraphQLError(w.ResponseWriter, w.r, kg.Wrap(kg.CodeTimeout, w.ctx.Err(), "request timed out"))
			return len(b), nil
		}
		w.flushHeader()
		w.o.mu.Lock()
		requestEr := w.o.requestEr
		w.o.mu.Unlock()
		if requestEr && w.media {
			b = withoutData(b)
		}
	}
	return w.ResponseWriter.Write(b)
}

// withoutData drops the "data": null gqlgen writes beside a request error.
func withoutData(b []byte) []byte {
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil || string(m["data"]) != "null" {
		return b
	}
	delete(m, "data")
	out, err := json.Marshal(m)
	if err != nil {
		return b
	}
	return out
}

func (w *gqlWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// lazyIndex is the search index of a server configured without one: built
// in memory from the store on first use, and rebuilt when the store's
// version moves, since nothing else keeps it in step.
type lazyIndex struct {
	store kg.Reader
	log   *slog.Logger
	mu    sync.Mutex
	idx   *search.Index
}

func (l *lazyIndex) get(ctx context.Context) (*search.Index, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.idx == nil {
		l.log.Warn("no search index configured: building one in memory")
		idx, err := search.OpenMem(ctx, l.store)
		if err != nil {
			return nil, err
		}
		l.idx = idx
	} else if l.idx.Version() != l.store.Version() {
		if err := l.idx.Rebuild(ctx, l.store); err != nil {
			return nil, err
		}
	}
	return l.idx, nil
}

func (l *lazyIndex) Search(ctx context.Context, q search.Query) (search.Result, error) {
	idx, err := l.get(ctx)
	if err != nil {
		return search.Result{}, err
	}
	return idx.Search(ctx, q)
}

func (l *lazyIndex) MatchIDs(ctx context.Context, text string, kind kg.Kind, max int) ([]kg.ID, error) {
	idx, err := l.get(ctx)
	if err != nil {
		return nil, err
	}
	return idx.MatchIDs(ctx, text, kind, max)
}
