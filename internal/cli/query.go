package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/search"
	"github.com/crimegraph/crimegraph/internal/server"
)

func init() {
	register(&command{
		name:  "query",
		usage: "'QUERY' | -",
		summary: "Run a GraphQL query against the local store, without a server, and print the JSON the HTTP API\n" +
			"returns (exit status 1 when it has errors). '-' reads the query from standard input.",
		setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			data := dataFlag(fs)
			vars := fs.String("variables", "", "variables as a JSON object, or @FILE to read them from a file")
			op := fs.String("operation", "", "the operation to run, when the query defines several")
			return func(ctx context.Context, args []string) error {
				if len(args) != 1 {
					return usagef("give one query (or - to read it from standard input)")
				}
				query := args[0]
				if query == "-" {
					b, err := io.ReadAll(io.LimitReader(e.stdin, server.DefaultGraphQL.BodyLimit+1))
					if err != nil {
						return err
					}
					query = string(b)
				}
				variables, err := readVariables(*vars)
				if err != nil {
					return err
				}
				s, err := openStore(*data, true, true, e.log)
				if err != nil {
					return err
				}
				defer s.Close()
				// The index beside the store; when another process holds it
				// or the folder is read-only, one built in memory.
				idx, err := openIndex(ctx, *data, s)
				if err != nil {
					e.log.Warn("search index unavailable, building one in memory", "err", err)
					if idx, err = search.OpenMem(ctx, s); err != nil {
						return err
					}
				}
				defer idx.Close()
				h := server.GraphQLHandler(server.Config{Store: s, Search: idx, Logger: e.log})
				return runQuery(ctx, h, query, *op, variables, e.stdout)
			}
		},
	})
}

// readVariables parses --variables: a JSON object, or @FILE.
func readVariables(v string) (map[string]any, error) {
	if v == "" {
		return nil, nil
	}
	if name, ok := strings.CutPrefix(v, "@"); ok {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, kg.Wrap(kg.CodeNotFound, err, "cannot read variables file "+name)
		}
		v = string(b)
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(v), &out); err != nil {
		return nil, usagef("--variables must be a JSON object: %v", err)
	}
	return out, nil
}

// runQuery sends the query through the same handler the server mounts at
// /graphql and writes its response body unchanged.
func runQuery(ctx context.Context, h http.Handler, query, op string, variables map[string]any, out io.Writer) error {
	body, err := json.Marshal(map[string]any{"query": query, "operationName": op, "variables": variables})
	if err != nil {
		return err
	}
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	resp := rec.Body.Bytes()
	if _, err := out.Write(append(bytes.TrimRight(resp, "\n"), '\n')); err != nil {
		return err
	}
	var parsed struct {
		Errors []struct {
			Message    string         `json:"message"`
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if json.Unmarshal(resp, &parsed) == nil && len(parsed.Errors) > 0 {
		first := parsed.Errors[0]
		return fmt.Errorf("%s: %s", first.Extensions["code"], first.Message)
	}
	return nil
}
