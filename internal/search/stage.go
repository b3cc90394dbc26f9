package search

import (
	"context"
	"fmt"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Staged is an open stage: nodes indexed before the store write that will
// commit them — the sections, paragraphs and recommendations of the
// document being ingested, whose entries need nothing from other
// documents — so that the costly analysis of their text runs beside
// extraction and the store write instead of after them. Commit it after
// the store write succeeds, or Abort it after the write fails. Either
// closes it; a second call does nothing.
//
// The staging invariants, kept by every function of this file and by
// Index.apply, Index.mark and fill:
//
//   - Index.staged counts the stages neither committed nor aborted. While
//     it is above zero the index records no graph version (mark deletes
//     it, fill does not write it), so a crash before the store commits
//     what was staged leaves an index without a version, which Open
//     rebuilds from the store. Meanwhile the staged nodes are searchable
//     although the store may not have them yet.
//   - Index.held fingerprints what the index holds for each staged node.
//     Commit re-reads every staged node from the store and skips the
//     nodes the store wrote exactly as staged; Abort re-reads them all and
//     puts back what the store holds. Either way held loses those nodes,
//     and a rebuild clears it, the fresh index holding what the store
//     holds.
//   - Index.wmu guards staged, held and each stage's fields, and
//     serialises staging with Sync and Rebuild.
type Staged struct {
	x    *Index
	ids  []kg.ID
	done bool
}

// Stage indexes nodes that a store write is about to commit, under a new
// stage (see Staged).
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
	idx, err := x.writable()
	if err != nil {
		return err
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

// Commit syncs the index with the store change ch, as Sync does, and
// re-reads the staged nodes ch did not touch. Nodes the store holds as
// they were staged are not indexed again.
func (s *Staged) Commit(ctx context.Context, r kg.Reader, ch kg.Change) error {
	return s.close(func(x *Index) error { return x.sync(ctx, r, ch, s.ids) })
}

// Abort puts back what r holds for the staged nodes: the store write they
// were staged for did not happen.
func (s *Staged) Abort(ctx context.Context, r kg.Reader) error {
	return s.close(func(x *Index) error { return x.apply(ctx, r, s.ids, x.Version()) })
}

// close closes the stage and runs then, under x.wmu, or does nothing if
// the stage is closed already.
func (s *Staged) close(then func(x *Index) error) error {
	x := s.x
	x.wmu.Lock()
	defer x.wmu.Unlock()
	if s.done {
		return nil
	}
	s.done = true
	x.staged--
	return then(x)
}
