package pdftext

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/docrules"
	"github.com/crimegraph/crimegraph/internal/report"
)

// The first page of a UN document carries its masthead: the symbol at the
// top right ("S/2025/85", "A/79/912-S/2025/306", "A/80/62*−E/2025/12*"),
// "United Nations" and the organ ("Security Council"), the distribution
// block ("Distr.: General", the date of issue, "Original: English"), the
// session and agenda item on the left, then the title in a larger font.
// Reports issued as Official Records open instead with a cover ("Report of
// the International Law Commission … General Assembly, Official Records,
// Supplement No. 10") and no date of issue.

var (
	// sessionLineRe matches the session and agenda lines of a masthead,
	// never its title: "Eightieth year", "Seventy-ninth session".
	sessionLineRe = regexp.MustCompile(`^(?:[\p{L}\-]+ (?:session|year)|(?:[\p{L}\-]+ )?(?:special|resumed|emergency special) session|Agenda items? \d|Item \d)`)
	bracketDateRe = regexp.MustCompile(`^\[\d{1,2} [A-Z][a-z]+ \d{4}\]$`)
	subtitle      = regexp.MustCompile(`^(?:Report|Note|Letter) (?:of|by) the `)
	reportOn      = regexp.MustCompile(`^Report on (?:the|its) `)
	spaceFold     = strings.NewReplacer("GeneralAssembly", "General Assembly", "SecurityCouncil", "Security Council")
)

// readIdentity reads the Identity from the first pages and marks the lines
// it consumed (masthead, cover pages) so that they do not become paragraphs.
func readIdentity(pages [][]*pline, raw []rawPage, st docStats) (report.Identity, []string) {
	var id report.Identity
	var warnings []string
	if len(pages) == 0 {
		return id, nil
	}
	first := pages[0]
	id.Symbols = readSymbols(first, raw[0])

	cover := -1
	for i := 0; i < len(pages) && i < 3; i++ {
		if isCover(pages[i]) {
			if cover < 0 {
				cover = i
			}
			markAll(pages[i])
		}
	}
	for i := 0; i < len(pages) && i < 4; i++ {
		for _, l := range pages[i] {
			if strings.HasPrefix(l.Text, "Symbols of United Nations documents are composed") {
				markAll(pages[i]) // the Official Records note on symbols, and the ISSN
				break
			}
		}
	}

	if cover >= 0 {
		id.Title, id.Body = readCover(pages[cover], st)
	} else {
		id.Date = readMasthead(first, st)
		id.Body = readOrgan(first, st)
		id.Title = readTitle(first, st)
		if id.Title == "" {
			id.Title = centeredTitle(first, raw[0], st)
		}
	}
	if id.Body == "" && len(id.Symbols) > 0 {
		id.Body = docrules.Body(id.Symbols[0])
	}
	if id.Date == "" && cover < 0 {
		id.Date = adoptionDate(first)
	}
	if id.Date == "" {
		id.Date = bracketDate(pages)
	}
	if len(id.Symbols) == 0 {
		warnings = append(warnings, "no document symbol found on the first page")
	}
	if id.Date == "" {
		warnings = append(warnings, "no date of issue found on the first page")
	}
	if id.Title == "" {
		warnings = append(warnings, "no title found on the first page")
	}
	return id, warnings
}

func markAll(ls []*pline) {
	for _, l := range ls {
		l.Kind = kindMasthead
	}
}

// byY returns the lines of a page top to bottom, left to right.
func byY(ls []*pline) []*pline {
	out := append([]*pline(nil), ls...)
	sort.SliceStable(out, func(i, j int) bool {
		if math.Abs(out[i].Base-out[j].Base) > 1 {
			return out[i].Base < out[j].Base
		}
		return out[i].X0 < out[j].X0
	})
	return out
}

// readSymbols reads the symbols from the running header of the first page,
// or from a symbol line in its top third (older mastheads put it in the
// distribution block).
func readSymbols(ls []*pline, p rawPage) []string {
	var found []string
	collect := func(l *pline) {
		for _, s := range symbolRe.FindAllString(l.Text, -1) {
			s = docrules.RepairSymbol(strings.TrimSpace(strings.TrimRight(s, "*")))
			found = append(found, s)
		}
	}
	for _, l := range byY(ls) {
		if l.Kind == kindHeader && symLineRe.MatchString(l.Text) {
			collect(l)
		}
	}
	if len(found) == 0 {
		for _, l := range byY(ls) {
			if l.Y1 < p.H/3 && symLineRe.MatchString(l.Text) {
				collect(l)
				l.Kind = kindMasthead
				break
			}
		}
	}
	var out []string
	for _, s := range found {
		dup := false
		for _, o := range out {
			dup = dup || o == s
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

// isCover reports whether a page is the cover or title page of Official
// Records: it names the Official Records and a supplement number.
func isCover(ls []*pline) bool {
	or, sup := false, false
	for _, l := range ls {
		or = or || strings.HasPrefix(l.Text, "Official Records")
		sup = sup || strings.HasPrefix(l.Text, "Supplement No")
	}
	return or && sup
}

// readMasthead finds the distribution block, reads the date of issue from
// it and marks everything down to its bottom as masthead.
func readMasthead(ls []*pline, st docStats) string {
	var distr *pline
	for _, l := range byY(ls) {
		if strings.HasPrefix(l.Text, "Distr") && l.Kind == kindBody {
			distr = l
			break
		}
	}
	if distr == nil {
		return ""
	}
	pitch := st.pitchOf(distr.Size)
	bottom, date := distr.Y1, ""
	for _, l := range byY(ls) {
		if l.Y0 < distr.Y0-1 {
			continue
		}
		inBlock := math.Abs(l.X0-distr.X0) < 3 && l.Y0 < bottom+2.5*pitch
		sameRow := math.Abs(l.Base-distr.Base) < 1 || l.Y0 < bottom && l.X0 > distr.X0
		if !inBlock && !sameRow {
			continue
		}
		bottom = math.Max(bottom, l.Y1)
		if date == "" {
			date = isoDate(l.Text)
		}
	}
	if date == "" {
		date = isoDate(distr.Text)
	}
	for _, l := range ls {
		if l.Y1 <= bottom+0.5 && l.Kind == kindBody {
			l.Kind = kindMasthead
		}
	}
	return date
}

// adoptionDate reads the date of a resolution without a distribution block:
// "Adopted by the Security Council at its 9872nd meeting, on 3 March 2025".
func adoptionDate(ls []*pline) string {
	text := ""
	for _, l := range byY(ls) {
		text += " " + l.Text
		if strings.HasPrefix(l.Text, "Adopted by") {
			text = l.Text
		}
	}
	if i := strings.Index(text, "Adopted by"); i >= 0 {
		return isoDate(text[i:])
	}
	return ""
}

// bracketDate reads the date of issue that Official Records print in
// brackets at the top of the contents page: "[3 April 2025]".
func bracketDate(pages [][]*pline) string {
	for i := 0; i < len(pages) && i < 8; i++ {
		for _, l := range pages[i] {
			if l.Kind == kindBody && bracketDateRe.MatchString(l.Text) {
				l.Kind = kindMasthead
				return isoDate(l.Text)
			}
		}
	}
	return ""
}

func isoDate(s string) string { return docrules.ISODate(s) }

// organName returns the organ a line names, or "".
func organName(text string) string {
	t := spaceFold.Replace(strings.TrimSpace(text))
	for _, o := range docrules.MastheadOrgans {
		if t == o {
			return o
		}
	}
	return ""
}

// readOrgan returns the first organ named in large type on the page.
func readOrgan(ls []*pline, st docStats) string {
	for _, l := range byY(ls) {
		if o := organName(l.Text); o != "" && l.Size >= 1.3*st.body {
			return o
		}
	}
	return ""
}

// readTitle returns the title of a document with a standard masthead: the
// first block of lines set larger than the body text below the masthead,
// within the text column, with a following "Report of the Secretary-General"
// or "Note by the Secretariat" appended after a colon.
func readTitle(ls []*pline, st docStats) string {
	left := math.Inf(-1)
	for _, l := range ls {
		if l.Text == "United Nations" || l.Text == "UNITED NATIONS" {
			left = l.X0 - 12
			break
		}
	}
	var body []*pline
	for _, l := range ls {
		if l.Kind == kindBody {
			body = append(body, l)
		}
	}
	big := func(l *pline) bool {
		return l.Size >= 1.1*st.bodyOf(l.Page) && l.X0 >= left && organName(l.Text) == "" && !sessionLineRe.MatchString(l.Text)
	}
	start := -1
	for i, l := range body {
		if big(l) {
			start = i
			break
		}
	}
	if start < 0 {
		return ""
	}
	title, next := block(body, start, st)
	if next < len(body) && big(body[next]) && subtitle.MatchString(body[next].Text) && !strings.HasPrefix(body[next].Text, "Letter") {
		sub, _ := block(body, next, st)
		title = strings.TrimRight(title, "* ") + ": " + lowerFirst(sub)
	}
	return cleanTitle(title)
}

// block joins the lines of one heading block starting at ls[i]: same size,
// closely spaced. It returns the text and the index after the block.
func block(ls []*pline, i int, st docStats) (string, int) {
	var a assembler
	text := ls[i].Text
	j := i + 1
	for ; j < len(ls); j++ {
		prev, l := ls[j-1], ls[j]
		if l.Page != prev.Page || math.Abs(l.Size-prev.Size) > 0.05*l.Size || l.Base-prev.Base > 1.5*st.pitchOf(l.Size) || l.Base < prev.Base {
			break
		}
		text = a.join(text, l.Text)
	}
	return text, j
}

// readCover reads the title and organ from an Official Records cover:
// the large lines between "United Nations" and the organ form the title.
func readCover(ls []*pline, st docStats) (title, organ string) {
	var groups [][]*pline
	for _, l := range byY(ls) {
		if o := organName(l.Text); o != "" {
			organ = o
			break
		}
		if l.Text == "United Nations" || l.Size < 1.3*st.body || symLineRe.MatchString(l.Text) {
			continue
		}
		n := len(groups)
		if n > 0 {
			prev := groups[n-1][len(groups[n-1])-1]
			if math.Abs(prev.Size-l.Size) < 0.05*l.Size && l.Base-prev.Base < 1.6*st.pitchOf(l.Size) {
				groups[n-1] = append(groups[n-1], l)
				continue
			}
		}
		groups = append(groups, []*pline{l})
	}
	var parts []string
	for _, g := range groups {
		var a assembler
		t := g[0].Text
		for _, l := range g[1:] {
			t = a.join(t, l.Text)
		}
		parts = append(parts, t)
	}
	switch {
	case len(parts) == 0:
	case len(parts) > 1 && reportOn.MatchString(parts[1]) && !strings.HasPrefix(parts[0], "Report"):
		// "Commission on Narcotic Drugs" + "Report on the sixty-eighth session …"
		title = "Report of the " + parts[0] + " on " + strings.TrimPrefix(parts[1], "Report on ")
		for _, p := range parts[2:] {
			title += " " + p
		}
	default:
		title = parts[0]
		if len(parts) > 1 {
			title += ": " + lowerFirst(strings.Join(parts[1:], " "))
		}
	}
	return cleanTitle(title), organ
}

func cleanTitle(s string) string {
	return strings.Join(strings.Fields(strings.TrimRight(s, "* ")), " ")
}

// lowerFirst lower-cases the first letter of a subtitle ("Report of the
// Secretary-General" → "report of the Secretary-General") unless the first
// word is an acronym or a name that keeps its capital.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return s
	}
	w, _, _ := strings.Cut(s, " ")
	switch {
	case len(w) > 1 && strings.ToUpper(w) == w, // an acronym
		w == "United", w == "General", w == "Security", w == "Economic", w == "Human":
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// stopTitleRe ends the title block of a typewritten document: the first
// heading or paragraph of the body, or the rapporteur's line.
var stopTitleRe = regexp.MustCompile(`^(?:\d{1,3}\.|[IVX]+\.|[lI]\.\s|\(?[a-z]\)|Rapporteur|Chairman|Introduction|INTRODUCTION)`)

// centeredTitle reads the title of an old typewritten document, reissued
// with an OCR text layer, where nothing is set larger than the body: the
// lines centred on the page after the masthead and before the first
// heading or paragraph ("QUESTION OF EAST TIMOR", "Progress report of the
// Secretary-General"), the blocks joined by a colon.
func centeredTitle(ls []*pline, p rawPage, st docStats) string {
	W := p.W
	if W <= 0 {
		return ""
	}
	var groups []string
	var prev *pline
	for _, l := range byY(ls) {
		if l.Kind != kindBody {
			continue
		}
		if stopTitleRe.MatchString(l.Text) || len(groups) > 0 && l.X1-l.X0 > 0.8*W {
			break
		}
		if !wordy(l.Text) {
			continue // OCR noise: "&&$"
		}
		mid := (l.X0 + l.X1) / 2
		if math.Abs(mid-W/2) > 0.08*W || l.X1-l.X0 > 0.8*W || strings.Contains(l.Text, "provisional agenda") || strings.HasSuffix(l.Text, "session") {
			if len(groups) > 0 {
				break
			}
			continue
		}
		if prev != nil && l.Base-prev.Base < 1.6*st.pitchOf(l.Size) && len(groups) > 0 {
			groups[len(groups)-1] += " " + l.Text
		} else {
			groups = append(groups, l.Text)
		}
		prev = l
	}
	if len(groups) == 0 {
		return ""
	}
	title := groups[0]
	for _, g := range groups[1:] {
		title += ": " + lowerFirst(g)
	}
	return cleanTitle(title)
}

// wordy reports whether a line is mostly letters, with a word of three.
func wordy(s string) bool {
	letters, run, longest := 0, 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest >= 3 && 2*letters >= utf8.RuneCountInString(s)
}
