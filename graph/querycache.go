package graph

import (
	"container/list"
	"context"
	"crypto/sha256"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// queryCache keeps parsed and validated documents, so a repeated query is
// neither parsed nor validated again. It is bounded in bytes, not entries:
// a document costs about 17 times its query's length in memory (it keeps
// the query as its source, and an AST node per token; measured on the
// example queries), so 1,000 entries of 60 KB queries would hold over
// 100 MB. Each document is counted as queryCost, and a query is keyed by
// its SHA-256 rather than kept a second time. A query too long to be any
// page's is not kept (see Add).
type queryCache struct {
	budget int64
	report func(bytes, entries int64) // nil: not reported

	mu      sync.Mutex
	entries map[[sha256.Size]byte]*list.Element
	lru     list.List // of *queryEntry, most recent first
	bytes   int64
}

type queryEntry struct {
	key  [sha256.Size]byte
	doc  *ast.QueryDocument
	cost int64
}

var _ graphql.Cache[*ast.QueryDocument] = (*queryCache)(nil)

// queryCost is what a document of a query of n bytes is counted as.
func queryCost(n int) int64 { return int64(20*n + 512) }

func newQueryCache(budget int64, report func(bytes, entries int64)) *queryCache {
	return &queryCache{budget: budget, report: report, entries: map[[sha256.Size]byte]*list.Element{}}
}

func (c *queryCache) Get(_ context.Context, query string) (*ast.QueryDocument, bool) {
	k := sha256.Sum256([]byte(query))
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[k]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*queryEntry).doc, true
}

func (c *queryCache) Add(_ context.Context, query string, doc *ast.QueryDocument) {
	e := &queryEntry{key: sha256.Sum256([]byte(query)), doc: doc, cost: queryCost(len(query))}
	if e.cost > c.budget/64 {
		return // a query this long (13 KB of the default 16 MB) is no page's: it would evict dozens
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[e.key]; ok {
		c.remove(el)
	}
	c.entries[e.key] = c.lru.PushFront(e)
	c.bytes += e.cost
	for c.bytes > c.budget {
		c.remove(c.lru.Back())
	}
	if c.report != nil {
		c.report(c.bytes, int64(len(c.entries)))
	}
}

func (c *queryCache) remove(el *list.Element) {
	e := c.lru.Remove(el).(*queryEntry)
	delete(c.entries, e.key)
	c.bytes -= e.cost
}
