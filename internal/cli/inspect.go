package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/crimegraph/crimegraph/internal/extract"
	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/pdftext"
	"github.com/crimegraph/crimegraph/internal/report"
)

// longParagraph flags a paragraph that probably swallowed a page: UN
// paragraphs rarely pass a few hundred words.
const longParagraph = 6000

func init() {
	register(&command{
		name:  "inspect",
		usage: "PATH...",
		summary: "Parse and extract documents without storing them, and report per file: paragraphs, recommendations,\n" +
			"entities, time, and anything suspicious (gaps or duplicates in the numbering, very long paragraphs).",
		setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			outline := fs.Bool("outline", false, "print each document's parsed outline (identity, family, sections, parts, calls) instead of the table")
			lines := fs.Bool("lines", false, "print what the PDF front end sees instead: physical lines with their kind and geometry, the identity, the logical lines")
			return func(ctx context.Context, args []string) error {
				if len(args) == 0 {
					return usagef("give at least one file or folder")
				}
				paths, err := ingest.Files(args)
				if err != nil {
					return err
				}
				if *lines {
					return dumpLines(ctx, e, paths)
				}
				rec, err := ingest.NewRecognizer()
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "file\tkey\tfamily\tparts\trange\tcalls rec/op/call\tentities\tms\tverdict")
				start := time.Now()
				var failed, suspicious, stored, dropped, parts int
				families := map[report.Family]int{}
				var lists []string // files read as lists of participants, or with one annexed
				fromLists, attended := 0, 0
				forms := map[string]int{}
				for _, p := range paths {
					if ctx.Err() != nil {
						break
					}
					t0 := time.Now()
					src, err := ingest.ReadFile(p, "")
					var rep *report.Report
					if err == nil {
						rep, err = ingest.Parse(ctx, src)
					}
					if err != nil {
						failed++
						fmt.Fprintf(tw, "%s\t-\t-\t-\t-\t-\t-\t%d\trefused: %s\n", src.Name, time.Since(t0).Milliseconds(), kg.ErrorMessage(err))
						continue
					}
					if *outline {
						fmt.Fprintf(e.stdout, "######## %s\n%s", src.Name, rep.Outline())
						continue
					}
					key := ingest.DocKey(rep, src)
					x := extract.Extract(rep, key, rec)
					ms := time.Since(t0).Milliseconds()
					flags, notes := suspicions(rep)
					verdict := "ok"
					if len(flags) > 0 {
						suspicious++
						verdict = "SUSPICIOUS " + fmt.Sprint(flags)
					}
					if len(notes) > 0 {
						verdict += " " + fmt.Sprint(notes)
					}
					stored++
					parts += x.Paragraphs
					families[rep.Family]++
					for f, n := range x.Calls {
						forms[f] += n
					}
					if droppedText(rep) {
						dropped++
					}
					if n, all, ok := attendance(rep, x.Fragment); ok {
						lists = append(lists, src.Name)
						fromLists += n
						attended += all
					} else {
						attended += all
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%d/%d/%d\t%d\t%d\t%s\n", src.Name, key, rep.Family, x.Paragraphs, numberRange(rep),
						x.Calls[kg.FormRecommendation], x.Calls[kg.FormOperative], x.Calls[kg.FormCall], entityCount(x.Fragment), ms, verdict)
				}
				fmt.Fprintf(tw, "\n%d files in %s: %d read, %d refused, %d with text dropped, %d suspicious\n", len(paths), time.Since(start).Round(time.Millisecond),
					stored, failed, dropped, suspicious)
				fmt.Fprintf(tw, "%d parts; calls: %d recommendations, %d operative paragraphs, %d calls\n", parts,
					forms[kg.FormRecommendation], forms[kg.FormOperative], forms[kg.FormCall])
				fams := make([]string, 0, len(families))
				for f, n := range families {
					fams = append(fams, fmt.Sprintf("%s %d", f, n))
				}
				sort.Strings(fams)
				fmt.Fprintf(tw, "families: %s\n", strings.Join(fams, ", "))
				fmt.Fprintf(tw, "attendance: %d lists of participants read %v, %d ATTENDED facts from them; %d ATTENDED facts in all\n",
					len(lists), cap5(lists), fromLists, attended)
				return tw.Flush()
			}
		},
	})
}

// dumpLines writes pdftext's view of each PDF.
func dumpLines(ctx context.Context, e *env, paths []string) error {
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return kg.Wrap(kg.CodeNotFound, err, "cannot read "+p)
		}
		fmt.Fprintf(e.stdout, "######## %s\n", p)
		if err := pdftext.DefaultOptions().Dump(ctx, data, e.stdout); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	return nil
}

// attendance counts the ATTENDED facts of a document: those its list of
// participants states, and all of them; ok says whether it has such a
// list.
func attendance(rep *report.Report, f kg.Fragment) (fromList, all int, ok bool) {
	refs := map[string]bool{}
	for _, p := range rep.ParticipantParts() {
		refs[p.Ref] = true
	}
	for _, e := range f.Edges {
		if e.Kind != kg.EdgeAttended {
			continue
		}
		all++
		if len(e.Evidence) > 0 && refs[e.Evidence[0].Ref] {
			fromList++
		}
	}
	return fromList, all, len(refs) > 0
}

// droppedText reports whether the parser left text out of the parts.
func droppedText(rep *report.Report) bool {
	for _, w := range rep.Warnings {
		if strings.Contains(w, "were not kept") {
			return true
		}
	}
	return false
}

// numberRange prints the span of report paragraph numbers, "1–95".
func numberRange(rep *report.Report) string {
	lo, hi := 0, 0
	for _, p := range rep.Paragraphs {
		if p.Number == 0 {
			continue
		}
		if lo == 0 || p.Number < lo {
			lo = p.Number
		}
		if p.Number > hi {
			hi = p.Number
		}
	}
	if hi == 0 {
		return "-"
	}
	return fmt.Sprintf("%d–%d", lo, hi)
}

// suspicions sorts the parser's warnings: gaps, duplicates and items out
// of sequence in the numbering, and paragraphs long enough to have
// swallowed a page, are suspicious; the rest (unnumbered text left out,
// such as a letter of transmittal or a table) are notes.
func suspicions(rep *report.Report) (flags, notes []string) {
	for _, w := range rep.Warnings {
		if strings.Contains(w, "missing") || strings.Contains(w, "again") || strings.Contains(w, "sequence") ||
			strings.Contains(w, "long") || strings.Contains(w, "numbered") {
			flags = append(flags, w)
		} else {
			notes = append(notes, w)
		}
	}
	rep.Walk(func(p *report.Paragraph) {
		if len(p.Text) > longParagraph && p.Kind != kg.PartTable && p.Kind != kg.PartList {
			flags = append(flags, fmt.Sprintf("para. %s is %d bytes long", p.Ref, len(p.Text)))
		}
	})
	return cap5(flags), cap5(notes)
}

func cap5(ss []string) []string {
	sort.Strings(ss)
	if len(ss) > 5 {
		ss = append(ss[:5], fmt.Sprintf("and %d more", len(ss)-5))
	}
	return ss
}

// entityCount counts the distinct named entities (not document parts).
func entityCount(f kg.Fragment) int {
	n := 0
	for _, node := range f.Nodes {
		switch node.Kind {
		case kg.KindSection, kg.KindParagraph, kg.KindRecommendation:
		default:
			n++
		}
	}
	return n
}
