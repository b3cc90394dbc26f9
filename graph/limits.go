package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// operationLimits refuses an operation whose complexity or depth exceeds
// its limit, before any field runs.
//
// Both walks count through fragment spreads, and both compute each
// fragment once: a fragment's cost and depth do not depend on where it is
// spread, so they are memoised by definition. Walking every spread instead
// (as gqlgen's complexity walker does) costs the size of the expanded
// document, which a "fragment bomb" makes exponential in its length:
// eleven fragments each spreading the previous ten times is 10¹¹ spreads
// in 1 KB. Memoised, the walk is linear in the document, which the parser's
// token limit bounds; it also stops when the request's context ends.
//
// (gqlparser's validation, which runs before, already visits each
// fragment once per operation: BenchmarkFragmentBomb in internal/server
// measures the whole refusal.)
type operationLimits struct {
	complexity, depth int
	es                graphql.ExecutableSchema
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = &operationLimits{}

func (*operationLimits) ExtensionName() string { return "OperationLimits" }

func (l *operationLimits) Validate(es graphql.ExecutableSchema) error {
	l.es = es
	return nil
}

func (l *operationLimits) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	w := &costWalker{ctx: ctx, es: l.es, schema: l.es.Schema(), vars: oc.Variables,
		depths: map[*ast.FragmentDefinition]int{}, costs: map[*ast.FragmentDefinition]int{}}
	depth := w.depth(oc.Operation.SelectionSet, 0, l.depth+1)
	if w.err == nil && depth > l.depth {
		err := gqlerror.Errorf("query depth exceeds the limit of %d", l.depth)
		errcode.Set(err, string(kg.CodeTooLarge))
		return err
	}
	cost := w.cost(oc.Operation.SelectionSet)
	if w.err != nil {
		err := gqlerror.Errorf("request timed out")
		errcode.Set(err, string(kg.CodeTimeout))
		return err
	}
	if cost > l.complexity {
		err := gqlerror.Errorf("operation has complexity %d, which exceeds the limit of %d", cost, l.complexity)
		errcode.Set(err, codeComplexity)
		return err
	}
	return nil
}

// costWalker walks one operation, memoising fragments.
type costWalker struct {
	ctx    context.Context
	es     graphql.ExecutableSchema
	schema *ast.Schema
	vars   map[string]any
	depths map[*ast.FragmentDefinition]int
	costs  map[*ast.FragmentDefinition]int
	steps  int
	err    error // the context's error, once it ended
}

// done reports whether the walk must stop: the context is checked every
// 256 selections.
func (w *costWalker) done() bool {
	if w.err != nil {
		return true
	}
	if w.steps++; w.steps%256 == 0 {
		w.err = w.ctx.Err()
	}
	return w.err != nil
}

// depth returns the depth of a selection set entered at depth, stopping
// at stop. Introspection fields are not counted: GraphiQL's introspection
// query is deep by design and gqlparser bounds it already.
func (w *costWalker) depth(set ast.SelectionSet, depth, stop int) int {
	if depth >= stop {
		return depth
	}
	deepest := depth
	for _, sel := range set {
		if w.done() {
			return deepest
		}
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if len(s.Name) > 1 && s.Name[:2] == "__" {
				continue
			}
			d = w.depth(s.SelectionSet, depth+1, stop)
		case *ast.InlineFragment:
			d = w.depth(s.SelectionSet, depth, stop)
		case *ast.FragmentSpread:
			if s.Definition == nil {
				continue
			}
			own, ok := w.depths[s.Definition]
			if !ok {
				w.depths[s.Definition] = 0 // a cycle (refused by validation) ends here
				own = w.depth(s.Definition.SelectionSet, 0, stop)
				w.depths[s.Definition] = own
			}
			d = min(depth+own, stop)
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// cost is gqlgen's complexity (complexity.Calculate) of a selection set,
// with each fragment costed once.
func (w *costWalker) cost(set ast.SelectionSet) int {
	total := 0
	for _, sel := range set {
		if w.done() {
			return total
		}
		switch s := sel.(type) {
		case *ast.Field:
			total = satAdd(total, w.fieldCost(s))
		case *ast.InlineFragment:
			total = satAdd(total, w.cost(s.SelectionSet))
		case *ast.FragmentSpread:
			if s.Definition == nil {
				continue
			}
			c, ok := w.costs[s.Definition]
			if !ok {
				w.costs[s.Definition] = 0 // a cycle (refused by validation) ends here
				c = w.cost(s.Definition.SelectionSet)
				w.costs[s.Definition] = c
			}
			total = satAdd(total, c)
		}
	}
	return total
}

func (w *costWalker) fieldCost(f *ast.Field) int {
	if f.Definition == nil || f.ObjectDefinition == nil {
		return 0
	}
	def := w.schema.Types[f.Definition.Type.Name()]
	if def == nil || def.Name == "__Schema" {
		return 0
	}
	child := 0
	switch def.Kind {
	case ast.Object, ast.Interface, ast.Union:
		child = w.cost(f.SelectionSet)
	}
	args := f.ArgumentMap(w.vars)
	one := func(t *ast.Definition) int {
		if c, ok := w.es.Complexity(w.ctx, t.Name, f.Name, child, args); ok && c >= 1 {
			return c
		}
		return satAdd(1, child)
	}
	if f.ObjectDefinition.Kind != ast.Interface {
		return one(f.ObjectDefinition)
	}
	// An interface's field costs what its dearest implementation does.
	worst := 0
	for _, t := range w.schema.GetPossibleTypes(f.ObjectDefinition) {
		worst = max(worst, one(t))
	}
	return worst
}

// satAdd adds two costs, ignoring negative ones and saturating.
func satAdd(a, b int) int {
	a, b = max(a, 0), max(b, 0)
	if c := a + b; c >= a {
		return c
	}
	return int(^uint(0) >> 1)
}
