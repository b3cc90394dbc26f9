package report

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/docrules"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// tokKind is the numbering a line starts with.
type tokKind uint8

const (
	tokText   tokKind = iota // no numbering
	tokNumber                // "12. Text": a paragraph, a topic heading or a list item
	tokAlpha                 // "(a) Text", "(iv) Text": an item or a lettered heading
	tokCap                   // "IV. Text", "B. Text", "Chapter IV Text": a chapter or part heading
	tokInstr                 // "Resolution 68/1", "Draft decision I": a text adopted inside the report
	tokAnnex                 // "Annex", "Annex II"
)

// token is what the numbering at the start of a line says.
type token struct {
	kind    tokKind
	n       int         // tokNumber: the number
	label   string      // tokAlpha: "a", "iv"; tokCap: "IV", "B"; tokInstr: "68/1", "I"; tokAnnex: "II" or ""
	roman   int         // tokCap: the label's value as a Roman numeral, 0 when it is not one
	letter  byte        // tokCap: the label when it is a single capital letter, 0 otherwise
	chapter bool        // tokCap: spelled out, "Chapter IV"
	draft   bool        // tokInstr: "Draft resolution", "Draft decision"
	ikind   SectionKind // tokInstr: SecResolution or SecDecision
	rest    string      // the text after the numbering
}

// pline is a prepared line with its token.
type pline struct {
	Line
	tok token
}

var (
	capRe   = regexp.MustCompile(`^(?:(Chapter|CHAPTER)\s+([IVXLC]+)\.?|([IVXLC]+|[A-Z])\.)(?:\s+(.*))?$`)
	instrRe = regexp.MustCompile(`^(?:(Draft)\s+(resolution|decision)|(Resolution|Decision))\s+(\d{1,3}/\d{1,3}|[IVXL]+)(?:\s+(.*))?$`)
	annexRe = regexp.MustCompile(`^(?:Annex|ANNEX)(?:es)?(?:\s+([IVXL]+|\d{1,2}))?\.?$`)
	bareRe  = regexp.MustCompile(`^(?:\d{1,4}\.|\([a-z]{1,4}\)|[IVXLC]+\.|[A-Z]\.|(?:Chapter|CHAPTER)\s+[IVXLC]+)$`)
	// footnoteEndRe matches a sentence that ends with a footnote number,
	// as a PDF's text layer gives it: "… by the United Nations. 1".
	footnoteEndRe = regexp.MustCompile(`[.;:,][”"’')]*\s+\d{1,3}$`)
	// captionRe matches the label of a figure or table; the line after it
	// is the caption. Neither is text of the report.
	captionLineRe = regexp.MustCompile(`^(?:Figure|Table|Map|Chart|Graph|Box)\s+(?:[IVXL]+|\d{1,3})\.?\s+\S`)
	captionRe     = regexp.MustCompile(`^(?:Figure|Table|Map|Chart|Graph|Box)\s+(?:[IVXL]+|\d{1,3})\.?$`)
)

// tokenize reads the numbering at the start of a line.
func tokenize(s string) token {
	if s == "" {
		return token{}
	}
	// Cheap tests of the first bytes spare the regular expressions most
	// lines: their cost grows with the length of the line.
	c := s[0]
	switch {
	case c >= '0' && c <= '9':
	case c == '(':
	case c >= 'A' && c <= 'Z':
		if i := strings.IndexByte(s, ' '); i < 0 && len(s) > 12 || i > 12 || i > 0 && s[i-1] != '.' && !strings.HasPrefix(s, "Chapter") &&
			!strings.HasPrefix(s, "CHAPTER") && !strings.HasPrefix(s, "Annex") && !strings.HasPrefix(s, "ANNEX") &&
			!strings.HasPrefix(s, "Draft ") && !strings.HasPrefix(s, "Resolution") && !strings.HasPrefix(s, "Decision") {
			return token{rest: s}
		}
	default:
		return token{rest: s}
	}
	if n, rest, ok := numberPrefix(s); ok {
		return token{kind: tokNumber, n: n, rest: rest}
	}
	if lab, rest, ok := alphaPrefix(s); ok {
		return token{kind: tokAlpha, label: lab, rest: rest}
	}
	if m := instrRe.FindStringSubmatch(s); m != nil && (m[5] == "" || !startsLower(m[5])) {
		t := token{kind: tokInstr, label: m[4], rest: m[5], draft: m[1] != "", ikind: SecResolution}
		if strings.EqualFold(m[2]+m[3], "decision") {
			t.ikind = SecDecision
		}
		return t
	}
	if m := annexRe.FindStringSubmatch(s); m != nil {
		return token{kind: tokAnnex, label: m[1]}
	}
	if m := capRe.FindStringSubmatch(s); m != nil {
		t := token{kind: tokCap, rest: m[4], chapter: m[1] != ""}
		t.label = m[2] + m[3]
		t.roman = kg.RomanValue(t.label)
		if len(t.label) == 1 {
			t.letter = t.label[0]
		}
		if t.chapter && t.roman == 0 {
			return token{rest: s}
		}
		return t
	}
	return token{rest: s}
}

// numberPrefix reads "12. Text" (or a bare "12."): up to four digits, a
// full stop, then white space or the end.
func numberPrefix(s string) (n int, rest string, ok bool) {
	i := 0
	for i < len(s) && i < 5 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 4 || i >= len(s) || s[i] != '.' {
		return 0, "", false
	}
	if i+1 < len(s) && s[i+1] != ' ' {
		return 0, "", false
	}
	n, _ = strconv.Atoi(s[:i])
	if n == 0 { // paragraphs and headings count from 1
		return 0, "", false
	}
	return n, strings.TrimSpace(s[i+1:]), true
}

// alphaPrefix reads "(a) Text", "(iv) Text": one to four lower-case
// letters in brackets.
func alphaPrefix(s string) (label, rest string, ok bool) {
	if len(s) < 3 || s[0] != '(' {
		return "", "", false
	}
	i := 1
	for i < len(s) && i < 6 && s[i] >= 'a' && s[i] <= 'z' {
		i++
	}
	if i == 1 || i > 5 || i >= len(s) || s[i] != ')' {
		return "", "", false
	}
	return s[1:i], strings.TrimSpace(s[i+1:]), true
}

// prepare normalises the lines a front end gave: white space collapsed,
// page furniture dropped, a bare number ("12.", "(a)", "Chapter IV")
// joined to the line it numbers, and a line that starts in lower case
// joined to the one before it (the rest of a sentence cut by a page
// break). Front ends do most of this already; doing it again here makes
// Parse safe on rough input.
func prepare(in []Line) []pline {
	type acc struct {
		Line
		parts []string
	}
	var (
		out     []acc
		caption bool // the line before was "Figure II": this one is its caption
	)
	for _, l := range in {
		if l.Row {
			cells := strings.Split(l.Text, "\t")
			for i, c := range cells {
				cells[i] = normSpace(c)
			}
			l.Text = ""
			out = append(out, acc{Line: l, parts: []string{strings.TrimRight(strings.Join(cells, "\t"), "\t")}})
			continue
		}
		t := normSpace(l.Text)
		if t == "" || len(t) <= 24 && docrules.IsFurnitureLine(t) {
			continue
		}
		if len(t) <= 24 && captionRe.MatchString(t) {
			caption = true
			continue
		}
		if len(t) <= 300 && captionLineRe.MatchString(t) && headingLike(t) {
			continue // "Figure II Map of areas newly controlled by gangs …"
		}
		if caption {
			caption = false
			if len(t) <= 200 && headingLike(t) && tokenize(t).kind == tokText {
				continue
			}
		}
		if n := len(out); n > 0 {
			prev := &out[n-1]
			bare := len(prev.parts) == 1 && bareRe.MatchString(prev.parts[0])
			switch {
			case prev.Row:
			case bare && !bareRe.MatchString(t):
				prev.parts = append(prev.parts, t)
				prev.Heading = prev.Heading || l.Heading
				prev.Level = max(prev.Level, l.Level)
				continue
			case startsLower(t) && !bare && prev.Heading == l.Heading:
				prev.parts = append(prev.parts, t)
				continue
			}
		}
		l.Text = ""
		out = append(out, acc{Line: l, parts: []string{t}})
	}
	res := make([]pline, len(out))
	for i, a := range out {
		a.Text = joinParts(a.parts)
		res[i] = pline{Line: a.Line, tok: tokenize(a.Text)}
	}
	return res
}

// joinParts joins the pieces of one line with spaces, except after a
// hyphen that ends a piece ("evidence-" + "based").
func joinParts(parts []string) string {
	var b strings.Builder
	for i, s := range parts {
		if i > 0 {
			prev := parts[i-1]
			if !(strings.HasSuffix(prev, "-") && !strings.HasSuffix(prev, " -") && startsLower(s)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

// headingLike reports whether s reads as a heading rather than a
// sentence: not too long, and not ending in sentence punctuation once
// closing quotes and brackets are set aside.
func headingLike(s string) bool {
	if s == "" || len(s) > 500 {
		return false
	}
	if c := s[len(s)-1]; c >= '0' && c <= '9' && footnoteEndRe.MatchString(s) {
		return false
	}
	t := strings.TrimRight(s, "”\"’')]» ")
	if t == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	switch r {
	case '.', ';', ':', ',', '!', '?':
		return false
	}
	return true
}

// startsUpper reports whether s starts with a capital letter, a digit or
// an opening quote: how a heading or a sentence starts.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '“' || r == '"' || r == '‘'
}

// startsCapital reports whether s starts with a capital letter or an
// opening quote: how a title starts. A digit does not ("2015. 54" is a
// year that a line break put first).
func startsCapital(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || r == '“' || r == '"' || r == '‘'
}

func endsColon(s string) bool {
	return strings.HasSuffix(strings.TrimRight(s, " ”\""), ":")
}

// endsSentence reports whether s ends the way a paragraph of a
// resolution ends: a comma (preamble), a semicolon, a colon or a full stop.
func endsSentence(s string) bool {
	t := strings.TrimRight(s, "”\"’') ")
	r, _ := utf8.DecodeLastRuneInString(t)
	return r == '.' || r == ',' || r == ';' || r == ':'
}

// nextLetter is the letter after l in the UN's item sequence: "" → "a",
// "a" → "b", "z" → "aa", "aa" → "bb".
func nextLetter(l string) string {
	switch {
	case l == "":
		return "a"
	case len(l) == 1 && l[0] < 'z':
		return string(l[0] + 1)
	case l == "z":
		return "aa"
	case strings.Count(l, l[:1]) == len(l) && l[0] < 'z':
		return strings.Repeat(string(l[0]+1), len(l))
	}
	return ""
}

// opVerbLike reports whether s starts like an operative paragraph of a
// resolution ("Encourages", "Also invites", "Calls upon"), not like a
// paragraph of a report ("Statements were made", "At its 5th meeting").
func opVerbLike(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || !startsUpper(f[0]) {
		return false
	}
	switch f[0] {
	case "Also", "Further", "Again", "Strongly", "Hereby", "Once", "Takes", "Notes":
		return true
	}
	if !strings.HasSuffix(f[0], "s") {
		return false
	}
	if len(f) > 1 {
		switch f[1] {
		case "were", "was", "are", "is", "had", "have", "of", "and", "made", "on", "in", "for":
			return false
		}
	}
	return true
}

// foldTitle lower-cases a heading and trims its punctuation, for
// comparing it with known headings.
func foldTitle(s string) string {
	return strings.ToLower(strings.Trim(s, " .:*#"))
}

var (
	summaryTitleRe = regexp.MustCompile(`^(?:summary of (?:the )?(?:deliberations?|discussions?)|deliberations|general discussion)$`)
	outcomeTitleRe = regexp.MustCompile(`^(?:outcome of (?:the )?deliberations?|(?:(?:main|key|summary of)\s+)?(?:conclusions?\s+and\s+)?recommendations?(?:\s+and\s+conclusions?)?(?:\s+(?:for|to)\s+.{1,120})?)$`)
	otherTitleRe   = regexp.MustCompile(`^(?:introduction|executive summary|summary|background|proceedings|conclusions?|list of documents|documentation|action taken by the (?:commission|meeting|conference|council))$`)
)

// knownTitle classifies an unnumbered heading the family of reports uses
// in the same words everywhere. It returns "" for any other text.
func knownTitle(s string) SectionKind {
	if len(s) > 160 {
		return ""
	}
	f := foldTitle(s)
	switch {
	case summaryTitleRe.MatchString(f):
		return SecSummary
	case outcomeTitleRe.MatchString(f):
		return SecOutcome
	case otherTitleRe.MatchString(f):
		return SecOther
	}
	return ""
}

// isOutcomeTitle reports whether a heading announces recommendations:
// "Outcome of deliberations", "Recommendations", "Conclusions and
// recommendations", but not "Recommendations of the subsidiary bodies".
func isOutcomeTitle(s string) bool {
	return len(s) <= 160 && outcomeTitleRe.MatchString(foldTitle(s))
}

var (
	agendaRe    = regexp.MustCompile(`\(\s*(agenda items?|workshops?)\s+([^()]*(?:\([a-z]\)[^()]*)*)\)`)
	agendaNumRe = regexp.MustCompile(`\d+(?:\s*\([a-z]\))?`)
)

// refsIn returns the agenda item and workshop numbers a heading names:
// "(agenda item 3); and … (workshop 1)" → ["3"], ["1"];
// "(agenda items 4 (a) and 5)" → ["4(a)", "5"].
func refsIn(title string) (items, workshops []string) {
	for _, m := range agendaRe.FindAllStringSubmatch(title, -1) {
		var nums []string
		for _, n := range agendaNumRe.FindAllString(m[2], -1) {
			nums = append(nums, strings.ReplaceAll(n, " ", ""))
		}
		if strings.HasPrefix(m[1], "agenda") {
			items = append(items, nums...)
		} else {
			workshops = append(workshops, nums...)
		}
	}
	return items, workshops
}
