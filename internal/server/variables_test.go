package server_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// TestVariableCoercion: variables are coerced as the GraphQL spec says —
// a number is no String, a string no Int, an enum value is
// case-sensitive — and refused before execution (400) with the variable's
// location; what the spec accepts still passes.
func TestVariableCoercion(t *testing.T) {
	c := newServer(t)
	const q = `query Q($name: String!, $first: Int, $kind: EntityKind!, $ids: [ID!]!) {
  lookup(name: $name, first: $first) { totalCount }
  entities(kind: $kind, first: 1) { totalCount }
  nodes(ids: $ids) { id }
}`
	ok := map[string]any{"name": "TUR", "first": 5, "kind": "STATE", "ids": []any{"state:TUR"}}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for a, b := range ok {
			m[a] = b
		}
		m[k] = v
		return m
	}
	bad := []struct {
		name string
		vars map[string]any
		line int
	}{
		{"number for String", with("name", 5), 1},
		{"string for Int", with("first", "5"), 1},
		{"fraction for Int", with("first", 5.5), 1},
		{"lower-case enum", with("kind", "state"), 1},
		{"number for enum", with("kind", 3), 1},
		{"object for ID", with("ids", []any{map[string]any{"a": 1}}), 1},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			r := c.post(q, tc.vars)
			if r.Status != http.StatusBadRequest || r.code() != string(kg.CodeInvalid) {
				t.Fatalf("%d %s, want 400 BAD_USER_INPUT", r.Status, r.Raw)
			}
			var body struct {
				Errors []struct {
					Message   string
					Locations []struct{ Line, Column int }
				}
			}
			json.Unmarshal(r.Raw, &body)
			if len(body.Errors[0].Locations) == 0 || body.Errors[0].Locations[0].Line != tc.line || !strings.Contains(body.Errors[0].Message, "Variable") {
				t.Errorf("no location or message: %s", r.Raw)
			}
			if strings.Contains(string(r.Raw), `unknown kind`) {
				t.Errorf("refused inside a resolver: %s", r.Raw)
			}
		})
	}
	for _, vars := range []map[string]any{ok, with("ids", "state:TUR"), with("first", nil)} {
		if r := c.post(q, vars); r.Status != http.StatusOK || len(r.Errors) > 0 {
			t.Errorf("%v refused: %d %s", vars, r.Status, r.Raw)
		}
	}
}

func TestVariableMessages(t *testing.T) {
	c := newServer(t)
	for _, tc := range []struct {
		vars map[string]any
		want string
	}{
		{map[string]any{"n": 5}, `Variable \"$n\" got invalid value 5; String cannot represent a non-string value`},
		{map[string]any{"n": "x", "f": 5.5}, `Variable \"$f\" got an invalid value: not a valid Int`},
		{map[string]any{"n": "x", "k": "state"}, `Variable \"$k\" got invalid value \"state\"; EntityKind has no value \"state\"`},
	} {
		r := c.post(`query($n: String!, $f: Int, $k: EntityKind) { lookup(name: $n, kind: $k, first: $f) { totalCount } }`, tc.vars)
		if !strings.Contains(string(r.Raw), tc.want) {
			t.Errorf("%v: %s, want %s", tc.vars, r.Raw, tc.want)
		}
	}
}

// TestNodesKeepsTheOthers: in nodes(ids:), an ID of no known kind, or
// malformed, is null in its place, with an error at its index; the other
// entries stand (it used to empty the whole of data).
func TestNodesKeepsTheOthers(t *testing.T) {
	c := newServer(t)
	r := c.post(`{ nodes(ids: ["state:TUR", "nonsense:x", "state:NOPE", "bad", "state:HTI"]) { id } }`, nil)
	var data struct{ Nodes []*struct{ ID string } }
	if err := json.Unmarshal(r.Data, &data); err != nil || len(data.Nodes) != 5 {
		t.Fatalf("%d %s", r.Status, r.Raw)
	}
	if data.Nodes[0] == nil || data.Nodes[0].ID != "state:TUR" || data.Nodes[4] == nil || data.Nodes[4].ID != "state:HTI" ||
		data.Nodes[1] != nil || data.Nodes[2] != nil || data.Nodes[3] != nil {
		t.Errorf("nodes: %s", r.Data)
	}
	if len(r.Errors) != 2 || r.Errors[0].Path[1] != 1.0 || r.Errors[1].Path[1] != 3.0 || r.code() != string(kg.CodeInvalid) {
		t.Errorf("errors: %s", r.Raw)
	}
}
