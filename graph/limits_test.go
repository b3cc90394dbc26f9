package graph

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

func parseValid(t *testing.T, es interface{ Schema() *ast.Schema }, q string) *ast.QueryDocument {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: q})
	if err != nil {
		t.Fatal(err)
	}
	if errs := validator.ValidateWithRules(es.Schema(), doc, nil); len(errs) > 0 {
		t.Fatal(errs)
	}
	return doc
}

// TestCostMatchesGqlgen: memoising fragments changes how long the walk
// takes, not what it counts — on the example queries the cost is gqlgen's.
func TestCostMatchesGqlgen(t *testing.T) {
	es := NewSchema(&Resolver{})
	files, _ := filepath.Glob("testdata/queries/*.graphql")
	queries := map[string]string{"a fragment spread twice": `{ a: entity(name: "x") { ...E } b: entity(name: "y") { ...E ... on State { label } } }
fragment E on Entity { id label ... on State { mentions(first: 5) { totalCount nodes { evidence { citation } paragraph { id } } } } }`}
	for _, f := range files {
		q, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		queries[f] = string(q)
	}
	for f, q := range queries {
		doc := parseValid(t, es, q)
		for _, op := range doc.Operations {
			want := complexity.Calculate(context.Background(), es, op, nil)
			w := &costWalker{ctx: context.Background(), es: es, schema: es.Schema(),
				depths: map[*ast.FragmentDefinition]int{}, costs: map[*ast.FragmentDefinition]int{}}
			if got := w.cost(op.SelectionSet); got != want {
				t.Errorf("%s %s: cost %d, gqlgen %d", f, op.Name, got, want)
			}
		}
	}
}

// bomb is a document in which each fragment spreads the previous one ten
// times: its expanded size is 10^levels.
func bomb(levels int) string {
	var b strings.Builder
	b.WriteString("fragment F0 on Query { stats { nodes } }\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "fragment F%d on Query {%s }\n", i, strings.Repeat(fmt.Sprintf(" ...F%d", i-1), 10))
	}
	fmt.Fprintf(&b, "{ ...F%d }", levels)
	return b.String()
}

// TestFragmentBombCost: a bomb costs 10^levels (saturating), found by a
// walk that visits each fragment once, and a walk whose context has ended
// stops.
func TestFragmentBombCost(t *testing.T) {
	es := NewSchema(&Resolver{})
	for _, levels := range []int{3, 30} {
		doc := parseValid(t, es, bomb(levels))
		w := &costWalker{ctx: context.Background(), es: es, schema: es.Schema(),
			depths: map[*ast.FragmentDefinition]int{}, costs: map[*ast.FragmentDefinition]int{}}
		got := w.cost(doc.Operations[0].SelectionSet)
		want := 2000 // 10³ × (stats + nodes)
		if levels == 30 {
			want = int(^uint(0) >> 1)
		}
		if got != want {
			t.Errorf("%d levels: cost %d, want %d", levels, got, want)
		}
		if w.steps > 20*(levels+2) {
			t.Errorf("%d levels: %d steps, want one visit per fragment", levels, w.steps)
		}
		if d := w.depth(doc.Operations[0].SelectionSet, 0, 16); d != 2 {
			t.Errorf("%d levels: depth %d, want 2", levels, d)
		}
	}
	// An ended context stops the walk and refuses the operation.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	doc := parseValid(t, es, bomb(30))
	l := &operationLimits{complexity: 1 << 62, depth: 15, es: es}
	err := l.MutateOperationContext(ctx, opContext(doc))
	if err == nil || err.Extensions["code"] != "TIMEOUT" {
		t.Errorf("cancelled walk: %v, want TIMEOUT", err)
	}
}

func opContext(doc *ast.QueryDocument) *graphql.OperationContext {
	return &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0]}
}

// TestHonourDeadline: once the request's context has ended, no resolver
// runs, and the field fails with the context's error (TIMEOUT).
func TestHonourDeadline(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ran := 0
	next := func(context.Context) (any, error) { ran++; return "x", nil }
	if v, err := honourDeadline(ctx, next); v != "x" || err != nil || ran != 1 {
		t.Fatalf("live context: %v %v, ran %d", v, err, ran)
	}
	cancel()
	_, err := honourDeadline(ctx, next)
	if code, _ := Classify(err); code != "TIMEOUT" || ran != 1 {
		t.Errorf("ended context: %v (%s), ran %d times", err, code, ran)
	}
}
