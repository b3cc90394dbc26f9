package kg

import (
	"context"
	"time"
)

// Direction selects a node's outgoing or incoming edges.
type Direction int

// The two edge directions. Both are indexed, so either is a prefix scan.
const (
	Out Direction = iota
	In
)

func (d Direction) String() string {
	if d == In {
		return "in"
	}
	return "out"
}

// EdgeQuery selects some edges of one node.
type EdgeQuery struct {
	Dir   Direction
	Kinds []EdgeKind // empty: every kind
	After string     // cursor from a previous EdgePage; "" starts at the beginning
	First int        // at most this many; 0 means no limit
}

// EdgePage is one page of edges, in a stable order (kind, then other end).
type EdgePage struct {
	Edges     []Edge
	EndCursor string
	HasNext   bool
}

// NodePage is one page of nodes of one kind, in their sort order.
type NodePage struct {
	Nodes     []Node
	EndCursor string
	HasNext   bool
	Total     int
}

// DocRecord describes an ingested document: what the store keeps about the
// ingest itself, beside the document's node.
type DocRecord struct {
	Key             string    // document key (UN symbol or title key)
	Title           string    // document title
	Symbols         []string  // every symbol printed on it
	Source          string    // file name it was read from
	Hash            string    // fingerprint of the source bytes and the pipeline that read them, hex
	IngestedAt      time.Time // when this version was committed
	Paragraphs      int
	Recommendations int
	Nodes           int // nodes the document supports
	Edges           int // edges the document supports
}

// Reader is the read side of the graph store. Implementations are safe for
// concurrent use and every call sees one consistent snapshot.
type Reader interface {
	// Node returns one node, or a CodeNotFound error.
	Node(ctx context.Context, id ID) (Node, error)
	// Nodes returns the nodes for ids in the same order; a missing node is
	// a zero Node (empty ID).
	Nodes(ctx context.Context, ids []ID) ([]Node, error)
	// List pages through the nodes of one kind in sort order.
	List(ctx context.Context, kind Kind, after string, first int) (NodePage, error)
	// Edges returns edges of one node in one direction.
	Edges(ctx context.Context, id ID, q EdgeQuery) (EdgePage, error)
	// Lookup finds the nodes one of whose names folds to Fold(name),
	// optionally of one kind only. Codes (ISO3, ICCS, symbols) are names.
	Lookup(ctx context.Context, name string, kind Kind) ([]Node, error)
	// Stats counts nodes and edges per kind.
	Stats(ctx context.Context) (Stats, error)
	// Documents lists the ingested documents in key order.
	Documents(ctx context.Context) ([]DocRecord, error)
	// Document returns one ingested document's record.
	Document(ctx context.Context, key string) (DocRecord, error)
	// Version is the graph version: it increases with every committed write,
	// so caches keyed by it are never stale.
	Version() uint64
}

// Change describes a committed write, so that derived data (the search
// index, caches) can follow the store exactly.
type Change struct {
	Version uint64 // graph version after the write
	Touched []ID   // every node the write created, changed or deleted, sorted
}

// Writer is the write side. Each call is atomic: after a crash the store
// holds the old version or the new one, never a mix.
type Writer interface {
	// Put replaces everything the document rec.Key supported by frag.
	Put(ctx context.Context, rec DocRecord, frag Fragment) (Change, error)
	// Remove deletes everything only the document supported.
	Remove(ctx context.Context, key string) (Change, error)
}

// Store is the graph store.
type Store interface {
	Reader
	Writer
	Close() error
}
