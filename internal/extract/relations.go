package extract

import (
	"github.com/crimegraph/crimegraph/internal/gazetteer"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
)

// recEdge is the relation a recommendation has with an entity of each kind
// it names.
var recEdge = map[kg.Kind]kg.EdgeKind{
	kg.KindCrimeType:    kg.EdgeAddresses,
	kg.KindInstrument:   kg.EdgeInvokes,
	kg.KindTheme:        kg.EdgeConcerns,
	kg.KindState:        kg.EdgeNamesActor,
	kg.KindOrganization: kg.EdgeNamesActor,
	kg.KindGroup:        kg.EdgeNamesActor,
}

// entities links every paragraph to the entities named in it, and every
// recommendation to the crime types, instruments, themes and actors it names.
func (x *extractor) entities() {
	x.rep.Walk(func(p *report.Paragraph) {
		pid := x.paraID(p.Ref)
		// "Full Name (ACR)" makes ACR an alias of the entity, in this
		// document's statement of it.
		for _, a := range x.rec.Acronyms(p.Text, x.ctx) {
			id := x.node(a.Node)
			x.edge(pid, kg.EdgeMentions, id, kg.Evidence{Ref: p.Ref, Start: a.Start, End: a.End}, nil)
		}
		ms := x.shortNames(p.Text, x.rec.Recognize(p.Text, x.ctx))
		x.mentions[p.Ref] = ms
		var recID kg.ID
		callRef, c := x.callOf(p)
		if c != nil {
			recID = x.recID(callRef)
		}
		for _, m := range ms {
			id := x.node(m.Node)
			ev := kg.Evidence{Ref: p.Ref, Start: m.Start, End: m.End}
			x.broader(m.Node, ev)
			x.institutionOf(m.Node, ev)
			if isCitation(m.Node) {
				x.edge(pid, kg.EdgeCites, id, ev, nil)
			} else {
				x.edge(pid, kg.EdgeMentions, id, ev, nil)
			}
			if recID != "" {
				if k, ok := recEdge[m.Node.Kind]; ok {
					x.edge(recID, k, id, ev, nil)
					x.instrumentCrimes(recID, m.Node, ev)
				} else if m.Node.Kind == kg.KindDocument || isCitation(m.Node) {
					x.edge(recID, kg.EdgeInvokes, id, ev, nil)
				}
			}
		}
		switch {
		case recID == "":
		case c.form == kg.FormRecommendation && p.Chapeau != "":
			x.addressees(p, recID)
		case callRef == p.Ref:
			x.callAddressees(c, p, recID)
		}
		if recID != "" && callRef == p.Ref {
			x.madeBy(c, recID, p.Ref)
		}
	})
}

// shortNames adds the short references to bodies the document has named
// in full before: after "the Panel of Experts on the Sudan" or "the
// Security Council Committee established pursuant to resolution 2713
// (2023)", "the Panel" and "the Committee" are those bodies. A noun two
// bodies named so far share is left alone. It then records the bodies ms
// names in full.
func (x *extractor) shortNames(text string, ms []Mention) []Mention {
	return shortNames(x.named, text, ms, x.rec.Node)
}

// shortNames is extractor.shortNames over the nouns named records: noun →
// the one body named in full with it so far (a node with no ID when
// several were). node looks up listed entities: a panel of experts named in
// full makes "the Committee" the sanctions committee it serves, unless the
// document names another committee.
func shortNames(named map[string]kg.Node, text string, ms []Mention, node func(kg.ID) (kg.Node, bool)) []Mention {
	// The bodies named in full first, so that "the Committee" after "the
	// Panel of Experts on the Sudan" in the same paragraph is found.
	for _, m := range ms {
		// A name in full, not an acronym or a short form; a body named by its
		// resolution ("the Committee pursuant to resolution 2713 (2023)") is.
		if m.Node.Kind != kg.KindOrganization {
			continue
		}
		if m.End-m.Start <= len(m.Node.Label)/2 && !strings.Contains(text[m.Start:m.End], " resolution") && definedShort(text, m.End) == "" {
			continue
		}
		// "the Executive Council (the Council)": the document defines the
		// short name it will use.
		if h := definedShort(text, m.End); h != "" {
			named[h] = m.Node
			named[definedMark+h] = m.Node
			continue
		}
		if h := SelfHead(m.Node.Label); h != "" {
			if _, def := named[definedMark+h]; def {
				// the short name the document defined stands
			} else if old, ok := named[h]; !ok {
				named[h] = m.Node
			} else if old.ID != m.Node.ID {
				named[h] = kg.Node{} // ambiguous from now on
			}
		}
		if key := gazetteer.CommitteeOf(m.Node); key != "" && node != nil {
			if c, ok := node(kg.NewID(kg.KindOrganization, key)); ok {
				if _, had := named["Committee"]; !had {
					named["Committee"] = c
				}
			}
		}
	}
	// A short name the document defined wins over the one its body's
	// self-reference gives: "the Council" of an OPCW report a Security
	// Council document encloses is the Executive Council it defined.
	for head, d := range named {
		if !strings.HasPrefix(head, definedMark) || d.ID == "" {
			continue
		}
		h := head[len(definedMark):]
		keep := ms[:0:0]
		for _, m := range ms {
			if m.Node.Kind == kg.KindOrganization && m.Node.ID != d.ID && text[m.Start:m.End] == h {
				continue
			}
			keep = append(keep, m)
		}
		ms = keep
	}
	var add []Mention
	for head, n := range named {
		if n.ID == "" || strings.HasPrefix(head, definedMark) {
			continue
		}
		refs := shortReferences(text, head)
		if d, ok := named[definedMark+head]; ok && d.ID == n.ID {
			refs = append(refs, bareReferences(text, head)...)
		}
		for _, sp := range refs {
			if !covered(ms, sp[0], sp[1]) {
				add = append(add, Mention{Node: n, Start: sp[0], End: sp[1]})
			}
		}
	}
	if len(add) == 0 {
		return ms
	}
	ms = append(ms, add...)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	return ms
}

func covered(ms []Mention, start, end int) bool {
	for _, m := range ms {
		if m.Start < end && start < m.End {
			return true
		}
	}
	return false
}

// broader links a crime type to its broader types ("trafficking for forced
// labour" is a kind of trafficking in persons), citing the paragraph that
// named the narrower one, so that a question about the broad type finds it.
func (x *extractor) broader(n kg.Node, ev kg.Evidence) {
	for depth := 0; n.Kind == kg.KindCrimeType && n.Props["parent"] != "" && depth < 8; depth++ {
		parent, ok := x.rec.Node(kg.ID(n.Props["parent"]))
		if !ok {
			return
		}
		x.edge(n.ID, kg.EdgeSubtypeOf, x.node(parent), ev, nil)
		n = parent
	}
}

// instrumentCrimes links a recommendation that invokes an instrument
// against a crime to that crime too ("human rights safeguards in the
// United Nations Convention against Cybercrime" concerns cybercrime), citing
// the instrument's name.
func (x *extractor) instrumentCrimes(recID kg.ID, n kg.Node, ev kg.Evidence) {
	if n.Kind != kg.KindInstrument || n.Props["addresses"] == "" {
		return
	}
	for _, c := range strings.Split(n.Props["addresses"], ",") {
		if ct, ok := x.rec.Node(kg.ID(strings.TrimSpace(c))); ok && ct.Kind == kg.KindCrimeType {
			x.edge(recID, kg.EdgeAddresses, x.node(ct), ev, nil)
		}
	}
}

// institutionOf links a national institution to its State, citing the
// words that name it ("Haitian National Police", "HNP").
func (x *extractor) institutionOf(n kg.Node, ev kg.Evidence) {
	st := n.Props[kg.PropStateISO3]
	if n.Kind != kg.KindOrganization || n.Props[kg.PropCategory] != "national" || st == "" {
		return
	}
	if sn, ok := x.rec.Node(kg.NewID(kg.KindState, st)); ok {
		x.edge(n.ID, kg.EdgeInstitutionOf, x.node(sn), ev, nil)
	}
}

// isCitation reports whether naming n is citing it: documents by symbol and
// resolutions.
func isCitation(n kg.Node) bool {
	return n.Kind == kg.KindDocument || n.Kind == kg.KindInstrument && n.Props[kg.PropCategory] == "resolution"
}

// addressees links a recommendation to the actors its chapeau calls upon
// ("UNODC calls upon Haitian governmental authorities to:"), citing the
// chapeau in the paragraph that holds it.
func (x *extractor) addressees(p *report.Paragraph, recID kg.ID) {
	parentRef, text, base := x.chapeauSource(p)
	// The actors before the call ("UNODC calls upon ...") are its author,
	// not its addressees.
	after := 0
	if loc := callRe.FindStringIndex(p.Chapeau); loc != nil {
		after = loc[1]
	}
	for _, m := range x.rec.Recognize(p.Chapeau, x.ctx) {
		if m.Node.Kind != kg.KindState && m.Node.Kind != kg.KindOrganization || m.Start < after {
			continue
		}
		id := x.node(m.Node)
		ev := kg.Evidence{Ref: parentRef, Start: base + m.Start, End: base + m.End}
		if text == "" {
			ev.Start, ev.End = 0, 0
		}
		x.edge(recID, kg.EdgeAddressedTo, id, ev, nil)
	}
}

// callRe finds the verb of a chapeau that calls on someone.
var callRe = regexp.MustCompile(`(?i)\b(?:calls?\s+(?:in\s+particular\s+)?(?:up)?on|urges?|encourages?|invites?|requests?|recommends?|appeals?\s+to|exhorts?)\b`)

// chapeauSource finds the paragraph whose text holds p's chapeau and the
// chapeau's offset in it, so the evidence span points at the right words.
func (x *extractor) chapeauSource(p *report.Paragraph) (ref, text string, offset int) {
	parent := parentRef(p.Ref)
	for _, r := range []string{parent, p.Ref} {
		if q, ok := x.paras[r]; ok {
			if i := strings.Index(q.Text, p.Chapeau); i >= 0 {
				return r, q.Text, i
			}
		}
	}
	return p.Ref, "", 0
}

// parentRef returns "24" for "24(h)" and "24(h)" for "24(h)(ii)".
func parentRef(ref string) string {
	if i := strings.LastIndexByte(ref, '('); i > 0 {
		return ref[:i]
	}
	return ref
}

var (
	sentenceEnd = regexp.MustCompile(`[.;]\s+(?:[A-Z(“"]|$)|[.;]$`)
	statementRe = regexp.MustCompile(`(?i)\bstatements?\s+(?:was|were)\s+(?:also\s+)?(?:made|delivered)\s+by\b|\bstatements?\s+by\b`)
	attendRe    = regexp.MustCompile(`(?i)\b(?:was|were)\s+represented\b`)
	observerRe  = regexp.MustCompile(`(?i)\bobservers?\b`)
	statesRe    = regexp.MustCompile(`\bStates\b`)
	orgsRe      = regexp.MustCompile(`(?i)\b(?:organizations|entities|institutes|bodies|agencies|programmes|specialized)\b`)
)

// sentences splits text into byte ranges of sentences.
func sentences(text string) [][2]int {
	var out [][2]int
	start := 0
	for _, m := range sentenceEnd.FindAllStringIndex(text, -1) {
		end := m[0] + 1
		out = append(out, [2]int{start, end})
		start = end
		for start < len(text) && text[start] == ' ' {
			start++
		}
	}
	if start < len(text) {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// participation finds who attended the meeting (as a member or an observer,
// as the text says) and who made statements under which section.
func (x *extractor) participation() {
	x.rep.Walk(func(p *report.Paragraph) {
		ms := x.mentions[p.Ref]
		if len(ms) == 0 || !participationHint(p.Text) {
			return
		}
		for _, sr := range sentences(p.Text) {
			sent := p.Text[sr[0]:sr[1]]
			switch {
			case statementRe.MatchString(sent):
				loc := statementRe.FindStringIndex(sent)
				sec := x.topicSection(p.Section)
				if sec == "" {
					continue
				}
				role := ""
				if observerRe.MatchString(sent) {
					role = "observer"
				}
				for _, m := range actorsIn(ms, sr[0]+loc[1], sr[1]) {
					x.edge(m.Node.ID, kg.EdgeStatement, sec, kg.Evidence{Ref: p.Ref, Start: m.Start, End: m.End}, roleProps(role))
				}
			case attendRe.MatchString(sent) && x.meeting != "":
				loc := attendRe.FindStringIndex(sent)
				role := "member"
				if observerRe.MatchString(sent[loc[0]:]) {
					role = "observer"
				}
				// "The following States ... were represented at the Meeting: A, B"
				// lists after the colon; "A and B were represented by observers"
				// before the verb.
				from, to := sr[0], sr[0]+loc[0]
				if c := strings.IndexByte(sent, ':'); c >= 0 {
					from, to = sr[0]+c, sr[1]
				}
				// "The following States ..." lists States only; "The following
				// non-governmental organizations ..." organizations only, even
				// where an organization's name contains a State's.
				only := kg.Kind("")
				switch subject := sent[:loc[0]]; {
				case statesRe.MatchString(subject):
					only = kg.KindState
				case orgsRe.MatchString(subject):
					only = kg.KindOrganization
				}
				// A list set one name a line ("… were represented at the
				// session:" / "Department of Economic and Social Affairs" /
				// …) names one actor a line, whole: "United Nations
				// Framework Convention on Climate Change secretariat" is not
				// the United Nations.
				byLine := strings.Contains(p.Text[from:to], "\n")
				for _, m := range actorsIn(ms, from, to) {
					if only != "" && m.Node.Kind != only || byLine && !wholeLine(p.Text, m, ms) {
						continue
					}
					x.edge(m.Node.ID, kg.EdgeAttended, x.meeting, kg.Evidence{Ref: p.Ref, Start: m.Start, End: m.End}, roleProps(role))
				}
			}
		}
	})
}

// wholeLine reports whether the line of text m stands on holds names of
// actors only, whole, but for list punctuation: "Department of Economic and
// Social Affairs", or two columns of a table, "Argentina India"; not
// "United Nations Framework Convention on Climate Change secretariat".
func wholeLine(text string, m Mention, ms []Mention) bool {
	start := strings.LastIndexByte(text[:m.Start], '\n') + 1
	end := len(text)
	if i := strings.IndexByte(text[m.End:], '\n'); i >= 0 {
		end = m.End + i
	}
	rest := []byte(text[start:end])
	for _, o := range actorsIn(ms, start, end) {
		for i := o.Start; i < o.End; i++ {
			rest[i-start] = ' '
		}
	}
	return strings.Trim(string(rest), " .,;") == ""
}

// participationHint is a cheap test that a text may report statements or
// attendance, before the regular expressions run.
func participationHint(text string) bool {
	return strings.Contains(text, "made by") || strings.Contains(text, "delivered by") ||
		strings.Contains(text, "tatement by") || strings.Contains(text, "tatements by") ||
		strings.Contains(text, "represented")
}

func roleProps(role string) map[string]string {
	if role == "" {
		return nil
	}
	return map[string]string{kg.PropRole: role}
}

// actorsIn returns the State and Organization mentions within [from, to).
func actorsIn(ms []Mention, from, to int) []Mention {
	var out []Mention
	for _, m := range ms {
		if m.Start >= from && m.End <= to && (m.Node.Kind == kg.KindState || m.Node.Kind == kg.KindOrganization) {
			out = append(out, m)
		}
	}
	return out
}

// topicSection returns the section a statement was made under: the
// innermost enclosing section that is not a "Summary/Outcome of
// deliberations" block, which only subdivide a topic.
func (x *extractor) topicSection(key string) kg.ID {
	for key != "" {
		s, ok := x.sections[key]
		if !ok {
			return ""
		}
		if s.Kind != report.SecSummary && s.Kind != report.SecOutcome {
			return x.sectionID(key)
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			return ""
		}
		key = key[:i]
	}
	return ""
}

// roleRe matches a line that starts with an office: "Chair: Gerald Campos
// Valverde (Costa Rica)", or a row of an officers table, "First Vice-Chair
// Eastern European States Andranik Hovhannisyan (Armenia)".
var roleRe = regexp.MustCompile(`^((?:First |Second |Third )?(?:Vice-)?(?:Chair(?:person)?|President)|Rapporteur)s?\b[\s:]*`)

// officerRe reads the end of such a line: the officer, then the State in
// brackets.
var officerRe = regexp.MustCompile(`([^()]*?)\s*\(([^()]+)\)\s*[.;,]?\s*$`)

// honorifics are dropped from officers' names.
var honorificRe = regexp.MustCompile(`^(?:(?:Mr|Ms|Mrs|Dr|H\.E)\.?\s+)+`)

// officer is an office found in a paragraph, with the byte offsets of the
// officer's name and State in the paragraph's text.
type officer struct {
	role, name, from     string
	nameStart, fromStart int
}

// findOfficers reads the offices listed line by line in text. A table row
// whose officer is set on the next line ("Second Vice-Chair Western
// European and other States" / "Peter Potman (Kingdom of the
// Netherlands)") is read across both; a regional group ending in "States"
// before the name is dropped.
func findOfficers(text string) []officer {
	var out []officer
	lines := strings.Split(text, "\n")
	offset := make([]int, len(lines))
	for i, pos := 0, 0; i < len(lines); i++ {
		offset[i] = pos
		pos += len(lines[i]) + 1
	}
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " ")
		lead := len(line) - len(strings.TrimLeft(line, " *"))
		r := roleRe.FindStringSubmatchIndex(line[lead:])
		if r == nil {
			continue
		}
		role := strings.TrimSuffix(line[lead+r[2]:lead+r[3]], "s")
		rest, restStart := line[lead+r[1]:], offset[i]+lead+r[1]
		m := officerRe.FindStringSubmatchIndex(rest)
		if m == nil && i+1 < len(lines) && roleRe.FindStringIndex(strings.TrimLeft(lines[i+1], " *")) == nil {
			rest, restStart = lines[i+1], offset[i+1]
			m = officerRe.FindStringSubmatchIndex(rest)
		}
		if m == nil {
			continue
		}
		nameStart, nameEnd := m[2], m[3]
		if k := strings.LastIndex(rest[nameStart:nameEnd], "States "); k >= 0 { // a regional group
			nameStart += k + len("States ")
		}
		if h := honorificRe.FindStringIndex(rest[nameStart:nameEnd]); h != nil {
			nameStart += h[1]
		}
		name := strings.Trim(rest[nameStart:nameEnd], " *")
		if w := len(strings.Fields(name)); w < 2 || w > 6 || !startsUpper(name) {
			continue
		}
		out = append(out, officer{role: role, name: name, from: rest[m[4]:m[5]],
			nameStart: restStart + nameStart + strings.Index(rest[nameStart:nameEnd], name), fromStart: restStart + m[4]})
	}
	return out
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// officers finds the officers a meeting elected and the States they came
// from, in paragraphs that speak of officers.
func (x *extractor) officers() {
	if x.meeting == "" {
		return
	}
	var people []kg.Node
	x.rep.Walk(func(p *report.Paragraph) {
		if !strings.Contains(p.Text, "officers") {
			return
		}
		for _, o := range findOfficers(p.Text) {
			states := x.rec.Recognize(o.from, x.ctx)
			if len(states) == 0 || states[0].Node.Kind != kg.KindState {
				continue // "(Director of the Latin American Institute ...)" is no State
			}
			ev := kg.Evidence{Ref: p.Ref, Start: o.nameStart, End: o.nameStart + len(o.name)}
			person := kg.Node{ID: kg.NewID(kg.KindPerson, kg.Slug(o.name, 80)), Kind: kg.KindPerson, Label: o.name}
			pid := x.node(person)
			people = append(people, person)
			x.edge(pid, kg.EdgeHeldOffice, x.meeting, ev, map[string]string{kg.PropRole: o.role})
			sid := x.node(states[0].Node)
			x.edge(pid, kg.EdgeRepresents, sid, kg.Evidence{Ref: p.Ref, Start: o.fromStart + states[0].Start, End: o.fromStart + states[0].End}, nil)
		}
	})
	// Later paragraphs name the officers again ("chaired by Gerald Campos
	// Valverde (Costa Rica)"): link those mentions too.
	x.rep.Walk(func(p *report.Paragraph) {
		for _, person := range people {
			for off := 0; ; {
				i := strings.Index(p.Text[off:], person.Label)
				if i < 0 {
					break
				}
				start := off + i
				x.edge(x.paraID(p.Ref), kg.EdgeMentions, person.ID, kg.Evidence{Ref: p.Ref, Start: start, End: start + len(person.Label)}, nil)
				off = start + len(person.Label)
			}
		}
	})
}

// otherMeetingRe finds another meeting a paragraph names with where and
// when it was held: "the Expert Group Meeting on Access to Justice for
// All, hosted by Brazil and Canada, held in Brasilia from 9 to 11
// December 2024". The name is a run of capitalised words (with the small
// words names use) around a meeting noun.
var otherMeetingRe = regexp.MustCompile(`((?:[A-Z][\p{L}'’\-]*\s+(?:(?:of|on|for|and|the|against|to|in)\s+)*)*(?:Meeting|Conference|Congress|Summit|Forum|Consultation|Dialogue)(?:\s+(?:(?:of|on|for|and|the|against|to|in)\s+)*[A-Z][\p{L}'’\-]*)*)(?:,\s+(?:hosted|organized|convened)\s+by\s+[^,;.]{1,80})?,?\s+(?:was\s+|were\s+)?held\s+in\s+([A-Z][\p{L}'’.\-]*(?:\s+[A-Z][\p{L}'’.\-]*)*),?\s+((?:from|on|between)\s+[^;]{0,60})`)

// otherMeetings adds the meetings the text names with a venue and dates,
// each mentioned by the paragraph that says so.
func (x *extractor) otherMeetings() {
	x.rep.Walk(func(p *report.Paragraph) {
		if !strings.Contains(p.Text, "held in") {
			return
		}
		for _, m := range otherMeetingRe.FindAllStringSubmatchIndex(p.Text, -1) {
			name := p.Text[m[2]:m[3]]
			if trimmed := strings.TrimPrefix(name, "The "); trimmed != name {
				name, m[2] = trimmed, m[2]+len("The ")
			}
			start, end := report.Dates(p.Text[m[6]:m[7]])
			if start == "" || len(strings.Fields(name)) < 2 {
				continue
			}
			key := kg.KeySlug(name, 80)
			if !strings.HasSuffix(key, start[:4]) {
				key += "-" + start[:4]
			}
			props := map[string]string{kg.PropVenue: p.Text[m[4]:m[5]], kg.PropStart: start, kg.PropEnd: end}
			id := x.node(kg.Node{ID: kg.NewID(kg.KindMeeting, key), Label: name, Props: props})
			x.edge(x.paraID(p.Ref), kg.EdgeMentions, id, kg.Evidence{Ref: p.Ref, Start: m[2], End: m[3]}, nil)
		}
	})
}

// congressRe finds the Congress a regional meeting prepares for.
var congressRe = regexp.MustCompile(`(?i)Preparatory Meeting for the ((?:\p{L}+ )*?United Nations Congress on Crime Prevention and Criminal Justice)`)

// meetings adds the meeting the report is about and the Congress it
// prepares for.
func (x *extractor) meetings() {
	m := x.rep.Meeting
	if m == nil || m.Name == "" {
		return
	}
	year := ""
	if len(m.StartDate) >= 4 {
		year = m.StartDate[:4]
	}
	props := map[string]string{}
	setIf(props, kg.PropVenue, m.Venue)
	setIf(props, kg.PropStart, m.StartDate)
	setIf(props, kg.PropEnd, m.EndDate)
	key := kg.KeySlug(m.Name, 80)
	if year != "" && !strings.Contains(key, year) {
		key += "-" + year
	}
	x.meeting = x.node(kg.Node{ID: kg.NewID(kg.KindMeeting, key), Label: m.Name, Props: props})
	ev := kg.Evidence{Ref: m.Ref}
	x.edge(x.docID, kg.EdgeReports, x.meeting, ev, nil)
	if c := congressRe.FindStringSubmatch(m.Name); c != nil {
		name := c[1]
		cid := x.node(kg.Node{ID: kg.NewID(kg.KindMeeting, kg.KeySlug(name, 80)), Label: name})
		x.edge(x.meeting, kg.EdgePrepares, cid, ev, nil)
	}
}

// instruments makes each resolution or decision a report adopts an
// Instrument, adopted by the report's body, whose text is the section's
// paragraphs. Drafts recommended to another body stay text: nothing has
// adopted them yet.
func (x *extractor) instruments() {
	x.rep.WalkSections(func(s *report.Section) {
		if (s.Kind != report.SecResolution && s.Kind != report.SecDecision) || s.Draft || s.Number == "" || len(s.Paragraphs) == 0 {
			return
		}
		// The resolution of the same number tells the body and its key
		// scheme: "CND/68/1", "Commission on Narcotic Drugs resolution 68/1".
		var res kg.Node
		for _, m := range x.rec.Recognize("resolution "+s.Number, x.ctx) {
			if m.Node.Kind == kg.KindInstrument && m.Node.Props[kg.PropCategory] == "resolution" {
				res = m.Node
				break
			}
		}
		if res.ID == "" {
			return
		}
		n := res
		n.Props = map[string]string{}
		for k, v := range res.Props {
			n.Props[k] = v
		}
		n.Props[kg.PropTitle] = s.Title
		n.Aliases = append([]string{s.Title}, res.Aliases...)
		if s.Kind == report.SecDecision {
			key := strings.TrimSuffix(res.ID.Key(), s.Number) + "dec/" + s.Number
			n.ID = kg.NewID(kg.KindInstrument, key)
			n.Label = strings.Replace(res.Label, "resolution", "decision", 1)
			n.Aliases = []string{s.Title}
			n.Props[kg.PropCategory] = "decision"
			n.Props[kg.PropSymbol] = key
		}
		id := x.node(n)
		for _, ref := range s.Paragraphs {
			x.edge(x.paraID(ref), kg.EdgeTextOf, id, kg.Evidence{Ref: ref}, nil)
		}
		if body, ok := x.rec.Node(kg.ID(res.Props[kg.PropBody])); ok {
			x.edge(id, kg.EdgeAdoptedBy, x.node(body), kg.Evidence{Ref: s.Paragraphs[0]}, nil)
		}
	})
}

// definedShort returns the short name a document defines for the body
// named just before at, "Council" of "the Executive Council (the
// Council)", "Secretariat" of "the Technical Secretariat (the
// Secretariat)": one capitalised word in brackets after "the", or "".
func definedShort(text string, at int) string {
	rest := text[at:]
	if !strings.HasPrefix(rest, " (the ") {
		return ""
	}
	rest = rest[len(" (the "):]
	end := strings.IndexByte(rest, ')')
	if end < 2 || end > 20 {
		return ""
	}
	w := rest[:end]
	if w[0] < 'A' || w[0] > 'Z' || strings.ContainsAny(w, " ,;.") {
		return ""
	}
	return w
}

// definedMark prefixes, in the named map, the short names the document
// defined itself ("(the Council)"), which it also uses bare.
const definedMark = "="

// bareReferences returns the spans of a short name the document defined
// used with no article, as a modifier: "Council decision EC-83/DEC.5",
// "Conference decisions". The word must stand alone: not after a
// capitalised word ("Security Council") or "the" (shortReferences reads
// those), nor before a capitalised word or "of" (a longer name).
func bareReferences(text, head string) [][2]int {
	var out [][2]int
	for off := 0; ; {
		k := strings.Index(text[off:], head)
		if k < 0 {
			return out
		}
		start, end := off+k, off+k+len(head)
		off = end
		if start > 0 && isLetterBefore(text, start) || end < len(text) && isLetterAt(text, end) {
			continue
		}
		before := strings.Fields(text[max(0, start-20):start])
		if len(before) > 0 {
			p := before[len(before)-1]
			if p == "the" || p == "The" || p[0] >= 'A' && p[0] <= 'Z' {
				continue
			}
		}
		if next := strings.Fields(text[end:min(len(text), end+20)]); len(next) > 0 {
			w := next[0]
			if w[0] >= 'A' && w[0] <= 'Z' || selfLonger[w] {
				continue
			}
		}
		out = append(out, [2]int{start, end})
	}
}
