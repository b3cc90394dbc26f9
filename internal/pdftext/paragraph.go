package pdftext

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/report"
)

// assemble runs the pure-Go half of the extraction on poppler's pages.
func assemble(raw []rawPage) *Result {
	res, _ := assembleBody(raw)
	return res
}

// assembleBody is assemble that also returns the physical lines it kept as
// body text, whose every word the logical lines must hold.
func assembleBody(raw []rawPage) (*Result, []*pline) {
	pages := make([][]*pline, len(raw))
	for i, p := range raw {
		pages[i] = buildLines(p, i+1)
	}
	st := measure(pages)
	for i := range pages {
		pages[i] = mergeMarkers(pages[i])
		classify(pages[i], raw[i], st)
	}
	st.measurePages(pages)
	res := &Result{Pages: len(raw)}
	res.Identity, res.Warnings = readIdentity(pages, raw, st)
	var body []*pline
	for _, ls := range pages {
		var page []*pline
		for _, l := range ls {
			if l.Kind == kindBody {
				page = append(page, l)
			}
		}
		body = append(body, tables(page)...)
	}
	a := assembler{st: st, margins: pageMargins(pages, st), dict: vocabulary(body), onPage: map[int][]*pline{}}
	for _, l := range body {
		a.onPage[l.Page] = append(a.onPage[l.Page], l)
	}
	res.Lines = append(a.paragraphs(body), a.footnotes(pages)...)
	return res, body
}

// footnotes returns each page's footnotes as Note lines, after the body:
// page furniture for the reading, but text the document says, kept as
// note parts. A footnote starts at its reference number (a small number
// set apart, or at the start of the line) and goes on to the next.
func (a *assembler) footnotes(pages [][]*pline) []report.Line {
	var out []report.Line
	for _, ls := range pages {
		cur := -1
		for _, l := range byY(ls) {
			t := strings.TrimSpace(l.Text)
			if l.Kind != kindFootnote || t == "" || ruleRe.MatchString(t) {
				continue
			}
			switch {
			case isRefText(strings.ReplaceAll(t, " ", "")):
				out = append(out, report.Line{Text: t, Page: l.Page, Note: true})
				cur = len(out) - 1
			case cur < 0:
				out = append(out, report.Line{Text: t, Page: l.Page, Note: true})
				cur = len(out) - 1
			case isRefText(out[cur].Text):
				out[cur].Text += " " + t
			default:
				out[cur].Text = a.join(out[cur].Text, t)
			}
		}
	}
	kept := out[:0]
	for _, n := range out {
		if !isRefText(strings.ReplaceAll(n.Text, " ", "")) { // a reference number astray in the body
			kept = append(kept, n)
		}
	}
	return kept
}

// margin is the left and right edge of a page's body text.
type margin struct{ left, right float64 }

// pageMargins finds each page's text column: the most common left and right
// edges of its body-size lines (justified lines all end at the right edge).
func pageMargins(pages [][]*pline, st docStats) map[int]margin {
	out := map[int]margin{}
	for i, ls := range pages {
		left, right := map[float64]int{}, map[float64]int{}
		for _, l := range ls {
			if l.Kind == kindBody && math.Abs(l.Size-st.bodyOf(l.Page)) < 0.5 {
				left[math.Round(l.X0)]++
				right[math.Round(l.X1)]++
			}
		}
		out[i+1] = margin{left: argmax(left), right: argmax(right)}
	}
	return out
}

var wordRe = regexp.MustCompile(`[\p{L}][\p{L}\-]*`)

// vocabulary is the set of words (lower-cased) printed inside lines of the
// document, used to decide what a hyphen at a line end is.
func vocabulary(ls []*pline) map[string]bool {
	d := map[string]bool{}
	for _, l := range ls {
		for i, w := range l.Words {
			if i == len(l.Words)-1 {
				continue // a line's last word may be the broken one
			}
			for _, m := range wordRe.FindAllString(w.Text, -1) {
				d[strings.ToLower(m)] = true
			}
		}
	}
	return d
}

type assembler struct {
	onPage  map[int][]*pline // body lines by page
	st      docStats
	margins map[int]margin
	dict    map[string]bool
}

// para is a logical line being built.
type para struct {
	lines               []*pline
	text                string
	break_              bool // a page break fell inside or before it
	gapBefore, gapAfter bool
}

// isBig reports whether a line is set larger than the document's body text.
// The document's size, not the page's, so that a paragraph running onto a
// page of smaller annex text is not taken for a heading there.
func (a *assembler) isBig(l *pline) bool { return l.Size >= 1.1*a.st.body }

func (a *assembler) paragraphs(body []*pline) []report.Line {
	var ps []*para
	var cur *para
	for i, l := range body {
		var prev *pline
		if i > 0 {
			prev = body[i-1]
		}
		newPara, gap := a.startsNew(prev, l)
		if l.Cells != nil || prev != nil && prev.Cells != nil {
			newPara = true // a row of a table stands alone
		}
		if newPara && cur != nil && a.hangsOn(cur.lines[0], body, i) {
			newPara, gap = false, false
		}
		if newPara {
			if cur != nil {
				cur.gapAfter = gap
			}
			cur = &para{lines: []*pline{l}, text: l.Text, gapBefore: gap, break_: prev == nil || prev.Page != l.Page}
			ps = append(ps, cur)
			continue
		}
		if prev.Page != l.Page {
			cur.break_ = true
		}
		cur.lines = append(cur.lines, l)
		cur.text = a.join(cur.text, l.Text)
	}
	if cur != nil {
		cur.gapAfter = true
	}
	return a.lines(ps)
}

// startsNew decides whether l begins a new logical line after prev, and
// whether white space (or a page top) stands between them.
func (a *assembler) startsNew(prev, l *pline) (newPara, gap bool) {
	if prev == nil {
		return true, true
	}
	size := l.Size
	pitch := a.st.pitchOf(size)
	samePage := prev.Page == l.Page
	d := l.Base - prev.Base
	gap = !samePage || d > 1.3*a.st.pitchOf(prev.Size)
	if math.Abs(l.Size-prev.Size) > 0.08*math.Max(l.Size, prev.Size) || a.isBig(l) != a.isBig(prev) {
		// A line set in a fallback font (for "Mārtiņš", an ellipsis) has
		// another size but keeps the paragraph's pitch and margin.
		p := a.st.pitchOf(math.Min(l.Size, prev.Size))
		continues := samePage && d > 0.85*p && d < 1.2*p && !endsTerminal(prev.Text) && l.MarkerGap == 0 &&
			(math.Abs(l.X0-prev.X0) < size || math.Abs(l.X0-prev.TextX) < size) && !a.isBig(prev)
		if !continues {
			return true, gap
		}
		return false, false
	}
	if samePage && math.Abs(d) < sameBaseline*size && l.X0 > prev.X1 {
		return false, false // the rest of the same printed line: a table row, a split heading
	}
	if l.MarkerGap > 0 {
		return true, gap
	}
	if a.isBig(l) { // heading lines: one heading while they follow each other closely and align
		aligned := math.Abs(l.X0-prev.X0) < size || math.Abs(l.X0-prev.TextX) < size ||
			math.Abs((l.X0+l.X1)-(prev.X0+prev.X1)) < 2*size
		return !samePage || d > 1.5*pitch || d < 0 || !aligned, gap
	}
	endsSentence := endsTerminal(prev.Text)
	shortPrev := prev.X1 < a.margins[prev.Page].right-3*size
	if figureRe.MatchString(l.Text) {
		return true, gap
	}
	// A line that stops mid-phrase ("... established the") is continued by
	// the next, whatever its indent: hanging indents set the continuation
	// lines to the right of a paragraph's number.
	// Not on a comma: a resolution's preambular paragraphs end with one.
	continues := !endsSentence && (endsOnLetter(prev.Text) && report.Hangs(prev.Text) || startsLower(l.Text)) &&
		!markerRe.MatchString(l.Words[0].Text)
	if samePage {
		switch {
		case continues && d > 0 && d < 2.5*pitch: // even in a document set with wide line spacing
			return false, false
		case d < -0.5*size || d > 1.3*pitch:
			return true, true
		case markerRe.MatchString(l.Words[0].Text) && len(l.Words) > 1 && endsSentence:
			return true, false
		case l.X0 > prev.TextX+0.6*size && (endsSentence || shortPrev):
			return true, false // first-line indent; after a full line it is a hanging indent
		case endsSentence && shortPrev:
			return true, false
		}
		return false, false
	}
	m := a.margins[l.Page]
	switch {
	case continues:
		return false, true
	case markerRe.MatchString(l.Words[0].Text) && len(l.Words) > 1 && endsSentence:
		return true, true
	case m.left > 0 && l.X0 > m.left+0.6*size:
		return true, true
	case shortPrev:
		return true, true // a paragraph that goes on fills its last line on the page
	}
	return false, true
}

// hangsOn reports whether body[i] continues a numbered paragraph whose
// first line is first, in a document set with wide line spacing: the line
// before it is filled to the margin without ending a sentence, and it is
// set under the text of the numbered line (a hanging indent), as far below
// it as the paragraph's other lines stand apart. startsNew keeps such a
// line apart when the line before ends on a name, not on a word that
// hangs ("... of the Multinational" / "Security Support Mission ...").
func (a *assembler) hangsOn(first *pline, body []*pline, i int) bool {
	l, prev := body[i], body[i-1]
	size := l.Size
	if first.TextX < first.X0+0.5*size || !markerRe.MatchString(first.Words[0].Text) ||
		prev.Page != l.Page || math.Abs(l.X0-first.TextX) > 0.5*size || math.Abs(l.Size-prev.Size) > 0.08*size ||
		endsTerminal(prev.Text) || prev.X1 < a.margins[prev.Page].right-3*size {
		return false
	}
	d := l.Base - prev.Base
	if d <= 0 || d > 2*a.st.pitchOf(size) {
		return false
	}
	// The paragraph's own line spacing: the distance between the lines
	// before or after, where they are its lines too.
	local := 0.0
	if i >= 2 && body[i-2].Page == l.Page && (body[i-2] == first || math.Abs(body[i-2].X0-first.TextX) < 0.5*size) {
		local = prev.Base - body[i-2].Base
	}
	if i+1 < len(body) && body[i+1].Page == l.Page && math.Abs(body[i+1].X0-first.TextX) < 0.5*size {
		if n := body[i+1].Base - l.Base; n > 0 && (local == 0 || n < local) {
			local = n
		}
	}
	return local > 0 && d < 1.15*local
}

func endsOnLetter(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func endsTerminal(s string) bool {
	s = strings.TrimRight(s, "”’\")]*")
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".:;!?", r)
}

var hyphens = "-\u2010\u2011"

// join appends the next physical line of a paragraph to its text. A hyphen
// at the end of a line is kept ("drug-" + "related" → "drug-related"), since
// UN documents are not hyphenated automatically and a line-end hyphen is
// nearly always part of a compound; it is dropped only when the document
// itself prints the joined word elsewhere and never the hyphenated one. A
// soft hyphen is always dropped.
func (a *assembler) join(text, next string) string {
	if next == "" {
		return text
	}
	if strings.HasSuffix(text, "\u00AD") {
		return strings.TrimSuffix(text, "\u00AD") + next
	}
	last, size := utf8.DecodeLastRuneInString(text)
	first, _ := utf8.DecodeRuneInString(next)
	if strings.ContainsRune(hyphens, last) && len(text) > size {
		before, _ := utf8.DecodeLastRuneInString(text[:len(text)-size])
		if (unicode.IsLetter(before) || unicode.IsDigit(before)) && (unicode.IsLetter(first) || unicode.IsDigit(first)) {
			head := lastWord(text[:len(text)-size])
			tail := firstWord(next)
			joined := strings.ToLower(head + tail)
			hyphenated := strings.ToLower(head + "-" + tail)
			if unicode.IsLower(first) && a.dict[joined] && !a.dict[hyphenated] {
				return text[:len(text)-size] + next
			}
			return text + next
		}
	}
	if lw := lastWord(text); (strings.Contains(lw, "://") || strings.HasPrefix(lw, "www.")) && strings.ContainsRune("/._-", last) {
		return text + next // a web address broken across lines
	}
	return text + " " + next
}

func lastWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(hyphens+"./:", r)
	})
	return s[i+1:]
}

func firstWord(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(hyphens, r)
	})
	if i < 0 {
		return s
	}
	return s[:i]
}

var (
	figureRe  = regexp.MustCompile(`^(?:Figure|Table|Map|Chart|Graph|Box|Image|Photo|Annex table)\s+(?:[IVXLC]+|\d+|[A-Z])\b`)
	noHeadRe  = regexp.MustCompile(`^(?:Source|Sources|Note|Notes|Abbreviations?)\s*:`)
	hasWordRe = regexp.MustCompile(`\p{L}{3,}`)
	bulletRe  = regexp.MustCompile(`^[•▪●◦·\x{F0B7}–—-]$`)
)

// lines turns the paragraphs into report.Lines and decides which are
// headings: a line set larger than the body text, or a short line standing
// alone between white space, starting with a capital and not ending as a
// sentence does.
func (a *assembler) lines(ps []*para) []report.Line {
	sizes := map[float64]bool{}
	for _, p := range ps {
		if a.isBig(p.lines[0]) {
			sizes[math.Round(p.lines[0].Size)] = true
		}
	}
	ranked := make([]float64, 0, len(sizes))
	for s := range sizes {
		ranked = append(ranked, s)
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(ranked)))
	level := func(size float64) int {
		for i, s := range ranked {
			if s == math.Round(size) {
				return i + 1
			}
		}
		return len(ranked) + 1
	}
	out := make([]report.Line, 0, len(ps))
	afterFigure := false
	for i, p := range ps {
		text := strings.Join(strings.Fields(strings.ReplaceAll(p.text, "\u00AD", "")), " ")
		if text == "" {
			continue
		}
		first := p.lines[0]
		if first.Cells != nil {
			out = append(out, report.Line{Text: first.Text, Page: first.Page, Break: p.break_, Row: true})
			afterFigure = false
			continue
		}
		ln := report.Line{Text: text, Page: first.Page, Break: p.break_}
		isFig := figureRe.MatchString(text)
		switch {
		case isFig || afterFigure || noHeadRe.MatchString(text) || !hasWordRe.MatchString(text):
		case a.isBig(first) && len(strings.Fields(text)) <= 40 && !startsLower(text):
			ln.Heading, ln.Level = true, level(first.Size)
		case a.standsAlone(p, i, ps):
			ln.Heading, ln.Level = true, level(first.Size)
		}
		afterFigure = isFig
		out = append(out, ln)
	}
	return out
}

// standsAlone is the rule for headings set in the body size: one printed
// line, white space above and below, at the left margin, a capital first,
// short, and not ending in sentence punctuation.
func (a *assembler) standsAlone(p *para, i int, ps []*para) bool {
	if len(p.lines) != 1 || !p.gapBefore || !p.gapAfter {
		return false
	}
	l := p.lines[0]
	words := strings.Fields(p.text)
	if len(words) > 14 || len(p.text) > 110 {
		return false
	}
	t := p.text
	if bulletRe.MatchString(words[0]) {
		return false // a list item
	}
	if l.MarkerGap > 0 || markerRe.MatchString(words[0]) && len(words) > 1 {
		t = strings.TrimSpace(strings.TrimPrefix(t, words[0]))
	}
	r, _ := utf8.DecodeRuneInString(t)
	if !unicode.IsUpper(r) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(p.text, "*"))
	if strings.ContainsRune(".,;:", last) {
		return false
	}
	m := a.margins[l.Page]
	if m.left > 0 && math.Abs(l.X0-m.left) > 1.5*l.Size && l.X0 > m.left {
		// Indented lines are headings only when centred on the column.
		if math.Abs((l.X0+l.X1)/2-(m.left+m.right)/2) > 2*l.Size {
			return false
		}
	}
	// A short line beside others on its baseline is a table cell, and so is
	// one between table rows.
	for _, o := range a.onPage[l.Page] {
		if o != l && math.Abs(o.Base-l.Base) < sameBaseline*l.Size {
			return false
		}
	}
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(ps) || ps[j].lines[0].Page != l.Page {
			continue
		}
		q := ps[j]
		if isTabular(q.lines[0]) {
			return false
		}
		// A run of short unpunctuated lines at one indent is a list (of
		// speakers, of organizations), not a row of headings.
		if len(q.lines) <= 3 && math.Abs(q.lines[0].X0-l.X0) < 2 && !endsTerminal(q.text) &&
			!a.isBig(q.lines[0]) && len(q.text) <= 300 {
			return false
		}
	}
	return !isTabular(l)
}

// isTabular reports whether a printed line looks like a table row: wide
// gaps between its words, or mostly numbers.
func isTabular(l *pline) bool {
	nums := 0
	for i, w := range l.Words {
		if i > 0 && w.X0-l.Words[i-1].X1 > 1.5*l.Size && !(i == 1 && l.MarkerGap > 0) {
			return true
		}
		if strings.IndexFunc(w.Text, unicode.IsLetter) < 0 {
			nums++
		}
	}
	return nums*2 > len(l.Words)
}
