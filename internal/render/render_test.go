package render_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/render"
	"github.com/crimegraph/crimegraph/internal/testtool"
)

var fixtures = []struct {
	name  string
	graph func() kg.Subgraph
}{
	{"crimetype", crimeTypeGraph},
	{"path", pathGraph},
	{"recommendation", recommendationGraph},
}

// TestBuildDOTGolden pins the DOT written for each fixture. Refresh with
// make golden.
func TestBuildDOTGolden(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			got, err := render.BuildDOT(f.graph(), render.Options{})
			if err != nil {
				t.Fatal(err)
			}
			again, _ := render.BuildDOT(f.graph(), render.Options{})
			if !bytes.Equal(got, again) {
				t.Fatal("BuildDOT is not deterministic")
			}
			testtool.Golden(t, filepath.Join("testdata", f.name+".dot"), got)
		})
	}
}

// TestBuildDOTOrderIndependent: shuffling the input changes nothing.
func TestBuildDOTOrderIndependent(t *testing.T) {
	g := crimeTypeGraph()
	want, _ := render.BuildDOT(g, render.Options{})
	for i, j := 0, len(g.Nodes)-1; i < j; i, j = i+1, j-1 {
		g.Nodes[i], g.Nodes[j] = g.Nodes[j], g.Nodes[i]
	}
	for i, j := 0, len(g.Edges)-1; i < j; i, j = i+1, j-1 {
		g.Edges[i], g.Edges[j] = g.Edges[j], g.Edges[i]
	}
	got, _ := render.BuildDOT(g, render.Options{})
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("order changed the DOT (-want +got):\n%s", diff)
	}
}

// TestNativeDotParses: Debian's Graphviz parses and draws every DOT we
// write, for every engine.
func TestNativeDotParses(t *testing.T) {
	dot := testtool.Need(t, "dot", "graphviz")
	for _, f := range fixtures {
		for _, e := range render.Engines {
			src, err := render.BuildDOT(f.graph(), render.Options{Engine: e})
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(dot, "-Tsvg")
			cmd.Stdin = bytes.NewReader(src)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil || stderr.Len() > 0 {
				t.Errorf("%s/%s: dot: %v: %s", f.name, e, err, stderr.String())
			}
		}
	}
}

// svgText returns the text drawn in an SVG, after checking it is
// well-formed XML.
func svgText(t *testing.T, svg []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Entity = xml.HTMLEntity
	var b strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return strings.ReplaceAll(b.String(), "\u2060", "")
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "text"
		case xml.CharData:
			if inText {
				b.Write(tok)
				b.WriteByte('\n')
			}
		case xml.EndElement:
			inText = false
		}
	}
}

// TestSVG: the SVG parses, shows the title, legend, caption and every
// node's name, and links every node to its entity page.
func TestSVG(t *testing.T) {
	r := render.NewRenderer(render.Config{})
	for _, f := range fixtures {
		for _, e := range render.Engines {
			t.Run(f.name+"/"+string(e), func(t *testing.T) {
				g := f.graph()
				svg, err := r.Render(context.Background(), g, render.SVG, render.Options{Engine: e})
				if err != nil {
					t.Fatal(err)
				}
				text := svgText(t, svg)
				want := append([]string{"Key", "Source: "}, strings.Fields(g.Title)...)
				for _, n := range g.Nodes {
					if ref := n.Prop(kg.PropRef); ref != "" {
						want = append(want, ref)
					} else {
						want = append(want, strings.Fields(n.Label)[0])
					}
					if !bytes.Contains(svg, []byte(`href="`+strings.ReplaceAll(kg.EntityPath(n.ID), "&", "&amp;")+`"`)) {
						t.Errorf("no link to %s", kg.EntityPath(n.ID))
					}
				}
				for _, w := range want {
					if !strings.Contains(text, w) {
						t.Errorf("SVG text lacks %q:\n%s", w, text)
					}
				}
			})
		}
	}
}

// TestPNG: the PNG decodes, has a sane size, and is not blank.
func TestPNG(t *testing.T) {
	testtool.Need(t, "rsvg-convert", "librsvg2-bin")
	r := render.NewRenderer(render.Config{})
	b, err := r.Render(context.Background(), crimeTypeGraph(), render.PNG, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	bounds := img.Bounds()
	if bounds.Dx() < 400 || bounds.Dy() < 300 || bounds.Dx() > 8000 || bounds.Dy() > 8000 {
		t.Errorf("PNG size %v", bounds.Size())
	}
	dark, total := 0, 0
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 2 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			if r+g+b < 3*0x4000 {
				dark++
			}
			total++
		}
	}
	if frac := float64(dark) / float64(total); frac < 0.01 || frac > 0.5 {
		t.Errorf("dark pixels %.3f of the image: blank or black", frac)
	}
}

// TestPDF: the PDF is a PDF and its text layer has the title.
func TestPDF(t *testing.T) {
	testtool.Need(t, "rsvg-convert", "librsvg2-bin")
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	r := render.NewRenderer(render.Config{})
	g := recommendationGraph()
	b, err := r.Render(context.Background(), g, render.PDF, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("not a PDF: %q", b[:min(len(b), 16)])
	}
	cmd := exec.Command(pdftotext, "-", "-")
	cmd.Stdin = bytes.NewReader(b)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, w := range []string{g.Title, "Source: S/2025/85", "Key"} {
		if !strings.Contains(text, w) {
			t.Errorf("PDF text lacks %q:\n%s", w, text)
		}
	}
}

func TestRenderDOTFormat(t *testing.T) {
	r := render.NewRenderer(render.Config{})
	got, err := r.Render(context.Background(), pathGraph(), render.DOT, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := render.BuildDOT(pathGraph(), render.Options{Engine: render.Dot})
	if !bytes.Equal(got, want) {
		t.Error("Render(DOT) differs from BuildDOT")
	}
}

// TestLimits: oversized requests fail with CodeTooLarge before any layout,
// with a message that says how to narrow them.
func TestLimits(t *testing.T) {
	r := render.NewRenderer(render.Config{})
	lim := render.DefaultLimits()
	tests := []struct {
		name   string
		graph  kg.Subgraph
		engine render.Engine
		want   string
	}{
		{"too many nodes", randomGraph(lim.MaxNodes+1, 1, 1), render.Auto, "lower the depth"},
		{"too many edges", randomGraph(100, float64(lim.MaxEdges+1)/100, 1), render.SFDP, "filter the node or edge kinds"},
		{"circo", randomGraph(lim.Engines[render.Circo].Nodes+1, 1, 1), render.Circo, "circo layout is limited"},
		{"fdp", randomGraph(lim.Engines[render.FDP].Nodes+1, 1, 1), render.FDP, "choose the sfdp engine"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := r.Render(context.Background(), tt.graph, render.SVG, render.Options{Engine: tt.engine})
			if kg.ErrorCode(err) != kg.CodeTooLarge {
				t.Fatalf("got %v, want a %s error", err, kg.CodeTooLarge)
			}
			if !strings.Contains(kg.ErrorMessage(err), tt.want) {
				t.Errorf("message %q lacks %q", kg.ErrorMessage(err), tt.want)
			}
			if d := time.Since(start); d > 200*time.Millisecond {
				t.Errorf("refusal took %v: the check must come before the layout", d)
			}
		})
	}
	// Auto picks sfdp for a graph too big for dot but within sfdp's cap.
	big := randomGraph(lim.AutoDot.Nodes+10, 1.2, 2)
	if _, err := r.Render(context.Background(), big, render.DOT, render.Options{}); err != nil {
		t.Fatalf("auto engine: %v", err)
	}
	src, _ := r.Render(context.Background(), big, render.DOT, render.Options{})
	if !bytes.Contains(src, []byte("layout=sfdp")) {
		t.Error("auto did not choose sfdp for a large graph")
	}
}

func TestBadRequests(t *testing.T) {
	r := render.NewRenderer(render.Config{})
	if _, err := r.Render(context.Background(), pathGraph(), "gif", render.Options{}); kg.ErrorCode(err) != kg.CodeInvalid {
		t.Errorf("format gif: %v", err)
	}
	if _, err := r.Render(context.Background(), pathGraph(), render.SVG, render.Options{Engine: "twopi"}); kg.ErrorCode(err) != kg.CodeInvalid {
		t.Errorf("engine twopi: %v", err)
	}
	g := pathGraph()
	g.Edges = append(g.Edges, kg.Edge{From: g.Nodes[0].ID, Kind: kg.EdgeCites, To: "document:nowhere"})
	if _, err := r.Render(context.Background(), g, render.SVG, render.Options{}); kg.ErrorCode(err) != kg.CodeInvalid {
		t.Errorf("dangling edge: %v", err)
	}
	empty, err := r.Render(context.Background(), kg.Subgraph{Title: "Nothing found"}, render.SVG, render.Options{})
	if err != nil || !strings.Contains(svgText(t, empty), "Nothing found") {
		t.Errorf("empty graph: %v", err)
	}
}

// TestConcurrentRender: many goroutines drawing at once get the same
// bytes as one drawing alone (go-graphviz is not safe for concurrent use;
// the renderer serialises it). Run with -race.
func TestConcurrentRender(t *testing.T) {
	r := render.NewRenderer(render.Config{})
	ctx := context.Background()
	want := map[string][]byte{}
	for _, f := range fixtures {
		b, err := r.Render(ctx, f.graph(), render.SVG, render.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want[f.name] = b
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := 0; i < 12; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			f := fixtures[i%len(fixtures)]
			for j := 0; j < 3; j++ {
				got, err := r.Render(ctx, f.graph(), render.SVG, render.Options{})
				if err != nil {
					errs <- err
					return
				}
				if !bytes.Equal(got, want[f.name]) {
					errs <- errors.New(f.name + ": concurrent render differs")
					return
				}
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestCancelWhileWaiting: a request waiting for the Graphviz lock gives up
// when its context ends.
func TestCancelWhileWaiting(t *testing.T) {
	r := render.NewRenderer(render.Config{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := r.Render(ctx, pathGraph(), render.SVG, render.Options{})
	if kg.ErrorCode(err) != kg.CodeUnavailable {
		t.Errorf("cancelled request: %v", err)
	}
}

// TestNative: Native isolation draws with the Graphviz program.
func TestNative(t *testing.T) {
	testtool.Need(t, "dot", "graphviz")
	r := render.NewRenderer(render.Config{Isolation: render.Native})
	svg, err := r.Render(context.Background(), recommendationGraph(), render.SVG, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if text := svgText(t, svg); !strings.Contains(text, "Key") || !strings.Contains(text, "61(j)") {
		t.Errorf("native SVG text:\n%s", text)
	}
	missing := render.NewRenderer(render.Config{Isolation: render.Native, DotPath: "/nonexistent/dot"})
	if _, err := missing.Render(context.Background(), pathGraph(), render.SVG, render.Options{}); kg.ErrorCode(err) != kg.CodeUnavailable {
		t.Errorf("missing dot: %v", err)
	}
}

func TestMissingConverter(t *testing.T) {
	r := render.NewRenderer(render.Config{RsvgConvert: "/nonexistent/rsvg-convert"})
	_, err := r.Render(context.Background(), pathGraph(), render.PNG, render.Options{})
	if kg.ErrorCode(err) != kg.CodeUnavailable || !strings.Contains(kg.ErrorMessage(err), "librsvg2-bin") {
		t.Errorf("missing rsvg-convert: %v", err)
	}
}
