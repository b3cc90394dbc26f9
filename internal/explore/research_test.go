package explore_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/crimegraph/crimegraph/graph/testcorpus"
	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/store"
)

var research struct {
	once sync.Once
	s    *store.Store
	err  error
}

// researchStore is the embedded corpus plus the two quarterly reports on
// Kosovo Force operations (internal/extract/testdata/series), ingested
// through the real pipeline once per test binary. Never write to it.
func researchStore(t *testing.T) *store.Store {
	t.Helper()
	research.once.Do(func() {
		s, err := store.Open(store.Options{InMemory: true})
		if err != nil {
			research.err = err
			return
		}
		research.s = s
		if _, research.err = testcorpus.Load(ctx, s); research.err != nil {
			return
		}
		research.err = testcorpus.IngestFiles(ctx, s, testcorpus.KFORReports...)
	})
	if research.err != nil {
		t.Fatalf("ingesting the research corpus: %v", research.err)
	}
	return research.s
}

func TestDocFamily(t *testing.T) {
	cases := []struct {
		symbol, title, family, want string
	}{
		{"S/RES/2692(2023)", "", "", "resolution"},
		{"A/C.3/79/L.12", "", "", "draft"},
		{"S/PV.9876", "", "", "record"},
		{"E/CN.15/2025/INF/1", "", "", "information"},
		{"S/2025/395", "Letter dated 16 June 2025 from the Secretary-General", "", "letter"},
		{"S/2025/85", "Report of the United Nations Office on Drugs and Crime", "", "report"},
		{"S/2025/85", "Letter dated 4 February 2025", "report", "report"}, // the stored family wins
		{"X/1", "Something", "", "other"},
	}
	for _, c := range cases {
		n := kg.Node{ID: kg.NewID(kg.KindDocument, c.symbol), Props: map[string]string{kg.PropSymbol: c.symbol, kg.PropTitle: c.title}}
		if c.family != "" {
			n.Props[kg.PropFamily] = c.family
		}
		if got := explore.DocFamily(n); got != c.want {
			t.Errorf("DocFamily(%q, %q) = %q, want %q", c.symbol, c.title, got, c.want)
		}
	}
}

func TestDocumentsBrowser(t *testing.T) {
	x := explore.New(researchStore(t), explore.Options{})
	all, err := x.Documents(ctx, explore.DocFilter{}, "", "", 100)
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := researchStore(t).Documents(ctx)
	if all.Total != len(recs) || len(all.Items) != len(recs) {
		t.Fatalf("total %d, items %d, want every one of the %d ingested documents", all.Total, len(all.Items), len(recs))
	}
	for i := 1; i < len(all.Items); i++ {
		a, b := all.Items[i-1].Node.Prop(kg.PropDate), all.Items[i].Node.Prop(kg.PropDate)
		if b != "" && a < b {
			t.Errorf("not newest first: %s (%s) before %s (%s)", all.Items[i-1].Node.ID, a, all.Items[i].Node.ID, b)
		}
	}
	if got := all.Items[0].Node.ID; got != "document:S/2025/525" {
		t.Errorf("newest document %s, want S/2025/525 (19 August 2025)", got)
	}
	// Facets count what each value would give.
	sum := 0
	for _, f := range all.Facets.Bodies {
		sum += f.Count
	}
	if sum != all.Total {
		t.Errorf("body facets sum to %d, want %d", sum, all.Total)
	}
	var sc int
	for _, f := range all.Facets.Bodies {
		if f.Value == "Security Council" {
			sc = f.Count
		}
	}
	if sc != 3 {
		t.Errorf("Security Council facet %d, want 3 (S/2025/85, /395, /525): %+v", sc, all.Facets.Bodies)
	}
	// Filters: body and words, then paging through the result.
	got, err := x.Documents(ctx, explore.DocFilter{Body: "Security Council", Month: "2025-06"}, "", "", 100)
	if err != nil || got.Total != 1 || got.Items[0].Node.ID != "document:S/2025/395" {
		t.Errorf("June 2025 in the Security Council: %+v, %v", got.Items, err)
	}
	oldest, err := x.Documents(ctx, explore.DocFilter{}, explore.DocOldest, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(oldest.Items); i++ {
		a, b := oldest.Items[i-1].Node.Prop(kg.PropDate), oldest.Items[i].Node.Prop(kg.PropDate)
		if a == "" && b != "" || a != "" && b != "" && a > b {
			t.Errorf("oldest first, undated last: %q before %q", a, b)
		}
	}
	p1, err := x.Documents(ctx, explore.DocFilter{}, explore.DocOldest, "", 2)
	if err != nil || len(p1.Items) != 2 || !p1.HasNext {
		t.Fatalf("first page %+v %v", p1, err)
	}
	p2, err := x.Documents(ctx, explore.DocFilter{}, explore.DocOldest, p1.Cursors[1], 100)
	if err != nil || p2.Total != all.Total || len(p1.Items)+len(p2.Items) != all.Total {
		t.Errorf("second page: %d items after 2 of %d, %v", len(p2.Items), all.Total, err)
	}
	for _, c := range []struct {
		text string
		want int
	}{
		{"S/2025/85", 1},         // the whole symbol, not S/2025/8 or a title with 85
		{"S/2025/8", 0},          // no such document: not a prefix of S/2025/85
		{"narcotic drugs", 1},    // E/2025/28
		{"narco", 1},             // a word's beginning
		{"arcotic", 0},           // not the inside of a word
		{"letter security", 3},   // every word, anywhere
		{"secretary-general", 3}, // folded as names are
	} {
		w, err := x.Documents(ctx, explore.DocFilter{Text: c.text}, "", "", 10)
		if err != nil || w.Total != c.want {
			t.Errorf("words %q: %d documents, want %d (%v)", c.text, w.Total, c.want, err)
		}
	}
	for _, bad := range []explore.DocFilter{{Family: "memo"}, {Year: "25"}, {Month: "2025"}} {
		if _, err := x.Documents(ctx, bad, "", "", 10); kg.ErrorCode(err) != kg.CodeInvalid {
			t.Errorf("%+v: error %v, want INVALID", bad, err)
		}
	}
}

func TestSeriesOfKosovoForceReports(t *testing.T) {
	x := explore.New(researchStore(t), explore.Options{})
	s, err := x.Series(ctx, "series:S/RES/1244(1999)")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Members) != 2 || s.Members[0].Doc.Node.ID != "document:S/2025/395" || s.Members[1].Doc.Node.ID != "document:S/2025/525" {
		t.Fatalf("members %+v, want S/2025/395 then S/2025/525", s.Members)
	}
	if len(s.Mandate) != 1 || s.Mandate[0].ID != "instrument:S/RES/1244(1999)" || len(s.Mandates[0].Evidence) != 2 {
		t.Errorf("mandate %+v %+v: want resolution 1244 (1999) cited to both reports", s.Mandate, s.Mandates)
	}
	if len(s.Members[0].New) != 0 {
		t.Errorf("the first member adds %d entities to nothing", len(s.Members[0].New))
	}
	// What the second adds is what only it names of the two.
	c, err := x.Compare(ctx, s.Members[0].Doc.Node.ID, s.Members[1].Doc.Node.ID)
	if err != nil {
		t.Fatal(err)
	}
	onlyB := map[kg.ID]bool{}
	for _, g := range c.Groups {
		for _, r := range g.OnlyB {
			onlyB[r.Entity.ID] = true
		}
	}
	for _, r := range s.Members[1].New {
		if !onlyB[r.Entity.ID] {
			t.Errorf("%s is new in S/2025/525 but the comparison does not have it only there", r.Entity.ID)
		}
	}
	if len(s.Members[1].New) != min(len(onlyB), 25) {
		t.Errorf("S/2025/525 adds %d entities; the comparison has %d only there", len(s.Members[1].New), len(onlyB))
	}
	list, err := x.SeriesList(ctx)
	if err != nil || len(list) < 2 || list[0].Value != "series:S/RES/1244(1999)" || list[0].Count != 2 {
		t.Errorf("series list %+v, %v", list, err)
	}
	f, err := x.Documents(ctx, explore.DocFilter{Series: "series:S/RES/2692(2023)"}, "", "", 10)
	if err != nil || f.Total != 1 || f.Items[0].Node.ID != "document:S/2025/85" {
		t.Errorf("documents of the Haiti series: %+v, %v", f.Items, err)
	}
}

func TestCompareKosovoForceReports(t *testing.T) {
	x := explore.New(researchStore(t), explore.Options{})
	c, err := x.Compare(ctx, "document:S/2025/395", "document:S/2025/525")
	if err != nil {
		t.Fatal(err)
	}
	var shared, only int
	for _, g := range c.Groups {
		shared += len(g.Shared)
		only += len(g.OnlyA) + len(g.OnlyB)
		for _, r := range g.Shared {
			if r.A == 0 || r.B == 0 || r.Entity.Kind != g.Kind {
				t.Errorf("shared row %+v in %s", r, g.Kind)
			}
		}
		for _, r := range g.OnlyA {
			if r.A == 0 || r.B != 0 {
				t.Errorf("only-A row %+v", r)
			}
		}
	}
	if shared == 0 {
		t.Error("two quarterly reports of one force share no entity")
	}
	if _, err := x.Compare(ctx, "document:S/2025/395", "state:HTI"); kg.ErrorCode(err) != kg.CodeInvalid {
		t.Errorf("comparing a document with a State: %v", err)
	}
}

func TestTimeline(t *testing.T) {
	x := explore.New(researchStore(t), explore.Options{})
	tl, err := x.Timeline(ctx, "state:HTI", explore.ByMonth, explore.DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if tl.Mentions == 0 || len(tl.Buckets) == 0 {
		t.Fatalf("Haiti has no mentions on the timeline: %+v", tl)
	}
	sum := 0
	for i, b := range tl.Buckets {
		sum += b.Mentions
		if i > 0 && b.Period <= tl.Buckets[i-1].Period {
			t.Errorf("periods out of order: %s after %s", b.Period, tl.Buckets[i-1].Period)
		}
		if b.Mentions+b.Calls == 0 {
			continue
		}
		src, err := x.TimelineSources(ctx, "state:HTI", explore.ByMonth, b.Period, explore.DocFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(src) != b.Mentions+b.Calls {
			t.Errorf("%s: %d sources behind %d mentions and %d calls", b.Period, len(src), b.Mentions, b.Calls)
		}
		for _, s := range src {
			if !strings.HasPrefix(s.Date, b.Period) {
				t.Errorf("%s: source %s dated %s", b.Period, s.ID, s.Date)
			}
		}
	}
	if sum != tl.Mentions {
		t.Errorf("bucket mentions sum to %d, total %d", sum, tl.Mentions)
	}
	y, err := x.Timeline(ctx, "state:HTI", explore.ByYear, explore.DocFilter{})
	if err != nil || y.Mentions != tl.Mentions || y.Calls != tl.Calls {
		t.Errorf("by year %d/%d, by month %d/%d, %v", y.Mentions, y.Calls, tl.Mentions, tl.Calls, err)
	}
	sc, err := x.Timeline(ctx, "state:HTI", explore.ByQuarter, explore.DocFilter{Body: "Security Council"})
	if err != nil || sc.Mentions == 0 || sc.Mentions > tl.Mentions {
		t.Errorf("Security Council only: %d of %d, %v", sc.Mentions, tl.Mentions, err)
	}
	if _, err := x.Timeline(ctx, "state:HTI", "WEEK", explore.DocFilter{}); kg.ErrorCode(err) != kg.CodeInvalid {
		t.Errorf("by WEEK: %v", err)
	}
}

func TestSimilarCalls(t *testing.T) {
	s := researchStore(t)
	x := explore.New(s, explore.Options{})
	page, err := x.Recommendations(ctx, explore.Filter{}, "", 1000)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, n := range page.Nodes {
		sim, err := x.SimilarCalls(ctx, n.ID, 5)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range sim {
			if c.Call.ID.DocKey() == n.ID.DocKey() {
				t.Errorf("%s: similar call %s in the same document", n.ID, c.Call.ID)
			}
			if i > 0 && c.Score > sim[i-1].Score {
				t.Errorf("%s: not ranked", n.ID)
			}
			if c.Score <= 0 || len(c.SharedWords) == 0 && len(c.SharedEntities) == 0 {
				t.Errorf("%s → %s: score %v without a reason", n.ID, c.Call.ID, c.Score)
			}
			if len(c.SharedLabels) != len(c.SharedEntities) {
				t.Errorf("%s → %s: %d shared entities, %d labels", n.ID, c.Call.ID, len(c.SharedEntities), len(c.SharedLabels))
			}
		}
		found += len(sim)
	}
	if found == 0 {
		t.Error("no call of the corpus has a similar call in another document")
	}
	if _, err := x.SimilarCalls(ctx, "state:HTI", 5); kg.ErrorCode(err) != kg.CodeInvalid {
		t.Errorf("similar calls of a State: %v", err)
	}
}

// The labelled pairs between the San José report and S/2025/85 resolve to
// calls of the embedded corpus, and every resolved pair is ranked or said
// not to be.
func TestEvaluateSimilarOnTheCorpus(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "similar-calls.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pairs, err := explore.ReadLabelledPairs(f)
	if err != nil {
		t.Fatal(err)
	}
	x := explore.New(researchStore(t), explore.Options{})
	key := testcorpus.DocKey(t, researchStore(t), "lac-regional-preparatory-meeting-2025.md")
	rep, err := x.EvaluateSimilar(ctx, pairs, 5, map[string]string{"lac-rpm-2025": key})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pairs != len(pairs) || rep.Resolved == 0 || rep.EchoesResolved == 0 {
		t.Fatalf("%d pairs, %d resolved (%d echoes): the San José and S/2025/85 pairs should resolve", rep.Pairs, rep.Resolved, rep.EchoesResolved)
	}
	atK := 0
	for _, o := range rep.Outcomes {
		if o.Resolved && o.Rank > 0 && o.Rank <= 5 {
			atK++
		}
		if !o.Resolved && o.Why == "" {
			t.Errorf("%s unresolved without a reason", o.Pair.ID)
		}
	}
	if atK != rep.EchoesAtK+rep.NotsAtK {
		t.Errorf("%d pairs in the top 5, report says %d + %d", atK, rep.EchoesAtK, rep.NotsAtK)
	}
	t.Logf("on the embedded corpus: recall@5 %.3f, precision@5 %.3f over %d resolved pairs", rep.RecallAtK(), rep.PrecisionAtK(), rep.Resolved)
}

func TestCrosstab(t *testing.T) {
	x := explore.New(researchStore(t), explore.Options{})
	// On two kinds it is the co-occurrence matrix.
	m, err := x.Cooccurrence(ctx, kg.KindCrimeType, kg.KindDocument, explore.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := x.Crosstab(ctx, "CrimeType", "Document", explore.Filter{}, 500, 500)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.RowHeads) != len(m.Rows) || len(c.Cells) != len(m.Cells) {
		t.Fatalf("crosstab %d rows %d cells, cooccurrence %d rows %d cells", len(c.RowHeads), len(c.Cells), len(m.Rows), len(m.Cells))
	}
	for i, h := range c.RowHeads {
		if h.Key != string(m.Rows[i].ID) || h.Total != m.RowTotals[i] {
			t.Errorf("row %d: %s %d, cooccurrence %s %d", i, h.Key, h.Total, m.Rows[i].ID, m.RowTotals[i])
		}
	}
	// By body and family: each recommendation has one of each (a document
	// without a body has "Unknown body"), so the totals sum to the count.
	b, err := x.Crosstab(ctx, "Body", "Family", explore.Filter{}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0
	for i, h := range b.RowHeads {
		sum += h.Total
		if i > 0 && h.Total > b.RowHeads[i-1].Total {
			t.Errorf("bodies not heaviest first: %+v", b.RowHeads)
		}
	}
	if sum != b.Recommendations {
		t.Errorf("body totals sum to %d of %d recommendations", sum, b.Recommendations)
	}
	// The cut keeps the heaviest and says how many there were.
	cut, err := x.Crosstab(ctx, "CrimeType", "Section", explore.Filter{}, 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(cut.RowHeads) != 2 || len(cut.ColHeads) > 3 || cut.RowsTotal <= 2 || cut.RowHeads[0].Key != c.RowHeads[0].Key {
		t.Errorf("cut to 2 × 3: %d × %d of %d × %d", len(cut.RowHeads), len(cut.ColHeads), cut.RowsTotal, cut.ColsTotal)
	}
	for _, cell := range cut.Cells {
		if cell.Row >= 2 || cell.Col >= 3 {
			t.Errorf("cell %+v outside the cut", cell)
		}
	}
	if _, err := x.Crosstab(ctx, "Weather", "Year", explore.Filter{}, 0, 0); kg.ErrorCode(err) != kg.CodeInvalid {
		t.Errorf("unknown axis: %v", err)
	}
}

// A member's new calls are those no call of an earlier member resembles:
// a call repeated word for word in a later member is not new.
func TestSeriesNewCalls(t *testing.T) {
	x := explore.New(researchStore(t), explore.Options{})
	s, err := x.Series(ctx, "series:S/RES/2692(2023)")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Members) != 1 || len(s.Members[0].NewCalls) != 0 || s.Members[0].Calls == 0 {
		t.Errorf("the first member of the Haiti series: %d calls, %d new (the first adds to nothing)", s.Members[0].Calls, len(s.Members[0].NewCalls))
	}
}

// The San José report's recommendations and UNODC's on Haiti overlap:
// some are matched, one to one, and every call of each is either matched
// or listed as unmatched.
func TestCompareMatchesCallsOneToOne(t *testing.T) {
	s := researchStore(t)
	x := explore.New(s, explore.Options{})
	sj := kg.NewID(kg.KindDocument, testcorpus.DocKey(t, s, "lac-regional-preparatory-meeting-2025.md"))
	c, err := x.Compare(ctx, sj, "document:S/2025/85")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Pairs) == 0 {
		t.Fatal("no call of the San José report matched to one of S/2025/85")
	}
	seenA, seenB := map[kg.ID]bool{}, map[kg.ID]bool{}
	for i, p := range c.Pairs {
		if seenA[p.A] || seenB[p.B] {
			t.Errorf("pair %d (%s, %s) reuses a call", i, p.A, p.B)
		}
		seenA[p.A], seenB[p.B] = true, true
		if i > 0 && p.Match.Score > c.Pairs[i-1].Match.Score {
			t.Errorf("pairs not best first")
		}
		if p.A.DocKey() != sj.Key() || p.B.DocKey() != "S/2025/85" {
			t.Errorf("pair %s, %s from the wrong documents", p.A, p.B)
		}
	}
	recs, _ := x.Recommendations(ctx, explore.Filter{Document: "S/2025/85"}, "", 1000)
	if got := len(c.Pairs) + len(c.UnmatchedB); got != recs.Total {
		t.Errorf("S/2025/85: %d matched + %d unmatched, %d calls", len(c.Pairs), len(c.UnmatchedB), recs.Total)
	}
}
