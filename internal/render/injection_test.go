package render

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// hostileCorpus reads testdata/injection.txt.
func hostileCorpus(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("testdata/injection.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		s, err := strconv.Unquote(line)
		if err != nil {
			t.Fatalf("bad corpus line %s: %v", line, err)
		}
		out = append(out, s)
	}
	if len(out) < 20 {
		t.Fatalf("corpus too small: %d", len(out))
	}
	return out
}

// hostileGraph puts s into every text field a subgraph has: the title,
// every node's ID key, label, aliases and properties (one node of every
// kind, plus one of an unknown kind), and every edge's role and evidence.
func hostileGraph(s string) kg.Subgraph {
	props := map[string]string{}
	for _, p := range []string{kg.PropISO3, kg.PropICCS, kg.PropSymbol, kg.PropText, kg.PropRef,
		kg.PropDocument, kg.PropStart, kg.PropTitle, kg.PropRole} {
		props[p] = s
	}
	g := kg.Subgraph{Title: s}
	kinds := append(append([]kg.Kind(nil), kg.Kinds...), kg.Kind(s))
	for _, k := range kinds {
		g.Nodes = append(g.Nodes, kg.Node{ID: kg.ID(strings.ToLower(string(k)) + ":" + s), Kind: k,
			Label: s, Aliases: []string{s, s + "2"}, Props: props})
	}
	for i := 1; i < len(g.Nodes); i++ {
		g.Edges = append(g.Edges, kg.Edge{
			From: g.Nodes[i-1].ID, Kind: kg.EdgeKinds[i%len(kg.EdgeKinds)], To: g.Nodes[i].ID,
			Props:    map[string]string{kg.PropRole: s},
			Evidence: []kg.Evidence{{Doc: s, Ref: s}, {Doc: "S/2025/85", Ref: "61(d)"}, {Doc: s}},
		})
	}
	g.Focus = []kg.ID{g.Nodes[0].ID, "missing:" + kg.ID(s)}
	g.Sort()
	return g
}

// TestInjection checks that hostile text cannot break the DOT we write or
// put script or links into the SVG: native dot and go-graphviz parse every
// DOT; every SVG is well-formed XML with no script, no event-handler
// attribute and no link but our own relative entity links; and the text
// shows up as text, escaped.
func TestInjection(t *testing.T) {
	nativeDot, nativeErr := exec.LookPath("dot")
	if nativeErr != nil && os.Getenv("CI") != "" {
		t.Fatalf("dot not found (Debian package graphviz): %v", nativeErr)
	}
	r := NewRenderer(Config{})
	ctx := context.Background()
	for i, s := range hostileCorpus(t) {
		g := hostileGraph(s)
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			src, err := BuildDOT(g, Options{})
			if err != nil {
				t.Fatalf("BuildDOT(%q): %v", s, err)
			}
			if nativeErr == nil {
				cmd := exec.Command(nativeDot, "-Tsvg")
				cmd.Stdin = bytes.NewReader(src)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil || strings.Contains(stderr.String(), "Error") {
					t.Fatalf("native dot rejected the DOT for %q: %v\n%s\n%s", s, err, stderr.String(), src)
				}
				checkHostileSVG(t, s, out, false)
			}
			if _, err := runWasm(ctx, "dot", "svg", src); err != nil {
				t.Fatalf("go-graphviz rejected the DOT for %q: %v", s, err)
			}
			for _, e := range []Engine{Dot, Neato} {
				svg, err := r.Render(ctx, g, SVG, Options{Engine: e, Title: s})
				if err != nil {
					t.Fatalf("Render(%q, %s): %v", s, e, err)
				}
				checkHostileSVG(t, s, svg, true)
			}
		})
	}
}

func checkHostileSVG(t *testing.T, s string, svg []byte, ours bool) {
	t.Helper()
	if err := checkSVG(svg); err != nil {
		t.Errorf("%q: %v", s, err)
	}
	var text, titles strings.Builder
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%q: SVG is not well-formed XML: %v", s, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if strings.EqualFold(tok.Name.Local, "script") || strings.EqualFold(tok.Name.Local, "foreignObject") {
				t.Errorf("%q: SVG has a <%s> element", s, tok.Name.Local)
			}
			for _, a := range tok.Attr {
				name := strings.ToLower(a.Name.Local)
				if strings.HasPrefix(name, "on") {
					t.Errorf("%q: SVG has an event handler attribute %s=%q", s, a.Name.Local, a.Value)
				}
				if name == "href" && !strings.HasPrefix(a.Value, "/entity?id=") {
					t.Errorf("%q: SVG links to %q", s, a.Value)
				}
				if name == "title" {
					titles.WriteString(a.Value + "\n")
				}
			}
			inText = tok.Name.Local == "text"
		case xml.CharData:
			if inText {
				text.Write(tok)
				text.WriteByte('\n')
			}
		case xml.EndElement:
			inText = false
		}
	}
	if !ours {
		return
	}
	shown := strings.ReplaceAll(text.String(), wordJoiner, "")
	// The title is drawn as text, whatever it holds: its first line
	// appears verbatim among the SVG's text, and Graphviz escapes such
	// as \N were not expanded.
	want := wrap(s, 80, 2)
	if len(want) > 0 && !strings.Contains(shown, strings.TrimSuffix(want[0], "…")) {
		t.Errorf("%q: the title line %q is not in the SVG text:\n%s", s, want[0], shown)
	}
	if strings.Contains(s, `\N`) && !strings.Contains(shown, `\N`) {
		t.Errorf("%q: \\N was expanded in a label", s)
	}
	if tips := strings.ReplaceAll(titles.String(), wordJoiner, ""); strings.Contains(s, `\N`) && !strings.Contains(tips, `\N`) {
		t.Errorf("%q: \\N was expanded in every tooltip:\n%s", s, tips)
	}
}
