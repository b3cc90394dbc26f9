package cli

import (
	"context"
	"flag"
	"os"
	"strings"

	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// sanJoseAlias is the name the labelled sets give the San José report,
// which prints no symbol, and the key ingestion derives from its title.
const sanJoseAlias = "lac-rpm-2025=latin-american-caribbean-regional-preparatory-meeting-2025"

func init() {
	register(&command{
		name:  "eval-similar",
		usage: "LABELLED.tsv",
		summary: "Report precision and recall at the top K of similar calls on hand-labelled echo pairs\n" +
			"(internal/explore/testdata/similar-calls.tsv), over the documents in the store (see docs/research.md).",
		setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			data := dataFlag(fs)
			k := fs.Int("k", 5, "rank cut-off")
			alias := fs.String("alias", sanJoseAlias, "NAME=KEY,...: document names the labels use for documents without a symbol")
			return func(ctx context.Context, args []string) error {
				if len(args) != 1 {
					return usagef("eval-similar takes one labelled TSV file")
				}
				f, err := os.Open(args[0])
				if err != nil {
					return kg.Wrap(kg.CodeNotFound, err, "cannot read "+args[0])
				}
				defer f.Close()
				pairs, err := explore.ReadLabelledPairs(f)
				if err != nil {
					return err
				}
				aliases := map[string]string{}
				for _, a := range strings.Split(*alias, ",") {
					if n, key, ok := strings.Cut(a, "="); ok {
						aliases[strings.TrimSpace(n)] = strings.TrimSpace(key)
					}
				}
				s, err := openStore(*data, true, true, e.log)
				if err != nil {
					return err
				}
				defer s.Close()
				rep, err := explore.New(s, explore.Options{}).EvaluateSimilar(ctx, pairs, *k, aliases)
				if err != nil {
					return err
				}
				return rep.Write(e.stdout)
			}
		},
	})
}
