// Package view turns a request for a picture of the graph — a node's
// neighbourhood, the paths between two nodes, a recommendation with what it
// touches, or the whole graph — into the kg.Subgraph that diagrams and data
// exports are drawn from. The HTTP endpoints, the GraphQL diagram field and
// `crimegraph export` share it, so the same request gives the same picture
// everywhere.
package view

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// Kind is what a view shows.
type Kind string

// The views.
const (
	Neighbourhood  Kind = "neighbourhood"
	Paths          Kind = "paths"
	Recommendation Kind = "recommendation"
	Whole          Kind = "graph" // every node and edge: exports only
)

// Request describes a view. Names may be IDs, names, aliases or codes.
type Request struct {
	Kind      Kind
	Focus     string // neighbourhood and recommendation: the node
	From, To  string // paths
	Depth     int
	MaxLength int
	NodeKinds []kg.Kind
	EdgeKinds []kg.EdgeKind
	Limit     int // most nodes: of a neighbourhood, or of the whole graph (0: no cap)
}

// Key is the canonical form of the request, for cache keys. Names are
// quoted, so that no name (one holding "|") can make two requests share a
// key.
func (r Request) Key() string {
	return fmt.Sprintf("%s|%q|%q|%q|%d|%d|%v|%v|%d", r.Kind, r.Focus, r.From, r.To, r.Depth, r.MaxLength, r.NodeKinds, r.EdgeKinds, r.Limit)
}

// URL is the relative URL of the diagram of r in format with layout
// (empty: chosen by size), served by GET /diagram/{view}.
func (r Request) URL(format, layout string) string {
	q := url.Values{}
	set := func(k, val string) {
		if val != "" && val != "0" {
			q.Set(k, val)
		}
	}
	set("id", r.Focus)
	set("from", r.From)
	set("to", r.To)
	set("depth", strconv.Itoa(r.Depth))
	set("maxLength", strconv.Itoa(r.MaxLength))
	set("limit", strconv.Itoa(r.Limit))
	var ks []string
	for _, k := range r.NodeKinds {
		ks = append(ks, string(k))
	}
	set("kinds", strings.Join(ks, ","))
	var es []string
	for _, k := range r.EdgeKinds {
		es = append(es, string(k))
	}
	set("edges", strings.Join(es, ","))
	set("format", format)
	set("layout", layout)
	return "/diagram/" + string(r.Kind) + "?" + q.Encode()
}

// ExportKind is the view an export request names: the paths between two
// entities when it gives from or to, a neighbourhood when it gives id
// (or focus), the whole graph otherwise.
func ExportKind(q url.Values) Kind {
	switch {
	case q.Get("from") != "" || q.Get("to") != "":
		return Paths
	case q.Get("id") != "" || q.Get("focus") != "":
		return Neighbourhood
	}
	return Whole
}

// FromQuery reads a request from URL parameters: id (or focus), from, to,
// depth, maxLength, kinds (node kinds, comma-separated), edges (edge kinds),
// limit.
func FromQuery(kind Kind, q url.Values) (Request, error) {
	r := Request{Kind: kind, Focus: first(q, "id", "focus"), From: q.Get("from"), To: q.Get("to")}
	var err error
	if r.Depth, err = intParam(q, "depth"); err != nil {
		return r, err
	}
	if r.MaxLength, err = intParam(q, "maxLength"); err != nil {
		return r, err
	}
	if r.Limit, err = intParam(q, "limit"); err != nil {
		return r, err
	}
	if r.NodeKinds, err = parseList(q.Get("kinds"), kg.ParseKind); err != nil {
		return r, err
	}
	if r.EdgeKinds, err = parseList(q.Get("edges"), kg.ParseEdgeKind); err != nil {
		return r, err
	}
	return r, r.validate()
}

func (r Request) validate() error {
	switch r.Kind {
	case Neighbourhood, Recommendation:
		if r.Focus == "" {
			return kg.Errorf(kg.CodeInvalid, "a %s view needs id: the entity to centre on", r.Kind)
		}
	case Paths:
		if r.From == "" || r.To == "" {
			return kg.Errorf(kg.CodeInvalid, "a paths view needs from and to")
		}
	case Whole:
	default:
		return kg.Errorf(kg.CodeInvalid, "unknown view %q: want neighbourhood, paths, recommendation or graph", r.Kind)
	}
	return nil
}

func first(q url.Values, names ...string) string {
	for _, n := range names {
		if v := q.Get(n); v != "" {
			return v
		}
	}
	return ""
}

// parseList parses each item of a comma-separated list; empty items are
// skipped, and an empty list is nil.
func parseList[T any](s string, parse func(string) (T, error)) ([]T, error) {
	var out []T
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		v, err := parse(p)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func intParam(q url.Values, name string) (int, error) {
	s := q.Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, kg.Errorf(kg.CodeInvalid, "%s must be a non-negative number, not %q", name, s)
	}
	return n, nil
}

// Resolve turns a user's string into one node: an ID, a name, an alias or
// a code. Several matches are an error that lists them.
func Resolve(ctx context.Context, x *explore.Explorer, name string) (kg.Node, error) {
	ns, err := x.Resolve(ctx, name)
	if err != nil {
		return kg.Node{}, err
	}
	switch len(ns) {
	case 0:
		return kg.Node{}, kg.NotFound("nothing is called %q: try an ID, a name, an alias or a code", name)
	case 1:
		return ns[0], nil
	}
	return kg.Node{}, explore.Ambiguous(name, ns)
}

// Build computes the subgraph a request describes.
func Build(ctx context.Context, x *explore.Explorer, r kg.Reader, req Request) (kg.Subgraph, error) {
	if err := req.validate(); err != nil {
		return kg.Subgraph{}, err
	}
	switch req.Kind {
	case Paths:
		from, err := Resolve(ctx, x, req.From)
		if err != nil {
			return kg.Subgraph{}, err
		}
		to, err := Resolve(ctx, x, req.To)
		if err != nil {
			return kg.Subgraph{}, err
		}
		res, err := x.Paths(ctx, from.ID, to.ID, explore.PathQuery{MaxLength: req.MaxLength, EdgeKinds: req.EdgeKinds})
		if err != nil {
			return kg.Subgraph{}, err
		}
		if len(res.Paths) == 0 {
			return kg.Subgraph{}, kg.NotFound("%s and %s are not connected within %d steps", from.Label, to.Label, max(req.MaxLength, explore.DefaultPathLength))
		}
		return res.Subgraph, nil // titled by explore
	case Neighbourhood, Recommendation:
		focus, err := Resolve(ctx, x, req.Focus)
		if err != nil {
			return kg.Subgraph{}, err
		}
		q := explore.NeighbourhoodQuery{Depth: req.Depth, NodeKinds: req.NodeKinds, EdgeKinds: req.EdgeKinds, Limit: req.Limit}
		title := "" // explore's
		if req.Kind == Recommendation {
			if focus.Kind != kg.KindRecommendation {
				return kg.Subgraph{}, kg.Errorf(kg.CodeInvalid, "%s is a %s, not a recommendation", focus.ID, focus.Kind)
			}
			// Everything the recommendation touches: one step, every
			// relation but the document structure.
			q.Depth = 1
			if len(q.EdgeKinds) == 0 {
				q.EdgeKinds = []kg.EdgeKind{kg.EdgeAddresses, kg.EdgeInvokes, kg.EdgeConcerns, kg.EdgeNamesActor, kg.EdgeAddressedTo, kg.EdgeTextOf}
			}
			title = fmt.Sprintf("Recommendation %s %s", focus.Prop(kg.PropDocument), focus.Prop(kg.PropRef))
		}
		res, err := x.Neighbourhood(ctx, focus.ID, q)
		if err != nil {
			return kg.Subgraph{}, err
		}
		g := res.Subgraph
		if title != "" {
			g.Title = title
		}
		if res.Truncated {
			g.Title += " (truncated)"
		}
		return g, nil
	}
	return WholeGraph(ctx, r, req.Limit)
}

// WholeGraph gathers every node and every edge of the store, refusing
// beyond maxNodes nodes when maxNodes > 0.
func WholeGraph(ctx context.Context, r kg.Reader, maxNodes int) (kg.Subgraph, error) {
	g := kg.Subgraph{Title: "crimegraph: the whole graph"}
	for _, k := range kg.Kinds {
		after := ""
		for {
			page, err := r.List(ctx, k, after, 1000)
			if err != nil {
				return kg.Subgraph{}, err
			}
			g.Nodes = append(g.Nodes, page.Nodes...)
			if maxNodes > 0 && len(g.Nodes) > maxNodes {
				return kg.Subgraph{}, kg.Errorf(kg.CodeTooLarge, "the graph has more than %d nodes: export a neighbourhood instead (focus and depth)", maxNodes)
			}
			if !page.HasNext {
				break
			}
			after = page.EndCursor
		}
	}
	for _, n := range g.Nodes {
		after := ""
		for {
			page, err := r.Edges(ctx, n.ID, kg.EdgeQuery{Dir: kg.Out, After: after, First: 1000})
			if err != nil {
				return kg.Subgraph{}, err
			}
			g.Edges = append(g.Edges, page.Edges...)
			if !page.HasNext {
				break
			}
			after = page.EndCursor
		}
	}
	g.Sort()
	return g, nil
}
