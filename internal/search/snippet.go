package search

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// fragmentLen is the length in bytes a text snippet aims at.
const fragmentLen = 200

// highlighter marks in a field's own text the words the query matched. It
// analyses each word of the text as the index analysed it, so "trafficked"
// is marked for a query on "trafficking", and it cuts the text at the
// offsets of the original words: bleve's highlighter used offsets into the
// accent-folded text, which cut "Türkiye" to "<mark>Türkiy</mark>e" and
// split the "é" of "José" in two.
type highlighter struct {
	a        *analysis.DefaultAnalyzer
	terms    map[string]bool // the query's terms, as indexed
	prefixes map[string]bool // their first two bytes: words that cannot match are skipped unanalysed
	starts   []string        // their first three bytes: where in a text a match can begin
}

func newHighlighter(m mapping.IndexMapping, query string) *highlighter {
	a, ok := m.AnalyzerNamed(aText).(*analysis.DefaultAnalyzer)
	if !ok {
		return nil
	}
	h := &highlighter{a: a, terms: map[string]bool{}, prefixes: map[string]bool{}}
	for _, t := range a.Analyze([]byte(query)) {
		h.terms[string(t.Term)] = true
		h.prefixes[prefix2(t.Term)] = true
		h.starts = append(h.starts, string(t.Term[:min(3, len(t.Term))]))
	}
	return h
}

// from returns where in text tokenizing must begin for the matches to be
// found, or -1 when nothing in it can match. A word of ASCII letters
// matches only if it begins with the first letters of a query term
// (stemming keeps them); a word with other letters may fold into one
// ("Türkiye" into "turkiye"), so the first such word is a start too. With
// fuzzy, only the first two letters are kept.
func (h *highlighter) from(text string, fuzzy bool) int {
	first := -1
	for i, r := range text {
		if r >= utf8.RuneSelf && unicode.IsLetter(r) {
			first = i
			break
		}
	}
	lower := asciiLower(text)
	for _, p := range h.starts {
		if fuzzy {
			p = p[:min(2, len(p))]
		}
		end := len(lower)
		if first >= 0 {
			end = min(len(lower), first+len(p))
		}
		if i := strings.Index(lower[:end], p); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	if first <= 0 {
		return first
	}
	return strings.LastIndexAny(text[:first], " \n\t") + 1
}

// asciiLower lower-cases the ASCII letters of s only, so that byte offsets
// stay those of s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func prefix2(b []byte) string {
	if len(b) > 2 {
		b = b[:2]
	}
	return string(b)
}

// term returns the word w as the index analysed it, or "" for a stop word.
func (h *highlighter) term(w []byte) string {
	for _, cf := range h.a.CharFilters {
		w = cf.Filter(w)
	}
	ts := analysis.TokenStream{{Term: w, Position: 1, Type: analysis.AlphaNumeric}}
	for _, tf := range h.a.TokenFilters {
		ts = tf.Filter(ts)
	}
	if len(ts) == 0 {
		return ""
	}
	return string(ts[0].Term)
}

// matches reports whether word, as analysed, is a query term, or with
// fuzzy within one edit of one sharing its first two bytes, as the ranked
// query's fuzzy label match allows.
func (h *highlighter) matches(word []byte, fuzzy bool) bool {
	if ascii(word) {
		// Folding changes nothing and stemming keeps the first two
		// letters: compare them before paying for the analysis.
		if !h.prefixes[prefix2(lower2(word))] {
			return false
		}
	}
	t := h.term(word)
	if t == "" {
		return false
	}
	if h.terms[t] {
		return true
	}
	if fuzzy {
		for q := range h.terms {
			if len(q) >= 2 && len(t) >= 2 && q[:2] == t[:2] && oneEdit(q, t) {
				return true
			}
		}
	}
	return false
}

func ascii(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func lower2(b []byte) []byte {
	out := make([]byte, 0, 2)
	for _, c := range b[:min(2, len(b))] {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out = append(out, c)
	}
	return out
}

// oneEdit reports whether a and b are at most one insertion, deletion or
// substitution apart.
func oneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+min(1, len(a)-i):] == b[i+min(1, len(b)-i):]
	}
	return a[i:] == b[i+1:]
}

// snippet returns the fragment of text around its matches, or false when
// nothing in it matches.
func (h *highlighter) snippet(field, text string, fuzzy bool) (Snippet, bool) {
	marks := h.marks(text, fuzzy)
	if len(marks) == 0 {
		return Snippet{}, false
	}
	// The window of fragmentLen bytes holding the most matches, opening a
	// little before the first of them.
	start, end := 0, len(text)
	if len(text) > fragmentLen {
		best := 0
		for i, m := range marks {
			n := 0
			for _, o := range marks[i:] {
				if o.end-m.start > fragmentLen {
					break
				}
				n++
			}
			if n > best {
				best = n
				start = max(0, m.start-fragmentLen/4)
			}
		}
		end = min(len(text), start+fragmentLen)
		start, end = wordStart(text, start), wordEnd(text, end)
	}
	var parts []Part
	at := start
	for _, m := range marks {
		if m.start < start || m.end > end {
			continue
		}
		if m.start > at {
			parts = append(parts, Part{Text: text[at:m.start]})
		}
		parts = append(parts, Part{Text: text[m.start:m.end], Match: true})
		at = m.end
	}
	if at < end {
		parts = append(parts, Part{Text: text[at:end]})
	}
	if start > 0 {
		parts = append([]Part{{Text: "…"}}, parts...)
	}
	if end < len(text) {
		parts = append(parts, Part{Text: "…"})
	}
	var b strings.Builder
	for _, p := range parts {
		if p.Match {
			b.WriteString("<mark>" + html.EscapeString(p.Text) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(p.Text))
		}
	}
	return Snippet{Field: field, HTML: b.String(), Parts: mergeParts(parts)}, true
}

type span struct{ start, end int }

// chunkLen is how much text is tokenized at a time: a long paragraph is
// read only as far as its first match and a fragment beyond it.
const chunkLen = 512

// marks returns the spans of text's matching words, in order.
func (h *highlighter) marks(text string, fuzzy bool) []span {
	off := h.from(text, fuzzy)
	if off < 0 {
		return nil
	}
	var marks []span
	for off < len(text) {
		// Words never span white space, so a chunk ends at one.
		end := len(text)
		if off+chunkLen < len(text) {
			if j := strings.IndexAny(text[off+chunkLen:], " \n\t"); j >= 0 {
				end = off + chunkLen + j
			}
		}
		for _, t := range h.a.Tokenizer.Tokenize([]byte(text[off:end])) {
			if h.matches(t.Term, fuzzy) {
				marks = append(marks, span{off + t.Start, off + t.End})
			}
		}
		if len(marks) > 0 && end >= marks[0].start+fragmentLen {
			break
		}
		off = end
	}
	return marks
}

// wordStart moves i forward to the start of a word, unless that is far.
func wordStart(s string, i int) int {
	if i == 0 {
		return 0
	}
	if j := strings.IndexAny(s[i:], " \n\t"); j >= 0 && j < 20 {
		return i + j + 1
	}
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}

// wordEnd moves i back to the end of a word, unless that is far.
func wordEnd(s string, i int) int {
	if i >= len(s) {
		return len(s)
	}
	if j := strings.LastIndexAny(s[:i], " \n\t"); j >= 0 && i-j < 20 {
		return j
	}
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// mergeParts joins neighbouring unmatched runs.
func mergeParts(ps []Part) []Part {
	var out []Part
	for _, p := range ps {
		if n := len(out); n > 0 && !out[n-1].Match && !p.Match {
			out[n-1].Text += p.Text
			continue
		}
		out = append(out, p)
	}
	return out
}

// snippets returns n's highlighted fragments, from the fields the index
// holds of it: label, then the first matching alias, then text.
func (h *highlighter) snippets(n kg.Node) []Snippet {
	if h == nil {
		return nil
	}
	e := document(n)
	var out []Snippet
	if s, ok := h.snippet(fLabel, e.label, true); ok {
		out = append(out, s)
	}
	for _, a := range e.aliases {
		if s, ok := h.snippet(fAliases, a, false); ok {
			out = append(out, s)
			break // one name is enough to say why it matched
		}
	}
	if e.text != "" {
		if s, ok := h.snippet(fText, e.text, false); ok {
			out = append(out, s)
		}
	}
	return out
}
