package graph

import (
	"github.com/crimegraph/crimegraph/graph/model"
	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// Conversions between internal/explore's research answers and the API's
// types (schema/research.graphqls).

func toDocFilter(f *model.DocumentFilter) explore.DocFilter {
	if f == nil {
		return explore.DocFilter{}
	}
	return explore.DocFilter{Body: str(f.Body), Family: str(f.Family), Year: str(f.Year), Month: str(f.Month),
		Series: str(f.Series), Text: str(f.Text), WithSuperseded: f.WithSuperseded != nil && *f.WithSuperseded}
}

func facets(fs []explore.Facet) []*model.Facet {
	out := make([]*model.Facet, len(fs))
	for i, f := range fs {
		out[i] = &model.Facet{Value: f.Value, Label: f.Label, Count: f.Count}
	}
	return out
}

func idStrings(ids []kg.ID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}

func compared(rows []explore.CompareRow) []*model.ComparedEntity {
	out := make([]*model.ComparedEntity, len(rows))
	for i, r := range rows {
		out[i] = &model.ComparedEntity{ID: string(r.Entity.ID), Label: r.Entity.Label, Kind: string(r.Entity.Kind),
			Entity: model.Wrap(r.Entity), A: r.A, B: r.B}
	}
	return out
}

func similarity(s explore.Similarity) *model.CallSimilarity {
	return &model.CallSimilarity{Score: s.Score, Text: s.Text, Entities: s.Entities,
		SharedWords: append([]string{}, s.SharedWords...), SharedEntities: idStrings(s.SharedEntities),
		SharedEntityLabels: append([]string{}, s.SharedLabels...)}
}

func recommendation(id kg.ID, nodes map[kg.ID]kg.Node) *model.Recommendation {
	n, ok := nodes[id]
	if !ok {
		n = kg.Node{ID: id, Kind: kg.KindRecommendation, Label: string(id)}
	}
	return &model.Recommendation{Base: model.Base{N: n}}
}

// maxCrosstab bounds the rows and columns a crosstab keeps.
const maxCrosstab = 500

func heads(hs []explore.Header) []*model.CrosstabHeader {
	out := make([]*model.CrosstabHeader, len(hs))
	for i, h := range hs {
		out[i] = &model.CrosstabHeader{Key: h.Key, Label: h.Label, Total: h.Total}
		if h.Node != nil {
			out[i].Entity = model.Wrap(*h.Node)
		}
	}
	return out
}
