package extract

import (
	"regexp"
	"slices"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
)

// Calls to act, in every form a UN document makes them. Each becomes a
// Recommendation node with its form, verb and maker:
//
//   - recommendation: an item under a recommendations heading or a chapeau
//     that introduces them (report.markRecommendations decides which);
//   - operative: an operative paragraph of a resolution, decision or
//     draft, made by the body that adopts it ("Calls upon Member States to
//     …", made by the Security Council);
//   - call: a sentence of a report or letter in which its author calls on
//     someone ("I call upon all Member States to …", "The Committee
//     recommended that …").
//
// Precision first: only the document's own voice makes a call. A
// paragraph that reports what a speaker said ("The representative of X
// called upon …", any turn of a record) is not one.

// call is one call to act found in a paragraph.
//
// A paragraph is one call however many verbs it holds ("Requests … and
// invites …"; "I encourage … I urge …"): one Recommendation node, whose
// verb is its first verb and whose verbs property lists every verb when
// there are several, so refs, IDs and citations stay those of paragraphs.
type call struct {
	form string
	verb string
	by   string // who makes it, as printed
	// at is the byte offset in the paragraph's text after the verb, where
	// its addressees are named; -1 when the paragraph's chapeau names them.
	at int
	// verbs are the paragraph's distinct verbs, the first one verb; ats the
	// offsets after every verb, at the first, each naming addressees.
	verbs []string
	ats   []int
}

// newCall is the call of a paragraph whose first verb is verb.
func newCall(form, verb, by string, at int) *call {
	return &call{form: form, verb: verb, by: by, at: at, verbs: []string{verb}, ats: []int{at}}
}

// add records one more verb of the paragraph's call.
func (c *call) add(verb string, at int) {
	c.ats = append(c.ats, at)
	if !slices.Contains(c.verbs, verb) {
		c.verbs = append(c.verbs, verb)
	}
}

var (
	// decidesRe reads the verb of a decision stated with its body: "The
	// Economic and Social Council decides:".
	decidesRe = regexp.MustCompile(`^The [A-Z][\p{L} ,\-]{2,80}? ((?:also |further )*(?:decides|requests|calls upon|urges|invites|encourages|recommends|takes note|approves|adopts|endorses|welcomes|authorizes|condemns|demands))\b`)
	// weVerbRe reads the verb of a paragraph of a declaration: "We
	// strongly reaffirm …", "We call upon …".
	weVerbRe = regexp.MustCompile(`^We\s+(?:(?:strongly|further|also|firmly|again|once again|hereby|therefore|resolutely|fully)\s+)*(call\s+(?:up)?on|urge|encourage|invite|request|recommend|commit|decide|reaffirm|recognize|emphasize|stress|underline|acknowledge|welcome|note|express|reiterate|resolve|pledge|affirm|condemn|support|agree|recall)\b`)
	// voiceRe reads a call in the document's own voice: the author, then
	// the verb.
	voiceRe = regexp.MustCompile(`(?:^|[.;]\s+|,\s+(?:and\s+)?|\s+and\s+)(I|We|[Tt]he Secretary-General|[Tt]he (?:United Nations )?High Commissioner|The (?:Special |Independent |Advisory )?(?:Committee|Commission|Panel|Group of Experts|Group|Board|Council|Meeting|Conference|Working Group|Special Rapporteur|Independent Expert|Monitoring Team|Team|Inspectors?|Mission|Office|Secretariat))` + voiceTail)
	// voiceTail is what follows the author in voiceRe: adverbs, then the
	// verb.
	voiceTail = `(?:\s+(?:therefore|also|further|again|strongly|once again|hereby|continues? to|would like to|wishes? to|reiterates? (?:its|my|his|her|their) call (?:on|to)))*\s+((?:reiterate[sd]?\s+(?:its|my|our|his|her|their)\s+(?:calls?|appeals?)|call(?:s|ed)?\s+(?:up)?on|call(?:s|ed)?\s+(?:again\s+)?for|urge[sd]?|recommend(?:s|ed)?|encourage[sd]?|request(?:s|ed)?|invite[sd]?|appeal(?:s|ed)?\s+to|exhort(?:s|ed)?))\b`
	// tailRe reads voiceTail right after an author's name the document
	// gives (authorNames).
	tailRe = regexp.MustCompile(`^` + voiceTail)
	// namedBodyRe reads, in a letter's own text, a body named as the
	// subject of a call in the present tense, the way a group of States
	// writes of itself: "In this regard, the Arab-Islamic Ministerial
	// Committee calls for …".
	namedBodyRe = regexp.MustCompile(`(?:^|[.;]\s+|,\s+)([Tt]he (?:[A-Z][\p{L}’'\-]+\s+){1,4}(?:Committee|Group|Conference|Summit|Forum|Movement|League|Alliance|Coalition))(?:\s+(?:therefore|also|further|again|strongly|once again|hereby))*\s+(calls\s+(?:up)?on|calls\s+for|urges|recommends|encourages|appeals\s+to|exhorts|demands)\b`)
	// opClauseRe reads each clause of an operative paragraph that opens
	// with a verb calling to act, after adverbs: "Urgently calls upon …",
	// "…, welcomes … and encourages Somalia to …", "…; further requests …".
	opClauseRe = regexp.MustCompile(`(?i)(?:^|[,;:]\s+(?:and\s+)?|\s+and\s+)(?:(?:also|further|furthermore|again|once again|strongly|hereby|likewise|moreover|firmly|urgently|therefore|in this regard,?)\s+)*(decides|requests|urges|calls\s+(?:up)?on|calls\s+for|encourages|invites|recommends|demands|condemns|authorizes|appeals\s+to|exhorts)\b`)
	// affirmsShallRe reads an operative clause that affirms that someone
	// shall act, in the clause ("Affirms that the GFRS … shall document …"),
	// not "Reaffirms".
	affirmsShallRe = regexp.MustCompile(`(?:^|[,;:]\s+(?:and\s+)?|\s+and\s+)(?:(?:also|further|strongly)\s+)*([Aa]ffirms) that\b[^;]{0,200}?\bshall\b`)
	// weClauseRe reads the same in a declaration's "we" paragraph: "We
	// reaffirm … and we call upon …".
	weClauseRe = regexp.MustCompile(`(?i)(?:^|[,;:]\s+(?:and\s+)?|\s+and\s+)we\s+(?:(?:strongly|further|also|firmly|again|once again|hereby|therefore|resolutely|fully)\s+)*(call\s+(?:up)?on|urge|encourage|invite|request|recommend|commit|decide|resolve|pledge|condemn)\b`)
	// voiceAndRe reads a call's further verbs with the same subject: "I
	// encourage donors …, and urge the Libyan authorities to …".
	voiceAndRe = regexp.MustCompile(`(?:,\s*|\s+)and\s+(?:(?:also|further|strongly)\s+)*(call(?:s|ed)?\s+(?:up)?on|call(?:s|ed)?\s+(?:again\s+)?for|urge[sd]?|recommend(?:s|ed)?|encourage[sd]?|request(?:s|ed)?|invite[sd]?|appeal(?:s|ed)?\s+to|exhort(?:s|ed)?)\b`)
	// shouldRe reads the author's "States should …", "Member States must
	// …", "The Haitian authorities must …", "The Government should …": a
	// sentence that opens with those it binds.
	shouldRe = regexp.MustCompile(`^((?:All |all )?(?:Member )?States|Governments|(?:The|the) international community|(?:All |all |The |the |Both |both )?(?:parties|armed actors|donors)(?: to the conflict)?|(?:All |all |The |the )?[Pp]erpetrators(?: of [\p{L} ,\-]{1,60}?)?|(?:All |all |The |the )(?:(?:de facto|transitional|interim|national|relevant|concerned|[A-Z][\p{L}\-]+)\s+){0,2}(?:Government|authorities|security forces|armed forces|armed groups|stakeholders))(?:,?\s+(?:therefore|also|further|thus|in particular|in turn|in this regard),?)*\s+(should|must)\b`)
	// passiveRe reads a recommendation without its author: "It is highly
	// recommended that …".
	passiveRe = regexp.MustCompile(`^It is (?:(?:highly|strongly|therefore|also|further|thus)\s+)*(recommended)\s+that\b`)
	// introRe reads a paragraph that introduces the recommendations that
	// follow it.
	introRe = regexp.MustCompile(`^(?:The|These) (?:following |present )?recommendations\b`)
	// reportedRe marks a sentence that reports what someone else said.
	reportedRe = regexp.MustCompile(`(?i)\b(?:representatives?|speakers?|delegations|delegation of|participants?|the observer|said|stated|noted that|expressed the view|(?-i:M(?:r|s|rs)\.? [A-Z]\p{L}+))\b`)
	// procedureRe marks what calls on no one to act: the closing request
	// of a letter to circulate it, a committee asking for information.
	procedureRe = regexp.MustCompile(`(?i)\b(?:present (?:letter|note|document|communication)|circulat(?:e|ed|ion)|distributed as|issued as a document)\b|\brequest(?:s|ed)? (?:information|clarification|an update|details)\b|\bupon enquiry\b`)
)

// actFamilies are the families whose numbered paragraphs are operative.
var actFamilies = map[report.Family]bool{
	report.FamilyResolution: true, report.FamilyDecision: true, report.FamilyDraft: true, report.FamilyAmendment: true,
}

// voiceFamilies are the families whose text speaks in the author's own
// voice: reports, letters and what is left unclassified.
var voiceFamilies = map[report.Family]bool{
	report.FamilyReport: true, report.FamilyLetter: true, report.FamilyNoteVerbale: true, report.FamilyOther: true,
}

// findCalls returns the calls of a report by paragraph ref.
func findCalls(r *report.Report) map[string]*call {
	out := map[string]*call{}
	instrBody := instrumentBodies(r)
	names := authorNames(r)
	heading := "" // the last unnumbered heading read, in a document without sections
	r.Walk(func(p *report.Paragraph) {
		if p.Kind == kg.PartHeading {
			heading = p.Text
		}
		switch {
		case p.Recommendation:
			c := &call{form: kg.FormRecommendation, at: -1}
			if m := callRe.FindStringIndex(p.Chapeau); m != nil {
				c.verb = normVerb(p.Chapeau[m[0]:m[1]])
				c.by = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(beforeClause(p.Chapeau[:m[0]])), "In addition,"))
			}
			if p.Chapeau == "" {
				// A paragraph under a recommendations heading says its own
				// verbs ("I call for … I urge …", "The Monitoring Team
				// recommends that …"); one that only introduces them ("The
				// following recommendations focus on …") makes none.
				if v := voiceCall(r, p, names); v != nil {
					c.verb, c.verbs, c.by, c.at, c.ats = v.verb, v.verbs, v.by, v.at, v.ats
				} else if b := bulletCall(p, "Recommendations"); b != nil {
					c.verb, c.verbs, c.at, c.ats = b.verb, b.verbs, b.at, b.ats
				} else if introRe.MatchString(p.Text) {
					return
				}
			}
			out[p.Ref] = c
		case p.Kind == kg.PartOperative:
			by := ""
			if b, ok := instrBody[p.Section]; ok {
				by = b
			} else if actFamilies[r.Family] && r.Act != nil {
				by = r.Act.Body
			}
			if by == "" && !actFamilies[r.Family] {
				return
			}
			if c := operativeCall(p.Text, by); c != nil {
				out[p.Ref] = c
			}
		case !voiceFamilies[r.Family] || p.Number == 0 && p.Kind != kg.PartText:
			// a record's turns are speakers', an information note's
			// statements its delegations'; headings, tables and signatures
			// make no call
		case len(p.Items) > 0 && p.Items[0].Recommendation && p.Items[0].Chapeau == p.Text:
			// "I encourage Member States: (a) To …": the chapeau's call is
			// its items' recommendations
		default:
			if c := voiceCall(r, p, names); c != nil {
				out[p.Ref] = c
			} else if c := bulletCall(p, heading); c != nil {
				out[p.Ref] = c
			}
		}
	})
	return out
}

// callVerbs are the verbs with which an operative paragraph calls to act;
// one that only recalls, notes, welcomes, reaffirms or expresses does not.
var callVerbs = map[string]bool{
	"decides": true, "requests": true, "urges": true, "calls upon": true, "calls for": true, "encourages": true, "invites": true,
	"recommends": true, "demands": true, "condemns": true, "authorizes": true, "appeals to": true, "exhorts": true,
	"affirms": true, // only as "affirms that … shall" (affirmsShallRe)
	// a declaration's own undertakings
	"commits": true, "resolves": true, "pledges": true,
}

// nounAfter are the words after which "requests", "demands" or "calls"
// are nouns, not verbs: "…, requests for assistance".
var nounAfter = map[string]bool{"for": true, "of": true, "from": true, "made": true, "received": true, "submitted": true, "by": true, "were": true, "are": true, "have": true}

// isNoun reports whether the verb read just before text[at:] is a noun.
func isNoun(verb, text string, at int) bool {
	if verb == "calls upon" || !strings.HasSuffix(verb, "s") {
		return false
	}
	f := strings.Fields(text[at:min(len(text), at+20)])
	return len(f) > 0 && nounAfter[strings.ToLower(f[0])]
}

// operativeCall is the call of an operative paragraph: every clause that
// opens with a verb calling to act, or nil when none does.
func operativeCall(text, by string) *call {
	var c *call
	found := func(verb string, at int) {
		if !callVerbs[verb] || isNoun(verb, text, at) {
			return
		}
		if c == nil {
			c = newCall(kg.FormOperative, verb, by, at)
			return
		}
		c.add(verb, at)
	}
	if m := decidesRe.FindStringSubmatchIndex(text); m != nil {
		found(normVerb(text[m[2]:m[3]]), m[1])
	}
	re := opClauseRe
	if weVerbRe.MatchString(text) {
		re = weClauseRe
	}
	for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
		found(normVerb(text[m[2]:m[3]]), m[1])
	}
	// "Affirms that the GFRS … shall document …": an affirmation that
	// someone shall act calls on them.
	if strings.Contains(text, "ffirms that") && strings.Contains(text, " shall ") {
		if m := affirmsShallRe.FindStringSubmatchIndex(text); m != nil {
			found("affirms", m[3])
		}
	}
	return c
}

// voiceCall is the call a paragraph of a report or letter makes in its
// author's own voice, every sentence of it, or nil. "States should …" and
// "It is recommended that …" name no author: they are the author's only in
// a numbered paragraph of the document's own text that reports no one (not
// in a summary of what participants said, nor in unnumbered annex text).
func voiceCall(r *report.Report, p *report.Paragraph, names []string) *call {
	text := p.Text
	unvoiced := p.Number != 0 && !reportedRe.MatchString(text)
	var c *call
	found := func(verb, by string, at int) {
		if c == nil {
			c = newCall(kg.FormCall, verb, by, at)
			return
		}
		c.add(verb, at)
	}
	for _, sr := range sentences(text) {
		sent := text[sr[0]:sr[1]]
		if !mayCall(sent) || procedureRe.MatchString(sent) {
			continue
		}
		voiced := false
		ms := voiceMatches(r, p, sent, names)
		for i, m := range ms {
			if reportedRe.MatchString(sent[:m[2]]) {
				break
			}
			voiced = true
			by := sent[m[2]:m[3]]
			switch by {
			case "I":
				by = author(r)
			case "We": // a letter's State, or the body whose text it is
				by = r.Body
				if l := r.Letter; l != nil && l.Sender != "" {
					by = l.Sender
				}
			}
			found(callVerb(sent, m[4], m[5]), by, sr[0]+m[5])
			// the clause ends where the next voiced call begins
			rest := sent[m[5]:]
			if i+1 < len(ms) && ms[i+1][0] >= m[5] {
				rest = sent[m[5]:ms[i+1][0]]
			}
			for _, a := range voiceAndRe.FindAllStringSubmatchIndex(rest, -1) {
				v, at := callVerb(rest, a[2], a[3]), m[5]+a[3]
				if !isNoun(v, sent, at) {
					found(v, by, sr[0]+at)
				}
			}
		}
		if voiced {
			continue
		}
		// "I further commend … and encourage …", "I reiterate my
		// condemnation … and call again for …": the author's sentence whose
		// first verb calls on no one goes on to a call, in the base form that
		// keeps "I" its subject.
		if strings.HasPrefix(sent, "I ") {
			for _, a := range voiceAndRe.FindAllStringSubmatchIndex(sent, -1) {
				if v := sent[a[2]:a[3]]; !strings.HasSuffix(strings.Fields(v)[0], "s") && !strings.HasSuffix(strings.Fields(v)[0], "ed") && !isNoun(normVerb(v), sent, a[3]) {
					found(callVerb(sent, a[2], a[3]), author(r), sr[0]+a[3])
					voiced = true
				}
			}
			if voiced {
				continue
			}
		}
		// "The Committee emphasized … and recommended that …": the same for
		// a body writing its own report, in the third person, any tense.
		if by := bodySubject(sent, names); by != "" {
			for _, a := range voiceAndRe.FindAllStringSubmatchIndex(sent, -1) {
				if v := sent[a[2]:a[3]]; !isNoun(normVerb(v), sent, a[3]) && !strings.Contains(sent[:a[0]], ";") {
					found(callVerb(sent, a[2], a[3]), by, sr[0]+a[3])
					voiced = true
				}
			}
			if voiced {
				continue
			}
		}
		// A letter's text is its signatory's own, numbered or not.
		if !unvoiced && !(r.Family == report.FamilyLetter && p.Kind == kg.PartText && !reportedRe.MatchString(text)) {
			continue
		}
		if m := shouldRe.FindStringSubmatchIndex(sent); m != nil {
			found(sent[m[4]:m[5]], author(r), sr[0])
		} else if m := passiveRe.FindStringSubmatchIndex(sent); m != nil {
			found("recommended", author(r), sr[0]+m[1])
		} else if strings.Contains(sent, "should") || strings.Contains(sent, "must") {
			// "This must continue, and both parties should act on …": a
			// clause after "; " or ", and"/", but" that opens with those
			// it binds.
			for _, cm := range clauseRe.FindAllStringIndex(sent, -1) {
				if m := shouldRe.FindStringSubmatchIndex(sent[cm[1]:]); m != nil {
					found(sent[cm[1]+m[4]:cm[1]+m[5]], author(r), sr[0]+cm[1])
					break
				}
			}
		}
	}
	return c
}

// callWords are the words every rule of voiceCall needs (voiceRe's and
// voiceAndRe's verbs, shouldRe's modals, passiveRe's "recommended"), in the
// case they are read in. Most sentences hold none, and a substring test
// spares them the regular expressions, the bulk of extraction's time.
var callWords = []string{"call", "urge", "recommend", "encourage", "request", "invite", "appeal", "exhort", "should", "must"}

// mayCall reports whether a sentence holds one of callWords.
func mayCall(sent string) bool {
	for _, w := range callWords {
		if strings.Contains(sent, w) {
			return true
		}
	}
	return false
}

// author is who "I" is in a document: the signatory of a letter, else the
// Secretary-General, who writes the reports that speak in the first person.
func author(r *report.Report) string {
	if l := r.Letter; l != nil && l.Sender != "" {
		return l.Sender
	}
	return "the Secretary-General"
}

// instrumentBodies names, for each resolution or decision printed inside
// a report, the body its chapeau names ("The Commission on Narcotic
// Drugs,"), by section key.
func instrumentBodies(r *report.Report) map[string]string {
	out := map[string]string{}
	for _, p := range r.Paragraphs {
		if p.Kind != kg.PartHeading || p.Number != 0 {
			continue
		}
		if _, ok := out[p.Section]; ok || p.Section == "" {
			continue
		}
		if t := strings.TrimSpace(strings.TrimRight(p.Text, ",:")); strings.HasPrefix(t, "The ") && len(t) < 120 {
			out[p.Section] = strings.TrimPrefix(t, "The ")
		}
	}
	return out
}

// beforeClause returns the last clause of s: "In addition, UNODC" → "UNODC".
func beforeClause(s string) string {
	if i := strings.LastIndexAny(s, ",;"); i >= 0 && i+1 < len(s) {
		return s[i+1:]
	}
	return s
}

// normVerb writes a verb as the Recommendation's verb property: lower case,
// present tense, "calls upon" for "call on", "Calls upon", "called upon".
func normVerb(v string) string {
	v = strings.ToLower(strings.Join(strings.Fields(v), " "))
	for _, adv := range []string{"also ", "further "} {
		v = strings.TrimPrefix(v, adv)
	}
	switch {
	case strings.HasPrefix(v, "reiterate") && strings.Contains(v, "appeal"):
		return "appeals to"
	case strings.HasPrefix(v, "call") && strings.HasSuffix(v, " for"), strings.HasPrefix(v, "reiterate"):
		// "I call for …", "I reiterate my call to/for …": a call for
		// something, beside "calls upon" someone
		return "calls for"
	case strings.HasPrefix(v, "call"), strings.HasPrefix(v, "reiterate"):
		return "calls upon"
	case !strings.HasSuffix(v, "s") && !strings.Contains(v, " ") && !strings.HasSuffix(v, "ed"):
		// "We commit", "We urge": the present tense of a plural subject
		if strings.HasSuffix(v, "ss") || strings.HasSuffix(v, "sh") {
			return v + "es"
		}
		return v + "s"
	case strings.HasPrefix(v, "take"):
		return "takes note"
	case strings.HasPrefix(v, "appeal"):
		return "appeals to"
	}
	for _, p := range [][2]string{{"urged", "urges"}, {"urge", "urges"}, {"recommended", "recommends"}, {"recommend", "recommends"},
		{"encouraged", "encourages"}, {"encourage", "encourages"}, {"requested", "requests"}, {"request", "requests"},
		{"invited", "invites"}, {"invite", "invites"}, {"exhorted", "exhorts"}} {
		if v == p[0] {
			return p[1]
		}
	}
	return v
}

// madeBy links a call to the body or author that makes it, when the
// gazetteer knows them, or to the Secretary-General.
func (x *extractor) madeBy(c *call, recID kg.ID, ref string) {
	if c.by == "" || x.rec == nil {
		return
	}
	if strings.Contains(c.by, "Secretary-General") && !strings.Contains(c.by, "Representative") {
		id := x.node(secretaryGeneral())
		x.edge(recID, kg.EdgeMadeBy, id, kg.Evidence{Ref: ref}, nil)
		return
	}
	for _, m := range x.rec.Recognize(c.by, x.ctx) {
		if m.Node.Kind == kg.KindOrganization || m.Node.Kind == kg.KindState {
			x.edge(recID, kg.EdgeMadeBy, x.node(m.Node), kg.Evidence{Ref: ref}, nil)
			return
		}
	}
}

// callAddressees links an operative paragraph or a call to the actors named
// right after its verb, in the clause that says whom it calls on ("Calls
// upon Member States and the Secretary-General to …").
func (x *extractor) callAddressees(c *call, p *report.Paragraph, recID kg.ID) {
	for _, at := range c.ats {
		x.addresseesAt(at, p, recID)
	}
}

// addresseesAt links the actors named from at to the end of the clause.
func (x *extractor) addresseesAt(at int, p *report.Paragraph, recID kg.ID) {
	if at < 0 || at > len(p.Text) {
		return
	}
	end := min(len(p.Text), at+200)
	for _, stop := range []string{" to ", ":", "“", ";", ". ", " should ", " must "} {
		if i := strings.Index(p.Text[at:end], stop); i >= 0 {
			end = at + i
		}
	}
	for _, m := range x.mentions[p.Ref] {
		if m.Start >= at && m.End <= end && (m.Node.Kind == kg.KindState || m.Node.Kind == kg.KindOrganization) {
			x.edge(recID, kg.EdgeAddressedTo, m.Node.ID, kg.Evidence{Ref: p.Ref, Start: m.Start, End: m.End}, nil)
		}
	}
	// "Requests the Secretary-General to …": the office no gazetteer lists.
	if i := strings.Index(p.Text[at:end], "Secretary-General"); i >= 0 && !strings.Contains(p.Text[at:at+i], "Representative") {
		start := at + i
		x.edge(recID, kg.EdgeAddressedTo, x.node(secretaryGeneral()), kg.Evidence{Ref: p.Ref, Start: start, End: start + len("Secretary-General")}, nil)
	}
}

// callOf returns the call a paragraph's mentions count for: its own, or
// that of the operative paragraph it is an item of.
func (x *extractor) callOf(p *report.Paragraph) (string, *call) {
	for ref := p.Ref; ; {
		if c, ok := x.calls[ref]; ok {
			if ref == p.Ref || c.form == kg.FormOperative {
				return ref, c
			}
			return "", nil
		}
		up := parentRef(ref)
		if up == ref {
			return "", nil
		}
		ref = up
	}
}

// clauseRe marks where a clause of a sentence opens: after "; ", ", and",
// ", but".
var clauseRe = regexp.MustCompile(`(?:;\s+|,\s+(?:and|but)\s+)`)

// beforeAuthorRe is what may come before an author's name that opens a
// call: the sentence's start, a clause's, "and".
var beforeAuthorRe = regexp.MustCompile(`(?:^|[.;]\s+|,\s+(?:and\s+)?|\s+and\s+)$`)

// titleAuthorRe reads the author of a report, note or summary from its
// title: "Report of the Committee on Non-Governmental Organizations on its
// 2025 resumed session" → "Committee on Non-Governmental Organizations".
var titleAuthorRe = regexp.MustCompile(`^(?:(?:Annual |Interim |Final |Progress |Special )?[Rr]eport|Note|Summary|Conclusions|Recommendations) (?:of|by) the ([A-Z].+?)(?: (?:on|at|for|to|covering|submitted|pursuant|addressed|in|concerning|regarding)\b (?:its|the|their|his|her|a|an|work|activities)\b.*)?$`)

// authorNames are the names a report's author writes of itself in the
// third person, read from its title: the name in full, without "United
// Nations", and its head ("United Nations High Commissioner for Human
// Rights" → "United Nations High Commissioner for Human Rights", "High
// Commissioner for Human Rights", "High Commissioner").
func authorNames(r *report.Report) []string {
	m := titleAuthorRe.FindStringSubmatch(strings.TrimSpace(r.Title))
	if m == nil || len(m[1]) > 120 {
		return nil
	}
	full := strings.TrimSpace(m[1])
	names := []string{full}
	short := strings.TrimPrefix(full, "United Nations ")
	if short != full {
		names = append(names, short)
	}
	var head []string
	for _, w := range strings.Fields(short) {
		if r0 := w[0]; r0 < 'A' || r0 > 'Z' {
			break
		}
		head = append(head, w)
	}
	if h := strings.Join(head, " "); h != "" && h != short {
		names = append(names, h)
	}
	return names
}

// voiceMatches are the author's calls in a sentence, as voiceRe's
// submatch indices (call, author, verb), in order: voiceRe's, those after
// an author's name (authorNames), and, in a letter's own text, a body
// named as the subject of a call in the present tense (namedBodyRe).
func voiceMatches(r *report.Report, p *report.Paragraph, sent string, names []string) [][]int {
	ms := voiceRe.FindAllStringSubmatchIndex(sent, -1)
	for _, n := range names {
		for from := 0; ; {
			k := strings.Index(sent[from:], n)
			if k < 0 {
				break
			}
			k += from
			from = k + len(n)
			if k < 4 || (sent[k-4:k] != "The " && sent[k-4:k] != "the ") || !beforeAuthorRe.MatchString(sent[:k-4]) {
				continue
			}
			if t := tailRe.FindStringSubmatchIndex(sent[from:]); t != nil {
				ms = append(ms, []int{k - 4, from + t[1], k - 4, from, from + t[2], from + t[3]})
			}
		}
	}
	if r.Family == report.FamilyLetter && p.Kind == kg.PartText && strings.Contains(sent, "he ") {
		ms = append(ms, namedBodyRe.FindAllStringSubmatchIndex(sent, -1)...)
	}
	slices.SortStableFunc(ms, func(a, b []int) int { return a[4] - b[4] })
	return slices.CompactFunc(ms, func(a, b []int) bool { return a[4] == b[4] })
}

// bodySubject is the author's name that opens a sentence ("The Committee
// emphasized …"), or "".
func bodySubject(sent string, names []string) string {
	if !strings.HasPrefix(sent, "The ") {
		return ""
	}
	for _, n := range names {
		if strings.HasPrefix(sent[4:], n+" ") {
			return sent[:4+len(n)]
		}
	}
	return ""
}

// callVerb is the verb read at s[a:b], normalised.
func callVerb(s string, a, b int) string { return normVerb(s[a:b]) }

// recHeadingRe is a heading over recommendations.
var recHeadingRe = regexp.MustCompile(`(?i)^(?:(?:key |main |summary of (?:the )?)?recommendations|conclusions and recommendations|recommendations and conclusions)\b`)

// imperatives are the verbs recommendations open with in bullet lists.
var imperatives = map[string]bool{}

func init() {
	for _, v := range strings.Fields(`accelerate address adopt advance align allocate apply build combat consider consolidate continue coordinate
		create deepen design develop enable encourage engage enhance ensure establish expand facilitate finance foster harmonize
		implement improve include increase institutionalize integrate intensify invest leverage maintain make mainstream mobilize
		operationalize prevent prioritize promote protect provide pursue raise recognize reduce reform reinforce resource review
		scale share simplify standardize step streamline strengthen support sustain take tailor undertake update uphold use utilize`) {
		imperatives[v] = true
	}
}

// bulletCall is the recommendation a paragraph under a recommendations
// heading makes with bullets, one verb for each that opens with an
// imperative ("• Enhance the adaptability … • Strengthen strategic …"), or
// nil. A PDF's bullet list is one block of text, so its bullets are not
// items.
func bulletCall(p *report.Paragraph, heading string) *call {
	if !strings.Contains(p.Text, "•") || !recHeadingRe.MatchString(strings.TrimSpace(heading)) {
		return nil
	}
	var c *call
	parts := strings.Split(p.Text, "•")
	off := len(parts[0]) + len("•")
	for _, part := range parts[1:] {
		f := strings.Fields(part)
		at := off + len(part) - len(strings.TrimLeft(part, " \n\t"))
		off += len(part) + len("•")
		if len(f) < 2 || !imperatives[strings.ToLower(f[0])] || f[0][0] < 'A' || f[0][0] > 'Z' {
			continue
		}
		switch f[1] {
		case "of", "on", "for", "to", "in", "by", "and", "is", "are", "was", "were":
			continue
		}
		v := strings.ToLower(f[0])
		if c == nil {
			c = newCall(kg.FormRecommendation, v, "", at+len(f[0]))
			continue
		}
		c.add(v, at+len(f[0]))
	}
	return c
}
