package explore

import (
	"context"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Similar calls are found by two measures over every call to act of the
// graph, combined linearly:
//
//   - the cosine of their TF-IDF vectors over the Snowball stems of their
//     text, stop words dropped (sublinear term frequency, 1 + ln tf; idf
//     ln(N/df)): the words they share, weighted by how rare the words are
//     across the calls, so "mutual legal assistance" counts and "States"
//     barely does;
//   - the Jaccard index of the entities they link to (crime types,
//     instruments, themes, actors, addressees): two calls about the same
//     convention and the same crime in different words.
//
// The weights below were chosen before the hand-labelled pairs existed
// and were not fitted to them (docs/research.md).
const (
	textWeight   = 0.7
	entityWeight = 0.3
)

// Similarity is how alike two calls are, and why.
type Similarity struct {
	Score          float64 // textWeight × Text + entityWeight × Entities
	Text           float64 // TF-IDF cosine of their words
	Entities       float64 // Jaccard index of their linked entities
	SharedWords    []string
	SharedEntities []kg.ID
	SharedLabels   []string // the labels of SharedEntities, filled by SimilarCalls and Compare
}

// SimilarCall is one call ranked against another.
type SimilarCall struct {
	Call kg.Node
	Similarity
}

type termWeight struct {
	term int
	w    float64
}

type simCall struct {
	id    kg.ID
	doc   kg.ID
	terms []termWeight // sorted by term, unit length
	ents  []kg.ID      // sorted
}

// simIndex is the vector index of every call of one graph version.
type simIndex struct {
	version  uint64
	calls    []simCall
	pos      map[kg.ID]int
	words    []string // term → the surface word most often stemmed to it
	postings [][]int  // term → calls holding it
	entCalls map[kg.ID][]int
}

var stopWords = func() analysis.TokenMap {
	m := analysis.NewTokenMap()
	if err := m.LoadBytes(en.EnglishStopWords); err != nil {
		panic("explore: stop words: " + err.Error())
	}
	return m
}()

// tokens returns the stems of text's words with their surface forms.
func tokens(text string) (stems, surface []string) {
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) < 3 || stopWords[w] || isNumber(w) {
			continue
		}
		env := snowballstem.NewEnv(w)
		english.Stem(env)
		stems = append(stems, env.Current())
		surface = append(surface, w)
	}
	return stems, surface
}

func isNumber(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// similarIndex returns the call index of the current graph version.
func (x *Explorer) similarIndex(ctx context.Context) (*simIndex, error) {
	recs, err := x.index(ctx)
	if err != nil {
		return nil, err
	}
	x.simMu.Lock()
	defer x.simMu.Unlock()
	if x.simIdx != nil && x.simIdx.version == recs.version {
		return x.simIdx, nil
	}
	ids := make([]kg.ID, len(recs.entries))
	for i, e := range recs.entries {
		ids[i] = e.id
	}
	nodes, err := x.r.Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	idx := &simIndex{version: recs.version, pos: map[kg.ID]int{}, entCalls: map[kg.ID][]int{}}
	termID := map[string]int{}
	surfaces := []map[string]int{}
	var tfs []map[int]int
	for i, e := range recs.entries {
		n := nodes[i]
		if n.ID == "" {
			continue
		}
		stems, surf := tokens(n.Prop(kg.PropText))
		tf := map[int]int{}
		for j, s := range stems {
			t, ok := termID[s]
			if !ok {
				t = len(idx.words)
				termID[s] = t
				idx.words = append(idx.words, "")
				surfaces = append(surfaces, map[string]int{})
				idx.postings = append(idx.postings, nil)
			}
			tf[t]++
			surfaces[t][surf[j]]++
		}
		var ents []kg.ID
		for _, to := range e.links {
			ents = append(ents, to...)
		}
		ents = uniqueIDs(ents)
		c := len(idx.calls)
		idx.pos[e.id] = c
		idx.calls = append(idx.calls, simCall{id: e.id, doc: e.doc, ents: ents})
		tfs = append(tfs, tf)
		for t := range tf {
			idx.postings[t] = append(idx.postings[t], c)
		}
		for _, en := range ents {
			idx.entCalls[en] = append(idx.entCalls[en], c)
		}
	}
	for t, m := range surfaces {
		best, bn := "", 0
		for w, n := range m {
			if n > bn || n == bn && w < best {
				best, bn = w, n
			}
		}
		idx.words[t] = best
	}
	n := float64(len(idx.calls))
	for c, tf := range tfs {
		var v []termWeight
		norm := 0.0
		for t, f := range tf {
			w := (1 + math.Log(float64(f))) * math.Log(n/float64(len(idx.postings[t])))
			if w <= 0 {
				continue
			}
			v = append(v, termWeight{t, w})
			norm += w * w
		}
		norm = math.Sqrt(norm)
		for i := range v {
			v[i].w /= norm
		}
		sort.Slice(v, func(i, j int) bool { return v[i].term < v[j].term })
		idx.calls[c].terms = v
	}
	x.simIdx = idx
	return idx, nil
}

func uniqueIDs(ids []kg.ID) []kg.ID {
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	out := ids[:0]
	for i, id := range ids {
		if i == 0 || id != ids[i-1] {
			out = append(out, id)
		}
	}
	return out
}

// similarity measures calls a and b and says why.
func (idx *simIndex) similarity(a, b int) Similarity {
	ca, cb := idx.calls[a], idx.calls[b]
	var s Similarity
	type contrib struct {
		word string
		w    float64
	}
	var shared []contrib
	i, j := 0, 0
	for i < len(ca.terms) && j < len(cb.terms) {
		switch ta, tb := ca.terms[i], cb.terms[j]; {
		case ta.term < tb.term:
			i++
		case ta.term > tb.term:
			j++
		default:
			s.Text += ta.w * tb.w
			shared = append(shared, contrib{idx.words[ta.term], ta.w * tb.w})
			i++
			j++
		}
	}
	sort.SliceStable(shared, func(i, j int) bool { return shared[i].w > shared[j].w })
	for k := 0; k < len(shared) && k < 8; k++ {
		s.SharedWords = append(s.SharedWords, shared[k].word)
	}
	inter := 0
	i, j = 0, 0
	for i < len(ca.ents) && j < len(cb.ents) {
		switch {
		case ca.ents[i] < cb.ents[j]:
			i++
		case ca.ents[i] > cb.ents[j]:
			j++
		default:
			inter++
			s.SharedEntities = append(s.SharedEntities, ca.ents[i])
			i++
			j++
		}
	}
	if union := len(ca.ents) + len(cb.ents) - inter; union > 0 {
		s.Entities = float64(inter) / float64(union)
	}
	s.Score = textWeight*s.Text + entityWeight*s.Entities
	return s
}

// MaxSimilar bounds the calls SimilarCalls returns.
const MaxSimilar = 50

// SimilarCalls returns the calls of other documents most like the call
// id, best first, at most first of them (default 10).
func (x *Explorer) SimilarCalls(ctx context.Context, id kg.ID, first int) ([]SimilarCall, error) {
	if err := id.Validate(); err != nil {
		return nil, err
	}
	if id.Kind() != kg.KindRecommendation {
		return nil, kg.Errorf(kg.CodeInvalid, "similar calls take a call to act (a Recommendation); %q is a %s", string(id), id.Kind())
	}
	if first <= 0 {
		first = 10
	}
	if first > MaxSimilar {
		return nil, kg.Errorf(kg.CodeTooLarge, "first is at most %d", MaxSimilar)
	}
	idx, err := x.similarIndex(ctx)
	if err != nil {
		return nil, err
	}
	a, ok := idx.pos[id]
	if !ok {
		return nil, kg.NotFound("no call to act %q", string(id))
	}
	docs, err := x.docs(ctx)
	if err != nil {
		return nil, err
	}
	ranked := idx.rank(a, first, docs.superseded())
	ids := make([]kg.ID, len(ranked))
	for i, r := range ranked {
		ids[i] = idx.calls[r.c].id
	}
	nodes, err := x.r.Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]SimilarCall, 0, len(ranked))
	for i, r := range ranked {
		if nodes[i].ID != "" {
			out = append(out, SimilarCall{Call: nodes[i], Similarity: r.s})
		}
	}
	sims := make([]*Similarity, len(out))
	for i := range out {
		sims[i] = &out[i].Similarity
	}
	return out, x.label(ctx, sims)
}

// label fills the labels of the shared entities of each similarity.
func (x *Explorer) label(ctx context.Context, sims []*Similarity) error {
	var ids []kg.ID
	for _, s := range sims {
		ids = append(ids, s.SharedEntities...)
	}
	ns, err := x.r.Nodes(ctx, uniqueIDs(ids))
	if err != nil {
		return err
	}
	labels := map[kg.ID]string{}
	for _, n := range ns {
		labels[n.ID] = n.Label
	}
	for _, s := range sims {
		s.SharedLabels = make([]string, len(s.SharedEntities))
		for i, id := range s.SharedEntities {
			if l := labels[id]; l != "" {
				s.SharedLabels[i] = l
			} else {
				s.SharedLabels[i] = id.Key()
			}
		}
	}
	return nil
}

type rankedCall struct {
	c int
	s Similarity
}

// rank scores every call of another document that shares a term or an
// entity with call a, and keeps the best k. Calls of the documents in skip
// (superseded by a revision) are left out: the revision's copy stands for
// them.
func (idx *simIndex) rank(a, k int, skip map[kg.ID]bool) []rankedCall {
	ca := idx.calls[a]
	cand := map[int]bool{}
	for _, t := range ca.terms {
		for _, c := range idx.postings[t.term] {
			cand[c] = true
		}
	}
	for _, e := range ca.ents {
		for _, c := range idx.entCalls[e] {
			cand[c] = true
		}
	}
	var out []rankedCall
	for c := range cand {
		if idx.calls[c].doc == ca.doc || skip[idx.calls[c].doc] {
			continue
		}
		if s := idx.similarity(a, c); s.Score > 0 {
			out = append(out, rankedCall{c, s})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].s.Score != out[j].s.Score {
			return out[i].s.Score > out[j].s.Score
		}
		return idx.calls[out[i].c].id < idx.calls[out[j].c].id
	})
	if len(out) > k {
		out = out[:k]
	}
	return out
}
