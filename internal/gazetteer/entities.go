package gazetteer

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// EntityRow is one passage of a hand-labelled entity set (format 1 of
// testdata/entities-*.tsv): the States, organizations, non-state groups,
// crime types and calls to act a careful reader finds in it.
type EntityRow struct {
	ID, Source    string
	States        []string // ISO3 codes
	Organizations []string // names as printed, "Full Name (ACR)" when both are
	Groups        []string
	CrimeTypes    []string // crime-type keys
	Calls         []string // "form:verb"
	Text          string
}

//go:embed testdata/entities-tune.tsv
var entitiesTuneTSV []byte

// EmbeddedEntitySets returns the entity sets that ship with the package, by
// file name. The held-out set is not among them: it is read from a file,
// once, by whoever reports its figures (see docs/gazetteers.md).
func EmbeddedEntitySets() (map[string][]EntityRow, error) {
	rows, err := ReadEntities(bytes.NewReader(entitiesTuneTSV))
	if err != nil {
		return nil, fmt.Errorf("entities-tune.tsv: %w", err)
	}
	return map[string][]EntityRow{"entities-tune.tsv": rows}, nil
}

// IsEntitySet reports whether data is an entity set (its header has the
// column "organizations") rather than a crime-type set.
func IsEntitySet(data []byte) bool {
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		return strings.Contains("\t"+line+"\t", "\torganizations\t")
	}
	return false
}

// ReadEntities reads an entity set: "#" comments, then the columns id,
// source, states, organizations, groups, crimetypes, calls, text.
func ReadEntities(r io.Reader) ([]EntityRow, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	t, err := parseTable("entity set", data, "id", "source", "states", "organizations", "groups", "crimetypes", "calls", "text")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var rows []EntityRow
	for _, r := range t.rows {
		row := EntityRow{
			ID: r.get("id"), Source: r.get("source"), Text: r.get("text"),
			States:        kg.SortedSet(strings.Fields(r.get("states"))),
			Organizations: splitNames(r.get("organizations")),
			Groups:        splitNames(r.get("groups")),
			CrimeTypes:    kg.SortedSet(strings.Fields(r.get("crimetypes"))),
			Calls:         splitCalls(r.get("calls")),
		}
		if row.ID == "" || row.Text == "" {
			return nil, fmt.Errorf("entity set:%d: empty id or text", r.line)
		}
		if seen[row.ID] {
			return nil, fmt.Errorf("entity set:%d: id %s listed twice", r.line, row.ID)
		}
		seen[row.ID] = true
		rows = append(rows, row)
	}
	return rows, nil
}

// splitCalls splits a space-separated list of "form:verb" items, whose
// verbs may be words apart ("operative:calls upon call:call on"): a word
// without a colon continues the item before it.
func splitCalls(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		if !strings.Contains(w, ":") && len(out) > 0 {
			out[len(out)-1] += " " + w
			continue
		}
		out = append(out, w)
	}
	return kg.SortedSet(out)
}

// splitNames splits a " | "-separated list of names.
func splitNames(s string) []string {
	var out []string
	for _, n := range strings.Split(s, " | ") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// Tagged is what a tagger finds in one passage.
type Tagged struct {
	States        []string  // ISO3 codes
	Organizations []kg.Node // each with its names; Aliases may carry the words as matched
	Groups        []kg.Node //
	CrimeTypes    []string  // keys
	Calls         []string  // "form:verb"; nil when the tagger finds no calls at all
	CallsKnown    bool      // false when the tagger has no call extraction
}

// Tagger tags a passage of the document with the given symbols.
type Tagger func(text string, symbols []string) Tagged

// The kinds an entity set scores.
var entityKinds = []string{"crime types", "States", "organizations", "groups", "calls"}

// KindScore is the score of one kind over a set.
type KindScore struct {
	Kind                  string
	TP, FP, FN            int
	Precision, Recall, F1 float64
	Available             bool // false when the tagger does not extract this kind
}

// EntityDisagreement is a passage where tagger and labels differ on a kind.
type EntityDisagreement struct {
	ID, Source, Kind string
	Missed, Spurious []string
}

// EntityEvaluation is how well a tagger does on one entity set.
type EntityEvaluation struct {
	Name          string
	Rows          int
	Kinds         []KindScore
	Disagreements []EntityDisagreement
}

// sourceSymbol reads the document symbol at the start of a row's source
// ("S/2025/223 para. 10", "S/RES/2776 (2025) para. 16", "E/2025/32 (Part
// II), para. 1": a report published in parts is one symbol per part).
var sourceSymbol = regexp.MustCompile(`^[A-Z][A-Za-z0-9.]*(?:/[A-Za-z0-9.\-]+)+(?: \((?:[0-9]{4}|Part [IVX]+)\))?`)

// Symbol returns the symbol of the document the row's source cites, or "".
func (r EntityRow) Symbol() string { return sourceSymbol.FindString(r.Source) }

// EvaluateEntities tags every row and compares with its labels, kind by
// kind, over (passage, entity) pairs. States and crime types compare by
// code; organizations and groups by name: a labelled name ("Full Name
// (ACR)" counts as either) matches a tagged node when it folds like one of
// the node's names or the gazetteer resolves it to the node. A label that
// is not a crime type or a State of the gazetteer is an error.
func EvaluateEntities(g *Gazetteer, name string, rows []EntityRow, tag Tagger) (EntityEvaluation, error) {
	ev := EntityEvaluation{Name: name, Rows: len(rows)}
	scores := make([]KindScore, len(entityKinds))
	for i, k := range entityKinds {
		scores[i] = KindScore{Kind: k, Available: true}
	}
	for _, r := range rows {
		for _, k := range r.CrimeTypes {
			if e, ok := g.byID[kg.NewID(kg.KindCrimeType, k)]; !ok || e.kind != kg.KindCrimeType {
				return ev, kg.Errorf(kg.CodeInvalid, "%s row %s: %q is not a crime type of the gazetteer", name, r.ID, k)
			}
		}
		for _, s := range r.States {
			if _, ok := g.byID[kg.NewID(kg.KindState, s)]; !ok {
				return ev, kg.Errorf(kg.CodeInvalid, "%s row %s: %q is not the ISO3 code of a State of the gazetteer", name, r.ID, s)
			}
		}
		var syms []string
		if s := r.Symbol(); s != "" {
			syms = []string{s}
		}
		got := tag(r.Text, syms)
		if !got.CallsKnown {
			scores[4].Available = false
		}
		per := [][2][]string{
			codes(r.CrimeTypes, got.CrimeTypes, &scores[0]),
			codes(r.States, got.States, &scores[1]),
			g.names(r.Organizations, got.Organizations, kg.KindOrganization, &scores[2]),
			g.names(r.Groups, got.Groups, kg.KindGroup, &scores[3]),
		}
		if got.CallsKnown {
			per = append(per, codes(r.Calls, got.Calls, &scores[4]))
		}
		for i, d := range per {
			if len(d[0])+len(d[1]) > 0 {
				ev.Disagreements = append(ev.Disagreements, EntityDisagreement{ID: r.ID, Source: r.Source, Kind: entityKinds[i], Missed: d[0], Spurious: d[1]})
			}
		}
	}
	for i := range scores {
		s := &scores[i]
		s.Precision, s.Recall = ratio(s.TP, s.TP+s.FP), ratio(s.TP, s.TP+s.FN)
		if s.Precision+s.Recall > 0 {
			s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
		}
	}
	ev.Kinds = scores
	return ev, nil
}

// codes scores distinct codes and returns the missed and the spurious.
func codes(gold, got []string, s *KindScore) [2][]string {
	want := map[string]bool{}
	for _, k := range gold {
		want[k] = true
	}
	var d [2][]string
	have := map[string]bool{}
	for _, k := range kg.SortedSet(got) {
		have[k] = true
		if want[k] {
			s.TP++
		} else {
			s.FP++
			d[1] = append(d[1], k)
		}
	}
	for _, k := range kg.SortedSet(gold) {
		if !have[k] {
			s.FN++
			d[0] = append(d[0], k)
		}
	}
	return d
}

// labelForms returns the folded forms a labelled name stands for: the name,
// and for "Full Name (ACR)" the full name and the acronym apart.
func labelForms(name string) []string {
	forms := []string{kg.Fold(name)}
	if i := strings.LastIndex(name, " ("); i > 0 && strings.HasSuffix(name, ")") {
		forms = append(forms, kg.Fold(name[:i]), kg.Fold(name[i+2:len(name)-1]))
	}
	return forms
}

// names scores named entities: each labelled name is matched with at most
// one tagged node and each node with at most one name.
func (g *Gazetteer) names(gold []string, got []kg.Node, kind kg.Kind, s *KindScore) [2][]string {
	used := make([]bool, len(got))
	var d [2][]string
	for _, name := range gold {
		forms := labelForms(name)
		var ids map[kg.ID]bool
		for _, f := range forms {
			for _, id := range g.Lookup(f, kind) {
				if ids == nil {
					ids = map[kg.ID]bool{}
				}
				ids[id] = true
			}
		}
		found := -1
		for j, n := range got {
			if used[j] {
				continue
			}
			if ids[n.ID] || nodeHasForm(n, forms) {
				found = j
				break
			}
		}
		if found < 0 {
			s.FN++
			d[0] = append(d[0], name)
			continue
		}
		used[found] = true
		s.TP++
	}
	for j, n := range got {
		if !used[j] {
			s.FP++
			d[1] = append(d[1], n.Label)
		}
	}
	return d
}

func nodeHasForm(n kg.Node, forms []string) bool {
	for _, nm := range n.Names() {
		f := kg.Fold(nm)
		for _, x := range forms {
			if f == x {
				return true
			}
		}
	}
	return false
}

// Write prints the scores per kind and the disagreements.
func (ev EntityEvaluation) Write(w io.Writer, disagreements bool) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s: %d passages\n", ev.Name, ev.Rows)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "kind\tTP\tFP\tFN\tprecision\trecall\tF1")
	for _, s := range ev.Kinds {
		if !s.Available {
			fmt.Fprintf(tw, "%s\t-\t-\t-\tnot available\t\t\n", s.Kind)
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\t%.3f\n", s.Kind, s.TP, s.FP, s.FN, pct(s.TP, s.TP+s.FP), pct(s.TP, s.TP+s.FN), s.F1)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if disagreements && len(ev.Disagreements) > 0 {
		sort.SliceStable(ev.Disagreements, func(i, j int) bool { return ev.Disagreements[i].Kind < ev.Disagreements[j].Kind })
		fmt.Fprintln(bw, "\ndisagreements (missed = labelled, not tagged; spurious = tagged, not labelled):")
		for _, d := range ev.Disagreements {
			fmt.Fprintf(bw, "  %s %s (%s):", d.ID, d.Kind, d.Source)
			if len(d.Missed) > 0 {
				fmt.Fprintf(bw, " missed %s;", strings.Join(d.Missed, " | "))
			}
			if len(d.Spurious) > 0 {
				fmt.Fprintf(bw, " spurious %s", strings.Join(d.Spurious, " | "))
			}
			fmt.Fprintln(bw)
		}
	}
	fmt.Fprintln(bw)
	return bw.Flush()
}
