package gazetteer

import (
	_ "embed"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/kg"
)

//go:embed data/demonyms.tsv
var demonymsTSV string

// demonyms maps an adjective of nationality to its State; an adjective two
// States share ("Dominican", "Congolese") maps to none.
var demonyms = sync.OnceValues(func() (map[string]kg.ID, *regexp.Regexp) {
	m := map[string]kg.ID{}
	ambiguous := map[string]bool{}
	for _, line := range strings.Split(demonymsTSV, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 2 || strings.HasPrefix(line, "#") || f[0] == "iso3" {
			continue
		}
		for _, d := range strings.Split(f[1], "|") {
			d = strings.TrimSpace(d)
			if _, ok := m[d]; ok {
				ambiguous[d] = true
			}
			m[d] = kg.NewID(kg.KindState, f[0])
		}
	}
	var alts []string
	for d := range m {
		if ambiguous[d] {
			delete(m, d)
			continue
		}
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
