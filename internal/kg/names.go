package kg

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold turns a name into the form under which aliases are indexed and
// looked up: accents stripped, case folded, punctuation turned into single
// spaces, and a leading "the" dropped, so that "Türkiye", "Turkiye" and
// "TURKIYE" meet, and "the Dominican Republic" finds "Dominican Republic".
// A trailing "(the)", as UNTERM writes "Netherlands (the)", is dropped too.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii { // decompose "ü" into "u" + combining diaeresis, dropped below
		s = norm.NFD.String(s)
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r): // combining accent: drop
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	out := b.String()
	out = strings.TrimPrefix(out, "the ")
	out = strings.TrimSuffix(out, " the")
	return out
}

// Slug makes a lower-case, hyphenated key of at most max bytes from a title,
// cut at a word boundary. It is used for entities with no code of their own.
func Slug(s string, max int) string {
	words := strings.Fields(strings.ReplaceAll(Fold(s), "/", " "))
	var b strings.Builder
	for _, w := range words {
		if b.Len() > 0 && b.Len()+1+len(w) > max {
			break
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	out := b.String()
	if len(out) > max {
		out = out[:max]
	}
	return out
}

// stopwords are left out of keys made from titles and names.
var stopwords = map[string]bool{
	"a": true, "an": true, "and": true, "at": true, "by": true, "for": true, "from": true,
	"held": true, "in": true, "of": true, "on": true, "the": true, "to": true, "report": true,
}

// KeySlug is Slug without the function words that make keys long: "Report of
// the Latin American and Caribbean Regional Preparatory Meeting ..." gives
// "latin-american-caribbean-regional-preparatory-meeting-...".
func KeySlug(s string, max int) string {
	var words []string
	for _, w := range strings.Fields(strings.ReplaceAll(Fold(s), "/", " ")) {
		if !stopwords[w] {
			words = append(words, w)
		}
	}
	return Slug(strings.Join(words, " "), max)
}

// CompareRefs orders paragraph refs naturally: "2" < "10" < "10(a)" <
// "10(b)" < "11". Numbers compare as numbers, Roman sub-items as numbers
// within their level, everything else as text.
func CompareRefs(a, b string) int {
	pa, pb := splitRef(a), splitRef(b)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if c := compareRefPart(pa[i], pb[i], i); c != 0 {
			return c
		}
	}
	return len(pa) - len(pb)
}

// splitRef splits "66(k)(ii)" into ["66", "k", "ii"].
func splitRef(r string) []string {
	return strings.FieldsFunc(r, func(c rune) bool { return c == '(' || c == ')' })
}

func compareRefPart(a, b string, level int) int {
	na, ea := strconv.Atoi(a)
	nb, eb := strconv.Atoi(b)
	if ea == nil && eb == nil {
		return na - nb
	}
	if level >= 2 { // third level: (i), (ii), ... are Roman numerals
		if ra, rb := RomanValue(a), RomanValue(b); ra > 0 && rb > 0 {
			return ra - rb
		}
	}
	if hasDigit(a) && hasDigit(b) { // "p3-2" < "p10", "op9" < "op10"
		return naturalCompare(a, b)
	}
	if len(a) != len(b) { // (z) < (aa)
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// naturalCompare compares runs of digits as numbers and the rest as text.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		ra, rb := leadingRun(a), leadingRun(b)
		na, ea := strconv.Atoi(ra)
		nb, eb := strconv.Atoi(rb)
		switch {
		case ea == nil && eb == nil && na != nb:
			return na - nb
		case ea != nil || eb != nil:
			if c := strings.Compare(ra, rb); c != 0 {
				return c
			}
		}
		a, b = a[len(ra):], b[len(rb):]
	}
	return len(a) - len(b)
}

// leadingRun returns the leading run of digits or of non-digits of s.
func leadingRun(s string) string {
	digit := s[0] >= '0' && s[0] <= '9'
	i := 1
	for i < len(s) && (s[i] >= '0' && s[i] <= '9') == digit {
		i++
	}
	return s[:i]
}

// RomanValue returns the value of a lower- or upper-case Roman numeral up to
// 3999, or 0 when s is not one.
func RomanValue(s string) int {
	vals := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100, 'd': 500, 'm': 1000}
	s = strings.ToLower(s)
	total, prev := 0, 0
	for i := len(s) - 1; i >= 0; i-- {
		v, ok := vals[s[i]]
		if !ok {
			return 0
		}
		if v < prev {
			total -= v
		} else {
			total += v
			prev = v
		}
	}
	if total <= 0 || total > 3999 || strings.ToLower(ToRoman(total)) != s {
		return 0
	}
	return total
}

// ToRoman writes n (1..3999) as an upper-case Roman numeral.
func ToRoman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// SortKey is the key under which nodes of one kind are listed: the label
// folded, with every run of digits zero-padded so that "para. 9" sorts
// before "para. 10". Document parts sort by document, then by ref.
func SortKey(n Node) string {
	base := Fold(n.Label)
	if ref := n.Prop(PropRef); ref != "" {
		base = n.Prop(PropDocument) + " " + ref
	}
	var b strings.Builder
	digits := ""
	flush := func() {
		if digits != "" {
			b.WriteString(strings.Repeat("0", max(0, 8-len(digits))))
			b.WriteString(digits)
			digits = ""
		}
	}
	for _, r := range base {
		if r >= '0' && r <= '9' {
			digits += string(r)
			continue
		}
		flush()
		b.WriteRune(r)
	}
	flush()
	return b.String()
}
