package model

import "context"

// Page is one page of a list, as the resolvers compute it, before it
// becomes a connection.
type Page[T any] struct {
	Items   []T
	Cursors []string // Cursors[i] resumes after Items[i]
	HasNext bool
	HasPrev bool
	// Total counts the whole list. Counting can cost as much as reading
	// the list, so it runs only when a query asks for totalCount.
	Total func(context.Context) (int, error)
}

func (p Page[T]) pageInfo() *PageInfo {
	pi := &PageInfo{HasNextPage: p.HasNext, HasPreviousPage: p.HasPrev}
	if n := len(p.Cursors); n > 0 {
		pi.StartCursor, pi.EndCursor = &p.Cursors[0], &p.Cursors[n-1]
	}
	return pi
}

func (p Page[T]) totalFunc() func(context.Context) (int, error) {
	if p.Total != nil {
		return p.Total
	}
	n := len(p.Items)
	return func(context.Context) (int, error) { return n, nil }
}

// Map converts a page's items, keeping its cursors and counts.
func Map[T, U any](p Page[T], f func(T) U) Page[U] {
	out := Page[U]{Items: make([]U, len(p.Items)), Cursors: p.Cursors, HasNext: p.HasNext, HasPrev: p.HasPrev, Total: p.Total}
	for i, it := range p.Items {
		out.Items[i] = f(it)
	}
	return out
}

// PageInfo is Relay's pagination information.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}
