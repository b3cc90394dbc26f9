// Package storetest is the conformance suite every kg.Store implementation
// must pass. It runs named subtests against a fresh store per subtest.
package storetest

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Opener returns a fresh, empty store and closes it in t.Cleanup.
type Opener func(t *testing.T) kg.Store

// Doc builds the fragment of a small report in the shape ingestion writes:
// a document, paragraphs, a recommendation, and links to shared entities
// (Türkiye, trafficking in persons) that other documents also name.
func Doc(key string, paras int, extra ...kg.Edge) (kg.DocRecord, kg.Fragment) {
	docID := kg.NewID(kg.KindDocument, key)
	tur := kg.Node{ID: "state:TUR", Kind: kg.KindState, Label: "Türkiye",
		Aliases: []string{"Turkey", "Turquía"}, Props: map[string]string{kg.PropISO3: "TUR", kg.PropISO2: "TR"}}
	tip := kg.Node{ID: "crimetype:0204", Kind: kg.KindCrimeType, Label: "Trafficking in persons",
		Aliases: []string{"human trafficking"}, Props: map[string]string{kg.PropICCS: "0204"}}
	dom := kg.Node{ID: "state:DOM", Kind: kg.KindState, Label: "Dominican Republic",
		Props: map[string]string{kg.PropISO3: "DOM"}}
	f := kg.Fragment{Doc: key, Nodes: []kg.Node{
		{ID: docID, Kind: kg.KindDocument, Label: "Report " + key, Aliases: []string{key},
			Props: map[string]string{kg.PropSymbol: key}},
		tur, tip, dom,
	}}
	for i := 1; i <= paras; i++ {
		ref := fmt.Sprint(i)
		pid := kg.PartID(kg.KindParagraph, key, ref)
		f.Nodes = append(f.Nodes, kg.Node{ID: pid, Kind: kg.KindParagraph, Label: key + ", para. " + ref,
			Props: map[string]string{kg.PropRef: ref, kg.PropDocument: key, kg.PropText: "Text of paragraph " + ref + " on trafficking in persons in Türkiye."}})
		ev := []kg.Evidence{{Doc: key, Ref: ref}}
		f.Edges = append(f.Edges,
			kg.Edge{From: docID, Kind: kg.EdgeContains, To: pid, Evidence: ev},
			kg.Edge{From: pid, Kind: kg.EdgeMentions, To: tur.ID, Evidence: []kg.Evidence{{Doc: key, Ref: ref, Start: 44, End: 51}}},
			kg.Edge{From: pid, Kind: kg.EdgeMentions, To: tip.ID, Evidence: []kg.Evidence{{Doc: key, Ref: ref, Start: 21, End: 43}}},
		)
	}
	recID := kg.PartID(kg.KindRecommendation, key, "1")
	f.Nodes = append(f.Nodes, kg.Node{ID: recID, Kind: kg.KindRecommendation, Label: key + " rec. 1",
		Props: map[string]string{kg.PropRef: "1", kg.PropDocument: key, kg.PropText: "Strengthen action."}})
	f.Edges = append(f.Edges,
		kg.Edge{From: recID, Kind: kg.EdgeAddresses, To: tip.ID, Evidence: []kg.Evidence{{Doc: key, Ref: "1"}}},
		kg.Edge{From: "state:DOM", Kind: kg.EdgeAttended, To: docID, Props: map[string]string{kg.PropRole: "member"}, Evidence: []kg.Evidence{{Doc: key, Ref: "1"}}},
	)
	f.Edges = append(f.Edges, extra...)
	rec := kg.DocRecord{Key: key, Title: "Report " + key, Symbols: []string{key}, Source: key + ".md", Paragraphs: paras, Recommendations: 1}
	return rec, f
}

// Run runs the suite.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s kg.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"AliasLookup", testAliasLookup},
		{"Pagination", testPagination},
		{"EdgeDirections", testEdgeDirections},
		{"EdgePagination", testEdgePagination},
		{"SharedNodesMerge", testSharedNodesMerge},
		{"ReingestIsIdempotent", testReingest},
		{"ReplaceRemovesStale", testReplace},
		{"RemoveDocument", testRemove},
		{"BadFragmentChangesNothing", testBadFragment},
		{"Stats", testStats},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, open(t))
		})
	}
}

var ctx = context.Background()

func put(t *testing.T, s kg.Store, rec kg.DocRecord, f kg.Fragment) {
	t.Helper()
	if _, err := s.Put(ctx, rec, f); err != nil {
		t.Fatalf("Put(%s): %v", rec.Key, err)
	}
}

func testRoundTrip(t *testing.T, s kg.Store) {
	rec, f := Doc("S/2025/85", 3)
	ch, err := s.Put(ctx, rec, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Touched) != len(f.Nodes) {
		t.Errorf("first Put touched %d nodes, want all %d", len(ch.Touched), len(f.Nodes))
	}
	if ch, _ := s.Put(ctx, rec, f); len(ch.Touched) != 0 {
		t.Errorf("identical re-Put touched %v", ch.Touched)
	}
	n, err := s.Node(ctx, "state:TUR")
	if err != nil {
		t.Fatal(err)
	}
	want := kg.Node{ID: "state:TUR", Kind: kg.KindState, Label: "Türkiye",
		Aliases: []string{"Turkey", "Turquía"}, Props: map[string]string{kg.PropISO3: "TUR", kg.PropISO2: "TR"}}
	if d := cmp.Diff(want, n); d != "" {
		t.Errorf("Node (-want +got):\n%s", d)
	}
	if _, err := s.Node(ctx, "state:XXX"); kg.ErrorCode(err) != kg.CodeNotFound {
		t.Errorf("missing node: got %v, want NOT_FOUND", err)
	}
	got, err := s.Nodes(ctx, []kg.ID{"crimetype:0204", "state:NOPE", "state:TUR"})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Label != "Trafficking in persons" || got[1].ID != "" || got[2].ID != "state:TUR" {
		t.Errorf("Nodes = %+v", got)
	}
	d, err := s.Document(ctx, "S/2025/85")
	if err != nil {
		t.Fatal(err)
	}
	if d.Paragraphs != 3 || d.Nodes != len(f.Nodes) || d.IngestedAt.IsZero() {
		t.Errorf("Document = %+v", d)
	}
	if _, err := s.Document(ctx, "S/1999/1"); kg.ErrorCode(err) != kg.CodeNotFound {
		t.Errorf("missing document: %v", err)
	}
}

func ids(ns []kg.Node) []string {
	var out []string
	for _, n := range ns {
		out = append(out, string(n.ID))
	}
	sort.Strings(out)
	return out
}

func testAliasLookup(t *testing.T, s kg.Store) {
	rec, f := Doc("S/2025/85", 1)
	put(t, s, rec, f)
	tests := []struct {
		name string
		kind kg.Kind
		want []string
	}{
		{"Türkiye", "", []string{"state:TUR"}},
		{"Turkiye", "", []string{"state:TUR"}},
		{"TURKIYE", kg.KindState, []string{"state:TUR"}},
		{"turquia", "", []string{"state:TUR"}},
		{"TUR", "", []string{"state:TUR"}},
		{"TR", "", []string{"state:TUR"}}, // ISO alpha-2: every kg.NameProps value is a name
		{"the Dominican Republic", "", []string{"state:DOM"}},
		{"Dominican Republic", kg.KindState, []string{"state:DOM"}},
		{"0204", "", []string{"crimetype:0204"}},
		{"Human Trafficking", kg.KindCrimeType, []string{"crimetype:0204"}},
		{"human trafficking", kg.KindState, nil},
		{"state:TUR", "", []string{"state:TUR"}},
		{"S/2025/85", kg.KindDocument, []string{"document:S/2025/85"}},
		{"Atlantis", "", nil},
		{"", "", nil},
	}
	for _, tc := range tests {
		got, err := s.Lookup(ctx, tc.name, tc.kind)
		if err != nil {
			t.Fatalf("Lookup(%q): %v", tc.name, err)
		}
		if d := cmp.Diff(tc.want, ids(got)); d != "" {
			t.Errorf("Lookup(%q, %q) (-want +got):\n%s", tc.name, tc.kind, d)
		}
	}
}

func testPagination(t *testing.T, s kg.Store) {
	rec, f := Doc("E/2025/28", 25)
	put(t, s, rec, f)
	var all []string
	after := ""
	pages := 0
	for {
		p, err := s.List(ctx, kg.KindParagraph, after, 10)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if p.Total != 25 {
			t.Errorf("Total = %d, want 25", p.Total)
		}
		for _, n := range p.Nodes {
			all = append(all, n.Prop(kg.PropRef))
		}
		if !p.HasNext {
			break
		}
		after = p.EndCursor
		if pages > 10 {
			t.Fatal("pagination does not end")
		}
	}
	if pages != 3 || len(all) != 25 {
		t.Fatalf("pages=%d items=%d, want 3 pages of 25 items", pages, len(all))
	}
	for i, ref := range all { // natural order: 1, 2, ..., 10, not 1, 10, 11
		if ref != fmt.Sprint(i+1) {
			t.Fatalf("item %d has ref %s; order %v", i, ref, all)
		}
	}
	if _, err := s.List(ctx, kg.KindParagraph, "!!bad", 10); kg.ErrorCode(err) != kg.CodeInvalid {
		t.Errorf("bad cursor: %v", err)
	}
	if _, err := s.List(ctx, "Planet", "", 10); kg.ErrorCode(err) != kg.CodeInvalid {
		t.Errorf("bad kind: %v", err)
	}
}

func edgeKeys(es []kg.Edge) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Key())
	}
	return out
}

func testEdgeDirections(t *testing.T, s kg.Store) {
	rec, f := Doc("S/2025/85", 2)
	put(t, s, rec, f)
	out, err := s.Edges(ctx, "paragraph:S/2025/85#1", kg.EdgeQuery{Dir: kg.Out})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"paragraph:S/2025/85#1 -MENTIONS-> crimetype:0204",
		"paragraph:S/2025/85#1 -MENTIONS-> state:TUR",
	}
	if d := cmp.Diff(want, edgeKeys(out.Edges)); d != "" {
		t.Errorf("out edges (-want +got):\n%s", d)
	}
	in, err := s.Edges(ctx, "crimetype:0204", kg.EdgeQuery{Dir: kg.In, Kinds: []kg.EdgeKind{kg.EdgeMentions}})
	if err != nil {
		t.Fatal(err)
	}
	want = []string{
		"paragraph:S/2025/85#1 -MENTIONS-> crimetype:0204",
		"paragraph:S/2025/85#2 -MENTIONS-> crimetype:0204",
	}
	if d := cmp.Diff(want, edgeKeys(in.Edges)); d != "" {
		t.Errorf("in edges (-want +got):\n%s", d)
	}
	ev := in.Edges[0].Evidence
	if len(ev) != 1 || ev[0] != (kg.Evidence{Doc: "S/2025/85", Ref: "1", Start: 21, End: 43}) {
		t.Errorf("evidence = %+v", ev)
	}
	both, err := s.Edges(ctx, "crimetype:0204", kg.EdgeQuery{Dir: kg.In, Kinds: []kg.EdgeKind{kg.EdgeMentions, kg.EdgeAddresses}})
	if err != nil {
		t.Fatal(err)
	}
	if len(both.Edges) != 3 || both.Edges[0].Kind != kg.EdgeAddresses {
		t.Errorf("two kinds: %v", edgeKeys(both.Edges))
	}
	att, _ := s.Edges(ctx, "state:DOM", kg.EdgeQuery{Dir: kg.Out, Kinds: []kg.EdgeKind{kg.EdgeAttended}})
	if len(att.Edges) != 1 || att.Edges[0].Props[kg.PropRole] != "member" {
		t.Errorf("edge props lost: %+v", att.Edges)
	}
}

func testEdgePagination(t *testing.T, s kg.Store) {
	rec, f := Doc("A/80/10", 23)
	put(t, s, rec, f)
	var got []string
	after := ""
	for i := 0; i < 20; i++ {
		p, err := s.Edges(ctx, "state:TUR", kg.EdgeQuery{Dir: kg.In, After: after, First: 5})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, edgeKeys(p.Edges)...)
		if !p.HasNext {
			break
		}
		after = p.EndCursor
	}
	all, _ := s.Edges(ctx, "state:TUR", kg.EdgeQuery{Dir: kg.In})
	if len(got) != 23 || cmp.Diff(edgeKeys(all.Edges), got) != "" {
		t.Errorf("paged %d edges, want the same 23 as unpaged (%d)", len(got), len(all.Edges))
	}
}

func testSharedNodesMerge(t *testing.T, s kg.Store) {
	r1, f1 := Doc("S/2025/85", 1)
	r2, f2 := Doc("E/2025/28", 1)
	// The second document defines an acronym of its own for Türkiye.
	f2.Nodes[1].Aliases = append(f2.Nodes[1].Aliases, "Republic of Türkiye")
	put(t, s, r1, f1)
	put(t, s, r2, f2)
	n, _ := s.Node(ctx, "state:TUR")
	if d := cmp.Diff([]string{"Republic of Türkiye", "Turkey", "Turquía"}, n.Aliases); d != "" {
		t.Errorf("merged aliases (-want +got):\n%s", d)
	}
	in, _ := s.Edges(ctx, "crimetype:0204", kg.EdgeQuery{Dir: kg.In, Kinds: []kg.EdgeKind{kg.EdgeMentions}})
	if len(in.Edges) != 2 {
		t.Errorf("want one mention per document, got %v", edgeKeys(in.Edges))
	}
	// An edge stated by two documents carries both evidences.
	shared := kg.Edge{From: "state:DOM", Kind: kg.EdgeMentions, To: "crimetype:0204"}
	r3, f3 := Doc("X/1", 1, withEv(shared, "X/1", "1"))
	r4, f4 := Doc("X/2", 1, withEv(shared, "X/2", "1"))
	put(t, s, r3, f3)
	put(t, s, r4, f4)
	out, _ := s.Edges(ctx, "state:DOM", kg.EdgeQuery{Dir: kg.Out, Kinds: []kg.EdgeKind{kg.EdgeMentions}})
	if len(out.Edges) != 1 || len(out.Edges[0].Evidence) != 2 || out.Edges[0].Evidence[0].Doc != "X/1" || out.Edges[0].Evidence[1].Doc != "X/2" {
		t.Fatalf("shared edge = %+v", out.Edges)
	}
	if _, err := s.Remove(ctx, "X/1"); err != nil {
		t.Fatal(err)
	}
	out, _ = s.Edges(ctx, "state:DOM", kg.EdgeQuery{Dir: kg.Out, Kinds: []kg.EdgeKind{kg.EdgeMentions}})
	if len(out.Edges) != 1 || len(out.Edges[0].Evidence) != 1 || out.Edges[0].Evidence[0].Doc != "X/2" {
		t.Fatalf("after removing X/1, shared edge = %+v", out.Edges)
	}
	// Removing the document that added an alias removes the alias.
	if _, err := s.Remove(ctx, "E/2025/28"); err != nil {
		t.Fatal(err)
	}
	n, _ = s.Node(ctx, "state:TUR")
	if d := cmp.Diff([]string{"Turkey", "Turquía"}, n.Aliases); d != "" {
		t.Errorf("aliases after removal (-want +got):\n%s", d)
	}
	if got, _ := s.Lookup(ctx, "Republic of Turkiye", ""); len(got) != 0 {
		t.Errorf("alias of a removed document still resolves: %v", ids(got))
	}
}

func withEv(e kg.Edge, doc, ref string) kg.Edge {
	e.Evidence = []kg.Evidence{{Doc: doc, Ref: ref}}
	return e
}

func testReingest(t *testing.T, s kg.Store) {
	rec, f := Doc("S/2025/85", 4)
	put(t, s, rec, f)
	st1, _ := s.Stats(ctx)
	put(t, s, rec, f)
	st2, _ := s.Stats(ctx)
	if d := cmp.Diff(st1.Nodes, st2.Nodes); d != "" {
		t.Errorf("node counts changed on re-ingest:\n%s", d)
	}
	if d := cmp.Diff(st1.Edges, st2.Edges); d != "" {
		t.Errorf("edge counts changed on re-ingest:\n%s", d)
	}
	in, _ := s.Edges(ctx, "state:TUR", kg.EdgeQuery{Dir: kg.In})
	for _, e := range in.Edges {
		if len(e.Evidence) != 1 {
			t.Errorf("evidence duplicated on re-ingest: %+v", e)
		}
	}
}

func testReplace(t *testing.T, s kg.Store) {
	rec, f := Doc("S/2025/85", 5)
	put(t, s, rec, f)
	other, fo := Doc("E/2025/28", 1)
	put(t, s, other, fo)
	// The corrected version has 3 paragraphs and no longer names Türkiye.
	rec2, f2 := Doc("S/2025/85", 3)
	var nodes []kg.Node
	for _, n := range f2.Nodes {
		if n.ID != "state:TUR" {
			nodes = append(nodes, n)
		}
	}
	var edges []kg.Edge
	for _, e := range f2.Edges {
		if e.To != "state:TUR" {
			edges = append(edges, e)
		}
	}
	f2.Nodes, f2.Edges = nodes, edges
	put(t, s, rec2, f2)
	if _, err := s.Node(ctx, "paragraph:S/2025/85#4"); kg.ErrorCode(err) != kg.CodeNotFound {
		t.Errorf("stale paragraph 4 survived: %v", err)
	}
	in, _ := s.Edges(ctx, "state:TUR", kg.EdgeQuery{Dir: kg.In})
	if d := cmp.Diff([]string{"paragraph:E/2025/28#1 -MENTIONS-> state:TUR"}, edgeKeys(in.Edges)); d != "" {
		t.Errorf("stale edges (-want +got):\n%s", d)
	}
	// Türkiye stays: the other document still supports it.
	if _, err := s.Node(ctx, "state:TUR"); err != nil {
		t.Errorf("shared node lost: %v", err)
	}
	st, _ := s.Stats(ctx)
	if st.Nodes[kg.KindParagraph] != 4 {
		t.Errorf("paragraphs = %d, want 3 + 1", st.Nodes[kg.KindParagraph])
	}
}

func testRemove(t *testing.T, s kg.Store) {
	rec, f := Doc("S/2025/85", 3)
	put(t, s, rec, f)
	other, fo := Doc("E/2025/28", 2)
	put(t, s, other, fo)
	before, _ := s.Stats(ctx)
	if _, err := s.Remove(ctx, "S/2025/85"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Remove(ctx, "S/2025/85"); kg.ErrorCode(err) != kg.CodeNotFound {
		t.Errorf("second remove: %v", err)
	}
	st, _ := s.Stats(ctx)
	if st.Nodes[kg.KindState] != 2 || st.Nodes[kg.KindParagraph] != 2 || st.Nodes[kg.KindDocument] != 1 {
		t.Errorf("after remove: %v (before %v)", st.Nodes, before.Nodes)
	}
	if st.Version <= before.Version {
		t.Errorf("version did not advance: %d → %d", before.Version, st.Version)
	}
	if _, err := s.Remove(ctx, "E/2025/28"); err != nil {
		t.Fatal(err)
	}
	st, _ = s.Stats(ctx)
	if st.TotalNodes() != 0 || st.TotalEdges() != 0 {
		t.Errorf("empty store still counts %v %v", st.Nodes, st.Edges)
	}
	if got, _ := s.Lookup(ctx, "Türkiye", ""); len(got) != 0 {
		t.Errorf("orphan name index: %v", ids(got))
	}
	docs, _ := s.Documents(ctx)
	if len(docs) != 0 {
		t.Errorf("documents left: %v", docs)
	}
}

func testBadFragment(t *testing.T, s kg.Store) {
	rec, f := Doc("S/2025/85", 2)
	put(t, s, rec, f)
	before, _ := s.Stats(ctx)
	bad := []struct {
		name string
		mod  func(f *kg.Fragment)
	}{
		{"dangling edge", func(f *kg.Fragment) {
			f.Edges = append(f.Edges, kg.Edge{From: "state:TUR", Kind: kg.EdgeMentions, To: "state:NOWHERE"})
		}},
		{"malformed id", func(f *kg.Fragment) { f.Nodes = append(f.Nodes, kg.Node{ID: "nokind"}) }},
		{"unknown edge kind", func(f *kg.Fragment) {
			f.Edges = append(f.Edges, kg.Edge{From: "state:TUR", Kind: "LOVES", To: "state:DOM"})
		}},
		{"foreign evidence", func(f *kg.Fragment) {
			f.Edges = append(f.Edges, kg.Edge{From: "state:TUR", Kind: kg.EdgeMentions, To: "state:DOM", Evidence: []kg.Evidence{{Doc: "other", Ref: "1"}}})
		}},
	}
	for _, tc := range bad {
		r2, f2 := Doc("S/2025/85", 7)
		tc.mod(&f2)
		if _, err := s.Put(ctx, r2, f2); err == nil {
			t.Errorf("%s: Put accepted a bad fragment", tc.name)
		}
	}
	after, _ := s.Stats(ctx)
	if d := cmp.Diff(before, after); d != "" {
		t.Errorf("a refused Put changed the store (-before +after):\n%s", d)
	}
}

func testStats(t *testing.T, s kg.Store) {
	rec, f := Doc("S/2025/85", 2)
	put(t, s, rec, f)
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[kg.Kind]int{kg.KindDocument: 1, kg.KindState: 2, kg.KindCrimeType: 1, kg.KindParagraph: 2, kg.KindRecommendation: 1}
	for _, k := range kg.Kinds {
		if st.Nodes[k] != want[k] {
			t.Errorf("Nodes[%s] = %d, want %d", k, st.Nodes[k], want[k])
		}
	}
	if st.Edges[kg.EdgeMentions] != 4 || st.Edges[kg.EdgeContains] != 2 || st.Edges[kg.EdgeAddresses] != 1 {
		t.Errorf("Edges = %v", st.Edges)
	}
	if s.Version() != st.Version || st.Version == 0 {
		t.Errorf("Version() = %d, Stats.Version = %d", s.Version(), st.Version)
	}
}
