package export

import (
	"encoding/xml"
	"io"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// graphmlEncoder writes GraphML 1.0 that validates against the GraphML
// schema (testdata/graphml): every attribute is declared by a <key> with
// attr.name and attr.type, before the graph.
//
// GraphML node ids are XML NMTOKENs, which IDs such as
// "recommendation:S/2025/85#61(d)" are not, so a node's id is its ID with
// every byte outside [A-Za-z0-9.:-] written as _XX (see NMToken); the ID
// itself is the node's "id" attribute.
type graphmlEncoder struct {
	stream // GraphML mixes nodes and edges: only notStarted, inNodes and closed
	opts   Options
}

// NewGraphML returns an Encoder writing GraphML to w.
func NewGraphML(w io.Writer, opts Options) Encoder {
	return &graphmlEncoder{stream: newStream(w), opts: opts}
}

// graphmlType maps a property type to GraphML's attr.type. Dates have no
// GraphML type and stay strings.
func graphmlType(t propType) string {
	switch t {
	case tInt:
		return "int"
	case tBool:
		return "boolean"
	}
	return "string"
}

func (e *graphmlEncoder) text(s string) {
	if e.err == nil {
		e.err = xml.EscapeText(e.w, []byte(s))
	}
}

func (e *graphmlEncoder) key(id, domain, name, typ string) {
	e.str(`  <key id="` + id + `" for="` + domain + `" attr.name="` + name + `" attr.type="` + typ + `"/>` + "\n")
}

func (e *graphmlEncoder) open() {
	if e.phase != notStarted {
		return
	}
	e.phase = inNodes
	e.str(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	e.str(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	e.key("g_title", "graph", "title", "string")
	for _, k := range []string{"id", "kind", "label", "aliases"} {
		e.key("n_"+k, "node", k, "string")
	}
	for _, p := range nodeProps {
		e.key("n_"+p.name, "node", p.name, graphmlType(p.typ))
	}
	e.key("n_extra", "node", "extra", "string")
	for _, k := range []string{"kind", "label"} {
		e.key("e_"+k, "edge", k, "string")
	}
	for _, p := range edgeProps {
		e.key("e_"+p.name, "edge", p.name, graphmlType(p.typ))
	}
	e.key("e_citations", "edge", "citations", "string")
	e.key("e_evidence", "edge", "evidence", "string")
	e.key("e_extra", "edge", "extra", "string")
	e.str(`  <graph id="crimegraph" edgedefault="directed">` + "\n")
	if e.opts.Title != "" {
		e.data("    ", "g_title", e.opts.Title)
	}
}

func (e *graphmlEncoder) data(indent, key, value string) {
	e.str(indent + `<data key="` + key + `">`)
	e.text(value)
	e.str("</data>\n")
}

func (e *graphmlEncoder) Node(n kg.Node) error {
	if e.phase == closed {
		return errClosed
	}
	e.open()
	e.str(`    <node id="` + NMToken(string(n.ID)) + `">` + "\n")
	e.data("      ", "n_id", string(n.ID))
	e.data("      ", "n_kind", string(n.Kind))
	e.data("      ", "n_label", n.Label)
	if len(n.Aliases) > 0 {
		e.data("      ", "n_aliases", aliasesJSON(n))
	}
	props, extra := splitProps(n.Props, nodeProps)
	for _, p := range props {
		e.data("      ", "n_"+p.spec.name, p.value)
	}
	if extra != "" {
		e.data("      ", "n_extra", extra)
	}
	e.str("    </node>\n")
	return e.err
}

func (e *graphmlEncoder) Edge(ed kg.Edge) error {
	if e.phase == closed {
		return errClosed
	}
	e.open()
	e.str(`    <edge id="` + NMToken(edgeID(ed)) + `" source="` + NMToken(string(ed.From)) +
		`" target="` + NMToken(string(ed.To)) + `">` + "\n")
	e.data("      ", "e_kind", string(ed.Kind))
	e.data("      ", "e_label", edgeLabel(ed.Kind))
	props, extra := splitProps(ed.Props, edgeProps)
	for _, p := range props {
		e.data("      ", "e_"+p.spec.name, p.value)
	}
	e.data("      ", "e_citations", citations(ed))
	e.data("      ", "e_evidence", evidenceText(ed))
	if extra != "" {
		e.data("      ", "e_extra", extra)
	}
	e.str("    </edge>\n")
	return e.err
}

func (e *graphmlEncoder) Close() error {
	if e.phase != closed {
		e.open()
	}
	return e.finish("  </graph>\n</graphml>\n")
}

// NMToken writes an ID as an XML name token, reversibly: ASCII letters,
// digits, '.', ':' and '-' stay, and every other byte (including '_')
// becomes '_' and two upper-case hex digits.
// "recommendation:S/2025/85#61(d)" becomes
// "recommendation:S_2F2025_2F85_2361_28d_29".
func NMToken(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == ':', c == '-':
			b.WriteByte(c)
		default:
			b.WriteByte('_')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}
