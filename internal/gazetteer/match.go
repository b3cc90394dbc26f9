package gazetteer

import (
	"sort"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Context tells Match and Resolutions about the document a text comes from.
type Context struct {
	// Body is the key of the Organization that issued the document
	// ("cnd", "ccpcj", "general-assembly", "security-council", ...), used
	// to resolve citations that do not name their body, such as "its
	// resolution 65/4" in a report of the Commission on Narcotic Drugs.
	// ContextFor derives it from a document's symbols.
	Body string
	// Kinds limits Match to these kinds; empty means all five.
	Kinds []kg.Kind
}

// Match is one mention of a gazetteer entry in a text.
type Match struct {
	ID         kg.ID
	Kind       kg.Kind
	Start, End int    // byte offsets in the text; Text == text[Start:End]
	Text       string // the words as written
	// Coordinated is true when the words name the entry only together
	// with a neighbouring name they share a head with: "drug" in "drug and
	// precursor trafficking", "arms" in "trafficking in drugs and arms".
	Coordinated bool
}

// cand is a candidate match: a phrase found at tokens [s, e).
type cand struct {
	s, e  int
	ph    int32
	coord bool // found by coordination, see coordinate
}

// Match finds every mention of a gazetteer entry in text.
//
// States, organizations, crime types and instruments compete for the
// words: the leftmost, then longest name wins, so "United Nations
// Convention against Corruption" is an Instrument and not also the crime
// type Corruption, and "Global Initiative against Transnational Organized
// Crime" is an Organization. A name is dropped where one of its entry's
// exclusion phrases covers it ("assault rifles" is no assault, "Gulf of
// Guinea" not Guinea). Themes are matched on their own layer, since a crime
// type may also raise a theme ("gender-based violence": gender), but never
// inside the name of a State, organization or instrument ("UN-Women" is no
// gender trigger).
//
// Matches are sorted by position. An entry's name may match several times.
func (g *Gazetteer) Match(text string, ctx Context) []Match {
	toks := tokenize(text)
	gaps := make([]uint8, len(toks))
	for i := 1; i < len(toks); i++ {
		gaps[i] = gapClass(text[toks[i-1].end:toks[i].start])
	}
	cands := g.candidates(text, toks, gaps)
	cands = g.dropExcluded(cands)
	cands = dropInPaths(text, toks, cands)

	var ents, themes []cand
	for _, c := range cands {
		if g.entries[g.phrases[c.ph].entry].kind == kg.KindTheme {
			themes = append(themes, c)
		} else {
			ents = append(ents, c)
		}
	}
	ents = g.leftmostLongest(ents)
	ents = append(ents, g.coordinate(text, toks, ents)...)
	themes = g.leftmostLongest(themes)
	themes = g.outsideNames(themes, ents, len(toks))

	out := make([]Match, 0, len(ents)+len(themes))
	for _, list := range [][]cand{ents, themes} {
		for _, c := range list {
			e := g.entries[g.phrases[c.ph].entry]
			if len(ctx.Kinds) > 0 && !hasKind(ctx.Kinds, e.kind) {
				continue
			}
			start, end := toks[c.s].start, toks[c.e-1].end
			if tr := g.phrases[c.ph].trail; tr != "" && !c.coord && strings.HasPrefix(text[end:], tr) {
				end += len(tr)
			}
			out = append(out, Match{
				ID: e.id, Kind: e.kind, Start: start, End: end, Text: text[start:end],
				Coordinated: c.coord,
			})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End > b.End
		}
		if a.Kind != b.Kind {
			return kindOrder(a.Kind) < kindOrder(b.Kind)
		}
		return a.ID < b.ID
	})
	return out
}

func kindOrder(k kg.Kind) int {
	for i, x := range kg.Kinds {
		if x == k {
			return i
		}
	}
	return len(kg.Kinds)
}

// candidates walks the trie from every token and returns every phrase
// (names and exclusion phrases) found whose case rules the text satisfies.
// gaps[j] is the class of the gap before toks[j].
func (g *Gazetteer) candidates(text string, toks []token, gaps []uint8) []cand {
	var out []cand
	for i := range toks {
		n := int32(0)
		for j := i; j < len(toks); j++ {
			c, ok := g.trie.child(n, toks[j].fold)
			if !ok {
				break
			}
			n = c
			for _, ph := range g.trie.phrases[n] {
				if p := &g.phrases[ph]; g.caseMatches(text, toks[i:j+1], p) && gapsMatch(gaps[i+1:j+1], p.gaps) {
					out = append(out, cand{s: i, e: j + 1, ph: ph})
				}
			}
		}
	}
	return out
}

func (g *Gazetteer) caseMatches(text string, toks []token, p *phrase) bool {
	for k, t := range toks {
		if !caseOK(p.rules[k], text[t.start:t.end], p.raw[k]) {
			return false
		}
	}
	return true
}

// gapsMatch reports whether every gap of the text is of a class no higher
// than the name's gap at the same place.
func gapsMatch(text, name []uint8) bool {
	for i, c := range text {
		if c > name[i] {
			return false
		}
	}
	return true
}

// dropExcluded removes exclusion phrases, and every name that overlaps an
// exclusion phrase of its own entry.
func (g *Gazetteer) dropExcluded(cands []cand) []cand {
	var excl []cand
	for _, c := range cands {
		if g.phrases[c.ph].exclude {
			excl = append(excl, c)
		}
	}
	out := cands[:0]
	for _, c := range cands {
		p := &g.phrases[c.ph]
		if p.exclude {
			continue
		}
		drop := false
		for _, x := range excl {
			if g.phrases[x.ph].entry == p.entry && x.s < c.e && c.s < x.e {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, c)
		}
	}
	return out
}

// dropInPaths removes candidates that are elements of a document symbol
// or a URL ("HLPF" in "E/HLPF/2025/5", "iom" in a web address): words in
// a run of path characters with two slashes or more and a digit. "AML/CFT"
// and "HIV/AIDS" have one slash and stay.
func dropInPaths(text string, toks []token, cands []cand) []cand {
	out := cands[:0]
	for _, c := range cands {
		if !inPath(text, toks[c.s].start, toks[c.e-1].end) {
			out = append(out, c)
		}
	}
	return out
}

func inPath(text string, start, end int) bool {
	if !(start > 0 && isPathByte(text[start-1])) && !(end < len(text) && isPathByte(text[end])) {
		return false
	}
	for start > 0 && isPathByte(text[start-1]) {
		start--
	}
	for end < len(text) && isPathByte(text[end]) {
		end++
	}
	run := text[start:end]
	return strings.Count(run, "/") >= 2 && strings.ContainsAny(run, "0123456789")
}

// isPathByte reports whether c may occur inside a symbol or a URL: a
// letter, a digit or one of / . - _ : % ? = & # ~ +.
func isPathByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("/.-_:%?=&#~+", c) >= 0
}

// leftmostLongest keeps, from left to right, the longest candidate that
// does not overlap one already kept. Candidates with the very same span as
// a kept one are kept too when they name another entry (a phrase shared on
// purpose, or a name listed in two kinds).
func (g *Gazetteer) leftmostLongest(cands []cand) []cand {
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].s != cands[j].s {
			return cands[i].s < cands[j].s
		}
		return cands[i].e > cands[j].e
	})
	var out []cand
	end := 0
	for _, c := range cands {
		if c.s >= end {
			out = append(out, c)
			end = c.e
			continue
		}
		last := out[len(out)-1]
		if c.s == last.s && c.e == last.e && !g.sameEntry(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// sameEntry reports whether a kept candidate with c's span already names
// c's entry.
func (g *Gazetteer) sameEntry(kept []cand, c cand) bool {
	e := g.phrases[c.ph].entry
	for i := len(kept) - 1; i >= 0 && kept[i].s == c.s && kept[i].e == c.e; i-- {
		if g.phrases[kept[i].ph].entry == e {
			return true
		}
	}
	return false
}

// outsideNames drops themes that lie within the span of a State,
// organization or instrument name.
func (g *Gazetteer) outsideNames(themes, ents []cand, ntoks int) []cand {
	if len(themes) == 0 {
		return themes
	}
	name := make([]int32, ntoks) // 1 + index of the name covering each token, 0 for none
	for i, e := range ents {
		if g.entries[g.phrases[e.ph].entry].kind == kg.KindCrimeType {
			continue
		}
		for t := e.s; t < e.e; t++ {
			name[t] = int32(i + 1)
		}
	}
	out := themes[:0]
	for _, t := range themes {
		if n := name[t.s]; n == 0 || name[t.e-1] != n {
			out = append(out, t)
		}
	}
	return out
}
