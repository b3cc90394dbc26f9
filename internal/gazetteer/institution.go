package gazetteer

import (
	"regexp"
	"strings"
	"sync"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// An institution type: the head nouns that name it and the label of the
// type, as in "Haitian National Police" → police, "National Police".
type institutionType struct {
	key, label string
	heads      []string // as written; a lower-case head only counts beside its State
	bare       bool     // named without its State, it is still an institution when the text names one State only
}

var institutionTypes = []institutionType{
	{"police", "National Police", []string{"National Police Service", "National Police Force", "National Police", "Police Force", "Police Service", "Police", "police force", "police service", "police"}, false},
	{"armed-forces", "Armed Forces", []string{"Armed Forces", "armed forces", "Defense Forces", "Defence Forces", "Defence and Security Forces", "Defense and Security Forces", "People’s Defence Forces", "People's Defence Forces", "People’s Defense Forces", "defence and security forces", "defense and security forces"}, false},
	{"army", "Army", []string{"National Army", "Army", "army"}, false},
	{"navy", "Navy", []string{"Navy", "navy", "Naval Forces", "naval forces"}, false},
	{"air-force", "Air Force", []string{"Air Force", "air force"}, false},
	{"coast-guard", "Coast Guard", []string{"Coast Guard", "coast guard", "Coastguard", "coastguard"}, false},
	{"gendarmerie", "Gendarmerie", []string{"National Gendarmerie", "Gendarmerie", "gendarmerie"}, false},
	{"national-guard", "National Guard", []string{"National Guard"}, false},
	{"border-police", "Border Police", []string{"Border Police", "Border Guard", "Border Guards", "border police", "border guard"}, false},
	{"customs", "Customs Administration", []string{"Customs Administration", "Customs Service", "Customs", "customs administration", "customs service", "customs"}, false},
	{"central-bank", "Central Bank", []string{"Central Bank"}, true},
	{"fiu", "Financial Intelligence Unit", []string{"Central Financial Intelligence Unit", "Financial Intelligence Unit", "financial intelligence unit"}, true},
	{"anti-corruption", "Anti-Corruption Unit", []string{"Anti-Corruption Unit", "Anti-Corruption Commission", "Anti-Corruption Agency", "Anti-Corruption Authority", "Anti-Corruption Bureau", "Anti-Corruption Office"}, true},
	{"prison-administration", "Prison Administration", []string{"Directorate of Prison Administration", "Prison Administration", "Prison Service", "prison administration", "prison service"}, false},
	{"intelligence", "National Intelligence Service", []string{"National Intelligence Service", "National Intelligence Agency", "National Security Service", "National Intelligence and Security Service", "General Directorate of Intelligence", "intelligence services", "intelligence service"}, true},
	{"supreme-court", "Supreme Court", []string{"Supreme Court"}, true},
	{"constitutional-court", "Constitutional Court", []string{"Constitutional Court"}, true},
	{"court-of-cassation", "Court of Cassation", []string{"Court of Cassation"}, true},
	{"prosecutor", "Public Prosecutor’s Office", []string{"Public Prosecutor’s Office", "Public Prosecutor's Office", "Office of the Public Prosecutor", "Public Prosecution Service", "Prosecutor General’s Office", "Prosecutor General's Office", "Office of the Prosecutor General", "Attorney General’s Office", "Attorney General's Office", "Office of the Attorney General"}, true},
	{"military-prosecutor", "Office of the Military Prosecutor", []string{"Office of the Military Prosecutor", "Military Prosecutor’s Office", "Military Prosecutor's Office"}, true},
	{"parliament", "Parliament", []string{"Parliament", "National Assembly", "House of Representatives"}, true},
	{"human-rights-commission", "National Human Rights Commission", []string{"National Human Rights Commission", "National Commission for Human Rights", "National Commission on Human Rights"}, true},
}

// headIndex maps the last word of each head noun to the heads that end in
// it, longest first: heads are found by their last word, with no pass of a
// large expression over the text.
var headIndex, headType = func() (map[string][]string, map[string]int) {
	types := map[string]int{}
	idx := map[string][]string{}
	for i, t := range institutionTypes {
		for _, h := range t.heads {
			types[h] = i
			last := h[strings.LastIndexByte(h, ' ')+1:]
			idx[last] = append(idx[last], h)
		}
	}
	for _, hs := range idx {
		sortLongestFirst(hs)
	}
	return idx, types
}()

const nameWord = `[A-Z][\p{L}’'\-]*`

var (
	// A ministry's name runs on through commas and "and", never through
	// "of" or "the": "Ministry of Foreign Affairs, Emigration and Egyptian
	// Expatriates" stops before "of Egypt", and "Ministry of Justice and the
	// Ministry of Defence" are two.
	ministryRe = regexp.MustCompile(`^(?:Ministry|Department) (?:of|for) (?:the )?` + nameWord + `(?:,? (?:and )?` + nameWord + `)*`)
	// The remit after a national body's noun: "for Disarmament,
	// Dismantlement and Reintegration", "against Trafficking in Persons".
	remitRe = regexp.MustCompile(`^ (?:for|on|of|against) (?:the )?` + nameWord + `(?:(?:,? (?:and )?| in )` + nameWord + `)*`)
)

// bodyNouns end the names of national bodies named for their work
// ("National Elections Commission", "Provisional Electoral Council"), and
// bodyStarts are the words such a name starts with.
var (
	bodyNouns  = map[string]bool{"Commission": true, "Council": true, "Authority": true, "Agency": true, "Bureau": true, "Directorate": true, "Committee": true}
	bodyStarts = map[string]bool{"National": true, "Provisional": true, "Independent": true, "Humanitarian": true, "High": true, "Transitional": true}
)

// heads returns the spans of the head nouns in text, leftmost first and
// not overlapping, as [start, end) pairs.
func heads(text string) [][2]int {
	var out [][2]int
	last := 0
	for i := 0; i < len(text); {
		if !isWordByte(text[i]) || i > 0 && isWordByte(text[i-1]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isWordByte(text[j]) {
			j++
		}
		w := text[i:j]
		var span [2]int
		switch {
		case w == "Ministry" || w == "Department":
			if loc := ministryRe.FindStringIndex(text[i:min(len(text), i+160)]); loc != nil {
				span = [2]int{i, i + loc[1]}
			}
		case bodyNouns[w]:
			// Look back over at most four capitalised words for a start.
			s, k := -1, i
			for n := 0; n < 5 && k > 1 && text[k-1] == ' '; n++ {
				b := k - 1
				for b > 0 && isWordByte(text[b-1]) {
					b--
				}
				if b == k-1 || text[b] < 'A' || text[b] > 'Z' {
					break
				}
				if bodyStarts[text[b:k-1]] {
					s = b
				}
				k = b
			}
			if s >= 0 && s >= last {
				e := j
				if loc := remitRe.FindStringIndex(text[j:min(len(text), j+160)]); loc != nil {
					e = j + loc[1]
				}
				if _, fixed := headType[text[s:j]]; !fixed {
					span = [2]int{s, e}
				}
			}
		}
		if span[1] == 0 {
			for _, h := range headIndex[w] {
				if s := j - len(h); s >= 0 && text[s:j] == h && (s == 0 || !isWordByte(text[s-1])) {
					span = [2]int{s, j}
					break
				}
			}
		}
		if span[1] > 0 && span[0] >= last {
			out = append(out, span)
			last = span[1]
			i = span[1]
			continue
		}
		i = j
	}
	return out
}

func sortLongestFirst(alts []string) {
	for i := 1; i < len(alts); i++ {
		for j := i; j > 0 && len(alts[j]) > len(alts[j-1]); j-- {
			alts[j], alts[j-1] = alts[j-1], alts[j]
		}
	}
}

// Institution is a national institution named in a text: a police force,
// an army, a ministry, a court, a financial intelligence unit... of one State.
type Institution struct {
	Node       kg.Node // Organization, category national, with the State in PropStateISO3
	State      kg.ID
	Start, End int // the whole name, State adjective or name included
}

// instPrefix are words a State's adjective may stand before the head with:
// "Haitian National Police", "Nigerian Federal Ministry of Justice".
var instPrefix = []string{"Federal ", "Royal ", "Republican ", "national ", "Transitional "}

// Institutions finds the national institutions of States in text, given
// the gazetteer's matches in it. An institution is a head noun (police,
// army, coast guard, customs, central bank, financial intelligence unit,
// ministry of ..., supreme court, prosecutor's office, parliament...) with
// its State: an adjective before it ("Haitian National Police", "the
// Dominican army"), the State's name before it ("Israel Defense Forces")
// or after "of" ("Central Bank of Libya", "Ministry of Justice of Haiti").
// A capitalised head of a kind that is named bare ("the Central Bank",
// "Ministry of Mines and Geology") is the institution of the one State the
// text names, or, when it names none, of focus, the State the document is
// about ("" for none); of none when it names several. The same
// institution under every form is one node, keyed by State and type
// ("organization:hti-police"); a node the institutions table lists under
// that key gives its label and aliases (acronyms, French and Spanish names).
func (g *Gazetteer) Institutions(text string, ms []Match, focus kg.ID) []Institution {
	if !strings.ContainsAny(text, "PpAaNnCcGgMmDdFfBbSsOoHh") {
		return nil
	}
	locs := heads(text)
	if len(locs) == 0 {
		return nil
	}
	adj, _ := demonyms()
	var states []Match
	single := kg.ID("")
	for _, m := range ms {
		if m.Kind == kg.KindState {
			states = append(states, m)
			if single == "" {
				single = m.ID
			} else if single != m.ID {
				single = "-"
			}
		}
	}
	// "In Iraq, … the federal Ministry of Labour and Social Affairs …": a
	// paragraph that opens on one State is about it, whatever others it
	// names on the way, save in a sentence that names a State of its own
	// ("for example in Malawi, … the Ministry of Gender …").
	opening := kg.ID("")
	if single == "-" {
		for _, m := range states {
			if (m.Start == len("In ") && strings.HasPrefix(text, "In ") || m.Start == len("In the ") && strings.HasPrefix(text, "In the ")) && strings.HasPrefix(text[m.End:], ",") {
				opening = m.ID
			}
		}
	}
	var out []Institution
	for _, l := range locs {
		hs, he := l[0], l[1]
		head := text[hs:he]
		ti, ok := headType[head]
		key, label := "", ""
		if ok {
			key, label = institutionTypes[ti].key, institutionTypes[ti].label
		} else { // a ministry or department: its name is its type
			label = head
			key = kg.Slug(head, 80)
		}
		// The name may run on into "of <State>": "Ministry of Justice of Haiti".
		var state kg.ID
		start, end := hs, he
		whole := false
		for _, s := range states {
			if !ok && s.End == he && (s.Start == hs+len("Ministry of ") || s.Start == hs+len("Department of ") || strings.HasSuffix(text[hs:s.Start], " of the ") && !strings.Contains(text[hs:s.Start-len(" of the ")], " of ")) {
				whole = true // "Department of the United Arab Emirates" names a State, not a department
			}
			if s.Start >= hs && s.End == he && s.Start > hs+4 && (strings.HasSuffix(text[hs:s.Start], " of ") || strings.HasSuffix(text[hs:s.Start], " of the ")) {
				state, end = s.ID, he
				label = strings.TrimSuffix(strings.TrimSuffix(text[hs:s.Start], " the "), " of ")
				label = strings.TrimSuffix(label, " of")
				if !ok {
					key = kg.Slug(label, 80)
				}
			}
		}
		if whole {
			continue
		}
		// "<State> <head>", "<State>’s <head>", "<adjective> [National] <head>".
		if state == "" {
			before := strings.TrimRight(text[:hs], " ")
			for _, p := range instPrefix {
				if strings.HasSuffix(before+" ", p) && len(before) >= len(p) {
					before = strings.TrimRight(before[:len(before)-len(p)+1], " ")
				}
			}
			for _, s := range states {
				if s.End == len(before) || s.End+len("’s") == len(before) && strings.HasSuffix(before, "’s") || s.End+2 == len(before) && strings.HasSuffix(before, "'s") {
					state, start = s.ID, s.Start
				}
			}
			if state == "" {
				a := len(before)
				for a > 0 && (isWordByte(before[a-1]) || before[a-1] == '-') {
					a--
				}
				// Two-word adjectives: "South Sudanese", "Sri Lankan".
				for _, from := range []int{prevWord(before, a), a} {
					if from < 0 || from >= len(before) {
						continue
					}
					if id, ok := adj[before[from:]]; ok && before[from] >= 'A' && before[from] <= 'Z' && (from == 0 || !isWordByte(before[from-1])) {
						state, start = id, from
						break
					}
				}
			}
		}
		// "<head> of [the] <State>".
		if state == "" {
			rest := text[he:]
			off := 0
			switch {
			case strings.HasPrefix(rest, " of the "):
				off = len(" of the ")
			case strings.HasPrefix(rest, " of "):
				off = len(" of ")
			}
			if off > 0 {
				for _, s := range states {
					if s.Start == he+off || s.Start == he+len(" of ") {
						state, end = s.ID, s.End
						break
					}
				}
			}
		}
		// A department is only one of a State named with it ("United States
		// Department of the Treasury"): bare, it is as often a unit of an
		// institution ("Department of the Dominican National Police").
		bare := !ok && !strings.HasPrefix(head, "Department") || ok && institutionTypes[ti].bare
		if state == "" && bare && head[0] >= 'A' && head[0] <= 'Z' {
			switch {
			case single != "" && single != "-":
				state = single
			case single == "" && focus != "":
				state = focus
			case opening != "":
				state = opening
				if in := sentenceStates(text, states, hs); in != "" {
					state = in
				}
				if state == "-" {
					state = ""
				}
			}
		}
		if state == "" {
			continue
		}
		if listedOver(ms, hs, he) {
			continue
		}
		out = append(out, Institution{Node: g.institutionNode(state, key, label, text[start:end]), State: state, Start: start, End: end})
	}
	return out
}

// listedOver reports whether a listed organization or group covers
// the head at [start, end): "Libyan National Army" is listed, not a generic
// army, and "Nigerian National Drug Law Enforcement Agency" is NDLEA.
func listedOver(ms []Match, start, end int) bool {
	for _, m := range ms {
		if (m.Kind == kg.KindOrganization || m.Kind == kg.KindGroup || m.Kind == kg.KindInstrument) && m.Start <= start && m.End >= end {
			return true
		}
	}
	return false
}

// prevWord returns the start of the word before the one starting at a, or -1.
func prevWord(s string, a int) int {
	if a < 2 || s[a-1] != ' ' {
		return -1
	}
	b := a - 1
	for b > 0 && isWordByte(s[b-1]) {
		b--
	}
	return b
}

// InstitutionID is the ID of a State's institution of a type:
// "organization:hti-police".
func InstitutionID(state kg.ID, typeKey string) kg.ID {
	return kg.NewID(kg.KindOrganization, strings.ToLower(state.Key())+"-"+typeKey)
}

// institutionNode is the node of a State's institution: the listed one
// when the institutions table has it, else one labelled by the State's
// adjective and the type ("Bahamian National Police"), or the type and the
// State ("Ministry of Justice of Belgium").
func (g *Gazetteer) institutionNode(state kg.ID, typeKey, typeLabel, printed string) kg.Node {
	id := InstitutionID(state, typeKey)
	if n, ok := g.Node(id); ok {
		n.Aliases = append(n.Aliases, strings.TrimPrefix(printed, "the "))
		return n
	}
	label := typeLabel
	if d := stateAdjective(state); d != "" && !strings.HasPrefix(typeLabel, "Ministry") && !strings.HasPrefix(typeLabel, "Department") {
		label = d + " " + typeLabel
	} else if s, ok := g.byID[state]; ok {
		label = typeLabel + " of " + s.label
	}
	return kg.Node{ID: id, Kind: kg.KindOrganization, Label: label, Aliases: []string{printed},
		Props: map[string]string{kg.PropCategory: "national", kg.PropStateISO3: state.Key(), kg.PropSource: "national institution named in text"}}
}

// stateAdjective returns the first adjective of nationality the demonyms
// table lists for a State, "" when it has none of its own.
func stateAdjective(state kg.ID) string {
	return adjectiveOf()[state]
}

var adjectiveOf = sync.OnceValue(func() map[kg.ID]string {
	m := map[kg.ID]string{}
	for _, line := range strings.Split(demonymsTSV, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 2 || strings.HasPrefix(line, "#") || f[0] == "iso3" {
			continue
		}
		m[kg.NewID(kg.KindState, f[0])] = strings.Split(f[1], "|")[0]
	}
	return m
})

// NamesItsState reports whether a national institution's label holds its
// State's name or adjective ("Haitian National Police", "Central Bank of
// Libya"), so that naming it, even by acronym, names the State.
func NamesItsState(n kg.Node) bool {
	st := n.Props[kg.PropStateISO3]
	if st == "" {
		return false
	}
	id := kg.NewID(kg.KindState, st)
	if a := stateAdjective(id); a != "" && strings.Contains(n.Label, a) {
		return true
	}
	g, err := Load()
	if err != nil {
		return false
	}
	// Not Match: the institution's own name would win over the State's.
	e, ok := g.byID[id]
	if !ok {
		return false
	}
	for _, nm := range e.names {
		if nm.flags&(flagCode|flagLookup) == 0 && len(nm.text) >= 4 && strings.Contains(n.Label, nm.text) {
			return true // "Israel Defense Forces", "United States Coast Guard"
		}
	}
	return false
}

// sentenceStates returns the one State the sentence holding text[at:]
// names, "-" when it names several, "" when none.
func sentenceStates(text string, states []Match, at int) kg.ID {
	s := strings.LastIndex(text[:at], ". ") + 1
	e := strings.Index(text[at:], ". ")
	if e < 0 {
		e = len(text)
	} else {
		e += at
	}
	id := kg.ID("")
	for _, m := range states {
		if m.Start >= s && m.End <= e {
			if id != "" && id != m.ID {
				return "-"
			}
			id = m.ID
		}
	}
	return id
}
