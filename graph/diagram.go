package graph

import (
	"context"
	"strings"

	"github.com/crimegraph/crimegraph/graph/model"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/render"
	"github.com/crimegraph/crimegraph/internal/view"
)

// diagramRequest is the arguments of Query.diagram.
type diagramRequest struct {
	view                    model.DiagramView
	id, from, to, layout    *string
	depth, maxLength, limit *int
	nodeKinds               []kg.Kind
	edgeKinds               []string
	format                  *model.DiagramFormat
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// diagram builds the view the arguments describe (the same one GET
// /diagram/{view} draws), its DOT source and the URL of the drawing.
func (r *Resolver) diagram(ctx context.Context, a diagramRequest) (*model.Diagram, error) {
	req := view.Request{
		Kind:      view.Kind(strings.ToLower(string(a.view))),
		Focus:     deref(a.id),
		From:      deref(a.from),
		To:        deref(a.to),
		Depth:     deref(a.depth),
		MaxLength: deref(a.maxLength),
		Limit:     deref(a.limit),
		NodeKinds: a.nodeKinds,
	}
	for _, s := range a.edgeKinds {
		k, err := kg.ParseEdgeKind(s)
		if err != nil {
			return nil, err
		}
		req.EdgeKinds = append(req.EdgeKinds, k)
	}
	engine, err := render.ParseEngine(deref(a.layout))
	if err != nil {
		return nil, err
	}
	g, err := view.Build(ctx, r.Explore, r.Store, req)
	if err != nil {
		return nil, err
	}
	dot, err := render.BuildDOT(g, render.Options{Engine: engine})
	if err != nil {
		return nil, err
	}
	format := model.DiagramFormatSVG
	if a.format != nil {
		format = *a.format
	}
	return &model.Diagram{
		Title:     g.Title,
		Dot:       string(dot),
		URL:       req.URL(strings.ToLower(string(format)), string(engine)),
		NodeCount: len(g.Nodes),
		EdgeCount: len(g.Edges),
	}, nil
}
