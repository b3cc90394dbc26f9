package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/gazetteer"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// GazetteerRecognizer adapts the gazetteer to extraction: named entities
// from the lists, resolutions and document symbols by their shape, and
// acronyms defined in the text.
type GazetteerRecognizer struct{ g *gazetteer.Gazetteer }

var _ Recognizer = GazetteerRecognizer{}

// NewRecognizer loads the embedded gazetteer.
func NewRecognizer() (GazetteerRecognizer, error) {
	g, err := gazetteer.Load()
	if err != nil {
		return GazetteerRecognizer{}, err
	}
	return GazetteerRecognizer{g: g}, nil
}

func (r GazetteerRecognizer) context(c Context) gazetteer.Context {
	return gazetteer.ContextFor(c.Symbols...)
}

// Recognize returns the mentions in text, leftmost-longest across the
// three recognisers, sorted by position. A document never cites itself.
func (r GazetteerRecognizer) Recognize(text string, c Context) []Mention {
	gc := r.context(c)
	var ms []Mention
	found := r.g.Match(text, gc)
	found = append(found, r.g.Authorities(text)...)
	found = append(found, r.g.Demonyms(text)...)
	found = append(found, r.g.SharedDemonyms(text, c.State)...)
	found = append(found, r.g.Described(text)...)
	for _, m := range found {
		n, ok := r.g.Node(m.ID)
		if !ok || m.ID == "organization:united-nations" && (ofPost(text[:m.Start]) || opensPlan(text[m.End:])) || m.Kind == kg.KindState && statePost(text, m.Start) || m.Kind == kg.KindOrganization && inPost(text, m.Start, m.End) {
			continue
		}
		ms = append(ms, Mention{Node: n, Start: m.Start, End: m.End})
		// A group's name that holds a State names it too, with the group's
		// words: "South Sudan Opposition Alliance".
		if n.Kind == kg.KindGroup && m.End-m.Start > 8 {
			for _, sm := range r.statesIn(text, m.Start, m.End) {
				// the group's own State: "Sudan People’s Liberation Movement/Army
				// in Opposition" is South Sudan's
				if strings.Contains(" "+n.Props[kg.PropStateISO3]+" ", " "+sm.Node.ID.Key()+" ") {
					ms = append(ms, sm)
				}
			}
		}
		// A national institution whose name holds its State names the State
		// too: "HNP" is Haiti's, "Haitian National Police"; "Audit Bureau"
		// names none.
		if st := n.Props[kg.PropStateISO3]; n.Kind == kg.KindOrganization && st != "" && gazetteer.NamesItsState(n) {
			if sn, ok := r.g.Node(kg.NewID(kg.KindState, st)); ok {
				ms = append(ms, Mention{Node: sn, Start: m.Start, End: m.End})
			}
		}
	}
	if gc.Body != "" {
		if body, ok := r.g.Node(kg.NewID(kg.KindOrganization, gc.Body)); ok {
			for _, sp := range SelfReferences(text, body) {
				ms = append(ms, Mention{Node: body, Start: sp[0], End: sp[1]})
			}
		}
	}
	for _, ng := range r.g.NamedGroups(text, found) {
		ms = append(ms, Mention{Node: ng.Node, Start: ng.Start, End: ng.End})
	}
	known := found
	for _, in := range r.g.Institutions(text, found, c.State) {
		known = append(known, gazetteer.Match{ID: in.Node.ID, Kind: kg.KindOrganization, Start: in.Start, End: in.End})
		ms = append(ms, Mention{Node: in.Node, Start: in.Start, End: in.End})
		if sn, ok := r.g.Node(in.State); ok && (in.State != c.State || stateNamed(found, c.State)) {
			ms = append(ms, Mention{Node: sn, Start: in.Start, End: in.End})
		}
	}
	// Committees and panels named by their resolution ("the Committee
	// pursuant to resolution 2713 (2023)"), before Bodies, whose
	// capitalised runs they cover.
	for _, b := range r.g.ResolutionBodies(text) {
		n, ok := r.g.Node(b.ID)
		if !ok {
			n = kg.Node{ID: b.ID, Kind: kg.KindOrganization, Label: gazetteer.ResolutionBodyLabel(b.Text),
				Props: map[string]string{kg.PropSource: "organization named in text"}}
		}
		known = append(known, b)
		ms = append(ms, Mention{Node: n, Start: b.Start, End: b.End})
	}
	for _, m := range ms {
		if m.Node.Kind == kg.KindGroup {
			known = append(known, gazetteer.Match{ID: m.Node.ID, Kind: kg.KindGroup, Start: m.Start, End: m.End})
		}
	}
	bodies := r.g.Bodies(text, known)
	if strings.Contains(text, " (the ") {
		bodies = append(bodies, r.g.DefinedBodies(text, append(known, bodies...))...)
	}
	bodies = append(bodies, r.g.NamedParties(text, append(known, bodies...))...)
	for _, b := range bodies {
		n, listed := r.g.Node(b.ID)
		if !listed {
			n = kg.Node{ID: b.ID, Kind: kg.KindOrganization, Label: b.Text,
				Props: map[string]string{kg.PropSource: "organization named in text"}}
		}
		ms = append(ms, Mention{Node: n, Start: b.Start, End: b.End})
		// The State a body's name holds stays named ("Hybrid Court for
		// South Sudan", "Libyan Businesswomen’s Organization"), with the
		// body's words, which win over the State's own.
		for _, m := range found {
			if m.Kind == kg.KindState && m.Start >= b.Start && m.End <= b.End {
				if sn, ok := r.g.Node(m.ID); ok {
					ms = append(ms, Mention{Node: sn, Start: b.Start, End: b.End})
				}
			}
		}
	}
	// Skip the pattern recognisers where they cannot match.
	if containsFold(text, "resolution") {
		for _, res := range gazetteer.Resolutions(text, gc) {
			ms = append(ms, Mention{Node: res.Node(), Start: res.Start, End: res.End})
		}
	}
	if !strings.Contains(text, "/") {
		return leftmostLongest(ms)
	}
	own := map[string]bool{}
	for _, s := range c.Symbols {
		own[s] = true
	}
	for _, s := range gazetteer.Symbols(text) {
		if own[s.Symbol] || s.Resolution != "" {
			continue // self-reference, or a resolution already found by number
		}
		ms = append(ms, Mention{Node: s.Node(), Start: s.Start, End: s.End})
	}
	return leftmostLongest(ms)
}

// containsFold reports whether text contains the lower-case ASCII word w
// in any case.
func containsFold(text, w string) bool {
	for i := 0; i+len(w) <= len(text); i++ {
		if strings.EqualFold(text[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

// leftmostLongest sorts mentions and drops any that overlaps an earlier,
// longer one from another recogniser. Mentions of the very same words are
// all kept ("SGBV" names both sexual and gender-based violence), and
// themes are a layer of their own that may overlap the rest.
func leftmostLongest(ms []Mention) []Mention {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Start != ms[j].Start {
			return ms[i].Start < ms[j].Start
		}
		return ms[i].End > ms[j].End
	})
	out := ms[:0]
	start, end := -1, -1
	for _, m := range ms {
		switch {
		case m.Node.Kind == kg.KindTheme:
		case m.Start == start && m.End == end:
			if len(out) > 0 && sameNodeAt(out, m) {
				continue
			}
		case m.Start < end:
			continue
		default:
			start, end = m.Start, m.End
		}
		out = append(out, m)
	}
	return out
}

// institution returns the national institution a long form names whole
// ("Egyptian National Police" in "Egyptian National Police (ENP)"), so
// that its acronym joins the node every other form of its name reaches.
func (r GazetteerRecognizer) institution(long string) (kg.Node, bool) {
	ins := r.g.Institutions(long, r.g.Match(long, gazetteer.Context{Kinds: []kg.Kind{kg.KindState}}), "")
	if len(ins) == 1 && ins[0].Start <= 4 && ins[0].End == len(long) {
		return ins[0].Node, true
	}
	return kg.Node{}, false
}

// ofPost reports whether the words before a mention of the United Nations
// make it part of a post's or a document's name ("Secretary-General of
// the United Nations", "Charter of the United Nations"), not an actor.
func ofPost(before string) bool {
	for _, p := range []string{"Secretary-General of the ", "Charter of the ", "Member States of the ", "Members of the ", "General of the ", "Representative of the "} {
		if strings.HasSuffix(before, p) {
			return true
		}
	}
	return false
}

// stateNamed reports whether the matches name the State id.
func stateNamed(found []gazetteer.Match, id kg.ID) bool {
	for _, m := range found {
		if m.ID == id {
			return true
		}
	}
	return false
}

// DocumentState returns the State a document is about: the one State its
// title names ("Situation in South Sudan", "Report of the Panel of Experts
// on Haiti"), or "" when it names none or several.
func (r GazetteerRecognizer) DocumentState(title string) kg.ID {
	var id kg.ID
	for _, m := range append(r.g.Match(title, gazetteer.Context{Kinds: []kg.Kind{kg.KindState}}), r.g.Demonyms(title)...) {
		if id != "" && id != m.ID {
			return ""
		}
		id = m.ID
	}
	return id
}

// sameNodeAt reports whether out already holds m's node at m's span.
func sameNodeAt(out []Mention, m Mention) bool {
	for i := len(out) - 1; i >= 0 && out[i].Start == m.Start; i-- {
		if out[i].Node.ID == m.Node.ID && out[i].End == m.End {
			return true
		}
	}
	return false
}

// Acronyms returns the entities text defines an acronym for. A known
// entity gains the acronym as an alias; an unknown long form that names an
// organization becomes a new Organization.
func (r GazetteerRecognizer) Acronyms(text string, c Context) []Mention {
	var out []Mention
	for _, a := range gazetteer.Acronyms(text) {
		var n kg.Node
		if id, ok := r.g.ResolveAcronym(a); ok {
			n, _ = r.g.Node(id)
		} else if in, ok := r.institution(a.Long); ok {
			n = in
		} else if looksLikeOrganization(a.Long) {
			n = kg.Node{ID: kg.NewID(kg.KindOrganization, kg.Slug(a.Long, 80)), Kind: kg.KindOrganization, Label: a.Long,
				Props: map[string]string{kg.PropAcronym: a.Short, kg.PropSource: "acronym defined in text"}}
		} else {
			continue
		}
		n.Aliases = append(append([]string(nil), n.Aliases...), a.Short)
		out = append(out, Mention{Node: n, Start: a.Start, End: a.End})
	}
	return out
}

// orgWords are head nouns of organization names.
var orgWords = map[string]bool{
	"Office": true, "Organization": true, "Organisation": true, "Institute": true, "Commission": true,
	"Committee": true, "Council": true, "Agency": true, "Programme": true, "Program": true, "Fund": true,
	"Network": true, "Centre": true, "Center": true, "Association": true, "Alliance": true, "Foundation": true,
	"Mission": true, "Union": true, "Bank": true, "Group": true, "Force": true, "Court": true, "Tribunal": true,
	"Secretariat": true, "Service": true, "Police": true, "Unit": true, "Authority": true, "Directorate": true,
	"Ministry": true, "Initiative": true, "Coalition": true, "Observatory": true, "Forum": true,
	"Federation": true, "Board": true, "Department": true, "Community": true, "Bureau": true, "Cartel": true,
}

// looksLikeOrganization reports whether a long form is an organization's
// name: an organization head noun among its words, and either mostly
// capitalised words (beside the small words names use) or, as French
// names are written ("Association des victimes de la torture en Tunisie"),
// lower-case words that are not English verb forms: "Board discussed the
// current situation surrounding Radio and Television" is a sentence.
func looksLikeOrganization(long string) bool {
	head, words, capital, verbs := false, 0, 0, 0
	for _, w := range strings.Fields(long) {
		w = strings.Trim(w, ",.;:’'()")
		if w == "" || nameFunctionWords[strings.ToLower(w)] {
			continue
		}
		words++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			capital++
		} else if len(w) > 4 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")) {
			verbs++
		}
		head = head || orgWords[w]
	}
	return head && words >= 2 && (capital*10 >= words*7 || verbs == 0)
}

// nameFunctionWords may stand uncapitalised inside a name.
var nameFunctionWords = map[string]bool{
	"of": true, "for": true, "the": true, "and": true, "on": true, "in": true, "to": true, "against": true,
	"de": true, "la": true, "le": true, "les": true, "des": true, "du": true, "pour": true, "et": true,
	"d": true, "l": true, "en": true, "sur": true, "y": true, "del": true, "por": true, "para": true,
}

// Node returns a gazetteer entity by ID.
func (r GazetteerRecognizer) Node(id kg.ID) (kg.Node, bool) { return r.g.Node(id) }

// Version is the gazetteer's data version.
func (r GazetteerRecognizer) Version() string { return r.g.Version() }

// selfHeads are the nouns a body calls itself by in its own documents.
var selfHeads = map[string]bool{
	"Commission": true, "Committee": true, "Council": true, "Board": true, "Conference": true,
	"Assembly": true, "Panel": true, "Court": true, "Tribunal": true, "Group": true,
	// Not "Mission": a report of the Secretary-General on a mission calls it
	// "the Mission" throughout, and readers do not list that as a name.
}

// SelfHead returns the noun a body's short references use: the first of
// its label's such nouns before a lower-case word follows one ("Commission"
// of "Commission on Narcotic Drugs", "Council" of "Security Council",
// "Committee" of "Security Council Committee established pursuant to …"), or "".
func SelfHead(label string) string {
	head := ""
	for _, w := range strings.Fields(label) {
		if selfHeads[w] {
			head = w
		} else if head != "" && w[0] >= 'a' && w[0] <= 'z' {
			break // the last noun before the name goes on: "Security Council Committee established …"
		}
	}
	return head
}

// SelfReferences returns the spans of "the <Head>" in text that stand for
// body (whose label's head noun is <Head>, see SelfHead): "the Commission" in a report of the Commission on Narcotic Drugs,
// "the Council" in a Security Council document. The noun must be
// capitalised and end the name ("the Council’s", "the Council,"), not open
// a longer one ("the Council of Europe", "the Commission on the Status of
// Women", "the Committee against Torture").
func SelfReferences(text string, body kg.Node) [][2]int {
	return shortReferences(text, SelfHead(body.Label))
}

// shortReferences returns the spans of "the <head>" in text that stand for
// a body whose short name is head (see SelfReferences).
func shortReferences(text, head string) [][2]int {
	if head == "" {
		return nil
	}
	var out [][2]int
	for _, art := range []string{"the ", "The "} {
		phrase := art + head
		for off := 0; ; {
			k := strings.Index(text[off:], phrase)
			if k < 0 {
				break
			}
			start, end := off+k, off+k+len(phrase)
			off = end
			if start > 0 && isLetterBefore(text, start) || end < len(text) && isLetterAt(text, end) {
				continue
			}
			rest := text[end:]
			if next := strings.Fields(rest); len(next) > 0 && !strings.HasPrefix(rest, ",") && !strings.HasPrefix(rest, ".") && !strings.HasPrefix(rest, "’") && !strings.HasPrefix(rest, "'") {
				w := next[0]
				if selfLonger[w] || w[0] >= 'A' && w[0] <= 'Z' {
					continue
				}
			}
			out = append(out, [2]int{start + len(art), end})
		}
	}
	return out
}

// selfLonger are words after the head that make it the start of another
// body's name.
var selfLonger = map[string]bool{
	"of": true, "on": true, "for": true, "against": true, "established": true, "pursuant": true,
}

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isLetterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// inPost reports whether an organization's name at [start, end) is part of
// a post's title, which names a person, not the body: "High Representative
// of the European Union for Foreign Affairs and Security Policy", "the
// European Union High Representative", "Special Representative of the
// African Union".
func inPost(text string, start, end int) bool {
	before := text[:start]
	for _, p := range []string{"High Representative of the ", "Special Representative of the ", "Special Envoy of the ", "High Representative of ", "Special Envoy of ",
		// "the Secretary-General of the United Nations Conference on Trade and
		// Development", "Head of UNAMA". Not a chair: "the Chair of the
		// Commission on Crime Prevention and Criminal Justice" speaks for
		// the body, and the paragraph is the body's (San José para. 86).
		"Secretary-General of the ", "Head of the ", "Head of ",
		"Executive Director of the ", "Director-General of the ", "Executive Secretary of the "} {
		if strings.HasSuffix(before, p) {
			return true
		}
	}
	return strings.HasPrefix(text[end:], " High Representative") || strings.HasPrefix(text[end:], " Special Representative") || strings.HasPrefix(text[end:], " Special Envoy")
}

// planWords end the names of plans, strategies and frameworks.
var planWords = map[string]bool{
	"strategy": true, "Strategy": true, "framework": true, "Framework": true, "plan": true, "Plan": true,
	"Principles": true, "Guidelines": true, "Rules": true, "Declaration": true, "Agenda": true,
	"treaties": true, "Treaties": true, // "the United Nations treaties governing …": instruments
}

// opensPlan reports whether the words after a mention of the United
// Nations make it the opening of a plan's or strategy's name ("United
// Nations integrated strategy for the Sahel", "United Nations Sustainable
// Development Cooperation Framework"): an instrument's title, no actor.
func opensPlan(after string) bool {
	f := strings.Fields(after[:min(len(after), 80)])
	for i := 0; i < len(f) && i < 4; i++ {
		w := strings.TrimRight(f[i], ",.;:")
		if planWords[w] {
			return true
		}
		if w != f[i] || w == "to" || w == "for" || w == "of" || w == "and" || w == "support" || w == "system" {
			return false
		}
	}
	return false
}

// statesIn returns the State that opens the name at [start, end), as a
// mention of the name's words. The list matches the whole name first, so
// its words are read without the last: "South Sudan Opposition".
func (r GazetteerRecognizer) statesIn(text string, start, end int) []Mention {
	name := text[start:end]
	for cut := 0; cut < 3; cut++ {
		i := strings.LastIndexByte(name, ' ')
		if i < 0 {
			return nil
		}
		name = name[:i]
		var out []Mention
		for _, sm := range r.g.Match(name, gazetteer.Context{Kinds: []kg.Kind{kg.KindState}}) {
			// The State opens the name; "Islamic State in Iraq and the Levant"
			// names no State.
			if sn, ok := r.g.Node(sm.ID); ok && sm.Start == 0 {
				out = append(out, Mention{Node: sn, Start: start, End: end})
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// statePostRe matches the words of a post's title that end where a State's
// name starts: "Special Coordinator for Lebanon", "Special Envoy for the
// Sudan and South Sudan", "Special Representative of the Secretary-General
// for Somalia".
var statePostRe = regexp.MustCompile(`(?:Special|Personal)\s+(?:Coordinator|Envoy|Representative|Adviser)(?:\s+of\s+the\s+Secretary-General)?\s+(?:for|on|to)\s+(?:the\s+)?(?:[A-Z][\p{L}’'\-]*\s+(?:and\s+(?:the\s+)?)?){0,4}$`)

// statePost reports whether the State named at start is part of a post's
// title, which names a person, not the State ("my Special Coordinator for
// Lebanon").
func statePost(text string, start int) bool {
	before := text[max(0, start-120):start]
	if !strings.Contains(before, "Special ") && !strings.Contains(before, "Personal ") {
		return false
	}
	return statePostRe.MatchString(before)
}
