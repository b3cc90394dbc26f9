package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Put replaces everything document rec.Key supported by frag, in one
// transaction. Nodes and edges other documents also support keep their
// share; what only the old version supported disappears.
func (s *Store) Put(ctx context.Context, rec kg.DocRecord, frag kg.Fragment) (kg.Change, error) {
	if rec.Key == "" {
		return kg.Change{}, kg.Errorf(kg.CodeInvalid, "document has no key")
	}
	frag.Doc = rec.Key
	nodes, edges, err := normalize(frag)
	if err != nil {
		return kg.Change{}, err
	}
	rec.Nodes, rec.Edges = len(nodes), len(edges)
	if rec.IngestedAt.IsZero() {
		rec.IngestedAt = time.Now().UTC()
	}
	if err := s.fits(rec, nodes, edges); err != nil {
		return kg.Change{}, err
	}
	return s.write(ctx, func(w *writer) error {
		return w.replace(ctx, rec, nodes, edges, false)
	})
}

// Remove deletes everything only document key supported.
func (s *Store) Remove(ctx context.Context, key string) (kg.Change, error) {
	return s.write(ctx, func(w *writer) error {
		if _, err := w.txn.Get(docKey(key)); errors.Is(err, badger.ErrKeyNotFound) {
			return kg.NotFound("no ingested document %q", key)
		}
		return w.replace(ctx, kg.DocRecord{Key: key}, nil, nil, true)
	})
}

func (s *Store) write(ctx context.Context, fn func(w *writer) error) (kg.Change, error) {
	if s.readOnly {
		return kg.Change{}, kg.Errorf(kg.CodeReadOnly, "the store is open read-only")
	}
	if err := ctxErr(ctx); err != nil {
		return kg.Change{}, err
	}
	if err := checkFree(s.dir, s.minFree); err != nil {
		return kg.Change{}, err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var version uint64
	var touched []kg.ID
	// Other documents' contributions are read from a snapshot taken before
	// the write: only this document's change, so they cannot differ, and a
	// Badger iterator inside an update transaction re-sorts every pending
	// write on creation, which made large documents quadratic.
	snap := s.db.NewTransaction(false)
	defer snap.Discard()
	err := s.db.Update(func(txn *badger.Txn) error {
		w := &writer{txn: txn, snap: snap, counts: map[string]int{}}
		if err := fn(w); err != nil {
			return err
		}
		if err := w.flushCounts(); err != nil {
			return err
		}
		touched = w.touched
		version = readCount(txn, keyVersion) + 1
		return txn.Set(keyVersion, u64(version))
	})
	if err != nil {
		return kg.Change{}, writeError(err)
	}
	s.version.Store(version)
	sort.Slice(touched, func(i, j int) bool { return touched[i] < touched[j] })
	return kg.Change{Version: version, Touched: touched}, nil
}

// MaxWrite is the most one atomic write (one document) may hold: Badger
// entries, and their estimated bytes. Documents beyond it are refused
// before any work.
func (s *Store) MaxWrite() (entries, bytes int64) {
	return s.db.MaxBatchCount(), s.db.MaxBatchSize()
}

// MaxParts is the most sections and paragraphs a document can have: each
// adds at least six entries to its write (the node record, the document's
// contribution, the kind-index and name-index entries, the CONTAINS edge
// under both directions). The ingest refuses a larger document before
// extracting it.
func (s *Store) MaxParts() int {
	n, _ := s.MaxWrite()
	return int(n / 6)
}

// fits estimates, as Badger counts them, the entries and bytes the first
// write of a document makes, and refuses one that cannot fit in one
// transaction before the transaction starts: Badger would otherwise fail
// at the entry past its limit, after most of the work.
func (s *Store) fits(rec kg.DocRecord, nodes []kg.Node, edges []kg.Edge) error {
	maxCount, maxSize := s.MaxWrite()
	threshold := int64(s.db.Opts().ValueThreshold)
	var count, size int64
	add := func(key []byte, value int) {
		v := int64(value)
		if v >= threshold {
			v = 12 // a value-log pointer
		}
		count++
		size += int64(len(key)) + v + 2 + 10 // as Badger's Txn.checkSize
	}
	for _, n := range nodes {
		b := len(encodeNode(n))
		add(nodeKey(n.ID), b)
		if ownPart(n.ID, rec.Key) {
			add(contribKey(n.ID, rec.Key), 0)
		} else {
			add(contribKey(n.ID, rec.Key), b)
		}
		add(kindKey(n.Kind, kg.SortKey(n), n.ID), 0)
		for _, f := range names(n) {
			add(aliasKey(f, n.ID), 0)
		}
	}
	for _, e := range edges {
		b := len(encodeEdge([]edgeEntry{{Doc: rec.Key, Props: e.Props, Evidence: e.Evidence}}))
		add(outKey(e.From, e.Kind, e.To), b)
		add(inKey(e.To, e.Kind, e.From), b)
	}
	if count >= maxCount || size >= maxSize {
		return kg.Errorf(kg.CodeTooLarge,
			"document %s is too large to store in one atomic write: its %d nodes and %d edges need about %d entries (%d MB), one write holds at most %d (%d MB); split the document",
			rec.Key, len(nodes), len(edges), count, size>>20, maxCount, maxSize>>20)
	}
	return nil
}

func writeError(err error) error {
	var ke *kg.Error
	switch {
	case errors.As(err, &ke):
		return err
	case errors.Is(err, badger.ErrTxnTooBig):
		return kg.Wrap(kg.CodeTooLarge, err, "document too large to store in one atomic write")
	case errors.Is(err, badger.ErrConflict):
		return kg.Wrap(kg.CodeUnavailable, err, "concurrent write conflict; try again")
	case containsAny(err.Error(), "no space left"):
		return kg.Wrap(kg.CodeUnavailable, err, "disk full: the document was not stored and the store is unchanged")
	case containsAny(err.Error(), "read-only file system", "permission denied"):
		return kg.Wrap(kg.CodeReadOnly, err, "data folder is not writable: the store is unchanged")
	}
	return kg.Wrap(kg.CodeUnavailable, err, "store write failed; the store is unchanged")
}

// normalize merges duplicate nodes and edges of a fragment, checks that it
// is self-contained, and sorts it.
func normalize(f kg.Fragment) ([]kg.Node, []kg.Edge, error) {
	byID := make(map[kg.ID]int, len(f.Nodes))
	var nodes []kg.Node
	for _, n := range f.Nodes {
		if err := n.ID.Validate(); err != nil {
			return nil, nil, err
		}
		if n.Kind == "" {
			n.Kind = n.ID.Kind()
		}
		if n.Kind != n.ID.Kind() {
			return nil, nil, kg.Errorf(kg.CodeInvalid, "node %q has kind %q", n.ID, n.Kind)
		}
		if i, ok := byID[n.ID]; ok {
			nodes[i] = kg.MergeNodes([]kg.Node{nodes[i], n})
			continue
		}
		byID[n.ID] = len(nodes)
		nodes = append(nodes, kg.CanonicalNode(n))
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].ID < nodes[j].ID })

	type ek struct {
		from, to kg.ID
		kind     kg.EdgeKind
	}
	byKey := map[ek]int{}
	var edges []kg.Edge
	for _, e := range f.Edges {
		if !e.Kind.Valid() {
			return nil, nil, kg.Errorf(kg.CodeInvalid, "unknown edge kind %q", e.Kind)
		}
		for _, end := range []kg.ID{e.From, e.To} {
			if _, ok := byID[end]; !ok {
				return nil, nil, fmt.Errorf("edge %s: endpoint %s is not among the document's nodes", e.Key(), end)
			}
		}
		for i := range e.Evidence {
			if e.Evidence[i].Doc == "" {
				e.Evidence[i].Doc = f.Doc
			}
			if e.Evidence[i].Doc != f.Doc {
				return nil, nil, fmt.Errorf("edge %s: evidence from %q in a fragment of %q", e.Key(), e.Evidence[i].Doc, f.Doc)
			}
		}
		k := ek{e.From, e.To, e.Kind}
		if i, ok := byKey[k]; ok {
			// Gathered here, sorted once below: merging (sorting) for
			// each duplicate made an edge stated in every paragraph
			// quadratic in the paragraphs.
			edges[i].Evidence = append(edges[i].Evidence, e.Evidence...)
			for pk, pv := range e.Props {
				if edges[i].Props == nil {
					edges[i].Props = map[string]string{}
				}
				if _, ok := edges[i].Props[pk]; !ok {
					edges[i].Props[pk] = pv
				}
			}
			continue
		}
		byKey[k] = len(edges)
		e.Evidence = append([]kg.Evidence(nil), e.Evidence...)
		edges = append(edges, e)
	}
	for i := range edges {
		edges[i].Evidence = kg.MergeEvidence(nil, edges[i].Evidence)
	}
	sort.Slice(edges, func(i, j int) bool { return edgeLess(edges[i], edges[j]) })
	return nodes, edges, nil
}

func edgeLess(a, b kg.Edge) bool {
	if a.From != b.From {
		return a.From < b.From
	}
	if a.Kind != b.Kind {
		return a.Kind < b.Kind
	}
	return a.To < b.To
}

// names returns the folded names under which n is indexed.
func names(n kg.Node) []string {
	all := make([]string, 0, len(n.Aliases)+3)
	all = append(all, kg.Fold(n.Label))
	for _, a := range n.Aliases {
		all = append(all, kg.Fold(a))
	}
	for _, p := range kg.NameProps {
		if v := n.Props[p]; v != "" {
			all = append(all, kg.Fold(v))
		}
	}
	return kg.SortedSet(all)
}

// writer applies one document's change inside one transaction.
type writer struct {
	txn     *badger.Txn
	snap    *badger.Txn    // read-only snapshot of the store before this write
	doc     string         // the document being written
	counts  map[string]int // count key → delta
	touched []kg.ID        // nodes whose merged record changed
}

func (w *writer) get(key []byte) ([]byte, bool, error) {
	item, err := w.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	v, err := item.ValueCopy(nil)
	return v, err == nil, err
}

func (w *writer) flushCounts() error {
	keys := make([]string, 0, len(w.counts))
	for k := range w.counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		d := w.counts[k]
		if d == 0 {
			continue
		}
		v := int64(readCount(w.txn, []byte(k))) + int64(d)
		if v < 0 {
			return fmt.Errorf("counter %q would go negative", k)
		}
		if err := w.txn.Set([]byte(k), u64(uint64(v))); err != nil {
			return err
		}
	}
	return nil
}

// replace swaps the document's old manifest for the new nodes and edges,
// or, with remove, deletes the document.
func (w *writer) replace(ctx context.Context, rec kg.DocRecord, nodes []kg.Node, edges []kg.Edge, remove bool) error {
	doc := rec.Key
	// A cancelled write stops between records; the transaction is then
	// discarded and the store left as it was.
	step := 0
	cancelled := func() error {
		if step++; step%256 == 0 {
			return ctxErr(ctx)
		}
		return nil
	}
	w.doc = doc
	var old manifest
	if b, ok, err := w.get(manifestKey(doc)); err != nil {
		return err
	} else if ok {
		if old, err = decodeManifest(b); err != nil {
			return fmt.Errorf("manifest of %q: %w", doc, err)
		}
	}

	newEdges := make(map[edgeRef]bool, len(edges))
	for _, e := range edges {
		newEdges[edgeRef{e.From, e.Kind, e.To}] = true
	}
	for _, r := range old.Edges {
		if err := cancelled(); err != nil {
			return err
		}
		if !newEdges[r] {
			if err := w.dropEdge(r, doc); err != nil {
				return err
			}
		}
	}
	for _, e := range edges {
		if err := cancelled(); err != nil {
			return err
		}
		if err := w.putEdge(e, doc); err != nil {
			return err
		}
	}

	newNodes := make(map[kg.ID]bool, len(nodes))
	for _, n := range nodes {
		newNodes[n.ID] = true
	}
	for _, id := range old.Nodes {
		if err := cancelled(); err != nil {
			return err
		}
		if !newNodes[id] {
			if err := w.dropContrib(id, doc); err != nil {
				return err
			}
		}
	}
	for _, n := range nodes {
		if err := cancelled(); err != nil {
			return err
		}
		if err := w.putContrib(n, doc); err != nil {
			return err
		}
	}

	if remove {
		if err := w.txn.Delete(manifestKey(doc)); err != nil {
			return err
		}
		return w.txn.Delete(docKey(doc))
	}
	m := manifest{Nodes: make([]kg.ID, len(nodes)), Edges: make([]edgeRef, len(edges))}
	for i, n := range nodes {
		m.Nodes[i] = n.ID
	}
	for i, e := range edges {
		m.Edges[i] = edgeRef{e.From, e.Kind, e.To}
	}
	if err := w.txn.Set(manifestKey(doc), encodeManifest(m)); err != nil {
		return err
	}
	return w.txn.Set(docKey(doc), encodeDoc(rec))
}

func (w *writer) loadEdge(r edgeRef) ([]edgeEntry, bool, error) {
	b, ok, err := w.get(outKey(r.From, r.Kind, r.To))
	if err != nil || !ok {
		return nil, ok, err
	}
	entries, err := decodeEdge(b)
	if err != nil {
		return nil, false, fmt.Errorf("edge %v: %w", r, err)
	}
	return entries, true, nil
}

func (w *writer) saveEdge(r edgeRef, entries []edgeEntry) error {
	v := encodeEdge(entries)
	if err := w.txn.Set(outKey(r.From, r.Kind, r.To), v); err != nil {
		return err
	}
	return w.txn.Set(inKey(r.To, r.Kind, r.From), v)
}

func (w *writer) putEdge(e kg.Edge, doc string) error {
	r := edgeRef{e.From, e.Kind, e.To}
	entries, existed, err := w.loadEdge(r)
	if err != nil {
		return err
	}
	entry := edgeEntry{Doc: doc, Props: e.Props, Evidence: e.Evidence}
	i := sort.Search(len(entries), func(i int) bool { return entries[i].Doc >= doc })
	if i < len(entries) && entries[i].Doc == doc {
		entries[i] = entry
	} else {
		entries = append(entries, edgeEntry{})
		copy(entries[i+1:], entries[i:])
		entries[i] = entry
	}
	if !existed {
		w.counts[string(edgeCountKey(e.Kind))]++
	}
	return w.saveEdge(r, entries)
}

func (w *writer) dropEdge(r edgeRef, doc string) error {
	entries, existed, err := w.loadEdge(r)
	if err != nil || !existed {
		return err
	}
	kept := entries[:0]
	for _, x := range entries {
		if x.Doc != doc {
			kept = append(kept, x)
		}
	}
	if len(kept) > 0 {
		return w.saveEdge(r, kept)
	}
	w.counts[string(edgeCountKey(r.Kind))]--
	if err := w.txn.Delete(outKey(r.From, r.Kind, r.To)); err != nil {
		return err
	}
	return w.txn.Delete(inKey(r.To, r.Kind, r.From))
}

// putContrib records what doc says about node n and updates the merged
// node and its indexes.
func (w *writer) putContrib(n kg.Node, doc string) error {
	if ownPart(n.ID, doc) {
		return w.putOwnPart(n, doc)
	}
	enc := encodeContrib(n)
	old, hadOld, err := w.get(contribKey(n.ID, doc))
	if err != nil {
		return err
	}
	if hadOld && bytes.Equal(old, enc) {
		return nil // re-ingest of an unchanged statement
	}
	if err := w.txn.Set(contribKey(n.ID, doc), enc); err != nil {
		return err
	}
	cur, exists, err := w.node(n.ID)
	if err != nil {
		return err
	}
	if exists && !hadOld && subsumes(cur, n) {
		return nil // the merged node already says all this
	}
	return w.remerge(n.ID, cur, exists, &n)
}

// putOwnPart records a section, paragraph or recommendation of the
// document itself. While its document states it, its merged record is that
// statement alone (see remerge), so the contribution is an empty marker of
// support: the paragraph texts, the bulk of a document, are stored once.
func (w *writer) putOwnPart(n kg.Node, doc string) error {
	cur, exists, err := w.node(n.ID)
	if err != nil {
		return err
	}
	_, marked, err := w.get(contribKey(n.ID, doc))
	if err != nil {
		return err
	}
	if marked && exists && bytes.Equal(encodeNode(cur), encodeNode(kg.MergeNodes([]kg.Node{n}))) {
		return nil // re-ingest of an unchanged part
	}
	if err := w.txn.Set(contribKey(n.ID, doc), ownPartMarker); err != nil {
		return err
	}
	return w.remerge(n.ID, cur, exists, &n)
}

// subsumes reports whether merged already carries everything n states, with
// the same label, so adding n changes nothing.
func subsumes(merged, n kg.Node) bool {
	if merged.Label != n.Label {
		return false
	}
	have := make(map[string]bool, len(merged.Aliases))
	for _, a := range merged.Aliases {
		have[a] = true
	}
	for _, a := range n.Aliases {
		if !have[a] {
			return false
		}
	}
	for k, v := range n.Props {
		if merged.Props[k] != v {
			return false
		}
	}
	return true
}

func (w *writer) dropContrib(id kg.ID, doc string) error {
	if err := w.txn.Delete(contribKey(id, doc)); err != nil {
		return err
	}
	cur, exists, err := w.node(id)
	if err != nil {
		return err
	}
	return w.remerge(id, cur, exists, nil)
}

func (w *writer) node(id kg.ID) (kg.Node, bool, error) {
	b, ok, err := w.get(nodeKey(id))
	if err != nil || !ok {
		return kg.Node{}, false, err
	}
	n, err := decodeNode(b)
	if err != nil {
		return kg.Node{}, false, fmt.Errorf("node %q: %w", id, err)
	}
	return n, true, nil
}

// remerge recomputes a node from all its contributions and rewrites the
// node record, its kind-index entry and its name-index entries. own is this
// document's new statement of the node, nil when it no longer states it. A
// node no document supports any more is deleted.
//
// The result depends only on the set of contributions, never on the order
// documents arrived in: a part (section, paragraph, recommendation) that
// its own document states is that statement alone, whatever other documents
// say of it; any other node merges its statements with the one of the
// document it names first (a document's own record of itself) and then
// the others in document key order.
func (w *writer) remerge(id kg.ID, cur kg.Node, existed bool, own *kg.Node) error {
	owner := id.DocKey()
	if own != nil && ownPart(id, w.doc) {
		return w.rewrite(id, cur, existed, kg.MergeNodes([]kg.Node{*own}), true)
	}
	var first *kg.Node // the owner's statement
	var contribs []kg.Node
	if own != nil && w.doc == owner {
		first, own = own, nil
	}
	if existed { // a node that did not exist has no other contributions
		it := w.snap.NewIterator(badger.IteratorOptions{Prefix: contribPrefix(id), PrefetchValues: true})
		for it.Rewind(); it.Valid(); it.Next() {
			doc := contribDoc(it.Item().Key())
			if doc == w.doc {
				continue
			}
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				it.Close()
				return err
			}
			n, marker, err := decodeContrib(id, doc, v)
			if err != nil {
				it.Close()
				return fmt.Errorf("contribution of %q to %q: %w", doc, id, err)
			}
			if marker {
				// The part's own document states it, and its record is
				// that statement: nothing another document says changes it.
				it.Close()
				return nil
			}
			if doc == owner {
				first = &n
				continue
			}
			if own != nil && doc > w.doc { // keep document key order
				contribs = append(contribs, *own)
				own = nil
			}
			contribs = append(contribs, n)
		}
		it.Close()
	}
	if own != nil {
		contribs = append(contribs, *own)
	}
	if first != nil {
		contribs = append([]kg.Node{*first}, contribs...)
	}
	if len(contribs) == 0 {
		return w.rewrite(id, cur, existed, kg.Node{}, false)
	}
	return w.rewrite(id, cur, existed, kg.MergeNodes(contribs), true)
}

// rewrite replaces the node record cur (when existed) by merged, or deletes
// it when !supported, with its kind-index and name-index entries.
func (w *writer) rewrite(id kg.ID, cur kg.Node, existed bool, merged kg.Node, supported bool) error {
	var oldNames []string
	if existed {
		oldNames = names(cur)
	}
	if !supported {
		if !existed {
			return nil
		}
		w.touched = append(w.touched, id)
		w.counts[string(nodeCountKey(cur.Kind))]--
		for _, f := range oldNames {
			if err := w.txn.Delete(aliasKey(f, id)); err != nil {
				return err
			}
		}
		if err := w.txn.Delete(kindKey(cur.Kind, kg.SortKey(cur), id)); err != nil {
			return err
		}
		return w.txn.Delete(nodeKey(id))
	}

	if existed && bytes.Equal(encodeNode(merged), encodeNode(cur)) {
		return nil
	}
	if !existed {
		w.counts[string(nodeCountKey(merged.Kind))]++
	}
	w.touched = append(w.touched, id)
	if err := w.txn.Set(nodeKey(id), encodeNode(merged)); err != nil {
		return err
	}
	if existed {
		if ok, nk := kg.SortKey(cur), kg.SortKey(merged); ok != nk {
			if err := w.txn.Delete(kindKey(cur.Kind, ok, id)); err != nil {
				return err
			}
		}
	}
	if err := w.txn.Set(kindKey(merged.Kind, kg.SortKey(merged), id), nil); err != nil {
		return err
	}
	newNames := names(merged)
	keep := make(map[string]bool, len(newNames))
	for _, f := range newNames {
		keep[f] = true
		if err := w.txn.Set(aliasKey(f, id), nil); err != nil {
			return err
		}
	}
	for _, f := range oldNames {
		if !keep[f] {
			if err := w.txn.Delete(aliasKey(f, id)); err != nil {
				return err
			}
		}
	}
	return nil
}
