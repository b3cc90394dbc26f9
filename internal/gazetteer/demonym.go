package gazetteer

import (
	_ "embed"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/kg"
)

//go:embed data/demonyms.tsv
var demonymsTSV string

// demonymStates maps each adjective of nationality of data/demonyms.tsv to
// the States it names: one, or several when States share it ("Dominican",
// "Congolese").
var demonymStates = sync.OnceValue(func() map[string][]kg.ID {
	all := map[string][]kg.ID{}
	for _, line := range strings.Split(demonymsTSV, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 2 || strings.HasPrefix(line, "#") || f[0] == "iso3" {
			continue
		}
		for _, d := range strings.Split(f[1], "|") {
			d = strings.TrimSpace(d)
			all[d] = append(all[d], kg.NewID(kg.KindState, f[0]))
		}
	}
	return all
})

// demonyms maps an adjective of nationality to its State; an adjective two
// States share ("Dominican", "Congolese") maps to none.
var demonyms = sync.OnceValues(func() (map[string]kg.ID, *regexp.Regexp) {
	m := map[string]kg.ID{}
	for d, ids := range demonymStates() {
		if len(ids) == 1 {
			m[d] = ids[0]
		}
	}
	var alts []string
	for d := range m {
		alts = append(alts, regexp.QuoteMeta(d))
	}
	// Longest first, so "South Sudanese" wins over "Sudanese".
	sort.Slice(alts, func(i, j int) bool {
		return len(alts[i]) > len(alts[j]) || len(alts[i]) == len(alts[j]) && alts[i] < alts[j]
	})
	re := regexp.MustCompile(`\b(` + strings.Join(alts, "|") + `)\s+(?:(?:governmental|national|federal|State|local|competent|judicial|transitional|government|law enforcement|border|customs)\s+){0,2}(?:authorities|Government|Governments|Administration)\b`)
	return m, re
})

// authorityNouns end the phrases Authorities finds.
var authorityNouns = []string{"authorities", "Authorities", "Government", "Governments", "Administration"}

// Authorities finds phrases naming a State by its adjective of nationality
// and its authorities: "the Haitian authorities", "Haitian governmental
// authorities", "the Colombian Government". Each match spans the phrase.
func (g *Gazetteer) Authorities(text string) []Match {
	m, re := demonyms()
	var out []Match
	// The expression is a large alternation: run it only on the few words
	// before each head noun, not over the whole text.
	for _, noun := range authorityNouns {
		for off := 0; ; {
			k := strings.Index(text[off:], noun)
			if k < 0 {
				break
			}
			end := off + k + len(noun)
			off = end
			if end < len(text) && isWordByte(text[end]) {
				continue // "Governments" is matched as its own noun below
			}
			from := max(0, end-len(noun)-90)
			for from > 0 && !utf8.RuneStart(text[from]) {
				from++
			}
			locs := re.FindAllStringSubmatchIndex(text[from:end], -1)
			if len(locs) == 0 {
				continue
			}
			loc := locs[len(locs)-1]
			if from+loc[1] != end {
				continue
			}
			id, ok := m[text[from+loc[2]:from+loc[3]]]
			if _, known := g.byID[id]; !ok || !known {
				continue
			}
			out = append(out, Match{ID: id, Kind: kg.KindState, Start: from + loc[0], End: end, Text: text[from+loc[0] : end]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= utf8.RuneSelf
}

// demonymMisses are adjectives of nationality that also name something
// else often enough in UN English to be no mention of their State alone:
// languages ("in French"), and "American" of "Latin American".
var demonymMisses = map[string]bool{
	"French": true, "Spanish": true, "Chinese": true, "Russian": true, "Portuguese": true, "Arabic": true,
	"Dutch": true, "Turkish": true, "Korean": true, "Lao": true, "Swiss": true,
	"American": true, // "American eel", "Latin American"; the State is named "United States"
}

// peopleNouns are the nouns after which an adjective that is also a
// language names its State's people or organs: "Chinese civilians",
// "Russian forces", "French troops" (not "French text", "Chinese
// version").
var peopleNouns = map[string]bool{
	"civilians": true, "nationals": true, "citizens": true, "officials": true, "soldiers": true, "troops": true,
	"forces": true, "police": true, "diplomats": true, "military": true, "army": true, "navy": true,
	"authorities": true, "Government": true, "delegation": true, "embassy": true, "Embassy": true,
}

// peopleAfter reports whether the word at text[j+1:] is one of peopleNouns.
func peopleAfter(text string, j int) bool {
	if j >= len(text) || text[j] != ' ' {
		return false
	}
	e := j + 1
	for e < len(text) && isWordByte(text[e]) {
		e++
	}
	return peopleNouns[text[j+1:e]]
}

// demonymBefore are words after which an adjective is part of a regional
// name ("Latin American", "South African" stays), and demonymAfter words
// after which it names a place or a language, not the State.
var (
	demonymBefore = map[string]bool{"Latin": true, "North": true, "Central": true, "Inter": true, "Pan": true, "Afro": true, "Meso": true, "Ibero": true}
	demonymAfter  = map[string]bool{
		"Ocean": true, "Sea": true, "Gulf": true, "Peninsula": true, "Basin": true, "Plateau": true, "Desert": true,
		"language": true, "languages": true, "version": true, "versions": true, "text": true, "texts": true, "translation": true,
		"original": true, "speaking": true, "subcontinent": true, "Subcontinent": true, "States": true,
	}
)

// Demonyms finds States named through their people and bodies: an
// adjective of nationality before a noun ("Haitian gangs", "Iraqi security
// forces", "Libyan dinars", "Bahamian police"), or the people in the plural
// ("Haitians", "Somalis"). Each match spans the adjective. Adjectives two
// States share ("Dominican", "Congolese") and those that also name a
// language are passed over; the longest adjective wins ("South Sudanese").
func (g *Gazetteer) Demonyms(text string) []Match {
	m, _ := demonyms()
	var out []Match
	for i := 0; i < len(text); {
		// Candidate words start with an ASCII capital after a non-letter.
		c := text[i]
		if c < 'A' || c > 'Z' || i > 0 && isWordByte(text[i-1]) {
			i++
			continue
		}
		best, bestEnd, people := kg.ID(""), 0, false
		end, skip := i, 0
		for w := 0; w < 3; w++ {
			j := end
			for j < len(text) && (isWordByte(text[j]) || text[j] == '-' && j+1 < len(text) && text[j+1] >= 'A' && text[j+1] <= 'Z') {
				j++
			}
			if j == end {
				break
			}
			word := text[i:j]
			// "the Israeli-Iranian conflict", "the Lebanese-Syrian border":
			// two States' adjectives joined name both.
			if w == 0 && strings.IndexByte(word, '-') > 0 {
				if pair := compoundDemonyms(m, text, i, j); pair != nil {
					for _, p := range pair {
						if _, known := g.byID[p.ID]; known {
							out = append(out, p)
						}
					}
					skip = j
					break
				}
			}
			if id, ok := m[word]; ok && (!demonymMisses[word] || word != "American" && word != "Arabic" && peopleAfter(text, j)) {
				best, bestEnd, people = id, j, false
			} else if id, ok := m[strings.TrimSuffix(word, "s")]; ok && w == 0 && plural(word) && !demonymMisses[word[:len(word)-1]] {
				best, bestEnd, people = id, j, true
			}
			if j >= len(text) || text[j] != ' ' {
				break
			}
			end = j + 1
		}
		if skip > 0 {
			i = skip
			continue
		}
		if best == "" || !people && !demonymContext(text, i, bestEnd) {
			i++
			for i < len(text) && isWordByte(text[i]) {
				i++
			}
			continue
		}
		if _, known := g.byID[best]; known {
			out = append(out, Match{ID: best, Kind: kg.KindState, Start: i, End: bestEnd, Text: text[i:bestEnd]})
		}
		i = bestEnd
	}
	return out
}

// compoundDemonyms returns the matches of two or more adjectives of
// nationality joined by hyphens at text[i:j], each part its State, when
// every part is one and a noun follows; else nil.
func compoundDemonyms(m map[string]kg.ID, text string, i, j int) []Match {
	if !demonymContext(text, i, j) {
		return nil
	}
	var out []Match
	for s := i; s < j; {
		e := strings.IndexByte(text[s:j], '-')
		if e < 0 {
			e = j
		} else {
			e += s
		}
		part := text[s:e]
		id, ok := m[part]
		if !ok || demonymMisses[part] {
			return nil
		}
		out = append(out, Match{ID: id, Kind: kg.KindState, Start: s, End: e, Text: part})
		s = e + 1
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// plural reports whether word is the plural of an adjective of nationality
// used as a noun for the people: "Haitians", "Somalis", "Iraqis".
func plural(word string) bool {
	return strings.HasSuffix(word, "ns") || strings.HasSuffix(word, "is")
}

// demonymContext checks the words around an adjective at [start, end).
func demonymContext(text string, start, end int) bool {
	// The word before: "Latin American", "Inter-American".
	b := start
	for b > 0 && (text[b-1] == ' ' || text[b-1] == '-') {
		b--
	}
	a := b
	for a > 0 && isWordByte(text[a-1]) {
		a--
	}
	if b < start && demonymBefore[text[a:b]] {
		return false
	}
	// The word after must be a word of letters that does not make a place
	// or a language of the adjective.
	if end >= len(text) || text[end] != ' ' && text[end] != '-' {
		return false
	}
	k := end + 1
	e := k
	for e < len(text) && isWordByte(text[e]) {
		e++
	}
	if e == k || demonymAfter[text[k:e]] {
		return false
	}
	return true
}

// sharedDemonyms maps an adjective two States share ("Congolese") to
// those States.
var sharedDemonyms = sync.OnceValue(func() map[string][]kg.ID {
	shared := map[string][]kg.ID{}
	for d, ids := range demonymStates() {
		if len(ids) >= 2 {
			shared[d] = ids
		}
	}
	return shared
})

// SharedDemonyms finds the adjectives two States share, which Demonyms
// passes over, in a document about one of them: in a report on the
// Democratic Republic of the Congo, "the Congolese National Police" and
// "Congolese armed forces" are that State's. focus is the State the
// document is about; with none, nothing is found.
func (g *Gazetteer) SharedDemonyms(text string, focus kg.ID) []Match {
	if focus == "" {
		return nil
	}
	var out []Match
	for adj, ids := range sharedDemonyms() {
		if !slices.Contains(ids, focus) {
			continue
		}
		for off := 0; ; {
			k := strings.Index(text[off:], adj)
			if k < 0 {
				break
			}
			s, e := off+k, off+k+len(adj)
			off = e
			if s > 0 && isWordByte(text[s-1]) || !demonymContext(text, s, e) {
				continue
			}
			if _, known := g.byID[focus]; known {
				out = append(out, Match{ID: focus, Kind: kg.KindState, Start: s, End: e, Text: adj})
			}
		}
	}
	return out
}
