package render

import (
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Format is an output format of Render.
type Format string

// The formats. SVG is drawn by Graphviz; PNG and PDF are the same SVG
// drawn by librsvg; DOT is the Graphviz source BuildDOT writes.
const (
	SVG Format = "svg"
	PNG Format = "png"
	PDF Format = "pdf"
	DOT Format = "dot"
)

// Formats lists every format in a fixed order.
var Formats = []Format{SVG, PNG, PDF, DOT}

// ParseFormat accepts a format name in any case ("SVG", "png", "gv").
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case SVG, PNG, PDF, DOT:
		return f, nil
	case "gv":
		return DOT, nil
	}
	return "", kg.Errorf(kg.CodeInvalid, "unknown diagram format %q: want svg, png, pdf or dot", s)
}

// ContentType is the media type of a rendered diagram.
func (f Format) ContentType() string {
	switch f {
	case SVG:
		return "image/svg+xml"
	case PNG:
		return "image/png"
	case PDF:
		return "application/pdf"
	}
	return "text/vnd.graphviz; charset=utf-8"
}

// Engine is a Graphviz layout engine.
type Engine string

// The engines a request may choose. Each suits a different shape of graph
// and costs differently; Limits caps the size each may lay out.
const (
	Auto  Engine = ""      // dot for small graphs, sfdp for large ones
	Dot   Engine = "dot"   // layered, the clearest for directed relations
	Neato Engine = "neato" // spring model
	FDP   Engine = "fdp"   // force-directed; slow, small graphs only
	SFDP  Engine = "sfdp"  // multiscale force-directed; fast on large graphs
	Circo Engine = "circo" // circular; very slow beyond a few dozen nodes
)

// Engines lists the engines a request may name.
var Engines = []Engine{Dot, Neato, FDP, SFDP, Circo}

// ParseEngine accepts an engine name in any case; "" and "auto" mean Auto.
func ParseEngine(s string) (Engine, error) {
	e := Engine(strings.ToLower(strings.TrimSpace(s)))
	if e == "auto" {
		return Auto, nil
	}
	if e == Auto {
		return Auto, nil
	}
	for _, x := range Engines {
		if x == e {
			return e, nil
		}
	}
	return "", kg.Errorf(kg.CodeInvalid, "unknown layout engine %q: want dot, neato, fdp, sfdp or circo", s)
}

// Direction is the direction of the dot engine's layers.
type Direction string

// The directions.
const (
	LeftToRight Direction = "LR" // the default: long labels stack in columns
	TopToBottom Direction = "TB"
)

// Options are the per-request choices of a diagram. The zero value draws
// the subgraph's own title, left to right, with the engine chosen by size.
type Options struct {
	// Engine is the layout engine; Auto picks one by size.
	Engine Engine
	// Title replaces the subgraph's title when not empty.
	Title string
	// Direction of dot's layers; "" means LeftToRight.
	Direction Direction
}

func (o Options) direction() Direction {
	if o.Direction == TopToBottom {
		return TopToBottom
	}
	return LeftToRight
}
