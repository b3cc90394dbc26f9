package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/crimegraph/crimegraph/graph/model"
	"github.com/crimegraph/crimegraph/internal/kg"
)

func TestClassify(t *testing.T) {
	parse := gqlerror.Errorf("Expected Name, found <EOF>")
	errcode.Set(parse, errcode.ParseFailed)
	tokens := gqlerror.Errorf("exceeded token limit of 5000")
	errcode.Set(tokens, errcode.ParseFailed)
	valid := gqlerror.Errorf(`Cannot query field "x" on type "Query".`)
	errcode.Set(valid, errcode.ValidationFailed)
	cx := gqlerror.Errorf("operation has complexity 9, which exceeds the limit of 5")
	errcode.Set(cx, "COMPLEXITY_LIMIT_EXCEEDED")
	decode := gqlerror.Errorf("json request body could not be decoded")
	fieldBug := gqlerror.WrapPath(ast.Path{ast.PathName("stats")}, errors.New("nil pointer at /secret"))
	tests := []struct {
		name string
		err  error
		code kg.Code
		msg  string
	}{
		{"kg error", kg.Errorf(kg.CodeNotFound, "no node %q", "x"), kg.CodeNotFound, `no node "x"`},
		{"wrapped kg error", fmt.Errorf("ctx: %w", kg.Errorf(kg.CodeTooLarge, "too big")), kg.CodeTooLarge, "too big"},
		{"internal kg error", kg.Wrap(kg.CodeInternal, errors.New("/secret"), "oops"), kg.CodeInternal, "internal error"},
		{"deadline", fmt.Errorf("read: %w", context.DeadlineExceeded), kg.CodeTimeout, "request timed out"},
		{"parse", parse, kg.CodeInvalid, parse.Message},
		{"token limit", tokens, kg.CodeTooLarge, tokens.Message},
		{"validation", valid, kg.CodeInvalid, valid.Message},
		{"complexity", cx, kg.CodeTooLarge, cx.Message},
		{"request decoding", decode, kg.CodeInvalid, decode.Message},
		{"plain error", errors.New("disk on fire at /secret"), kg.CodeInternal, "internal error"},
		{"field error without code", fieldBug, kg.CodeInternal, "internal error"},
	}
	for _, tc := range tests {
		code, msg := Classify(tc.err)
		if code != tc.code || msg != tc.msg {
			t.Errorf("%s: Classify = %s %q, want %s %q", tc.name, code, msg, tc.code, tc.msg)
		}
	}
}

// TestQuote: the resolver translates explore's quote (tested there).
func TestQuote(t *testing.T) {
	text := "Speakers referred to trafficking in persons in Türkiye and elsewhere."
	i := strings.Index(text, "Türkiye")
	n := 12
	q := quote(text, kg.Evidence{Start: i, End: i + len("Türkiye")}, &n)
	if d := cmp.Diff(model.Quote{Before: "…persons in ", Match: "Türkiye", After: " and…"}, *q); d != "" {
		t.Errorf("quote (-want +got):\n%s", d)
	}
	if q := quote(text, kg.Evidence{Start: i, End: i + len("Türkiye")}, nil); q.Before+q.Match+q.After != text {
		t.Errorf("no context: %+v", q)
	}
}

func TestCursors(t *testing.T) {
	for _, c := range []storeCursor{{}, {phase: 1, store: "abc", skip: 3}, {store: "a\x00b"}} {
		got, err := decodeStoreCursor(c.encode())
		if err != nil || got != c {
			t.Errorf("round trip %+v: %+v %v", c, got, err)
		}
	}
	for _, bad := range []string{"!!", encodeOffset(3), "azE", "a-1"} {
		if _, err := decodeStoreCursor(bad); kg.ErrorCode(err) != kg.CodeInvalid {
			t.Errorf("decodeStoreCursor(%q) = %v", bad, err)
		}
	}
	if n, err := decodeOffset(encodeOffset(42)); n != 42 || err != nil {
		t.Errorf("offset round trip: %d %v", n, err)
	}
	if _, err := decodeOffset(storeCursor{}.encode()); kg.ErrorCode(err) != kg.CodeInvalid {
		t.Errorf("a store cursor passed as an offset: %v", err)
	}
}

// TestPageStore pages a two-phase list whose store pages end at odd
// places and checks every item comes once, in order, each with a cursor
// that resumes right after it.
func TestPageStore(t *testing.T) {
	phase := func(items []string) fetchFunc[string] {
		return func(_ context.Context, after string, first int) ([]string, string, bool, error) {
			start := 0
			if after != "" {
				fmt.Sscan(after, &start)
			}
			end := min(start+first, len(items))
			return items[start:end], fmt.Sprint(end), end < len(items), nil
		}
	}
	out, in := []string{"o1", "o2", "o3", "o4", "o5"}, []string{"i1", "i2", "i3"}
	phases := []fetchFunc[string]{phase(out), phase(in)}
	all := append(append([]string{}, out...), in...)
	for size := 1; size <= 9; size++ {
		var got []string
		after := ""
		for i := 0; i < 20; i++ {
			p, err := pageStore(context.Background(), phases, size, after)
			if err != nil {
				t.Fatal(err)
			}
			for j, c := range p.Cursors {
				rest, err := pageStore(context.Background(), phases, 1, c)
				if err != nil {
					t.Fatal(err)
				}
				k := len(got) + j + 1
				if k < len(all) && (len(rest.Items) != 1 || rest.Items[0] != all[k]) {
					t.Errorf("size %d: cursor of %s resumes at %v, want %s", size, p.Items[j], rest.Items, all[k])
				}
			}
			got = append(got, p.Items...)
			if !p.HasNext {
				break
			}
			after = p.Cursors[len(p.Cursors)-1]
		}
		if d := cmp.Diff(all, got); d != "" {
			t.Errorf("size %d (-want +got):\n%s", size, d)
		}
	}
	// first: 0 answers whether there is anything.
	p, _ := pageStore(context.Background(), phases, 0, "")
	if len(p.Items) != 0 || !p.HasNext {
		t.Errorf("first 0: %+v", p)
	}
}

func TestCostRules(t *testing.T) {
	es := NewSchema(&Resolver{})
	c := es.(costed)
	tests := []struct {
		typ, field string
		child      int
		args       map[string]any
		want       int
	}{
		{"Query", "recommendations", 10, map[string]any{"first": int64(50)}, 501},
		{"Query", "recommendations", 10, map[string]any{"first": nil}, 201}, // null: the default page
		{"Recommendation", "crimeTypes", 3, map[string]any{"first": int64(20)}, 61},
		{"State", "mentions", 4, map[string]any{"first": int64(2)}, 9},
		{"Query", "neighbourhood", 8, map[string]any{"limit": int64(100)}, 801},
		{"Query", "nodes", 2, map[string]any{"ids": []any{"a", "b", "c"}}, 7},
		{"Relation", "evidence", 3, nil, 16},
		{"Query", "recommendations", 1 << 40, map[string]any{"first": int64(1 << 40)}, 1<<63 - 1},
	}
	for _, tc := range tests {
		got, ok := c.Complexity(context.Background(), tc.typ, tc.field, tc.child, tc.args)
		if !ok || got != tc.want {
			t.Errorf("%s.%s(child %d, %v) = %d, want %d", tc.typ, tc.field, tc.child, tc.args, got, tc.want)
		}
	}
	// A connection's edges and nodes are costed by its first, not again.
	if r := c.rules["RecommendationConnection.nodes"]; r != costDefault {
		t.Errorf("RecommendationConnection.nodes has rule %d", r)
	}
	if r := c.rules["Subgraph.nodes"]; r != costDefault {
		t.Errorf("Subgraph.nodes has rule %d", r)
	}
}

// TestDocsShowTheExamples: docs/graphql.md shows every example query
// verbatim, so the documented queries are the tested ones.
func TestDocsShowTheExamples(t *testing.T) {
	doc, err := os.ReadFile("../docs/graphql.md")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/queries/*.graphql")
	if len(files) == 0 {
		t.Fatal("no example queries")
	}
	for _, f := range files {
		q, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(doc), "```graphql\n"+string(q)+"```") {
			t.Errorf("docs/graphql.md does not show %s verbatim", f)
		}
	}
}
