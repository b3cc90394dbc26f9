package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/crimegraph/crimegraph/internal/extract"
	"github.com/crimegraph/crimegraph/internal/gazetteer"
	"github.com/crimegraph/crimegraph/internal/kg"
)

func init() {
	register(&command{
		name:  "eval",
		usage: "[-v] [LABELLED.tsv ...]",
		summary: "Report precision, recall and F1 of extraction on hand-labelled sets: per kind (crime types, States,\n" +
			"organizations, groups, calls) on an entity set, per crime type on a crime-type set. Without a file,\n" +
			"the embedded sets (see docs/gazetteers.md).",
		setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			verbose := fs.Bool("v", false, "list the passages where extraction and labels disagree")
			return func(ctx context.Context, args []string) error {
				g, err := gazetteer.Load()
				if err != nil {
					return err
				}
				rec, err := extract.NewRecognizer()
				if err != nil {
					return err
				}
				if len(args) == 0 {
					return evalEmbedded(e, g, rec, *verbose)
				}
				for _, file := range args {
					data, err := os.ReadFile(file)
					if err != nil {
						return kg.Wrap(kg.CodeNotFound, err, "cannot read "+file)
					}
					if err := evalSet(e, g, rec, filepath.Base(file), data, *verbose); err != nil {
						return err
					}
				}
				return nil
			}
		},
	})
}

func evalEmbedded(e *env, g *gazetteer.Gazetteer, rec extract.GazetteerRecognizer, verbose bool) error {
	rows, err := gazetteer.LabelledCrimeTypes()
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "crimetypes-labelled.tsv (tuned on):")
	ev, err := gazetteer.EvaluateCrimeTypes(g, rows)
	if err != nil {
		return err
	}
	if err := ev.Write(e.stdout); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout)
	sets, err := gazetteer.EmbeddedEntitySets()
	if err != nil {
		return err
	}
	names := make([]string, 0, len(sets))
	for n := range sets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		ev, err := gazetteer.EvaluateEntities(g, n+" (tuned on)", sets[n], rec.Tagger())
		if err != nil {
			return err
		}
		if err := ev.Write(e.stdout, verbose); err != nil {
			return err
		}
	}
	return nil
}

func evalSet(e *env, g *gazetteer.Gazetteer, rec extract.GazetteerRecognizer, name string, data []byte, verbose bool) error {
	if gazetteer.IsEntitySet(data) {
		rows, err := gazetteer.ReadEntities(bytes.NewReader(data))
		if err != nil {
			return kg.Wrap(kg.CodeInvalid, err, name)
		}
		ev, err := gazetteer.EvaluateEntities(g, name, rows, rec.Tagger())
		if err != nil {
			return err
		}
		return ev.Write(e.stdout, verbose)
	}
	rows, err := gazetteer.ReadLabelled(bytes.NewReader(data))
	if err != nil {
		return kg.Wrap(kg.CodeInvalid, err, name)
	}
	ev, err := gazetteer.EvaluateCrimeTypes(g, rows)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, name+":")
	if err := ev.Write(e.stdout); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout)
	return nil
}
