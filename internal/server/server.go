// Package server is crimegraph's HTTP front: one gorilla/mux router serving
// the health checks, the GraphQL API and explorer, diagrams, exports,
// metrics and the embedded web UI. Error codes become HTTP statuses here and
// nowhere else.
package server

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gorilla/mux"
	"github.com/rs/cors"

	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/render"
	"github.com/crimegraph/crimegraph/internal/search"
	"github.com/crimegraph/crimegraph/ui"
)

// Config holds what the server needs.
type Config struct {
	Store  kg.Reader
	Logger *slog.Logger
	// Search is the full-text index beside the store. Nil: the server
	// builds one in memory on first use (see lazyIndex).
	Search *search.Index
	// GraphQL configures /graphql: limits, body size, timeout, cache.
	GraphQL GraphQLConfig
	// Explorer answers neighbourhood, paths, co-occurrence and filters;
	// share one with the diagram endpoints so that both keep one derived
	// index. Nil: New builds one over Store and Search.
	Explorer *explore.Explorer
	// Renderer draws diagrams; nil: an in-process renderer with the
	// default limits.
	Renderer *render.Renderer
	// Metrics are exposed on /metrics; nil: a fresh set.
	Metrics *Metrics
	// CORSOrigins are the origins whose pages may call /graphql from a
	// browser (hosted GraphQL explorers: "https://studio.apollographql.com"),
	// or "*" for any. Empty, the default: none, and OPTIONS /graphql is a 405.
	CORSOrigins []string
}

// Server is the HTTP handler.
type Server struct {
	cfg    Config
	router *mux.Router
}

// New builds the router.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Explorer == nil {
		opts := explore.Options{}
		if cfg.Search != nil {
			opts.Text = cfg.Search
		} else {
			opts.Text = &lazyIndex{store: cfg.Store, log: cfg.Logger}
		}
		cfg.Explorer = explore.New(cfg.Store, opts)
	}
	if cfg.Renderer == nil {
		cfg.Renderer = render.NewRenderer(render.Config{})
	}
	if cfg.Metrics == nil {
		var sizer Sizer
		if sz, ok := cfg.Store.(Sizer); ok {
			sizer = sz
		}
		cfg.Metrics = NewMetrics(sizer)
	}
	s := &Server{cfg: cfg, router: mux.NewRouter()}
	s.router.Use(cfg.Metrics.middleware, noSniff)
	s.router.HandleFunc("/healthz", s.healthz).Methods(http.MethodGet, http.MethodHead)
	s.router.HandleFunc("/readyz", s.readyz).Methods(http.MethodGet, http.MethodHead)
	s.router.Handle("/metrics", cfg.Metrics.Handler()).Methods(http.MethodGet)
	if len(cfg.CORSOrigins) > 0 {
		s.router.Handle("/graphql", withCORS(cfg.CORSOrigins, GraphQLHandler(cfg))).Methods(http.MethodGet, http.MethodPost, http.MethodOptions)
	} else {
		s.router.Handle("/graphql", GraphQLHandler(cfg)).Methods(http.MethodGet, http.MethodPost)
	}
	s.router.Handle("/graphql", methodNotAllowed(http.MethodGet, http.MethodPost))
	d := &Diagrams{Store: cfg.Store, Explorer: cfg.Explorer, Renderer: cfg.Renderer, Cache: render.NewCache(64 << 20), Metrics: cfg.Metrics}
	d.routes(s.router, s.error)
	gi := loadGraphiQL()
	s.router.HandleFunc("/graphiql", graphiqlPage(gi)).Methods(http.MethodGet, http.MethodHead)
	s.router.HandleFunc("/graphiql/static/{file}", graphiqlStatic(gi)).Methods(http.MethodGet, http.MethodHead)
	// The web explorer answers every other path: its assets, and index.html
	// for its pages. It must stay the last route.
	s.router.PathPrefix("/").Handler(ui.Handler())
	return s
}

// withCORS lets pages of the given origins call the API from a browser:
// GET and POST with the headers a GraphQL client sends, preflights
// answered and cached for ten minutes. No credentials: the API is public
// and has no sessions. rs/cors keeps the CORS rules (preflight, Vary,
// origin matching) out of this package.
func withCORS(origins []string, next http.Handler) http.Handler {
	return cors.New(cors.Options{
		AllowedOrigins: origins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost},
		AllowedHeaders: []string{"Content-Type", "Accept"},
		MaxAge:         600,
	}).Handler(next)
}

// noSniff tells browsers to trust the Content-Type of every answer — JSON,
// SVG, CSV — rather than guess from its bytes (a JSON error quoting a
// paragraph must never be read as HTML).
func noSniff(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}

// methodNotAllowed answers 405 with the methods an endpoint takes, in the
// GraphQL error shape (code BAD_USER_INPUT), rather than letting the path
// fall through to the web explorer's 404. The status is HTTP's own answer
// to a wrong method, not one of an error code.
func methodNotAllowed(methods ...string) http.Handler {
	allow := strings.Join(methods, ", ")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		body, _ := json.Marshal(map[string]any{"errors": []any{map[string]any{
			"message":    r.URL.Path + " takes " + allow,
			"extensions": map[string]any{"code": string(kg.CodeInvalid)},
		}}})
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusMethodNotAllowed)
		if r.Method != http.MethodHead {
			w.Write(body)
		}
	})
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.router.ServeHTTP(w, r) }

// healthz says the process is up.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok"})
}

// readyz says the store answers.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	st, err := s.cfg.Store.Stats(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ready", "version": st.Version, "nodes": st.TotalNodes()})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// HTTPStatus maps an error code to its HTTP status: the one place where
// this happens.
func HTTPStatus(code kg.Code) int {
	switch code {
	case kg.CodeInvalid:
		return http.StatusBadRequest
	case kg.CodeNotFound:
		return http.StatusNotFound
	case kg.CodeTooLarge:
		return http.StatusRequestEntityTooLarge
	case kg.CodeUnsupported:
		return http.StatusUnsupportedMediaType
	case kg.CodeReadOnly:
		return http.StatusForbidden
	case kg.CodeTimeout:
		return http.StatusGatewayTimeout
	case kg.CodeUnavailable, kg.CodeIncompat:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// error writes err as JSON {"error": {"code", "message"}} with its status;
// internal details are logged, never sent.
func (s *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	code := kg.ErrorCode(err)
	status := HTTPStatus(code)
	if status >= 500 {
		s.cfg.Logger.Error("request failed", "path", r.URL.Path, "code", code, "err", err)
	}
	writeJSON(w, status, map[string]any{"error": map[string]any{"code": code, "message": kg.ErrorMessage(err)}})
}
