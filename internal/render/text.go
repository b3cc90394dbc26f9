package render

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Text reaches a diagram in exactly two ways, and each has one escaper:
//
//   - labels are HTML-like labels (<...>), written by htmlText: &, <, >
//     and quotes become entities, so no markup gets through;
//   - tooltips, links and style values are quoted escStrings ("..."),
//     written by quote: quotes are escaped and line breaks become spaces.
//
// In both, Graphviz still expands \N, \G, \E, \T, \H and \L (node, graph,
// edge, tail, head and label names), even after an entity (&#92;N) or a
// doubled backslash (\\N). The one spelling it leaves alone is a backslash
// followed by U+2060 WORD JOINER, which is invisible, so every backslash
// is written that way (doubled inside escStrings, where Graphviz removes
// one). This also keeps a backslash from ever standing before a quote,
// which Graphviz's own DOT writer would fail to escape.
//
// Node names in the DOT are generated ("n0", "n1", ...), so no user text
// ever appears outside these two contexts.

// wordJoiner follows every backslash written into a DOT string.
const wordJoiner = "\u2060"

// clean turns arbitrary text into a single paragraph of printable UTF-8:
// invalid bytes become U+FFFD, control characters become spaces, runs of
// white space collapse to one space.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			space = b.Len() > 0
			continue
		}
		// Bidirectional overrides can make a label read differently from
		// its bytes; drop them.
		if r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069' {
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// htmlText escapes text for an HTML-like label.
func htmlText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		case '[', ']':
			// Native Graphviz 2.42 refuses an element holding a bare "]".
			fmt.Fprintf(&b, "&#%d;", r)
		case '\\':
			b.WriteString("\\" + wordJoiner)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// htmlLines escapes each line and joins them with <BR/>; align is the
// BR's ALIGN ("" for centred).
func htmlLines(lines []string, align string) string {
	br := "<BR/>"
	if align != "" {
		br = `<BR ALIGN="` + align + `"/>`
	}
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteString(br)
		}
		b.WriteString(htmlText(l))
	}
	if align != "" && len(lines) > 0 {
		b.WriteString(br) // ALIGN applies to the line a BR ends
	}
	return b.String()
}

// quote writes s as a DOT quoted string that is also a safe escString:
// quotes are escaped, each backslash is written as \\ and a word joiner
// (see above), and line breaks and other control characters become
// spaces, so Graphviz expands nothing.
func quote(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\` + wordJoiner)
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// safeURL reports whether a link may appear in a diagram: a path on this
// host ("/entity?id=..."), or an absolute http(s) URL. Scheme-relative
// ("//host"), javascript:, data: and every other scheme are refused.
func safeURL(u string) bool {
	if u == "" || strings.ContainsAny(u, "\"\\<>\x00\n\r\t ") {
		return false
	}
	switch {
	case strings.HasPrefix(u, "//"):
		return false
	case strings.HasPrefix(u, "/"):
		return true
	}
	lu := strings.ToLower(u)
	return strings.HasPrefix(lu, "https://") || strings.HasPrefix(lu, "http://")
}

// wrap breaks text into at most maxLines lines of at most width runes,
// at spaces where it can; text that does not fit ends with "…".
func wrap(text string, width, maxLines int) []string {
	words := strings.Fields(clean(text))
	var lines []string
	var cur []rune
	truncated := false
	for wi := 0; wi < len(words); wi++ {
		w := []rune(words[wi])
		for len(w) > width { // a word longer than a line: hard split
			if len(cur) > 0 {
				lines = append(lines, string(cur))
				cur = nil
			}
			lines = append(lines, string(w[:width]))
			w = w[width:]
		}
		switch {
		case len(cur) == 0:
			cur = w
		case len(cur)+1+len(w) <= width:
			cur = append(append(cur, ' '), w...)
		default:
			lines = append(lines, string(cur))
			cur = w
		}
		if len(lines) >= maxLines {
			truncated = true
			break
		}
	}
	if len(cur) > 0 && len(lines) < maxLines {
		lines = append(lines, string(cur))
	} else if len(cur) > 0 {
		truncated = true
	}
	if len(lines) > maxLines {
		lines = lines[:maxLines]
		truncated = true
	}
	if truncated && len(lines) > 0 {
		last := []rune(lines[len(lines)-1])
		if len(last) >= width {
			last = last[:width-1]
		}
		lines[len(lines)-1] = strings.TrimRight(string(last), " ,;:.") + "…"
	}
	return lines
}

// excerpt returns the start of text, at most n runes, cut at a word
// boundary and ended with "…" when shortened.
func excerpt(text string, n int) string {
	t := clean(text)
	if utf8.RuneCountInString(t) <= n {
		return t
	}
	r := []rune(t)[:n]
	if i := strings.LastIndexByte(string(r), ' '); i > n/2 {
		return strings.TrimRight(string(r)[:i], " ,;:.") + "…"
	}
	return string(r) + "…"
}

// Humanize turns an edge kind into the words drawn on an edge:
// ADDRESSED_TO becomes "addressed to".
func Humanize(k kg.EdgeKind) string {
	return strings.ToLower(strings.ReplaceAll(string(k), "_", " "))
}

// kindName is how a node kind reads in a legend: "Crime type".
func kindName(k kg.Kind) string {
	s := string(k)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && unicode.IsUpper(r) {
			b.WriteByte(' ')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
