package pdftext

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/docrules"
)

// lineKind says what a physical line is; only kindBody lines reach the
// output.
type lineKind int

const (
	kindBody     lineKind = iota
	kindHeader            // running header: the document symbol at the page top
	kindFooter            // page number, job number, date code, barcode
	kindFootnote          // below the footnote rule, or a stray reference number
	kindTOC               // table of contents
	kindMasthead          // cover-page items read into the Identity
)

// pline is a physical line after word-level cleaning.
type pline struct {
	box
	Page      int // 1-based
	Block     int
	Words     []word
	Base      float64 // bottom of the dominant words: the baseline plus descent
	Size      float64 // height of the dominant words: about 1.1 × the font size
	TextX     float64 // left edge of the text after a leading marker
	MarkerGap float64 // white space after a leading marker; 0 when there is none
	Text      string
	Kind      lineKind
	Cells     []string // a row of a table of delegations put back together (table.go): its text column by column
}

// Geometry thresholds, as fractions of the line's word height (about 1.1 ×
// the font size). Measured on the corpus, see docs/pdf-extraction.md.
const (
	supMaxSize   = 0.8   // a superscript is smaller than this …
	supMinRaise  = 0.15  // … and its baseline higher than this
	splitWordGap = 0.145 // words closer than this are one word cut by the PDF producer (real spaces measure ≥ 0.150)
	tabGap       = 0.9   // a gap this wide after a marker is a tab, as after a paragraph number
	sameBaseline = 0.3
	headerZone   = 0.14 // running headers lie in the top 14% of the page
	footerZone   = 0.86 // footers in the bottom 14%
	ruleMinY     = 0.3  // a footnote rule lies below 30% of the page height
)

var (
	markerRe  = regexp.MustCompile(`^(?:\d{1,3}\.(?:\d{1,2}\.?)?|\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3})\)|[a-z]\)|\d{1,3}\)|[A-Z]\.|[IVXLC]{1,6}\.|[•▪●◦·\x{F0B7}]|[–—-])$`)
	ruleRe    = regexp.MustCompile(`^_{5,}$`)
	leaderRe  = regexp.MustCompile(`(?:\.\s?){5,}|…{2,}`)
	symbolRe  = docrules.HeaderSymbolRe
	symLineRe = docrules.HeaderLineRe
)

// ligatures maps the presentation forms some producers leave in text.
var ligatures = strings.NewReplacer("\uFB00", "ff", "\uFB01", "fi", "\uFB02", "fl", "\uFB03", "ffi", "\uFB04", "ffl", "\uFB05", "st", "\uFB06", "st",
	"\u00A0", " ", "\u2009", " ", "\u202F", " ")

// buildLines turns poppler's lines into plines: superscript reference
// numbers are dropped, words cut in two by the producer are rejoined.
func buildLines(p rawPage, pageNo int) []*pline {
	out := make([]*pline, 0, len(p.Lines))
	for _, rl := range p.Lines {
		ws := make([]word, 0, len(rl.Words))
		for _, w := range rl.Words {
			t := cleanText(w.Text)
			if t == "" {
				continue
			}
			w.Text = t
			ws = append(ws, w)
		}
		if len(ws) == 0 {
			continue
		}
		size, base := dominant(ws)
		kept := ws[:0]
		for _, w := range ws {
			if isSuperscriptRef(w, size, base) {
				continue
			}
			kept = append(kept, w)
		}
		ws = joinSplitWords(kept)
		if len(ws) == 0 {
			continue
		}
		l := &pline{Page: pageNo, Block: rl.Block, Words: ws}
		l.refresh()
		out = append(out, l)
	}
	return out
}

// refresh recomputes a line's box, size, text and marker from its words.
func (l *pline) refresh() {
	ws := l.Words
	l.box = ws[0].box
	var b strings.Builder
	for i, w := range ws {
		l.X0, l.Y0 = math.Min(l.X0, w.X0), math.Min(l.Y0, w.Y0)
		l.X1, l.Y1 = math.Max(l.X1, w.X1), math.Max(l.Y1, w.Y1)
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.Text)
	}
	l.Text = b.String()
	l.Size, l.Base = dominant(ws)
	l.TextX, l.MarkerGap = l.X0, 0
	if len(ws) > 1 && markerRe.MatchString(ws[0].Text) {
		l.TextX = ws[1].X0
		if gap := ws[1].X0 - ws[0].X1; gap > tabGap*l.Size {
			l.MarkerGap = gap
		}
	}
}

func cleanText(s string) string {
	s = ligatures.Replace(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u00AD': // a soft hyphen inside a line is invisible
			return -1
		case unicode.IsControl(r), r == '\uFFFD', r >= '\uE000' && r <= '\uF8FF' && r != '\uF0B7':
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

// dominant returns the word height that carries most characters, and the
// median bottom of the words of that height.
func dominant(ws []word) (size, base float64) {
	weight := map[float64]int{}
	for _, w := range ws {
		weight[round1(w.height())] += len(w.Text)
	}
	best := -1
	for h, n := range weight {
		if n > best || n == best && h > size {
			size, best = h, n
		}
	}
	var bottoms []float64
	for _, w := range ws {
		if math.Abs(round1(w.height())-size) < 0.05 {
			bottoms = append(bottoms, w.Y1)
		}
	}
	sort.Float64s(bottoms)
	return size, bottoms[len(bottoms)/2]
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// baseline estimates a word's baseline: poppler's box bottom is the
// baseline plus the font's descent, about a fifth of the box height.
func baseline(bottom, height float64) float64 { return bottom - 0.2*height }

// isSuperscriptRef reports whether w is a footnote reference: a number (or
// a run of them, or an asterisk or dagger) set smaller than the line and
// raised above its baseline. Telling them by geometry, not by text, keeps
// real numbers such as "2692 (2023)" or "150 people" safe.
func isSuperscriptRef(w word, size, base float64) bool {
	h := w.height()
	if h >= supMaxSize*size {
		return false
	}
	if baseline(w.Y1, h) > baseline(base, size)-supMinRaise*size {
		return false
	}
	return isRefText(w.Text)
}

func isRefText(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == ',' || r == '*' || r == '†' || r == '‡' || r == '-' || r == '–') {
			return false
		}
	}
	return true
}

// joinSplitWords rejoins words that the producer cut in two ("e volution",
// "inte r-factional", "Port -au-"). Over the 35 corpus PDFs the gaps between
// words of one size, divided by the word height, fall in two groups: cuts
// at 0.06–0.146 and real spaces from 0.150 up (narrowest after a closing
// quote), so a gap under splitWordGap on one baseline is no space. A
// possessive "’s" and CJK characters join up to 0.2.
func joinSplitWords(ws []word) []word {
	if len(ws) < 2 {
		return ws
	}
	out := []word{ws[0]}
	for _, w := range ws[1:] {
		last := &out[len(out)-1]
		h := math.Min(last.height(), w.height())
		gap := w.X0 - last.X1
		limit := splitWordGap
		if startsPossessive(w.Text) || isCJK(lastRune(last.Text)) && isCJK(firstRune(w.Text)) {
			limit = 0.2
		}
		if gap < limit*h && gap > -0.5*h &&
			math.Abs(baseline(last.Y1, last.height())-baseline(w.Y1, w.height())) < 0.25*h &&
			!markerRe.MatchString(last.Text) {
			last.Text += w.Text
			last.X1 = math.Max(last.X1, w.X1)
			last.Y0, last.Y1 = math.Min(last.Y0, w.Y0), math.Max(last.Y1, w.Y1)
			continue
		}
		out = append(out, w)
	}
	return out
}

func startsPossessive(s string) bool {
	return strings.HasPrefix(s, "’s") || strings.HasPrefix(s, "'s")
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// docStats are measurements over the whole document.
type docStats struct {
	body     float64             // word height of the body text
	pageBody map[int]float64     // the same, page by page, where a page has enough text to tell
	pitch    map[float64]float64 // usual distance between baselines, by word height
}

// bodyOf is the body text size of a page: a letter in 10 pt may carry an
// annex in 12 pt, so headings are judged against their own page.
func (st docStats) bodyOf(page int) float64 {
	if b, ok := st.pageBody[page]; ok {
		return b
	}
	return st.body
}

func measure(pages [][]*pline) docStats {
	chars := map[float64]int{}
	gaps := map[float64]map[float64]int{}
	for _, ls := range pages {
		for i, l := range ls {
			chars[l.Size] += len(l.Text)
			if i == 0 {
				continue
			}
			prev := ls[i-1]
			d := l.Base - prev.Base
			if prev.Block == l.Block && prev.Size == l.Size && d > 0.5*l.Size && d < 3*l.Size {
				if gaps[l.Size] == nil {
					gaps[l.Size] = map[float64]int{}
				}
				gaps[l.Size][math.Round(d*2)/2]++
			}
		}
	}
	st := docStats{pitch: map[float64]float64{}, pageBody: map[int]float64{}}
	st.body = argmax(chars)
	for size, g := range gaps {
		st.pitch[size] = argmax(g)
	}
	if st.body == 0 {
		st.body = 11
	}
	return st
}

// measurePages sets each page's body size from its body lines of some
// length, once headers, footers and footnotes are known: a page of chart
// labels or footnotes says nothing about its body text, and a long title
// set large is no body text either.
func (st *docStats) measurePages(pages [][]*pline) {
	for i, ls := range pages {
		local, n := map[float64]int{}, 0
		for _, l := range ls {
			if l.Kind == kindBody && len(l.Text) >= 40 && l.Size <= 1.05*st.body {
				local[l.Size] += len(l.Text)
				n += len(l.Text)
			}
		}
		if n >= 150 {
			st.pageBody[i+1] = argmax(local)
		}
	}
}

func argmax(m map[float64]int) float64 {
	var best float64
	n := -1
	for k, v := range m {
		if v > n || v == n && k < best {
			best, n = k, v
		}
	}
	return best
}

// pitchOf is the usual baseline distance of lines of height size.
func (st docStats) pitchOf(size float64) float64 {
	if p, ok := st.pitch[size]; ok && p >= 0.9*size {
		return p
	}
	return 1.1 * size
}

// mergeMarkers joins a paragraph number or item letter that poppler put on
// a line of its own ("1." then "The present report …") to the nearest text
// on the same baseline to its right, wherever poppler's reading order put
// that text.
func mergeMarkers(ls []*pline) []*pline {
	gone := map[*pline]bool{}
	for _, l := range ls {
		if len(l.Words) != 1 || !markerRe.MatchString(l.Text) {
			continue
		}
		var best *pline
		for _, o := range ls {
			if o == l || gone[o] || math.Abs(o.Base-l.Base) >= sameBaseline*l.Size || o.X0 <= l.X1 || o.X0-l.X1 > 12*l.Size {
				continue
			}
			if best == nil || o.X0 < best.X0 {
				best = o
			}
		}
		if best == nil || markerRe.MatchString(best.Words[0].Text) {
			continue
		}
		best.Words = append([]word{l.Words[0]}, best.Words...)
		best.refresh()
		if best.MarkerGap == 0 { // a marker always stands apart from its text here
			best.TextX, best.MarkerGap = best.Words[1].X0, best.Words[1].X0-l.X1
		}
		gone[l] = true
	}
	out := ls[:0]
	for _, l := range ls {
		if !gone[l] {
			out = append(out, l)
		}
	}
	return out
}

// classify marks the running headers and footers, footnotes and stray
// reference numbers, and table-of-contents lines of one page.
func classify(ls []*pline, p rawPage, st docStats) {
	H := p.H
	if H <= 0 {
		H = 842
	}
	// Footnotes: everything below a "________" rule in the lower part of the page.
	rule := math.Inf(1)
	for _, l := range ls {
		if ruleRe.MatchString(strings.ReplaceAll(l.Text, " ", "")) && l.Y0 > ruleMinY*H && l.X1-l.X0 < 0.6*p.W {
			rule = math.Min(rule, l.Y0)
		}
	}
	W := p.W
	if W <= 0 {
		W = 595
	}
	for _, l := range ls {
		// On a landscape page the running header and footer are turned a
		// quarter and stand along the side edges.
		sideways := l.Y1-l.Y0 > 2*(l.X1-l.X0) && (l.X1 < (1-footerZone)*W || l.X0 > footerZone*W)
		switch {
		case sideways && (allTokens(l.Text, isFooterToken) || symLineRe.MatchString(l.Text)):
			l.Kind = kindFooter
		case l.Y0 > footerZone*H && docrules.IsLibraryStamp(l.Text):
			l.Kind = kindFooter // "Digitized by Dag Hammarskjöld Library" on a reissued old document
		case l.Y0 > footerZone*H && allTokens(l.Text, isFooterToken):
			l.Kind = kindFooter
		case l.Y1 < headerZone*H && (symLineRe.MatchString(l.Text) || allTokens(l.Text, isFooterToken)):
			l.Kind = kindHeader
		case l.Y0 >= rule-1:
			l.Kind = kindFootnote
		case l.Size < supMaxSize*st.bodyOf(l.Page) && isRefText(strings.ReplaceAll(l.Text, " ", "")) && besideBody(l, ls, st):
			l.Kind = kindFootnote // a reference number poppler put on a line of its own
		}
	}
	markFootnotesWithoutRule(ls, st, rule)
	markTOC(ls)
}

// besideBody reports whether a small number l stands on the same height as
// a body line, as a reference mark does.
func besideBody(l *pline, ls []*pline, st docStats) bool {
	for _, o := range ls {
		if o != l && o.Size >= 0.9*st.bodyOf(o.Page) && l.Y1 > o.Y0 && l.Y0 < o.Y1 && (math.Abs(l.X0-o.X1) < o.Size || math.Abs(o.X0-l.X1) < o.Size) {
			return true
		}
	}
	return false
}

// markFootnotesWithoutRule handles pages whose footnote separator is drawn,
// not typed: at the bottom of the page, a run of lines smaller than the body
// text is footnotes when a reference number (a line of its own, smaller
// still, or the first word of a line) or an asterisk opens one of them.
func markFootnotesWithoutRule(ls []*pline, st docStats, rule float64) {
	if !math.IsInf(rule, 1) || len(ls) == 0 {
		return
	}
	body := st.bodyOf(ls[0].Page)
	var small, markers []*pline
	byY := append([]*pline(nil), ls...)
	sort.SliceStable(byY, func(i, j int) bool { return byY[i].Y0 > byY[j].Y0 })
	for _, l := range byY {
		switch {
		case l.Kind == kindHeader:
			continue
		case isRefText(strings.ReplaceAll(l.Text, " ", "")):
			markers = append(markers, l)
			continue
		case l.Kind == kindFooter:
			continue
		case l.Size >= 0.92*body:
		case len(small) > 0 && (math.Abs(l.Size-small[0].Size) > 0.05*l.Size || // footnotes share one size …
			small[len(small)-1].Y0-l.Y1 > 2*l.Size): // … and stand packed at the page bottom
		default:
			small = append(small, l)
			continue
		}
		break
	}
	if len(small) == 0 {
		return
	}
	top, size := small[len(small)-1], small[0].Size
	opened := false
	for _, m := range markers {
		opened = opened || m.Size < 0.8*size && m.Y0 >= top.Y0-size
	}
	for _, l := range small {
		w0 := l.Words[0]
		opened = opened || isRefText(w0.Text) &&
			(len(l.Words) == 1 || l.MarkerGap > 0 || w0.height() < 0.8*l.Size || strings.Trim(w0.Text, "*†‡") == "")
	}
	if !opened {
		return
	}
	for _, l := range small {
		l.Kind = kindFootnote
	}
}

// markTOC marks a table of contents: on a page with at least three lines
// of dot leaders, every line from the "Contents" label (or the first leader
// line) down to the last leader line and its page number. It goes by
// position, not reading order, because poppler reads a contents table's
// columns ("Resolution 68/1" | its title) as separate blocks.
func markTOC(ls []*pline) {
	top, bottom, n := math.Inf(1), math.Inf(-1), 0
	for _, l := range ls {
		if l.Kind == kindBody && leaderRe.MatchString(l.Text) {
			top, bottom, n = math.Min(top, l.Y0), math.Max(bottom, l.Y1), n+1
		}
	}
	if n < 3 {
		return
	}
	for _, l := range ls {
		if l.Y0 < top && isTOCLabel(l.Text) {
			top = math.Min(top, l.Y0)
		}
	}
	for _, l := range ls {
		if l.Kind != kindBody {
			continue
		}
		if l.Y0 >= top-1 && l.Y0 <= bottom || isTOCLabel(l.Text) && l.Y0 < bottom {
			l.Kind = kindTOC
		}
	}
}

func isTOCLabel(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "contents", "page", "chapter", "paragraphs", "annexes", "annex", "page paragraphs", "chapter page", "paragraphs page":
		return true
	}
	return false
}

func isFooterToken(s string) bool { return docrules.IsFurnitureToken(s) }

func allTokens(s string, ok func(string) bool) bool {
	f := strings.Fields(s)
	if len(f) == 0 {
		return false
	}
	for _, t := range f {
		if !ok(t) {
			return false
		}
	}
	return true
}

func pluralPages(empty, total int) string {
	if empty == 1 {
		return fmt.Sprintf("1 of %d pages has no text (blank or scanned)", total)
	}
	return fmt.Sprintf("%d of %d pages have no text (blank or scanned)", empty, total)
}
