package report

import (
	"regexp"
	"strings"
)

// This file turns `pdftotext` output into rough Lines, standing in for
// package pdftext while the rules for PDFs are developed. It does what
// pdftext promises, crudely: running headers, footers and footnotes go,
// a paragraph cut by a page break is joined, and a block ends at a blank
// line, at a short line or where a new number starts.

var (
	roughStartRe  = regexp.MustCompile(`^(?:\d{1,3}\.(?:\s|$)|\([a-z]{1,4}\)|[IVXL]+\.$|[A-Z]\.$|Chapter [IVXL]+$|(?:Draft (?:resolution|decision)|Resolution|Decision) (?:\d+/\d+|[IVXL]+)$)`)
	capBareRe     = regexp.MustCompile(`^[A-Z]\.$`)
	sentenceEndRe = regexp.MustCompile(`[.;:]\s*\d{0,3}$`)
	roughFooterRe = regexp.MustCompile(`^(?:\d{1,3}|[ivx]{1,4}|\d{1,3}/\d{1,3}|\d{2}-\d{5}(?:\s*\(E\))?|\d{6}|\*\d+\*)$`)
)

// roughLines splits pdftotext's text (pages separated by form feeds) into
// Lines, one per block.
func roughLines(txt string) []Line {
	var (
		out     []Line
		cur     []string
		curPage int
	)
	flush := func() {
		if len(cur) > 0 {
			out = append(out, Line{Text: strings.Join(cur, " "), Page: curPage})
			cur = nil
		}
	}
	for pi, page := range strings.Split(txt, "\f") {
		lines := strings.Split(page, "\n")
		for i, l := range lines { // footnotes run from the rule to the end of the page
			if strings.HasPrefix(strings.TrimSpace(l), "_____") {
				lines = lines[:i]
				break
			}
		}
		var body []string
		for _, l := range lines {
			s := strings.TrimSpace(l)
			if roughFooterRe.MatchString(s) || pi > 0 && allSymbols(strings.Fields(s)) {
				continue
			}
			body = append(body, s)
		}
		for len(body) > 0 && body[0] == "" {
			body = body[1:]
		}
		for len(body) > 0 && body[len(body)-1] == "" {
			body = body[:len(body)-1]
		}
		for i, s := range body {
			if s == "" {
				flush()
				continue
			}
			newUnit := roughStartRe.MatchString(s) || captionRe.MatchString(s)
			// A short title-like line after the end of a sentence, before a
			// numbered line, is a heading: pdftext knows it from its font.
			if !newUnit && len(s) < 90 && headingLike(s) && startsUpper(s) && len(cur) > 0 &&
				sentenceEndRe.MatchString(cur[len(cur)-1]) && i+1 < len(body) && roughStartRe.MatchString(body[i+1]) {
				flush()
			}
			if i == 0 && len(cur) > 0 && (newUnit || !startsLower(s) && endsSentence(cur[len(cur)-1])) {
				flush()
			}
			if newUnit {
				flush()
			}
			if len(cur) == 0 {
				curPage = pi + 1
			}
			cur = append(cur, s)
			// The lines of a chapter's or part's title run on to its first paragraph.
			if (strings.HasPrefix(cur[0], "Chapter ") || len(out) > 0 && capBareRe.MatchString(out[len(out)-1].Text) && !roughStartRe.MatchString(cur[0])) &&
				i+1 < len(body) && body[i+1] != "" && !roughStartRe.MatchString(body[i+1]) {
				continue
			}
			if len(s) < 60 && !strings.HasSuffix(s, "-") || roughStartRe.MatchString(s) && len(s) < 8 {
				flush()
			}
		}
	}
	flush()
	return out
}
