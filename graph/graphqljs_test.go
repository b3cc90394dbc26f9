package graph_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/crimegraph/crimegraph/graph"
	"github.com/crimegraph/crimegraph/graph/testcorpus"
	"github.com/crimegraph/crimegraph/internal/testtool"
)

// TestSchemaWithGraphQLJS validates the SDL, the example queries and the
// schema the handler actually serves with graphql-js (testdata/js).
func TestSchemaWithGraphQLJS(t *testing.T) {
	node := testtool.Need(t, "node", "nodejs")
	dir := filepath.Join("testdata", "js")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "graphql")); err != nil {
		npm := testtool.Need(t, "npm", "npm")
		cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("npm ci: %v\n%s", err, out)
		}
	}

	// The served schema, as GraphiQL sees it.
	h := graph.LoaderMiddleware(testcorpus.Shared(t), graph.NewHandler(graph.NewResolver(testcorpus.Shared(t), nil, nil), graph.Limits{}))
	body, _ := json.Marshal(map[string]any{"query": introspectionQuery})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("introspection: %d %s", rec.Code, rec.Body)
	}
	file := filepath.Join(t.TempDir(), "introspection.json")
	if err := os.WriteFile(file, rec.Body.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(node, "validate.mjs", file)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("graphql-js: %v", err)
	}
}

// introspectionQuery is graphql-js's getIntrospectionQuery() with
// descriptions and specifiedByURL, as GraphiQL sends it.
const introspectionQuery = `query IntrospectionQuery {
  __schema {
    description
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description specifiedByURL
  fields(includeDeprecated: true) { name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields(includeDeprecated: true) { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue isDeprecated deprecationReason }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
}`
