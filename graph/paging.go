package graph

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/crimegraph/crimegraph/graph/model"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// MaxPage bounds `first` on every connection.
const MaxPage = 100

// DefaultPage is the page size when a connection's `first` is null.
const DefaultPage = 20

// pageSize validates a connection's `first`.
func pageSize(first *int) (int, error) {
	if first == nil {
		return DefaultPage, nil
	}
	if *first < 0 || *first > MaxPage {
		return 0, kg.Errorf(kg.CodeInvalid, "first must be between 0 and %d, not %d", MaxPage, *first)
	}
	return *first, nil
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Cursors. Every cursor is opaque base64url text; its first byte says
// which list it belongs to, so a cursor from another list is refused.
//
//	'k' skip 0 phase 0 store   position in a store list (edges, nodes):
//	                           the store's cursor, the items to skip after
//	                           it, and the phase (edge direction) it is in
//	'o' offset                 position in a list computed whole
//
// The store's own cursors only mark the end of a page; skipping from the
// start of the page gives every item of a page its own cursor, at the cost
// of re-reading at most one page.

type storeCursor struct {
	phase int
	store string
	skip  int
}

func (c storeCursor) encode() string {
	return base64.RawURLEncoding.EncodeToString([]byte("k" + strconv.Itoa(c.skip) + "\x00" + strconv.Itoa(c.phase) + "\x00" + c.store))
}

func decodeStoreCursor(s string) (storeCursor, error) {
	if s == "" {
		return storeCursor{}, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil && len(b) > 0 && b[0] == 'k' {
		parts := strings.SplitN(string(b[1:]), "\x00", 3)
		if len(parts) == 3 {
			skip, e1 := strconv.Atoi(parts[0])
			phase, e2 := strconv.Atoi(parts[1])
			if e1 == nil && e2 == nil && skip >= 0 && phase >= 0 {
				return storeCursor{phase: phase, skip: skip, store: parts[2]}, nil
			}
		}
	}
	return storeCursor{}, kg.Errorf(kg.CodeInvalid, "invalid cursor %q", s)
}

func encodeOffset(n int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o" + strconv.Itoa(n)))
}

func decodeOffset(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil && len(b) > 1 && b[0] == 'o' {
		if n, err := strconv.Atoi(string(b[1:])); err == nil && n >= 0 {
			return n, nil
		}
	}
	return 0, kg.Errorf(kg.CodeInvalid, "invalid cursor %q", s)
}

// fetchFunc reads up to first items of one phase of a store list after a
// store cursor.
type fetchFunc[T any] func(ctx context.Context, after string, first int) (items []T, end string, more bool, err error)

// pageStore pages through a store list made of phases (one per edge
// direction), giving each item its own cursor.
func pageStore[T any](ctx context.Context, phases []fetchFunc[T], first int, after string) (model.Page[T], error) {
	cur, err := decodeStoreCursor(after)
	if err != nil {
		return model.Page[T]{}, err
	}
	if cur.phase >= len(phases) {
		return model.Page[T]{}, kg.Errorf(kg.CodeInvalid, "invalid cursor %q", after)
	}
	p := model.Page[T]{HasPrev: after != ""}
	for ph := cur.phase; ph < len(phases); ph++ {
		start := storeCursor{phase: ph}
		if ph == cur.phase {
			start = cur
		}
		need := first - len(p.Items)
		if need == 0 {
			// The page is full: is there anything after it?
			items, _, more, err := phases[ph](ctx, start.store, start.skip+1)
			if err != nil {
				return model.Page[T]{}, err
			}
			if len(items) > start.skip || more {
				p.HasNext = true
				break
			}
			continue
		}
		items, end, more, err := phases[ph](ctx, start.store, start.skip+need)
		if err != nil {
			return model.Page[T]{}, err
		}
		for i := start.skip; i < len(items); i++ {
			c := storeCursor{phase: ph, store: start.store, skip: i + 1}
			if i == len(items)-1 {
				c = storeCursor{phase: ph, store: end}
			}
			p.Items = append(p.Items, items[i])
			p.Cursors = append(p.Cursors, c.encode())
		}
		if more {
			p.HasNext = true
			break
		}
	}
	return p, nil
}

// pageSlice pages through a list computed whole.
func pageSlice[T any](items []T, first int, after string) (model.Page[T], error) {
	off, err := decodeOffset(after)
	if err != nil {
		return model.Page[T]{}, err
	}
	off = min(off, len(items))
	end := min(off+first, len(items))
	p := model.Page[T]{Items: items[off:end], HasNext: end < len(items), HasPrev: off > 0}
	for i := off; i < end; i++ {
		p.Cursors = append(p.Cursors, encodeOffset(i+1))
	}
	total := len(items)
	p.Total = func(context.Context) (int, error) { return total, nil }
	return p, nil
}
