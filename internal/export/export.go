// Package export writes the graph, or any part of it, in the formats other
// tools read: GraphML (Gephi, yEd, Cytoscape, networkx), GEXF 1.2 (Gephi),
// Cytoscape.js JSON (Cytoscape.js and Cytoscape desktop), CSV for Neo4j's
// admin importer, and RDF N-Quads (any RDF store; Dgraph's live loader).
//
// Every format carries every node property and, on every edge, the
// evidence for it: the citations as text and the exact evidence (document,
// paragraph, byte span) as JSON or as RDF statements.
//
// Each format has an Encoder that writes as it goes, so a caller can export
// the whole graph without holding it in memory: give it every node, then
// every edge, then Close it. Write and Export do that for a kg.Subgraph.
// docs/exports.md says how to load each format into each tool.
package export

import (
	"archive/zip"
	"io"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Format is an export format.
type Format string

// The formats.
const (
	GraphML   Format = "graphml"
	GEXF      Format = "gexf"
	Cytoscape Format = "cyjs"      // Cytoscape.js JSON
	Neo4j     Format = "neo4j"     // a zip of nodes.csv and edges.csv for neo4j-admin import
	NQuads    Format = "nq"        // RDF N-Quads
	NodesCSV  Format = "csv-nodes" // the nodes.csv of the Neo4j export alone
	EdgesCSV  Format = "csv-edges" // the edges.csv of the Neo4j export alone
	// DgraphSchemaFormat is the Dgraph schema for an N-Quads export
	// (DgraphSchema): the same for every graph, for dgraph live --schema.
	DgraphSchemaFormat Format = "dgraph-schema"
)

// Formats lists every format in a fixed order.
var Formats = []Format{GraphML, GEXF, Cytoscape, Neo4j, NodesCSV, EdgesCSV, NQuads, DgraphSchemaFormat}

// ParseFormat accepts a format name or a common alias, in any case.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "graphml":
		return GraphML, nil
	case "gexf":
		return GEXF, nil
	case "cyjs", "cytoscape", "cytoscapejs", "json":
		return Cytoscape, nil
	case "neo4j", "csv":
		return Neo4j, nil
	case "nq", "nquads", "n-quads", "rdf":
		return NQuads, nil
	case "csv-nodes", "nodes.csv":
		return NodesCSV, nil
	case "csv-edges", "edges.csv":
		return EdgesCSV, nil
	case "dgraph-schema", "dgraph":
		return DgraphSchemaFormat, nil
	}
	return "", kg.Errorf(kg.CodeInvalid, "unknown export format %q: want graphml, gexf, cyjs, neo4j, csv-nodes, csv-edges, nq or dgraph-schema", s)
}

// ContentType is the media type of an export.
func (f Format) ContentType() string {
	switch f {
	case GraphML:
		return "application/graphml+xml"
	case GEXF:
		return "application/gexf+xml"
	case Cytoscape:
		return "application/json"
	case Neo4j:
		return "application/zip"
	case NQuads:
		return "application/n-quads"
	case NodesCSV, EdgesCSV:
		return "text/csv; charset=utf-8"
	case DgraphSchemaFormat:
		return "text/plain; charset=utf-8"
	}
	return "application/octet-stream"
}

// Extension is the file name extension of an export, with its dot.
func (f Format) Extension() string {
	switch f {
	case Neo4j:
		return ".zip"
	case NodesCSV:
		return ".nodes.csv"
	case EdgesCSV:
		return ".edges.csv"
	case DgraphSchemaFormat:
		return ".dgraph"
	}
	return "." + string(f)
}

// Options configure an export.
type Options struct {
	// Title describes the export (GraphML graph data, GEXF description,
	// Cytoscape network name).
	Title string
	// BaseIRI prefixes the IRIs of N-Quads exports; "" means DefaultBaseIRI.
	// It must end with "/".
	BaseIRI string
}

// Encoder writes one graph in one format. Give it every node, then every
// edge, then call Close, which finishes the document (it does not close
// the underlying writer). Formats that keep nodes and edges in separate
// sections (GEXF, Cytoscape.js) refuse a node after an edge.
type Encoder interface {
	Node(kg.Node) error
	Edge(kg.Edge) error
	Close() error
}

// Write gives enc the subgraph's nodes and edges and closes it.
func Write(enc Encoder, g kg.Subgraph) error {
	for _, n := range g.Nodes {
		if err := enc.Node(n); err != nil {
			return err
		}
	}
	for _, e := range g.Edges {
		if err := enc.Edge(e); err != nil {
			return err
		}
	}
	return enc.Close()
}

// Export writes g to w in format f. A Neo4j export is a zip holding
// nodes.csv, edges.csv and import.txt (the neo4j-admin command). The Dgraph
// schema does not depend on g.
func Export(w io.Writer, f Format, g kg.Subgraph, opts Options) error {
	if opts.Title == "" {
		opts.Title = g.Title
	}
	switch f {
	case GraphML:
		return Write(NewGraphML(w, opts), g)
	case GEXF:
		return Write(NewGEXF(w, opts), g)
	case Cytoscape:
		return Write(NewCytoscape(w, opts), g)
	case NQuads:
		return Write(NewNQuads(w, opts), g)
	case Neo4j:
		return writeNeo4jZip(w, g, opts)
	case NodesCSV:
		return Write(NewNeo4jCSV(w, io.Discard, opts), g)
	case EdgesCSV:
		return Write(NewNeo4jCSV(io.Discard, w, opts), g)
	case DgraphSchemaFormat:
		return DgraphSchema(w, opts.BaseIRI)
	}
	_, err := ParseFormat(string(f))
	return err
}

func writeNeo4jZip(w io.Writer, g kg.Subgraph, opts Options) error {
	z := zip.NewWriter(w)
	nodes, err := z.Create("nodes.csv")
	if err != nil {
		return err
	}
	// zip entries are written one after the other, so the edges are
	// buffered while the nodes stream.
	var edges strings.Builder
	enc := NewNeo4jCSV(nodes, &edges, opts)
	if err := Write(enc, g); err != nil {
		return err
	}
	ew, err := z.Create("edges.csv")
	if err != nil {
		return err
	}
	if _, err := io.WriteString(ew, edges.String()); err != nil {
		return err
	}
	iw, err := z.Create("import.txt")
	if err != nil {
		return err
	}
	if _, err := io.WriteString(iw, Neo4jImportCommand); err != nil {
		return err
	}
	return z.Close()
}
