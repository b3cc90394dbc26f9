package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Acronym is a definition "Long Form (SHORT)" found in a text, such as
// "United Nations Office on Drugs and Crime (UNODC)".
type Acronym struct {
	Short, Long          string
	Start, End           int // the whole definition, "Long Form (SHORT)"
	LongStart, LongEnd   int
	ShortStart, ShortEnd int
}

// maxLongWords bounds how far back a long form is looked for.
const maxLongWords = 16

// Acronyms finds acronym definitions: a parenthesised short form of two to
// twelve characters with at least two capitals (or an inner capital, as in
// "GenJust"), right after the long form it abbreviates. The long form is
// found as Schwartz and Hearst do (A Simple Algorithm for Identifying
// Abbreviation Definitions in Biomedical Text, 2003): the shortest run of
// preceding words in which the short form's letters occur in order, its
// first letter starting a word. The long form must start with a capital,
// so that "internally displaced persons (IDPs)" is passed over: only names
// are wanted.
func Acronyms(text string) []Acronym {
	var out []Acronym
	for i := 0; i < len(text); i++ {
		if text[i] != '(' {
			continue
		}
		j := strings.IndexByte(text[i:], ')')
		if j < 0 {
			break
		}
		short := text[i+1 : i+j]
		if !isShortForm(short) {
			continue
		}
		long, lstart, ok := longForm(text[:i], short)
		if !ok {
			continue
		}
		out = append(out, Acronym{
			Short: short, Long: long,
			Start: lstart, End: i + j + 1,
			LongStart: lstart, LongEnd: lstart + len(long),
			ShortStart: i + 1, ShortEnd: i + j,
		})
		i += j
	}
	return out
}

// isShortForm reports whether s looks like an acronym: 2–12 characters,
// letters, digits, hyphens and ampersands only, starting with a letter,
// with two capitals or one inside the word, and not a Roman numeral.
func isShortForm(s string) bool {
	if len(s) < 2 || len(s) > 12 {
		return false
	}
	r0, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r0) {
		return false
	}
	caps, inner := 0, false
	for i, r := range s {
		switch {
		case unicode.IsUpper(r):
			caps++
			if i > 0 {
				inner = true
			}
		case unicode.IsLetter(r), unicode.IsDigit(r), r == '-', r == '&':
		default:
			return false
		}
	}
	if caps < 2 && !inner {
		return false
	}
	return kg.RomanValue(s) == 0
}

// longForm finds the long form of short at the end of before.
func longForm(before, short string) (string, int, bool) {
	end := len(strings.TrimRight(before, " \t\r\n\u00a0"))
	if end == 0 {
		return "", 0, false
	}
	// The candidate words: back to a sentence or clause break.
	var starts []int // word start offsets, nearest first
	k := end
	for len(starts) < maxLongWords && k > 0 {
		// skip separators
		j := k
		for j > 0 {
			r, size := utf8.DecodeLastRuneInString(before[:j])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				break
			}
			if strings.ContainsRune(".;:()[]“”\"", r) {
				j = -1
				break
			}
			j -= size
		}
		if j <= 0 {
			break
		}
		// back over the word (letters, digits, hyphens, apostrophes)
		w := j
		for w > 0 {
			r, size := utf8.DecodeLastRuneInString(before[:w])
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\'' || r == '’' || r == '&') {
				break
			}
			w -= size
		}
		starts = append(starts, w)
		k = w
	}
	// Schwartz–Hearst: match the short form's letters right to left.
	sf := []rune(strings.ToLower(short))
	for n := 1; n <= len(starts); n++ {
		from := starts[n-1]
		lf := before[from:end]
		if matchesShort(sf, []rune(strings.ToLower(lf))) {
			first, _ := utf8.DecodeRuneInString(lf)
			if !unicode.IsUpper(first) {
				return "", 0, false
			}
			return lf, from, true
		}
	}
	return "", 0, false
}

// matchesShort reports whether the letters and digits of sf occur in lf
// in order, right to left, the first one at the start of a word of lf.
func matchesShort(sf, lf []rune) bool {
	s, l := len(sf)-1, len(lf)-1
	for ; s >= 0; s-- {
		c := sf[s]
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			continue
		}
		for l >= 0 && (lf[l] != c || s == firstAlnum(sf) && l > 0 && (unicode.IsLetter(lf[l-1]) || unicode.IsDigit(lf[l-1]))) {
			l--
		}
		if l < 0 {
			return false
		}
		l--
	}
	// The long form must start where the short form's first letter
	// matched: no unmatched words in front.
	for ; l >= 0; l-- {
		if unicode.IsLetter(lf[l]) || unicode.IsDigit(lf[l]) {
			return false
		}
	}
	return true
}

func firstAlnum(sf []rune) int {
	for i, c := range sf {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return i
		}
	}
	return 0
}

// ResolveAcronym returns the entry an acronym's long form names: one whose
// name folds like the long form, or, failing that, the one entry a Match
// of the long form finds covering all of it.
func (g *Gazetteer) ResolveAcronym(a Acronym) (kg.ID, bool) {
	if ids := g.Lookup(a.Long, kg.KindOrganization, kg.KindInstrument, kg.KindState); len(ids) == 1 {
		return ids[0], true
	}
	ms := g.Match(a.Long, Context{Kinds: []kg.Kind{kg.KindOrganization, kg.KindInstrument, kg.KindState}})
	if len(ms) == 1 && ms[0].Start == 0 && ms[0].End >= len(strings.TrimRight(a.Long, ".,; ")) {
		return ms[0].ID, true
	}
	return "", false
}
