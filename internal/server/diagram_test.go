package server_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// get fetches a path from the test server.
func (c *client) get(path string) (int, http.Header, []byte) {
	c.t.Helper()
	resp, err := http.Get(c.url + path)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

func TestDiagramEndpoints(t *testing.T) {
	c := newServer(t)
	tests := []struct {
		name, path, ctype, disposition string
		check                          func(t *testing.T, b []byte)
	}{
		{"neighbourhood by alias, SVG", "/diagram/neighbourhood?id=" + url.QueryEscape("trafficking in persons") + "&depth=1",
			"image/svg+xml", `inline; filename="neighbourhood-trafficking-in-persons.svg"`, func(t *testing.T, b []byte) {
				if err := xml.Unmarshal(b, new(struct{})); err != nil {
					t.Errorf("not XML: %v", err)
				}
				s := string(b)
				for _, want := range []string{"Trafficking in persons", `href="/entity?id=`, "Source:", "Key"} {
					if !strings.Contains(s, want) {
						t.Errorf("SVG lacks %q", want)
					}
				}
				if strings.Contains(s, "javascript:") || strings.Contains(s, "<script") {
					t.Error("SVG carries script")
				}
			}},
		{"recommendation, DOT", "/diagram/recommendation?id=" + url.QueryEscape("recommendation:S/2025/85#61(d)") + "&format=dot",
			"text/vnd.graphviz; charset=utf-8", "", func(t *testing.T, b []byte) {
				if !bytes.HasPrefix(b, []byte("digraph")) || !bytes.Contains(b, []byte("61(d)")) {
					t.Errorf("DOT = %.200s", b)
				}
			}},
		{"paths, PNG download", "/diagram/paths?from=HTI&to=" + url.QueryEscape("trafficking in persons") + "&format=png&download=1",
			"image/png", `attachment; filename="paths-hti-trafficking-in-persons.png"`, func(t *testing.T, b []byte) {
				img, err := png.Decode(bytes.NewReader(b))
				if err != nil {
					t.Fatalf("not a PNG: %v", err)
				}
				if r := img.Bounds(); r.Dx() < 200 || r.Dy() < 100 {
					t.Errorf("PNG is %v", r)
				}
			}},
		{"neighbourhood, PDF", "/diagram/neighbourhood?id=state:HTI&format=pdf",
			"application/pdf", "", func(t *testing.T, b []byte) {
				if !bytes.HasPrefix(b, []byte("%PDF-")) {
					t.Errorf("not a PDF: %.20q", b)
				}
			}},
		{"cooccurrence, SVG", "/diagram/cooccurrence?rows=CrimeType&columns=Document",
			"image/svg+xml", "", func(t *testing.T, b []byte) {
				if err := xml.Unmarshal(b, new(struct{})); err != nil || !bytes.Contains(b, []byte("/recommendations?")) {
					t.Errorf("matrix SVG: %v %.200s", err, b)
				}
			}},
		{"cooccurrence, CSV", "/diagram/cooccurrence?rows=CrimeType&columns=Document&format=csv",
			"text/csv; charset=utf-8", "", func(t *testing.T, b []byte) {
				rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
				if err != nil || len(rows) < 2 || !strings.Contains(string(b), "Trafficking in persons") {
					t.Errorf("matrix CSV: %v %q", err, b)
				}
			}},
		{"export GraphML around a focus", "/export/graphml?focus=" + url.QueryEscape("crimetype:0204") + "&depth=1",
			"application/graphml+xml", "", func(t *testing.T, b []byte) {
				if !bytes.Contains(b, []byte("<graphml")) || !bytes.Contains(b, []byte("crimetype:0204")) {
					t.Errorf("GraphML = %.200s", b)
				}
			}},
		{"export the whole graph, Cytoscape.js", "/export/cyjs", "application/json", "", func(t *testing.T, b []byte) {
			var v struct {
				Elements struct {
					Nodes []any `json:"nodes"`
					Edges []any `json:"edges"`
				} `json:"elements"`
			}
			if err := json.Unmarshal(b, &v); err != nil || len(v.Elements.Nodes) < 500 || len(v.Elements.Edges) < 1000 {
				t.Errorf("whole graph: %v, %d nodes, %d edges", err, len(v.Elements.Nodes), len(v.Elements.Edges))
			}
		}},
		{"export nodes CSV", "/export/csv-nodes?focus=state:HTI", "text/csv; charset=utf-8", "", func(t *testing.T, b []byte) {
			if !bytes.HasPrefix(b, []byte("id:ID")) {
				t.Errorf("nodes CSV = %.100q", b)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, h, b := c.get(tc.path)
			if status != http.StatusOK {
				t.Fatalf("status %d: %s", status, b)
			}
			if got := h.Get("Content-Type"); got != tc.ctype {
				t.Errorf("Content-Type = %q, want %q", got, tc.ctype)
			}
			if tc.disposition != "" && h.Get("Content-Disposition") != tc.disposition {
				t.Errorf("Content-Disposition = %q, want %q", h.Get("Content-Disposition"), tc.disposition)
			}
			tc.check(t, b)
		})
	}
}

func TestDiagramErrors(t *testing.T) {
	c := newServer(t)
	tests := []struct {
		name, path string
		status     int
		code       kg.Code
		says       string
	}{
		{"unknown view", "/diagram/galaxy?id=state:HTI", 400, kg.CodeInvalid, "unknown view"},
		{"no focus", "/diagram/neighbourhood", 400, kg.CodeInvalid, "needs id"},
		{"unknown name", "/diagram/neighbourhood?id=Atlantis", 404, kg.CodeNotFound, "Atlantis"},
		{"bad format", "/diagram/neighbourhood?id=state:HTI&format=gif", 400, kg.CodeInvalid, "gif"},
		{"bad layout", "/diagram/neighbourhood?id=state:HTI&layout=twopi3d", 400, kg.CodeInvalid, "twopi3d"},
		{"bad depth", "/diagram/neighbourhood?id=state:HTI&depth=-1", 400, kg.CodeInvalid, "depth"},
		{"whole graph as a diagram", "/diagram/graph", 400, kg.CodeInvalid, "too large to draw"},
		{"too large to lay out", "/diagram/neighbourhood?id=state:HTI&depth=3&edges=MENTIONS,CONTAINS,CITES&limit=1000&layout=circo", 413, kg.CodeTooLarge, "lower the depth"},
		{"bad export format", "/export/xlsx", 400, kg.CodeInvalid, "xlsx"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, _, b := c.get(tc.path)
			var body struct {
				Error struct {
					Code    kg.Code `json:"code"`
					Message string  `json:"message"`
				} `json:"error"`
			}
			json.Unmarshal(b, &body)
			if status != tc.status || body.Error.Code != tc.code || !strings.Contains(body.Error.Message, tc.says) {
				t.Errorf("status %d code %s message %q; want %d %s saying %q", status, body.Error.Code, body.Error.Message, tc.status, tc.code, tc.says)
			}
		})
	}
}

func TestGraphQLDiagramField(t *testing.T) {
	c := newServer(t)
	var got struct {
		Diagram struct {
			Title, Dot, URL      string
			NodeCount, EdgeCount int
		}
	}
	c.ok(`{ diagram(view: NEIGHBOURHOOD, id: "trafficking in persons", format: PDF) { title dot url nodeCount edgeCount } }`, nil, &got)
	d := got.Diagram
	if !strings.HasPrefix(d.Dot, "digraph") || !strings.Contains(d.Title, "Trafficking in persons") || d.NodeCount < 2 {
		t.Errorf("diagram = %+v", d)
	}
	// The URL draws the same view.
	status, h, b := c.get(d.URL)
	if status != 200 || h.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("GET %s: %d %s", d.URL, status, h.Get("Content-Type"))
	}
	c.fails(`{ diagram(view: PATHS, from: "state:HTI") { url } }`, nil, kg.CodeInvalid)
}

func TestMetrics(t *testing.T) {
	c := newServer(t)
	c.get("/diagram/neighbourhood?id=state:HTI")
	c.get("/diagram/neighbourhood?id=state:HTI")
	c.post(`query Home { stats { nodes } }`, nil)
	_, _, b := c.get("/metrics")
	s := string(b)

	for _, want := range []string{
		`crimegraph_http_request_duration_seconds_count{method="GET",route="/diagram/{view}",status="200"} 2`,
		`crimegraph_graphql_operation_duration_seconds_count{operation="Home",outcome="ok"} 1`,
		`crimegraph_render_duration_seconds_count{format="svg",outcome="rendered"} 1`,
		`crimegraph_store_size_bytes`,
		`go_goroutines`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}
