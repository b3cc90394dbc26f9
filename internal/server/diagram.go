package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gorilla/mux"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/export"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/render"
	"github.com/crimegraph/crimegraph/internal/view"
)

// Diagrams serves relationship diagrams and data exports of any view.
type Diagrams struct {
	Store    kg.Reader
	Explorer *explore.Explorer
	Renderer *render.Renderer
	Cache    *render.Cache
	Metrics  *Metrics // optional
	// MaxExportNodes bounds a whole-graph export; 0 means 200,000.
	MaxExportNodes int
	// Timeout bounds one diagram request; 0 means 20 s.
	Timeout time.Duration
}

// routes registers /diagram/{view} and /export/{format}, and the diagram
// cache and renderer gauges in d.Metrics.
func (d *Diagrams) routes(r *mux.Router, fail func(http.ResponseWriter, *http.Request, error)) {
	if d.Metrics != nil {
		d.register(d.Metrics)
	}
	r.HandleFunc("/diagram/cooccurrence", func(w http.ResponseWriter, req *http.Request) {
		if err := d.cooccurrence(w, req); err != nil {
			fail(w, req, err)
		}
	}).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/diagram/{view}", func(w http.ResponseWriter, req *http.Request) {
		if err := d.diagram(w, req); err != nil {
			fail(w, req, err)
		}
	}).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/export/{format}", func(w http.ResponseWriter, req *http.Request) {
		if err := d.export(w, req); err != nil {
			fail(w, req, err)
		}
	}).Methods(http.MethodGet, http.MethodHead)
}

func (d *Diagrams) timeout() time.Duration {
	if d.Timeout > 0 {
		return d.Timeout
	}
	return 20 * time.Second
}

// DiagramRequest is a diagram to draw: a view, a format and a layout.
type DiagramRequest struct {
	View   view.Request
	Format render.Format
	Engine render.Engine
}

// ParseDiagram reads a diagram request from a view name and URL parameters
// (format, layout, and the view's own).
func ParseDiagram(name string, q url.Values) (DiagramRequest, error) {
	v, err := view.FromQuery(view.Kind(name), q)
	if err != nil {
		return DiagramRequest{}, err
	}
	if v.Kind == view.Whole {
		return DiagramRequest{}, kg.Errorf(kg.CodeInvalid, "the whole graph is too large to draw: use /export/{format}, or a neighbourhood")
	}
	f := q.Get("format")
	if f == "" {
		f = "svg"
	}
	format, err := render.ParseFormat(f)
	if err != nil {
		return DiagramRequest{}, err
	}
	engine, err := render.ParseEngine(q.Get("layout"))
	if err != nil {
		return DiagramRequest{}, err
	}
	return DiagramRequest{View: v, Format: format, Engine: engine}, nil
}

// Key is the diagram cache's key of the request: two requests with the
// same key draw the same bytes at the same graph version.
func (r DiagramRequest) Key() string {
	return r.View.Key() + "|" + string(r.Format) + "|" + string(r.Engine)
}

// Render draws a diagram, from the cache when the same request was drawn
// at the same graph version.
func (d *Diagrams) Render(ctx context.Context, req DiagramRequest) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, d.timeout())
	defer cancel()
	key := req.Key()
	start := time.Now()
	outcome := "cached"
	b, err := d.Cache.Do(ctx, d.Store.Version(), key, func(ctx context.Context) ([]byte, error) {
		outcome = "rendered" // Do calls draw only on a miss
		g, err := view.Build(ctx, d.Explorer, d.Store, req.View)
		if err != nil {
			return nil, err
		}
		return d.Renderer.Render(ctx, g, req.Format, render.Options{Engine: req.Engine})
	})
	if err != nil {
		outcome = "error"
	}
	if d.Metrics != nil {
		d.Metrics.Renders.WithLabelValues(string(req.Format), outcome).Observe(time.Since(start).Seconds())
	}
	return b, err
}

func (d *Diagrams) diagram(w http.ResponseWriter, r *http.Request) error {
	req, err := ParseDiagram(mux.Vars(r)["view"], r.URL.Query())
	if err != nil {
		return err
	}
	b, err := d.Render(r.Context(), req)
	if err != nil {
		return err
	}
	name := fileName(req.View) + "." + string(req.Format)
	writeFile(w, req.Format.ContentType(), name, r.URL.Query().Get("download") != "", b)
	return nil
}

// register adds the diagram cache's size and the render workers' state to
// reg. A second server on the same registry keeps the first one's gauges.
func (d *Diagrams) register(m *Metrics) {
	reg := m.Registry
	m.OnScrape(func() {
		st := d.Cache.Stats()
		m.CacheBytes.WithLabelValues("diagram").Set(float64(st.Bytes))
		m.CacheEntries.WithLabelValues("diagram").Set(float64(st.Entries))
	})
	gauge := func(name, help string, labels prometheus.Labels, f func() float64) {
		mustRegister(reg, prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help, ConstLabels: labels}, f))
	}
	gauge("crimegraph_render_workers_rss_bytes", "Resident memory of the diagram render worker processes, summed.", nil,
		func() float64 {
			var n int64
			for _, w := range d.Renderer.Stats().Workers {
				n += w.RSS
			}
			return float64(n)
		})
	gauge("crimegraph_render_queue", "Diagram requests waiting for a render worker.", nil,
		func() float64 { return float64(d.Renderer.Stats().Waiting) })
	gauge("crimegraph_render_workers_busy", "Render workers drawing a diagram now.", nil,
		func() float64 {
			n := 0
			for _, w := range d.Renderer.Stats().Workers {
				if w.Busy {
					n++
				}
			}
			return float64(n)
		})
	for reason, f := range map[string]func(render.PoolStats) int64{
		"recycled": func(s render.PoolStats) int64 { return s.Recycled },
		"killed":   func(s render.PoolStats) int64 { return s.Killed },
		"died":     func(s render.PoolStats) int64 { return s.Died },
	} {
		mustRegister(reg, prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "crimegraph_render_worker_ends_total", Help: "Render worker processes ended, by reason (recycled for memory or count, killed on timeout, died).",
			ConstLabels: prometheus.Labels{"reason": reason},
		}, func() float64 { return float64(f(d.Renderer.Stats())) }))
	}
}

// mustRegister registers c, keeping the first of a second server on the
// same registry; any other refusal is a programming error.
func mustRegister(reg prometheus.Registerer, c prometheus.Collector) {
	var are prometheus.AlreadyRegisteredError
	if err := reg.Register(c); err != nil && !errors.As(err, &are) {
		panic(err)
	}
}

// fileName makes a download name from a view: "neighbourhood-crimetype-0204".
func fileName(v view.Request) string {
	parts := []string{string(v.Kind)}
	for _, s := range []string{v.Focus, v.From, v.To} {
		if s != "" {
			parts = append(parts, kg.Slug(s, 40))
		}
	}
	return strings.Join(parts, "-")
}

func writeFile(w http.ResponseWriter, contentType, name string, download bool, b []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if strings.HasPrefix(contentType, "image/svg") {
		// An SVG opened on its own must not run anything.
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	}
	disp := "inline"
	if download {
		disp = "attachment"
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf("%s; filename=%q", disp, name))
	w.Write(b)
}

// cooccurrence draws the co-occurrence matrix as an SVG table or CSV.
func (d *Diagrams) cooccurrence(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	rows, err := kg.ParseKind(defaultTo(q.Get("rows"), "CrimeType"))
	if err != nil {
		return err
	}
	cols, err := kg.ParseKind(defaultTo(q.Get("columns"), "Section"))
	if err != nil {
		return err
	}
	m, err := d.Explorer.Cooccurrence(r.Context(), rows, cols, explore.Filter{Document: q.Get("document"), WithSuperseded: q.Get("superseded") == "1"})
	if err != nil {
		return err
	}
	t := MatrixTable(m)
	name := fmt.Sprintf("cooccurrence-%s-%s", strings.ToLower(string(rows)), strings.ToLower(string(cols)))
	switch f := defaultTo(q.Get("format"), "svg"); f {
	case "svg":
		writeFile(w, "image/svg+xml", name+".svg", q.Get("download") != "", render.TableSVG(t))
	case "csv":
		writeFile(w, "text/csv; charset=utf-8", name+".csv", true, render.TableCSV(t))
	default:
		return kg.Errorf(kg.CodeInvalid, "unknown matrix format %q: want svg or csv", f)
	}
	return nil
}

// MatrixTable turns a co-occurrence matrix into a drawable table whose
// cells link to the recommendations behind them.
func MatrixTable(m explore.Matrix) render.Table {
	t := render.Table{
		Title:   fmt.Sprintf("%s × %s, counted over recommendations", m.RowKind, m.ColKind),
		Caption: m.Counting(),
		Counts:  m.Counts(),
	}
	for _, n := range m.Rows {
		t.Rows = append(t.Rows, n.Label)
		t.RowLinks = append(t.RowLinks, kg.EntityPath(n.ID))
	}
	for _, n := range m.Cols {
		t.Cols = append(t.Cols, n.Label)
		t.ColLinks = append(t.ColLinks, kg.EntityPath(n.ID))
	}
	t.CellLinks = make([][]string, len(m.Rows))
	for i := range t.CellLinks {
		t.CellLinks[i] = make([]string, len(m.Cols))
	}
	filterName := map[kg.Kind]string{
		kg.KindCrimeType: "crimeType", kg.KindSection: "section", kg.KindDocument: "document",
		kg.KindTheme: "theme", kg.KindInstrument: "instrument", kg.KindState: "actor", kg.KindOrganization: "actor",
	}
	for _, c := range m.Cells {
		q := url.Values{}
		if f, ok := filterName[m.RowKind]; ok {
			q.Set(f, string(m.Rows[c.Row].ID))
		}
		if f, ok := filterName[m.ColKind]; ok {
			q.Set(f, string(m.Cols[c.Col].ID))
		}
		t.CellLinks[c.Row][c.Col] = "/recommendations?" + q.Encode()
	}
	return t
}

func defaultTo(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// export writes a view, or the whole graph without focus, as a data file.
func (d *Diagrams) export(w http.ResponseWriter, r *http.Request) error {
	f, err := export.ParseFormat(mux.Vars(r)["format"])
	if err != nil {
		return err
	}
	if f == export.DgraphSchemaFormat { // the same for every graph
		var buf bytes.Buffer
		if err := export.DgraphSchema(&buf, ""); err != nil {
			return err
		}
		writeFile(w, f.ContentType(), "crimegraph"+f.Extension(), true, buf.Bytes())
		return nil
	}
	q := r.URL.Query()
	v, err := view.FromQuery(view.ExportKind(q), q)
	if err != nil {
		return err
	}
	if v.Kind == view.Whole && v.Limit == 0 {
		v.Limit = d.MaxExportNodes
		if v.Limit == 0 {
			v.Limit = 200000
		}
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*d.timeout())
	defer cancel()
	g, err := view.Build(ctx, d.Explorer, d.Store, v)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := export.Export(&buf, f, g, export.Options{}); err != nil {
		return err
	}
	writeFile(w, f.ContentType(), fileName(v)+f.Extension(), true, buf.Bytes())
	return nil
}
