package explore

import (
	"context"
	"sort"
	"strconv"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// SeriesMember is one document of a series and what it adds to the
// members before it.
type SeriesMember struct {
	Doc      DocItem
	Order    int // the position the document gives itself ("the sixth report"), 0 when it gives none
	Evidence []kg.Evidence
	// New are the entities it names that no earlier member named, most
	// named first; Dropped those the member before it named and it does not.
	New, Dropped []CompareRow
	Calls        int // its calls to act
	// NewCalls are its calls to act that no call of an earlier member
	// resembles (similarity below the compare threshold): what it asks
	// for the first time in the series.
	NewCalls []kg.ID
}

// SeriesInfo is a series: its mandate and its members in date order.
type SeriesInfo struct {
	Series   kg.Node
	Mandates []kg.Edge // MANDATED_BY from the series, with evidence
	Mandate  []kg.Node // their targets
	Members  []SeriesMember
}

// maxAdds bounds the new and dropped entities listed per member.
const maxAdds = 25

// Series returns a series and its members, oldest first (by the order a
// document gives itself, then by date).
func (x *Explorer) Series(ctx context.Context, id kg.ID) (SeriesInfo, error) {
	if err := id.Validate(); err != nil {
		return SeriesInfo{}, err
	}
	if id.Kind() != kg.KindSeries {
		return SeriesInfo{}, kg.Errorf(kg.CodeInvalid, "%q is not a series ID (series:KEY)", string(id))
	}
	n, err := x.r.Node(ctx, id)
	if err != nil {
		return SeriesInfo{}, err
	}
	out := SeriesInfo{Series: n}
	mand, err := x.r.Edges(ctx, id, kg.EdgeQuery{Dir: kg.Out, Kinds: []kg.EdgeKind{kg.EdgeMandatedBy}})
	if err != nil {
		return SeriesInfo{}, err
	}
	out.Mandates = mand.Edges
	var mids []kg.ID
	for _, e := range mand.Edges {
		mids = append(mids, e.To)
	}
	if out.Mandate, err = x.r.Nodes(ctx, mids); err != nil {
		return SeriesInfo{}, err
	}
	in, err := x.r.Edges(ctx, id, kg.EdgeQuery{Dir: kg.In, Kinds: []kg.EdgeKind{kg.EdgeInSeries}})
	if err != nil {
		return SeriesInfo{}, err
	}
	idx, err := x.docs(ctx)
	if err != nil {
		return SeriesInfo{}, err
	}
	for _, e := range in.Edges {
		d, ok := idx.entry(e.From.Key())
		if !ok {
			continue
		}
		o, _ := strconv.Atoi(e.Props[kg.PropOrder])
		out.Members = append(out.Members, SeriesMember{
			Doc:   DocItem{Node: d.node, Record: d.rec, Family: d.family, Series: d.series, Superseded: d.superseded},
			Order: o, Evidence: e.Evidence})
	}
	sort.SliceStable(out.Members, func(i, j int) bool {
		a, b := out.Members[i], out.Members[j]
		if a.Order > 0 && b.Order > 0 && a.Order != b.Order {
			return a.Order < b.Order
		}
		da, db := a.Doc.Node.Prop(kg.PropDate), b.Doc.Node.Prop(kg.PropDate)
		if da != db {
			return da < db
		}
		return a.Doc.Node.ID < b.Doc.Node.ID
	})
	// What each member adds: the entities first named in it, and the
	// calls no earlier call resembles.
	sim, err := x.similarIndex(ctx)
	if err != nil {
		return SeriesInfo{}, err
	}
	var earlier []int // positions in sim of the calls of earlier members
	seen := map[kg.ID]bool{}
	var prev *profile
	for i := range out.Members {
		m := &out.Members[i]
		p, err := x.profile(ctx, m.Doc.Node.ID)
		if err != nil {
			return SeriesInfo{}, err
		}
		m.Calls = len(p.calls)
		var mine []int
		for _, c := range p.calls {
			a, ok := sim.pos[c]
			if !ok {
				continue
			}
			mine = append(mine, a)
			if i == 0 {
				continue
			}
			best := 0.0
			for _, b := range earlier {
				best = max(best, sim.similarity(a, b).Score)
			}
			if best < pairThreshold {
				m.NewCalls = append(m.NewCalls, c)
			}
		}
		earlier = append(earlier, mine...)
		var fresh, dropped []kg.ID
		for e := range p.mentions {
			if !seen[e] {
				fresh = append(fresh, e)
			}
		}
		if prev != nil {
			for e := range prev.mentions {
				if p.mentions[e] == 0 {
					dropped = append(dropped, e)
				}
			}
		}
		if i > 0 {
			if m.New, err = x.rows(ctx, fresh, p, nil); err != nil {
				return SeriesInfo{}, err
			}
		}
		if m.Dropped, err = x.rows(ctx, dropped, prev, p); err != nil {
			return SeriesInfo{}, err
		}
		for e := range p.mentions {
			seen[e] = true
		}
		prev = p
	}
	return out, nil
}

// rows turns entity IDs into comparison rows of the kinds a comparison
// counts, most named first, at most maxAdds.
func (x *Explorer) rows(ctx context.Context, ids []kg.ID, a, b *profile) ([]CompareRow, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	ns, err := x.r.Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	keep := kindSet(CompareKinds)
	var out []CompareRow
	for _, n := range ns {
		if n.ID == "" || !keep[n.Kind] {
			continue
		}
		r := CompareRow{Entity: n}
		if a != nil {
			r.A = a.mentions[n.ID]
		}
		if b != nil {
			r.B = b.mentions[n.ID]
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].A != out[j].A {
			return out[i].A > out[j].A
		}
		return out[i].Entity.Label < out[j].Entity.Label
	})
	if len(out) > maxAdds {
		out = out[:maxAdds]
	}
	return out, nil
}

// SeriesList is every series with its number of ingested members, most
// members first.
func (x *Explorer) SeriesList(ctx context.Context) ([]Facet, error) {
	idx, err := x.docs(ctx)
	if err != nil {
		return nil, err
	}
	m := map[string]int{}
	for _, e := range idx.entries {
		for _, s := range e.series {
			m[string(s)]++
		}
	}
	fs := facetList(m, byCount)
	return fs, x.labelSeries(ctx, fs)
}
