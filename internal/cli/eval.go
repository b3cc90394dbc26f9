package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/crimegraph/crimegraph/internal/extract"
	"github.com/crimegraph/crimegraph/internal/gazetteer"
	"github.com/crimegraph/crimegraph/internal/kg"
)

func init() {
	register(&command{
		name:  "eval",
		usage: "[-v] [--docs DIR[,DIR...]] [--not-in SET.tsv[,SET.tsv...]] [LABELLED.tsv ...]",
		summary: "Report precision, recall and F1 of extraction on hand-labelled sets: per kind (crime types, States,\n" +
			"organizations, groups, calls) on an entity set, per crime type on a crime-type set. Without a file,\n" +
			"the embedded sets (see docs/gazetteers.md). Calls are scored only with --docs: on the paragraph of the\n" +
			"cited document, parsed and extracted as ingest does, that each labelled passage is.",
		setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			verbose := fs.Bool("v", false, "list the passages where extraction and labels disagree")
			docs := fs.String("docs", "", "comma-separated folders of the PDFs and Markdown files the sets cite, to score calls")
			notIn := fs.String("not-in", "", "comma-separated entity sets (the tuning sets): leave out the passages whose wording is also a passage of theirs, and say how many")
			return func(ctx context.Context, args []string) error {
				g, err := gazetteer.Load()
				if err != nil {
					return err
				}
				rec, err := extract.NewRecognizer()
				if err != nil {
					return err
				}
				var ix *docIndex
				if *docs != "" {
					var dirs []string
					for _, d := range strings.Split(*docs, ",") {
						if d = strings.TrimSpace(d); d == "" {
							continue
						}
						if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
							return kg.Errorf(kg.CodeInvalid, "--docs: %s is not a folder", d)
						}
						dirs = append(dirs, d)
					}
					ix = newDocIndex(dirs, rec)
				}
				o := evalOpts{verbose: *verbose, docs: ix}
				for _, f := range strings.Split(*notIn, ",") {
					if f = strings.TrimSpace(f); f == "" {
						continue
					}
					data, err := os.ReadFile(f)
					if err != nil {
						return kg.Wrap(kg.CodeNotFound, err, "--not-in: cannot read "+f)
					}
					rows, err := gazetteer.ReadEntities(bytes.NewReader(data))
					if err != nil {
						return kg.Wrap(kg.CodeInvalid, err, "--not-in: "+f)
					}
					o.notIn = append(o.notIn, rows...)
					o.notInNames = append(o.notInNames, filepath.Base(f))
				}
				if len(args) == 0 {
					return evalEmbedded(ctx, e, g, rec, o)
				}
				for _, file := range args {
					data, err := os.ReadFile(file)
					if err != nil {
						return kg.Wrap(kg.CodeNotFound, err, "cannot read "+file)
					}
					if err := evalSet(ctx, e, g, rec, filepath.Base(file), data, o); err != nil {
						return err
					}
				}
				return nil
			}
		},
	})
}

// evalOpts are the options of `crimegraph eval`.
type evalOpts struct {
	verbose bool
	docs    *docIndex // nil: calls are not scored
	// notIn are passages (of the tuning sets) whose near-copies an entity
	// set's score leaves out.
	notIn      []gazetteer.EntityRow
	notInNames []string
}

// writeEntities scores an entity set, calls too when the documents are at
// hand, and prints it.
func writeEntities(ctx context.Context, e *env, g *gazetteer.Gazetteer, rec extract.GazetteerRecognizer, name string, rows []gazetteer.EntityRow, o evalOpts) error {
	if len(o.notIn) > 0 {
		kept, shared := gazetteer.Unshared(rows, o.notIn)
		fmt.Fprintf(e.stdout, "%s: %d of %d passages left out, their wording also a passage of %s\n", name, len(shared), len(rows), strings.Join(o.notInNames, ", "))
		rows = kept
	}
	ev, err := gazetteer.EvaluateEntities(g, name, rows, rec.Tagger())
	if err != nil {
		return err
	}
	if o.docs == nil {
		if err := ev.Write(e.stdout, o.verbose); err != nil {
			return err
		}
		_, err := io.WriteString(e.stdout, noCallsNote)
		return err
	}
	c := evalCalls(ctx, o.docs, rows)
	c.into(&ev)
	if err := ev.Write(e.stdout, o.verbose); err != nil {
		return err
	}
	c.write(e.stdout, len(rows), o.verbose)
	return nil
}

func evalEmbedded(ctx context.Context, e *env, g *gazetteer.Gazetteer, rec extract.GazetteerRecognizer, o evalOpts) error {
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
		if err := writeEntities(ctx, e, g, rec, n+" (tuned on)", sets[n], o); err != nil {
			return err
		}
	}
	return nil
}

func evalSet(ctx context.Context, e *env, g *gazetteer.Gazetteer, rec extract.GazetteerRecognizer, name string, data []byte, o evalOpts) error {
	if gazetteer.IsEntitySet(data) {
		rows, err := gazetteer.ReadEntities(bytes.NewReader(data))
		if err != nil {
			return kg.Wrap(kg.CodeInvalid, err, name)
		}
		return writeEntities(ctx, e, g, rec, name, rows, o)
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
