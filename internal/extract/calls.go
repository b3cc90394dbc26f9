package extract

import (
	"regexp"
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
type call struct {
	form string
	verb string
	by   string // who makes it, as printed
	// at is the byte offset in the paragraph's text after the verb, where
	// its addressees are named; -1 when the paragraph's chapeau names them.
	at int
}

var (
	// opVerbRe reads the verb an operative paragraph opens with, after
	// adverbs ("Also", "Further", "Strongly").
	opVerbRe = regexp.MustCompile(`^(?:(?:Also|Further|Furthermore|Again|Once again|Strongly|Hereby|Likewise|Moreover|Further also|Firmly|Urgently)\s+)*((?:Calls|Call)\s+(?:up)?on|Takes\s+note|Take\s+note|Appeals\s+to|Pays\s+tribute|Bears\s+in\s+mind|[A-Z][a-z]+s)\b`)
	// decidesRe reads the verb of a decision stated with its body: "The
	// Economic and Social Council decides:".
	decidesRe = regexp.MustCompile(`^The [A-Z][\p{L} ,\-]{2,80}? ((?:also |further )*(?:decides|requests|calls upon|urges|invites|encourages|recommends|takes note|approves|adopts|endorses|welcomes|authorizes|condemns|demands))\b`)
	// weVerbRe reads the verb of a paragraph of a declaration: "We
	// strongly reaffirm …", "We call upon …".
	weVerbRe = regexp.MustCompile(`^We\s+(?:(?:strongly|further|also|firmly|again|once again|hereby|therefore|resolutely|fully)\s+)*(call\s+(?:up)?on|urge|encourage|invite|request|recommend|commit|decide|reaffirm|recognize|emphasize|stress|underline|acknowledge|welcome|note|express|reiterate|resolve|pledge|affirm|condemn|support|agree|recall)\b`)
	// voiceRe reads a call in the document's own voice: the author, then
	// the verb.
	voiceRe = regexp.MustCompile(`(?:^|[.;]\s+|,\s+)(I|We|The Secretary-General|The (?:Special |Independent |Advisory )?(?:Committee|Commission|Panel|Group of Experts|Group|Board|Council|Meeting|Conference|Working Group|Special Rapporteur|Independent Expert|Monitoring Team|Mission|Office|Secretariat))(?:\s+(?:therefore|also|further|again|strongly|once again|continues? to|would like to|wishes? to|reiterates? (?:its|my) call (?:on|to)))*\s+((?:call(?:s|ed)?\s+(?:up)?on|urge[sd]?|recommend(?:s|ed)?|encourage[sd]?|request(?:s|ed)?|invite[sd]?|appeal(?:s|ed)?\s+to|exhort(?:s|ed)?))\b`)
	// reportedRe marks a sentence that reports what someone else said.
	reportedRe = regexp.MustCompile(`(?i)\b(?:representatives?|speakers?|delegations?|participants?|the observer|said|stated|noted that|expressed the view)\b`)
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
	r.Walk(func(p *report.Paragraph) {
		switch {
		case p.Recommendation:
			c := &call{form: kg.FormRecommendation, at: -1}
			if m := callRe.FindStringIndex(p.Chapeau); m != nil {
				c.verb = normVerb(p.Chapeau[m[0]:m[1]])
				c.by = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(beforeClause(p.Chapeau[:m[0]])), "In addition,"))
			}
			out[p.Ref] = c
		case p.Kind == kg.PartOperative:
			m := opVerbRe.FindStringSubmatchIndex(p.Text)
			if m == nil {
				m = decidesRe.FindStringSubmatchIndex(p.Text)
			}
			if m == nil {
				m = weVerbRe.FindStringSubmatchIndex(p.Text)
			}
			if m == nil {
				return
			}
			by := ""
			if b, ok := instrBody[p.Section]; ok {
				by = b
			} else if actFamilies[r.Family] && r.Act != nil {
				by = r.Act.Body
			}
			if by == "" && !actFamilies[r.Family] {
				return
			}
			out[p.Ref] = &call{form: kg.FormOperative, verb: normVerb(p.Text[m[2]:m[3]]), by: by, at: m[1]}
		case !voiceFamilies[r.Family] || p.Number == 0 && p.Kind != kg.PartText:
			// a record's turns are speakers', an information note's
			// statements its delegations'; headings, tables and signatures
			// make no call
		default:
			for _, sr := range sentences(p.Text) {
				sent := p.Text[sr[0]:sr[1]]
				m := voiceRe.FindStringSubmatchIndex(sent)
				if m == nil || reportedRe.MatchString(sent[:m[2]]) || procedureRe.MatchString(sent) {
					continue
				}
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
				out[p.Ref] = &call{form: kg.FormCall, verb: normVerb(sent[m[4]:m[5]]), by: by, at: sr[0] + m[5]}
				break
			}
		}
	})
	return out
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
	case strings.HasPrefix(v, "call"):
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
	if c.at < 0 || c.at > len(p.Text) {
		return
	}
	end := min(len(p.Text), c.at+200)
	for _, stop := range []string{" to ", ":", "“", ";", ". "} {
		if i := strings.Index(p.Text[c.at:end], stop); i >= 0 {
			end = c.at + i
		}
	}
	for _, m := range x.mentions[p.Ref] {
		if m.Start >= c.at && m.End <= end && (m.Node.Kind == kg.KindState || m.Node.Kind == kg.KindOrganization) {
			x.edge(recID, kg.EdgeAddressedTo, m.Node.ID, kg.Evidence{Ref: p.Ref, Start: m.Start, End: m.End}, nil)
		}
	}
	// "Requests the Secretary-General to …": the office no gazetteer lists.
	if i := strings.Index(p.Text[c.at:end], "Secretary-General"); i >= 0 && !strings.Contains(p.Text[c.at:c.at+i], "Representative") {
		start := c.at + i
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
