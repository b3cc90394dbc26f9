package report

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/docrules"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// FromMarkdown turns a Markdown rendering of a UN report into Lines: one
// Line per heading, numbered paragraph, lettered item or other block, with
// Markdown and HTML markup removed.
//
// The Markdown we get is converted from PDFs, so it carries the PDF's
// layout: a paragraph cut by a page break arrives as two blocks with blank
// lines between them, list markers are sprinkled over numbered paragraphs
// ("- 25.", "  - (a)"), headings are marked with "#", with "**" or not at
// all, links wrap symbols. FromMarkdown joins the pieces of a cut paragraph
// (see docs/parsing.md for the rule) and leaves every structural decision
// to Parse. Markdown carries no page numbers, so Page is 0.
//
// An empty input, or one that is not UTF-8 text, is a *kg.Error with
// CodeUnsupported.
func FromMarkdown(src []byte) ([]Line, error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, kg.Errorf(kg.CodeUnsupported, "empty document: there is no text to parse")
	}
	if !utf8.Valid(src) {
		return nil, kg.Errorf(kg.CodeUnsupported, "not a text document: the bytes are not UTF-8 (is it a PDF or a word-processor file?)")
	}
	if looksBinary(src) {
		return nil, kg.Errorf(kg.CodeUnsupported, "not a text document: it contains binary control characters")
	}

	var (
		out     []mdBlock
		blanks  int  // blank lines since the last block
		inFence bool // inside a ``` code fence
		inDeleg bool // inside a table of delegations: its rows keep their cells
	)
	for raw := range strings.Lines(string(src)) {
		raw = strings.TrimRight(raw, "\r\n")
		if strings.HasPrefix(strings.TrimSpace(raw), "```") {
			inFence = !inFence
			continue
		}
		if cells, ok := mdRow(raw); ok && (inDeleg || docrules.IsDelegationHeader(cells)) {
			if !mdTableSepRe.MatchString(raw) {
				out = append(out, mdBlock{text: strings.TrimRight(strings.Join(cells, "\t"), "\t"), row: true})
			}
			inDeleg, blanks = true, 0
			continue
		}
		inDeleg = false
		b, ok := mdClean(raw)
		if !ok {
			blanks++
			continue
		}
		if b.setext > 0 { // "===" or "---" under a line makes it a heading
			if n := len(out); n > 0 && blanks == 0 && !out[n-1].heading {
				out[n-1].heading, out[n-1].level = true, b.setext
			}
			blanks++
			continue
		}
		if n := len(out); n > 0 && !inFence && mdJoins(&out[n-1], &b, blanks) {
			out[n-1].join(b.text)
		} else {
			out = append(out, b)
		}
		blanks = 0
	}

	lines := make([]Line, 0, len(out))
	for _, b := range out {
		t := b.String()
		if t == "" {
			continue
		}
		if b.row {
			lines = append(lines, Line{Text: b.text, Row: true})
			continue
		}
		lines = append(lines, Line{Text: t, Heading: b.heading, Level: b.level})
	}
	if len(lines) == 0 {
		return nil, kg.Errorf(kg.CodeUnsupported, "empty document: only markup, no text")
	}
	return lines, nil
}

// looksBinary reports whether src has control characters that no text
// file holds: NUL, or more than a few of the C0 controls other than tab,
// newline, carriage return and form feed.
func looksBinary(src []byte) bool {
	if bytes.IndexByte(src, 0) >= 0 {
		return true
	}
	bad := 0
	for _, c := range src {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			bad++
		}
	}
	return bad > 8 && bad*100 > len(src)
}

// mdBlock is a Line under construction, with what the joining rule needs
// to know about its source lines.
type mdBlock struct {
	text    string          // cleaned text of the first source line
	more    strings.Builder // text of joined continuation lines
	heading bool
	level   int
	bullet  bool // the source line had a list marker
	tabular bool // the source line had a tab: a table or contents row
	row     bool // a row of a table of delegations: text holds its cells, tab-separated (Line.Row)
	setext  int  // the line is a setext underline of this level
}

func (b *mdBlock) join(s string) {
	last := b.last()
	switch {
	case strings.HasSuffix(last, "-") && !strings.HasSuffix(last, " -") && startsLower(s):
		// "evidence-" + "based": keep the hyphen, no space.
	default:
		b.more.WriteByte(' ')
	}
	b.more.WriteString(s)
}

// last returns the text so far, cheaply enough for the joining test.
func (b *mdBlock) last() string {
	if b.more.Len() > 0 {
		return b.more.String()
	}
	return b.text
}

func (b *mdBlock) String() string { return strings.TrimSpace(b.text + b.more.String()) }

var (
	mdHeadingRe  = regexp.MustCompile(`^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$`)
	mdBulletRe   = regexp.MustCompile(`^\s*(?:[-*+•]|>)\s+`)
	mdRuleRe     = regexp.MustCompile(`^ {0,3}(?:(?:\*\s*){3,}|(?:_\s*){3,})$`)
	mdSetextRe   = regexp.MustCompile(`^ {0,3}(=+|-+)\s*$`)
	mdImageRe    = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLinkRe     = regexp.MustCompile(`\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])`)
	mdAutoRe     = regexp.MustCompile(`<((?:https?|mailto):[^>\s]+)>`)
	mdCommentRe  = regexp.MustCompile(`<!--.*?-->`)
	mdBreakRe    = regexp.MustCompile(`(?i)<br\s*/?>`)
	mdTagRe      = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>`)
	mdEscapeRe   = regexp.MustCompile("\\\\([!-/:-@\\[-`{-~])")
	mdUnderRe    = regexp.MustCompile(`(^|[\s(“"'])_+|_+($|[\s).,;:!?”"'])`)
	mdTableSepRe = regexp.MustCompile(`^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$`)
)

// mdRow splits a pipe-table row into its cells, each stripped of its
// markup ("" for an empty cell); ok is false for a line that is no such
// row.
func mdRow(raw string) (cells []string, ok bool) {
	t := strings.TrimSpace(raw)
	if !strings.HasPrefix(t, "|") {
		return nil, false
	}
	if mdTableSepRe.MatchString(t) {
		return nil, true
	}
	for _, c := range strings.Split(strings.Trim(t, "|"), "|") {
		b, ok := mdClean(c)
		if !ok {
			cells = append(cells, "")
			continue
		}
		cells = append(cells, b.text)
	}
	return cells, true
}

// mdClean strips the markup from one source line. ok is false for a line
// that holds no text (blank, a rule, a stray "Page" column header).
func mdClean(raw string) (b mdBlock, ok bool) {
	if strings.TrimSpace(raw) == "" {
		return b, false
	}
	if short := len(raw) < 200; short && mdRuleRe.MatchString(raw) || strings.Contains(raw, "|") && mdTableSepRe.MatchString(raw) {
		return b, false
	}
	lead := strings.TrimLeft(raw, " \t")
	if lead[0] == '=' || lead[0] == '-' {
		if m := mdSetextRe.FindStringSubmatch(raw); m != nil {
			b.setext = 2
			if m[1][0] == '=' {
				b.setext = 1
			}
			return b, true
		}
	}
	s := raw
	if lead[0] == '#' {
		if m := mdHeadingRe.FindStringSubmatch(s); m != nil {
			b.heading, b.level = true, len(m[1])
			s = m[2]
		}
	}
	for i := 0; i < 4; i++ { // "- ", "  - ", "> - ": a few nested markers at most
		if t := strings.TrimLeft(s, " \t"); t == "" || !strings.ContainsRune("-*+•>", rune(t[0])) && !strings.HasPrefix(t, "•") {
			break
		}
		loc := mdBulletRe.FindStringIndex(s)
		if loc == nil {
			break
		}
		b.bullet = true
		s = s[loc[1]:]
	}
	if strings.HasPrefix(strings.TrimSpace(s), "|") { // a table row: cells become words
		s = strings.ReplaceAll(strings.Trim(strings.TrimSpace(s), "|"), "|", "\t")
	}
	b.tabular = strings.Contains(s, "\t")

	t := strings.TrimSpace(s)
	if isWrapped(t, "**") || isWrapped(t, "__") {
		b.heading = true // a bold line is a heading in converted PDFs
	}
	// Each expression runs only when its first character is there: their
	// cost grows with the line, and most lines have no markup.
	if strings.Contains(s, "<") {
		s = mdCommentRe.ReplaceAllString(s, "")
		s = mdAutoRe.ReplaceAllString(s, "$1")
		s = mdBreakRe.ReplaceAllString(s, " ")
		s = mdTagRe.ReplaceAllString(s, "")
	}
	if strings.Contains(s, "](") || strings.Contains(s, "][") {
		s = mdImageRe.ReplaceAllString(s, "")
		s = mdLinkRe.ReplaceAllString(s, "$1")
	}
	escaped := strings.Contains(s, "\\")
	if escaped {
		s = mdEscapeRe.ReplaceAllStringFunc(s, func(m string) string {
			switch m[1] {
			case '*': // an escaped emphasis character survives the strip below
				return "\x01"
			case '_':
				return "\x02"
			}
			return m[1:]
		})
	}
	s = strings.ReplaceAll(s, "*", "")
	if strings.Contains(s, "_") {
		s = mdUnderRe.ReplaceAllString(s, "$1$2")
	}
	if escaped {
		s = strings.NewReplacer("\x01", "*", "\x02", "_").Replace(s)
	}
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	s = normSpace(s)
	if s == "" || strings.EqualFold(s, "page") {
		return b, false
	}
	b.text = s
	return b, true
}

func isWrapped(s, mark string) bool {
	return len(s) > 2*len(mark) && strings.HasPrefix(s, mark) && strings.HasSuffix(s, mark) &&
		!strings.Contains(s[len(mark):len(s)-len(mark)], mark)
}

// normSpace collapses every run of white space (tabs, no-break spaces) to
// one space and removes zero-width characters and soft hyphens.
func normSpace(s string) string {
	clean := true // the common case: nothing to do
	for i, r := range s {
		switch {
		case r == ' ':
			if i == 0 || i == len(s)-1 || s[i+1] == ' ' {
				clean = false
			}
		case r < ' ', unicode.IsSpace(r), r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff', r == '\u00ad':
			clean = false
		}
		if !clean {
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff', r == '\u00ad':
		case unicode.IsSpace(r) || r < ' ':
			space = b.Len() > 0
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdJoins decides whether cur continues prev: the same paragraph cut by a
// page break or wrapped by the converter. A block that starts a unit of its
// own (a heading, a list item, a number, a symbol, a table row) never
// continues anything; otherwise it continues prev when it starts in lower
// case, when prev stops mid-phrase (a comma or a word such as "the"), or
// when no blank line separates them (a soft line break).
func mdJoins(prev, cur *mdBlock, blanks int) bool {
	if cur.heading || prev.heading || cur.bullet || cur.tabular || prev.tabular || cur.row || prev.row {
		return false
	}
	if startsUnit(cur.text) {
		return false
	}
	last := prev.last()
	switch {
	case startsLower(cur.text):
		return true
	case hangs(last):
		return true
	}
	return blanks == 0
}

var unitStartRe = regexp.MustCompile(`^(?:\d{1,4}\.(?:\s|$)|\([a-z]{1,4}\)|[IVXL]+\.(?:\s|$)|[A-Z]\.(?:\s|$)|Chapter\s+[IVXL]+\b|(?:Draft (?:resolution|decision)|Resolution|Decision) (?:\d+/\d+|[IVXL]+)$|Annex(?:es)?(?:\s+(?:[IVXL]+|\d+))?$)`)

// startsUnit reports whether a block's text begins with something that
// starts a unit of its own: a paragraph number, an item letter, a heading
// number, a resolution heading, or a UN symbol (a row of a list of documents).
func startsUnit(s string) bool {
	return unitStartRe.MatchString(s) || symbolAt(s) > 0
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// hangingWords end a line that cannot end a sentence.
var hangingWords = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "and": true, "or": true, "nor": true,
	"to": true, "in": true, "for": true, "by": true, "with": true, "from": true, "on": true,
	"at": true, "as": true, "that": true, "which": true, "who": true, "whose": true,
	"including": true, "such": true, "between": true, "among": true, "into": true,
	"its": true, "their": true, "his": true, "her": true, "our": true, "this": true,
	"these": true, "those": true, "is": true, "are": true, "was": true, "were": true,
	"be": true, "been": true, "has": true, "have": true, "had": true, "not": true,
	"but": true, "than": true, "under": true, "over": true, "per": true, "via": true,
	"also": true, "both": true, "either": true, "all": true, "any": true, "each": true,
	"against": true, "through": true, "within": true, "without": true, "towards": true,
}

// hangs reports whether s stops mid-phrase: on a comma, an opening bracket
// or quote, a dash, or a word such as "the".
func hangs(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case ',', '(', '[', '“', '‘', '-', '–', '—', '/':
		return true
	}
	i := strings.LastIndexByte(s, ' ')
	return hangingWords[s[i+1:]]
}

// Hangs reports whether a line stops mid-phrase — on a comma, an opening
// bracket or quote, a dash, or a word such as "the" — so that the next line
// must continue it. The PDF front end uses the same rule.
func Hangs(s string) bool { return hangs(s) }
