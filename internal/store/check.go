package store

import (
	"bytes"
	"context"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// CheckReport is the result of an integrity check.
type CheckReport struct {
	Nodes, Edges, Documents int      // records examined
	Problems                []string // empty when the store is consistent
}

// maxProblems stops a check of a badly damaged store from drowning the user.
const maxProblems = 200

// Check verifies the store's invariants: every edge's endpoints exist and
// both edge indexes agree, every index entry points at a live record with
// the indexed name, every evidence points at an existing paragraph, every
// node and edge is supported by a document whose manifest lists it, and the
// counters match the records. It reads one snapshot.
func (s *Store) Check(ctx context.Context) (CheckReport, error) {
	var r CheckReport
	problem := func(f string, a ...any) {
		if len(r.Problems) < maxProblems {
			r.Problems = append(r.Problems, fmt.Sprintf(f, a...))
		}
	}
	err := s.view(ctx, func(txn *badger.Txn) error {
		exists := func(key []byte) bool { _, err := txn.Get(key); return err == nil }

		// Manifests: what each document claims to support.
		claimsNode := map[string]map[kg.ID]bool{}
		claimsEdge := map[string]map[edgeRef]bool{}
		if err := scan(txn, []byte{pManifest}, func(k, v []byte) error {
			doc := split(k)[0]
			m, err := decodeManifest(v)
			if err != nil {
				problem("manifest %q: %v", doc, err)
				return nil
			}
			r.Documents++
			if !exists(docKey(doc)) {
				problem("manifest %q has no document record", doc)
			}
			claimsNode[doc] = map[kg.ID]bool{}
			claimsEdge[doc] = map[edgeRef]bool{}
			for _, id := range m.Nodes {
				claimsNode[doc][id] = true
				if !exists(contribKey(id, doc)) {
					problem("document %q lists node %q but has no contribution to it", doc, id)
				}
			}
			for _, e := range m.Edges {
				claimsEdge[doc][e] = true
			}
			return nil
		}); err != nil {
			return err
		}
		if err := scan(txn, docPrefix(), func(k, _ []byte) error {
			if doc := split(k)[0]; claimsNode[doc] == nil {
				problem("document record %q has no manifest", doc)
			}
			return nil
		}); err != nil {
			return err
		}

		nodeCounts := map[kg.Kind]int{}
		if err := scan(txn, []byte{pNode}, func(k, v []byte) error {
			r.Nodes++
			id := kg.ID(k[1:])
			n, err := decodeNode(v)
			if err != nil || n.ID != id {
				problem("node record %q unreadable or misfiled", id)
				return nil
			}
			nodeCounts[n.Kind]++
			if !exists(kindKey(n.Kind, kg.SortKey(n), id)) {
				problem("node %q missing from the %s index", id, n.Kind)
			}
			for _, f := range names(n) {
				if !exists(aliasKey(f, id)) {
					problem("node %q missing from the name index under %q", id, f)
				}
			}
			supported := false
			if err := scan(txn, contribPrefix(id), func(ck, _ []byte) error {
				supported = true
				return nil
			}); err != nil {
				return err
			}
			if !supported {
				problem("node %q is supported by no document (orphan)", id)
			}
			return nil
		}); err != nil {
			return err
		}
		if err := scan(txn, []byte{pContrib}, func(k, v []byte) error {
			p := split(k)
			id, doc := kg.ID(p[0]), p[len(p)-1]
			if n, marker, err := decodeContrib(id, doc, v); err != nil || (!marker && n.ID != id) {
				problem("contribution of %q to %q unreadable or misfiled", doc, id)
			}
			if !exists(nodeKey(id)) {
				problem("contribution of %q to missing node %q", doc, id)
			}
			if !claimsNode[doc][id] {
				problem("contribution of %q to %q not in its manifest", doc, id)
			}
			return nil
		}); err != nil {
			return err
		}
		if err := scan(txn, []byte{pKind}, func(k, _ []byte) error {
			p := split(k)
			id := kindKeyID(k)
			n, ok, err := getNode(txn, id)
			if err != nil {
				return err
			}
			if !ok || string(n.Kind) != p[0] || kg.SortKey(n) != p[1] {
				problem("stale kind-index entry for %q", id)
			}
			return nil
		}); err != nil {
			return err
		}
		if err := scan(txn, []byte{pAlias}, func(k, _ []byte) error {
			p := split(k)
			id := aliasKeyID(k)
			n, ok, err := getNode(txn, id)
			if err != nil {
				return err
			}
			if !ok || !contains(names(n), p[0]) {
				problem("stale name-index entry %q → %q", p[0], id)
			}
			return nil
		}); err != nil {
			return err
		}

		edgeCounts := map[kg.EdgeKind]int{}
		if err := scan(txn, []byte{pOut}, func(k, v []byte) error {
			r.Edges++
			from, ek, to := edgeKeyParts(k)
			edgeCounts[ek]++
			if !exists(nodeKey(from)) || !exists(nodeKey(to)) {
				problem("edge %s %s %s has a missing endpoint", from, ek, to)
			}
			item, err := txn.Get(inKey(to, ek, from))
			if err != nil {
				problem("edge %s %s %s missing from the reverse index", from, ek, to)
			} else if iv, _ := item.ValueCopy(nil); !bytes.Equal(iv, v) {
				problem("edge %s %s %s differs in the reverse index", from, ek, to)
			}
			entries, err := decodeEdge(v)
			if err != nil || len(entries) == 0 {
				problem("edge %s %s %s unreadable or unsupported", from, ek, to)
				return nil
			}
			for _, x := range entries {
				if !claimsEdge[x.Doc][edgeRef{from, ek, to}] {
					problem("edge %s %s %s: entry of %q not in its manifest", from, ek, to, x.Doc)
				}
				for _, ev := range x.Evidence {
					if ev.Ref != "" && !exists(nodeKey(ev.ParagraphID())) {
						problem("edge %s %s %s: evidence %s points at no paragraph", from, ek, to, ev.Citation())
					}
				}
			}
			return nil
		}); err != nil {
			return err
		}
		if err := scan(txn, []byte{pIn}, func(k, _ []byte) error {
			from, ek, to := edgeKeyParts(k)
			if !exists(outKey(from, ek, to)) {
				problem("reverse-index entry %s %s %s has no edge", from, ek, to)
			}
			return nil
		}); err != nil {
			return err
		}
		for doc, edges := range claimsEdge {
			for e := range edges {
				entries, ok, err := (&writer{txn: txn}).loadEdge(e)
				if err != nil {
					return err
				}
				found := false
				for _, x := range entries {
					found = found || x.Doc == doc
				}
				if !ok || !found {
					problem("document %q lists edge %s %s %s the store does not hold for it", doc, e.From, e.Kind, e.To)
				}
			}
		}
		for _, k := range kg.Kinds {
			if c := int(readCount(txn, nodeCountKey(k))); c != nodeCounts[k] {
				problem("counter of %s nodes says %d, records %d", k, c, nodeCounts[k])
			}
		}
		for _, k := range kg.EdgeKinds {
			if c := int(readCount(txn, edgeCountKey(k))); c != edgeCounts[k] {
				problem("counter of %s edges says %d, records %d", k, c, edgeCounts[k])
			}
		}
		return nil
	})
	return r, err
}

func scan(txn *badger.Txn, prefix []byte, fn func(k, v []byte) error) error {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: true, PrefetchSize: 100})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		v, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		if err := fn(item.KeyCopy(nil), v); err != nil {
			return err
		}
	}
	return nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
