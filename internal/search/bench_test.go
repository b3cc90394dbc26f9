package search_test

import (
	"testing"

	"github.com/crimegraph/crimegraph/internal/search"
)

// BenchmarkSearch is a page of ranked hits with their snippets, over the
// embedded corpus.
func BenchmarkSearch(b *testing.B) {
	_, x, _ := open(b, false)
	for _, first := range []int{10, 100} {
		b.Run(map[int]string{10: "first10", 100: "first100"}[first], func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				res, err := x.Search(ctx, search.Query{Text: "trafficking in persons", First: first})
				if err != nil || len(res.Hits) == 0 {
					b.Fatal(err)
				}
			}
		})
	}
}
