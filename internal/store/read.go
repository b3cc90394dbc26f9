package store

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// MaxPage bounds any page a caller may ask for.
const MaxPage = 1000

func (s *Store) view(ctx context.Context, fn func(txn *badger.Txn) error) error {
	if err := ctxErr(ctx); err != nil {
		return err
	}
	err := s.db.View(fn)
	var ke *kg.Error
	switch {
	case err == nil, errors.As(err, &ke):
		return err
	case errors.Is(err, errCorrupt):
		return fmt.Errorf("store: %w", err) // a bug or a damaged store: internal
	}
	return kg.Wrap(kg.CodeUnavailable, err, "store read failed")
}

func getNode(txn *badger.Txn, id kg.ID) (kg.Node, bool, error) {
	item, err := txn.Get(nodeKey(id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return kg.Node{}, false, nil
	}
	if err != nil {
		return kg.Node{}, false, err
	}
	var n kg.Node
	err = item.Value(func(v []byte) error {
		var derr error
		n, derr = decodeNode(v)
		return derr
	})
	return n, err == nil, err
}

// Node returns one node or a CodeNotFound error.
func (s *Store) Node(ctx context.Context, id kg.ID) (kg.Node, error) {
	var n kg.Node
	var ok bool
	err := s.view(ctx, func(txn *badger.Txn) error {
		var err error
		n, ok, err = getNode(txn, id)
		return err
	})
	if err != nil {
		return kg.Node{}, err
	}
	if !ok {
		return kg.Node{}, kg.NotFound("no node %q", string(id))
	}
	return n, nil
}

// Nodes returns the nodes for ids in order; a missing one is a zero Node.
func (s *Store) Nodes(ctx context.Context, ids []kg.ID) ([]kg.Node, error) {
	out := make([]kg.Node, len(ids))
	err := s.view(ctx, func(txn *badger.Txn) error {
		for i, id := range ids {
			n, _, err := getNode(txn, id)
			if err != nil {
				return err
			}
			out[i] = n
		}
		return nil
	})
	return out, err
}

func encodeCursor(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func decodeCursor(c string) ([]byte, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return nil, kg.Errorf(kg.CodeInvalid, "invalid cursor %q", c)
	}
	return b, nil
}

func clampFirst(first int) int {
	if first <= 0 || first > MaxPage {
		return MaxPage
	}
	return first
}

// List pages through the nodes of one kind in sort order. The cursor is the
// position in the kind index, so pages stay stable while other kinds change.
func (s *Store) List(ctx context.Context, kind kg.Kind, after string, first int) (kg.NodePage, error) {
	if !kind.Valid() {
		return kg.NodePage{}, kg.Errorf(kg.CodeInvalid, "unknown kind %q", kind)
	}
	first = clampFirst(first)
	cur, err := decodeCursor(after)
	if err != nil {
		return kg.NodePage{}, err
	}
	var page kg.NodePage
	err = s.view(ctx, func(txn *badger.Txn) error {
		page.Total = int(readCount(txn, nodeCountKey(kind)))
		prefix := kindPrefix(kind)
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		start := append(append([]byte{}, prefix...), cur...)
		var ids []kg.ID
		var last []byte
		for it.Seek(start); it.Valid(); it.Next() {
			k := it.Item().Key()
			if len(cur) > 0 && bytes.Equal(k, start) {
				continue
			}
			if len(ids) == first {
				page.HasNext = true
				break
			}
			ids = append(ids, kindKeyID(k))
			last = append(last[:0], k[len(prefix):]...)
		}
		page.EndCursor = encodeCursor(last)
		for _, id := range ids {
			n, ok, err := getNode(txn, id)
			if err != nil {
				return err
			}
			if ok {
				page.Nodes = append(page.Nodes, n)
			}
		}
		return nil
	})
	return page, err
}

// Edges returns one node's edges in one direction, ordered by kind and then
// by the other end, one page at a time.
func (s *Store) Edges(ctx context.Context, id kg.ID, q kg.EdgeQuery) (kg.EdgePage, error) {
	pages, err := s.EdgesOf(ctx, []kg.ID{id}, q)
	if err != nil {
		return kg.EdgePage{}, err
	}
	return pages[0], nil
}

// EdgesOf returns, for each of ids, the page Edges returns for it with q,
// read in one transaction through one iterator: a neighbourhood reads a
// whole ring of nodes at once instead of opening both for every node.
func (s *Store) EdgesOf(ctx context.Context, ids []kg.ID, q kg.EdgeQuery) ([]kg.EdgePage, error) {
	// wanted are the kinds asked, sorted and without repeats; nil is all.
	// Kinds already so (explore sorts its kinds once per request) are
	// used as they are: sorting 30 kinds for every node read was a
	// quarter of a neighbourhood's time.
	var wanted []kg.EdgeKind
	switch {
	case len(q.Kinds) == 0 || slices.Contains(q.Kinds, ""):
	case increasing(q.Kinds):
		wanted = q.Kinds
	default:
		wanted = slices.Compact(slices.Sorted(slices.Values(q.Kinds)))
	}
	first := clampFirst(q.First)
	if q.First <= 0 {
		first = 1 << 30
	}
	cur, err := decodeCursor(q.After)
	if err != nil {
		return nil, err
	}
	pages := make([]kg.EdgePage, len(ids))
	if len(ids) == 0 {
		return pages, nil
	}
	err = s.view(ctx, func(txn *badger.Txn) error {
		// One iterator over the node's edges in this direction (over
		// the direction's edges for many nodes), whatever the kinds
		// asked: opening a Badger iterator costs more than reading a few
		// keys, and the API asks for every kind but MENTIONS (one
		// iterator per kind made a 50-edge neighbourhood cost 3 ms,
		// docs/performance.md). Values are not prefetched: only the
		// edges kept are decoded.
		prefix := edgePrefix(q.Dir, ids[0], "")
		if len(ids) > 1 {
			prefix = prefix[:1]
		}
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		for i, id := range ids {
			if i > 0 {
				if err := ctxErr(ctx); err != nil {
					return err
				}
			}
			var err error
			if pages[i], err = readEdges(it, edgePrefix(q.Dir, id, ""), cur, wanted, first); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return pages, nil
}

// stepOver is how many keys of a kind not asked readEdges steps over
// before it seeks to the next kind asked.
const stepOver = 8

// readEdges reads the page of the edges under base (one node, one
// direction) past the cursor cur, of the kinds wanted (nil: all). Keys
// are kind-major (keys.go), so kinds come in the order of wanted; a kind
// not asked is stepped over, or, past stepOver keys, skipped by seeking
// to the next kind asked, so a node's thousands of MENTIONS cost one seek.
func readEdges(it *badger.Iterator, base, cur []byte, wanted []kg.EdgeKind, first int) (kg.EdgePage, error) {
	var page kg.EdgePage
	start := append(append([]byte{}, base...), cur...)
	// kindStart is where the edges of kind k begin, past the cursor.
	kindStart := func(k kg.EdgeKind) []byte {
		p := append(append(append(make([]byte, 0, len(base)+len(k)+1), base...), k...), sep)
		if bytes.Compare(start, p) > 0 {
			return start
		}
		return p
	}
	if wanted == nil {
		it.Seek(start)
	} else {
		it.Seek(kindStart(wanted[0]))
	}
	var last []byte
	skipped := 0 // keys of kinds not asked stepped over since the last seek
	for it.ValidForPrefix(base) {
		item := it.Item()
		key := item.Key()
		if len(cur) > 0 && bytes.Compare(key, start) <= 0 {
			it.Next()
			continue
		}
		if wanted != nil {
			kind := key[len(base):]
			if i := bytes.IndexByte(kind, sep); i >= 0 {
				kind = kind[:i]
			}
			i, ok := slices.BinarySearch(wanted, kg.EdgeKind(kind))
			if !ok {
				if i == len(wanted) {
					break
				}
				// A few keys are cheaper to step over than a seek,
				// which repositions every level of the LSM tree.
				if skipped++; skipped <= stepOver {
					it.Next()
				} else {
					it.Seek(kindStart(wanted[i]))
					skipped = 0
				}
				continue
			}
			skipped = 0
		}
		if len(page.Edges) == first {
			page.HasNext = true
			break
		}
		from, ek, to := edgeKeyParts(key)
		var entries []edgeEntry
		if err := item.Value(func(v []byte) error {
			var derr error
			entries, derr = decodeEdge(v)
			return derr
		}); err != nil {
			return kg.EdgePage{}, err
		}
		page.Edges = append(page.Edges, mergeEdge(from, ek, to, entries))
		last = append(last[:0], key[len(base):]...)
		it.Next()
	}
	page.EndCursor = encodeCursor(last)
	return page, nil
}

// increasing reports whether ks is sorted without repeats.
func increasing(ks []kg.EdgeKind) bool {
	for i := 1; i < len(ks); i++ {
		if ks[i-1] >= ks[i] {
			return false
		}
	}
	return true
}

// Lookup finds nodes by any of their names or codes, ignoring case, accents
// and a leading "the". A full ID ("state:TUR") also resolves.
func (s *Store) Lookup(ctx context.Context, name string, kind kg.Kind) ([]kg.Node, error) {
	var out []kg.Node
	err := s.view(ctx, func(txn *badger.Txn) error {
		if id := kg.ID(name); id.Validate() == nil {
			if n, ok, err := getNode(txn, id); err != nil {
				return err
			} else if ok && (kind == "" || n.Kind == kind) {
				out = append(out, n)
				return nil
			}
		}
		f := kg.Fold(name)
		if f == "" {
			return nil
		}
		prefix := aliasPrefix(f)
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		var ids []kg.ID
		for it.Rewind(); it.Valid(); it.Next() {
			id := aliasKeyID(it.Item().Key())
			if kind == "" || id.Kind() == kind {
				ids = append(ids, id)
			}
		}
		it.Close()
		for _, id := range ids {
			n, ok, err := getNode(txn, id)
			if err != nil {
				return err
			}
			if ok {
				out = append(out, n)
			}
		}
		return nil
	})
	return out, err
}

func readCount(txn *badger.Txn, key []byte) uint64 {
	item, err := txn.Get(key)
	if err != nil {
		return 0
	}
	var v uint64
	_ = item.Value(func(b []byte) error { v = readU64(b); return nil })
	return v
}

// Stats counts nodes and edges per kind from the counters kept by writes.
func (s *Store) Stats(ctx context.Context) (kg.Stats, error) {
	st := kg.Stats{Nodes: map[kg.Kind]int{}, Edges: map[kg.EdgeKind]int{}}
	err := s.view(ctx, func(txn *badger.Txn) error {
		for _, k := range kg.Kinds {
			st.Nodes[k] = int(readCount(txn, nodeCountKey(k)))
		}
		for _, k := range kg.EdgeKinds {
			st.Edges[k] = int(readCount(txn, edgeCountKey(k)))
		}
		st.Version = readCount(txn, keyVersion)
		return nil
	})
	return st, err
}

// Documents lists the ingested documents in key order.
func (s *Store) Documents(ctx context.Context) ([]kg.DocRecord, error) {
	var out []kg.DocRecord
	err := s.view(ctx, func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: docPrefix(), PrefetchValues: true})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			var r kg.DocRecord
			if err := it.Item().Value(func(v []byte) error {
				var derr error
				r, derr = decodeDoc(v)
				return derr
			}); err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

// Document returns one ingested document's record.
func (s *Store) Document(ctx context.Context, key string) (kg.DocRecord, error) {
	var r kg.DocRecord
	found := false
	err := s.view(ctx, func(txn *badger.Txn) error {
		item, err := txn.Get(docKey(key))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		found = true
		return item.Value(func(v []byte) error {
			var derr error
			r, derr = decodeDoc(v)
			return derr
		})
	})
	if err == nil && !found {
		err = kg.NotFound("no ingested document %q", key)
	}
	return r, err
}
