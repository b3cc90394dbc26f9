package export

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Neo4jImportCommand loads the two files of a Neo4j export into a new
// database (Neo4j 5; run it with the database stopped). Text fields may
// hold line breaks, hence --multiline-fields.
const Neo4jImportCommand = `neo4j-admin database import full \
  --nodes=nodes.csv --relationships=edges.csv \
  --multiline-fields=true --array-delimiter=';' --id-type=string \
  neo4j
`

// neo4jArrayDelimiter separates the elements of array columns
// (aliases:string[], evidence:string[]); a ';' inside an element is
// written as U+FF1B FULLWIDTH SEMICOLON, because the importer has no
// escape for it. The JSON columns keep the exact text.
const neo4jArrayDelimiter = ";"

// neo4jEncoder writes the CSV files neo4j-admin import reads: nodes with
// an id:ID column, their kind (and Entity) as :LABEL, and typed property
// columns; relationships with :START_ID, :END_ID, :TYPE and the evidence.
// Nodes and edges go to separate writers, in any order. Every cell goes
// through SpreadsheetSafe (an array element by element, so that each
// element the importer splits out is safe too): these files are opened in
// spreadsheets as often as they are imported.
type neo4jEncoder struct {
	nodes, edges *csv.Writer
	nodesHead    bool
	edgesHead    bool
	closed       bool
}

// NewNeo4jCSV returns an Encoder writing nodes.csv to nodes and edges.csv
// to edges.
func NewNeo4jCSV(nodes, edges io.Writer, opts Options) Encoder {
	return &neo4jEncoder{nodes: csv.NewWriter(nodes), edges: csv.NewWriter(edges)}
}

func neo4jType(t propType) string {
	switch t {
	case tInt:
		return ":int"
	case tBool:
		return ":boolean"
	case tDate:
		return ":date"
	}
	return ""
}

func neo4jArray(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = SpreadsheetSafe(strings.ReplaceAll(s, neo4jArrayDelimiter, "\uFF1B"))
	}
	return strings.Join(out, neo4jArrayDelimiter)
}

func (e *neo4jEncoder) headers() {
	if !e.nodesHead {
		e.nodesHead = true
		h := []string{"id:ID", ":LABEL", "kind", "label", "aliases:string[]"}
		for _, p := range nodeProps {
			h = append(h, p.name+neo4jType(p.typ))
		}
		_ = e.nodes.Write(append(h, "extra"))
	}
	if !e.edgesHead {
		e.edgesHead = true
		h := []string{":START_ID", ":END_ID", ":TYPE"}
		for _, p := range edgeProps {
			h = append(h, p.name+neo4jType(p.typ))
		}
		_ = e.edges.Write(append(h, "citations", "evidence:string[]", "evidenceJson", "extra"))
	}
}

func (e *neo4jEncoder) Node(n kg.Node) error {
	if e.closed {
		return errClosed
	}
	e.headers()
	labels := []string{"Entity"}
	if n.Kind != "" {
		labels = []string{string(n.Kind), "Entity"}
	}
	row := []string{string(n.ID), neo4jArray(labels), string(n.Kind), n.Label, neo4jArray(n.Aliases)}
	cols, extra := columns(n.Props, nodeProps)
	if err := e.nodes.Write(SafeRecord(append(append(row, cols...), extra))); err != nil {
		return err
	}
	return nil
}

func (e *neo4jEncoder) Edge(ed kg.Edge) error {
	if e.closed {
		return errClosed
	}
	e.headers()
	row := []string{string(ed.From), string(ed.To), string(ed.Kind)}
	cols, extra := columns(ed.Props, edgeProps)
	row = append(row, cols...)
	var cites []string
	for _, ev := range evidenceList(ed) {
		cites = append(cites, ev.Citation)
	}
	row = append(row, citations(ed), neo4jArray(cites), evidenceText(ed), extra)
	return e.edges.Write(SafeRecord(row))
}

// columns returns the values of the schema's properties in its order, ""
// where absent, and the other properties as JSON.
func columns(props map[string]string, schema []propSpec) ([]string, string) {
	typedProps, extra := splitProps(props, schema)
	vals := make(map[string]string, len(typedProps))
	for _, p := range typedProps {
		vals[p.spec.name] = p.value
	}
	cols := make([]string, len(schema))
	for i, p := range schema {
		cols[i] = vals[p.name]
	}
	return cols, extra
}

func (e *neo4jEncoder) Close() error {
	if e.closed {
		return nil
	}
	e.headers()
	e.closed = true
	e.nodes.Flush()
	e.edges.Flush()
	if err := e.nodes.Error(); err != nil {
		return err
	}
	return e.edges.Error()
}
