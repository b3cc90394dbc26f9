// Package kg holds crimegraph's domain model: the nodes, edges and evidence
// of the knowledge graph, the identifiers that make the same entity found in
// two documents one node, and the error type shared by every layer.
//
// It imports no storage, transport or rendering package, so the store, the
// ingestion pipeline, the GraphQL API, the diagram renderer and the UI all
// speak the same language.
package kg

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Kind is the kind of a node.
type Kind string

// The node kinds. The string values are the GraphQL type names.
const (
	KindDocument       Kind = "Document"
	KindSection        Kind = "Section"
	KindParagraph      Kind = "Paragraph"
	KindRecommendation Kind = "Recommendation"
	KindState          Kind = "State"
	KindOrganization   Kind = "Organization"
	KindCrimeType      Kind = "CrimeType"
	KindInstrument     Kind = "Instrument"
	KindTheme          Kind = "Theme"
	KindPerson         Kind = "Person"
	KindMeeting        Kind = "Meeting"
	// KindGroup is a non-state group: a terrorist group, a gang or gang
	// coalition, an armed group, a criminal network. It is not an
	// Organization because nothing about it is official: it has no seat,
	// no mandate and no symbol, and analysts ask of it other questions
	// (where it operates, whom it is affiliated with, who leads it).
	KindGroup Kind = "Group"
	// KindSeries is a run of documents produced under one mandate or one
	// recurring title ("the quarterly reports under resolution 2692 (2023)").
	KindSeries Kind = "Series"
)

// Kinds lists every node kind in a fixed order, used wherever output must be
// deterministic (stats, legends).
var Kinds = []Kind{
	KindDocument, KindSection, KindParagraph, KindRecommendation,
	KindState, KindOrganization, KindCrimeType, KindInstrument,
	KindTheme, KindPerson, KindMeeting, KindGroup, KindSeries,
}

// prefix is the lower-case kind name that starts every ID of that kind.
func (k Kind) prefix() string { return strings.ToLower(string(k)) }

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// ParseKind accepts a kind in any case ("state", "STATE", "State", "crime_type").
func ParseKind(s string) (Kind, error) {
	n := strings.ToLower(strings.ReplaceAll(s, "_", ""))
	for _, k := range Kinds {
		if k.prefix() == n {
			return k, nil
		}
	}
	return "", Errorf(CodeInvalid, "unknown entity kind %q", s)
}

// EdgeKind is the kind of a relation between two nodes.
type EdgeKind string

// The edge kinds. Each names the relation as read from From to To.
const (
	// Structure of a document.
	EdgeContains EdgeKind = "CONTAINS" // Document/Section/Paragraph → Section/Paragraph/Recommendation

	// Meetings and participation.
	EdgeReports     EdgeKind = "REPORTS_ON"     // Document → Meeting it is the report (or the list of participants) of
	EdgeAttended    EdgeKind = "ATTENDED"       // State/Organization → Meeting; prop "role": member|observer, none where the source says neither
	EdgeStatement   EdgeKind = "STATEMENT_IN"   // State/Organization → Section it spoke under
	EdgeHeldOffice  EdgeKind = "HELD_OFFICE"    // Person → Meeting; prop "role": Chair|Vice-Chair|Rapporteur
	EdgeRepresents  EdgeKind = "REPRESENTS"     // Person → State
	EdgeHeldAt      EdgeKind = "HELD_IN"        // Meeting → State of the venue
	EdgePrepares    EdgeKind = "PREPARES_FOR"   // Meeting → Meeting (regional meeting → Congress)
	EdgeAdoptedBy   EdgeKind = "ADOPTED_BY"     // Instrument → Organization or Meeting that adopted it
	EdgeIssuedBy    EdgeKind = "ISSUED_BY"      // Document → Organization
	EdgeSubtypeOf   EdgeKind = "SUBTYPE_OF"     // CrimeType → CrimeType
	EdgeTextOf      EdgeKind = "TEXT_OF"        // Paragraph → Recommendation it states
	EdgeCites       EdgeKind = "CITES"          // Paragraph → Document or Instrument
	EdgeMentions    EdgeKind = "MENTIONS"       // Paragraph → any entity named in it
	EdgeAddresses   EdgeKind = "ADDRESSES"      // Recommendation → CrimeType
	EdgeInvokes     EdgeKind = "INVOKES"        // Recommendation → Instrument
	EdgeConcerns    EdgeKind = "CONCERNS"       // Recommendation → Theme
	EdgeNamesActor  EdgeKind = "NAMES_ACTOR"    // Recommendation → State/Organization it calls on or names
	EdgeAddressedTo EdgeKind = "ADDRESSED_TO"   // Recommendation → State/Organization its chapeau calls upon
	EdgeListsDoc    EdgeKind = "LISTS_DOCUMENT" // Document → Document in its annexed list of documents

	// Actors of the crime world.
	EdgeInstitutionOf EdgeKind = "INSTITUTION_OF"  // Organization (category national) → its State
	EdgeOperatesIn    EdgeKind = "OPERATES_IN"     // Group → State where the text places it
	EdgeAffiliatedTo  EdgeKind = "AFFILIATED_WITH" // Group → Group it is an affiliate, branch or member of
	EdgeLeads         EdgeKind = "LEADS"           // Person → Group
	EdgeMadeBy        EdgeKind = "MADE_BY"         // Recommendation (any call form) → body or author making it

	// Documents among themselves.
	EdgeSentBy     EdgeKind = "SENT_BY"     // Document (letter, note verbale) → State/Organization/Person signing it
	EdgeSupersedes EdgeKind = "SUPERSEDES"  // Document (revision, Rev.N) → the document it replaces
	EdgeCorrects   EdgeKind = "CORRECTS"    // Document (corrigendum) → the document it corrects
	EdgeAddendumTo EdgeKind = "ADDENDUM_TO" // Document (addendum) → its parent document
	EdgeAmends     EdgeKind = "AMENDS"      // Document (amendment) → the draft it amends
	EdgeInSeries   EdgeKind = "IN_SERIES"   // Document → Series; prop "order": its position
	EdgeMandatedBy EdgeKind = "MANDATED_BY" // Series or Document → Instrument/Document of the mandate
)

// EdgeKinds lists every edge kind in a fixed order.
var EdgeKinds = []EdgeKind{
	EdgeContains, EdgeReports, EdgeAttended, EdgeStatement, EdgeHeldOffice,
	EdgeRepresents, EdgeHeldAt, EdgePrepares, EdgeAdoptedBy, EdgeIssuedBy,
	EdgeSubtypeOf, EdgeTextOf, EdgeCites, EdgeMentions, EdgeAddresses,
	EdgeInvokes, EdgeConcerns, EdgeNamesActor, EdgeAddressedTo, EdgeListsDoc,
	EdgeInstitutionOf, EdgeOperatesIn, EdgeAffiliatedTo, EdgeLeads, EdgeMadeBy,
	EdgeSentBy, EdgeSupersedes, EdgeCorrects, EdgeAddendumTo, EdgeAmends,
	EdgeInSeries, EdgeMandatedBy,
}

// Valid reports whether e is one of EdgeKinds.
func (e EdgeKind) Valid() bool {
	for _, x := range EdgeKinds {
		if x == e {
			return true
		}
	}
	return false
}

// ParseEdgeKind accepts an edge kind in any case.
func ParseEdgeKind(s string) (EdgeKind, error) {
	u := EdgeKind(strings.ToUpper(strings.TrimSpace(s)))
	if !u.Valid() {
		return "", Errorf(CodeInvalid, "unknown edge kind %q", s)
	}
	return u, nil
}

// NameProps are the properties whose values are names too: a State is
// found by its ISO codes (alpha-3 and alpha-2), a crime type by its ICCS
// code, a document or resolution by its symbol, an organization by its
// acronym. The store's name index (Lookup, entity(name:)) and the search
// index's code field both read this one list.
var NameProps = []string{PropISO3, PropISO2, PropICCS, PropSymbol, PropAcronym}

// Well-known property names. Properties are strings; the API gives them types.
const (
	PropISO3      = "iso3"      // State: ISO 3166-1 alpha-3
	PropISO2      = "iso2"      // State: ISO 3166-1 alpha-2
	PropM49       = "m49"       // State: M49 numeric code
	PropRegion    = "region"    // State: M49 region name
	PropSubregion = "subregion" // State: M49 sub-region name
	PropStatus    = "status"    // State: member|observer; Instrument: adopted|draft
	PropICCS      = "iccs"      // CrimeType: ICCS code, empty when none exists
	PropICCSNote  = "iccsNote"  // CrimeType: why there is no code, or what is unconfirmed
	PropCyber     = "cyber"     // CrimeType: "true" when it carries the ICCS cyber-related tag
	PropSymbol    = "symbol"    // Document: primary UN symbol; Instrument: resolution symbol
	PropSymbols   = "symbols"   // Document: every symbol, separated by " | "
	PropTitle     = "title"     // Document title
	PropDate      = "date"      // ISO date (YYYY-MM-DD) of a document or instrument
	PropBody      = "body"      // Document: issuing body; Instrument: adopting body
	PropText      = "text"      // Paragraph/Recommendation: exact text
	PropRef       = "ref"       // Paragraph/Recommendation: "24(h)"
	PropDocument  = "document"  // Section/Paragraph/Recommendation: document key
	PropSection   = "section"   // Paragraph/Recommendation: section node ID
	PropStates    = "states"    // Paragraph: ID of the Recommendation it states (see EdgeTextOf)
	PropOrder     = "order"     // Section/Paragraph: position in the document
	PropPage      = "page"      // Paragraph: page where it starts
	PropLevel     = "level"     // Section: depth in the hierarchy, 1 = chapter
	PropNumber    = "number"    // Section: its own number ("II", "B", "3")
	PropSecKind   = "sectionKind"
	PropVenue     = "venue"     // Meeting
	PropStart     = "startDate" // Meeting
	PropEnd       = "endDate"   // Meeting
	PropSDG       = "sdgTargets"
	PropRole      = "role"     // edge property: member|observer|Chair|...
	PropCategory  = "category" // Organization/Instrument: sub-kind
	PropAcronym   = "acronym"
	PropSource    = "source" // where a gazetteer entry came from

	// Documents of the whole stream.
	PropFamily     = "family"     // Document: report|letter|note-verbale|resolution|decision|draft|amendment|record|list|agenda|information|other
	PropAddressee  = "addressee"  // Document (letter): to whom it is addressed, as printed
	PropSender     = "sender"     // Document (letter): who signs it, as printed
	PropTransmits  = "transmits"  // Document (letter): title of the annex it transmits
	PropParent     = "parent"     // Document (Rev./Corr./Add.): symbol of the parent document
	PropRevision   = "revision"   // Document: "Rev.1", "Corr.1", "Add.2"
	PropMeetingNo  = "meetingNo"  // Document (record, resolution): number of the meeting
	PropPartKind   = "partKind"   // Paragraph: numbered|preambular|operative|heading|table|list|signature|note|text
	PropSuperseded = "superseded" // Document: symbol of the revision that replaces it, set by the store or explore layer that sees both

	// Calls to act (Recommendation nodes of every form).
	PropForm = "form" // Recommendation: recommendation|operative|call
	PropVerb = "verb" // Recommendation: the verb of the call, lower case ("urges", "calls upon")
	// PropVerbs lists every verb of a paragraph that calls more than once
	// ("Requests … and invites …"), the first its verb, separated by " | ":
	// one paragraph stays one Recommendation, cited and linked as before.
	PropVerbs = "verbs"
	PropBy    = "by" // Recommendation: who makes the call, as printed ("the Security Council", "the Secretary-General")

	// Actors.
	PropGroupKind = "groupKind" // Group: terrorist|gang|armed-group|criminal-network
	PropStateISO3 = "state"     // Organization (national), Group: ISO3 of the State it belongs to or is based in
)

// Part kinds (PropPartKind of a Paragraph node): what a piece of a
// document's text is, so that no text is left out for not being a
// numbered paragraph.
const (
	PartNumbered   = "numbered"   // a numbered paragraph of a report or letter, or one of its items
	PartPreambular = "preambular" // a preambular paragraph of a resolution or decision ("Recalling …")
	PartOperative  = "operative"  // an operative paragraph of a resolution or decision ("Decides …")
	PartHeading    = "heading"    // a heading or masthead line that is not a section of the outline
	PartTable      = "table"      // rows of a table
	PartList       = "list"       // a list: of participants, of speakers, of items
	PartSignature  = "signature"  // "(Signed) …" and the signatory's title
	PartNote       = "note"       // a note: footnote, "* Reissued for technical reasons"
	PartText       = "text"       // an unnumbered paragraph (a letter's, a record's, an annex's)
)

// Call forms (PropForm of a Recommendation node).
const (
	FormRecommendation = "recommendation" // a lettered item under a recommendations heading
	FormOperative      = "operative"      // an operative paragraph of a resolution or decision
	FormCall           = "call"           // a call in a report's observations or conclusions
)

// ID identifies a node. It reads "kind:key", e.g. "state:TUR",
// "crimetype:0204", "document:S/2025/85", "recommendation:S/2025/85#61(d)".
// The key is the entity's canonical key: ISO alpha-3 for a State, ICCS code
// for a crime type, UN symbol for a document, document#ref for a paragraph.
type ID string

// MaxIDLen bounds the length of an ID: IDs are keys in the store and in URLs.
const MaxIDLen = 512

// NewID builds the ID of a node of kind k with canonical key key.
func NewID(k Kind, key string) ID { return ID(k.prefix() + ":" + key) }

// Kind returns the kind encoded in the ID, or "" when the ID is malformed.
func (id ID) Kind() Kind {
	p, _, ok := strings.Cut(string(id), ":")
	if !ok {
		return ""
	}
	for _, k := range Kinds {
		if k.prefix() == p {
			return k
		}
	}
	return ""
}

// Key returns the canonical key part of the ID.
func (id ID) Key() string {
	_, k, _ := strings.Cut(string(id), ":")
	return k
}

// Validate checks an ID received from outside.
func (id ID) Validate() error {
	if id.Kind() == "" || id.Key() == "" || len(id) > MaxIDLen || strings.ContainsRune(string(id), 0) {
		return Errorf(CodeInvalid, "malformed id %q: want kind:key, e.g. state:TUR", string(id))
	}
	return nil
}

// PartID is the ID of a document part (section, paragraph, recommendation):
// the document key, '#', then the part's ref.
func PartID(k Kind, docKey, ref string) ID { return NewID(k, docKey+"#"+ref) }

// DocKey returns the document key of a part ID ("S/2025/85" for
// "paragraph:S/2025/85#61"), or "" when id is not a document part.
func (id ID) DocKey() string {
	switch id.Kind() {
	case KindDocument:
		return id.Key()
	case KindSection, KindParagraph, KindRecommendation:
		k, _, _ := strings.Cut(id.Key(), "#")
		return k
	}
	return ""
}

// Node is an entity of the graph.
type Node struct {
	ID      ID
	Kind    Kind
	Label   string
	Aliases []string          // other names, sorted, without the label
	Props   map[string]string // typed properties, see the Prop constants
}

// Prop returns a property or "".
func (n Node) Prop(name string) string { return n.Props[name] }

// Names returns the label followed by the aliases.
func (n Node) Names() []string { return append([]string{n.Label}, n.Aliases...) }

// Evidence is one place in a document that supports a fact.
type Evidence struct {
	Doc   string // document key: UN symbol, or the title-derived key
	Ref   string // paragraph ref: "66", "66(k)", "66(k)(ii)"
	Start int    // byte offset of the supporting words in the paragraph text
	End   int    // end byte offset (exclusive); Start == End when it is the whole paragraph
}

// Citation renders the evidence the way UN documents cite themselves:
// "S/2025/85, para. 61(d)"; a part without a paragraph number by where it
// stands, "A/79/722, annex, p. 3", "S/RES/2776 (2025), preambular para. 4".
func (e Evidence) Citation() string {
	switch {
	case e.Ref == "":
		return e.Doc
	case e.Ref[0] >= '0' && e.Ref[0] <= '9':
		return e.Doc + ", para. " + e.Ref
	}
	if c, ok := instrumentCitation(e.Ref); ok {
		return e.Doc + ", " + c
	}
	if c, ok := unnumberedCitation(e.Ref); ok {
		return e.Doc + ", " + c
	}
	return e.Doc + ", " + e.Ref // "annex"
}

// Refs of the parts a document does not number (see UnnumberedRef and
// PreambularRef): "p3" is the first unnumbered part starting on page 3,
// "p3-2" the second, "annex.p3" and "annexII.p3-2" the same inside an
// annex; "u3" is the third unnumbered part of a source without pages; "pp4"
// is the fourth preambular paragraph of a resolution.
var (
	unnumberedRe = regexp.MustCompile(`^(?:(annex)([IVXLC]*|\d*)\.)?([pu])(\d+)(?:-\d+)?((?:\([a-z]{1,3}\))*)$`)
	preambularRe = regexp.MustCompile(`^pp(\d+)((?:\([a-z]{1,3}\))*)$`)
)

// UnnumberedRef is the ref of the k-th (1-based) unnumbered part that
// starts on page page, inside annex annex ("" outside an annex, "annex",
// "annexII").
func UnnumberedRef(annex string, page, k int) string {
	ref := "p" + strconv.Itoa(page)
	switch {
	case page <= 0: // a source without pages (Markdown): its place in the document
		ref = "u" + strconv.Itoa(k)
	case k > 1:
		ref += "-" + strconv.Itoa(k)
	}
	if annex != "" {
		ref = annex + "." + ref
	}
	return ref
}

// PreambularRef is the ref of the n-th preambular paragraph of a
// resolution or decision that is a document of its own.
func PreambularRef(n int) string { return "pp" + strconv.Itoa(n) }

func unnumberedCitation(ref string) (string, bool) {
	if m := preambularRe.FindStringSubmatch(ref); m != nil {
		return "preambular para. " + m[1] + m[2], true
	}
	m := unnumberedRe.FindStringSubmatch(ref)
	if m == nil {
		return "", false
	}
	c := "p. " + m[4] + m[5]
	if m[3] == "u" {
		c = "unnumbered part " + m[4] + m[5]
	}
	if m[1] != "" {
		annex := "annex"
		if m[2] != "" {
			annex += " " + m[2]
		}
		c = annex + ", " + c
	}
	return c, true
}

// instrumentParts names the prefixes of the refs of paragraphs inside a
// resolution or decision adopted in a report ("res68/1.op3").
var instrumentParts = []struct{ prefix, name string }{
	{"dres", "draft resolution"}, {"ddec", "draft decision"}, {"res", "resolution"}, {"dec", "decision"},
}

// instrumentCitation renders "res68/1.op3" as "resolution 68/1, para. 3"
// and "res68/1.p2" as "resolution 68/1, preambular para. 2".
func instrumentCitation(ref string) (string, bool) {
	for _, ip := range instrumentParts {
		rest, ok := strings.CutPrefix(ref, ip.prefix)
		if !ok {
			continue
		}
		num, para, ok := strings.Cut(rest, ".")
		if !ok || num == "" {
			return "", false
		}
		switch {
		case strings.HasPrefix(para, "op"):
			return ip.name + " " + num + ", para. " + para[2:], true
		case strings.HasPrefix(para, "p"):
			return ip.name + " " + num + ", preambular para. " + para[1:], true
		}
		return "", false
	}
	return "", false
}

// ParagraphID is the ID of the paragraph the evidence points at.
func (e Evidence) ParagraphID() ID { return PartID(KindParagraph, e.Doc, e.Ref) }

func (e Evidence) less(o Evidence) bool {
	if e.Doc != o.Doc {
		return e.Doc < o.Doc
	}
	if c := CompareRefs(e.Ref, o.Ref); c != 0 {
		return c < 0
	}
	if e.Start != o.Start {
		return e.Start < o.Start
	}
	return e.End < o.End
}

// Edge is a relation between two nodes, with every place that supports it.
type Edge struct {
	From     ID
	Kind     EdgeKind
	To       ID
	Props    map[string]string
	Evidence []Evidence
}

// Key identifies the edge: one edge per (From, Kind, To).
func (e Edge) Key() string { return fmt.Sprintf("%s -%s-> %s", e.From, e.Kind, e.To) }

// Docs returns the sorted, distinct document keys in the edge's evidence.
func (e Edge) Docs() []string {
	var out []string
	for _, ev := range e.Evidence {
		out = append(out, ev.Doc)
	}
	return SortedSet(out)
}

// MergeEvidence returns a ∪ b, sorted and without duplicates.
func MergeEvidence(a, b []Evidence) []Evidence {
	all := make([]Evidence, 0, len(a)+len(b))
	all = append(all, a...)
	all = append(all, b...)
	sort.Slice(all, func(i, j int) bool { return all[i].less(all[j]) })
	out := all[:0]
	for i, ev := range all {
		if i > 0 && ev == all[i-1] {
			continue
		}
		out = append(out, ev)
	}
	return out
}

// CanonicalNode sorts and dedupes aliases and drops the label from them.
func CanonicalNode(n Node) Node {
	var al []string
	for _, a := range n.Aliases {
		a = strings.TrimSpace(a)
		if a != n.Label {
			al = append(al, a)
		}
	}
	n.Aliases = SortedSet(al)
	if len(n.Props) == 0 {
		n.Props = nil
	}
	return n
}

// MergeNodes folds several statements of one node, in priority order: the
// label and each property come from the first that states them; the other
// labels and every alias become aliases.
func MergeNodes(ns []Node) Node {
	out := Node{ID: ns[0].ID, Kind: ns[0].Kind, Label: ns[0].Label}
	var al []string
	for _, n := range ns {
		if out.Label == "" {
			out.Label = n.Label
		}
		al = append(al, n.Label)
		al = append(al, n.Aliases...)
		for k, v := range n.Props {
			if out.Props == nil {
				out.Props = map[string]string{}
			}
			if _, ok := out.Props[k]; !ok {
				out.Props[k] = v
			}
		}
	}
	out.Aliases = al
	return CanonicalNode(out)
}

// SortedSet returns the distinct non-empty strings of in, sorted.
func SortedSet(in []string) []string {
	seen := make(map[string]bool, len(in))
	out := make([]string, 0, len(in))
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// Fragment is everything one document contributes to the graph. Ingesting a
// document replaces its previous fragment as a whole.
type Fragment struct {
	Doc   string // document key
	Nodes []Node // every node the document supports, including each edge's endpoints
	Edges []Edge // every edge; all evidence points into Doc
}

// Stats are the corpus counts shown on the home page and by `crimegraph stats`.
type Stats struct {
	Nodes   map[Kind]int
	Edges   map[EdgeKind]int
	Version uint64 // graph version: increases with every committed change
}

// TotalNodes sums Nodes.
func (s Stats) TotalNodes() int {
	n := 0
	for _, c := range s.Nodes {
		n += c
	}
	return n
}

// TotalEdges sums Edges.
func (s Stats) TotalEdges() int {
	n := 0
	for _, c := range s.Edges {
		n += c
	}
	return n
}

// Subgraph is a set of nodes and the edges among them: the answer to a
// neighbourhood, path or co-occurrence question, and the input of diagrams
// and data exports.
type Subgraph struct {
	Title string // what the subgraph shows, e.g. "Trafficking in persons: neighbourhood, depth 2"
	Focus []ID   // the nodes the question was about; drawn emphasised
	Nodes []Node // sorted by ID
	Edges []Edge // sorted by (From, Kind, To); both ends are in Nodes
}

// Sort puts nodes and edges in their canonical order so that everything
// written from a subgraph is deterministic.
func (g *Subgraph) Sort() {
	sort.Slice(g.Nodes, func(i, j int) bool { return g.Nodes[i].ID < g.Nodes[j].ID })
	sort.Slice(g.Edges, func(i, j int) bool {
		a, b := g.Edges[i], g.Edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.To < b.To
	})
}

// Sources returns the distinct evidence of every edge, sorted: what a
// caption must cite.
func (g *Subgraph) Sources() []Evidence {
	var all []Evidence
	for _, e := range g.Edges {
		all = append(all, e.Evidence...)
	}
	return MergeEvidence(nil, all) // one sort: merging per edge was quadratic
}

// EntityPath is the UI page of a node, a relative link used by diagrams
// and exports so they never point at a host.
func EntityPath(id ID) string { return "/entity?id=" + url.QueryEscape(string(id)) }
