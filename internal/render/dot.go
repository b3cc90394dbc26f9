package render

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// BuildDOT writes the subgraph as a self-contained Graphviz DOT document:
// the title as the graph label at the top, one node per entity styled by
// kind (see kindStyles), edges labelled with their humanised kind, and a
// "Key" cluster holding the legend of the kinds present and the caption
// citing the source paragraphs. Every node links to its entity page
// (kg.EntityPath) and every edge to the first paragraph supporting it.
//
// The output is deterministic: the same subgraph and options give the
// same bytes. Node names are generated (n0, n1, ... in ID order), so no
// entity text appears outside an escaped label or tooltip.
//
// The DOT names its engine in the layout attribute and lays out well with
// `dot`; Renderer draws other engines' legends below the graph instead.
func BuildDOT(g kg.Subgraph, opts Options) ([]byte, error) {
	engine := opts.Engine
	if engine == Auto {
		engine = DefaultLimits().auto(len(g.Nodes), len(g.Edges))
	}
	d, err := newDiagram(g, opts, engine)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	d.writeHead(&b, true)
	d.writeBody(&b)
	d.writeKeyCluster(&b)
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// diagram is a subgraph prepared for drawing: sorted, named, styled.
type diagram struct {
	title   string
	caption string
	engine  Engine
	dir     Direction
	nodes   []dnode
	edges   []dedge
	kinds   []kg.Kind // kinds present, in kg.Kinds order; "" for unknown
	focus   bool      // some node is a focus node
	labels  bool      // edges carry their labels (see labelledEdges)
	// plainOverlap replaces sfdp's prism overlap removal with scaling: in
	// the WebAssembly Graphviz, prism on a degenerate layout (nodes on one
	// line) gives NaN positions or "failed to read wasm memory"; drawSVG
	// retries such a layout with it.
	plainOverlap bool
}

// Edge labels cost: dot turns each into a node of its own rank, which made
// a 100-node, 300-edge layout 7 times slower (docs/diagrams.md), and on a
// large diagram they are unreadable anyway. Beyond these counts edges go
// unlabelled and say their relation in their tooltip.
const (
	labelledEdgesDot   = 80
	labelledEdgesOther = 150
	splineEdges        = 80 // neato and fdp route curved edges up to here
)

type dnode struct {
	name  string
	node  kg.Node
	focus bool
}

type dedge struct {
	from, to string
	edge     kg.Edge
}

func newDiagram(g kg.Subgraph, opts Options, engine Engine) (*diagram, error) {
	d := &diagram{engine: engine, dir: opts.direction()}
	title := opts.Title
	if title == "" {
		title = g.Title
	}
	d.title = clean(title)

	nodes := append([]kg.Node(nil), g.Nodes...)
	sort.SliceStable(nodes, func(i, j int) bool { return nodes[i].ID < nodes[j].ID })
	focus := map[kg.ID]bool{}
	for _, id := range g.Focus {
		focus[id] = true
	}
	names := make(map[kg.ID]string, len(nodes))
	present := map[kg.Kind]bool{}
	for _, n := range nodes {
		if _, dup := names[n.ID]; dup {
			continue
		}
		name := "n" + strconv.Itoa(len(d.nodes))
		names[n.ID] = name
		d.nodes = append(d.nodes, dnode{name: name, node: n, focus: focus[n.ID]})
		d.focus = d.focus || focus[n.ID]
		k := n.Kind
		if !k.Valid() {
			k = ""
		}
		present[k] = true
	}
	for _, k := range kg.Kinds {
		if present[k] {
			d.kinds = append(d.kinds, k)
		}
	}
	if present[""] {
		d.kinds = append(d.kinds, "")
	}

	edges := append([]kg.Edge(nil), g.Edges...)
	sort.SliceStable(edges, func(i, j int) bool {
		a, b := edges[i], edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.To < b.To
	})
	var sources []kg.Evidence
	for i, e := range edges {
		if i > 0 && e.Key() == edges[i-1].Key() {
			continue
		}
		from, ok1 := names[e.From]
		to, ok2 := names[e.To]
		if !ok1 || !ok2 {
			return nil, kg.Errorf(kg.CodeInvalid, "edge %s has an end outside the subgraph", e.Key())
		}
		d.edges = append(d.edges, dedge{from: from, to: to, edge: e})
		sources = append(sources, e.Evidence...)
	}
	d.caption = Caption(sources)
	limit := labelledEdgesOther
	if engine == Dot {
		limit = labelledEdgesDot
	}
	d.labels = len(d.edges) <= limit
	return d, nil
}

// writeHead opens the graph and writes the graph, node and edge defaults.
// A standalone DOT also names its layout engine and carries the title; the
// renderer passes the engine itself (a layout attribute would override it)
// and adds the title in its last pass.
func (d *diagram) writeHead(b *bytes.Buffer, standalone bool) {
	b.WriteString("digraph crimegraph {\n")
	attrs := []string{
		`charset="UTF-8"`,
		`fontname=` + quote(fontName),
		`fontsize=` + strconv.Itoa(fontSize),
		`outputorder=edgesfirst`,
		`pad=0.2`,
	}
	if standalone {
		attrs = append(attrs, `layout=`+string(d.engine))
		if d.title != "" {
			attrs = append(attrs, `label=`+d.titleLabel(), `labelloc=t`, `labeljust=l`)
		}
	}
	for _, a := range engineAttrs(d.engine, d.dir, len(d.edges)) {
		if d.plainOverlap && strings.HasPrefix(a, "overlap=") {
			a = "overlap=scale"
		}
		attrs = append(attrs, a)
	}
	b.WriteString("\tgraph [" + strings.Join(attrs, ", ") + "];\n")
	b.WriteString("\tnode [fontname=" + quote(fontName) + ", fontsize=" + strconv.Itoa(fontSize) +
		`, margin="0.11,0.055", penwidth=1, style=filled, color="#333333"];` + "\n")
	b.WriteString("\tedge [fontname=" + quote(fontName) + ", fontsize=" + strconv.Itoa(edgeFontSize) +
		`, color="#555555", fontcolor="#333333", arrowsize=0.7, penwidth=0.9];` + "\n")
}

// engineAttrs are the graph attributes that make each engine draw a
// readable diagram in bounded time: spacing, overlap removal, and the
// iteration limits of dot's ranking and crossing minimisation.
func engineAttrs(e Engine, dir Direction, edges int) []string {
	splines := "splines=true"
	if edges > splineEdges {
		splines = "splines=false" // routing around nodes dominated neato's time
	}
	switch e {
	case Dot:
		return []string{"rankdir=" + string(dir), "nodesep=0.25", "ranksep=0.5", "newrank=true",
			"mclimit=0.5", "nslimit=20", "nslimit1=20", "searchsize=50"}
	case Neato:
		return []string{`overlap=false`, `sep="+10"`, splines, `maxiter=600`}
	case FDP:
		return []string{`overlap=false`, `sep="+10"`, splines, `maxiter=300`}
	case SFDP:
		return []string{`overlap=prism`, `sep="+6"`, `splines=false`, `maxiter=300`}
	case Circo:
		return []string{`mindist=0.5`, `splines=false`}
	}
	return nil
}

func (d *diagram) titleLabel() string {
	lines := wrap(d.title, 80, 2)
	var parts []string
	for _, l := range lines {
		parts = append(parts, "<B>"+htmlText(l)+"</B>")
	}
	return `<<FONT POINT-SIZE="` + strconv.Itoa(titleFontSize) + `">` + strings.Join(parts, `<BR ALIGN="LEFT"/>`) +
		`<BR ALIGN="LEFT"/></FONT>>`
}

// writeBody writes the nodes and edges.
func (d *diagram) writeBody(b *bytes.Buffer) {
	for _, n := range d.nodes {
		b.WriteString("\t" + n.name + " [" + strings.Join(nodeAttrs(n), ", ") + "];\n")
	}
	for _, e := range d.edges {
		b.WriteString("\t" + e.from + " -> " + e.to + " [" + strings.Join(edgeAttrs(e.edge, d.labels), ", ") + "];\n")
	}
}

// styleAttrs are the attributes that draw a node of style s with an
// HTML-like label: shared by the nodes and the legend's keys, so a key
// always looks like the nodes it explains.
func styleAttrs(label string, s kindStyle) []string {
	attrs := []string{
		"label=<" + label + ">",
		"shape=" + s.Shape,
		"style=" + quote(s.Style),
		"fillcolor=" + quote(s.Fill),
		"fontcolor=" + quote(s.FontColor),
	}
	if s.Peripheries > 0 {
		attrs = append(attrs, "peripheries="+strconv.Itoa(s.Peripheries))
	}
	return attrs
}

func nodeAttrs(n dnode) []string {
	s := styleOf(n.node.Kind)
	attrs := styleAttrs(nodeLabel(n), s)
	if n.focus {
		attrs = append(attrs, "penwidth=3")
	}
	if u := kg.EntityPath(n.node.ID); safeURL(u) {
		attrs = append(attrs, "URL="+quote(u))
	}
	attrs = append(attrs, "tooltip="+quote(nodeTooltip(n.node)))
	class := "unknown"
	if n.node.Kind.Valid() {
		class = strings.ToLower(string(n.node.Kind))
	}
	attrs = append(attrs, `class="kind-`+class+`"`)
	return attrs
}

// nodeLabel is the HTML-like label of a node: its name wrapped (bold when
// it is a focus node) and a smaller line that identifies it further. A
// recommendation shows its ref and document, then a short excerpt of its
// text.
func nodeLabel(n dnode) string {
	if l := nodeLabelParts(n); l != "" {
		return l
	}
	// Text that cleans away entirely (control characters only) still
	// needs a label: an empty HTML-like element is a syntax error.
	return htmlText(excerpt(string(n.node.ID), 40))
}

// tag wraps s in an HTML-like element, or gives "" for empty s: Graphviz
// refuses empty elements such as <B></B>.
func tag(open, close, s string) string {
	if s == "" {
		return ""
	}
	return open + s + close
}

func nodeLabelParts(n dnode) string {
	node := n.node
	bold := func(s string) string {
		if n.focus {
			return tag("<B>", "</B>", s)
		}
		return s
	}
	small := func(s string) string {
		return tag(`<FONT POINT-SIZE="`+strconv.Itoa(smallFontSize)+`">`, `</FONT>`, s)
	}
	switch node.Kind {
	case kg.KindRecommendation, kg.KindParagraph:
		ref := node.Prop(kg.PropRef)
		doc := node.Prop(kg.PropDocument)
		if doc == "" {
			doc = node.ID.DocKey()
		}
		head := tag("<B>", "</B>", htmlText(excerpt(ref, 16)))
		if node.Kind == kg.KindParagraph {
			head = "<B>para. " + htmlText(excerpt(ref, 16)) + "</B>"
		}
		if ref == "" {
			head = bold(htmlLines(wrap(node.Label, lineWidth, 1), ""))
		}
		if d := small(htmlText(excerpt(doc, 24))); d != "" {
			head = strings.TrimSpace(head + " " + d)
		}
		text := node.Prop(kg.PropText)
		if text == "" && ref != "" {
			text = node.Label
		}
		body := tag(`<FONT POINT-SIZE="9">`, "</FONT>", htmlLines(wrap(excerpt(text, 90), 30, 3), ""))
		if body == "" || head == "" {
			return head + body
		}
		return head + "<BR/>" + body
	}
	label := node.Label
	if label == "" {
		label = node.ID.Key()
	}
	out := bold(htmlLines(wrap(label, lineWidth, maxLabelLines), ""))
	if sub := small(htmlText(subtitle(node))); sub != "" {
		if out != "" {
			out += "<BR/>"
		}
		out += sub
	}
	return out
}

// subtitle is the small second line of a node: the code or symbol that
// identifies it, when its label does not already say it.
func subtitle(n kg.Node) string {
	var s string
	switch n.Kind {
	case kg.KindCrimeType:
		if c := n.Prop(kg.PropICCS); c != "" {
			s = "ICCS " + c
		}
	case kg.KindDocument, kg.KindInstrument:
		s = n.Prop(kg.PropSymbol)
	case kg.KindMeeting:
		s = n.Prop(kg.PropStart)
	case kg.KindState:
		s = n.Prop(kg.PropISO3)
	}
	if s == "" || strings.Contains(n.Label, s) {
		return ""
	}
	return excerpt(s, 30)
}

func nodeTooltip(n kg.Node) string {
	var b strings.Builder
	b.WriteString(kindName(n.Kind) + ": " + excerpt(n.Label, 200))
	if t := n.Prop(kg.PropText); t != "" {
		b.WriteString(" — " + excerpt(t, 600))
	}
	return b.String()
}

func edgeAttrs(e kg.Edge, labelled bool) []string {
	label := Humanize(e.Kind)
	if r := e.Props[kg.PropRole]; r != "" {
		label += " (" + excerpt(r, 24) + ")"
	}
	var attrs []string
	if labelled {
		attrs = append(attrs, "label=<"+htmlText(label)+">")
	}
	if st := edgeStyle(e.Kind); st != "solid" {
		attrs = append(attrs, "style="+st)
	}
	evidence := kg.MergeEvidence(nil, e.Evidence)
	var cites []string
	for _, ev := range evidence {
		cites = append(cites, clean(ev.Citation()))
	}
	tip := label
	if len(cites) > 0 {
		if len(cites) > 12 {
			cites = append(cites[:11], fmt.Sprintf("and %d more", len(cites)-11))
		}
		tip += " — " + strings.Join(cites, "; ")
	}
	for _, ev := range evidence { // link the first paragraph that supports the edge
		if u := kg.EntityPath(ev.ParagraphID()); ev.Ref != "" && safeURL(u) {
			attrs = append(attrs, "URL="+quote(u))
			break
		}
	}
	attrs = append(attrs, "tooltip="+quote(tip))
	return attrs
}

// keyItem is one entry of the legend: a node drawn like the kind it
// stands for, or a line of text.
type keyItem struct {
	name  string
	attrs []string
}

func (d *diagram) keyItems() []keyItem {
	items := []keyItem{{name: "key_title", attrs: []string{`label=<<B>Key</B>>`, "shape=plaintext", `style=""`}}}
	for i, k := range d.kinds {
		s := styleOf(k)
		name := "Other"
		if k != "" {
			name = kindName(k)
		}
		attrs := styleAttrs(htmlText(name), s)
		items = append(items, keyItem{name: "key_" + strconv.Itoa(i), attrs: attrs})
	}
	if d.focus {
		items = append(items, keyItem{name: "key_focus", attrs: []string{
			`label=<thick outline: subject of the query>`, "shape=plaintext", `style=""`}})
	}
	return items
}

// keyDefaults are the node defaults inside the legend.
const keyDefaults = `node [fontsize=` + "9" + `, margin="0.08,0.03", height=0.3, width=0.4];`

func (d *diagram) captionItem() (keyItem, bool) {
	lines := wrap(d.caption, 110, 6)
	if !d.labels {
		lines = append(lines, fmt.Sprintf("Edge labels are left out of a diagram of %d edges: point at an edge to see its relation and sources.", len(d.edges)))
	}
	if len(lines) == 0 {
		return keyItem{}, false
	}
	label := `<<FONT POINT-SIZE="` + strconv.Itoa(smallFontSize) + `">` + htmlLines(lines, "LEFT") + `</FONT>>`
	return keyItem{name: "key_caption", attrs: []string{"label=" + label, "shape=plaintext", `style=""`}}, true
}

// writeKeyCluster writes the legend and caption as a cluster for a
// standalone DOT, its items on one rank: a column beside a left-to-right
// graph, a row above a top-to-bottom one. (The renderer places them under
// the graph instead, for every engine.)
func (d *diagram) writeKeyCluster(b *bytes.Buffer) {
	items := d.keyItems()
	if c, ok := d.captionItem(); ok {
		items = append(items, c)
	}
	b.WriteString("\tsubgraph cluster_key {\n")
	b.WriteString(`		graph [label="", style="rounded", color="#999999", margin=8];` + "\n")
	b.WriteString("\t\t" + keyDefaults + "\n")
	var names []string
	for _, it := range items {
		b.WriteString("\t\t" + it.name + " [" + strings.Join(it.attrs, ", ") + "];\n")
		names = append(names, it.name)
	}
	b.WriteString("\t\t{rank=same; " + strings.Join(names, "; ") + ";}\n")
	b.WriteString("\t}\n")
}

// measureDOT is a graph of the legend items alone, laid out only to learn
// the size Graphviz gives each (the renderer then places them itself).
func (d *diagram) measureDOT() []byte {
	var b bytes.Buffer
	b.WriteString("digraph key {\n")
	b.WriteString("\tgraph [charset=\"UTF-8\", fontname=" + quote(fontName) + "];\n")
	b.WriteString("\tnode [fontname=" + quote(fontName) + `, penwidth=1, style=filled, color="#333333"];` + "\n")
	b.WriteString("\t" + keyDefaults + "\n")
	items := d.keyItems()
	if c, ok := d.captionItem(); ok {
		items = append(items, c)
	}
	for _, it := range items {
		b.WriteString("\t" + it.name + " [" + strings.Join(it.attrs, ", ") + "];\n")
	}
	b.WriteString("}\n")
	return b.Bytes()
}
