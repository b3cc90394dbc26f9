package render

import (
	"github.com/crimegraph/crimegraph/internal/kg"
)

// Limits bound the work one diagram may cost. They are checked before any
// layout starts, because a layout, once started in the shared Graphviz
// module, cannot be interrupted (see docs/diagrams.md for the timings the
// defaults come from).
type Limits struct {
	// MaxNodes and MaxEdges cap any diagram.
	MaxNodes int
	MaxEdges int
	// Engines caps what each engine may lay out; an engine missing from
	// the map is capped by MaxNodes and MaxEdges only.
	Engines map[Engine]Cap
	// AutoDot is the largest graph Auto lays out with dot; larger graphs
	// get sfdp.
	AutoDot Cap
}

// Cap is the largest graph an engine may lay out.
type Cap struct{ Nodes, Edges int }

func (c Cap) fits(nodes, edges int) bool { return nodes <= c.Nodes && edges <= c.Edges }

// DefaultLimits returns the limits measured to keep the slowest layout of
// a capped graph (random cross-linked graphs, denser than real
// neighbourhoods) around two seconds on a 2-core machine.
func DefaultLimits() Limits {
	return Limits{
		MaxNodes: 200,
		MaxEdges: 600,
		Engines: map[Engine]Cap{
			Dot:   {Nodes: 200, Edges: 400},
			Neato: {Nodes: 200, Edges: 400},
			FDP:   {Nodes: 150, Edges: 300},
			SFDP:  {Nodes: 200, Edges: 600},
			Circo: {Nodes: 50, Edges: 75},
		},
		AutoDot: Cap{Nodes: 150, Edges: 300},
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxNodes <= 0 {
		l.MaxNodes = d.MaxNodes
	}
	if l.MaxEdges <= 0 {
		l.MaxEdges = d.MaxEdges
	}
	if l.Engines == nil {
		l.Engines = d.Engines
	}
	if l.AutoDot == (Cap{}) {
		l.AutoDot = d.AutoDot
	}
	return l
}

// auto picks the engine for a graph: dot while it is small enough to be
// read as layers, sfdp beyond.
func (l Limits) auto(nodes, edges int) Engine {
	if l.AutoDot.fits(nodes, edges) {
		return Dot
	}
	return SFDP
}

// check returns the engine to use for a graph of nodes and edges, or a
// CodeTooLarge error telling the user how to narrow the request.
func (l Limits) check(nodes, edges int, e Engine) (Engine, error) {
	l = l.withDefaults()
	if nodes > l.MaxNodes || edges > l.MaxEdges {
		return "", kg.Errorf(kg.CodeTooLarge,
			"the diagram would have %d nodes and %d edges; diagrams are limited to %d nodes and %d edges: "+
				"lower the depth, filter the node or edge kinds, or export the data instead (GraphML, CSV)",
			nodes, edges, l.MaxNodes, l.MaxEdges)
	}
	if e == Auto {
		e = l.auto(nodes, edges)
	}
	if c, ok := l.Engines[e]; ok && !c.fits(nodes, edges) {
		return "", kg.Errorf(kg.CodeTooLarge,
			"the %s layout is limited to %d nodes and %d edges and this diagram has %d nodes and %d edges: "+
				"choose the sfdp engine, lower the depth, or filter the node or edge kinds",
			e, c.Nodes, c.Edges, nodes, edges)
	}
	return e, nil
}
