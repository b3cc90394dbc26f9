package extract

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
)

// Reports that recur carry one title from one issue to the next, but for
// what changes with each issue: the period, the year, the session, the
// ordinal.
//
//	Situation in South Sudan: report of the Secretary-General
//	Implementation of Security Council resolution 1701 (2006) during the
//	period from 21 October 2024 to 20 February 2025: report of the Secretary-General
//	Report of the Commission on Narcotic Drugs on the sixty-eighth session (…)
//	Twentieth report of the Secretary-General on the threat posed by ISIL (Da’esh) …
//
// Every report whose title, with those parts dropped, reads the same
// belongs to one series keyed by that title, so an issue never seen
// continues the series of the ones before it, whichever order they come
// in. The series stands beside a mandate series (series.go): a mandate is
// renewed by a new resolution each year, the title stays. Only titles that
// say "report of X" (or "X: report of Y") are read: letters, notes,
// records, resolutions, drafts and lists have titles of their own.

// notReportTitle rejects titles of the families that are not recurring
// reports, even when the parser took them for a report.
var notReportTitle = regexp.MustCompile(`(?i)^(?:letter|identical letters|note verbale|draft|provisional|list of|agenda|annotated|verbatim|summary|record|resolution|decision|statement|request|compendium)\b|\bletter dated\b|\bnote verbale\b|: note by\b|\bdraft\b`)

// reportKind is what a report calls itself: "report", "annual report",
// "twentieth report", "eleventh annual progress report".
const reportKind = `(?:(?:` + ordinalWord + `|annual|progress|quarterly|periodic|biannual|semi-annual|monthly|interim|final|consolidated|special|comprehensive)\s+)*reports?`

// ordinalWord is an English ordinal up to the ninety-ninth, or "12th".
const ordinalWord = `(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|[0-9]{1,3}(?:st|nd|rd|th)`

var (
	// "Situation in South Sudan: report of the Secretary-General": the
	// reporter is the last "report of".
	subjectFirst = regexp.MustCompile(`(?i)^(.+):\s+` + reportKind + `\s+(?:of|by)\s+(.+)$`)
	// "Report of the Secretary-General on Somalia", "Annual report for
	// 2024 of the Executive Director of UNICEF".
	reportFirst = regexp.MustCompile(`(?i)^` + reportKind + `(?:\s+for\s+(?:the\s+year\s+)?[0-9]{4})?\s+(?:of|by)\s+(.+)$`)

	leadingOrdinal = regexp.MustCompile(`(?i)^(` + ordinalWord + `)\b`)
)

// The parts of a title that change from one issue to the next, in the
// order they are dropped.
const (
	month = `(?:January|February|March|April|May|June|July|August|September|October|November|December)`
	aDate = `(?:[0-9]{1,2}\s+)?(?:` + month + `\s*)?(?:[0-9]{4})?`
)

var (
	datedParens  = regexp.MustCompile(`\([^()]*[0-9][^()]*\)`) // "(2006)", "(28 April–30 May 2025)"
	periodPhrase = regexp.MustCompile(`\b(?:(?:during|for|covering|in)\s+)?the\s+period\s+(?:from\s+)?` + aDate + `(?:\s*(?:to|until|and|–|-)\s*` + aDate + `)?|\bfrom\s+[0-9]{1,2}\s+` + month + `(?:\s+[0-9]{4})?\s+(?:to|until)\s+[0-9]{1,2}\s+` + month + `\s+[0-9]{4}`)
	heldIn       = regexp.MustCompile(`(?i),?\s+held\s+(?:in|at)\s+.*$`) // a meeting's place and dates
	resolutionNo = regexp.MustCompile(`(?i)\bresolutions?\s+([0-9]+(?:/[0-9]+)?)`)
	yearPhrase   = regexp.MustCompile(`(?i)(?:\b(?:for|of|in)\s+(?:the\s+(?:year|biennium)\s+)?)?\b(?:19|20)[0-9]{2}(?:\s*[–-]\s*(?:19|20)?[0-9]{2})?\b`)
	symbolish    = regexp.MustCompile(`(?i)\b(?:contained\s+in\s+)?(?:documents?\s+)?[A-Z]{1,6}(?:/[A-Z0-9.]+){2,}`)
	sessionWords = regexp.MustCompile(`(?i)(?:\s+on\s+(?:the\s+work\s+of\s+)?(?:(?:its|the)\s+)?|:\s+)(?:(?:19|20)[0-9]{2}\s+)?(?:resumed\s+)?(?:` + ordinalWord + `)?(?:\s*,\s*(?:` + ordinalWord + `))*(?:\s+and\s+(?:` + ordinalWord + `))?\s*(?:resumed\s+)?(?:regular\s+|annual\s+)?(special\s+)?sessions?\b(?:\s+(?:` + ordinalWord + `)\s+sessions?\b)*(?:\s+of)?`)
	qualifiers   = regexp.MustCompile(`(?i)\b(?:(?:` + ordinalWord + `|annual|progress|quarterly|periodic|biannual|semi-annual|monthly|interim|final|consolidated)\s+)+(reports?)\b`)
	nonWord      = regexp.MustCompile(`[^\p{L}\p{N}]+`)
	reportWord   = regexp.MustCompile(`(?i)\breport\b`)
)

// keyStop are words left out of a title key: they come and go between
// issues ("on its session", "on the session").
var keyStop = map[string]bool{"the": true, "its": true, "a": true, "an": true}

// TitleSeries returns the key and label of the series of a recurring
// report title, "" when the title is not one of a recurring report. The
// key is the title without what changes between issues, lower case, words
// joined by '-'.
func TitleSeries(title string) (key, label string) {
	t := strings.Join(strings.Fields(title), " ")
	t = strings.TrimRight(t, " .*")
	if t == "" || notReportTitle.MatchString(t) {
		return "", ""
	}
	var reporter, subject string
	if m := subjectFirst.FindStringSubmatch(t); m != nil {
		subject, reporter = m[1], m[2]
	} else if m := reportFirst.FindStringSubmatch(t); m != nil {
		reporter = strings.ReplaceAll(m[1], ": ", " on ")
	} else {
		return "", ""
	}
	words := keyWords(reporter)
	if subject != "" {
		words = append(append(words, "on"), keyWords(subject)...)
	}
	// "Report of the Secretary-General", "Report of the Credentials
	// Committee": no subject, or a body every conference has.
	content := 0
	for _, w := range words {
		if w != "united" && w != "nations" && w != "on" && w != "of" {
			content++
		}
	}
	if content < 3 {
		return "", ""
	}
	key = strings.Join(words, "-")
	if len(key) > 400 {
		key = key[:400]
	}
	return key, titleLabel(t, subject != "")
}

// keyWords are the words of a title part without its changing parts.
func keyWords(s string) []string {
	s = cleanTitle(s)
	s = resolutionNo.ReplaceAllString(s, "resolution r$1") // kept: a resolution number is no year
	s = strings.ToLower(s)
	var out []string
	for _, w := range nonWord.Split(s, -1) {
		if w != "" && !keyStop[w] {
			out = append(out, w)
		}
	}
	return out
}

// cleanTitle drops from a title what changes between issues.
func cleanTitle(s string) string {
	s = datedParens.ReplaceAllString(s, "")
	s = periodPhrase.ReplaceAllString(s, "")
	s = heldIn.ReplaceAllString(s, "")
	s = symbolish.ReplaceAllString(s, "")
	s = sessionWords.ReplaceAllString(s, " on its ${1}sessions")
	s = resolutionNo.ReplaceAllString(s, "resolution R$1")
	s = yearPhrase.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "resolution R", "resolution ")
	s = strings.ReplaceAll(s, "resolutions R", "resolutions ")
	s = qualifiers.ReplaceAllString(s, "$1")
	return strings.Join(strings.Fields(s), " ")
}

// titleLabel names the series: the title without its changing parts, its
// "report" made plural.
func titleLabel(t string, subjectFirst bool) string {
	s := cleanTitle(t)
	s = strings.ReplaceAll(s, " ,", ",")
	s = strings.ReplaceAll(s, " :", ":")
	s = strings.ReplaceAll(s, ",:", ":")
	s = reportWord.ReplaceAllStringFunc(s, func(w string) string {
		if w == strings.ToUpper(w) {
			return w + "S"
		}
		return w + "s"
	})
	s = strings.TrimLeft(s, " ,:")
	if s != "" {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

// titleSeriesParts is how many unnumbered parts at the start of a
// document are searched for its title.
const titleSeriesParts = 12

// titleSeries adds the document to the series of its recurring title,
// cited to the part that prints the title (the whole document when the
// masthead took it). A title series also takes the mandate the document
// states: the mandates of its issues, renewed year after year.
func (x *extractor) titleSeries() {
	r := x.rep
	if r.Family != report.FamilyReport || r.Version.Kind != "" {
		return
	}
	key, label := TitleSeries(r.Title)
	if key == "" {
		return
	}
	sid := x.node(kg.Node{ID: kg.NewID(kg.KindSeries, "title:"+key), Kind: kg.KindSeries, Label: label})
	var props map[string]string
	if m := leadingOrdinal.FindStringSubmatch(strings.TrimSpace(r.Title)); m != nil {
		if o := reportOrdinal("the " + m[1] + " report"); o > 0 {
			props = map[string]string{kg.PropOrder: strconv.Itoa(o)}
		}
	}
	x.edge(x.docID, kg.EdgeInSeries, sid, x.titleEvidence(), props)
	for _, e := range x.edges {
		if e.From == x.docID && e.Kind == kg.EdgeMandatedBy {
			x.edge(sid, kg.EdgeMandatedBy, e.To, e.Evidence[0], e.Props)
		}
	}
}

// titleEvidence is the span of the title in the first part that prints
// it, or the first part that prints a line of it (titles are printed on
// several lines, in capitals or not), or the document when the masthead
// took the title.
func (x *extractor) titleEvidence() kg.Evidence {
	title := strings.ToLower(strings.Join(strings.Fields(x.rep.Title), " "))
	var ev kg.Evidence
	n := 0
	x.rep.Walk(func(p *report.Paragraph) {
		if ev.Ref != "" || n >= titleSeriesParts {
			return
		}
		n++
		if p.Number != 0 || p.Ref == "" {
			return
		}
		// Spans index p.Text: a span is only taken from a text that folding
		// leaves as long as it was.
		text := strings.ToLower(p.Text)
		if len(text) != len(p.Text) {
			return
		}
		if i := strings.Index(text, title); i >= 0 {
			ev = kg.Evidence{Ref: p.Ref, Start: i, End: i + len(title)}
			return
		}
		if t := strings.Join(strings.Fields(text), " "); len(t) >= 12 && strings.Contains(title, t) {
			ev = kg.Evidence{Ref: p.Ref, Start: 0, End: len(p.Text)}
		}
	})
	return ev
}
