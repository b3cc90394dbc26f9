package gazetteer

import (
	"strings"
	"unicode"
)

// Overlap is how much of a passage's wording another passage shares, above
// which the two count as the same passage: a resolution's paragraph in its
// draft, a monthly report's standing paragraph, "Decides to remain actively
// seized of the matter". Scored apart from the passages a rule was tuned on,
// a held-out set says what the rules do on unseen text.
const Overlap = 0.8

// Unshared splits rows into those whose text shares less than Overlap of
// its word trigrams with every passage of others, and the rest.
func Unshared(rows, others []EntityRow) (kept, shared []EntityRow) {
	var sets []map[string]bool
	for _, o := range others {
		sets = append(sets, trigrams(o.Text))
	}
	for _, r := range rows {
		t := trigrams(r.Text)
		same := false
		for _, o := range sets {
			if jaccard(t, o) >= Overlap {
				same = true
				break
			}
		}
		if same {
			shared = append(shared, r)
		} else {
			kept = append(kept, r)
		}
	}
	return kept, shared
}

// trigrams are a text's word trigrams, lower-cased, punctuation and
// footnote numbers left out, so that the spacing and hyphenation of two
// printings do not tell them apart.
func trigrams(s string) map[string]bool {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	out := map[string]bool{}
	if len(words) < 3 {
		out[strings.Join(words, " ")] = true
		return out
	}
	for i := 0; i+3 <= len(words); i++ {
		out[words[i]+" "+words[i+1]+" "+words[i+2]] = true
	}
	return out
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n)
}
