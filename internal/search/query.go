package search

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Limits on what a user may ask.
const (
	// MaxQueryLen bounds a query's length in bytes; longer queries are
	// refused, not cut, so a user never gets answers to half a question.
	MaxQueryLen = 256
	// MaxQueryTerms bounds the words of a query.
	MaxQueryTerms = 32
	// MaxFirst bounds a page of hits.
	MaxFirst = 100
	// MaxOffset bounds how deep paging may go.
	MaxOffset = 1000
)

// Query is a search request.
type Query struct {
	Text  string    // the user's words; no query syntax
	Kinds []kg.Kind // only these kinds; empty: all
	First int       // hits per page, 1..MaxFirst; 0 means 10
	After string    // cursor of the last hit of the previous page
}

// Hit is one search result.
type Hit struct {
	ID       kg.ID
	Score    float64
	Cursor   string
	Snippets []Snippet
}

// Snippet is a fragment of one field with the matched words marked.
type Snippet struct {
	Field string // label, aliases, codes or text
	HTML  string // the fragment, HTML-escaped, matches in <mark>…</mark>
	Parts []Part // the same fragment as plain text runs
}

// Part is a run of snippet text, matched or not.
type Part struct {
	Text  string
	Match bool
}

// Result is a page of hits.
type Result struct {
	Hits    []Hit
	Total   int // hits in all
	HasNext bool
}

// Search runs a ranked full-text search. Hits are ordered by score, then
// by ID so that equal scores page stably.
func (x *Index) Search(ctx context.Context, q Query) (Result, error) {
	text, err := checkText(q.Text)
	if err != nil {
		return Result{}, err
	}
	if q.First == 0 {
		q.First = 10
	}
	if q.First < 0 || q.First > MaxFirst {
		return Result{}, kg.Errorf(kg.CodeInvalid, "first must be between 1 and %d", MaxFirst)
	}
	offset, err := decodeCursor(q.After)
	if err != nil {
		return Result{}, err
	}
	if offset+q.First > MaxOffset {
		return Result{}, kg.Errorf(kg.CodeTooLarge, "search pages end at hit %d: refine the query", MaxOffset)
	}
	if err := validKinds(q.Kinds); err != nil {
		return Result{}, err
	}
	req := bleve.NewSearchRequestOptions(withKinds(rankedQuery(text), q.Kinds), q.First, offset, false)
	req.SortBy([]string{"-_score", "_id"})
	res, m, err := x.search(ctx, req)
	if err != nil {
		return Result{}, err
	}
	ids := make([]kg.ID, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = kg.ID(h.ID)
	}
	nodes, err := x.r.Nodes(ctx, ids)
	if err != nil {
		return Result{}, err
	}
	hl := newHighlighter(m, text)
	out := Result{Total: int(res.Total)}
	for i, h := range res.Hits {
		out.Hits = append(out.Hits, Hit{
			ID:       ids[i],
			Score:    h.Score,
			Cursor:   encodeCursor(offset + i + 1),
			Snippets: hl.snippets(nodes[i]), // none for a node the store no longer has
		})
	}
	out.HasNext = offset+len(res.Hits) < out.Total
	return out, nil
}

// MatchIDs returns the nodes of one kind whose label, aliases or text
// contain every word of text (stemmed), for filters. More than max matches
// is a CodeTooLarge error.
func (x *Index) MatchIDs(ctx context.Context, text string, kind kg.Kind, max int) ([]kg.ID, error) {
	text, err := checkText(text)
	if err != nil {
		return nil, err
	}
	var fields []query.Query
	for _, f := range []string{fLabel, fAliases, fText} {
		m := bleve.NewMatchQuery(text)
		m.SetField(f)
		m.SetOperator(query.MatchQueryOperatorAnd)
		fields = append(fields, m)
	}
	var kinds []kg.Kind
	if kind != "" {
		kinds = []kg.Kind{kind}
	}
	req := bleve.NewSearchRequestOptions(withKinds(bleve.NewDisjunctionQuery(fields...), kinds), max+1, 0, false)
	req.SortBy([]string{"_id"})
	res, _, err := x.search(ctx, req)
	if err != nil {
		return nil, err
	}
	if len(res.Hits) > max {
		return nil, kg.Errorf(kg.CodeTooLarge, "the text %q matches more than %d entries: use more words", text, max)
	}
	out := make([]kg.ID, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = kg.ID(h.ID)
	}
	return out, nil
}

// search runs req; it also returns the index mapping, whose analyzers
// cut the snippets.
func (x *Index) search(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, mapping.IndexMapping, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.idx == nil {
		return nil, nil, errClosed()
	}
	res, err := x.idx.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, kg.Wrap(kg.CodeTimeout, ctx.Err(), "search timed out")
		}
		return nil, nil, kg.Wrap(kg.CodeUnavailable, err, "search failed")
	}
	return res, x.idx.Mapping(), nil
}

// checkText validates a user's query text.
func checkText(s string) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", kg.Errorf(kg.CodeInvalid, "empty search query")
	case len(s) > MaxQueryLen:
		return "", kg.Errorf(kg.CodeTooLarge, "search query is %d bytes long, more than %d", len(s), MaxQueryLen)
	case !utf8.ValidString(s):
		return "", kg.Errorf(kg.CodeInvalid, "search query is not valid UTF-8")
	case len(strings.Fields(s)) > MaxQueryTerms:
		return "", kg.Errorf(kg.CodeTooLarge, "search query has more than %d words", MaxQueryTerms)
	}
	return s, nil
}

func validKinds(kinds []kg.Kind) error {
	for _, k := range kinds {
		if !k.Valid() {
			return kg.Errorf(kg.CodeInvalid, "unknown entity kind %q", string(k))
		}
	}
	return nil
}

// rankedQuery builds the query for a user's text from match and phrase
// queries only: the words are analysed like the indexed text, and no
// wildcard, regular expression or query syntax reaches bleve. A whole
// phrase in a label ranks first, then codes and names, then text.
func rankedQuery(text string) query.Query {
	match := func(field string, boost float64, fuzzy bool) query.Query {
		q := bleve.NewMatchQuery(text)
		q.SetField(field)
		q.SetBoost(boost)
		if fuzzy {
			q.SetFuzziness(1)
			q.SetPrefix(2)
		}
		return q
	}
	phrase := func(field string, boost float64) query.Query {
		q := bleve.NewMatchPhraseQuery(text)
		q.SetField(field)
		q.SetBoost(boost)
		return q
	}
	code := bleve.NewTermQuery(strings.ToLower(text))
	code.SetField(fCodes)
	code.SetBoost(8)
	return bleve.NewDisjunctionQuery(
		phrase(fLabel, 6), match(fLabel, 3, false), match(fLabel, 0.5, true),
		phrase(fAliases, 4), match(fAliases, 2, false),
		code,
		phrase(fText, 2), match(fText, 1, false),
	)
}

func withKinds(q query.Query, kinds []kg.Kind) query.Query {
	if len(kinds) == 0 {
		return q
	}
	var ks []query.Query
	for _, k := range kinds {
		t := bleve.NewTermQuery(string(k))
		t.SetField(fKind)
		ks = append(ks, t)
	}
	filter := bleve.NewDisjunctionQuery(ks...)
	filter.SetBoost(0)
	return bleve.NewConjunctionQuery(q, filter)
}

func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o" + strconv.Itoa(offset)))
}

func decodeCursor(c string) (int, error) {
	if c == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil && len(b) > 1 && b[0] == 'o' {
		if n, err := strconv.Atoi(string(b[1:])); err == nil && n >= 0 {
			return n, nil
		}
	}
	return 0, kg.Errorf(kg.CodeInvalid, "invalid cursor %q", c)
}
