package explore_test

import (
	"testing"

	"github.com/crimegraph/crimegraph/graph/testcorpus"
	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/store"
)

// revisionStore ingests S/2025/71 and its revision S/2025/71/Rev.1 (the
// same Monitoring Team report, reissued) in the given order through the
// real pipeline into a Badger store on disk.
func revisionStore(t *testing.T, names ...string) *store.Store {
	t.Helper()
	s, err := store.Open(store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	paths := make([]string, len(names))
	for i, name := range names {
		paths[i] = "internal/explore/testdata/revisions/" + name
	}
	if err := testcorpus.IngestFiles(ctx, s, paths...); err != nil {
		t.Fatal(err)
	}
	return s
}

// A revision stands for its original in every list and count, whichever
// was ingested first; the original stays readable when asked for.
func TestRevisionSupersedesOriginal(t *testing.T) {
	const orig, rev = "S/2025/71", "S/2025/71/Rev.1"
	for _, order := range [][]string{
		{"S-2025-71.pdf", "S-2025-71-Rev.1.pdf"},
		{"S-2025-71-Rev.1.pdf", "S-2025-71.pdf"},
	} {
		t.Run(order[0]+" first", func(t *testing.T) {
			s := revisionStore(t, order...)
			x := explore.New(s, explore.Options{})
			total := func(f explore.Filter) int {
				t.Helper()
				p, err := x.Recommendations(ctx, f, "", 1)
				if err != nil {
					t.Fatal(err)
				}
				return p.Total
			}
			nRev, nOrig := total(explore.Filter{Document: rev}), total(explore.Filter{Document: orig})
			if nRev == 0 || nOrig == 0 {
				t.Fatalf("calls: %s has %d, %s has %d; want both > 0", rev, nRev, orig, nOrig)
			}
			if got := total(explore.Filter{}); got != nRev {
				t.Errorf("all calls = %d, want the revision's %d only (the original's %d are superseded)", got, nRev, nOrig)
			}
			if got := total(explore.Filter{WithSuperseded: true}); got != nRev+nOrig {
				t.Errorf("all calls with superseded = %d, want %d", got, nRev+nOrig)
			}
			if got := total(explore.Filter{Document: orig, WithSuperseded: true}); got != nOrig {
				t.Errorf("original's calls with superseded = %d, want %d", got, nOrig)
			}

			ids, err := x.MatchRecommendations(ctx, explore.Filter{Document: rev})
			if err != nil {
				t.Fatal(err)
			}
			sim, err := x.SimilarCalls(ctx, ids[0], 10)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range sim {
				if c.Call.ID.DocKey() == orig {
					t.Errorf("similar calls of %s hold %s of the superseded original", ids[0], c.Call.ID)
				}
			}

			out, err := s.Edges(ctx, ids[0], kg.EdgeQuery{Dir: kg.Out, Kinds: []kg.EdgeKind{kg.EdgeAddresses, kg.EdgeInvokes, kg.EdgeConcerns, kg.EdgeNamesActor, kg.EdgeAddressedTo}})
			if err != nil || len(out.Edges) == 0 {
				t.Fatalf("%s links to nothing (%v)", ids[0], err)
			}
			docsBehind := func(f explore.DocFilter) int {
				t.Helper()
				tl, err := x.Timeline(ctx, out.Edges[0].To, explore.ByYear, f)
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, b := range tl.Buckets {
					n += b.Documents
				}
				return n
			}
			if got := docsBehind(explore.DocFilter{}); got != 1 {
				t.Errorf("timeline of %s: %d documents behind it, want 1 (the revision)", out.Edges[0].To, got)
			}
			if got := docsBehind(explore.DocFilter{WithSuperseded: true}); got != 2 {
				t.Errorf("timeline of %s with superseded: %d documents, want 2", out.Edges[0].To, got)
			}

			ct, err := x.Crosstab(ctx, explore.AxisYear, explore.AxisFamily, explore.Filter{}, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			if ct.Recommendations != nRev {
				t.Errorf("crosstab counts %d calls, want %d", ct.Recommendations, nRev)
			}
			for _, c := range ct.Cells {
				for _, id := range c.IDs {
					if id.DocKey() != rev {
						t.Errorf("crosstab cell %v holds %s of %s", c, id, id.DocKey())
					}
				}
			}
			ct, err = x.Crosstab(ctx, explore.AxisYear, explore.AxisFamily, explore.Filter{WithSuperseded: true}, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			if ct.Recommendations != nRev+nOrig {
				t.Errorf("crosstab with superseded counts %d calls, want %d", ct.Recommendations, nRev+nOrig)
			}

			l, err := x.Documents(ctx, explore.DocFilter{}, explore.DocNewest, "", 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Items) != 1 || l.Items[0].Node.ID.Key() != rev {
				var got []string
				for _, it := range l.Items {
					got = append(got, it.Node.ID.Key())
				}
				t.Errorf("documents = %v, want only %s", got, rev)
			}
			l, err = x.Documents(ctx, explore.DocFilter{WithSuperseded: true}, explore.DocNewest, "", 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Items) != 2 {
				t.Errorf("documents with superseded = %d, want 2", len(l.Items))
			}

			n, err := s.Node(ctx, kg.NewID(kg.KindDocument, orig))
			if err != nil {
				t.Fatalf("the original is not readable by ID: %v", err)
			}
			if n.Prop(kg.PropTitle) == "" {
				t.Errorf("the original %s has lost its title: %+v", orig, n.Props)
			}
		})
	}
}
