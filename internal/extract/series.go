package extract

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
)

// A report produced under a mandate says so near its start, in one of a
// few set phrases:
//
//	The present report is submitted pursuant to paragraph 9 of Security
//	Council resolution 2692 (2023), as reiterated ...
//	The present report is submitted in accordance with Security Council
//	resolution 1244 (1999) and covers ...
//	In accordance with paragraph 20 of Security Council resolution 1244
//	(1999), please find attached the quarterly report ...
//	This report has been prepared in response to General Assembly
//	resolution 78/223, in which the Assembly requested ...
//
// Every document so written under one resolution belongs to one series:
// the series is keyed by the mandating resolution, so the reports of one
// mandate meet in one node whichever order they are ingested in, and a
// report never seen continues the series of the ones before it. The
// paragraph of the resolution is kept on the MANDATED_BY edge, not in the
// key: one report names it and the next may not.

// mandateTrigger is the phrase that introduces the mandate, with an
// optional "paragraph N of" after it.
var mandateTrigger = regexp.MustCompile(`(?i)\b(?:pursuant to|in accordance with|in response to|in compliance with|as requested (?:by|in)|at the request of|in follow-up to)\s+(?:(?:operative\s+)?paragraphs?\s+([0-9]{1,3})(?:\s*\([a-z]\))?(?:\s*(?:,|and)\s*[0-9]{1,3}(?:\s*\([a-z]\))?)*\s+of\s+)?(?:its\s+|the\s+)?`)

// reportWords says the sentence is about the document itself, not about
// some other body established pursuant to a resolution ("the Panel of
// Experts established pursuant to resolution 2653 (2022)").
var reportWords = regexp.MustCompile(`(?i)\b(?:(?:present|this|attached|enclosed|the [a-z-]+ (?:quarterly |annual |periodic |monthly )?)report|(?:is|are|was|been) (?:submitted|transmitted|prepared|presented)|please find attached|have the honour to (?:transmit|submit|forward))\b`)

// establishedBefore rejects a trigger that follows "established" or
// "imposed": the resolution mandates the panel or the measures, not this
// document.
var establishedBefore = regexp.MustCompile(`(?i)\b(?:established|imposed|adopted|created|set up|renewed|extended|authorized)\s*$`)

// ordinalReport reads "the sixth quarterly report", "the 12th report".
var ordinalReport = regexp.MustCompile(`(?i)\bthe\s+(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|[0-9]{1,3}(?:st|nd|rd|th))\s+(?:(?:quarterly|annual|biannual|semi-annual|monthly|periodic|progress|consolidated)\s+)?report\b`)

var ordinals = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
	"seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
	"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
	"nineteenth": 19, "twentieth": 20}

// seriesParagraphs is how far into a document the mandate is looked for:
// it stands in the introduction, and a resolution cited later is a
// reference, not a mandate.
const seriesParagraphs = 4

// SeriesID is the ID of the series of the documents mandated by a
// resolution (the resolution's Instrument key, "S/RES/2692(2023)").
func SeriesID(resolutionKey string) kg.ID { return kg.NewID(kg.KindSeries, resolutionKey) }

// series adds the document's series: IN_SERIES to the series of its
// mandating resolution, and MANDATED_BY from both the series and the
// document to the resolution, each cited to the mandate sentence.
func (x *extractor) series() {
	if x.rec == nil {
		return
	}
	n := 0
	var found bool
	var order, inSeries int
	x.rep.Walk(func(p *report.Paragraph) {
		if found || n >= seriesParagraphs || p.Number == 0 {
			return
		}
		n++
		if o := reportOrdinal(p.Text); o > 0 && order == 0 {
			order = o
		}
		res, para, start, end, ok := x.mandate(p.Text)
		if !ok {
			return
		}
		found = true
		resID := x.node(res.Node)
		sid := x.node(kg.Node{ID: SeriesID(res.Node.ID.Key()), Kind: kg.KindSeries,
			Label: "Documents under " + res.Node.Label,
			Props: map[string]string{kg.PropSymbol: res.Node.ID.Key()}})
		ev := kg.Evidence{Ref: p.Ref, Start: start, End: end}
		var props map[string]string
		if para != "" {
			props = map[string]string{"paragraph": para}
		}
		x.edge(sid, kg.EdgeMandatedBy, resID, ev, props)
		x.edge(x.docID, kg.EdgeMandatedBy, resID, ev, props)
		inSeries = len(x.edges)
		x.edge(x.docID, kg.EdgeInSeries, sid, ev, nil)
	})
	if found && order > 0 {
		e := &x.edges[inSeries]
		e.Props = map[string]string{kg.PropOrder: strconv.Itoa(order)}
	}
}

// mandate finds the mandate sentence in text: the resolution, the
// paragraph of it when named, and the span of the words that say so.
func (x *extractor) mandate(text string) (res Mention, para string, start, end int, ok bool) {
	for _, loc := range mandateTrigger.FindAllStringSubmatchIndex(text, -1) {
		if establishedBefore.MatchString(text[:loc[0]]) {
			continue
		}
		s, e := sentenceAround(text, loc[0])
		if !reportWords.MatchString(text[s:e]) {
			continue
		}
		// The resolution must follow the trigger closely: "pursuant to
		// paragraph 9 of Security Council resolution 2692 (2023)".
		tail := text[loc[1]:min(len(text), loc[1]+90)]
		for _, m := range x.rec.Recognize(tail, x.ctx) {
			if m.Node.Kind != kg.KindInstrument || m.Node.Props[kg.PropCategory] != "resolution" {
				continue
			}
			if m.Start > 40 { // another clause
				break
			}
			if loc[2] >= 0 {
				para = text[loc[2]:loc[3]]
			}
			return m, para, loc[0], loc[1] + m.End, true
		}
	}
	return Mention{}, "", 0, 0, false
}

// sentenceAround returns the bounds of the sentence holding byte i.
func sentenceAround(text string, i int) (int, int) {
	s := strings.LastIndex(text[:i], ". ")
	if s < 0 {
		s = 0
	} else {
		s += 2
	}
	e := strings.Index(text[i:], ". ")
	if e < 0 {
		e = len(text)
	} else {
		e += i + 1
	}
	return s, e
}

// reportOrdinal reads the position a report gives itself ("the sixth
// quarterly report"), 0 when it gives none.
func reportOrdinal(text string) int {
	m := ordinalReport.FindStringSubmatch(text)
	if m == nil {
		return 0
	}
	w := strings.ToLower(m[1])
	if n, ok := ordinals[w]; ok {
		return n
	}
	n, _ := strconv.Atoi(strings.TrimRight(w, "stndrh"))
	return n
}
