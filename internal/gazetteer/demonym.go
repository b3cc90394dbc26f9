package gazetteer

import (
	_ "embed"
	"regexp"
	"sort"
	"strings"
	"sync"

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

// Authorities finds phrases naming a State by its adjective of nationality
// and its authorities: "the Haitian authorities", "Haitian governmental
// authorities", "the Colombian Government". Each match spans the phrase.
func (g *Gazetteer) Authorities(text string) []Match {
	// The expression is a large alternation: run it only where its head
	// noun occurs.
	if !strings.Contains(text, "uthorities") && !strings.Contains(text, "Government") && !strings.Contains(text, "Administration") {
		return nil
	}
	m, re := demonyms()
	var out []Match
	for _, loc := range re.FindAllStringSubmatchIndex(text, -1) {
		id, ok := m[text[loc[2]:loc[3]]]
		if !ok {
			continue
		}
		if _, known := g.byID[id]; !known {
			continue
		}
		out = append(out, Match{ID: id, Kind: kg.KindState, Start: loc[0], End: loc[1], Text: text[loc[0]:loc[1]]})
	}
	return out
}
