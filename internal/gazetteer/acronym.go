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
// found much as Schwartz and Hearst do (A Simple Algorithm for Identifying
// Abbreviation Definitions in Biomedical Text, 2003): the shortest run of
// preceding words, within the clause, that starts with the short form's
// first letter and holds its other letters in order. The long form must
// start with a capital, so that "internally displaced persons (IDPs)" is
// passed over: only names are wanted. Acronyms of another language than
// their long form's ("Latin American Institute ... (ILANUD)") are not
// found; the gazetteer lists the known ones.
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
			if strings.ContainsRune(".;:()[]“”\"/", r) || r == '\n' && j >= 2 && before[j-2] == '\n' {
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
	// Schwartz–Hearst: the shortest window of words that starts with a
	// capital and with the short form's first letter, and holds its other
	// letters in order.
	sf := []rune(strings.ToLower(short))
	for n := 1; n <= len(starts); n++ {
		from := starts[n-1]
		lf := before[from:end]
		if first, _ := utf8.DecodeRuneInString(lf); !unicode.IsUpper(first) {
			continue
		}
		if matchesShort(sf, []rune(strings.ToLower(lf))) {
			return lf, from, true
		}
	}
	return "", 0, false
}

// matchesShort reports whether lf starts with the first letter of sf and
// holds its other letters and digits in order after it. Matching right to
// left, taking the rightmost occurrence each time, finds an assignment
// whenever one exists.
func matchesShort(sf, lf []rune) bool {
	f := firstAlnum(sf)
	if len(lf) == 0 || lf[0] != sf[f] {
		return false
	}
	l := len(lf) - 1
	for s := len(sf) - 1; s > f; s-- {
		c := sf[s]
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			continue
		}
		for l > 0 && lf[l] != c {
			l--
		}
		if l <= 0 {
			return false
		}
		l--
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
// name folds like the long form; failing that, the one entry a Match of
// the long form finds covering all of it; failing that, the entry the
// short form is a known name of, if a Match of the long form finds it too
// ("UN Office on Drugs and Crime (UNODC)"). An unknown organization gives
// false: the caller may create one.
func (g *Gazetteer) ResolveAcronym(a Acronym) (kg.ID, bool) {
	kinds := []kg.Kind{kg.KindOrganization, kg.KindInstrument, kg.KindState}
	if ids := g.Lookup(a.Long, kinds...); len(ids) == 1 {
		return ids[0], true
	}
	ms := g.Match(a.Long, Context{Kinds: kinds})
	if len(ms) == 1 && ms[0].Start == 0 && ms[0].End >= len(strings.TrimRight(a.Long, ".,; ")) {
		return ms[0].ID, true
	}
	if ids := g.Lookup(a.Short, kinds...); len(ids) == 1 {
		for _, m := range ms {
			if m.ID == ids[0] {
				return m.ID, true
			}
		}
		// A long form read short of its first words: "Studies and Research
		// Centre" of "Scientific Studies and Research Centre (SSRC)".
		if n, ok := g.Node(ids[0]); ok && len(a.Long) > 8 && strings.HasSuffix(kg.Fold(n.Label), " "+kg.Fold(a.Long)) {
			return ids[0], true
		}
	}
	return "", false
}
