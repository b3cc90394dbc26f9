package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// token is a word of a text: a run of letters and digits (combining marks
// included), or a single Han, Hiragana or Katakana character, since those
// scripts write no spaces between words. fold is the word as kg.Fold folds
// it (accents stripped, lower case), so a name indexed under its folded
// words is found whatever its case and accents; start and end are byte
// offsets into the text, so every match maps back to the original bytes.
type token struct {
	start, end int
	fold       string
}

// tokenize splits text into tokens. Everything that is not a word
// character separates tokens, exactly as kg.Fold turns it into a space.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/6)
	start := -1
	ascii := true
	flush := func(end int) {
		if start >= 0 {
			toks = append(toks, token{start: start, end: end, fold: foldWord(text[start:end], ascii)})
			start = -1
		}
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				if start < 0 {
					start, ascii = i, true
				}
			} else {
				flush(i)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isIdeograph(r):
			flush(i)
			toks = append(toks, token{start: i, end: i + size, fold: text[i : i+size]})
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if start < 0 {
				start = i
			}
			ascii = false
		default:
			flush(i)
		}
		i += size
	}
	flush(len(text))
	return toks
}

func isIdeograph(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// foldWord folds one word the way kg.Fold does: decomposed, combining
// marks dropped, lower-cased. The ASCII path allocates only when the word
// has an upper-case letter.
func foldWord(w string, ascii bool) string {
	if ascii {
		for i := 0; i < len(w); i++ {
			if 'A' <= w[i] && w[i] <= 'Z' {
				return strings.ToLower(w)
			}
		}
		return w
	}
	if norm.NFD.QuickSpanString(w) == len(w) {
		// Already decomposed (most Cyrillic, Arabic, Greek words): no
		// marks to strip unless there are some, and no copy to make.
		hasMark := false
		for _, r := range w {
			if unicode.Is(unicode.Mn, r) {
				hasMark = true
				break
			}
		}
		if !hasMark {
			return strings.ToLower(w)
		}
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// words splits a name into its raw words (as written) and folded words,
// with the same rules as tokenize, and classifies the gaps between them.
// raw and fold share one allocation.
func words(name string, toks []token) (raw, fold []string, gaps []uint8) {
	n := len(toks)
	both := make([]string, 2*n)
	raw, fold = both[:n:n], both[n:]
	gaps = make([]uint8, 0, n)
	for i, t := range toks {
		raw[i] = name[t.start:t.end]
		fold[i] = t.fold
		if i > 0 {
			gaps = append(gaps, gapClass(name[toks[i-1].end:t.start]))
		}
	}
	return raw, fold, gaps
}

// The classes of the text between two words. A name matches text whose
// gaps are of the same class as its own or a lower one, so a name never
// spans a full stop or a parenthesis it does not have itself, while
// "Netherlands (Kingdom of the)" still matches as written.
const (
	gapSpace uint8 = iota // white space, a hyphen, an apostrophe, a slash
	gapComma              // a comma
	gapOther              // any other punctuation, or a paragraph break
)

func gapClass(s string) uint8 {
	if strings.Contains(strings.ReplaceAll(s, "\r", ""), "\n\n") {
		return gapOther
	}
	class := gapSpace
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\u00a0', '-', '\u00ad', '\u2010', '\u2011', '\'', '\u2019', '/':
		case ',':
			class = max(class, gapComma)
		default:
			return gapOther
		}
	}
	return class
}

// caseRule is what a word of a name asks of the word it is matched to.
type caseRule uint8

const (
	caseAny     caseRule = iota // any case: "Trafficking", "trafficking", "TRAFFICKING"
	caseInitial                 // a capital or a digit first: "Chad" matches "Chad" and "CHAD", not "chad"
	caseExact                   // the very letters: "OAS" matches "OAS" only
)

// caseOK reports whether the text word w satisfies rule against the name
// word want.
func caseOK(rule caseRule, w, want string) bool {
	switch rule {
	case caseExact:
		return w == want
	case caseInitial:
		// A capital (or a digit, or a script without case) first, and
		// no capital after a small letter: "Congo", "CONGO", "NGOs",
		// but not "CoNGO", which is another word.
		r, _ := utf8.DecodeRuneInString(w)
		return !unicode.IsLower(r) && !isCamel(w)
	}
	return true
}

// hasLower reports whether s has a lower-case letter.
func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// isCamel reports whether a word has a capital after a lower-case letter
// ("InSight", "GenJust"): such a word is matched as written.
func isCamel(w string) bool {
	lower := false
	for _, r := range w {
		if unicode.IsLower(r) {
			lower = true
		} else if unicode.IsUpper(r) && lower {
			return true
		}
	}
	return false
}

// startsUpper reports whether s starts with an upper-case letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
