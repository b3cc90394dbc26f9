package search_test

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/crimegraph/crimegraph/graph/testcorpus"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/search"
	"github.com/crimegraph/crimegraph/internal/store"
	"github.com/crimegraph/crimegraph/internal/store/storetest"
)

var ctx = context.Background()

// open returns a store holding the corpus and an on-disk index of it.
// Tests that only read share one store and one index; a test that writes
// gets its own of both, in a temporary folder.
func open(t testing.TB, writes bool) (*store.Store, *search.Index, string) {
	t.Helper()
	if !writes {
		return testcorpus.Shared(t), testcorpus.SharedIndex(t), ""
	}
	// A small store of its own: a base document naming Türkiye.
	s, err := store.Open(store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	put(t, s, "BASE/1", 3)
	dir := filepath.Join(t.TempDir(), "search")
	x, err := search.Open(ctx, dir, s)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return s, x, dir
}

// put writes storetest's document key of paras paragraphs into s.
func put(t testing.TB, s *store.Store, key string, paras int) kg.Change {
	t.Helper()
	rec, frag := storetest.Doc(key, paras)
	ch, err := s.Put(ctx, rec, frag)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

// syncTo syncs x with the change ch of s.
func syncTo(t testing.TB, x *search.Index, s *store.Store, ch kg.Change) {
	t.Helper()
	if err := x.Sync(ctx, s, ch); err != nil {
		t.Fatal(err)
	}
}

func ids(r search.Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, string(h.ID))
	}
	return out
}

func TestSearchRanking(t *testing.T) {
	s, x, _ := open(t, false)
	sj := testcorpus.DocKey(t, s, testcorpus.SanJose)
	tests := []struct {
		query string
		kinds []kg.Kind
		first string // the expected best hit
	}{
		{"trafficking in persons", nil, "crimetype:0204"},
		{"human trafficking", nil, "crimetype:0204"},
		{"Turkiye", nil, "state:TUR"},            // accent folded
		{"TÜRKIYE", nil, "state:TUR"},            // case folded
		{"TUR", nil, "state:TUR"},                // ISO code
		{"0204", nil, "crimetype:0204"},          // ICCS code
		{"S/2025/85", nil, "document:S/2025/85"}, // symbol
		{"Bangkok Rules", nil, "instrument:bangkok-rules"},
		{"cybercrme", []kg.Kind{kg.KindCrimeType}, "crimetype:cybercrime"}, // a typo
		{"joint task forces trafficking", []kg.Kind{kg.KindRecommendation}, "recommendation:" + sj + "#66(k)"},
	}
	for _, tc := range tests {
		res, err := x.Search(ctx, search.Query{Text: tc.query, Kinds: tc.kinds, First: 5})
		if err != nil {
			t.Fatalf("Search(%q): %v", tc.query, err)
		}
		if len(res.Hits) == 0 || string(res.Hits[0].ID) != tc.first {
			t.Errorf("Search(%q) = %v, want %s first", tc.query, ids(res), tc.first)
		}
	}
}

func TestSearchKindsAndSnippets(t *testing.T) {
	_, x, _ := open(t, false)
	res, err := x.Search(ctx, search.Query{Text: "trafficked persons", Kinds: []kg.Kind{kg.KindParagraph}, First: 3})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 {
		t.Fatal("no paragraph mentions trafficking in persons")
	}
	for _, h := range res.Hits {
		if h.ID.Kind() != kg.KindParagraph {
			t.Errorf("kind filter let %s through", h.ID)
		}
		if len(h.Snippets) == 0 {
			t.Fatalf("hit %s has no snippet", h.ID)
		}
		sn := h.Snippets[0]
		if sn.Field != "text" || !strings.Contains(sn.HTML, "<mark>") {
			t.Errorf("snippet %+v: want a marked text fragment", sn)
		}
		var plain strings.Builder
		matched := false
		for _, p := range sn.Parts {
			plain.WriteString(p.Text)
			matched = matched || p.Match && strings.EqualFold(p.Text[:5], "traff") || p.Match && strings.HasPrefix(strings.ToLower(p.Text), "person")
		}
		if !matched || strings.Contains(plain.String(), "<") {
			t.Errorf("parts %+v: want plain text with the stemmed match marked", sn.Parts)
		}
	}
}

func TestSearchPaging(t *testing.T) {
	_, x, _ := open(t, false)
	all, err := x.Search(ctx, search.Query{Text: "cooperation", First: 100})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total < 10 {
		t.Fatalf("only %d hits for cooperation", all.Total)
	}
	var paged []string
	after := ""
	for i := 0; ; i++ {
		p, err := x.Search(ctx, search.Query{Text: "cooperation", First: 7, After: after})
		if err != nil {
			t.Fatal(err)
		}
		paged = append(paged, ids(p)...)
		if !p.HasNext {
			break
		}
		after = p.Hits[len(p.Hits)-1].Cursor
		if i > 50 {
			t.Fatal("paging does not end")
		}
	}
	if d := cmp.Diff(ids(all), paged); d != "" {
		t.Errorf("paged hits differ from one page (-one +paged):\n%s", d)
	}
}

func TestSearchRefusesBadInput(t *testing.T) {
	_, x, _ := open(t, false)
	tests := []struct {
		q    search.Query
		code kg.Code
	}{
		{search.Query{Text: "  "}, kg.CodeInvalid},
		{search.Query{Text: strings.Repeat("a", search.MaxQueryLen+1)}, kg.CodeTooLarge},
		{search.Query{Text: strings.Repeat("a ", search.MaxQueryTerms+1)}, kg.CodeTooLarge},
		{search.Query{Text: "x", First: search.MaxFirst + 1}, kg.CodeInvalid},
		{search.Query{Text: "x", After: "!!"}, kg.CodeInvalid},
		{search.Query{Text: "x", Kinds: []kg.Kind{"Planet"}}, kg.CodeInvalid},
		{search.Query{Text: "x", First: 10, After: "bzk5OQ"}, kg.CodeTooLarge}, // offset 999
	}
	for _, tc := range tests {
		_, err := x.Search(ctx, tc.q)
		if kg.ErrorCode(err) != tc.code {
			t.Errorf("Search(%+v) = %v, want %s", tc.q, err, tc.code)
		}
	}
	// Query syntax is text, not syntax: no wildcard expansion, no error.
	for _, q := range []string{"*trafficking", "traff*", "/.*/", "label:Türkiye", "+a -b"} {
		if _, err := x.Search(ctx, search.Query{Text: q}); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
}

func TestMatchIDs(t *testing.T) {
	s, x, _ := open(t, false)
	got, err := x.MatchIDs(ctx, "joint task forces", kg.KindRecommendation, 100)
	if err != nil {
		t.Fatal(err)
	}
	want := []kg.ID{kg.ID("recommendation:" + testcorpus.DocKey(t, s, testcorpus.SanJose) + "#66(k)")}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("MatchIDs (-want +got):\n%s", d)
	}
	if _, err := x.MatchIDs(ctx, "strengthen", kg.KindRecommendation, 2); kg.ErrorCode(err) != kg.CodeTooLarge {
		t.Errorf("too many matches: %v, want TOO_LARGE", err)
	}
}

// TestSyncFollowsTheStore checks that Sync indexes what a write added and
// forgets what it removed, and records the version.
func TestSyncFollowsTheStore(t *testing.T) {
	s, x, _ := open(t, true)
	syncTo(t, x, s, put(t, s, "A/TEST/1", 2))
	if x.Version() != s.Version() {
		t.Errorf("index at version %d, store at %d", x.Version(), s.Version())
	}
	res, _ := x.Search(ctx, search.Query{Text: "A/TEST/1"})
	if len(res.Hits) == 0 || res.Hits[0].ID != "document:A/TEST/1" {
		t.Errorf("new document not found: %v", ids(res))
	}
	ch, err := s.Remove(ctx, "A/TEST/1")
	if err != nil {
		t.Fatal(err)
	}
	syncTo(t, x, s, ch)
	res, _ = x.Search(ctx, search.Query{Text: "A/TEST/1"})
	for _, h := range res.Hits {
		if h.ID == "document:A/TEST/1" || h.ID.DocKey() == "A/TEST/1" {
			t.Errorf("removed node %s still found", h.ID)
		}
	}
	// Türkiye is shared with the fixture and must survive the removal.
	res, _ = x.Search(ctx, search.Query{Text: "Türkiye"})
	if len(res.Hits) == 0 || res.Hits[0].ID != "state:TUR" {
		t.Errorf("shared node lost: %v", ids(res))
	}
	// An old change is ignored.
	if err := x.Sync(ctx, s, kg.Change{Version: 1, Touched: []kg.ID{"state:TUR"}}); err != nil || x.Version() != s.Version() {
		t.Errorf("old change: err %v, version %d", err, x.Version())
	}
}

// TestSyncGapRebuilds: a lost Sync (a change skipping versions) rebuilds.
func TestSyncGapRebuilds(t *testing.T) {
	s, x, _ := open(t, true)
	put(t, s, "X/1", 1) // never synced
	syncTo(t, x, s, put(t, s, "X/2", 1))
	for _, sym := range []string{"X/1", "X/2"} {
		res, _ := x.Search(ctx, search.Query{Text: sym})
		if len(res.Hits) == 0 || res.Hits[0].ID != kg.NewID(kg.KindDocument, sym) {
			t.Errorf("%s not indexed after a gap: %v", sym, ids(res))
		}
	}
}

// TestOpenRecovers: reopening an index that missed a write (the process
// died between the store commit and the Sync) rebuilds it; reopening a
// current one does not; a damaged one is rebuilt.
func TestOpenRecovers(t *testing.T) {
	s, x, dir := open(t, true)
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	put(t, s, "A/TEST/1", 1)
	x, err := search.Open(ctx, dir, s)
	if err != nil {
		t.Fatal(err)
	}
	if x.Version() != s.Version() {
		t.Errorf("reopened at version %d, store at %d", x.Version(), s.Version())
	}
	res, _ := x.Search(ctx, search.Query{Text: "A/TEST/1"})
	if len(res.Hits) == 0 {
		t.Error("missed write not recovered on open")
	}
	x.Close()

	// Damage: the index metadata is gone.
	if err := os.Remove(filepath.Join(dir, "index_meta.json")); err != nil {
		t.Fatal(err)
	}
	x, err = search.Open(ctx, dir, s)
	if err != nil {
		t.Fatalf("damaged index not rebuilt: %v", err)
	}
	defer x.Close()
	res, _ = x.Search(ctx, search.Query{Text: "Türkiye"})
	if len(res.Hits) == 0 {
		t.Error("rebuilt index is empty")
	}
}

func TestOpenMem(t *testing.T) {
	s := testcorpus.Shared(t)
	x, err := search.OpenMem(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	res, err := x.Search(ctx, search.Query{Text: "smuggling of migrants"})
	if err != nil || len(res.Hits) == 0 || res.Hits[0].ID != "crimetype:08051" {
		t.Errorf("in-memory search: %v %v", ids(res), err)
	}
}

// parts returns the document's own nodes of a storetest fragment: what
// ingest stages.
func parts(f kg.Fragment) []kg.Node {
	var out []kg.Node
	for _, n := range f.Nodes {
		if n.ID.DocKey() == f.Doc {
			out = append(out, n)
		}
	}
	return out
}

func found(t *testing.T, x *search.Index, text string, id kg.ID) bool {
	t.Helper()
	res, err := x.Search(ctx, search.Query{Text: text, First: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if h.ID == id {
			return true
		}
	}
	return false
}

// TestStageCommit: staged parts are indexed before the write; the commit
// indexes the rest, puts right what the store wrote otherwise than staged,
// and records the version, so that a reopened index is not rebuilt.
func TestStageCommit(t *testing.T) {
	s, x, dir := open(t, true)
	rec, frag := storetest.Doc("S/1", 2)
	staged := parts(frag)
	// The store will hold another text for paragraph 2 than the one staged.
	p2 := kg.PartID(kg.KindParagraph, "S/1", "2")
	for i, n := range staged {
		if n.ID == p2 {
			n.Props = map[string]string{kg.PropText: "zeppelin"}
			staged[i] = n
		}
	}
	st, err := x.Stage(ctx, staged)
	if err != nil {
		t.Fatal(err)
	}
	if !found(t, x, "zeppelin", p2) {
		t.Error("staged paragraph not searchable before the write")
	}
	// An entity the store does not have yet, staged once extraction found it.
	hnd := kg.Node{ID: "state:HND", Kind: kg.KindState, Label: "Honduras"}
	frag.Nodes = append(frag.Nodes, hnd)
	if err := st.Add(ctx, []kg.Node{hnd}); err != nil || !found(t, x, "Honduras", hnd.ID) {
		t.Errorf("added node not searchable before the write (%v)", err)
	}
	ch, err := s.Put(ctx, rec, frag)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(ctx, s, ch); err != nil {
		t.Fatal(err)
	}
	if found(t, x, "zeppelin", p2) || !found(t, x, "trafficking", p2) {
		t.Error("commit did not index what the store holds for a node staged otherwise")
	}
	if !found(t, x, "S/1", "document:S/1") || !found(t, x, "Turkiye", "state:TUR") {
		t.Error("committed document or shared entity not found")
	}
	if err := st.Commit(ctx, s, ch); err != nil || x.Version() != s.Version() {
		t.Errorf("second commit: %v, index at %d, store at %d", err, x.Version(), s.Version())
	}
	if err := st.Add(ctx, []kg.Node{hnd}); kg.ErrorCode(err) != kg.CodeInvalid {
		t.Errorf("Add after Commit: %v, want INVALID", err)
	}
	if !found(t, x, "Honduras", hnd.ID) {
		t.Error("committed entity not found")
	}
	x.Close()
	x, err = search.Open(ctx, dir, s)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if x.Version() != s.Version() || !found(t, x, "trafficking", p2) {
		t.Errorf("reopened at version %d, store at %d", x.Version(), s.Version())
	}
}

// TestStageAbort: a write that fails after staging leaves the index as
// the store is.
func TestStageAbort(t *testing.T) {
	s, x, _ := open(t, true)
	_, frag := storetest.Doc("S/2", 1)
	st, err := x.Stage(ctx, parts(frag))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Add(ctx, []kg.Node{{ID: "state:HND", Kind: kg.KindState, Label: "Honduras"}}); err != nil {
		t.Fatal(err)
	}
	v := x.Version()
	if err := st.Abort(ctx, s); err != nil {
		t.Fatal(err)
	}
	if found(t, x, "S/2", "document:S/2") || found(t, x, "trafficking", kg.PartID(kg.KindParagraph, "S/2", "1")) ||
		found(t, x, "Honduras", "state:HND") {
		t.Error("aborted stage still searchable")
	}
	if x.Version() != v || v != s.Version() {
		t.Errorf("index at %d after abort, was %d, store at %d", x.Version(), v, s.Version())
	}
}

// TestStageCrash: an index closed with a stage open (the process died
// before the store committed) is rebuilt on open, without the staged
// nodes the store never got.
func TestStageCrash(t *testing.T) {
	s, x, dir := open(t, true)
	_, frag := storetest.Doc("S/3", 1)
	if _, err := x.Stage(ctx, parts(frag)); err != nil {
		t.Fatal(err)
	}
	x.Close()
	x, err := search.Open(ctx, dir, s)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if found(t, x, "S/3", "document:S/3") {
		t.Error("a node staged for a write that never happened survived the reopen")
	}
	if !found(t, x, "Turkiye", "state:TUR") || x.Version() != s.Version() {
		t.Errorf("rebuilt index: version %d, store %d", x.Version(), s.Version())
	}
}

// TestCloseFlushes: the last write before Close reaches the disk, so the
// next Open finds the index current and need not rebuild it.
func TestCloseFlushes(t *testing.T) {
	s, x, dir := open(t, true)
	syncTo(t, x, s, put(t, s, "S/4", 1))
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	idx, err := bleve.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	v, err := idx.GetInternal([]byte("crimegraph.version"))
	if err != nil || len(v) != 8 || binary.BigEndian.Uint64(v) != s.Version() {
		t.Errorf("version on disk %v (%v), store at %d", v, err, s.Version())
	}
}
