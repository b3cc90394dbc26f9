// Package model holds the Go types gqlgen binds the schema to. Each wraps a
// domain value (kg.Node, kg.Edge, kg.Evidence, an explore result) and
// exposes what the schema reads directly; anything that needs the store is
// a resolver in package graph.
package model

import (
	"sort"
	"strconv"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Node is the Relay Node interface: every entity.
type Node interface {
	KG() kg.Node
}

// Entity is the schema's Entity interface: every node of the graph.
type Entity interface {
	KG() kg.Node
}

// Base is what every entity type is: a node of the graph. Methods have
// value receivers so that both T and *T satisfy Entity.
type Base struct {
	N kg.Node
}

// KG returns the wrapped node.
func (b Base) KG() kg.Node { return b.N }

// ID is the node's global ID.
func (b Base) ID() string { return string(b.N.ID) }

// Kind is the node's kind.
func (b Base) Kind() kg.Kind { return b.N.Kind }

// Label is the node's name.
func (b Base) Label() string { return b.N.Label }

// Aliases are the node's other names, never nil.
func (b Base) Aliases() []string {
	if b.N.Aliases == nil {
		return []string{}
	}
	return b.N.Aliases
}

// Properties lists the node's properties sorted by name.
func (b Base) Properties() []*Property { return properties(b.N.Props) }

// Path is the explorer page of the node.
func (b Base) Path() string { return kg.EntityPath(b.N.ID) }

// prop returns a property as a nullable string.
func (b Base) prop(name string) *string {
	if v := b.N.Prop(name); v != "" {
		return &v
	}
	return nil
}

func (b Base) intProp(name string) *int {
	if n, err := strconv.Atoi(b.N.Prop(name)); err == nil {
		return &n
	}
	return nil
}

func properties(m map[string]string) []*Property {
	out := make([]*Property, 0, len(m))
	for k, v := range m {
		out = append(out, &Property{Name: k, Value: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// The entity types, one per kind.
type (
	State          struct{ Base }
	Organization   struct{ Base }
	CrimeType      struct{ Base }
	Instrument     struct{ Base }
	Theme          struct{ Base }
	Person         struct{ Base }
	Meeting        struct{ Base }
	Group          struct{ Base }
	Document       struct{ Base }
	Section        struct{ Base }
	Paragraph      struct{ Base }
	Recommendation struct{ Base }
)

// Wrap returns the entity type of n's kind.
func Wrap(n kg.Node) Entity {
	b := Base{n}
	switch n.Kind {
	case kg.KindState:
		return &State{b}
	case kg.KindOrganization:
		return &Organization{b}
	case kg.KindCrimeType:
		return &CrimeType{b}
	case kg.KindInstrument:
		return &Instrument{b}
	case kg.KindTheme:
		return &Theme{b}
	case kg.KindPerson:
		return &Person{b}
	case kg.KindMeeting:
		return &Meeting{b}
	case kg.KindGroup:
		return &Group{b}
	case kg.KindDocument:
		return &Document{b}
	case kg.KindSection:
		return &Section{b}
	case kg.KindParagraph:
		return &Paragraph{b}
	case kg.KindRecommendation:
		return &Recommendation{b}
	case kg.KindSeries:
		return &Series{b}
	}
	return nil
}

// WrapAll wraps nodes, skipping zero ones (IDs the store no longer has).
func WrapAll(nodes []kg.Node) []Entity {
	out := make([]Entity, 0, len(nodes))
	for _, n := range nodes {
		if e := Wrap(n); e != nil {
			out = append(out, e)
		}
	}
	return out
}

// State properties.
func (s State) Iso3() *string      { return s.prop(kg.PropISO3) }
func (s State) Iso2() *string      { return s.prop(kg.PropISO2) }
func (s State) M49() *string       { return s.prop(kg.PropM49) }
func (s State) Region() *string    { return s.prop(kg.PropRegion) }
func (s State) Subregion() *string { return s.prop(kg.PropSubregion) }

// Organization properties.
func (o Organization) Acronym() *string  { return o.prop(kg.PropAcronym) }
func (o Organization) Category() *string { return o.prop(kg.PropCategory) }

func (g Group) Acronym() *string   { return g.prop(kg.PropAcronym) }
func (g Group) GroupKind() *string { return g.prop(kg.PropGroupKind) }

// CrimeType properties.
func (c CrimeType) IccsCode() *string { return c.prop(kg.PropICCS) }
func (c CrimeType) IccsNote() *string { return c.prop(kg.PropICCSNote) }
func (c CrimeType) Cyber() bool       { return c.N.Prop(kg.PropCyber) == "true" }

// Instrument properties.
func (i Instrument) Symbol() *string  { return i.prop(kg.PropSymbol) }
func (i Instrument) Date() *string    { return i.prop(kg.PropDate) }
func (i Instrument) Body() *string    { return i.prop(kg.PropBody) }
func (i Instrument) Status() *string  { return i.prop(kg.PropStatus) }
func (i Instrument) Acronym() *string { return i.prop(kg.PropAcronym) }

// SdgTargets are a theme's SDG targets.
func (t Theme) SdgTargets() []string { return splitList(t.N.Prop(kg.PropSDG)) }

// Meeting properties.
func (m Meeting) Venue() *string     { return m.prop(kg.PropVenue) }
func (m Meeting) StartDate() *string { return m.prop(kg.PropStart) }
func (m Meeting) EndDate() *string   { return m.prop(kg.PropEnd) }

// Key is the document key.
func (d Document) Key() string { return d.N.ID.Key() }

// Symbol is the document's primary symbol.
func (d Document) Symbol() *string { return d.prop(kg.PropSymbol) }

// Symbols are every symbol printed on the document.
func (d Document) Symbols() []string { return splitList(d.N.Prop(kg.PropSymbols)) }

// Title is the document title, its label when the property is missing.
func (d Document) Title() string {
	if t := d.N.Prop(kg.PropTitle); t != "" {
		return t
	}
	return d.N.Label
}

// Date of the document.
func (d Document) Date() *string { return d.prop(kg.PropDate) }

// Body is the issuing body.
func (d Document) Body() *string { return d.prop(kg.PropBody) }

// Section properties.
func (s Section) Number() *string      { return s.prop(kg.PropNumber) }
func (s Section) Title() string        { return s.N.Label }
func (s Section) Level() *int          { return s.intProp(kg.PropLevel) }
func (s Section) SectionKind() *string { return s.prop(kg.PropSecKind) }

// Paragraph properties.
func (p Paragraph) Ref() string      { return p.N.Prop(kg.PropRef) }
func (p Paragraph) Text() string     { return p.N.Prop(kg.PropText) }
func (p Paragraph) Page() *int       { return p.intProp(kg.PropPage) }
func (p Paragraph) Citation() string { return partEvidence(p.N).Citation() }

// Recommendation properties.
func (r Recommendation) Ref() string      { return r.N.Prop(kg.PropRef) }
func (r Recommendation) Text() string     { return r.N.Prop(kg.PropText) }
func (r Recommendation) Citation() string { return partEvidence(r.N).Citation() }
func (r Recommendation) Form() *string    { return optProp(r.N, kg.PropForm) }
func (r Recommendation) Verb() *string    { return optProp(r.N, kg.PropVerb) }
func (r Recommendation) By() *string      { return optProp(r.N, kg.PropBy) }

// Verbs lists every verb of the call: kg.PropVerbs when the paragraph
// calls more than once, else its one verb.
func (r Recommendation) Verbs() []string {
	if v := r.N.Prop(kg.PropVerbs); v != "" {
		return strings.Split(v, " | ")
	}
	if v := r.N.Prop(kg.PropVerb); v != "" {
		return []string{v}
	}
	return []string{}
}

// optProp is a property as a nullable field.
func optProp(n kg.Node, name string) *string {
	if v := n.Prop(name); v != "" {
		return &v
	}
	return nil
}

// Evidence of a recommendation is the paragraph it is stated in, whole.
func (r Recommendation) Evidence() []*Evidence {
	return []*Evidence{{E: partEvidence(r.N)}}
}

// partEvidence is the evidence that is a document part itself.
func partEvidence(n kg.Node) kg.Evidence {
	doc := n.Prop(kg.PropDocument)
	if doc == "" {
		doc = n.ID.DocKey()
	}
	return kg.Evidence{Doc: doc, Ref: n.Prop(kg.PropRef)}
}

// DocumentID is the ID of the document a part belongs to.
func DocumentID(n kg.Node) kg.ID {
	if d := partEvidence(n).Doc; d != "" {
		return kg.NewID(kg.KindDocument, d)
	}
	return ""
}

// splitList splits a " | "-separated property.
func splitList(s string) []string {
	out := []string{}
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
