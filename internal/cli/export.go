package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"

	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/export"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/render"
	"github.com/crimegraph/crimegraph/internal/view"
)

func init() {
	register(&command{
		name: "export",
		summary: "Draw a diagram (svg, png, pdf, dot) or write a data export (graphml, gexf, cyjs, neo4j, csv-nodes,\n" +
			"csv-edges, nq) of a neighbourhood (--focus), the paths between two entities (--from, --to), or the\n" +
			"whole graph; or the Dgraph schema for the nq export (dgraph-schema).",
		setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			data := dataFlag(fs)
			focus := fs.String("focus", "", "entity to centre on: an ID, a name, an alias or a code (\"trafficking in persons\", \"TUR\")")
			from := fs.String("from", "", "paths: first entity")
			to := fs.String("to", "", "paths: second entity")
			depth := fs.Int("depth", 1, "neighbourhood depth")
			maxLen := fs.Int("max-length", 0, "paths: longest path worth finding (default 4)")
			limit := fs.Int("limit", 0, "most nodes in a neighbourhood (default 100)")
			kinds := fs.String("kinds", "", "node kinds to keep, comma-separated (State,CrimeType,...)")
			edges := fs.String("edges", "", "edge kinds to follow, comma-separated (ADDRESSES,INVOKES,...)")
			format := fs.String("format", "svg", "svg, png, pdf, dot, graphml, gexf, cyjs, neo4j, csv-nodes, csv-edges, nq or dgraph-schema")
			layout := fs.String("layout", "", "layout engine: dot, neato, fdp, sfdp, circo (default: by size)")
			out := fs.String("o", "", "output file (default: standard output)")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usagef("export takes flags only")
				}
				if xf, err := export.ParseFormat(*format); err == nil && xf == export.DgraphSchemaFormat {
					// The schema is the same for every graph: no store needed.
					var buf bytes.Buffer
					if err := export.DgraphSchema(&buf, ""); err != nil {
						return err
					}
					return writeOut(e, *out, buf.Bytes(), "the Dgraph schema")
				}
				q := url.Values{}
				set := func(k, v string) {
					if v != "" && v != "0" {
						q.Set(k, v)
					}
				}
				set("id", *focus)
				set("from", *from)
				set("to", *to)
				set("depth", fmt.Sprint(*depth))
				set("maxLength", fmt.Sprint(*maxLen))
				set("limit", fmt.Sprint(*limit))
				set("kinds", *kinds)
				set("edges", *edges)
				v, err := view.FromQuery(view.ExportKind(q), q)
				if err != nil {
					return usagef("%v", kg.ErrorMessage(err))
				}
				s, err := openStore(*data, true, true, e.log)
				if err != nil {
					return err
				}
				defer s.Close()
				g, err := view.Build(ctx, explore.New(s, explore.Options{}), s, v)
				if err != nil {
					return err
				}
				var buf bytes.Buffer
				if df, derr := render.ParseFormat(*format); derr == nil {
					engine, err := render.ParseEngine(*layout)
					if err != nil {
						return usagef("%v", kg.ErrorMessage(err))
					}
					b, err := render.NewRenderer(render.Config{}).Render(ctx, g, df, render.Options{Engine: engine})
					if err != nil {
						return err
					}
					buf.Write(b)
				} else if xf, xerr := export.ParseFormat(*format); xerr == nil {
					if err := export.Export(&buf, xf, g, export.Options{}); err != nil {
						return err
					}
				} else {
					return usagef("unknown --format %q", *format)
				}
				return writeOut(e, *out, buf.Bytes(), fmt.Sprintf("%q, %d nodes, %d edges", g.Title, len(g.Nodes), len(g.Edges)))
			}
		},
	})
}

// writeOut writes an export to standard output, or to the file out and
// says what it wrote.
func writeOut(e *env, out string, b []byte, what string) error {
	if out == "" || out == "-" {
		_, err := e.stdout.Write(b)
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return kg.Wrap(kg.CodeUnavailable, err, "cannot write "+out)
	}
	fmt.Fprintf(e.stderr, "wrote %s: %s\n", out, what)
	return nil
}
