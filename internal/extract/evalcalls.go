package extract

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/crimegraph/crimegraph/internal/gazetteer"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
)

// Calls to act are read from a document's structure (which paragraphs are
// operative, which sit under a recommendations heading, whose voice a
// paragraph speaks in), so `crimegraph eval` scores them on the parsed
// document a labelled passage is cited from, not on the passage alone.

var (
	sourceParaRe = regexp.MustCompile(`\bparas?\. ([0-9]+(?:\([a-z]{1,4}\))*)`)
	sourcePageRe = regexp.MustCompile(`\bp\. ([0-9]+)\b`)
)

// PassageRef returns the ref of the paragraph of rep a labelled passage is:
// the paragraph the source cites by number ("S/2025/350 para. 12" → "12")
// when its text holds the labelled text's words, else the paragraph
// (with its items) whose words the labelled text shares best, on the page
// the source cites if one there shares enough ("S/2025/122, p. 3"). ""
// when no paragraph holds at least half of the labelled text's words.
func PassageRef(rep *report.Report, source, text string) string {
	want := wordSet(text)
	if len(want) == 0 {
		return ""
	}
	type cand struct {
		ref  string
		page int
		text map[string]bool
	}
	var cands []cand
	var full func(p *report.Paragraph) string
	full = func(p *report.Paragraph) string {
		s := p.Text
		for _, it := range p.Items {
			s += " " + full(it)
		}
		return s
	}
	rep.Walk(func(p *report.Paragraph) {
		cands = append(cands, cand{ref: p.Ref, page: p.Page, text: wordSet(full(p))})
	})
	contained := func(c cand) float64 {
		n := 0
		for w := range want {
			if c.text[w] {
				n++
			}
		}
		return float64(n) / float64(len(want))
	}
	if m := sourceParaRe.FindStringSubmatch(source); m != nil {
		for _, c := range cands {
			if c.ref == m[1] && contained(c) >= 0.8 {
				return c.ref
			}
		}
	}
	page := 0
	if m := sourcePageRe.FindStringSubmatch(source); m != nil {
		page, _ = strconv.Atoi(m[1])
	}
	// Cosine over word sets: containment alone would prefer the longest
	// paragraph.
	best, bestScore, bestOnPage, bestPageScore := "", 0.0, "", 0.0
	for _, c := range cands {
		if len(c.text) == 0 || contained(c) < 0.5 {
			continue
		}
		score := contained(c) * float64(len(want)) / math.Sqrt(float64(len(want)*len(c.text)))
		if score > bestScore {
			best, bestScore = c.ref, score
		}
		if page > 0 && c.page == page && score > bestPageScore {
			bestOnPage, bestPageScore = c.ref, score
		}
	}
	if bestOnPage != "" {
		return bestOnPage
	}
	return best
}

// wordSet returns the lower-cased words of s.
func wordSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		out[w] = true
	}
	return out
}

// CallsAt returns the calls to act extraction states in the paragraph ref
// and its lettered items, as "form:verb", every verb of each (kg.PropVerbs)
// once, sorted.
func CallsAt(f kg.Fragment, ref string) []string {
	var out []string
	for _, n := range f.Nodes {
		if n.ID.Kind() != kg.KindRecommendation {
			continue
		}
		r := n.Props[kg.PropRef]
		if r != ref && !strings.HasPrefix(r, ref+"(") {
			continue
		}
		verbs := []string{n.Props[kg.PropVerb]}
		if v := n.Props[kg.PropVerbs]; v != "" {
			verbs = strings.Split(v, " | ")
		}
		for _, v := range verbs {
			out = append(out, n.Props[kg.PropForm]+":"+v)
		}
	}
	return kg.SortedSet(out)
}

// CallPassage is one labelled passage with the calls found in it.
type CallPassage struct {
	ID, Source string
	Ref        string   // the paragraph it was located at
	Labelled   []string // "form:verb"
	Found      []string // "form:verb"
}

// CallScore is how well extraction finds the calls of a set of passages: a
// found call counts when its form is that of a labelled call of the same
// passage (each labelled call matched once); VerbAgree counts the matches
// whose verbs agree too ("urges" agrees with "urge", "calls upon" with
// "call on").
type CallScore struct {
	gazetteer.KindScore
	VerbAgree     int
	Disagreements []gazetteer.EntityDisagreement
	VerbDiffers   []string // "id: labelled form:verb, found form:verb" for the matches whose verbs differ
	// By passage, whatever the number of calls: labelled with a call and
	// a call found; labelled with none and one found; labelled with a call
	// and none found.
	PassTP, PassFP, PassFN int
}

// ScoreCalls scores the passages.
func ScoreCalls(ps []CallPassage) CallScore {
	s := CallScore{KindScore: gazetteer.KindScore{Kind: "calls", Available: true}}
	for _, p := range ps {
		byForm := func(calls []string) map[string][]string {
			m := map[string][]string{}
			for _, c := range kg.SortedSet(calls) {
				form, verb, _ := strings.Cut(c, ":")
				m[form] = append(m[form], verb)
			}
			return m
		}
		want, got := byForm(p.Labelled), byForm(p.Found)
		switch l, f := len(p.Labelled) > 0, len(p.Found) > 0; {
		case l && f:
			s.PassTP++
		case f:
			s.PassFP++
		case l:
			s.PassFN++
		}
		var d gazetteer.EntityDisagreement
		forms := map[string]bool{}
		for f := range want {
			forms[f] = true
		}
		for f := range got {
			forms[f] = true
		}
		keys := make([]string, 0, len(forms))
		for f := range forms {
			keys = append(keys, f)
		}
		sort.Strings(keys)
		for _, f := range keys {
			w, g := want[f], got[f]
			tp := min(len(w), len(g))
			s.TP += tp
			s.FP += len(g) - tp
			s.FN += len(w) - tp
			// Pair the calls whose verbs agree first, so that the calls left
			// over are the ones listed missed or spurious.
			wUsed, gUsed := make([]bool, len(w)), make([]bool, len(g))
			agree := 0
			for i, v := range g {
				for j, x := range w {
					if !wUsed[j] && verbStem(v) == verbStem(x) {
						wUsed[j], gUsed[i] = true, true
						agree++
						break
					}
				}
			}
			s.VerbAgree += agree
			if agree < tp {
				s.VerbDiffers = append(s.VerbDiffers, fmt.Sprintf("%s: labelled %s:%s, found %s:%s", p.ID, f, strings.Join(w, ","), f, strings.Join(g, ",")))
			}
			// The calls of the form matched on form alone, then the rest.
			for n, i, j := agree, 0, 0; ; {
				for i < len(w) && wUsed[i] {
					i++
				}
				for j < len(g) && gUsed[j] {
					j++
				}
				switch {
				case i < len(w) && j < len(g) && n < tp:
					wUsed[i], gUsed[j] = true, true
					n++
					continue
				case i < len(w):
					d.Missed = append(d.Missed, f+":"+w[i])
					wUsed[i] = true
					continue
				case j < len(g):
					d.Spurious = append(d.Spurious, f+":"+g[j])
					gUsed[j] = true
					continue
				}
				break
			}
		}
		if len(d.Missed)+len(d.Spurious) > 0 {
			d.ID, d.Source, d.Kind = p.ID, p.Source+" → "+p.Ref, "calls"
			s.Disagreements = append(s.Disagreements, d)
		}
	}
	s.Precision, s.Recall = frac(s.TP, s.TP+s.FP), frac(s.TP, s.TP+s.FN)
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

func frac(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// verbStem is the verb as compared: its first word, lower case, without
// the -s of the third person or the -ed of the past ("calls upon" and "call
// on" → "call", "recommended" and "recommends" → "recommend"), and without
// a final e ("urge", "urged" → "urg").
func verbStem(v string) string {
	f := strings.Fields(strings.ToLower(v))
	if len(f) == 0 {
		return ""
	}
	w := f[0]
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ed"):
		// "recommended" is "recommend", "urged" "urge"
		w = strings.TrimSuffix(w[:len(w)-2], "e")
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		w = w[:len(w)-1]
	}
	return strings.TrimSuffix(w, "e")
}
