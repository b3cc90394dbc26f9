package extract_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// TestSanJoseFacts checks the San José report's facts that a reader can
// verify by hand in the report itself.
func TestSanJoseFacts(t *testing.T) {
	r := sanJose(t)
	f := r.Fragment
	nodes := map[kg.ID]kg.Node{}
	for _, n := range f.Nodes {
		nodes[n.ID] = n
	}
	edgesOf := func(k kg.EdgeKind) []kg.Edge {
		var out []kg.Edge
		for _, e := range f.Edges {
			if e.Kind == k {
				out = append(out, e)
			}
		}
		return out
	}

	t.Run("recommendations per outcome block", func(t *testing.T) {
		per := map[string]int{}
		for _, n := range f.Nodes {
			if n.Kind == kg.KindRecommendation {
				per[strings.SplitN(n.Prop(kg.PropRef), "(", 2)[0]]++
			}
		}
		want := map[string]int{"24": 12, "37": 15, "49": 19, "66": 12, "76": 8}
		if d := cmp.Diff(want, per); d != "" {
			t.Errorf("recommendations per paragraph (-want +got):\n%s", d)
		}
		if r.Recommendations != 66 {
			t.Errorf("Recommendations = %d, want 66", r.Recommendations)
		}
	})

	t.Run("attendance", func(t *testing.T) {
		roles := map[string][]string{}
		for _, e := range edgesOf(kg.EdgeAttended) {
			if e.From.Kind() == kg.KindState {
				roles[e.Props[kg.PropRole]] = append(roles[e.Props[kg.PropRole]], e.From.Key())
			}
		}
		sort.Strings(roles["observer"])
		if len(roles["member"]) != 27 {
			t.Errorf("%d States attended as members, want 27: %v", len(roles["member"]), roles["member"])
		}
		if d := cmp.Diff([]string{"ARE", "LUX", "RUS", "VNM"}, roles["observer"]); d != "" {
			t.Errorf("observer States (-want +got):\n%s", d)
		}
		for _, iso := range []string{"TUR", "NLD", "DOM", "GBR", "USA", "KNA"} {
			found := false
			for _, m := range roles["member"] {
				found = found || m == iso
			}
			if !found {
				t.Errorf("%s missing among the members", iso)
			}
		}
	})

	t.Run("statements under agenda items", func(t *testing.T) {
		spoke := map[string][]string{} // agenda item → ISO3
		for _, e := range edgesOf(kg.EdgeStatement) {
			if e.From.Kind() != kg.KindState || e.Props[kg.PropRole] == "observer" {
				continue
			}
			sec := nodes[e.To]
			spoke[sec.Label[:strings.IndexByte(sec.Label, '.')]] = append(spoke[sec.Label[:strings.IndexByte(sec.Label, '.')]], e.From.Key())
		}
		for k := range spoke {
			sort.Strings(spoke[k])
		}
		// Paragraph 25: statements under agenda item 3 / workshop 1.
		want1 := []string{"ARG", "BRA", "CAN", "CHL", "COL", "CRI", "GTM", "GUY", "KNA", "MEX", "NLD", "PER", "URY"}
		if d := cmp.Diff(want1, spoke["1"]); d != "" {
			t.Errorf("States speaking under agenda item 3 (-want +got):\n%s", d)
		}
		// Paragraph 50, which a page break splits after "Ecuador,".
		want3 := []string{"BRA", "CAN", "CHL", "COL", "CRI", "DOM", "ECU", "FRA", "GTM", "GUY", "MEX", "NLD", "PER", "TTO", "URY"}
		if d := cmp.Diff(want3, spoke["3"]); d != "" {
			t.Errorf("States speaking under agenda item 5 (-want +got):\n%s", d)
		}
	})

	t.Run("officers", func(t *testing.T) {
		got := map[string]string{}
		for _, e := range edgesOf(kg.EdgeHeldOffice) {
			got[e.Props[kg.PropRole]] = nodes[e.From].Label
		}
		want := map[string]string{"Chair": "Gerald Campos Valverde", "Vice-Chair": "Erin Leslie McKey", "Rapporteur": "Rodrigo Bertoglio Cardoso"}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("officers (-want +got):\n%s", d)
		}
		reps := map[string]string{}
		for _, e := range edgesOf(kg.EdgeRepresents) {
			reps[nodes[e.From].Label] = e.To.Key()
		}
		if d := cmp.Diff(map[string]string{"Gerald Campos Valverde": "CRI", "Erin Leslie McKey": "CAN", "Rodrigo Bertoglio Cardoso": "BRA"}, reps); d != "" {
			t.Errorf("officers' States (-want +got):\n%s", d)
		}
	})

	t.Run("recommendation links", func(t *testing.T) {
		has := func(from kg.ID, k kg.EdgeKind, to kg.ID) bool {
			for _, e := range f.Edges {
				if e.From == from && e.Kind == k && e.To == to {
					return true
				}
			}
			return false
		}
		rec := func(ref string) kg.ID { return kg.PartID(kg.KindRecommendation, f.Doc, ref) }
		tests := []struct {
			from kg.ID
			kind kg.EdgeKind
			to   kg.ID
		}{
			{rec("24(h)"), kg.EdgeAddresses, "crimetype:0204"},
			{rec("24(e)"), kg.EdgeAddresses, "crimetype:09012"},
			{rec("24(c)"), kg.EdgeInvokes, "instrument:untoc"},
			{rec("24(k)"), kg.EdgeInvokes, "instrument:cybercrime-convention"},
			{rec("49(q)"), kg.EdgeInvokes, "instrument:legal-aid-principles"},
			{rec("49(g)"), kg.EdgeConcerns, "theme:gender"},
		}
		for _, tc := range tests {
			if !has(tc.from, tc.kind, tc.to) {
				t.Errorf("missing %s -%s-> %s", tc.from, tc.kind, tc.to)
			}
		}
		// Precision: 49(g) names gender-based violence, not an environmental crime.
		for _, e := range f.Edges {
			if e.From == rec("49(g)") && e.Kind == kg.EdgeAddresses && strings.HasPrefix(e.To.Key(), "10") {
				t.Errorf("49(g) tagged with environmental crime %s", e.To)
			}
		}
	})

	t.Run("every evidence points at a paragraph of the document", func(t *testing.T) {
		for _, e := range f.Edges {
			for _, ev := range e.Evidence {
				if ev.Ref == "" {
					continue
				}
				p, ok := nodes[ev.ParagraphID()]
				if !ok {
					t.Errorf("%s: evidence %s names no paragraph", e.Key(), ev.Citation())
					continue
				}
				if ev.End > len(p.Prop(kg.PropText)) || ev.Start > ev.End {
					t.Errorf("%s: span %d-%d outside paragraph %s", e.Key(), ev.Start, ev.End, ev.Ref)
				}
			}
		}
	})
}
