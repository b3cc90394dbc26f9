// Package extract turns a parsed report into graph facts: the document's
// structure as nodes, the entities named in each paragraph, and the
// relations between them — each with the evidence (document, paragraph
// ref, byte span) it rests on. A fact that cannot be traced to a paragraph
// is not produced.
package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
)

// Mention is an entity found in a text, with its byte span.
type Mention struct {
	Node       kg.Node // the entity as the gazetteer knows it
	Start, End int
}

// Context tells a Recognizer where a text comes from, for the few names
// whose meaning depends on it ("resolution 68/1" in a report of the
// Commission on Narcotic Drugs).
type Context struct {
	Body    string   // issuing body of the document
	Symbols []string // the document's own symbols, never cited as references
	// State is the State the document is about, the one its title names
	// ("Situation in South Sudan"), or "": the State of the institutions it
	// names bare ("the National Police Service").
	State kg.ID
}

// Recognizer finds entities in text. The gazetteer implements it.
type Recognizer interface {
	// Recognize returns the mentions in text, leftmost-longest, sorted by Start.
	Recognize(text string, c Context) []Mention
	// Version identifies the recognizer's data, so that a change of it
	// makes unchanged files worth re-ingesting.
	Version() string
	// Node returns a known entity by ID (the body that adopted a
	// resolution, say).
	Node(id kg.ID) (kg.Node, bool)
	// Acronyms returns the entities text defines an acronym for, as in
	// "Full Name (ACR)": each Node carries ACR among its Aliases, and the
	// span covers the whole definition.
	Acronyms(text string, c Context) []Mention
	// DocumentState returns the State a document of that title is about,
	// or "".
	DocumentState(title string) kg.ID
}

// Result is what extraction yields for one document.
type Result struct {
	Fragment        kg.Fragment
	Record          kg.DocRecord
	Paragraphs      int            // numbered paragraphs and their items
	Recommendations int            // calls to act of every form
	Calls           map[string]int // calls to act by form (kg.FormRecommendation, …)
}

// Extract builds the fragment of document docKey from its parsed report.
func Extract(rep *report.Report, docKey string, rec Recognizer) Result {
	return Prepare(rep).Extract(docKey, rec)
}

// Parts returns the document's own nodes (the document, its sections,
// paragraphs and recommendations) as Extract states them before it looks
// for entities: cheap to build, and most of the document's text, so that
// ingest can index them while Extract runs.
func Parts(rep *report.Report, docKey string) []kg.Node {
	return Prepare(rep).Parts(docKey)
}

// Prepared is a report with what Parts and Extract both read of it found
// once: its calls to act, the costliest step of either (their rules run
// over every sentence). Both may run at once: neither changes it.
type Prepared struct {
	rep   *report.Report
	calls map[string]*call
}

// Prepare finds a report's calls to act, for Parts and Extract.
func Prepare(rep *report.Report) *Prepared {
	return &Prepared{rep: rep, calls: findCalls(rep)}
}

// Extract is the package's Extract on a prepared report.
func (pr *Prepared) Extract(docKey string, rec Recognizer) Result {
	x := newExtractor(pr, docKey, rec)
	x.run()
	var f kg.Fragment
	f.Doc = docKey
	for _, n := range x.nodes {
		f.Nodes = append(f.Nodes, n)
	}
	f.Edges = x.edges
	rep := pr.rep
	return Result{
		Fragment:        f,
		Record:          kg.DocRecord{Key: docKey, Title: rep.Title, Symbols: rep.Symbols, Paragraphs: x.nParas, Recommendations: x.nRecs},
		Paragraphs:      x.nParas,
		Recommendations: x.nRecs,
		Calls:           x.byForm,
	}
}

// Parts is the package's Parts on a prepared report. They are built apart
// from Extract's own nodes, at the cost of building them twice, because
// later steps of Extract add to its nodes while the index reads these.
func (pr *Prepared) Parts(docKey string) []kg.Node {
	x := newExtractor(pr, docKey, nil)
	x.document()
	x.structure()
	var out []kg.Node
	for id, n := range x.nodes {
		if id.DocKey() == docKey {
			out = append(out, n)
		}
	}
	return out
}

func newExtractor(pr *Prepared, docKey string, rec Recognizer) *extractor {
	rep := pr.rep
	ctx := Context{Body: rep.Body, Symbols: rep.Symbols}
	if rec != nil {
		ctx.State = rec.DocumentState(rep.Title)
	}
	return &extractor{rep: rep, key: docKey, rec: rec, nodes: map[kg.ID]kg.Node{},
		ctx:   ctx,
		paras: map[string]*report.Paragraph{}, mentions: map[string][]Mention{}, named: map[string]kg.Node{}, sections: map[string]*report.Section{},
		calls: pr.calls, byForm: map[string]int{}}
}

type extractor struct {
	rep      *report.Report
	key      string
	rec      Recognizer
	ctx      Context
	nodes    map[kg.ID]kg.Node
	edges    []kg.Edge
	paras    map[string]*report.Paragraph
	mentions map[string][]Mention // paragraph ref → what Recognize found in it
	named    map[string]kg.Node   // short noun ("Panel") → the one body named in full so far with it, no ID when several
	sections map[string]*report.Section
	docID    kg.ID
	meeting  kg.ID
	nParas   int
	nRecs    int
	calls    map[string]*call // paragraph ref → the call to act it states
	byForm   map[string]int
}

// node adds n, merging aliases with an earlier statement of the same node.
func (x *extractor) node(n kg.Node) kg.ID {
	if old, ok := x.nodes[n.ID]; ok {
		old.Aliases = kg.SortedSet(append(old.Aliases, n.Aliases...))
		for k, v := range n.Props {
			if _, ok := old.Props[k]; !ok {
				if old.Props == nil {
					old.Props = map[string]string{}
				}
				old.Props[k] = v
			}
		}
		x.nodes[n.ID] = old
		return n.ID
	}
	if n.Kind == "" {
		n.Kind = n.ID.Kind()
	}
	x.nodes[n.ID] = n
	return n.ID
}

func (x *extractor) edge(from kg.ID, k kg.EdgeKind, to kg.ID, ev kg.Evidence, props map[string]string) {
	if from == to {
		return
	}
	ev.Doc = x.key
	x.edges = append(x.edges, kg.Edge{From: from, Kind: k, To: to, Props: props, Evidence: []kg.Evidence{ev}})
}

func (x *extractor) paraID(ref string) kg.ID { return kg.PartID(kg.KindParagraph, x.key, ref) }

func (x *extractor) recID(ref string) kg.ID { return kg.PartID(kg.KindRecommendation, x.key, ref) }

func (x *extractor) sectionID(key string) kg.ID { return kg.PartID(kg.KindSection, x.key, key) }

func (x *extractor) run() {
	x.document()
	x.structure()
	x.meetings()
	x.otherMeetings()
	x.entities()
	x.instruments()
	x.participation()
	x.attendanceList()
	x.officers()
	x.groups()
	x.series()
	x.titleSeries()
	x.stream()
}

// document adds the document node and the documents its annex lists.
func (x *extractor) document() {
	r := x.rep
	props := map[string]string{kg.PropTitle: r.Title}
	if len(r.Symbols) > 0 {
		props[kg.PropSymbol] = r.Symbols[0]
		props[kg.PropSymbols] = strings.Join(r.Symbols, " | ")
	}
	setIf(props, kg.PropDate, r.Date)
	setIf(props, kg.PropBody, r.Body)
	label := r.Title
	if label == "" {
		label = x.key
	}
	documentProps(r, props)
	x.docID = x.node(kg.Node{ID: kg.NewID(kg.KindDocument, x.key), Label: label, Aliases: r.Symbols, Props: props})
	if len(r.Annex) == 0 {
		return
	}
	// The annexed list has no paragraph number: it becomes a paragraph of
	// its own, ref "annex", so each listed document is cited to it.
	var text strings.Builder
	type span struct{ start, end int }
	spans := make([]span, len(r.Annex))
	for i, a := range r.Annex {
		if i > 0 {
			text.WriteString("\n")
		}
		spans[i].start = text.Len()
		text.WriteString(a.Symbol)
		spans[i].end = text.Len()
		if a.Title != "" {
			text.WriteString("\t" + a.Title)
		}
	}
	annex := x.node(kg.Node{ID: x.paraID(AnnexRef), Label: x.key + ", annex",
		Props: map[string]string{kg.PropRef: AnnexRef, kg.PropDocument: x.key, kg.PropText: text.String(), kg.PropOrder: strconv.Itoa(1 << 20)}})
	x.edge(x.docID, kg.EdgeContains, annex, kg.Evidence{Ref: AnnexRef}, nil)
	for i, a := range r.Annex {
		if a.Symbol == "" || a.Symbol == x.key {
			continue
		}
		cited := x.node(citedDocument(a.Symbol, a.Title))
		x.edge(x.docID, kg.EdgeListsDoc, cited, kg.Evidence{Ref: AnnexRef, Start: spans[i].start, End: spans[i].end}, nil)
	}
}

// AnnexRef is the ref of the paragraph holding a report's annexed list of
// documents.
const AnnexRef = "annex"

func citedDocument(symbol, title string) kg.Node {
	n := kg.Node{ID: kg.NewID(kg.KindDocument, symbol), Label: symbol, Props: map[string]string{kg.PropSymbol: symbol}}
	if title != "" {
		n.Props[kg.PropTitle] = title
	}
	return n
}

func setIf(m map[string]string, k, v string) {
	if v != "" {
		m[k] = v
	}
}

// structure adds sections, paragraphs, items and recommendations, and the
// CONTAINS edges between them.
func (x *extractor) structure() {
	r := x.rep
	var walkSec func(parent kg.ID, ss []*report.Section)
	walkSec = func(parent kg.ID, ss []*report.Section) {
		for _, s := range ss {
			x.sections[s.Key] = s
			label := s.Title
			if s.Number != "" {
				label = s.Number + ". " + s.Title
			}
			props := map[string]string{
				kg.PropDocument: x.key, kg.PropLevel: strconv.Itoa(s.Level), kg.PropOrder: strconv.Itoa(s.Order),
				kg.PropSecKind: string(s.Kind),
			}
			setIf(props, kg.PropNumber, s.Number)
			id := x.node(kg.Node{ID: x.sectionID(s.Key), Label: truncate(label, 160), Props: props})
			x.edge(parent, kg.EdgeContains, id, x.sectionEvidence(s), nil)
			walkSec(id, s.Children)
		}
	}
	walkSec(x.docID, r.Sections)

	var walkPara func(parent kg.ID, ps []*report.Paragraph, chapeau string)
	walkPara = func(parent kg.ID, ps []*report.Paragraph, chapeau string) {
		for _, p := range ps {
			x.paras[p.Ref] = p
			x.nParas++
			props := map[string]string{
				kg.PropRef: p.Ref, kg.PropDocument: x.key, kg.PropText: p.Text,
				kg.PropOrder: strconv.Itoa(p.Order),
			}
			if p.Section != "" {
				props[kg.PropSection] = string(x.sectionID(p.Section))
			}
			if p.Page > 0 {
				props[kg.PropPage] = strconv.Itoa(p.Page)
			}
			c := x.calls[p.Ref]
			if c != nil {
				props[kg.PropStates] = string(x.recID(p.Ref))
			}
			setIf(props, kg.PropPartKind, p.Kind)
			// Labelled as cited: "S/2025/85, para. 61(d)", "E/2025/28,
			// resolution 68/1, para. 3".
			label := kg.Evidence{Doc: x.key, Ref: p.Ref}.Citation()
			pid := x.node(kg.Node{ID: x.paraID(p.Ref), Label: label, Props: props})
			x.edge(parent, kg.EdgeContains, pid, kg.Evidence{Ref: p.Ref}, nil)
			if c != nil {
				x.recommendation(p, pid, c)
			}
			walkPara(pid, p.Items, p.Text)
		}
	}
	// Top-level paragraphs hang below their section, or the document.
	for _, p := range r.Paragraphs {
		parent := x.docID
		if p.Section != "" {
			if _, ok := x.sections[p.Section]; ok {
				parent = x.sectionID(p.Section)
			}
		}
		walkPara(parent, []*report.Paragraph{p}, "")
	}
}

// sectionEvidence cites the first paragraph of a section, since headings
// have no paragraph number of their own.
func (x *extractor) sectionEvidence(s *report.Section) kg.Evidence {
	var first func(s *report.Section) string
	first = func(s *report.Section) string {
		if len(s.Paragraphs) > 0 {
			return s.Paragraphs[0]
		}
		for _, c := range s.Children {
			if r := first(c); r != "" {
				return r
			}
		}
		return ""
	}
	return kg.Evidence{Ref: first(s)}
}

func (x *extractor) recommendation(p *report.Paragraph, pid kg.ID, c *call) {
	x.nRecs++
	x.byForm[c.form]++
	props := map[string]string{kg.PropRef: p.Ref, kg.PropDocument: x.key, kg.PropText: p.Text, kg.PropForm: c.form}
	setIf(props, kg.PropVerb, c.verb)
	if len(c.verbs) > 1 {
		props[kg.PropVerbs] = strings.Join(c.verbs, " | ")
	}
	setIf(props, kg.PropBy, c.by)
	if p.Section != "" {
		props[kg.PropSection] = string(x.sectionID(p.Section))
	}
	setIf(props, "chapeau", p.Chapeau)
	id := x.node(kg.Node{ID: x.recID(p.Ref),
		Label: p.Ref + " " + truncate(p.Text, 90), Props: props})
	x.edge(pid, kg.EdgeTextOf, id, kg.Evidence{Ref: p.Ref}, nil)
}

// truncate cuts s to at most n runes at a word boundary, adding "…".
func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if utf8.RuneCountInString(s[:i]) >= n {
			break
		}
		cut = i
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > n/2 {
		cut = sp
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}
