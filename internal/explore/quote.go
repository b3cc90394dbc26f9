package explore

import (
	"strings"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Quote is a paragraph's text split around the words an evidence points
// at, so that clients need not handle byte offsets.
type Quote struct {
	Before, Match, After string
	// Whole is true when the evidence is the whole paragraph.
	Whole bool
}

// QuoteEvidence splits a paragraph's text around an evidence's offsets,
// keeping at most around runes on each side, cut at a word ("…" marks the
// cut); around < 0 keeps all. Offsets out of range, or an empty span,
// quote the whole paragraph.
func QuoteEvidence(text string, ev kg.Evidence, around int) Quote {
	start, end := ev.Start, ev.End
	whole := start == end
	if whole || start < 0 || end > len(text) || start > end {
		start, end, whole = 0, len(text), true
	}
	// Offsets come from ingestion; never split a UTF-8 sequence.
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	q := Quote{Before: text[:start], Match: text[start:end], After: text[end:], Whole: whole}
	if around >= 0 {
		q.Before = trimLeft(q.Before, around)
		q.After = trimRight(q.After, around)
	}
	return q
}

// trimLeft keeps at most n runes of the end of s, starting at a word.
func trimLeft(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	if i == 0 {
		return s
	}
	cut := s[i:]
	if j := strings.IndexByte(cut, ' '); j >= 0 && j < len(cut)-1 {
		cut = cut[j+1:]
	}
	return "…" + cut
}

// trimRight keeps at most n runes of the start of s, ending at a word.
func trimRight(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if i == len(s) {
		return s
	}
	cut := s[:i]
	if j := strings.LastIndexByte(cut, ' '); j > 0 {
		cut = cut[:j]
	}
	return cut + "…"
}
