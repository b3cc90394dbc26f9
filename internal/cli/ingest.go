package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/kg"
)

func init() {
	register(&command{
		name:    "ingest",
		usage:   "PATH...",
		summary: "Ingest UN reports (PDF or Markdown files, or folders of them) into the store.\nRe-ingesting an unchanged file changes nothing; a corrected file replaces its facts atomically.",
		setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			data := dataFlag(fs)
			symbol := fs.String("symbol", "", "UN symbol to file the document under, for a report whose symbol is not printed in it (one file only)")
			embedded := fs.Bool("embedded", false, "ingest the embedded default corpus (the documents make run starts with)")
			remove := fs.String("remove", "", "remove the document with this key (UN symbol) instead of ingesting")
			verbose := fs.Bool("v", false, "print a line per document as soon as it is stored")
			return func(ctx context.Context, args []string) error {
				if len(args) == 0 && !*embedded && *remove == "" {
					return usagef("give at least one file or folder, or --embedded")
				}
				s, err := openStore(*data, false, false, e.log)
				if err != nil {
					return err
				}
				defer s.Close()
				in, closeIndex, err := newIngester(ctx, *data, s, e)
				if err != nil {
					return err
				}
				defer closeIndex()
				if *remove != "" {
					if err := in.Remove(ctx, *remove); err != nil {
						return err
					}
					fmt.Fprintf(e.stdout, "removed %s\n", *remove)
					return nil
				}
				var sources []func() (ingest.Source, error)
				if *embedded {
					sources = embeddedSources()
				}
				paths, err := ingest.Files(args)
				if err != nil {
					return err
				}
				if *symbol != "" && len(paths) != 1 {
					return usagef("--symbol names one document; got %d files", len(paths))
				}
				for _, p := range paths {
					sources = append(sources, func() (ingest.Source, error) { return ingest.ReadFile(p, *symbol) })
				}
				return runIngest(ctx, in, sources, ingestOpts{verbose: *verbose, store: s}, e.stdout, e.stderr)
			}
		},
	})
}

// ingestSummary totals an ingest run for the one-line summary. Nodes and
// edges are the store's, as stats counts them: a node several documents
// state is one node, so the per-document counts do not add up to them.
type ingestSummary struct {
	docs, unchanged, failed, paras, recs int
}

// ingestOpts tune runIngest.
type ingestOpts struct {
	verbose bool                                  // a line per document as it is stored
	observe func(outcome string, d time.Duration) // metrics hook, may be nil
	store   kg.Reader                             // for the summary's store totals
}

func runIngest(ctx context.Context, in *ingest.Ingester, sources []func() (ingest.Source, error), o ingestOpts, stdout, stderr io.Writer) error {
	start := time.Now()
	var bar *progressbar.ProgressBar
	if isTerminal(stderr) && len(sources) > 1 {
		bar = progressbar.NewOptions(len(sources),
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond))
	}
	var sum ingestSummary
	var before kg.Stats
	if o.store != nil {
		before, _ = o.store.Stats(ctx)
	}
	// The next document is read (PDF text, parse) while this one is
	// stored, on the second core; they are stored in order.
	reads := readAhead(ctx, in, sources)
	defer func() {
		for range reads { // let the reader end before the store closes
		}
	}()
	for rd := range reads {
		if ctx.Err() != nil {
			break
		}
		src, err := rd.src, rd.err
		if err == nil {
			var r ingest.Result
			t0 := time.Now()
			r, err = in.Store(ctx, rd.parsed)
			if o.observe != nil {
				outcome := "ingested"
				switch {
				case err != nil:
					outcome = "failed"
				case r.Unchanged:
					outcome = "unchanged"
				}
				o.observe(outcome, rd.took+time.Since(t0))
			}
			if err == nil {
				if o.verbose {
					fmt.Fprintf(stdout, "%s\t%s\tunchanged=%v\t%d paragraphs\t%d recommendations\t%s\n", src.Name, r.Record.Key, r.Unchanged,
						r.Record.Paragraphs, r.Record.Recommendations, r.Duration.Round(time.Millisecond))
				}
				if r.Unchanged {
					sum.unchanged++
				} else {
					sum.docs++
					sum.paras += r.Record.Paragraphs
					sum.recs += r.Record.Recommendations
				}
			}
		}
		if err != nil {
			sum.failed++
			if bar != nil {
				bar.Clear()
			}
			fmt.Fprintf(stderr, "error: %v\n", err)
		}
		if bar != nil {
			bar.Add(1)
		}
	}
	if bar != nil {
		bar.Finish()
	}
	totals := ""
	if o.store != nil {
		if after, err := o.store.Stats(context.WithoutCancel(ctx)); err == nil {
			totals = fmt.Sprintf("; the store holds %d nodes (%+d), %d edges (%+d)",
				after.TotalNodes(), after.TotalNodes()-before.TotalNodes(), after.TotalEdges(), after.TotalEdges()-before.TotalEdges())
		}
	}
	fmt.Fprintf(stdout, "ingested %d documents (%d unchanged, %d failed): %d paragraphs, %d recommendations%s, in %s\n",
		sum.docs, sum.unchanged, sum.failed, sum.paras, sum.recs, totals, time.Since(start).Round(time.Millisecond))
	if err := ctx.Err(); err != nil {
		return kg.Wrap(kg.CodeTimeout, err, "interrupted; every document reported above as ingested is stored whole")
	}
	if sum.failed > 0 {
		return fmt.Errorf("%d of %d documents failed", sum.failed, len(sources))
	}
	return nil
}

// readResult is one source as readAhead leaves it.
type readResult struct {
	src    ingest.Source
	parsed *ingest.Parsed
	took   time.Duration // reading and parsing it
	err    error
}

// readAhead reads and parses the sources, as many at once as there are
// cores, and hands them on in their order, a few ahead of whoever stores
// them; it stops when ctx ends. Reading (PDF text, parse, calls) is most
// of an ingest's time: over corpus-2025, 16 s of reading to 4 s of storing.
func readAhead(ctx context.Context, in *ingest.Ingester, sources []func() (ingest.Source, error)) <-chan readResult {
	workers := max(1, runtime.GOMAXPROCS(0))
	out := make(chan readResult)
	// pending holds each reader's answer, in the sources' order; its
	// buffer and the slots bound the documents read and not yet stored.
	// Every reader started has its answer in pending before it starts, and
	// the second goroutine takes every answer, so that all readers have
	// ended when out closes (the store may be closed then).
	pending := make(chan chan readResult, workers)
	slots := make(chan struct{}, workers)
	go func() {
		defer close(pending)
		for _, next := range sources {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			ch := make(chan readResult, 1)
			select {
			case pending <- ch:
			case <-ctx.Done():
				<-slots
				return
			}
			go func() {
				defer func() { <-slots }()
				t0 := time.Now()
				src, err := next()
				var p *ingest.Parsed
				if err == nil {
					// The other cores are busy already: other documents'
					// PDF text, and the storing.
					src.OneProcess = len(sources) > 1
					p, err = in.Read(ctx, src)
				}
				ch <- readResult{src: src, parsed: p, took: time.Since(t0), err: err}
			}()
		}
	}()
	go func() {
		defer close(out)
		for ch := range pending {
			r := <-ch
			if ctx.Err() != nil {
				continue // drain: the readers end at once on a cancelled ctx
			}
			select {
			case out <- r:
			case <-ctx.Done():
			}
		}
	}()
	return out
}
