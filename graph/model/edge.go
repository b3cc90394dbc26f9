package model

import (
	"github.com/crimegraph/crimegraph/internal/kg"
)

// Evidence wraps one kg.Evidence.
type Evidence struct {
	E kg.Evidence
}

// DocumentKey is the document key.
func (e Evidence) DocumentKey() string { return e.E.Doc }

// Ref is the paragraph ref.
func (e Evidence) Ref() string { return e.E.Ref }

// Citation is how UN documents cite the place.
func (e Evidence) Citation() string { return e.E.Citation() }

// EvidenceList wraps a list, never nil.
func EvidenceList(evs []kg.Evidence) []*Evidence {
	out := make([]*Evidence, len(evs))
	for i, ev := range evs {
		out[i] = &Evidence{E: ev}
	}
	return out
}

// Mention is a MENTIONS edge: a paragraph naming an entity.
type Mention struct {
	Edge kg.Edge
}

// Evidence is each place in the paragraph that names the entity.
func (m Mention) Evidence() []*Evidence { return EvidenceList(m.Edge.Evidence) }

// Relation is any edge.
type Relation struct {
	Edge kg.Edge
}

// Kind is the edge kind.
func (r Relation) Kind() string { return string(r.Edge.Kind) }

// FromID is the ID of the edge's tail.
func (r Relation) FromID() string { return string(r.Edge.From) }

// ToID is the ID of the edge's head.
func (r Relation) ToID() string { return string(r.Edge.To) }

// Properties are the edge properties, sorted by name.
func (r Relation) Properties() []*Property { return properties(r.Edge.Props) }

// Evidence is every place that states the edge.
func (r Relation) Evidence() []*Evidence { return EvidenceList(r.Edge.Evidence) }

// Relations wraps edges.
func Relations(es []kg.Edge) []*Relation {
	out := make([]*Relation, len(es))
	for i, e := range es {
		out[i] = &Relation{Edge: e}
	}
	return out
}
