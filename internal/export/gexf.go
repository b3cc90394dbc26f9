package export

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// gexfEncoder writes GEXF 1.2 (namespace http://www.gexf.net/1.2draft),
// the version Gephi and networkx both read. Node ids are the graph's IDs;
// properties are declared attributes, values in attvalues.
type gexfEncoder struct {
	stream
	opts Options
}

// NewGEXF returns an Encoder writing GEXF 1.2 to w.
func NewGEXF(w io.Writer, opts Options) Encoder {
	return &gexfEncoder{stream: newStream(w), opts: opts}
}

// gexfType maps a property type to a GEXF attribute type. Dates stay
// strings (GEXF has no date attribute type).
func gexfType(t propType) string {
	switch t {
	case tInt:
		return "integer"
	case tBool:
		return "boolean"
	}
	return "string"
}

// attr escapes s for an attribute value; newlines and tabs become
// character references, so XML attribute normalisation keeps them.
func attr(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func (e *gexfEncoder) start() {
	if e.phase != notStarted {
		return
	}
	e.phase = inNodes
	e.str(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	e.str(`<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">` + "\n")
	e.str("  <meta>\n    <creator>crimegraph</creator>\n")
	if e.opts.Title != "" {
		e.str("    <description>" + attr(e.opts.Title) + "</description>\n")
	}
	e.str("  </meta>\n")
	e.str(`  <graph mode="static" defaultedgetype="directed">` + "\n")
	e.str(`    <attributes class="node">` + "\n")
	e.str(`      <attribute id="kind" title="kind" type="string"/>` + "\n")
	e.str(`      <attribute id="aliases" title="aliases" type="string"/>` + "\n")
	for _, p := range nodeProps {
		e.str(`      <attribute id="` + p.name + `" title="` + p.name + `" type="` + gexfType(p.typ) + `"/>` + "\n")
	}
	e.str(`      <attribute id="extra" title="extra" type="string"/>` + "\n")
	e.str("    </attributes>\n")
	e.str(`    <attributes class="edge">` + "\n")
	e.str(`      <attribute id="kind" title="kind" type="string"/>` + "\n")
	for _, p := range edgeProps {
		e.str(`      <attribute id="` + p.name + `" title="` + p.name + `" type="` + gexfType(p.typ) + `"/>` + "\n")
	}
	e.str(`      <attribute id="citations" title="citations" type="string"/>` + "\n")
	e.str(`      <attribute id="evidence" title="evidence" type="string"/>` + "\n")
	e.str(`      <attribute id="extra" title="extra" type="string"/>` + "\n")
	e.str("    </attributes>\n")
	e.str("    <nodes>\n")
}

func (e *gexfEncoder) attvalue(id, v string) {
	e.str(`          <attvalue for="` + id + `" value="` + attr(v) + `"/>` + "\n")
}

func (e *gexfEncoder) Node(n kg.Node) error {
	if err := e.nodesFirst(); err != nil {
		return err
	}
	e.start()
	e.str(`      <node id="` + attr(string(n.ID)) + `" label="` + attr(n.Label) + `">` + "\n        <attvalues>\n")
	e.attvalue("kind", string(n.Kind))
	if len(n.Aliases) > 0 {
		e.attvalue("aliases", aliasesJSON(n))
	}
	props, extra := splitProps(n.Props, nodeProps)
	for _, p := range props {
		e.attvalue(p.spec.name, p.value)
	}
	if extra != "" {
		e.attvalue("extra", extra)
	}
	e.str("        </attvalues>\n      </node>\n")
	return e.err
}

func (e *gexfEncoder) toEdges() {
	e.start()
	if e.phase == inNodes {
		e.phase = inEdges
		e.str("    </nodes>\n    <edges>\n")
	}
}

func (e *gexfEncoder) Edge(ed kg.Edge) error {
	if e.phase == closed {
		return errClosed
	}
	e.toEdges()
	e.str(`      <edge id="` + attr(edgeID(ed)) + `" source="` + attr(string(ed.From)) + `" target="` +
		attr(string(ed.To)) + `" label="` + attr(edgeLabel(ed.Kind)) + `" weight="` +
		strconv.Itoa(max(1, len(ed.Evidence))) + `">` + "\n        <attvalues>\n")
	e.attvalue("kind", string(ed.Kind))
	props, extra := splitProps(ed.Props, edgeProps)
	for _, p := range props {
		e.attvalue(p.spec.name, p.value)
	}
	e.attvalue("citations", citations(ed))
	e.attvalue("evidence", evidenceText(ed))
	if extra != "" {
		e.attvalue("extra", extra)
	}
	e.str("        </attvalues>\n      </edge>\n")
	return e.err
}

func (e *gexfEncoder) Close() error {
	if e.phase != closed {
		e.toEdges()
	}
	return e.finish("    </edges>\n  </graph>\n</gexf>\n")
}
