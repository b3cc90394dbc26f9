package search

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"github.com/crimegraph/crimegraph/internal/kg"
)

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
	idx, err := x.writable()
	if err != nil {
		return err
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
// stage is open (see Staged).
func (x *Index) mark(b *bleve.Batch, version uint64) {
	if x.staged > 0 {
		b.DeleteInternal(keyVersion)
		return
	}
	b.SetInternal(keyVersion, u64(version))
}
