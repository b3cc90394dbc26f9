// Package search is crimegraph's full-text index: a bleve index (scorch, on
// disk beside the store) of every node's label, aliases and codes, and of
// the text of paragraphs and recommendations.
//
// The index is derived data. The store is the system of record; the index
// follows it through Sync with each committed kg.Change, records the graph
// version it reflects, and is rebuilt from the store whenever that version
// is not the store's (after a crash between a store write and its Sync, or
// after a format change). The index holds terms only: a search reads its
// hits' text from the store to cut their snippets.
package search

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Format names the index mapping. Change it whenever the mapping or what
// is indexed changes: an index of another format is rebuilt on open.
const Format = "crimegraph-search/3"

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

var (
	keyVersion = []byte("crimegraph.version")
	keyFormat  = []byte("crimegraph.format")
)

// Index is a full-text index of the graph. It is safe for concurrent use;
// a rebuild swaps the whole index while searches wait.
type Index struct {
	dir string    // "" for an in-memory index
	r   kg.Reader // the store it follows, for snippets

	mu      sync.RWMutex // guards idx and version; writers are Sync and Rebuild
	idx     bleve.Index
	version uint64

	wmu sync.Mutex // serialises Stage, Sync and Rebuild, and guards:
	// staged counts the stages neither committed nor aborted. While any
	// is open the index records no graph version, so a crash before the
	// store commits what was staged makes Open rebuild the index.
	staged int
	// held fingerprints what the index holds for staged nodes, so that a
	// commit skips the nodes the store wrote exactly as staged.
	held map[kg.ID]string
}

// Open opens the index in dir, creating it if needed, and rebuilds it from
// r if it is missing, unreadable, of another format or at another graph
// version than r.
func Open(ctx context.Context, dir string, r kg.Reader) (*Index, error) {
	if dir == "" {
		return nil, kg.Errorf(kg.CodeInvalid, "no search index folder given")
	}
	x := &Index{dir: dir, r: r}
	idx, err := bleve.OpenUsing(dir, indexConfig)
	if err == nil {
		format, _ := idx.GetInternal(keyFormat)
		v, _ := idx.GetInternal(keyVersion)
		if string(format) == Format && len(v) == 8 {
			x.idx, x.version = idx, binary.BigEndian.Uint64(v)
			if x.version == r.Version() {
				return x, nil
			}
		} else {
			idx.Close()
		}
	} else if !errors.Is(err, bleve.ErrorIndexPathDoesNotExist) && !errors.Is(err, bleve.ErrorIndexMetaMissing) {
		if strings.Contains(err.Error(), "timeout") {
			return nil, kg.Wrap(kg.CodeUnavailable, err, "search index "+dir+" is in use by another crimegraph process")
		}
		// Unreadable: it is derived data, rebuild it.
	}
	if err := x.Rebuild(ctx, r); err != nil {
		x.Close()
		return nil, err
	}
	return x, nil
}

// OpenMem builds an index in memory from r: for tests, and for a server or
// command that cannot write beside its store.
func OpenMem(ctx context.Context, r kg.Reader) (*Index, error) {
	x := &Index{r: r}
	if err := x.Rebuild(ctx, r); err != nil {
		return nil, err
	}
	return x, nil
}

// Version is the graph version the index reflects.
func (x *Index) Version() uint64 {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.version
}

// Close writes what the index holds to disk and closes it. Batches return
// before they reach the disk (see indexConfig) and bleve's Close does not
// wait for them: without the flush, the last write before a close was
// lost, and the next Open rebuilt the whole index.
func (x *Index) Close() error {
	x.wmu.Lock()
	defer x.wmu.Unlock()
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.idx == nil {
		return nil
	}
	var err error
	if x.dir != "" {
		err = flush(x.idx)
	}
	err = errors.Join(err, x.idx.Close())
	x.idx = nil
	if err != nil {
		return kg.Wrap(kg.CodeUnavailable, err, "search index not closed cleanly; it will be rebuilt")
	}
	return nil
}

// flushTimeout bounds the wait for the index to reach the disk on Close.
const flushTimeout = 30 * time.Second

// flush waits until every batch idx has taken is on disk: bleve calls a
// batch's persisted callback once that batch and all before it are.
func flush(idx bleve.Index) error {
	done := make(chan error, 1)
	b := idx.NewBatch()
	b.SetInternal(keyFormat, []byte(Format))
	b.SetPersistedCallback(func(err error) {
		select {
		case done <- err:
		default:
		}
	})
	if err := idx.Batch(b); err != nil {
		return err
	}
	select {
	case err := <-done:
		return err
	case <-time.After(flushTimeout):
		return fmt.Errorf("search index not written to disk within %s", flushTimeout)
	}
}

// indexConfig makes a batch return once it is searchable, without waiting
// for it to reach the disk (scorch's unsafe_batch). The index is derived
// data: the graph version it records is persisted with the batches, so a
// crash leaves it at an older version, and Open then rebuilds it from the
// store. Waiting for each fsync tripled the cost of an ingest.
var indexConfig = map[string]any{"bolt_timeout": "2s", "unsafe_batch": true}

// newIndex creates an empty scorch index at path ("" for memory).
func newIndex(path string) (bleve.Index, error) {
	return bleve.NewUsing(path, newMapping(), scorch.Name, scorch.Name, nil)
}

// Rebuild indexes every node of r from scratch. On disk it builds a new
// index beside the old one and swaps them, so searches keep working while
// it runs and a crash leaves either index, never half of one.
func (x *Index) Rebuild(ctx context.Context, r kg.Reader) error {
	x.wmu.Lock()
	defer x.wmu.Unlock()
	return x.rebuild(ctx, r)
}

// rebuild is Rebuild with x.wmu held.
func (x *Index) rebuild(ctx context.Context, r kg.Reader) error {
	// The version is read before the nodes: a write during the rebuild is
	// then either in the index already or re-applied by its Sync, which
	// sees an older recorded version.
	version := r.Version()
	path := ""
	if x.dir != "" {
		path = x.dir + ".rebuild"
		if err := os.RemoveAll(path); err != nil {
			return kg.Wrap(kg.CodeUnavailable, err, "cannot clear "+path)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return kg.Wrap(kg.CodeUnavailable, err, "cannot create "+filepath.Dir(path))
		}
	}
	fresh, err := newIndex(path)
	if err != nil {
		return kg.Wrap(kg.CodeUnavailable, err, "cannot create search index")
	}
	if err := fill(ctx, fresh, r, version, x.staged > 0); err != nil {
		fresh.Close()
		return err
	}
	x.held = nil // the fresh index holds what the store holds
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.dir == "" {
		if x.idx != nil {
			x.idx.Close()
		}
		x.idx, x.version = fresh, version
		return nil
	}
	if err := fresh.Close(); err != nil {
		return kg.Wrap(kg.CodeUnavailable, err, "cannot write search index")
	}
	if x.idx != nil {
		x.idx.Close()
		x.idx = nil
	}
	if err := os.RemoveAll(x.dir); err != nil {
		return kg.Wrap(kg.CodeUnavailable, err, "cannot replace "+x.dir)
	}
	if err := os.Rename(path, x.dir); err != nil {
		return kg.Wrap(kg.CodeUnavailable, err, "cannot replace "+x.dir)
	}
	idx, err := bleve.OpenUsing(x.dir, indexConfig)
	if err != nil {
		return kg.Wrap(kg.CodeUnavailable, err, "cannot open rebuilt search index")
	}
	x.idx, x.version = idx, version
	return nil
}

// batchSize bounds the documents per bleve batch, and so the memory a
// rebuild of a large corpus holds at once.
const batchSize = 500

func fill(ctx context.Context, idx bleve.Index, r kg.Reader, version uint64, staging bool) error {
	b := idx.NewBatch()
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		if err := idx.Batch(b); err != nil {
			return kg.Wrap(kg.CodeUnavailable, err, "search index write failed")
		}
		b.Reset()
		return nil
	}
	for _, kind := range kg.Kinds {
		after := ""
		for {
			if err := ctx.Err(); err != nil {
				return kg.Wrap(kg.CodeTimeout, err, "search index rebuild interrupted")
			}
			page, err := r.List(ctx, kind, after, batchSize)
			if err != nil {
				return err
			}
			for _, n := range page.Nodes {
				if err := b.Index(string(n.ID), document(n).fields()); err != nil {
					return fmt.Errorf("index %s: %w", n.ID, err)
				}
			}
			if b.Size() >= batchSize {
				if err := flush(); err != nil {
					return err
				}
			}
			if !page.HasNext {
				break
			}
			after = page.EndCursor
		}
	}
	b.SetInternal(keyFormat, []byte(Format))
	if !staging {
		b.SetInternal(keyVersion, u64(version))
	}
	return flush()
}

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

// Sync brings the index to the graph version of ch: every node ch touched
// is read again from r and indexed, or deleted when r no longer has it.
// A change older than the index is ignored; a change that skips versions
// (a lost Sync) triggers a rebuild, so the index never silently lags.
func (x *Index) Sync(ctx context.Context, r kg.Reader, ch kg.Change) error {
	x.wmu.Lock()
	defer x.wmu.Unlock()
	return x.sync(ctx, r, ch, nil)
}

// sync is Sync with x.wmu held; ids are read again besides ch.Touched.
func (x *Index) sync(ctx context.Context, r kg.Reader, ch kg.Change, ids []kg.ID) error {
	have := x.Version()
	switch {
	case ch.Version <= have && len(ids) == 0:
		return nil
	case ch.Version <= have:
		return x.apply(ctx, r, ids, have)
	case ch.Version != have+1:
		return x.rebuild(ctx, r)
	}
	if len(ids) > 0 {
		seen := make(map[kg.ID]bool, len(ch.Touched))
		for _, id := range ch.Touched {
			seen[id] = true
		}
		all := append([]kg.ID(nil), ch.Touched...)
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				all = append(all, id)
			}
		}
		ids = all
	} else {
		ids = ch.Touched
	}
	return x.apply(ctx, r, ids, ch.Version)
}

// apply re-reads ids from r, brings each one's entry in the index up to
// date, and records version. A node staged exactly as r now has it is
// left alone.
func (x *Index) apply(ctx context.Context, r kg.Reader, ids []kg.ID, version uint64) error {
	x.mu.RLock()
	idx := x.idx
	x.mu.RUnlock()
	if idx == nil {
		return kg.Errorf(kg.CodeUnavailable, "the search index is closed")
	}
	for start := 0; start < len(ids) || start == 0; start += batchSize {
		part := ids[start:min(start+batchSize, len(ids))]
		nodes, err := r.Nodes(ctx, part)
		if err != nil {
			return err
		}
		b := idx.NewBatch()
		for i, n := range nodes {
			id := part[i]
			held, staged := x.held[id]
			delete(x.held, id)
			if n.ID == "" {
				b.Delete(string(id))
				continue
			}
			e := document(n)
			if staged && held == e.fingerprint() {
				continue
			}
			if err := b.Index(string(n.ID), e.fields()); err != nil {
				return fmt.Errorf("index %s: %w", n.ID, err)
			}
		}
		last := start+batchSize >= len(ids)
		if last {
			x.mark(b, version)
		}
		if err := idx.Batch(b); err != nil {
			return kg.Wrap(kg.CodeUnavailable, err, "search index write failed")
		}
		if last {
			break
		}
	}
	x.mu.Lock()
	x.version = version
	x.mu.Unlock()
	return nil
}

// mark records in b the graph version the index reflects, or none while a
// stage is open.
func (x *Index) mark(b *bleve.Batch, version uint64) {
	if x.staged > 0 {
		b.DeleteInternal(keyVersion)
		return
	}
	b.SetInternal(keyVersion, u64(version))
}

// Stage indexes nodes that a store write is about to commit: the sections,
// paragraphs and recommendations of the document being ingested, whose
// entries need nothing from other documents. Staging lets the costly
// analysis of their text run beside extraction and the store write
// instead of after them.
//
// Until the returned stage is committed or aborted, the staged nodes are
// searchable although the store may not have them yet, and the index
// records no graph version, so that a crash in between makes Open rebuild
// it from the store.
func (x *Index) Stage(ctx context.Context, nodes []kg.Node) (*Staged, error) {
	x.wmu.Lock()
	defer x.wmu.Unlock()
	s := &Staged{x: x}
	x.staged++
	if err := s.add(ctx, nodes); err != nil {
		x.staged--
		return nil, err
	}
	return s, nil
}

// Add stages more nodes under s.
func (s *Staged) Add(ctx context.Context, nodes []kg.Node) error {
	s.x.wmu.Lock()
	defer s.x.wmu.Unlock()
	if s.done {
		return kg.Errorf(kg.CodeInvalid, "the stage is closed")
	}
	return s.add(ctx, nodes)
}

// add indexes nodes under s, with x.wmu held.
func (s *Staged) add(ctx context.Context, nodes []kg.Node) error {
	x := s.x
	// One entry per node, merged as the store merges a fragment's
	// statements of one node.
	byID := make(map[kg.ID][]kg.Node, len(nodes))
	var ids []kg.ID
	for _, n := range nodes {
		if _, ok := byID[n.ID]; !ok {
			ids = append(ids, n.ID)
		}
		byID[n.ID] = append(byID[n.ID], n)
	}
	x.mu.RLock()
	idx := x.idx
	x.mu.RUnlock()
	if idx == nil {
		return kg.Errorf(kg.CodeUnavailable, "the search index is closed")
	}
	if err := ctx.Err(); err != nil {
		return kg.Wrap(kg.CodeTimeout, err, "search index staging interrupted")
	}
	b := idx.NewBatch()
	fps := make(map[kg.ID]string, len(ids))
	for _, id := range ids {
		e := document(kg.MergeNodes(byID[id]))
		if err := b.Index(string(id), e.fields()); err != nil {
			return fmt.Errorf("index %s: %w", id, err)
		}
		fps[id] = e.fingerprint()
	}
	x.mark(b, x.Version())
	if err := idx.Batch(b); err != nil {
		return kg.Wrap(kg.CodeUnavailable, err, "search index write failed")
	}
	if x.held == nil {
		x.held = make(map[kg.ID]string, len(fps))
	}
	for id, fp := range fps {
		x.held[id] = fp
	}
	s.ids = append(s.ids, ids...)
	return nil
}

// Staged is an open stage: Commit it after the store write succeeds, or
// Abort it after the write fails. Either closes it; a second call does
// nothing.
type Staged struct {
	x    *Index
	ids  []kg.ID
	done bool
}

// Commit syncs the index with the store change ch, as Sync does, and
// re-reads the staged nodes ch did not touch. Nodes the store holds as
// they were staged are not indexed again.
func (s *Staged) Commit(ctx context.Context, r kg.Reader, ch kg.Change) error {
	x := s.x
	x.wmu.Lock()
	defer x.wmu.Unlock()
	if !s.close() {
		return nil
	}
	return x.sync(ctx, r, ch, s.ids)
}

// Abort puts back what r holds for the staged nodes: the store write they
// were staged for did not happen.
func (s *Staged) Abort(ctx context.Context, r kg.Reader) error {
	x := s.x
	x.wmu.Lock()
	defer x.wmu.Unlock()
	if !s.close() {
		return nil
	}
	return x.apply(ctx, r, s.ids, x.Version())
}

// close closes the stage, with x.wmu held, and reports whether it was open.
func (s *Staged) close() bool {
	if s.done {
		return false
	}
	s.done = true
	s.x.staged--
	return true
}

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
		return nil, nil, kg.Errorf(kg.CodeUnavailable, "the search index is closed")
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
