package render

import (
	"bytes"
	"encoding/xml"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/goccy/go-graphviz"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// FuzzBuildDOT feeds arbitrary labels, texts, refs and IDs to the DOT
// builder: it must not panic, must stay deterministic, and must write DOT
// that keeps every string inside its quotes — no Graphviz escape, quote or
// markup of the input may break out. The oracle parses every output back
// with go-graphviz (checkParsedDOT): exactly the nodes and edges BuildDOT
// meant, each node's tooltip the input text as quote wrote it, each HTML
// label well-formed with only the markup BuildDOT writes. When native dot
// is installed, every output must parse with it too.
func FuzzBuildDOT(f *testing.F) {
	for _, s := range []string{"plain", `a "quoted" \N label`, "<script>alert(1)</script>", "javascript:alert(1)",
		"\\G\\L\\E\\T\\H", "line\nbreak\r\ttab", "}\n digraph x {", "&amp;&#92;", "\x00\x01\x7f", "ünïcødé ☃ 中文"} {
		f.Add(s, s, "61(d)")
	}
	dot, _ := exec.LookPath("dot")
	f.Fuzz(func(t *testing.T, label, text, ref string) {
		g := kg.Subgraph{
			Title: label,
			Focus: []kg.ID{"crimetype:0204"},
			Nodes: []kg.Node{
				{ID: "crimetype:0204", Kind: kg.KindCrimeType, Label: label, Props: map[string]string{kg.PropICCS: ref}},
				{ID: kg.ID("recommendation:" + strings.ReplaceAll(ref, "\x00", "")), Kind: kg.KindRecommendation, Label: label,
					Props: map[string]string{kg.PropRef: ref, kg.PropText: text, kg.PropDocument: label}},
			},
			Edges: []kg.Edge{{From: kg.ID("recommendation:" + strings.ReplaceAll(ref, "\x00", "")), Kind: kg.EdgeAddresses, To: "crimetype:0204",
				Evidence: []kg.Evidence{{Doc: label, Ref: ref}}}},
		}
		if g.Nodes[1].ID == "recommendation:" {
			return
		}
		a, err := BuildDOT(g, Options{})
		if err != nil {
			return // refusing is fine; crashing is not
		}
		b, _ := BuildDOT(g, Options{})
		if !bytes.Equal(a, b) {
			t.Fatal("BuildDOT is not deterministic")
		}
		if bytes.Contains(a, []byte("javascript:")) && strings.Contains(string(a), `URL="javascript:`) {
			t.Fatal("a javascript: link reached the DOT")
		}
		checkParsedDOT(t, a, g)
		if dot != "" {
			cmd := exec.Command(dot, "-Tcanon")
			cmd.Stdin = bytes.NewReader(a)
			if out, err := cmd.CombinedOutput(); err != nil && bytes.Contains(out, []byte("syntax error")) {
				t.Fatalf("native dot cannot parse the DOT: %s\n%s", out, a)
			}
		}
	})
}

// labelMarkup is every element BuildDOT writes in an HTML-like label.
var labelMarkup = map[string]bool{"B": true, "BR": true, "FONT": true, "I": true}

var nodeName = regexp.MustCompile(`^(n[0-9]+|key_[a-z0-9_]+)$`)

// asQuoted is what Graphviz's parser gives back for a string quote wrote:
// the parser removes the backslash of \", and keeps quote's "\\"+WJ.
func asQuoted(s string) string {
	q := quote(s)
	return strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`)
}

// checkParsedDOT parses src with go-graphviz, under the module's lock.
func checkParsedDOT(t *testing.T, src []byte, g kg.Subgraph) {
	t.Helper()
	wasmLock <- struct{}{}
	defer func() { <-wasmLock }()
	pg, err := graphviz.ParseBytes(src)
	if err != nil || pg == nil {
		t.Fatalf("go-graphviz cannot parse the DOT: %v\n%s", err, src)
	}
	defer pg.Close()
	want := map[string]int{}
	for _, n := range g.Nodes {
		want[asQuoted(nodeTooltip(n))]++
	}
	dataNodes, edges := 0, 0
	for n, err := pg.FirstNode(); n != nil && err == nil; n, err = pg.NextNode(n) {
		name, _ := n.Name()
		if !nodeName.MatchString(name) {
			t.Fatalf("a node named %q, which BuildDOT never writes, is in the DOT:\n%s", name, src)
		}
		if !strings.HasPrefix(name, "n") {
			continue
		}
		dataNodes++
		tip := n.GetStr("tooltip")
		if want[tip] == 0 {
			t.Errorf("node %s has the tooltip %q, not one of the inputs' %v", name, tip, want)
		}
		want[tip]--
		checkLabelMarkup(t, name, n.GetStr("label"))
		for e, err := pg.FirstOut(n); e != nil && err == nil; e, err = pg.NextOut(e) {
			edges++
		}
	}
	if dataNodes != len(g.Nodes) || edges != len(g.Edges) {
		t.Errorf("the DOT holds %d nodes and %d edges; the graph has %d and %d", dataNodes, edges, len(g.Nodes), len(g.Edges))
	}
}

// checkLabelMarkup: an HTML-like label is well-formed and holds only the
// markup BuildDOT writes; everything from the input is text.
func checkLabelMarkup(t *testing.T, node, label string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader("<L>" + label + "</L>"))
	dec.Strict = true
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Errorf("node %s: the label is not well-formed (%v): %q", node, err, label)
			return
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local != "L" && !labelMarkup[se.Name.Local] {
			t.Errorf("node %s: the label holds a <%s> element: %q", node, se.Name.Local, label)
		}
	}
}
