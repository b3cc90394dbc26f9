package graph

import (
	"context"

	"github.com/crimegraph/crimegraph/graph/model"
	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// This file holds what the resolvers of the eleven entity types share.

// parseEdgeKinds validates edge kinds given as strings.
func parseEdgeKinds(ss []string) ([]kg.EdgeKind, error) {
	out := make([]kg.EdgeKind, 0, len(ss))
	for _, s := range ss {
		k, err := kg.ParseEdgeKind(s)
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, nil
}

func parseID(s string) (kg.ID, error) {
	id := kg.ID(s)
	return id, id.Validate()
}

// edgePage pages through a node's edges of some kinds in one or both
// directions (outgoing first).
func (r *Resolver) edgePage(ctx context.Context, id kg.ID, dirs []kg.Direction, kinds []kg.EdgeKind, first *int, after *string) (model.Page[kg.Edge], error) {
	n, err := pageSize(first)
	if err != nil {
		return model.Page[kg.Edge]{}, err
	}
	phases := make([]fetchFunc[kg.Edge], len(dirs))
	for i, d := range dirs {
		phases[i] = func(ctx context.Context, after string, first int) ([]kg.Edge, string, bool, error) {
			p, err := r.edges(ctx, id, d, kinds, after, first)
			return p.Edges, p.EndCursor, p.HasNext, err
		}
	}
	p, err := pageStore(ctx, phases, n, str(after))
	if err != nil {
		return p, err
	}
	p.Total = func(ctx context.Context) (int, error) {
		total := 0
		for _, d := range dirs {
			all, err := r.Store.Edges(ctx, id, kg.EdgeQuery{Dir: d, Kinds: kinds})
			if err != nil {
				return 0, err
			}
			total += len(all.Edges)
		}
		return total, nil
	}
	return p, nil
}

// targets pages through the nodes at the other end of a node's edges.
func (r *Resolver) targets(ctx context.Context, id kg.ID, dir kg.Direction, kinds []kg.EdgeKind, first *int, after *string) (model.Page[kg.Node], error) {
	ep, err := r.edgePage(ctx, id, []kg.Direction{dir}, kinds, first, after)
	if err != nil {
		return model.Page[kg.Node]{}, err
	}
	ids := make([]kg.ID, len(ep.Items))
	for i, e := range ep.Items {
		ids[i] = e.To
		if dir == kg.In {
			ids[i] = e.From
		}
	}
	out := model.Page[kg.Node]{HasNext: ep.HasNext, HasPrev: ep.HasPrev, Total: ep.Total}
	if len(ids) == 0 {
		return out, nil
	}
	nodes, err := r.loaders(ctx).nodes.LoadAll(ctx, ids)
	if err != nil {
		return model.Page[kg.Node]{}, err
	}
	for i, n := range nodes {
		if n.ID != "" {
			out.Items = append(out.Items, n)
			out.Cursors = append(out.Cursors, ep.Cursors[i])
		}
	}
	return out, nil
}

// first returns the other end of a node's first edge of a kind, or a zero
// node.
func (r *Resolver) firstTarget(ctx context.Context, id kg.ID, dir kg.Direction, kind kg.EdgeKind) (kg.Node, error) {
	p, err := r.edges(ctx, id, dir, []kg.EdgeKind{kind}, "", 1)
	if err != nil || len(p.Edges) == 0 {
		return kg.Node{}, err
	}
	e := p.Edges[0]
	if dir == kg.In {
		return r.node(ctx, e.From)
	}
	return r.node(ctx, e.To)
}

func (r *Resolver) mentions(ctx context.Context, n kg.Node, first *int, after *string) (*model.MentionConnection, error) {
	p, err := r.edgePage(ctx, n.ID, []kg.Direction{kg.In}, []kg.EdgeKind{kg.EdgeMentions}, first, after)
	if err != nil {
		return nil, err
	}
	return model.NewMentionConnection(model.Map(p, func(e kg.Edge) *model.Mention { return &model.Mention{Edge: e} })), nil
}

func (r *Resolver) relations(ctx context.Context, n kg.Node, dir *model.Direction, edgeKinds []string, first *int, after *string) (*model.RelationConnection, error) {
	kinds, err := parseEdgeKinds(edgeKinds)
	if err != nil {
		return nil, err
	}
	dirs := []kg.Direction{kg.Out, kg.In}
	if dir != nil {
		switch *dir {
		case model.DirectionOut:
			dirs = dirs[:1]
		case model.DirectionIn:
			dirs = dirs[1:]
		}
	}
	p, err := r.edgePage(ctx, n.ID, dirs, kinds, first, after)
	if err != nil {
		return nil, err
	}
	return model.NewRelationConnection(model.Map(p, func(e kg.Edge) *model.Relation { return &model.Relation{Edge: e} })), nil
}

// recommendations pages through the recommendations a filter selects.
func (r *Resolver) recommendations(ctx context.Context, f explore.Filter, first *int, after *string) (*model.RecommendationConnection, error) {
	n, err := pageSize(first)
	if err != nil {
		return nil, err
	}
	rp, err := r.Explore.Recommendations(ctx, f, str(after), n)
	if err != nil {
		return nil, err
	}
	r.prime(ctx, rp.Nodes)
	total := rp.Total
	p := model.Page[*model.Recommendation]{Cursors: rp.Cursors, HasNext: rp.HasNext, HasPrev: str(after) != "",
		Total: func(context.Context) (int, error) { return total, nil }}
	for _, node := range rp.Nodes {
		p.Items = append(p.Items, asRecommendation(node))
	}
	return model.NewRecommendationConnection(p), nil
}

func toFilter(f *model.RecommendationFilter) explore.Filter {
	if f == nil {
		return explore.Filter{}
	}
	return explore.Filter{
		Document: str(f.Document), Section: str(f.Section), CrimeType: str(f.CrimeType),
		Instrument: str(f.Instrument), Theme: str(f.Theme), Actor: str(f.Actor),
		Addressee: str(f.Addressee), Text: str(f.Text), Form: str(f.Form),
		WithSuperseded: f.WithSuperseded != nil && *f.WithSuperseded,
	}
}

// wrap returns the entity of a node, or nil for a zero node.
func wrap(n kg.Node) model.Entity {
	if n.ID == "" {
		return nil
	}
	return model.Wrap(n)
}

func entities(p model.Page[kg.Node]) *model.EntityConnection {
	return model.NewEntityConnection(model.Map(p, func(n kg.Node) model.Entity { return model.Wrap(n) }))
}

// Typed wrappers for typed connections and fields. A node of another kind
// where a kind is expected (a damaged store) becomes null, not a lie.
func asRecommendation(n kg.Node) *model.Recommendation {
	if n.Kind != kg.KindRecommendation {
		return nil
	}
	return &model.Recommendation{Base: model.Base{N: n}}
}

func asDocument(n kg.Node) *model.Document {
	if n.Kind != kg.KindDocument {
		return nil
	}
	return &model.Document{Base: model.Base{N: n}}
}

func asSection(n kg.Node) *model.Section {
	if n.Kind != kg.KindSection {
		return nil
	}
	return &model.Section{Base: model.Base{N: n}}
}

func asParagraph(n kg.Node) *model.Paragraph {
	if n.Kind != kg.KindParagraph {
		return nil
	}
	return &model.Paragraph{Base: model.Base{N: n}}
}

func asCrimeType(n kg.Node) *model.CrimeType {
	if n.Kind != kg.KindCrimeType {
		return nil
	}
	return &model.CrimeType{Base: model.Base{N: n}}
}

// keepKind drops the nodes of a page that are not of kind k, so that a
// typed connection never holds a null.
func keepKind(p model.Page[kg.Node], k kg.Kind) model.Page[kg.Node] {
	out := model.Page[kg.Node]{HasNext: p.HasNext, HasPrev: p.HasPrev, Total: p.Total}
	for i, n := range p.Items {
		if n.Kind == k {
			out.Items = append(out.Items, n)
			out.Cursors = append(out.Cursors, p.Cursors[i])
		}
	}
	return out
}

// contents pages through what a document or section contains, in
// reading order.
func (r *Resolver) contents(ctx context.Context, id kg.ID, first *int, after *string) (*model.EntityConnection, error) {
	n, err := pageSize(first)
	if err != nil {
		return nil, err
	}
	nodes, err := r.Explore.Contents(ctx, id)
	if err != nil {
		return nil, err
	}
	r.prime(ctx, nodes)
	p, err := pageSlice(nodes, n, str(after))
	if err != nil {
		return nil, err
	}
	return entities(p), nil
}

// parts pages through a document's sections, paragraphs and items in
// reading order, so a reader needs one request per page instead of one per
// level.
func (r *Resolver) parts(ctx context.Context, id kg.ID, first *int, after *string) (*model.EntityConnection, error) {
	n, err := pageSize(first)
	if err != nil {
		return nil, err
	}
	all, err := r.Explore.Parts(ctx, id)
	if err != nil {
		return nil, err
	}
	r.prime(ctx, all)
	p, err := pageSlice(all, n, str(after))
	if err != nil {
		return nil, err
	}
	return entities(p), nil
}

// quote translates explore's quote of an evidence.
func quote(text string, ev kg.Evidence, around *int) *model.Quote {
	a := -1
	if around != nil {
		a = *around
	}
	q := explore.QuoteEvidence(text, ev, a)
	return &model.Quote{Before: q.Before, Match: q.Match, After: q.After, Whole: q.Whole}
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
