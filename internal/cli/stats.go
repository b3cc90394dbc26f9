package cli

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/crimegraph/crimegraph/internal/kg"
)

func init() {
	register(&command{
		name:    "stats",
		summary: "Print the number of nodes and edges per kind, and the ingested documents.",
		setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			data := dataFlag(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usagef("stats takes no arguments")
				}
				s, err := openStore(*data, true, true, e.log)
				if err != nil {
					return err
				}
				defer s.Close()
				st, err := s.Stats(ctx)
				if err != nil {
					return err
				}
				docs, err := s.Documents(ctx)
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintf(tw, "documents ingested\t%d\n", len(docs))
				for _, d := range docs {
					fmt.Fprintf(tw, "  %s\t%d paragraphs, %d recommendations\n", d.Key, d.Paragraphs, d.Recommendations)
				}
				fmt.Fprintf(tw, "nodes\t%d\n", st.TotalNodes())
				for _, k := range kg.Kinds {
					fmt.Fprintf(tw, "  %s\t%d\n", k, st.Nodes[k])
				}
				fmt.Fprintf(tw, "edges\t%d\n", st.TotalEdges())
				for _, k := range kg.EdgeKinds {
					if st.Edges[k] > 0 {
						fmt.Fprintf(tw, "  %s\t%d\n", k, st.Edges[k])
					}
				}
				fmt.Fprintf(tw, "graph version\t%d\n", st.Version)
				return tw.Flush()
			}
		},
	})
}
