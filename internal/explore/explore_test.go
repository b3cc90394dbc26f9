package explore_test

import (
	"context"
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/crimegraph/crimegraph/graph/testcorpus"
	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/store"
)

var ctx = context.Background()

func openStore(t *testing.T, frags ...kg.Fragment) *store.Store {
	t.Helper()
	s, err := store.Open(store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, f := range frags {
		if _, err := s.Put(ctx, kg.DocRecord{Key: f.Doc, Title: f.Doc}, f); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// small is a report with a chapter, an outcome section under it, four
// recommendations and what they link to:
//
//	r1 ADDRESSES A
//	r2 ADDRESSES B          (B SUBTYPE_OF A)
//	r3 ADDRESSES A, INVOKES X, NAMES_ACTOR TUR
//	r4 CONCERNS T, NAMES_ACTOR TUR, ADDRESSED_TO HTI   (in the chapter itself)
func small() kg.Fragment {
	const doc = "D/1"
	f := kg.Fragment{Doc: doc}
	node := func(id kg.ID, label string, props map[string]string) {
		f.Nodes = append(f.Nodes, kg.Node{ID: id, Kind: id.Kind(), Label: label, Props: props})
	}
	ev := func(ref string) []kg.Evidence { return []kg.Evidence{{Doc: doc, Ref: ref}} }
	edge := func(from kg.ID, k kg.EdgeKind, to kg.ID, ref string) {
		f.Edges = append(f.Edges, kg.Edge{From: from, Kind: k, To: to, Evidence: ev(ref)})
	}
	docID := kg.NewID(kg.KindDocument, doc)
	s1, s2 := kg.PartID(kg.KindSection, doc, "I"), kg.PartID(kg.KindSection, doc, "I.outcome")
	node(docID, "Report D/1", map[string]string{kg.PropSymbol: doc})
	node(s1, "Chapter one", map[string]string{kg.PropDocument: doc})
	node(s2, "Outcome of deliberations", map[string]string{kg.PropDocument: doc})
	node("crimetype:A", "Crime A", map[string]string{kg.PropICCS: "A"})
	node("crimetype:B", "Crime B", nil)
	node("instrument:X", "Instrument X", nil)
	node("theme:T", "Theme T", nil)
	node("state:TUR", "Türkiye", map[string]string{kg.PropISO3: "TUR"})
	node("state:HTI", "Haiti", map[string]string{kg.PropISO3: "HTI"})
	edge(docID, kg.EdgeContains, s1, "1")
	edge(s1, kg.EdgeContains, s2, "1")
	edge("crimetype:B", kg.EdgeSubtypeOf, "crimetype:A", "1")
	for i, sec := range []kg.ID{s2, s2, s2, s1} {
		ref := fmt.Sprintf("%d", i+1)
		pid, rid := kg.PartID(kg.KindParagraph, doc, ref), kg.PartID(kg.KindRecommendation, doc, ref)
		node(pid, "para "+ref, map[string]string{kg.PropDocument: doc, kg.PropRef: ref, kg.PropText: "text " + ref})
		// Forms: 1 and 2 are recommendations, 3 an operative paragraph, 4
		// states none (stored before forms existed: a recommendation).
		form := map[int]string{0: kg.FormRecommendation, 1: kg.FormRecommendation, 2: kg.FormOperative}[i]
		node(rid, "rec "+ref, map[string]string{kg.PropDocument: doc, kg.PropRef: ref, kg.PropSection: string(sec), kg.PropText: "text " + ref, kg.PropForm: form})
		edge(pid, kg.EdgeTextOf, rid, ref)
		edge(sec, kg.EdgeContains, rid, ref)
	}
	r := func(n int) kg.ID { return kg.PartID(kg.KindRecommendation, doc, fmt.Sprint(n)) }
	edge(r(1), kg.EdgeAddresses, "crimetype:A", "1")
	edge(r(2), kg.EdgeAddresses, "crimetype:B", "2")
	edge(r(3), kg.EdgeAddresses, "crimetype:A", "3")
	edge(r(3), kg.EdgeInvokes, "instrument:X", "3")
	edge(r(3), kg.EdgeNamesActor, "state:TUR", "3")
	edge(r(4), kg.EdgeConcerns, "theme:T", "4")
	edge(r(4), kg.EdgeNamesActor, "state:TUR", "4")
	edge(r(4), kg.EdgeAddressedTo, "state:HTI", "4")
	edge(kg.PartID(kg.KindParagraph, doc, "1"), kg.EdgeMentions, "state:TUR", "1")
	return f
}

func recs(ns ...int) []kg.ID {
	var out []kg.ID
	for _, n := range ns {
		out = append(out, kg.PartID(kg.KindRecommendation, "D/1", fmt.Sprint(n)))
	}
	return out
}

// fakeText matches recommendations whose ID ends with the text.
type fakeText struct{}

func (fakeText) MatchIDs(_ context.Context, text string, kind kg.Kind, max int) ([]kg.ID, error) {
	return []kg.ID{kg.PartID(kind, "D/1", text)}, nil
}

func TestRecommendationFilters(t *testing.T) {
	x := explore.New(openStore(t, small()), explore.Options{Text: fakeText{}})
	tests := []struct {
		name string
		f    explore.Filter
		want []kg.ID
	}{
		{"everything", explore.Filter{}, recs(1, 2, 3, 4)},
		{"crime type with subtypes", explore.Filter{CrimeType: "Crime A"}, recs(1, 2, 3)},
		{"crime type by code", explore.Filter{CrimeType: "A"}, recs(1, 2, 3)},
		{"subtype only", explore.Filter{CrimeType: "crimetype:B"}, recs(2)},
		{"instrument", explore.Filter{Instrument: "Instrument X"}, recs(3)},
		{"theme", explore.Filter{Theme: "theme t"}, recs(4)},
		{"actor by alias-free name, accents folded", explore.Filter{Actor: "Turkiye"}, recs(3, 4)},
		{"actor by code", explore.Filter{Actor: "TUR"}, recs(3, 4)},
		{"addressee", explore.Filter{Addressee: "HTI"}, recs(4)},
		{"section and its sub-sections", explore.Filter{Section: "Chapter one"}, recs(1, 2, 3, 4)},
		{"sub-section only", explore.Filter{Section: "Outcome of deliberations"}, recs(1, 2, 3)},
		{"document by symbol", explore.Filter{Document: "D/1"}, recs(1, 2, 3, 4)},
		{"conjunction", explore.Filter{CrimeType: "A", Actor: "TUR"}, recs(3)},
		{"text", explore.Filter{Text: "2"}, recs(2)},
		{"text and instrument", explore.Filter{Text: "2", Instrument: "Instrument X"}, nil},
		{"blank fields are absent", explore.Filter{CrimeType: "  "}, recs(1, 2, 3, 4)},
		{"form operative", explore.Filter{Form: kg.FormOperative}, recs(3)},
		{"form recommendation, also when unstated", explore.Filter{Form: kg.FormRecommendation}, recs(1, 2, 4)},
		{"form call", explore.Filter{Form: kg.FormCall}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := x.MatchRecommendations(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestUnknownFilterNamesAreErrors(t *testing.T) {
	x := explore.New(openStore(t, small()), explore.Options{})
	for _, f := range []explore.Filter{
		{CrimeType: "Atlantis"}, {Instrument: "Crime A"}, {Theme: "nope"}, {Actor: "Crime A"},
		{Section: "nope"}, {Document: "S/1999/1"}, {Addressee: "Narnia"},
	} {
		_, err := x.MatchRecommendations(ctx, f)
		if kg.ErrorCode(err) != kg.CodeNotFound || !strings.Contains(err.Error(), "unknown") {
			t.Errorf("%+v: got %v, want a NOT_FOUND that says the name is unknown", f, err)
		}
	}
	if _, err := x.MatchRecommendations(ctx, explore.Filter{Form: "wish"}); kg.ErrorCode(err) != kg.CodeInvalid {
		t.Errorf("unknown form: %v, want INVALID", err)
	}
	if _, err := x.MatchRecommendations(ctx, explore.Filter{Text: "x"}); kg.ErrorCode(err) != kg.CodeUnavailable {
		t.Errorf("text filter without an index: %v, want UNAVAILABLE", err)
	}
}

func TestRecommendationPaging(t *testing.T) {
	s := testcorpus.Shared(t)
	x := explore.New(s, explore.Options{})
	all, err := x.MatchRecommendations(ctx, explore.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := s.Stats(ctx)
	if len(all) != st.Nodes[kg.KindRecommendation] || len(all) == 0 {
		t.Fatalf("%d recommendations, the store has %d", len(all), st.Nodes[kg.KindRecommendation])
	}
	var paged []kg.ID
	after := ""
	for i := 0; ; i++ {
		p, err := x.Recommendations(ctx, explore.Filter{}, after, 7)
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != len(all) {
			t.Errorf("Total = %d, want %d", p.Total, len(all))
		}
		for _, n := range p.Nodes {
			paged = append(paged, n.ID)
		}
		if !p.HasNext {
			break
		}
		after = p.Cursors[len(p.Cursors)-1]
		if i > 100 {
			t.Fatal("paging does not end")
		}
	}
	if d := cmp.Diff(all, paged); d != "" {
		t.Errorf("paged (-all +paged):\n%s", d)
	}
	// Paragraph order within a document: 24(a) … 24(l), then 37(a).
	var refs []string
	for _, id := range all {
		if strings.HasPrefix(id.Key(), testcorpus.DocKey(t, s, testcorpus.SanJose)+"#") {
			_, ref, _ := strings.Cut(id.Key(), "#")
			refs = append(refs, ref)
		}
	}
	if !sort.SliceIsSorted(refs, func(i, j int) bool { return kg.CompareRefs(refs[i], refs[j]) < 0 }) {
		t.Errorf("recommendations are not in paragraph order: %v", refs)
	}
	if _, err := x.Recommendations(ctx, explore.Filter{}, "garbage", 5); kg.ErrorCode(err) != kg.CodeInvalid {
		t.Errorf("bad cursor: %v", err)
	}
}

func TestCooccurrence(t *testing.T) {
	x := explore.New(openStore(t, small()), explore.Options{})
	m, err := x.Cooccurrence(ctx, kg.KindCrimeType, kg.KindState, explore.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var rows, cols []string
	for _, n := range m.Rows {
		rows = append(rows, string(n.ID))
	}
	for _, n := range m.Cols {
		cols = append(cols, string(n.ID))
	}
	// Only A shares a recommendation (r3) with an actor; B's r2 names
	// none, so B has no non-empty cell and is not a row. Only TUR is named
	// as an actor (HTI is an addressee, not an actor).
	if d := cmp.Diff([]string{"crimetype:A"}, rows); d != "" {
		t.Errorf("rows (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"state:TUR"}, cols); d != "" {
		t.Errorf("columns (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]int{2}, m.RowTotals); d != "" { // r1 and r3
		t.Errorf("row totals (-want +got):\n%s", d)
	}
	want := []explore.Cell{{Row: 0, Col: 0, IDs: recs(3)}}
	if d := cmp.Diff(want, m.Cells); d != "" {
		t.Errorf("cells (-want +got):\n%s", d)
	}
	if d := cmp.Diff([][]int{{1}}, m.Counts()); d != "" {
		t.Errorf("counts (-want +got):\n%s", d)
	}
	if m.Recommendations != 4 {
		t.Errorf("Recommendations = %d, want 4", m.Recommendations)
	}

	// Same kind on both axes: the diagonal counts each entity's links.
	m, err = x.Cooccurrence(ctx, kg.KindSection, kg.KindSection, explore.Filter{Actor: "TUR"})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Cells) != 2 || m.Cells[0].Row != m.Cells[0].Col || m.Recommendations != 2 {
		t.Errorf("section × section over TUR's recommendations = %+v", m)
	}
	for _, k := range []kg.Kind{kg.KindParagraph, kg.KindPerson, "Planet"} {
		if _, err := x.Cooccurrence(ctx, k, kg.KindTheme, explore.Filter{}); kg.ErrorCode(err) != kg.CodeInvalid {
			t.Errorf("rows %s: %v, want BAD_USER_INPUT", k, err)
		}
	}
	tiny := explore.New(openStore(t, small()), explore.Options{Limits: explore.Limits{MaxCells: 1}})
	if _, err := tiny.Cooccurrence(ctx, kg.KindCrimeType, kg.KindSection, explore.Filter{}); kg.ErrorCode(err) != kg.CodeTooLarge {
		t.Errorf("over MaxCells: %v, want TOO_LARGE", err)
	}
}

// TestCooccurrenceOnTheCorpus checks the matrix against the filter: every
// cell's recommendations are exactly those the filter gives for its pair.
func TestCooccurrenceOnTheCorpus(t *testing.T) {
	s := testcorpus.Shared(t)
	x := explore.New(s, explore.Options{})
	m, err := x.Cooccurrence(ctx, kg.KindCrimeType, kg.KindSection, explore.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Cells) == 0 {
		t.Fatal("empty matrix")
	}
	for _, c := range m.Cells {
		got, err := x.MatchRecommendations(ctx, explore.Filter{CrimeType: string(m.Rows[c.Row].ID), Section: string(m.Cols[c.Col].ID)})
		if err != nil {
			t.Fatal(err)
		}
		// The filter also matches subtypes and sub-sections; the matrix
		// counts direct links: the cell is a subset.
		in := map[kg.ID]bool{}
		for _, id := range got {
			in[id] = true
		}
		for _, id := range c.IDs {
			if !in[id] {
				t.Errorf("cell (%s, %s) holds %s, which the filter does not select", m.Rows[c.Row].ID, m.Cols[c.Col].ID, id)
			}
		}
	}
}

func TestNeighbourhood(t *testing.T) {
	x := explore.New(openStore(t, small()), explore.Options{})
	ids := func(r explore.Result) []string {
		var out []string
		for _, n := range r.Nodes {
			out = append(out, string(n.ID))
		}
		return out
	}
	res, err := x.Neighbourhood(ctx, "state:TUR", explore.NeighbourhoodQuery{})
	if err != nil {
		t.Fatal(err)
	}
	// Depth 1 without MENTIONS: the two recommendations naming TUR.
	want := []string{"recommendation:D/1#3", "recommendation:D/1#4", "state:TUR"}
	if d := cmp.Diff(want, ids(res)); d != "" || res.Truncated {
		t.Errorf("default neighbourhood (-want +got):\n%s (truncated %v)", d, res.Truncated)
	}
	if res.Title != "Türkiye: neighbourhood, depth 1" || len(res.Focus) != 1 {
		t.Errorf("title %q focus %v", res.Title, res.Focus)
	}
	res, _ = x.Neighbourhood(ctx, "state:TUR", explore.NeighbourhoodQuery{EdgeKinds: []kg.EdgeKind{kg.EdgeMentions}})
	if d := cmp.Diff([]string{"paragraph:D/1#1", "state:TUR"}, ids(res)); d != "" {
		t.Errorf("MENTIONS only (-want +got):\n%s", d)
	}
	// Depth 2 reaches what the recommendations link to, and every edge
	// among the nodes found is present, both ends inside.
	res, _ = x.Neighbourhood(ctx, "state:TUR", explore.NeighbourhoodQuery{Depth: 2})
	in := map[kg.ID]bool{}
	for _, n := range res.Nodes {
		in[n.ID] = true
	}
	for _, id := range []kg.ID{"crimetype:A", "instrument:X", "theme:T", "state:HTI", "paragraph:D/1#3"} {
		if !in[id] {
			t.Errorf("depth 2 misses %s", id)
		}
	}
	for _, e := range res.Edges {
		if !in[e.From] || !in[e.To] || e.Kind == kg.EdgeMentions {
			t.Errorf("edge %s dangles or was not asked for", e.Key())
		}
	}
	// Node kinds keep only those kinds, and traversal stops at others.
	res, _ = x.Neighbourhood(ctx, "state:TUR", explore.NeighbourhoodQuery{Depth: 2, NodeKinds: []kg.Kind{kg.KindRecommendation}})
	if d := cmp.Diff([]string{"recommendation:D/1#3", "recommendation:D/1#4", "state:TUR"}, ids(res)); d != "" {
		t.Errorf("node kinds (-want +got):\n%s", d)
	}
	// The limit truncates, and says so.
	res, _ = x.Neighbourhood(ctx, "state:TUR", explore.NeighbourhoodQuery{Depth: 2, Limit: 2})
	if len(res.Nodes) != 2 || !res.Truncated {
		t.Errorf("limit 2: %d nodes, truncated %v", len(res.Nodes), res.Truncated)
	}
	for _, tc := range []struct {
		id   kg.ID
		q    explore.NeighbourhoodQuery
		code kg.Code
	}{
		{"state:XXX", explore.NeighbourhoodQuery{}, kg.CodeNotFound},
		{"nonsense", explore.NeighbourhoodQuery{}, kg.CodeInvalid},
		{"state:TUR", explore.NeighbourhoodQuery{Depth: 4}, kg.CodeTooLarge},
		{"state:TUR", explore.NeighbourhoodQuery{Limit: 5000}, kg.CodeTooLarge},
		{"state:TUR", explore.NeighbourhoodQuery{Depth: -1}, kg.CodeInvalid},
		{"state:TUR", explore.NeighbourhoodQuery{EdgeKinds: []kg.EdgeKind{"LOVES"}}, kg.CodeInvalid},
		{"state:TUR", explore.NeighbourhoodQuery{NodeKinds: []kg.Kind{"Planet"}}, kg.CodeInvalid},
	} {
		if _, err := x.Neighbourhood(ctx, tc.id, tc.q); kg.ErrorCode(err) != tc.code {
			t.Errorf("Neighbourhood(%s, %+v) = %v, want %s", tc.id, tc.q, err, tc.code)
		}
	}
}

func TestPaths(t *testing.T) {
	x := explore.New(openStore(t, small()), explore.Options{})
	res, err := x.Paths(ctx, "instrument:X", "theme:T", explore.PathQuery{})
	if err != nil {
		t.Fatal(err)
	}
	// X ← r3 → TUR ← r4 → T, and nothing shorter.
	if res.Length() != 4 || len(res.Paths) != 1 {
		t.Fatalf("paths X–T: length %d, %d paths", res.Length(), len(res.Paths))
	}
	want := []kg.ID{"instrument:X", "recommendation:D/1#3", "state:TUR", "recommendation:D/1#4", "theme:T"}
	if d := cmp.Diff(want, res.Paths[0].Nodes); d != "" {
		t.Errorf("path (-want +got):\n%s", d)
	}
	if len(res.Subgraph.Nodes) != 5 || len(res.Subgraph.Edges) != 4 || len(res.Subgraph.Focus) != 2 {
		t.Errorf("subgraph %d nodes %d edges", len(res.Subgraph.Nodes), len(res.Subgraph.Edges))
	}
	res, _ = x.Paths(ctx, "instrument:X", "theme:T", explore.PathQuery{MaxLength: 3})
	if len(res.Paths) != 0 || res.Length() != -1 {
		t.Errorf("maxLength 3 found %v", res.Paths)
	}
	res, _ = x.Paths(ctx, "state:TUR", "state:TUR", explore.PathQuery{})
	if len(res.Paths) != 1 || res.Length() != 0 {
		t.Errorf("path to itself: %+v", res.Paths)
	}
	for _, tc := range []struct {
		from, to kg.ID
		q        explore.PathQuery
		code     kg.Code
	}{
		{"state:TUR", "state:XXX", explore.PathQuery{}, kg.CodeNotFound},
		{"bad", "state:TUR", explore.PathQuery{}, kg.CodeInvalid},
		{"state:TUR", "theme:T", explore.PathQuery{MaxLength: 7}, kg.CodeTooLarge},
		{"state:TUR", "theme:T", explore.PathQuery{EdgeKinds: []kg.EdgeKind{"NOPE"}}, kg.CodeInvalid},
	} {
		if _, err := x.Paths(ctx, tc.from, tc.to, tc.q); kg.ErrorCode(err) != tc.code {
			t.Errorf("Paths(%s, %s, %+v) = %v, want %s", tc.from, tc.to, tc.q, err, tc.code)
		}
	}
	tiny := explore.New(openStore(t, small()), explore.Options{Limits: explore.Limits{MaxVisited: 3}})
	if _, err := tiny.Paths(ctx, "instrument:X", "theme:T", explore.PathQuery{}); kg.ErrorCode(err) != kg.CodeTooLarge {
		t.Errorf("over MaxVisited: %v, want TOO_LARGE", err)
	}
}

// TestPathsMatchBFS compares the bidirectional search with a plain
// breadth-first count of shortest paths on random graphs: same length,
// same number of paths (each distinct edge sequence counts once).
func TestPathsMatchBFS(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for trial := 0; trial < 40; trial++ {
		n := 6 + rng.Intn(10)
		f := kg.Fragment{Doc: "R/1"}
		f.Nodes = append(f.Nodes, kg.Node{ID: "paragraph:R/1#1", Kind: kg.KindParagraph, Label: "p", Props: map[string]string{kg.PropRef: "1"}})
		id := func(i int) kg.ID { return kg.NewID(kg.KindTheme, fmt.Sprint(i)) }
		for i := 0; i < n; i++ {
			f.Nodes = append(f.Nodes, kg.Node{ID: id(i), Kind: kg.KindTheme, Label: fmt.Sprint(i)})
		}
		adj := map[int][]int{}
		kinds := []kg.EdgeKind{kg.EdgeMentions, kg.EdgeCites}
		seen := map[string]bool{}
		for e := 0; e < n*2; e++ {
			a, b := rng.Intn(n), rng.Intn(n)
			k := kinds[rng.Intn(2)]
			key := fmt.Sprint(a, k, b)
			if a == b || seen[key] {
				continue
			}
			seen[key] = true
			f.Edges = append(f.Edges, kg.Edge{From: id(a), Kind: k, To: id(b), Evidence: []kg.Evidence{{Doc: "R/1", Ref: "1"}}})
			adj[a] = append(adj[a], b) // one entry per edge: parallel edges are distinct paths
			adj[b] = append(adj[b], a)
		}
		x := explore.New(openStore(t, f), explore.Options{Limits: explore.Limits{MaxPaths: 1000}})
		from, to := rng.Intn(n), rng.Intn(n)
		if from == to {
			continue
		}
		// Plain BFS counting shortest paths.
		dist, count := map[int]int{from: 0}, map[int]int{from: 1}
		queue := []int{from}
		for len(queue) > 0 {
			u := queue[0]
			queue = queue[1:]
			for _, v := range adj[u] {
				if _, ok := dist[v]; !ok {
					dist[v] = dist[u] + 1
					queue = append(queue, v)
				}
				if dist[v] == dist[u]+1 {
					count[v] += count[u]
				}
			}
		}
		res, err := x.Paths(ctx, id(from), id(to), explore.PathQuery{MaxLength: 6})
		if err != nil {
			t.Fatal(err)
		}
		d, ok := dist[to]
		if !ok || d > 6 {
			if len(res.Paths) != 0 {
				t.Errorf("trial %d: found %d paths where BFS finds none within 6", trial, len(res.Paths))
			}
			continue
		}
		if res.Length() != d || len(res.Paths) != count[to] {
			t.Errorf("trial %d %d→%d: length %d paths %d, BFS says %d and %d", trial, from, to, res.Length(), len(res.Paths), d, count[to])
		}
		for _, p := range res.Paths {
			if p.Nodes[0] != id(from) || p.Nodes[len(p.Nodes)-1] != id(to) || len(p.Nodes) != len(p.Edges)+1 {
				t.Errorf("trial %d: malformed path %v", trial, p.Nodes)
			}
			for i, e := range p.Edges {
				a, b := p.Nodes[i], p.Nodes[i+1]
				if !(e.From == a && e.To == b || e.From == b && e.To == a) {
					t.Errorf("trial %d: edge %s does not join %s and %s", trial, e.Key(), a, b)
				}
			}
		}
	}
}
