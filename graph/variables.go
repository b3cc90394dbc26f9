package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// strictVariables coerces variables as the GraphQL spec says ("Input
// Coercion" of each type), where gqlparser is lenient: it takes a number
// for a String (a JSON number decodes as json.Number, a string type), a
// numeric string for an Int or a Float, and an enum value in any case
// ("state" for STATE, which then fails inside a resolver). Each of these is
// refused here, before execution, with the variable's location, as
// standard clients (graphql-js, Apollo) expect.
type strictVariables struct{ schema *ast.Schema }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = &strictVariables{}

func (*strictVariables) ExtensionName() string { return "StrictVariables" }

func (s *strictVariables) Validate(es graphql.ExecutableSchema) error {
	s.schema = es.Schema()
	return nil
}

func (s *strictVariables) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	for _, d := range oc.Operation.VariableDefinitions {
		v, ok := oc.Variables[d.Variable]
		if !ok || v == nil {
			continue
		}
		if msg := s.check(d.Type, v); msg != "" {
			err := &gqlerror.Error{Message: fmt.Sprintf("Variable \"$%s\" got invalid value %s; %s", d.Variable, show(v), msg)}
			if d.Position != nil {
				err.Locations = []gqlerror.Location{{Line: d.Position.Line, Column: d.Position.Column}}
			}
			errcode.Set(err, errcode.ValidationFailed)
			return err
		}
	}
	return nil
}

// check returns why v is not a value of t, or "".
func (s *strictVariables) check(t *ast.Type, v any) string {
	if v == nil {
		if t.NonNull {
			return fmt.Sprintf("expected non-nullable type %s not to be null", t)
		}
		return ""
	}
	if t.Elem != nil {
		rv := reflect.ValueOf(v)
		if rv.Kind() != reflect.Slice {
			return s.check(t.Elem, v) // a single value stands for a list of one
		}
		for i := range rv.Len() {
			if msg := s.check(t.Elem, rv.Index(i).Interface()); msg != "" {
				return msg
			}
		}
		return ""
	}
	def := s.schema.Types[t.NamedType]
	if def == nil {
		return ""
	}
	switch def.Kind {
	case ast.Enum:
		str, ok := v.(string)
		if !ok || def.EnumValues.ForName(str) == nil {
			return fmt.Sprintf("%s has no value %s (enum values are case-sensitive: %s)", def.Name, show(v), enumNames(def))
		}
	case ast.InputObject:
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s must be an object", def.Name)
		}
		for _, f := range def.Fields {
			if fv, ok := m[f.Name]; ok {
				if msg := s.check(f.Type, fv); msg != "" {
					return fmt.Sprintf("field %s: %s", f.Name, msg)
				}
			}
		}
	case ast.Scalar:
		return scalarMismatch(def.Name, v)
	}
	return ""
}

// scalarMismatch says why v cannot be coerced to a built-in scalar, or "".
func scalarMismatch(scalar string, v any) string {
	n, isNumber := number(v)
	switch scalar {
	case "String":
		if _, ok := v.(string); !ok {
			return "String cannot represent a non-string value"
		}
	case "Boolean":
		if _, ok := v.(bool); !ok {
			return "Boolean cannot represent a non-boolean value"
		}
	case "Int":
		if !isNumber || n != math.Trunc(n) || n > math.MaxInt32 || n < math.MinInt32 {
			return "Int cannot represent a non 32-bit integer value"
		}
	case "Float":
		if !isNumber {
			return "Float cannot represent a non-numeric value"
		}
	case "ID":
		if _, ok := v.(string); !ok && (!isNumber || n != math.Trunc(n)) {
			return "ID cannot represent a value that is neither a string nor an integer"
		}
	}
	return ""
}

// number reads a variable as the JSON decoder and gqlparser leave it.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case int32:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

func show(v any) string {
	if b, err := json.Marshal(v); err == nil && len(b) <= 80 {
		return string(b)
	}
	return fmt.Sprintf("%T", v)
}

func enumNames(def *ast.Definition) string {
	var names []string
	for _, v := range def.EnumValues {
		names = append(names, v.Name)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// variableLocation gives a variable error of gqlparser's (path "variable",
// name, …) the location of the variable's definition instead of a path:
// a path names a response field, and a request error has none.
func variableLocation(ctx context.Context, ge *gqlerror.Error, out *gqlerror.Error) {
	if len(ge.Path) < 2 || ge.Path[0] != ast.PathName("variable") || !graphql.HasOperationContext(ctx) {
		return
	}
	name, _ := ge.Path[1].(ast.PathName)
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation == nil {
		return
	}
	if d := oc.Operation.VariableDefinitions.ForName(string(name)); d != nil && d.Position != nil {
		out.Locations = []gqlerror.Location{{Line: d.Position.Line, Column: d.Position.Column}}
		out.Path = nil
		msg := ge.Message
		if rest, ok := strings.CutPrefix(msg, "cannot use value "); ok { // gqlparser prints 0 for the value
			msg = "not a valid " + rest[strings.LastIndex(rest, " ")+1:]
		}
		out.Message = fmt.Sprintf("Variable \"$%s\" got an invalid value: %s", name, msg)
	}
}
