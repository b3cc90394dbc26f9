package gazetteer

import (
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Reports list crimes with shared words: "drug and precursor trafficking",
// "trafficking in drugs and arms", "sexual and gender-based violence",
// "child sexual abuse and exploitation", "trafficking in flora, fauna,
// minerals, toxic waste and forestry resources". A name matched in such a
// list lends its shared words to its neighbours, and a neighbour is a
// mention when the words it forms with them are a crime-type name of the
// gazetteer. Three shapes are recognised, for crime types only:
//
//   - head first, "trafficking in X": the next conjuncts after "and", "or"
//     or a comma are tried as "trafficking in Y";
//   - head last, "X trafficking": the conjuncts before are tried as
//     "Y trafficking";
//   - shared modifier, "child sexual abuse": the conjuncts after are tried
//     as "child sexual Y".
//
// Only words no other name has taken are tried, so a list of ordinary names
// ("trafficking in persons and smuggling of migrants") is left alone.

// prepositions mark the head-first shape: the head is everything up to and
// including the last of them ("trafficking in", "smuggling of", "trafficking
// in persons for the purpose of").
var prepositions = map[string]bool{"in": true, "of": true, "for": true}

// maxConjunct bounds the words of one coordinated conjunct.
const maxConjunct = 4

func (g *Gazetteer) coordinate(text string, toks []token, ents []cand) []cand {
	covered := make([]bool, len(toks))
	for _, c := range ents {
		for i := c.s; i < c.e; i++ {
			covered[i] = true
		}
	}
	var out []cand
	for _, c := range ents {
		p := &g.phrases[c.ph]
		if g.entries[p.entry].kind != kg.KindCrimeType {
			continue
		}
		prep := -1
		for i := len(p.fold) - 2; i >= 1; i-- {
			if prepositions[p.fold[i]] {
				prep = i
				break
			}
		}
		switch {
		case prep > 0:
			out = g.coordAfter(text, toks, covered, p.fold[:prep+1], c.e, out)
		case len(p.fold) >= 2:
			out = g.coordBefore(text, toks, covered, c.e-1, c.s, out)
			out = g.coordAfter(text, toks, covered, p.fold[:len(p.fold)-1], c.e, out)
		}
	}
	return out
}

// coordAfter tries the conjuncts after token k as prefix + conjunct.
func (g *Gazetteer) coordAfter(text string, toks []token, covered []bool, prefix []string, k int, out []cand) []cand {
	node := int32(0)
	for _, w := range prefix {
		c, ok := g.trie.child(node, w)
		if !ok {
			return out
		}
		node = c
	}
	for {
		obj, ok := conjunctAfter(text, toks, k)
		if !ok {
			return out
		}
		best, bestPh := 0, int32(-1)
		n := node
		for l := 1; l <= maxConjunct && obj+l-1 < len(toks); l++ {
			t := obj + l - 1
			if covered[t] || l > 1 && !isWordGap(text[toks[t-1].end:toks[t].start]) {
				break
			}
			c, ok := g.trie.child(n, toks[t].fold)
			if !ok {
				break
			}
			n = c
			if ph, ok := g.crimePhraseAt(n, text, toks[obj:t+1], len(prefix), len(prefix)+l); ok {
				best, bestPh = l, ph
			}
		}
		if bestPh < 0 {
			return out
		}
		out = append(out, cand{s: obj, e: obj + best, ph: bestPh, coord: true})
		for i := obj; i < obj+best; i++ {
			covered[i] = true
		}
		k = obj + best
	}
}

// coordBefore tries the conjuncts before token s as conjunct + the head
// word toks[head].
func (g *Gazetteer) coordBefore(text string, toks []token, covered []bool, head, s int, out []cand) []cand {
	for {
		last, ok := conjunctBefore(text, toks, s)
		if !ok {
			return out
		}
		best, bestPh := 0, int32(-1)
		for l := 1; l <= maxConjunct-1 && last-l+1 >= 0; l++ {
			first := last - l + 1
			if covered[first] || l > 1 && !isWordGap(text[toks[first].end:toks[first+1].start]) {
				break
			}
			n, ok := int32(0), true
			for t := first; t <= last && ok; t++ {
				n, ok = g.trie.child(n, toks[t].fold)
			}
			if ok {
				n, ok = g.trie.child(n, toks[head].fold)
			}
			if !ok {
				continue
			}
			seq := append(append([]token(nil), toks[first:last+1]...), toks[head])
			if ph, ok := g.crimePhraseAt(n, text, seq, 0, l+1); ok {
				best, bestPh = l, ph
			}
		}
		if bestPh < 0 {
			return out
		}
		first := last - best + 1
		out = append(out, cand{s: first, e: last + 1, ph: bestPh, coord: true})
		for i := first; i <= last; i++ {
			covered[i] = true
		}
		s = first
	}
}

// crimePhraseAt returns a crime-type name of n words ending at trie node
// node whose words from index from on accept the text words toks.
func (g *Gazetteer) crimePhraseAt(node int32, text string, toks []token, from, n int) (int32, bool) {
	for _, ph := range g.trie.phrases[node] {
		p := &g.phrases[ph]
		if p.exclude || len(p.fold) != n || g.entries[p.entry].kind != kg.KindCrimeType {
			continue
		}
		ok := true
		for i, t := range toks {
			if !caseOK(p.rules[from+i], text[t.start:t.end], p.raw[from+i]) {
				ok = false
				break
			}
		}
		if ok {
			return ph, true
		}
	}
	return 0, false
}

// conjunctAfter returns the first token of the conjunct that follows a
// conjunct ending before token k: after ", ", "and", "or" or ", and".
func conjunctAfter(text string, toks []token, k int) (int, bool) {
	if k <= 0 || k >= len(toks) {
		return 0, false
	}
	gap := text[toks[k-1].end:toks[k].start]
	if isConj(toks[k].fold) && (isWordGap(gap) || isCommaGap(gap)) {
		if k+1 < len(toks) && isWordGap(text[toks[k].end:toks[k+1].start]) {
			return k + 1, true
		}
		return 0, false
	}
	if isCommaGap(gap) {
		return k, true
	}
	return 0, false
}

// conjunctBefore returns the last token of the conjunct that precedes a
// conjunct starting at token s.
func conjunctBefore(text string, toks []token, s int) (int, bool) {
	if s <= 0 || s >= len(toks) {
		return 0, false
	}
	gap := text[toks[s-1].end:toks[s].start]
	if isConj(toks[s-1].fold) && isWordGap(gap) {
		if s >= 2 {
			g2 := text[toks[s-2].end:toks[s-1].start]
			if isWordGap(g2) || isCommaGap(g2) {
				return s - 2, true
			}
		}
		return 0, false
	}
	if isCommaGap(gap) {
		return s - 1, true
	}
	return 0, false
}

func isConj(w string) bool { return w == "and" || w == "or" }

// isWordGap reports whether the text between two words of one phrase is
// only white space or a hyphen ("drug-trafficking", a line break).
func isWordGap(s string) bool {
	return strings.Trim(s, " \t\r\n-\u00a0") == ""
}

// isCommaGap reports whether the text between two words is a comma and
// white space.
func isCommaGap(s string) bool {
	return strings.Trim(s, " \t\r\n\u00a0") == ","
}
