package explore

import (
	"context"
	"sort"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// CompareKinds are the kinds of entity a comparison counts, in the order
// it shows them.
var CompareKinds = []kg.Kind{kg.KindCrimeType, kg.KindState, kg.KindOrganization, kg.KindGroup,
	kg.KindInstrument, kg.KindTheme, kg.KindPerson}

// profile is what one document names: for each entity, the paragraphs
// that mention it; and its calls to act in reading order.
type profile struct {
	doc      kg.ID
	mentions map[kg.ID]int
	calls    []kg.ID
}

// profile reads a document's parts (CONTAINS from the document, down),
// what each paragraph MENTIONS or CITES (resolutions are cited) and the
// call it states (TEXT_OF: calls hang from their paragraphs). It is cached per graph version.
func (x *Explorer) profile(ctx context.Context, doc kg.ID) (*profile, error) {
	x.profMu.Lock()
	v := x.r.Version()
	if x.profVersion != v {
		x.profs, x.profVersion = map[kg.ID]*profile{}, v
	}
	p := x.profs[doc]
	x.profMu.Unlock()
	if p != nil {
		return p, nil
	}
	if _, err := x.r.Node(ctx, doc); err != nil {
		return nil, err
	}
	p = &profile{doc: doc, mentions: map[kg.ID]int{}}
	queue := []kg.ID{doc}
	seen := map[kg.ID]bool{doc: true}
	var paras []kg.ID
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		page, err := x.r.Edges(ctx, u, kg.EdgeQuery{Dir: kg.Out, Kinds: []kg.EdgeKind{kg.EdgeContains}})
		if err != nil {
			return nil, err
		}
		for _, e := range page.Edges {
			if seen[e.To] || e.To.DocKey() != doc.Key() {
				continue
			}
			seen[e.To] = true
			switch e.To.Kind() {
			case kg.KindParagraph:
				paras = append(paras, e.To)
			case kg.KindRecommendation:
				p.calls = append(p.calls, e.To)
			}
			queue = append(queue, e.To)
		}
	}
	for _, pid := range paras {
		page, err := x.r.Edges(ctx, pid, kg.EdgeQuery{Dir: kg.Out, Kinds: []kg.EdgeKind{kg.EdgeMentions, kg.EdgeCites, kg.EdgeTextOf}})
		if err != nil {
			return nil, err
		}
		for _, e := range page.Edges {
			if e.Kind == kg.EdgeTextOf {
				if !seen[e.To] {
					seen[e.To] = true
					p.calls = append(p.calls, e.To)
				}
				continue
			}
			p.mentions[e.To]++
		}
	}
	sort.Slice(p.calls, func(i, j int) bool { return kg.CompareRefs(refOf(p.calls[i]), refOf(p.calls[j])) < 0 })
	x.profMu.Lock()
	if x.profVersion == v {
		x.profs[doc] = p
	}
	x.profMu.Unlock()
	return p, nil
}

// CompareRow is one entity of a comparison and the paragraphs of each
// document that name it.
type CompareRow struct {
	Entity kg.Node
	A, B   int
}

// CompareGroup is the comparison of one kind of entity.
type CompareGroup struct {
	Kind   kg.Kind
	Shared []CompareRow // named by both, most named first
	OnlyA  []CompareRow
	OnlyB  []CompareRow
}

// CallPair is a call of A matched to the call of B that says most nearly
// the same, with the similarity that matched them.
type CallPair struct {
	A, B  kg.ID
	Match Similarity
}

// Comparison sets two documents side by side.
type Comparison struct {
	A, B   kg.Node
	Groups []CompareGroup
	// Pairs match calls of A to calls of B one to one, best first; a call
	// without a counterpart above the threshold is in UnmatchedA/B.
	Pairs                  []CallPair
	UnmatchedA, UnmatchedB []kg.ID
}

// pairThreshold is the least similarity for two calls to count as
// corresponding: below it, calls share a word or two of UN boilerplate.
const pairThreshold = 0.2

// Compare sets documents a and b side by side.
func (x *Explorer) Compare(ctx context.Context, a, b kg.ID) (Comparison, error) {
	for _, id := range []kg.ID{a, b} {
		if err := id.Validate(); err != nil {
			return Comparison{}, err
		}
		if id.Kind() != kg.KindDocument {
			return Comparison{}, kg.Errorf(kg.CodeInvalid, "compare takes two documents; %q is a %s", string(id), id.Kind())
		}
	}
	pa, err := x.profile(ctx, a)
	if err != nil {
		return Comparison{}, err
	}
	pb, err := x.profile(ctx, b)
	if err != nil {
		return Comparison{}, err
	}
	ns, err := x.r.Nodes(ctx, []kg.ID{a, b})
	if err != nil {
		return Comparison{}, err
	}
	out := Comparison{A: ns[0], B: ns[1]}
	ids := map[kg.ID]bool{}
	for id := range pa.mentions {
		ids[id] = true
	}
	for id := range pb.mentions {
		ids[id] = true
	}
	var list []kg.ID
	for id := range ids {
		list = append(list, id)
	}
	sort.Slice(list, func(i, j int) bool { return list[i] < list[j] })
	nodes, err := x.r.Nodes(ctx, list)
	if err != nil {
		return Comparison{}, err
	}
	byKind := map[kg.Kind]*CompareGroup{}
	for _, k := range CompareKinds {
		byKind[k] = &CompareGroup{Kind: k}
	}
	for _, n := range nodes {
		g := byKind[n.Kind]
		if g == nil || n.ID == "" {
			continue
		}
		row := CompareRow{Entity: n, A: pa.mentions[n.ID], B: pb.mentions[n.ID]}
		switch {
		case row.A > 0 && row.B > 0:
			g.Shared = append(g.Shared, row)
		case row.A > 0:
			g.OnlyA = append(g.OnlyA, row)
		default:
			g.OnlyB = append(g.OnlyB, row)
		}
	}
	for _, k := range CompareKinds {
		g := byKind[k]
		for _, rows := range [][]CompareRow{g.Shared, g.OnlyA, g.OnlyB} {
			sort.SliceStable(rows, func(i, j int) bool {
				if s, t := rows[i].A+rows[i].B, rows[j].A+rows[j].B; s != t {
					return s > t
				}
				return rows[i].Entity.Label < rows[j].Entity.Label
			})
		}
		out.Groups = append(out.Groups, *g)
	}
	out.Pairs, out.UnmatchedA, out.UnmatchedB, err = x.matchCalls(ctx, pa.calls, pb.calls)
	if err != nil {
		return Comparison{}, err
	}
	sims := make([]*Similarity, len(out.Pairs))
	for i := range out.Pairs {
		sims[i] = &out.Pairs[i].Match
	}
	return out, x.label(ctx, sims)
}

// matchCalls pairs the calls of two documents one to one, greedily by
// similarity: the best pair first, then the best among the rest, down to
// pairThreshold. Greedy matching is within a factor of two of the best
// total and keeps the pairs a reader would make first.
func (x *Explorer) matchCalls(ctx context.Context, as, bs []kg.ID) ([]CallPair, []kg.ID, []kg.ID, error) {
	idx, err := x.similarIndex(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	var cand []CallPair
	for _, a := range as {
		ia, ok := idx.pos[a]
		if !ok {
			continue
		}
		for _, b := range bs {
			ib, ok := idx.pos[b]
			if !ok {
				continue
			}
			s := idx.similarity(ia, ib)
			if s.Score >= pairThreshold {
				cand = append(cand, CallPair{A: a, B: b, Match: s})
			}
		}
	}
	sort.SliceStable(cand, func(i, j int) bool { return cand[i].Match.Score > cand[j].Match.Score })
	usedA, usedB := map[kg.ID]bool{}, map[kg.ID]bool{}
	var pairs []CallPair
	for _, c := range cand {
		if usedA[c.A] || usedB[c.B] {
			continue
		}
		usedA[c.A], usedB[c.B] = true, true
		pairs = append(pairs, c)
	}
	var ua, ub []kg.ID
	for _, a := range as {
		if !usedA[a] {
			ua = append(ua, a)
		}
	}
	for _, b := range bs {
		if !usedB[b] {
			ub = append(ub, b)
		}
	}
	return pairs, ua, ub, nil
}
