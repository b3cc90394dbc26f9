package report

import (
	"regexp"
	"strings"

	"github.com/crimegraph/crimegraph/internal/docrules"
)

// leaderRe matches the dot leaders and page number that end an entry of a
// table of contents: "Introduction . . . . . 2".
var leaderRe = regexp.MustCompile(`(?:\.\s?){3,}\.?\s*(?:\d+|[ivxlc]+)?\s*$`)

// findTOC returns the lines [from, to) of the table of contents, or
// (len, len) when there is none. It starts at a "Contents" line that
// comes before the first paragraph and ends at the first line that is not
// an entry but repeats an entry's title: the first heading of the body.
func findTOC(ls []pline) (from, to int) {
	from, to = len(ls), len(ls)
	c := -1
	for i, l := range ls {
		if l.tok.kind == tokNumber && l.tok.n == 1 && len(l.tok.rest) > 80 {
			break
		}
		if f := foldTitle(l.Text); f == "contents" || f == "table of contents" {
			c = i
			break
		}
	}
	if c < 0 {
		return from, to
	}
	titles := map[string]bool{}
	for i := c + 1; i < len(ls); i++ {
		l := ls[i]
		if leaderRe.MatchString(l.Text) {
			if t := tocTitle(leaderRe.ReplaceAllString(l.Text, "")); t != "" {
				titles[t] = true
			}
			continue
		}
		// An entry wrapped over two lines has its leader dots on the
		// second: the first is still the contents, even when its title
		// repeats an earlier entry ("A. Introduction" in every chapter).
		if i+1 < len(ls) && leaderRe.MatchString(ls[i+1].Text) {
			continue
		}
		if titles[tocTitle(l.Text)] || l.tok.kind == tokNumber && l.tok.n == 1 && len(l.tok.rest) > 80 {
			return c, i
		}
	}
	return from, to // no end found: better to keep everything than to drop the body
}

// tocTitle folds a heading for matching it with an entry of the contents:
// numbering and punctuation go.
func tocTitle(s string) string {
	if t := tokenize(strings.TrimSpace(s)); t.kind == tokCap || t.kind == tokNumber {
		s = t.rest
	}
	return foldTitle(normSpace(s))
}

// bodyStart returns the index of the first line of the body: the table
// of contents, the first numbered heading or paragraph, or the heading
// just before the first paragraph ("Introduction"). What comes before is
// the masthead: symbols, body, date, title.
func bodyStart(ls []pline, toc int) int {
	for i, l := range ls {
		if i >= toc {
			return toc
		}
		switch l.tok.kind {
		case tokCap:
			if headingLike(l.tok.rest) && l.tok.rest != "" {
				return i
			}
		case tokInstr:
			return i
		case tokNumber:
			if i > 0 && ls[i-1].tok.kind == tokText && sectionTitle(ls[i-1].Text) {
				return i - 1
			}
			return i
		}
	}
	return len(ls)
}

// sectionTitle reports whether the line before the first paragraph is the
// heading of the first section ("Introduction") rather than the end of the
// masthead (a title, a date, "Original: English").
func sectionTitle(s string) bool {
	if knownTitle(s) != "" {
		return true
	}
	return headingLike(s) && startsCapital(s) && len(s) <= 120 && !strings.Contains(s, ":") &&
		!titleRe.MatchString(s) && !docrules.IsIssuingBody(s) && !dateLineRe.MatchString(s) && !allSymbols(strings.Fields(s))
}

var (
	month      = docrules.MonthPattern
	dateLineRe = regexp.MustCompile(`^(?:Distr\.?:?\s+\w+\s+)?\[?(\d{1,2}) ` + month + `,? (\d{4})\]?$`)
	titleRe    = regexp.MustCompile(`^(?:Report|Letter|Identical letters|Note|Draft report|Annual report|Progress report|Summary|Review|Conference room paper)\b`)
	organRe    = regexp.MustCompile(`^(?:Commission|Committee|Conference|Council|Board|Working Group|Meeting)\b[\p{L} ,\-]{3,120}$`)
)

// readIdentity reads the masthead: the lines before the body.
func readIdentity(front []pline, opts Options) Identity {
	id := readMasthead(front)
	given := opts.Identity
	if len(given.Symbols) > 0 {
		id.Symbols = nil
		for _, s := range given.Symbols {
			id.Symbols = appendNew(id.Symbols, s)
		}
	}
	if given.Date != "" {
		id.Date = given.Date
	}
	if given.Title != "" {
		id.Title = given.Title
	}
	if given.Body != "" {
		id.Body = given.Body
	}
	if s := strings.TrimSpace(opts.Symbol); s != "" {
		rest := id.Symbols
		id.Symbols = []string{s}
		for _, x := range rest {
			id.Symbols = appendNew(id.Symbols, x)
		}
	}
	if id.Body == "" && len(id.Symbols) > 0 {
		id.Body = bodyOfSymbol(id.Symbols[0])
	}
	if opts.Body != "" {
		id.Body = opts.Body
	}
	return id
}

// readMasthead reads symbols, date, body and title from the lines before
// the body.
func readMasthead(front []pline) Identity {
	var id Identity
	for i := 0; i < len(front); i++ {
		t := front[i].Text
		if syms := strings.Fields(t); allSymbols(syms) {
			for _, s := range syms {
				id.Symbols = appendNew(id.Symbols, s)
			}
			continue
		}
		if m := dateLineRe.FindStringSubmatch(t); m != nil && id.Date == "" {
			id.Date = isoDate(m[1], m[2], m[3])
			continue
		}
		if docrules.IsIssuingBody(t) {
			// A principal organ ("Economic and Social Council") issues the
			// document even when a commission's name heads it.
			if docrules.IsPrincipalOrgan(t) && !docrules.IsPrincipalOrgan(id.Body) || id.Body == "" {
				id.Body = t
			}
			continue
		}
		if titleRe.MatchString(t) {
			title := t
			for i+1 < len(front) && strings.HasPrefix(front[i+1].Text, "(") {
				i++
				title += " " + front[i].Text
			}
			// "Commission on Narcotic Drugs" above "Report on the
			// sixty-eighth session": the title needs the name above it.
			named := false
			if strings.HasPrefix(title, "Report on ") && i > 0 {
				if k := i - strings.Count(title, "(") - 1; k >= 0 && organRe.MatchString(front[k].Text) {
					title, named = front[k].Text+": "+title, true
				}
			}
			if id.Title == "" || named && !strings.Contains(id.Title, ": ") {
				id.Title = title
			}
		}
	}
	if id.Title == "" { // no "Report of …": the last heading of the masthead
		for i := len(front) - 1; i >= 0; i-- {
			if l := front[i]; l.Heading && l.Text != id.Body {
				id.Title = l.Text
				break
			}
		}
	}
	return id
}

func allSymbols(fs []string) bool {
	if len(fs) == 0 {
		return false
	}
	for _, f := range fs {
		if !isSymbol(f) {
			return false
		}
	}
	return true
}

func appendNew(ss []string, s string) []string {
	for _, x := range ss {
		if x == s {
			return ss
		}
	}
	return append(ss, s)
}

// bodyOfSymbol names the principal organ a symbol's first element stands for.
func bodyOfSymbol(sym string) string { return docrules.Body(sym) }

func isoDate(day, mon, year string) string { return docrules.Date(day, mon, year) }

var (
	venue = `([A-Z][\p{L}'’.\-]*(?:\s+(?:[A-Z][\p{L}'’.\-]*|de|del|da|do|dos|es|of|la|le|el|al))*)`
	// "The … Meeting … was held in San José from 4 to 6 February 2025."
	heldRe = regexp.MustCompile(`^(?:(.+?)\s+)?(?:was|were)\s+held\s+in\s+` + venue + `,?\s+((?:from|on|between)\s.*)$`)
	// "The Commission held its sixty-eighth session in Vienna from 10 to 14 March 2025."
	heldItsRe = regexp.MustCompile(`^(?:(.+?)\s+)held\s+its\s+([\w\-]+(?:\s+(?:special|regular|resumed|reconvened))?\s+(?:session|meeting))\s+in\s+` + venue + `,?\s+((?:from|on|between)\s.*)$`)
	// "Report of the … Meeting …, held in San José, from 4 to 6 February 2025"
	titleHeldRe = regexp.MustCompile(`^Report (?:of|on) (?:the )?(.+?),?\s+held\s+in\s+` + venue + `,?\s+((?:from|on|between)\s.*)$`)
	rangeRe     = regexp.MustCompile(`^(?:from|between)\s+(\d{1,2})(?:\s+` + month + `)?(?:,?\s+(\d{4}))?\s+(?:to|and)\s+(\d{1,2})\s+` + month + `,?\s+(\d{4})`)
	onRe        = regexp.MustCompile(`^on\s+(\d{1,2})\s+` + month + `,?\s+(\d{4})`)
	meetingSec  = regexp.MustCompile(`\b(?:date and venue|venue and date|place and date|date and place|opening and duration|duration of the (?:session|meeting)|opening of the (?:session|meeting)|organization of the (?:session|meeting))\b`)
)

// findMeeting reads where and when the meeting took place: first from a
// paragraph under a heading such as "Date and venue of the Meeting" or
// "Opening and duration of the session", then from the title. It returns
// nil for a document that is not a meeting report.
func findMeeting(r *Report, front []pline) *Meeting {
	// The sections about the meeting, and every section below one.
	about := map[string]bool{}
	var walk func(ss []*Section, in bool)
	walk = func(ss []*Section, in bool) {
		for _, s := range ss {
			here := in || len(s.Title) < 200 && meetingSec.MatchString(strings.ToLower(s.Title))
			about[s.Key] = here
			walk(s.Children, here)
		}
	}
	walk(r.Sections, false)
	for _, q := range r.Paragraphs {
		if q.Number == 0 || !about[q.Section] {
			continue
		}
		for _, sentence := range strings.SplitAfter(q.Text, ". ") {
			if m := meetingIn(strings.TrimSpace(sentence), r, front); m != nil {
				m.Ref = q.Ref
				return m
			}
		}
	}
	if m := titleHeldRe.FindStringSubmatch(r.Title); m != nil {
		mt := &Meeting{Name: m[1], Venue: m[2]}
		if mt.StartDate, mt.EndDate = dates(m[3]); mt.StartDate != "" {
			return mt
		}
	}
	if mt := titleSession(r.Title); mt != nil {
		return mt
	}
	if r.Family == FamilyList {
		return listMeeting(r)
	}
	// "The Special Committee on the Charter … was convened in accordance
	// with General Assembly resolution 79/125 and met at United Nations
	// Headquarters from 18 to 26 February 2025." — the report's first
	// paragraph, naming the body.
	for _, q := range r.Paragraphs {
		if q.Number == 0 {
			continue
		}
		if q.Number == 1 {
			if m := metRe.FindStringSubmatch(strings.SplitN(q.Text, ". ", 2)[0]); m != nil && listBodyRe.MatchString(m[1]) && len(m[1]) <= 200 {
				mt := &Meeting{Name: strings.TrimPrefix(strings.TrimPrefix(m[1], "The "), "the "), Venue: m[2], Ref: q.Ref}
				if mt.StartDate, mt.EndDate = dates(m[3]); mt.StartDate != "" {
					return mt
				}
			}
		}
		break
	}
	return nil
}

// metRe reads a body that met somewhere on some dates, after being
// convened: "The Special Committee … was convened in accordance with …
// and met at United Nations Headquarters from 18 to 26 February 2025".
var metRe = regexp.MustCompile(`^((?:The|the)\s+[A-Z][^,;]+?)\s+(?:was\s+convened\b[^;]*?\s+and\s+)?met\s+(?:at|in)\s+` + venue + `,?\s+((?:from|on|between)\s.*?)\.?$`)

// meetingIn reads a sentence such as "The … Meeting … was held in San José
// from 4 to 6 February 2025".
func meetingIn(s string, r *Report, front []pline) *Meeting {
	if m := heldRe.FindStringSubmatch(s); m != nil {
		mt := &Meeting{Name: strings.TrimPrefix(strings.TrimPrefix(m[1], "The "), "the "), Venue: m[2]}
		if mt.StartDate, mt.EndDate = dates(m[3]); mt.StartDate == "" {
			return nil
		}
		if t := titleHeldRe.FindStringSubmatch(r.Title); t != nil && len(strings.Fields(mt.Name)) < 3 {
			mt.Name = t[1] // "The Meeting was held": the title names it
		}
		return mt
	}
	if m := heldItsRe.FindStringSubmatch(s); m != nil {
		subject := strings.TrimPrefix(strings.TrimPrefix(m[1], "The "), "the ")
		session := m[2]
		mt := &Meeting{Name: upperFirst(session) + " of the " + expandBody(subject, r, front), Venue: m[3]}
		if mt.StartDate, mt.EndDate = dates(m[4]); mt.StartDate == "" {
			return nil
		}
		return mt
	}
	return nil
}

// expandBody turns "Commission" into "Commission on Narcotic Drugs" when
// the title, the body or the masthead says so.
func expandBody(subject string, r *Report, front []pline) string {
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(subject) + `(?:\s+(?:on|for|of|against)\s+[A-Z][\p{L}\-]*(?:\s+(?:and\s+)?[A-Z][\p{L}\-]*)*)?`)
	texts := []string{r.Title, r.Body}
	for _, l := range front {
		texts = append(texts, l.Text)
	}
	for _, s := range texts {
		if m := re.FindString(s); len(m) > len(subject) {
			return m
		}
	}
	return subject
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// dates reads "from 4 to 6 February 2025", "from 28 February to 2 March
// 2025", "from 30 December 2024 to 2 January 2025" or "on 4 February 2025".
func dates(s string) (start, end string) {
	if m := rangeRe.FindStringSubmatch(s); m != nil {
		endMon, endYear := m[5], m[6]
		startMon, startYear := m[2], m[3]
		if startMon == "" {
			startMon = endMon
		}
		if startYear == "" {
			startYear = endYear
		}
		return isoDate(m[1], startMon, startYear), isoDate(m[4], endMon, endYear)
	}
	if m := onRe.FindStringSubmatch(s); m != nil {
		d := isoDate(m[1], m[2], m[3])
		return d, d
	}
	return "", ""
}

// Dates reads the dates of a meeting as reports write them, after "held
// in <venue>": "from 4 to 6 February 2025", "from 28 February to 2 March
// 2025", "on 4 February 2025". Both are "" when s does not start so.
func Dates(s string) (start, end string) { return dates(s) }
