package model

import "github.com/crimegraph/crimegraph/internal/search"

// SearchHit wraps one search hit; its entity is loaded by a resolver.
type SearchHit struct {
	H search.Hit
}

// Score is the hit's relevance.
func (h SearchHit) Score() float64 { return h.H.Score }

// Snippets are the highlighted fragments.
func (h SearchHit) Snippets() []*Snippet {
	out := make([]*Snippet, len(h.H.Snippets))
	for i, s := range h.H.Snippets {
		parts := make([]*SnippetPart, len(s.Parts))
		for j, p := range s.Parts {
			parts[j] = &SnippetPart{Text: p.Text, Match: p.Match}
		}
		out[i] = &Snippet{Field: s.Field, HTML: s.HTML, Parts: parts}
	}
	return out
}
