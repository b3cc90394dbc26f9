package explore

import (
	"context"
	"sort"
	"strconv"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// This file holds how a document is read: the order of its parts and the
// entities a paragraph names. The API, the CLI and exports share it.

// ReadingOrder sorts the contents of a document or section as a reader
// meets them: paragraphs by ref, then sections by position, then
// recommendations by ref, then anything else by ID.
func ReadingOrder(ns []kg.Node) {
	rank := func(n kg.Node) int {
		switch n.Kind {
		case kg.KindParagraph:
			return 0
		case kg.KindSection:
			return 1
		case kg.KindRecommendation:
			return 2
		}
		return 3
	}
	order := func(n kg.Node) int {
		v, err := strconv.Atoi(n.Prop(kg.PropOrder))
		if err != nil {
			return 1 << 30
		}
		return v
	}
	sort.SliceStable(ns, func(i, j int) bool {
		a, b := ns[i], ns[j]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		if oa, ob := order(a), order(b); oa != ob {
			return oa < ob
		}
		if c := kg.CompareRefs(a.Prop(kg.PropRef), b.Prop(kg.PropRef)); c != 0 {
			return c < 0
		}
		return a.ID < b.ID
	})
}

// Contents returns what a document or section contains (its CONTAINS
// targets), in reading order.
func (x *Explorer) Contents(ctx context.Context, id kg.ID) ([]kg.Node, error) {
	page, err := x.r.Edges(ctx, id, kg.EdgeQuery{Dir: kg.Out, Kinds: []kg.EdgeKind{kg.EdgeContains}})
	if err != nil {
		return nil, err
	}
	ids := make([]kg.ID, len(page.Edges))
	for i, e := range page.Edges {
		ids[i] = e.To
	}
	nodes, err := x.r.Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := nodes[:0]
	for _, n := range nodes {
		if n.ID != "" {
			out = append(out, n)
		}
	}
	ReadingOrder(out)
	return out, nil
}

// maxPartsDepth bounds the walk of a document's parts: chapters, parts,
// topics, summary or outcome blocks, paragraphs, items, Roman items.
const maxPartsDepth = 12

// Parts returns a document's sections, paragraphs and items in reading
// order: a depth-first walk of its CONTAINS tree, each level in the order
// of Contents.
func (x *Explorer) Parts(ctx context.Context, id kg.ID) ([]kg.Node, error) {
	var all []kg.Node
	var walk func(id kg.ID, depth int) error
	walk = func(id kg.ID, depth int) error {
		if depth > maxPartsDepth {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		nodes, err := x.Contents(ctx, id)
		if err != nil {
			return err
		}
		for _, c := range nodes {
			if c.Kind != kg.KindSection && c.Kind != kg.KindParagraph {
				continue
			}
			all = append(all, c)
			if err := walk(c.ID, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(id, 0); err != nil {
		return nil, err
	}
	return all, nil
}

// Mentioned returns the MENTIONS edges of a paragraph to entities of the
// given kinds, in the store's order. A paragraph names a few dozen
// entities at most, so they are read whole and filtered.
func (x *Explorer) Mentioned(ctx context.Context, paragraph kg.ID, kinds []kg.Kind) ([]kg.Edge, error) {
	all, err := x.r.Edges(ctx, paragraph, kg.EdgeQuery{Dir: kg.Out, Kinds: []kg.EdgeKind{kg.EdgeMentions}})
	if err != nil {
		return nil, err
	}
	want := map[kg.Kind]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	var out []kg.Edge
	for _, e := range all.Edges {
		if want[e.To.Kind()] {
			out = append(out, e)
		}
	}
	return out, nil
}
