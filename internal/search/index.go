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
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Format names the index mapping. Change it whenever the mapping or what
// is indexed changes: an index of another format is rebuilt on open.
const Format = "crimegraph-search/3"

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

	// wmu serialises Stage, Sync and Rebuild and guards staged and held;
	// the invariants they keep are written on Staged.
	wmu    sync.Mutex
	staged int              // open stages
	held   map[kg.ID]string // fingerprints of staged nodes
}

// errClosed answers a use of a closed index.
func errClosed() error { return kg.Errorf(kg.CodeUnavailable, "the search index is closed") }

// writable returns the bleve index for a writer, with x.wmu held: no
// Rebuild or Close can swap it until the writer is done.
func (x *Index) writable() (bleve.Index, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.idx == nil {
		return nil, errClosed()
	}
	return x.idx, nil
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

// fill indexes every node of r into idx and records version, or no version
// while staging (see Staged).
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
