package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/crimegraph/crimegraph/internal/docrules"
	"github.com/crimegraph/crimegraph/internal/extract"
	"github.com/crimegraph/crimegraph/internal/gazetteer"
	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
)

// evalDoc is a document a labelled set cites, parsed and extracted as
// ingest does.
type evalDoc struct {
	path string
	rep  *report.Report
	res  extract.Result
}

// docIndex finds the documents a labelled set cites in folders of PDFs and
// Markdown, by the symbol the parser reads on each — the identity ingest
// stores them under. It tries the file the symbol names first
// (S/RES/2776 (2025) → S-RES-2776-2025.pdf) and parses every file of the
// folders only when that fails.
type docIndex struct {
	dirs     []string
	rec      extract.Recognizer
	parsed   map[string]bool // paths read, found or not
	bySymbol map[string]*evalDoc
	scanned  bool
	failures []string // files that could not be read, for the report
}

func newDocIndex(dirs []string, rec extract.Recognizer) *docIndex {
	return &docIndex{dirs: dirs, rec: rec, parsed: map[string]bool{}, bySymbol: map[string]*evalDoc{}}
}

// symbolFile is the file name a symbol is published under, without its
// extension: "S/2025/71/Rev.1" → "S-2025-71-Rev.1".
func symbolFile(sym string) string {
	r := strings.NewReplacer("/", "-", " (", "-", ")", "", " ", "-")
	return r.Replace(sym)
}

func normSym(s string) string { return strings.Join(strings.Fields(s), " ") }

// find returns the document with the symbol, or nil.
func (ix *docIndex) find(ctx context.Context, sym string) *evalDoc {
	sym = normSym(sym)
	// A document with two symbols is cited by both ("A/79/912-S/2025/306")
	// and filed under each.
	if parts := docrules.HeaderSymbolRe.FindAllString(sym, -1); len(parts) > 1 {
		for _, p := range parts {
			if d := ix.find(ctx, p); d != nil {
				return d
			}
		}
		return nil
	}
	if d, ok := ix.bySymbol[sym]; ok {
		return d
	}
	for _, dir := range ix.dirs {
		for _, ext := range []string{".pdf", ".md"} {
			ix.read(ctx, filepath.Join(dir, symbolFile(sym)+ext))
			if d, ok := ix.bySymbol[sym]; ok {
				return d
			}
		}
	}
	if !ix.scanned {
		ix.scanned = true
		for _, dir := range ix.dirs {
			entries, err := os.ReadDir(dir)
			if err != nil {
				ix.failures = append(ix.failures, dir+": "+err.Error())
				continue
			}
			for _, e := range entries {
				// A folder's README describes the folder; it is no document.
				if ext := strings.ToLower(filepath.Ext(e.Name())); !e.IsDir() && (ext == ".pdf" || ext == ".md") && !strings.HasPrefix(strings.ToUpper(e.Name()), "README") {
					ix.read(ctx, filepath.Join(dir, e.Name()))
				}
			}
		}
	}
	return ix.bySymbol[sym]
}

// read parses and extracts one file, once, and files it under its symbols.
func (ix *docIndex) read(ctx context.Context, path string) {
	if ix.parsed[path] {
		return
	}
	ix.parsed[path] = true
	if _, err := os.Stat(path); err != nil {
		return
	}
	src, err := ingest.ReadFile(path, "")
	if err == nil {
		var rep *report.Report
		if rep, err = ingest.Parse(ctx, src); err == nil {
			d := &evalDoc{path: path, rep: rep, res: extract.Extract(rep, ingest.DocKey(rep, src), ix.rec)}
			for _, s := range rep.Symbols {
				if _, ok := ix.bySymbol[normSym(s)]; !ok {
					ix.bySymbol[normSym(s)] = d
				}
			}
			return
		}
	}
	ix.failures = append(ix.failures, kg.ErrorMessage(err))
}

// callsResult is the calls score of a set and the passages it could not
// score.
type callsResult struct {
	score      extract.CallScore
	scored     int
	noDocument []string // "id (source)": the cited document is in none of the folders
	notFound   []string // the document is, but no paragraph of it holds the passage
	failures   []string
}

// evalCalls scores the calls of an entity set on the documents it cites.
func evalCalls(ctx context.Context, ix *docIndex, rows []gazetteer.EntityRow) callsResult {
	var out callsResult
	var ps []extract.CallPassage
	for _, r := range rows {
		var d *evalDoc
		if sym := r.Symbol(); sym != "" {
			d = ix.find(ctx, sym)
		}
		if d == nil {
			out.noDocument = append(out.noDocument, r.ID+" ("+r.Source+")")
			continue
		}
		ref := extract.PassageRef(d.rep, r.Source, r.Text)
		if ref == "" {
			out.notFound = append(out.notFound, r.ID+" ("+r.Source+", "+filepath.Base(d.path)+")")
			continue
		}
		ps = append(ps, extract.CallPassage{ID: r.ID, Source: r.Source, Ref: ref, Labelled: r.Calls, Found: extract.CallsAt(d.res.Fragment, ref)})
	}
	out.score, out.scored = extract.ScoreCalls(ps), len(ps)
	out.failures = ix.failures
	return out
}

// withCalls puts the calls score into an entity evaluation.
func (c callsResult) into(ev *gazetteer.EntityEvaluation) {
	for i := range ev.Kinds {
		if ev.Kinds[i].Kind == "calls" {
			ev.Kinds[i] = c.score.KindScore
		}
	}
	ev.Disagreements = append(ev.Disagreements, c.score.Disagreements...)
}

// write says what the calls row rests on.
func (c callsResult) write(w io.Writer, rows int, verbose bool) {
	s := c.score
	fmt.Fprintf(w, "calls: scored on %d of %d passages, on the documents they cite as parsed and extracted; form matched, verb agrees in %d of %d found\n",
		c.scored, rows, s.VerbAgree, s.TP)
	fmt.Fprintf(w, "  by passage: a call found in %d of %d passages labelled with calls; in %d passages labelled with none\n",
		s.PassTP, s.PassTP+s.PassFN, s.PassFP)
	list := func(what string, items []string) {
		if len(items) == 0 {
			return
		}
		sort.Strings(items)
		fmt.Fprintf(w, "  not scored, %s (%d): %s\n", what, len(items), strings.Join(items, ", "))
	}
	list("document not found in --docs", c.noDocument)
	list("passage not found in its document", c.notFound)
	list("files that could not be read", c.failures)
	if verbose && len(s.VerbDiffers) > 0 {
		fmt.Fprintf(w, "  verbs that differ: %s\n", strings.Join(s.VerbDiffers, "; "))
	}
	fmt.Fprintln(w)
}

// noCallsNote says why the calls row is not available.
const noCallsNote = "calls: not available: calls are read from a document's structure (operative paragraphs, recommendations,\n" +
	"  the author's voice), not from a passage alone; give --docs DIR[,DIR...] with the documents the set cites\n\n"
