package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// DefaultBaseIRI prefixes every IRI of an N-Quads export. It names no
// real host on purpose (example. is reserved); set Options.BaseIRI to
// publish under your own.
const DefaultBaseIRI = "https://crimegraph.example/"

// Well-known vocabularies.
const (
	rdfNS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	xsdNS = "http://www.w3.org/2001/XMLSchema#"
)

// The IRI scheme, relative to the base IRI (docs/exports.md):
//
//	id/<ID>                         a node; <ID> is the node's ID percent-encoded
//	id/edge/<From>/<KIND>/<To>      an edge, as an rdf:Statement
//	id/evidence/<Doc>/<Ref>/<s>-<e> a piece of evidence
//	ontology/<Kind>                 the class of a node kind
//	ontology/<name>                 a property or relation
//
// Percent-encoding keeps only RFC 3986's unreserved characters, so an IRI
// holds no character any N-Quads or Dgraph parser treats specially, and
// the ID is recovered with url.PathUnescape.

// IRIs builds the IRIs of an export.
type IRIs struct{ Base string }

// Node is the IRI of a node.
func (i IRIs) Node(id kg.ID) string { return i.Base + "id/" + pctEncode(string(id)) }

// Edge is the IRI of an edge's statement.
func (i IRIs) Edge(e kg.Edge) string {
	return i.Base + "id/edge/" + pctEncode(string(e.From)) + "/" + pctEncode(string(e.Kind)) + "/" + pctEncode(string(e.To))
}

// Evidence is the IRI of a piece of evidence.
func (i IRIs) Evidence(ev kg.Evidence) string {
	return fmt.Sprintf("%sid/evidence/%s/%s/%d-%d", i.Base, pctEncode(ev.Doc), pctEncode(ev.Ref), ev.Start, ev.End)
}

// Term is the IRI of a class or property of the crimegraph vocabulary.
func (i IRIs) Term(name string) string { return i.Base + "ontology/" + pctEncode(name) }

func pctEncode(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// nquadsEncoder writes RDF N-Quads in the default graph (Dgraph reads the
// fourth term as a namespace number, so there is none). Literals are typed
// where the property has a type; evidence is reified: each edge is an
// rdf:Statement that points at one Evidence resource per supporting
// passage, besides the plain triple <from> <KIND> <to>.
type nquadsEncoder struct {
	stream // statements in any order: only notStarted and closed
	iri    IRIs
}

// NewNQuads returns an Encoder writing N-Quads to w.
func NewNQuads(w io.Writer, opts Options) Encoder {
	base := opts.BaseIRI
	if base == "" {
		base = DefaultBaseIRI
	}
	return &nquadsEncoder{stream: newStream(w), iri: IRIs{Base: base}}
}

func (e *nquadsEncoder) quad(s, p, o string) {
	e.str("<" + s + "> <" + p + "> " + o + " .\n")
}

func iri(s string) string { return "<" + s + ">" }

// literal writes a string literal with the escapes N-Quads defines and
// Go's strconv.Unquote (which Dgraph's parser uses) accepts: \" \\ \n \r
// \t and \uXXXX for other control characters. Invalid UTF-8 becomes
// U+FFFD.
func literal(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func typedLiteral(p typed) string {
	switch p.spec.typ {
	case tInt:
		return literal(p.value) + "^^<" + xsdNS + "int>"
	case tBool:
		return literal(p.value) + "^^<" + xsdNS + "boolean>"
	case tDate:
		return literal(p.value) + "^^<" + xsdNS + "date>"
	}
	return literal(p.value)
}

func (e *nquadsEncoder) Node(n kg.Node) error {
	if e.phase == closed {
		return errClosed
	}
	s := e.iri.Node(n.ID)
	if n.Kind != "" {
		e.quad(s, rdfNS+"type", iri(e.iri.Term(string(n.Kind))))
	}
	e.quad(s, e.iri.Term("id"), literal(string(n.ID)))
	e.quad(s, e.iri.Term("kind"), literal(string(n.Kind)))
	e.quad(s, e.iri.Term("label"), literal(n.Label))
	for _, a := range n.Aliases {
		e.quad(s, e.iri.Term("alias"), literal(a))
	}
	props, extra := splitProps(n.Props, nodeProps)
	for _, p := range props {
		e.quad(s, e.iri.Term(p.spec.name), typedLiteral(p))
	}
	if extra != "" {
		e.quad(s, e.iri.Term("extra"), literal(extra))
	}
	return e.err
}

func (e *nquadsEncoder) Edge(ed kg.Edge) error {
	if e.phase == closed {
		return errClosed
	}
	from, to, pred := e.iri.Node(ed.From), e.iri.Node(ed.To), e.iri.Term(string(ed.Kind))
	e.quad(from, pred, iri(to))
	st := e.iri.Edge(ed)
	e.quad(st, rdfNS+"type", iri(rdfNS+"Statement"))
	e.quad(st, rdfNS+"subject", iri(from))
	e.quad(st, rdfNS+"predicate", iri(pred))
	e.quad(st, rdfNS+"object", iri(to))
	props, extra := splitProps(ed.Props, edgeProps)
	for _, p := range props {
		e.quad(st, e.iri.Term(p.spec.name), typedLiteral(p))
	}
	if extra != "" {
		e.quad(st, e.iri.Term("extra"), literal(extra))
	}
	if c := citations(ed); c != "" {
		e.quad(st, e.iri.Term("citations"), literal(c))
	}
	for _, ev := range kg.MergeEvidence(nil, ed.Evidence) {
		x := e.iri.Evidence(ev)
		e.quad(st, e.iri.Term("evidence"), iri(x))
		e.quad(x, rdfNS+"type", iri(e.iri.Term("Evidence")))
		e.quad(x, e.iri.Term("document"), literal(ev.Doc))
		if ev.Ref != "" {
			e.quad(x, e.iri.Term("ref"), literal(ev.Ref))
			e.quad(x, e.iri.Term("paragraph"), iri(e.iri.Node(ev.ParagraphID())))
		}
		e.quad(x, e.iri.Term("start"), literal(strconv.Itoa(ev.Start))+"^^<"+xsdNS+"int>")
		e.quad(x, e.iri.Term("end"), literal(strconv.Itoa(ev.End))+"^^<"+xsdNS+"int>")
		e.quad(x, e.iri.Term("citation"), literal(ev.Citation()))
	}
	return e.err
}

func (e *nquadsEncoder) Close() error { return e.finish("") }

// DgraphSchema writes a Dgraph schema for the predicates of an N-Quads
// export with base IRI base ("" for DefaultBaseIRI): typed and indexed
// properties, and @reverse on every relation so that both directions can
// be queried. Load it with dgraph live --schema.
func DgraphSchema(w io.Writer, base string) error {
	if base == "" {
		base = DefaultBaseIRI
	}
	i := IRIs{Base: base}
	var b strings.Builder
	pred := func(name, typ string) { fmt.Fprintf(&b, "<%s>: %s .\n", i.Term(name), typ) }
	pred("id", "string @index(exact) @upsert")
	pred("kind", "string @index(exact)")
	pred("label", "string @index(term, trigram)")
	pred("alias", "[string] @index(term)")
	for _, p := range nodeProps {
		switch p.typ {
		case tInt:
			pred(p.name, "int")
		case tBool:
			pred(p.name, "bool")
		case tDate:
			pred(p.name, "datetime")
		default:
			if p.name == kg.PropText {
				pred(p.name, "string @index(fulltext)")
			} else {
				pred(p.name, "string @index(exact)")
			}
		}
	}
	for _, p := range edgeProps {
		pred(p.name, "string @index(exact)")
	}
	for _, name := range []string{"extra", "citations", "citation"} {
		pred(name, "string")
	}
	pred("start", "int")
	pred("end", "int")
	for _, name := range []string{"evidence", "paragraph"} {
		pred(name, "[uid] @reverse")
	}
	for _, k := range kg.EdgeKinds {
		pred(string(k), "[uid] @reverse")
	}
	for _, name := range []string{"type", "subject", "predicate", "object"} {
		fmt.Fprintf(&b, "<%s%s>: [uid] @reverse .\n", rdfNS, name)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
