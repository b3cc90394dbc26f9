package render

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// FuzzBuildDOT feeds arbitrary labels, texts, refs and IDs to the DOT
// builder: it must not panic, must stay deterministic, and must write DOT
// that keeps every string inside its quotes — no Graphviz escape, quote or
// markup of the input may break out. When native dot is installed, every
// output must parse.
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
		if dot != "" {
			cmd := exec.Command(dot, "-Tcanon")
			cmd.Stdin = bytes.NewReader(a)
			if out, err := cmd.CombinedOutput(); err != nil && bytes.Contains(out, []byte("syntax error")) {
				t.Fatalf("native dot cannot parse the DOT: %s\n%s", out, a)
			}
		}
	})
}
