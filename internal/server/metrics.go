package server

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/gorilla/mux"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/crimegraph/crimegraph/ui"
)

// Metrics are the Prometheus collectors the server exposes on /metrics.
// Each Server has its own registry, so tests can run many servers.
type Metrics struct {
	Registry *prometheus.Registry
	requests *prometheus.HistogramVec
	// GraphQL records GraphQL operations by name.
	GraphQL *prometheus.HistogramVec
	// Renders records diagram renders by format and outcome.
	Renders *prometheus.HistogramVec
	// Ingests records document ingests by outcome.
	Ingests *prometheus.HistogramVec
	// CacheBytes and CacheEntries are what each in-memory cache holds, by
	// cache: "graphql" (the response cache), "query" (parsed queries),
	// "diagram".
	CacheBytes, CacheEntries *prometheus.GaugeVec

	mu       sync.Mutex
	samplers []func() // run before each scrape, see OnScrape

	operations map[string]bool // the operation names that are labels
}

// Sizer reports the store's size on disk.
type Sizer interface{ Size() (lsm, vlog int64) }

// NewMetrics builds the collectors; size may be nil.
func NewMetrics(size Sizer) *Metrics {
	buckets := []float64{.0005, .001, .002, .005, .01, .02, .05, .1, .25, .5, 1, 2.5, 5, 10}
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "crimegraph_http_request_duration_seconds", Help: "HTTP request latency by route and status.", Buckets: buckets,
		}, []string{"route", "method", "status"}),
		GraphQL: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "crimegraph_graphql_operation_duration_seconds", Help: "GraphQL operation latency by operation name.", Buckets: buckets,
		}, []string{"operation", "outcome"}),
		Renders: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "crimegraph_render_duration_seconds", Help: "Diagram render time by format and outcome (cached, rendered, error).", Buckets: buckets,
		}, []string{"format", "outcome"}),
		Ingests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "crimegraph_ingest_duration_seconds", Help: "Document ingest time by outcome.", Buckets: buckets,
		}, []string{"outcome"}),
		CacheBytes: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "crimegraph_cache_bytes", Help: "Bytes an in-memory cache holds (keys, values and bookkeeping, as counted against its budget), by cache.",
		}, []string{"cache"}),
		CacheEntries: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "crimegraph_cache_entries", Help: "Entries an in-memory cache holds, by cache.",
		}, []string{"cache"}),
		operations: map[string]bool{"IntrospectionQuery": true}, // GraphiQL's
	}
	for _, n := range ui.OperationNames() {
		m.operations[n] = true
	}
	m.Registry.MustRegister(m.requests, m.GraphQL, m.Renders, m.Ingests, m.CacheBytes, m.CacheEntries,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if size != nil {
		m.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "crimegraph_store_size_bytes", Help: "Size of the Badger store on disk (LSM tree and value log).",
		}, func() float64 { l, v := size.Size(); return float64(l + v) }))
	}
	return m
}

// Handler serves the metrics in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	h := promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.mu.Lock()
		fs := append([]func(){}, m.samplers...)
		m.mu.Unlock()
		for _, f := range fs {
			f()
		}
		h.ServeHTTP(w, r)
	})
}

// OnScrape runs f before each scrape: for what is cheaper to read when asked
// than to keep current (the diagram cache's size), reported through the
// same gauge vectors as everything else.
func (m *Metrics) OnScrape(f func()) {
	m.mu.Lock()
	m.samplers = append(m.samplers, f)
	m.mu.Unlock()
}

// cacheGauge returns the function a cache calls with its size.
func (m *Metrics) cacheGauge(cache string) func(bytes, entries int64) {
	b, e := m.CacheBytes.WithLabelValues(cache), m.CacheEntries.WithLabelValues(cache)
	b.Set(0)
	e.Set(0)
	return func(bytes, entries int64) {
		b.Set(float64(bytes))
		e.Set(float64(entries))
	}
}

// ObserveIngest records one document ingest.
func (m *Metrics) ObserveIngest(outcome string, d time.Duration) {
	m.Ingests.WithLabelValues(outcome).Observe(d.Seconds())
}

// observeOperation times a GraphQL operation under its name.
func (m *Metrics) observeOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	start := time.Now()
	oc := graphql.GetOperationContext(ctx)
	name := oc.OperationName
	if name == "" && oc.Operation != nil { // one named operation, not named in the request
		name = oc.Operation.Name
	}
	name = m.operationName(name)
	h := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		resp := h(ctx)
		outcome := "ok"
		if resp != nil && len(resp.Errors) > 0 {
			outcome = "error"
		}
		m.GraphQL.WithLabelValues(name, outcome).Observe(time.Since(start).Seconds())
		return resp
	}
}

// Every label value comes from a closed set, whatever clients send: a
// made-up method, path or operation name would otherwise be a new time
// series each, held in memory for good (170,000 made-up methods once grew
// the process by 400 MB and /metrics to 291 MB).

// operationName is the label of an operation name: one the web explorer
// or GraphiQL sends, "anonymous", or "other".
func (m *Metrics) operationName(name string) string {
	switch {
	case name == "":
		return "anonymous"
	case m.operations[name]:
		return name
	}
	return "other"
}

// knownMethods are the HTTP methods that are labels; any other is "other".
var knownMethods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodPost: true, http.MethodPut: true, http.MethodPatch: true,
	http.MethodDelete: true, http.MethodOptions: true, http.MethodConnect: true, http.MethodTrace: true,
}

func methodLabel(m string) string {
	if knownMethods[m] {
		return m
	}
	return "other"
}

// statusLabel is the status code when it is a valid one (100–599: the
// server writes a handful of them), "other" otherwise — a handler could
// write any int.
func statusLabel(code int) string {
	if code >= 100 && code <= 599 {
		return strconv.Itoa(code)
	}
	return "other"
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// middleware times every request under its route template, so that
// /entity?id=… and /diagram/{id} aggregate instead of exploding labels.
func (m *Metrics) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		route := "other" // no route matched (a 404 or 405 from the router)
		if cr := mux.CurrentRoute(r); cr != nil {
			if t, err := cr.GetPathTemplate(); err == nil {
				route = t
			}
		}
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		m.requests.WithLabelValues(route, methodLabel(r.Method), statusLabel(sw.status)).Observe(time.Since(start).Seconds())
	})
}
