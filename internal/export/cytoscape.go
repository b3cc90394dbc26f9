package export

import (
	"encoding/json"
	"io"
	"strconv"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// cytoscapeEncoder writes Cytoscape.js JSON: {"elements": {"nodes":
// [{"data": {...}}], "edges": [...]}}, which cy.json() and cytoscape({
// elements }) take as it is and Cytoscape desktop imports as a .cyjs file.
// Typed properties keep their JSON types; evidence is an array of objects.
type cytoscapeEncoder struct {
	stream
	opts  Options
	first bool // no element written yet in the current list
}

// NewCytoscape returns an Encoder writing Cytoscape.js JSON to w.
func NewCytoscape(w io.Writer, opts Options) Encoder {
	return &cytoscapeEncoder{stream: newStream(w), opts: opts}
}

func (e *cytoscapeEncoder) start() {
	if e.phase != notStarted {
		return
	}
	e.phase, e.first = inNodes, true
	head := map[string]any{"name": e.opts.Title, "generated_by": "crimegraph"}
	b, _ := json.Marshal(head)
	e.str(`{"format_version":"1.0","generated_by":"crimegraph","target_cytoscapejs_version":"~3",` +
		`"data":` + string(b) + `,"elements":{"nodes":[`)
}

func (e *cytoscapeEncoder) element(data map[string]any) {
	b, err := json.Marshal(map[string]any{"data": data})
	if err != nil && e.err == nil {
		e.err = err
	}
	if !e.first {
		e.str(",")
	}
	e.first = false
	e.str("\n" + string(b))
}

// putProps adds the schema's properties to data as typed JSON values, and
// the others as one "extra" object.
func putProps(data map[string]any, props map[string]string, schema []propSpec) {
	typedProps, extra := splitProps(props, schema)
	for _, p := range typedProps {
		data[p.spec.name] = jsonValue(p)
	}
	if extra != "" {
		data["extra"] = json.RawMessage(extra)
	}
}

// jsonValue is a typed property as a JSON value.
func jsonValue(p typed) any {
	switch p.spec.typ {
	case tInt:
		n, _ := strconv.Atoi(p.value)
		return n
	case tBool:
		return p.value == "true"
	}
	return p.value
}

func (e *cytoscapeEncoder) Node(n kg.Node) error {
	if err := e.nodesFirst(); err != nil {
		return err
	}
	e.start()
	data := map[string]any{
		"id": string(n.ID), "kind": string(n.Kind), "label": n.Label,
		"aliases": json.RawMessage(aliasesJSON(n)), "href": kg.EntityPath(n.ID),
	}
	putProps(data, n.Props, nodeProps)
	e.element(data)
	return e.err
}

func (e *cytoscapeEncoder) toEdges() {
	e.start()
	if e.phase == inNodes {
		e.phase, e.first = inEdges, true
		e.str("\n],\"edges\":[")
	}
}

func (e *cytoscapeEncoder) Edge(ed kg.Edge) error {
	if e.phase == closed {
		return errClosed
	}
	e.toEdges()
	data := map[string]any{
		"id": edgeID(ed), "source": string(ed.From), "target": string(ed.To),
		"kind": string(ed.Kind), "label": edgeLabel(ed.Kind),
		"citations": citations(ed), "evidence": evidenceList(ed),
	}
	putProps(data, ed.Props, edgeProps)
	e.element(data)
	return e.err
}

func (e *cytoscapeEncoder) Close() error {
	if e.phase != closed {
		e.toEdges()
	}
	return e.finish("\n]}}\n")
}
