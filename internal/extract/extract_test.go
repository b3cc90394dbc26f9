package extract_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/corpus"
	"github.com/crimegraph/crimegraph/internal/extract"
	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/testtool"
)

// sanJose extracts the San José report through the real parser and gazetteer.
func sanJose(t testing.TB) extract.Result {
	t.Helper()
	data, err := corpus.Read(corpus.SanJose)
	if err != nil {
		t.Fatal(err)
	}
	src := ingest.Source{Name: corpus.SanJose, Data: data}
	rep, err := ingest.Parse(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := ingest.NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	return extract.Extract(rep, ingest.DocKey(rep, src), rec)
}

// dump writes the facts in a stable, reviewable form: every node but
// paragraphs (whose text the parser goldens pin), then every edge with its
// evidence quoted.
func dump(r extract.Result) string {
	f := r.Fragment
	text := map[string]string{}
	for _, n := range f.Nodes {
		if n.Kind == kg.KindParagraph {
			text[n.Prop(kg.PropRef)] = n.Prop(kg.PropText)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "document %s: %d paragraphs, %d recommendations, %d nodes, %d edges\n\n",
		f.Doc, r.Paragraphs, r.Recommendations, len(f.Nodes), len(f.Edges))
	nodes := append([]kg.Node(nil), f.Nodes...)
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].ID < nodes[j].ID })
	for _, n := range nodes {
		if n.Kind == kg.KindParagraph {
			continue
		}
		fmt.Fprintf(&b, "node %s %q", n.ID, n.Label)
		if len(n.Aliases) > 0 {
			fmt.Fprintf(&b, " aliases=%q", n.Aliases)
		}
		var keys []string
		for k := range n.Props {
			if k != kg.PropText && k != kg.PropSource {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, " %s=%q", k, n.Props[k])
		}
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	edges := append([]kg.Edge(nil), f.Edges...)
	sort.SliceStable(edges, func(i, j int) bool {
		if edges[i].Kind != edges[j].Kind {
			return edges[i].Kind < edges[j].Kind
		}
		if edges[i].From != edges[j].From {
			return edges[i].From < edges[j].From
		}
		return edges[i].To < edges[j].To
	})
	for _, e := range edges {
		if e.Kind == kg.EdgeContains {
			continue
		}
		fmt.Fprintf(&b, "%s %s -> %s", e.Kind, e.From, e.To)
		if len(e.Props) > 0 {
			fmt.Fprintf(&b, " %v", e.Props)
		}
		for _, ev := range e.Evidence {
			q := ""
			if t, ok := text[ev.Ref]; ok && ev.End > ev.Start && ev.End <= len(t) {
				q = " " + fmt.Sprintf("%q", t[ev.Start:ev.End])
			}
			fmt.Fprintf(&b, " [%s%s]", ev.Citation(), q)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestGoldenSanJoseFacts(t *testing.T) {
	got := dump(sanJose(t))
	testtool.Golden(t, filepath.Join("testdata", "sanjose.facts.golden"), []byte(got))
}
