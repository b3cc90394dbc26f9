package report

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Options tune Parse for one document. The zero value is ready to use.
type Options struct {
	// Symbol is the document's UN symbol when the caller knows it better
	// than the text does (ingest --symbol): Markdown conversions often lose
	// the masthead. It becomes the primary symbol; the symbols the first
	// page prints follow it.
	Symbol string

	// Body is the issuing body ("Security Council"). When set it replaces
	// what the first page suggests.
	Body string

	// Identity is what a front end read from the first page with more
	// than the text to go on (package pdftext sees the layout). Its
	// non-empty fields win over what Parse reads from the masthead lines;
	// Symbol and Body above win over it.
	Identity Identity

	// LongParagraph is the length, in characters, above which a paragraph
	// draws a warning: it has probably swallowed a page or a heading. Zero
	// means DefaultLongParagraph.
	LongParagraph int
}

// DefaultLongParagraph is a little more than a page of text: no paragraph
// of the reports we know comes near it.
const DefaultLongParagraph = 4000

// maxGap is the largest jump in the paragraph sequence Parse accepts as a
// gap; a larger jump is a number that is not a paragraph number.
const maxGap = 20

// Section ranks: a heading closes every open section of the same or a
// lower rank (a higher number) and opens below the rest.
const (
	rankChapter = 1 // I., II., Chapter IV; annexes
	rankPart    = 2 // A., B.
	rankItem    = 3 // 1., 2. topic headings
	rankLetter  = 4 // (a), (b) headings
	rankSub     = 5 // unnumbered: summary, outcome, other; resolutions and decisions
)

type frame struct {
	s    *Section
	rank int
	hint int // the source's heading level, 0 when unknown
}

// parser is the state of one Parse run. Parse reads the lines once, in
// order; every decision looks at most one line ahead.
type parser struct {
	opts  Options
	ls    []pline
	front []pline // the masthead: the lines before the body
	i     int     // the line being read
	r     *Report

	stack      []frame
	keys       map[string]bool
	chapterNo  int            // value of the current chapter's Roman numeral
	partLetter byte           // letter of the current part, 0 before the first
	itemNo     int            // number of the last numbered heading under the current part
	capLater   map[string]int // Roman-numbered headings still to come, by number
	pending    *pendingCap    // a bare "A." waiting for its title

	last     int        // number of the last report paragraph
	para     *Paragraph // the paragraph that receives items and continuation lines
	letter   *Paragraph // its current lettered item
	roman    *Paragraph // the current Roman item of letter
	listNext int        // next number of a list embedded in para (an agenda), 0 when none
	listCtx  bool       // the last unit ended with a colon: short lines after it are its list
	text     map[*Paragraph]*strings.Builder

	instr   *Section        // the resolution or decision being read, nil outside one
	iref    string          // ref prefix of its paragraphs: "res68/1"
	irefs   map[string]bool // the prefixes used so far
	opNext  int             // next operative paragraph number
	opVerbs bool            // its first operative paragraph starts with a verb ("Encourages")
	pCount  int             // unnumbered paragraphs so far

	annex   bool           // inside an annex
	annexNo string         // its number ("II"), "" when it has none
	loose   map[string]int // unnumbered parts so far, by annex and page, for their refs
	lastDoc *AnnexDocument // the last entry of a list of documents, for its title's continuation
	dropped int            // body lines with no paragraph to join
	warns   []string
}

// Parse reads the structure of a UN report from its lines. It never fails
// on odd structure — oddities become Report.Warnings — but returns a
// *kg.Error with CodeUnsupported when there is nothing it can read: no
// lines, or no numbered paragraph at all.
func Parse(lines []Line, opts Options) (*Report, error) {
	var text, notes []Line
	for _, l := range lines {
		if l.Note {
			notes = append(notes, l)
		} else {
			text = append(text, l)
		}
	}
	ls := prepare(text)
	if len(ls) == 0 {
		return nil, kg.Errorf(kg.CodeUnsupported, "document has no text to parse")
	}
	p := &parser{
		opts:  opts,
		ls:    ls,
		r:     &Report{},
		keys:  map[string]bool{},
		text:  map[*Paragraph]*strings.Builder{},
		irefs: map[string]bool{},
		loose: map[string]int{},
	}
	tocFrom, tocTo := findTOC(ls)
	body := bodyStart(ls, tocFrom)
	p.front = ls[:body]
	p.r.Identity = readIdentity(masthead(p.front), opts)

	p.capLater = map[string]int{}
	for _, l := range ls[body:] {
		if l.tok.kind == tokCap && l.tok.roman > 0 {
			p.capLater[l.tok.label]++
		}
	}
	p.frontParts(body, tocFrom)
	stray := strayLeadingNumber(ls, body)
	for p.i = body; p.i < len(ls); p.i++ {
		if l := &ls[p.i]; l.tok.kind == tokCap && l.tok.roman > 0 {
			p.capLater[l.tok.label]--
		}
		if p.i >= tocFrom && p.i < tocTo {
			continue
		}
		if p.i == stray {
			p.warnf("dropped %q before paragraph 1: a leftover of the contents", truncateText(ls[p.i].Text, 60))
			continue
		}
		p.line()
	}
	p.noteParts(notes)
	return p.finish()
}

// noteParts keeps the footnotes as note parts of the document, under no
// section, each cited to its page.
func (p *parser) noteParts(notes []Line) {
	p.stack, p.annex, p.annexNo = nil, false, ""
	for _, n := range notes {
		t := normSpace(n.Text)
		if t == "" {
			continue
		}
		p.loosePart(&pline{Line: Line{Text: t, Page: n.Page}, tok: token{rest: t}}, kg.PartNote)
	}
	p.para, p.letter, p.roman = nil, nil, nil
}

// line reads ls[p.i].
func (p *parser) line() {
	l := &p.ls[p.i]
	if l.Row {
		p.row(l)
		return
	}
	t := l.tok
	switch t.kind {
	case tokAnnex:
		p.openAnnex(l)
		return
	case tokInstr:
		if t.rest == "" || headingLike(t.rest) || l.Heading {
			p.openInstr(l)
			return
		}
	case tokCap:
		if p.capHeading(l) {
			return
		}
	case tokText:
		if k := knownTitle(l.Text); k != "" && (l.Heading || p.listNext == 0 && !p.listCtx || p.nextNumber() == p.last+1) {
			p.openSub(l, k)
			return
		}
	}
	if p.instr != nil && p.instrLine(l) {
		return
	}
	switch t.kind {
	case tokNumber:
		p.number(l)
	case tokAlpha:
		p.alpha(l)
	default:
		p.plain(l)
	}
}

// capHeading opens a chapter ("IV.", "Chapter IV") or a part ("B.") if the
// line is one, and reports whether it did. "I.", "V.", "C.", "D." can be
// either: the one that continues its sequence wins.
func (p *parser) capHeading(l *pline) bool {
	t := l.tok
	if !l.Heading && !(t.rest == "" || headingLike(t.rest) && startsUpper(t.rest)) {
		return false
	}
	nextPart := byte('A')
	if p.partLetter != 0 {
		nextPart = p.partLetter + 1
	}
	chapterFits := t.roman > 0 && t.roman == p.chapterNo+1
	partFits := t.letter != 0 && t.letter == nextPart
	chapter := false
	switch {
	case t.chapter:
		chapter = true
	case chapterFits && !partFits:
		chapter = true
	case partFits && !chapterFits:
	case chapterFits && partFits:
		chapter = len(p.stack) > 0 && p.stack[0].hint > 0 && p.stack[0].hint == l.Level
	default:
		// Out of sequence. A heading the source marks, or a small jump (a
		// chapter or part missing from the text), is still a heading;
		// "IX." as the first chapter is a number the layout put astray.
		chapter = t.letter == 0 || t.roman > 0 && p.chapterNo == 0
		jump := int(t.letter) - int(nextPart)
		if chapter {
			jump = t.roman - p.chapterNo - 1
		}
		// A chapter number that comes again later ("IX." put before the
		// executive summary by a confused layout, "Chapter IX" in its
		// place) is astray here.
		astray := chapter && p.capLater[t.label] > 0
		if !l.Heading && !t.chapter && (jump < 0 || astray || !chapter && jump > 25) {
			if k := knownTitle(t.rest); k != "" {
				p.openSub(&pline{Line: Line{Text: t.rest, Page: l.Page}}, k)
				return true
			}
			return false
		}
	}
	p.itemNo = 0
	if t.rest == "" && !l.Heading {
		// "A." alone: a text layer that put the letter before the
		// paragraphs its heading follows. The next unnumbered heading
		// ("Deliberations") is its title and says where it starts.
		if chapter {
			p.chapterNo, p.partLetter = t.roman, 0
		} else {
			p.partLetter = t.letter
		}
		p.pending = &pendingCap{label: t.label, chapter: chapter}
		return true
	}
	if chapter {
		p.chapterNo, p.partLetter = t.roman, 0
		p.open(&Section{Number: t.label, Title: t.rest, Kind: SecChapter}, rankChapter, l.Level)
	} else {
		p.partLetter = t.letter
		p.open(&Section{Number: t.label, Title: t.rest, Kind: SecPart}, rankPart, l.Level)
	}
	return true
}

// pendingCap is a bare chapter or part number waiting for its title.
type pendingCap struct {
	label   string
	chapter bool
}

// open closes the sections s ends and opens it.
func (p *parser) open(s *Section, rank, hint int) {
	if rank < rankSub {
		p.pending = nil // a numbered heading came first: the bare number was astray
	}
	for len(p.stack) > 0 && p.stack[len(p.stack)-1].rank >= rank {
		p.stack = p.stack[:len(p.stack)-1]
	}
	own := s.Number
	switch s.Kind {
	case SecSummary, SecOutcome:
		// "II.B.1.outcome" for the standard phrases, a slug for the rest
		// ("recommendations", "conclusions-and-recommendations")
		own = string(s.Kind)
		if f := foldTitle(s.Title); f != "summary of deliberations" && f != "outcome of deliberations" {
			own = kg.Slug(s.Title, 40)
		}
	case SecOther:
		own = kg.Slug(s.Title, 40)
	case SecAnnex:
		own = "annex"
		if s.Number != "" {
			own += "-" + s.Number
		}
	case SecResolution, SecDecision:
		own = strings.ReplaceAll(p.iref, "/", "-")
	}
	if own == "" {
		own = string(s.Kind)
	}
	key := own
	if n := len(p.stack); n > 0 {
		parent := p.stack[n-1].s
		key = parent.Key + "." + own
		parent.Children = append(parent.Children, s)
	} else {
		p.r.Sections = append(p.r.Sections, s)
	}
	s.Key = key
	for k := 2; p.keys[s.Key]; k++ {
		s.Key = key + "-" + strconv.Itoa(k)
	}
	p.keys[s.Key] = true
	s.Level = len(p.stack) + 1
	if s.Kind == SecItem || s.Kind == SecChapter || s.Kind == SecPart {
		s.AgendaItems, s.Workshops = refsIn(s.Title)
	}
	p.stack = append(p.stack, frame{s: s, rank: rank, hint: hint})

	p.para, p.letter, p.roman = nil, nil, nil
	p.listNext, p.listCtx = 0, false
	if s.Kind != SecResolution && s.Kind != SecDecision {
		p.instr = nil
	}
	p.annex, p.annexNo = false, ""
	for _, f := range p.stack {
		if f.s.Kind == SecAnnex {
			p.annex, p.annexNo = true, f.s.Number
		}
	}
}

// openSub opens an unnumbered heading: a summary, an outcome, or another
// heading. It hangs below the innermost numbered section; with heading
// levels from the source, a heading at the level of that section's own
// heading is its sibling instead ("Proceedings" after "E. Adoption of the
// agenda").
func (p *parser) openSub(l *pline, k SectionKind) {
	if c := p.pending; c != nil {
		p.pending = nil
		if c.chapter {
			p.open(&Section{Number: c.label, Title: l.Text, Kind: SecChapter}, rankChapter, l.Level)
		} else {
			p.open(&Section{Number: c.label, Title: l.Text, Kind: SecPart}, rankPart, l.Level)
		}
		return
	}
	if k == SecOther && l.Level > 0 {
		for n := len(p.stack); n > 0; n = len(p.stack) {
			f := p.stack[n-1]
			if f.rank >= rankSub || f.rank < rankPart || f.hint != l.Level {
				break
			}
			p.stack = p.stack[:n-1]
		}
	}
	p.open(&Section{Title: l.Text, Kind: k}, rankSub, l.Level)
}

// openAnnex opens an annex. The heading-like line after "Annex" is its
// title ("List of documents"), not a section of its own.
func (p *parser) openAnnex(l *pline) {
	if p.last == 0 && len(p.r.Paragraphs) == 0 {
		// "Annex" before any paragraph: the report is the annex of a letter
		// of transmittal (S/2025/85). It is the report, not an annex to it.
		return
	}
	s := &Section{Number: l.tok.label, Title: "Annex", Kind: SecAnnex}
	if n := p.i + 1; n < len(p.ls) {
		nx := &p.ls[n]
		if nx.tok.kind == tokText && headingLike(nx.Text) && len(nx.Text) <= 200 && symbolAt(nx.Text) == 0 {
			s.Title = nx.Text
			p.i++
		}
	}
	p.open(s, rankChapter, l.Level)
	p.lastDoc = nil
}

// openInstr opens a resolution or decision adopted or recommended inside
// the report. Its title is the rest of the heading line or the lines after
// it, up to the first line of its text ("The Commission on Narcotic
// Drugs,", "The Economic and Social Council:").
func (p *parser) openInstr(l *pline) {
	t := l.tok
	prefix := map[SectionKind]string{SecResolution: "res", SecDecision: "dec"}[t.ikind]
	if t.draft {
		prefix = "d" + prefix
	}
	p.iref = prefix + t.label
	if p.irefs[p.iref] { // the same resolution twice: its refs must not collide
		for k := 2; ; k++ {
			if r := p.iref + "-" + strconv.Itoa(k); !p.irefs[r] {
				p.iref = r
				break
			}
		}
	}
	p.irefs[p.iref] = true
	s := &Section{Number: t.label, Kind: t.ikind, Draft: t.draft}
	title := t.rest
	for k := 0; k < 4 && p.i+1 < len(p.ls); k++ {
		nx := &p.ls[p.i+1]
		if nx.tok.kind != tokText || !headingLike(nx.Text) || len(nx.Text) > 300 || knownTitle(nx.Text) != "" {
			break
		}
		if title != "" && !hangs(title) && !unclosed(title) {
			break
		}
		title = strings.TrimSpace(title + " " + nx.Text)
		p.i++
	}
	s.Title = title
	p.open(s, rankSub, l.Level)
	p.instr, p.opNext, p.pCount = s, 1, 0
}

// closeInstr leaves a resolution when a report paragraph follows it
// without a heading between.
func (p *parser) closeInstr() {
	for n := len(p.stack); n > 0 && p.stack[n-1].s == p.instr; n = len(p.stack) {
		p.stack = p.stack[:n-1]
	}
	p.instr, p.para, p.letter, p.roman = nil, nil, nil, nil
}

// instrLine reads a line inside a resolution or decision and reports
// whether it belongs there. Numbered lines are its operative paragraphs
// unless the number is the next report paragraph's and the text does not
// read like an operative paragraph.
func (p *parser) instrLine(l *pline) bool {
	t := l.tok
	switch t.kind {
	case tokNumber:
		exp := p.last + 1
		switch {
		case t.n == p.opNext && (t.n != exp || opVerbLike(t.rest) || !p.opVerbs):
			// Operative paragraphs read "Encourages …"; once they do, a
			// number that does not is the report's next paragraph. A
			// numbered list that never did (the agenda inside a draft
			// decision) runs on.
		case t.n == exp:
			p.closeInstr()
			return false
		case t.n < p.opNext:
			p.appendLast("\n", l.Text)
			return true
		}
		if t.n == 1 || p.opNext == 1 {
			p.opVerbs = opVerbLike(t.rest)
		}
		p.opNext = t.n + 1
		p.newPara(l, p.iref+".op"+strconv.Itoa(t.n), 0, t.rest)
		return true
	case tokAlpha:
		if p.para == nil {
			p.instrPara(l)
			return true
		}
		p.alpha(l)
		return true
	}
	last := p.lastUnit()
	if last == nil || p.opNext == 1 && startsUpper(l.Text) && endsSentence(p.text[last].String()) {
		p.instrPara(l)
		return true
	}
	p.appendLast("\n", l.Text)
	return true
}

// instrPara starts an unnumbered paragraph of a resolution: its preamble,
// or the text of a decision.
func (p *parser) instrPara(l *pline) {
	p.pCount++
	p.newPara(l, p.iref+".p"+strconv.Itoa(p.pCount), 0, l.Text)
}

// number reads a line that starts with "N.": a report paragraph, a
// numbered topic heading, or an item of a list inside a paragraph.
func (p *parser) number(l *pline) {
	t := l.tok
	exp := p.last + 1
	if p.para != nil && !l.Heading {
		if p.listNext > 0 && t.n == p.listNext && (t.n != exp || len(t.rest) < 120) {
			p.appendPara(l.Text)
			p.listNext++
			return
		}
		if p.listNext == 0 && t.n == 1 && t.n != exp && p.listCtx && p.letter == nil && len(p.para.Items) == 0 {
			p.appendPara(l.Text)
			p.listNext = 2
			return
		}
	}
	// A numbered heading continues the headings' own sequence (1., 2. under
	// a part) and reads as a title.
	titled := headingLike(t.rest) && startsCapital(t.rest) &&
		(t.n == 1 || t.n > p.itemNo && t.n <= p.itemNo+3 || (l.Heading || agendaRe.MatchString(t.rest)) && t.n < 100)
	if t.n == exp || p.last == 0 && p.instr == nil && !titled {
		// The expected number is a paragraph unless it reads as a heading
		// and something says so: the source marks it, the next line
		// repeats the number, it names an agenda item, or it is short and
		// the next paragraph does not follow it.
		next := p.nextNumber()
		// A heading is never continued by a line starting in lower case:
		// that is a paragraph whose first line a front end set apart.
		continued := p.i+1 < len(p.ls) && p.ls[p.i+1].tok.kind == tokText && startsLower(p.ls[p.i+1].Text)
		if titled && !continued && (l.Heading || next == t.n || agendaRe.MatchString(t.rest) || len(t.rest) < 100 && next != t.n+1) {
			p.openItem(l)
			return
		}
		if t.n != exp {
			p.warnf("the first paragraph is numbered %d", t.n)
		}
		p.paragraph(l)
		return
	}
	if titled {
		p.openItem(l)
		return
	}
	if t.n > exp && t.n <= exp+maxGap && p.instr == nil {
		if t.n == exp+1 {
			p.warnf("paragraph %d is missing: paragraph %d follows paragraph %d", exp, t.n, p.last)
		} else {
			p.warnf("paragraphs %d–%d are missing: paragraph %d follows paragraph %d", exp, t.n-1, t.n, p.last)
		}
		p.paragraph(l)
		return
	}
	if p.annex || p.last == 0 || p.para != nil && p.para.Kind != "" {
		// An annex, a document whose own paragraphs are not numbered, or
		// unnumbered text after the report's paragraphs (an attachment
		// without an "Annex" heading), with a numbering of its own: a
		// numbered part of it.
		p.loosePart(l, kg.PartNumbered)
		return
	}
	if p.lastUnit() != nil {
		if t.n <= p.last {
			p.warnf("paragraph %d appears again after paragraph %d: kept as text of %s", t.n, p.last, p.lastUnit().Ref)
		} else {
			p.warnf("number %d. after paragraph %d is not in the sequence: kept as text of %s", t.n, p.last, p.lastUnit().Ref)
		}
		p.appendLast("\n", l.Text)
		return
	}
	p.loosePart(l, kg.PartText)
}

// nextNumber returns the number the next line starts with, or 0.
func (p *parser) nextNumber() int {
	if p.i+1 < len(p.ls) && p.ls[p.i+1].tok.kind == tokNumber {
		return p.ls[p.i+1].tok.n
	}
	return 0
}

func (p *parser) paragraph(l *pline) {
	p.last = l.tok.n
	p.newPara(l, strconv.Itoa(l.tok.n), l.tok.n, l.tok.rest)
}

// openItem opens a numbered topic heading: "1. Advancing … (agenda item 3)".
func (p *parser) openItem(l *pline) {
	p.itemNo = l.tok.n
	p.open(&Section{Number: strconv.Itoa(l.tok.n), Title: l.tok.rest, Kind: SecItem}, rankItem, l.Level)
}

// alpha reads a line that starts with "(x)": a lettered item, a Roman item
// of a lettered item, or a lettered heading.
func (p *parser) alpha(l *pline) {
	t := l.tok
	if p.listNext > 0 && p.para != nil { // an item of a list inside the paragraph: its text
		p.appendPara(l.Text)
		return
	}
	titled := t.rest != "" && headingLike(t.rest) && startsUpper(t.rest)
	if p.para == nil {
		if titled || l.Heading {
			p.open(&Section{Number: t.label, Title: t.rest, Kind: SecItem}, rankLetter, l.Level)
			return
		}
		p.loosePart(l, kg.PartText)
		return
	}

	lastLetter, lastRoman := "", 0
	if p.letter != nil {
		lastLetter = label(p.letter.Ref)
	}
	if p.roman != nil {
		lastRoman = kg.RomanValue(label(p.roman.Ref))
	}
	asLetter := t.label == nextLetter(lastLetter)
	asRoman := p.letter != nil && kg.RomanValue(t.label) == lastRoman+1 &&
		(lastRoman > 0 || endsColon(p.text[p.letter].String()))
	first := p.letter == nil && (endsColon(p.text[p.para].String()) || !titled)

	switch {
	case l.Heading && titled && !asRoman && p.instr == nil:
		p.open(&Section{Number: t.label, Title: t.rest, Kind: SecItem}, rankLetter, l.Level)
	case asLetter && asRoman:
		if p.aheadRoman(t.label) {
			p.addRoman(l)
		} else {
			p.addLetter(l)
		}
	case asRoman:
		p.addRoman(l)
	case asLetter && (p.letter != nil || first):
		p.addLetter(l)
	case p.letter == nil && titled && p.instr == nil:
		// "(a) Consideration of a proposal …" after a paragraph that
		// introduces no list: a lettered heading.
		p.open(&Section{Number: t.label, Title: t.rest, Kind: SecItem}, rankLetter, l.Level)
	case p.letter != nil && len(t.label) == 1 && len(lastLetter) == 1 && t.label > lastLetter && !asRoman:
		p.warnf("%s: item (%s) follows (%s)", p.para.Ref, t.label, lastLetter)
		p.addLetter(l)
	case p.letter == nil && (t.label == "a" || len(t.label) == 1 && endsColon(p.text[p.para].String())):
		if t.label != "a" {
			p.warnf("%s: its items start at (%s)", p.para.Ref, t.label)
		}
		p.addLetter(l)
	case p.para.Kind != "":
		p.appendLast("\n", l.Text) // a list of an unnumbered part: its text
	default:
		p.warnf("%s: item (%s) is out of sequence: kept as text of %s", p.para.Ref, t.label, p.lastUnit().Ref)
		p.appendLast("\n", l.Text)
	}
}

// aheadRoman settles "(i)" after "(h)", "(v)" after "(u)", "(x)" after
// "(w)" when the lettered item before ends with a colon: the next line
// decides, "(ii)" for a Roman item, "(j)" for a letter; with no next item
// it is Roman, since the colon announced a list.
func (p *parser) aheadRoman(lab string) bool {
	if p.i+1 < len(p.ls) && p.ls[p.i+1].tok.kind == tokAlpha {
		nx := p.ls[p.i+1].tok.label
		if kg.RomanValue(nx) == kg.RomanValue(lab)+1 {
			return true
		}
		if nx == nextLetter(lab) {
			return false
		}
	}
	return true
}

func (p *parser) addLetter(l *pline) {
	q := p.item(p.para, l)
	p.letter, p.roman = q, nil
}

func (p *parser) addRoman(l *pline) {
	p.roman = p.item(p.letter, l)
}

func (p *parser) item(parent *Paragraph, l *pline) *Paragraph {
	q := &Paragraph{
		Ref:     parent.Ref + "(" + l.tok.label + ")",
		Number:  parent.Number,
		Page:    l.Page,
		Section: parent.Section,
	}
	parent.Items = append(parent.Items, q)
	p.write(q, "", l.tok.rest)
	return q
}

// label returns the last "(x)" of a ref: "24(h)(ii)" → "ii".
func label(ref string) string {
	i := strings.LastIndexByte(ref, '(')
	if i < 0 {
		return ""
	}
	return strings.TrimSuffix(ref[i+1:], ")")
}

// strayLeadingNumber finds a numbered line before the body's paragraph 1
// that cannot be a paragraph — "8. Trust fund ..." left over from a table
// of contents — and returns its index, or -1: the first numbered line is
// numbered above 1 and the next numbered line is a long paragraph 1.
func strayLeadingNumber(ls []pline, from int) int {
	first := -1
	for i := from; i < len(ls); i++ {
		if ls[i].tok.kind != tokNumber {
			continue
		}
		if first < 0 {
			if ls[i].tok.n <= 1 {
				return -1
			}
			first = i
			continue
		}
		if ls[i].tok.n == 1 && len(ls[i].tok.rest) > 80 {
			return first
		}
		return -1
	}
	return -1
}

func truncateText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// plain reads a line without numbering: a heading, a row of a list of
// documents, or more text of the paragraph or item being read.
func (p *parser) plain(l *pline) {
	if p.listNext > 0 && p.para != nil {
		p.appendPara(l.Text)
		return
	}
	if l.Heading && !(p.listCtx && !headingLike(l.Text)) {
		p.openSub(l, SecOther)
		return
	}
	if p.annex && (p.para == nil || p.para.Kind != "") && p.annexLine(l) {
		return
	}
	if !p.listCtx && p.headingAhead(l) {
		p.openSub(l, SecOther)
		return
	}
	if u := p.lastUnit(); u == nil || u.Kind == kg.PartTable || u.Kind != "" && p.startsPart(u, l) {
		p.loosePart(l, kg.PartText)
		return
	}
	p.appendLast("\n", l.Text)
}

// row keeps a row of a table as one more line of the table part being
// read, or starts a table part: one per table and page, so that each row
// is cited to its page.
func (p *parser) row(l *pline) {
	if u := p.para; u != nil && u.Kind == kg.PartTable && u.Page == l.Page && p.i > 0 && p.ls[p.i-1].Row && p.letter == nil {
		p.appendPara(l.Text)
		return
	}
	p.loosePart(l, kg.PartTable)
}

// startsPart reports whether a line starts a new unnumbered part rather
// than going on with u: a sentence ended and a new one starts, as the
// paragraphs of a letter do. Rows of a table, lines of a list and lines
// a front end cut short go on.
func (p *parser) startsPart(u *Paragraph, l *pline) bool {
	if signed(l.Text) {
		return true
	}
	prev := p.text[u].String()
	return endsParagraph(prev) && (startsUpper(l.Text) || strings.HasPrefix(l.Text, "(")) && len(l.Text) > 60
}

// endsParagraph reports whether s ends the way a paragraph does.
func endsParagraph(s string) bool {
	t := strings.TrimRight(s, "”\"’') ")
	r, _ := utf8.DecodeLastRuneInString(t)
	return r == '.' || r == ':' || r == ';' || r == '!' || r == '?' || r == ',' // the preamble of a resolution
}

// loosePart keeps a line that is no numbered paragraph, no item and no
// heading of the outline as an unnumbered part of its own, ref'd by the
// page it starts on, so that no text is dropped.
func (p *parser) loosePart(l *pline, kind string) {
	annex := ""
	if p.annex {
		annex = "annex" + p.annexNo
	}
	page := l.Page
	key := annex + "|" + strconv.Itoa(page)
	p.loose[key]++
	p.newPara(l, kg.UnnumberedRef(annex, page, p.loose[key]), 0, l.Text)
	if signed(l.Text) {
		kind = kg.PartSignature
	}
	p.para.Kind = kind
	p.lastDoc = nil
}

// headingAhead recognises an unnumbered heading that its source did not
// mark (a PDF's text layer): a short line that reads as a title and is
// followed by the next report paragraph or by a numbered heading.
func (p *parser) headingAhead(l *pline) bool {
	if len(l.Text) > 150 || !headingLike(l.Text) || !startsUpper(l.Text) || symbolAt(l.Text) > 0 {
		return false
	}
	if p.i+1 >= len(p.ls) {
		return false
	}
	nx := p.ls[p.i+1].tok
	switch nx.kind {
	case tokNumber:
		return nx.n == p.last+1 || p.last == 0 || headingLike(nx.rest)
	case tokCap, tokInstr:
		return true
	}
	return false
}

// annexLine reads a line of an annex: an entry of a list of documents, or
// the rest of the last entry's title. It reports whether the line was one.
func (p *parser) annexLine(l *pline) bool {
	if d, ok := annexRow(l.Text); ok {
		p.r.Annex = append(p.r.Annex, d)
		p.lastDoc = &p.r.Annex[len(p.r.Annex)-1]
		p.para, p.letter, p.roman = nil, nil, nil
		return true
	}
	if d := p.lastDoc; d != nil && (d.Title == "" || startsLower(l.Text) || unclosed(d.Title) || hangs(d.Title)) {
		d.Title = strings.TrimSpace(d.Title + " " + l.Text)
		return true
	}
	return false // a table, a chart, text: an unnumbered part
}

// newPara starts a paragraph: a report paragraph (n > 0) or a paragraph
// of a resolution (n == 0).
func (p *parser) newPara(l *pline, ref string, n int, text string) {
	q := &Paragraph{Ref: ref, Number: n, Page: l.Page}
	if len(p.stack) > 0 {
		s := p.stack[len(p.stack)-1].s
		q.Section = s.Key
		s.Paragraphs = append(s.Paragraphs, ref)
	}
	p.r.Paragraphs = append(p.r.Paragraphs, q)
	p.para, p.letter, p.roman = q, nil, nil
	p.listNext = 0
	p.write(q, "", text)
}

// lastUnit is the paragraph or item the next line of text belongs to.
func (p *parser) lastUnit() *Paragraph {
	switch {
	case p.roman != nil:
		return p.roman
	case p.letter != nil:
		return p.letter
	}
	return p.para
}

func (p *parser) appendPara(s string) { p.write(p.para, "\n", s) }

func (p *parser) appendLast(sep, s string) {
	if u := p.lastUnit(); u != nil {
		p.write(u, sep, s)
	}
}

// write adds text to a unit. Texts are built with a Builder so that a
// paragraph of many lines costs linear time.
func (p *parser) write(q *Paragraph, sep, s string) {
	b := p.text[q]
	if b == nil {
		b = &strings.Builder{}
		p.text[q] = b
	}
	if b.Len() > 0 && s != "" {
		b.WriteString(sep)
	}
	b.WriteString(s)
	// After a colon, the short lines that follow are its list ("Chair: …",
	// names of speakers) until something numbered starts.
	p.listCtx = endsColon(s) || p.listCtx && sep == "\n"
}

func (p *parser) warnf(format string, args ...any) {
	p.warns = append(p.warns, fmt.Sprintf(format, args...))
}

// finish fills in what needs the whole document: texts, orders,
// recommendations, the meeting and the warnings.
func (p *parser) finish() (*Report, error) {
	r := p.r
	r.Walk(func(q *Paragraph) {
		if b := p.text[q]; b != nil {
			q.Text = strings.TrimSpace(b.String())
		}
	})
	if len(r.Paragraphs) == 0 {
		return nil, kg.Errorf(kg.CodeUnsupported, "no text found beyond the masthead")
	}
	r.Walk(func(q *Paragraph) {
		switch {
		case q.Kind == "":
			q.Kind = kg.PartNumbered
		case q.Kind == kg.PartText:
			q.Kind = kindOfPart(q.Text)
		}
	})
	markRecommendations(r)
	instrumentKinds(r)
	if err := readFamily(r, p.ls); err != nil {
		return nil, err
	}
	order := 0
	r.Walk(func(q *Paragraph) { q.Order = order; order++ })
	order = 0
	r.WalkSections(func(s *Section) { s.Order = order; order++ })

	r.Meeting = findMeeting(r, p.front)

	limit := p.opts.LongParagraph
	if limit <= 0 {
		limit = DefaultLongParagraph
	}
	r.Walk(func(q *Paragraph) {
		if q.Kind == kg.PartTable || q.Kind == kg.PartList {
			return // rows of a table, a list of participants: long by nature
		}
		if n := utf8.RuneCountInString(q.Text); n > limit {
			p.warnf("paragraph %s is %d characters long: it may have swallowed a page or a heading", q.Ref, n)
		}
	})
	if p.last == 0 && len(p.irefs) > 0 && len(p.loose) == 0 {
		p.warnf("no numbered report paragraphs: only the text of resolutions or decisions")
	}
	if p.dropped > 0 {
		p.warnf("%d lines of text outside any paragraph were not kept", p.dropped)
	}
	r.Warnings = p.warns
	return r, nil
}
