package cli

import (
	"context"
	"flag"
	"os"

	"github.com/crimegraph/crimegraph/internal/gazetteer"
	"github.com/crimegraph/crimegraph/internal/kg"
)

func init() {
	register(&command{
		name:  "eval",
		usage: "[LABELLED.tsv]",
		summary: "Report precision and recall of crime-type tagging on the hand-labelled set (embedded), or on a\n" +
			"labelled TSV file of the same format (see docs/gazetteers.md).",
		setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			return func(ctx context.Context, args []string) error {
				if len(args) > 1 {
					return usagef("eval takes at most one file")
				}
				g, err := gazetteer.Load()
				if err != nil {
					return err
				}
				rows, err := gazetteer.LabelledCrimeTypes()
				if len(args) == 1 {
					f, ferr := os.Open(args[0])
					if ferr != nil {
						return kg.Wrap(kg.CodeNotFound, ferr, "cannot read "+args[0])
					}
					defer f.Close()
					rows, err = gazetteer.ReadLabelled(f)
				}
				if err != nil {
					return err
				}
				ev, err := gazetteer.EvaluateCrimeTypes(g, rows)
				if err != nil {
					return err
				}
				return ev.Write(e.stdout)
			}
		},
	})
}
