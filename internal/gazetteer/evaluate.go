package gazetteer

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// LabelledRow is one passage of the hand-labelled crime-type evaluation
// set, with the crime types a careful reader tags in it.
type LabelledRow struct {
	ID     string   // row id, "ct001"
	Source string   // where the passage comes from, "lac-rpm-2025 para. 24(e)"
	Types  []string // crime-type keys, sorted; empty when the passage names no crime
	Text   string   // the passage, exact
}

//go:embed testdata/crimetypes-labelled.tsv
var labelledTSV []byte

// LabelledCrimeTypes returns the evaluation set that ships with the
// package (testdata/crimetypes-labelled.tsv).
func LabelledCrimeTypes() ([]LabelledRow, error) {
	return ReadLabelled(bytes.NewReader(labelledTSV))
}

// ReadLabelled reads an evaluation set: a TSV file with "#" comments and
// the columns id, source, types (space-separated crime-type keys) and text.
func ReadLabelled(r io.Reader) ([]LabelledRow, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	t, err := parseTable("labelled set", data, "id", "source", "types", "text")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var rows []LabelledRow
	for _, r := range t.rows {
		row := LabelledRow{ID: r.get("id"), Source: r.get("source"), Text: r.get("text"), Types: kg.SortedSet(strings.Fields(r.get("types")))}
		if row.ID == "" || row.Text == "" {
			return nil, fmt.Errorf("labelled set:%d: empty id or text", r.line)
		}
		if seen[row.ID] {
			return nil, fmt.Errorf("labelled set:%d: id %s listed twice", r.line, row.ID)
		}
		seen[row.ID] = true
		rows = append(rows, row)
	}
	return rows, nil
}

// Evaluation is how well the gazetteer tags crime types, counted over
// (passage, crime type) pairs.
type Evaluation struct {
	Rows                  int
	TP, FP, FN            int
	Precision, Recall, F1 float64
	Types                 []TypeScore // one per crime type tagged or labelled, by key
	Disagreements         []Disagreement
}

// TypeScore is the score of one crime type.
type TypeScore struct {
	Key, Label        string
	TP, FP, FN        int
	Precision, Recall float64 // 0 when undefined (no prediction, no label)
}

// Disagreement is a passage where the tagger and the labels differ.
type Disagreement struct {
	ID, Source string
	Missed     []string // labelled, not tagged
	Spurious   []string // tagged, not labelled
}

// EvaluateCrimeTypes tags every row with Match and compares the distinct
// crime types found with the labels. A label that is not a crime type of
// the gazetteer is an error, so a renamed key cannot silently count as a
// miss.
func EvaluateCrimeTypes(g *Gazetteer, rows []LabelledRow) (Evaluation, error) {
	ev := Evaluation{Rows: len(rows)}
	per := map[string]*TypeScore{}
	score := func(key string) *TypeScore {
		if s, ok := per[key]; ok {
			return s
		}
		s := &TypeScore{Key: key}
		if e, ok := g.byID[kg.NewID(kg.KindCrimeType, key)]; ok {
			s.Label = e.label
		}
		per[key] = s
		return s
	}
	for _, r := range rows {
		gold := map[string]bool{}
		for _, k := range r.Types {
			if e, ok := g.byID[kg.NewID(kg.KindCrimeType, k)]; !ok || e.kind != kg.KindCrimeType {
				return Evaluation{}, kg.Errorf(kg.CodeInvalid, "row %s: %q is not a crime type of the gazetteer", r.ID, k)
			}
			gold[k] = true
		}
		got := map[string]bool{}
		// The crime types extraction finds: named, and told with a number.
		for _, m := range append(g.Match(r.Text, Context{Kinds: []kg.Kind{kg.KindCrimeType}}), g.Described(r.Text)...) {
			got[m.ID.Key()] = true
		}
		var d Disagreement
		for k := range got {
			if gold[k] {
				ev.TP++
				score(k).TP++
			} else {
				ev.FP++
				score(k).FP++
				d.Spurious = append(d.Spurious, k)
			}
		}
		for k := range gold {
			if !got[k] {
				ev.FN++
				score(k).FN++
				d.Missed = append(d.Missed, k)
			}
		}
		if len(d.Missed)+len(d.Spurious) > 0 {
			d.ID, d.Source = r.ID, r.Source
			sort.Strings(d.Missed)
			sort.Strings(d.Spurious)
			ev.Disagreements = append(ev.Disagreements, d)
		}
	}
	ev.Precision, ev.Recall = ratio(ev.TP, ev.TP+ev.FP), ratio(ev.TP, ev.TP+ev.FN)
	if ev.Precision+ev.Recall > 0 {
		ev.F1 = 2 * ev.Precision * ev.Recall / (ev.Precision + ev.Recall)
	}
	for _, s := range per {
		s.Precision, s.Recall = ratio(s.TP, s.TP+s.FP), ratio(s.TP, s.TP+s.FN)
		ev.Types = append(ev.Types, *s)
	}
	sort.Slice(ev.Types, func(i, j int) bool { return ev.Types[i].Key < ev.Types[j].Key })
	return ev, nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Write prints the evaluation as plain-text tables: the totals, one line
// per crime type, and the disagreements.
func (ev Evaluation) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "crime types: %d passages, precision %.3f, recall %.3f, F1 %.3f (TP %d, FP %d, FN %d)\n\n",
		ev.Rows, ev.Precision, ev.Recall, ev.F1, ev.TP, ev.FP, ev.FN)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "key\tTP\tFP\tFN\tprecision\trecall\tlabel")
	for _, s := range ev.Types {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\t%s\n", s.Key, s.TP, s.FP, s.FN,
			pct(s.TP, s.TP+s.FP), pct(s.TP, s.TP+s.FN), s.Label)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(ev.Disagreements) > 0 {
		fmt.Fprintln(bw, "\ndisagreements (missed = labelled, not tagged; spurious = tagged, not labelled):")
		for _, d := range ev.Disagreements {
			fmt.Fprintf(bw, "  %s %s:", d.ID, d.Source)
			if len(d.Missed) > 0 {
				fmt.Fprintf(bw, " missed %s", strings.Join(d.Missed, " "))
			}
			if len(d.Spurious) > 0 {
				fmt.Fprintf(bw, " spurious %s", strings.Join(d.Spurious, " "))
			}
			fmt.Fprintln(bw)
		}
	}
	return bw.Flush()
}

func pct(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", float64(a)/float64(b))
}
