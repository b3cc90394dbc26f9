package model

// The connection types of the schema, one per item type, written out
// because gqlgen binds each GraphQL type to one named Go type. NewX builds
// a connection from a Page.

import "context"

// EntityConnection is a page of entities.
type EntityConnection struct {
	Edges    []*EntityEdge
	PageInfo *PageInfo
	total    func(context.Context) (int, error)
}

// EntityEdge is one of entities and its cursor.
type EntityEdge struct {
	Cursor string
	Node   Entity
}

// Nodes are the items of the page.
func (c *EntityConnection) Nodes() []Entity {
	out := make([]Entity, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node
	}
	return out
}

// TotalCount counts every item of the list, computed only when asked for.
func (c *EntityConnection) TotalCount(ctx context.Context) (int, error) { return c.total(ctx) }

// NewEntityConnection builds a connection from a page.
func NewEntityConnection(p Page[Entity]) *EntityConnection {
	c := &EntityConnection{Edges: make([]*EntityEdge, len(p.Items)), PageInfo: p.pageInfo(), total: p.totalFunc()}
	for i, it := range p.Items {
		c.Edges[i] = &EntityEdge{Cursor: p.Cursors[i], Node: it}
	}
	return c
}

// StateConnection is a page of States.
type StateConnection struct {
	Edges    []*StateEdge
	PageInfo *PageInfo
	total    func(context.Context) (int, error)
}

// StateEdge is one of States and its cursor.
type StateEdge struct {
	Cursor string
	Node   *State
}

// Nodes are the items of the page.
func (c *StateConnection) Nodes() []*State {
	out := make([]*State, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node
	}
	return out
}

// TotalCount counts every item of the list, computed only when asked for.
func (c *StateConnection) TotalCount(ctx context.Context) (int, error) { return c.total(ctx) }

// NewStateConnection builds a connection from a page.
func NewStateConnection(p Page[*State]) *StateConnection {
	c := &StateConnection{Edges: make([]*StateEdge, len(p.Items)), PageInfo: p.pageInfo(), total: p.totalFunc()}
	for i, it := range p.Items {
		c.Edges[i] = &StateEdge{Cursor: p.Cursors[i], Node: it}
	}
	return c
}

// CrimeTypeConnection is a page of crime types.
type CrimeTypeConnection struct {
	Edges    []*CrimeTypeEdge
	PageInfo *PageInfo
	total    func(context.Context) (int, error)
}

// CrimeTypeEdge is one of crime types and its cursor.
type CrimeTypeEdge struct {
	Cursor string
	Node   *CrimeType
}

// Nodes are the items of the page.
func (c *CrimeTypeConnection) Nodes() []*CrimeType {
	out := make([]*CrimeType, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node
	}
	return out
}

// TotalCount counts every item of the list, computed only when asked for.
func (c *CrimeTypeConnection) TotalCount(ctx context.Context) (int, error) { return c.total(ctx) }

// NewCrimeTypeConnection builds a connection from a page.
func NewCrimeTypeConnection(p Page[*CrimeType]) *CrimeTypeConnection {
	c := &CrimeTypeConnection{Edges: make([]*CrimeTypeEdge, len(p.Items)), PageInfo: p.pageInfo(), total: p.totalFunc()}
	for i, it := range p.Items {
		c.Edges[i] = &CrimeTypeEdge{Cursor: p.Cursors[i], Node: it}
	}
	return c
}

// InstrumentConnection is a page of instruments.
type InstrumentConnection struct {
	Edges    []*InstrumentEdge
	PageInfo *PageInfo
	total    func(context.Context) (int, error)
}

// InstrumentEdge is one of instruments and its cursor.
type InstrumentEdge struct {
	Cursor string
	Node   *Instrument
}

// Nodes are the items of the page.
func (c *InstrumentConnection) Nodes() []*Instrument {
	out := make([]*Instrument, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node
	}
	return out
}

// TotalCount counts every item of the list, computed only when asked for.
func (c *InstrumentConnection) TotalCount(ctx context.Context) (int, error) { return c.total(ctx) }

// NewInstrumentConnection builds a connection from a page.
func NewInstrumentConnection(p Page[*Instrument]) *InstrumentConnection {
	c := &InstrumentConnection{Edges: make([]*InstrumentEdge, len(p.Items)), PageInfo: p.pageInfo(), total: p.totalFunc()}
	for i, it := range p.Items {
		c.Edges[i] = &InstrumentEdge{Cursor: p.Cursors[i], Node: it}
	}
	return c
}

// ThemeConnection is a page of themes.
type ThemeConnection struct {
	Edges    []*ThemeEdge
	PageInfo *PageInfo
	total    func(context.Context) (int, error)
}

// ThemeEdge is one of themes and its cursor.
type ThemeEdge struct {
	Cursor string
	Node   *Theme
}

// Nodes are the items of the page.
func (c *ThemeConnection) Nodes() []*Theme {
	out := make([]*Theme, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node
	}
	return out
}

// TotalCount counts every item of the list, computed only when asked for.
func (c *ThemeConnection) TotalCount(ctx context.Context) (int, error) { return c.total(ctx) }

// NewThemeConnection builds a connection from a page.
func NewThemeConnection(p Page[*Theme]) *ThemeConnection {
	c := &ThemeConnection{Edges: make([]*ThemeEdge, len(p.Items)), PageInfo: p.pageInfo(), total: p.totalFunc()}
	for i, it := range p.Items {
		c.Edges[i] = &ThemeEdge{Cursor: p.Cursors[i], Node: it}
	}
	return c
}

// RecommendationConnection is a page of recommendations.
type RecommendationConnection struct {
	Edges    []*RecommendationEdge
	PageInfo *PageInfo
	total    func(context.Context) (int, error)
}

// RecommendationEdge is one of recommendations and its cursor.
type RecommendationEdge struct {
	Cursor string
	Node   *Recommendation
}

// Nodes are the items of the page.
func (c *RecommendationConnection) Nodes() []*Recommendation {
	out := make([]*Recommendation, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node
	}
	return out
}

// TotalCount counts every item of the list, computed only when asked for.
func (c *RecommendationConnection) TotalCount(ctx context.Context) (int, error) { return c.total(ctx) }

// NewRecommendationConnection builds a connection from a page.
func NewRecommendationConnection(p Page[*Recommendation]) *RecommendationConnection {
	c := &RecommendationConnection{Edges: make([]*RecommendationEdge, len(p.Items)), PageInfo: p.pageInfo(), total: p.totalFunc()}
	for i, it := range p.Items {
		c.Edges[i] = &RecommendationEdge{Cursor: p.Cursors[i], Node: it}
	}
	return c
}

// DocumentConnection is a page of documents.
type DocumentConnection struct {
	Edges    []*DocumentEdge
	PageInfo *PageInfo
	total    func(context.Context) (int, error)
}

// DocumentEdge is one of documents and its cursor.
type DocumentEdge struct {
	Cursor string
	Node   *Document
}

// Nodes are the items of the page.
func (c *DocumentConnection) Nodes() []*Document {
	out := make([]*Document, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node
	}
	return out
}

// TotalCount counts every item of the list, computed only when asked for.
func (c *DocumentConnection) TotalCount(ctx context.Context) (int, error) { return c.total(ctx) }

// NewDocumentConnection builds a connection from a page.
func NewDocumentConnection(p Page[*Document]) *DocumentConnection {
	c := &DocumentConnection{Edges: make([]*DocumentEdge, len(p.Items)), PageInfo: p.pageInfo(), total: p.totalFunc()}
	for i, it := range p.Items {
		c.Edges[i] = &DocumentEdge{Cursor: p.Cursors[i], Node: it}
	}
	return c
}

// MentionConnection is a page of mentions.
type MentionConnection struct {
	Edges    []*MentionEdge
	PageInfo *PageInfo
	total    func(context.Context) (int, error)
}

// MentionEdge is one of mentions and its cursor.
type MentionEdge struct {
	Cursor string
	Node   *Mention
}

// Nodes are the items of the page.
func (c *MentionConnection) Nodes() []*Mention {
	out := make([]*Mention, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node
	}
	return out
}

// TotalCount counts every item of the list, computed only when asked for.
func (c *MentionConnection) TotalCount(ctx context.Context) (int, error) { return c.total(ctx) }

// NewMentionConnection builds a connection from a page.
func NewMentionConnection(p Page[*Mention]) *MentionConnection {
	c := &MentionConnection{Edges: make([]*MentionEdge, len(p.Items)), PageInfo: p.pageInfo(), total: p.totalFunc()}
	for i, it := range p.Items {
		c.Edges[i] = &MentionEdge{Cursor: p.Cursors[i], Node: it}
	}
	return c
}

// RelationConnection is a page of relations.
type RelationConnection struct {
	Edges    []*RelationEdge
	PageInfo *PageInfo
	total    func(context.Context) (int, error)
}

// RelationEdge is one of relations and its cursor.
type RelationEdge struct {
	Cursor string
	Node   *Relation
}

// Nodes are the items of the page.
func (c *RelationConnection) Nodes() []*Relation {
	out := make([]*Relation, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node
	}
	return out
}

// TotalCount counts every item of the list, computed only when asked for.
func (c *RelationConnection) TotalCount(ctx context.Context) (int, error) { return c.total(ctx) }

// NewRelationConnection builds a connection from a page.
func NewRelationConnection(p Page[*Relation]) *RelationConnection {
	c := &RelationConnection{Edges: make([]*RelationEdge, len(p.Items)), PageInfo: p.pageInfo(), total: p.totalFunc()}
	for i, it := range p.Items {
		c.Edges[i] = &RelationEdge{Cursor: p.Cursors[i], Node: it}
	}
	return c
}

// SearchHitConnection is a page of search hits.
type SearchHitConnection struct {
	Edges    []*SearchHitEdge
	PageInfo *PageInfo
	total    func(context.Context) (int, error)
}

// SearchHitEdge is one of search hits and its cursor.
type SearchHitEdge struct {
	Cursor string
	Node   *SearchHit
}

// Nodes are the items of the page.
func (c *SearchHitConnection) Nodes() []*SearchHit {
	out := make([]*SearchHit, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node
	}
	return out
}

// TotalCount counts every item of the list, computed only when asked for.
func (c *SearchHitConnection) TotalCount(ctx context.Context) (int, error) { return c.total(ctx) }

// NewSearchHitConnection builds a connection from a page.
func NewSearchHitConnection(p Page[*SearchHit]) *SearchHitConnection {
	c := &SearchHitConnection{Edges: make([]*SearchHitEdge, len(p.Items)), PageInfo: p.pageInfo(), total: p.totalFunc()}
	for i, it := range p.Items {
		c.Edges[i] = &SearchHitEdge{Cursor: p.Cursors[i], Node: it}
	}
	return c
}
