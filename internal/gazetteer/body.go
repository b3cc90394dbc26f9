package gazetteer

import (
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// bodyHeads are the nouns an organization's name is built on.
var bodyHeads = map[string]bool{
	"Organization": true, "Organisation": true, "Committee": true, "Commission": true, "Council": true,
	"Authority": true, "Court": true, "Tribunal": true, "Unit": true, "Team": true, "Party": true, "Agency": true,
	"Office": true, "Bureau": true, "Directorate": true, "Fund": true, "Institute": true,
	"Association": true, "Network": true, "Union": true, "Board": true, "Observatory": true, "Foundation": true,
	"League": true, "Trust": true, // "Muslim World League", "Equal Rights Trust"; not "Federation" (the Russian Federation)
	"Government": true, // "Government of National Unity"; "Government of Mali" is the State (see onlyState)
}

// shortBodies are the nouns beside bodyHeads that a body's defined short
// name may be.
var shortBodies = map[string]bool{"Secretariat": true, "Conference": true, "Assembly": true, "Panel": true, "Mission": true,
	"Group": true, "Force": true, "Forum": true, "Programme": true, "Centre": true, "Service": true, "Mechanism": true}

// sessionWords name a body's meeting, not the body: "Executive Board Annual
// session".
var sessionWords = map[string]bool{"Annual": true, "Regular": true, "Session": true, "Resumed": true}

// secondBody are nouns that, after "and", start a second body or a
// group of States, not the rest of one name: "Council and Conference
// decisions", "the Council and States Parties".
var secondBody = map[string]bool{"Conference": true, "Assembly": true, "Secretariat": true, "States": true, "Member": true, "Parties": true}

// acronymWord reports whether w is an acronym: two letters or more, none
// small ("SUN", "UNICEF").
func acronymWord(w string) bool {
	if len(w) < 2 {
		return false
	}
	for _, r := range w {
		if r >= 'a' && r <= 'z' {
			return false
		}
	}
	return w[0] >= 'A' && w[0] <= 'Z'
}

// nameJoiners may stand inside a name between its capitalised words.
var nameJoiners = map[string]bool{"of": true, "for": true, "and": true, "the": true, "on": true, "in": true, "des": true, "de": true, "du": true, "la": true, "pour": true}

// nameOpeners are capitalised words that open sentences, not names.
var nameOpeners = map[string]bool{
	"The": true, "This": true, "That": true, "These": true, "Those": true, "A": true, "An": true, "In": true, "On": true,
	"At": true, "By": true, "For": true, "Its": true, "Their": true, "His": true, "Her": true, "Both": true, "Each": true,
	"Following": true, "During": true, "Since": true, "Under": true, "With": true, "Through": true, "Also": true,
	"Furthermore": true, "Moreover": true, "However": true, "Member": true, "States": true, "Some": true, "All": true,
	"When": true, "While": true, "After": true, "Before": true, "Although": true, "If": true, "As": true, "According": true,
	"Despite": true, "Given": true, "Between": true, "From": true, "To": true, "And": true, "But": true, "Or": true,
	"Where": true, "Whereas": true, "Once": true, "Upon": true, "Within": true, "Without": true, "Against": true,
	"Among": true, "Recalling": true, "Noting": true, "Welcoming": true, "Reaffirming": true, "Requests": true,
	"Decides": true, "Urges": true, "Calls": true, "Encourages": true, "Invites": true, "Expresses": true,
	"Emphasizing": true, "Stressing": true, "Recognizing": true, "Acknowledging": true, "Further": true, "Then": true,
	"Thus": true, "Meanwhile": true, "Other": true, "Several": true, "Many": true, "Most": true, "Such": true, "Any": true,
	"No": true, "Our": true, "My": true, "We": true, "I": true, "It": true, "They": true, "He": true, "She": true,
	"There": true, "Here": true, "Including": true, "Regarding": true, "Concerning": true, "Pursuant": true, "Like": true,
	"Only": true, "Even": true, "Yet": true, "So": true, "Not": true, "Annex": true, "See": true, "Source": true,
	"Soviet": true, // "Soviet Union", a former State
	"Should": true, "Would": true, "Could": true, "Will": true, "May": true, "Must": true, "Can": true, "Shall": true,
}

// honorifics are titles of address, which open a person's name.
var honorifics = map[string]bool{"Mr": true, "Ms": true, "Mrs": true, "Dr": true, "Sir": true, "Madam": true}

var months = map[string]bool{"January": true, "February": true, "March": true, "April": true, "May": true, "June": true,
	"July": true, "August": true, "September": true, "October": true, "November": true, "December": true}

// onlyState reports whether the name at [s, e) is its head noun at
// [hs, he) and "of [the] <State>" only: "Committee of Trinidad and Tobago"
// in a list of observers is no body's full name.
func onlyState(text string, known []Match, s, e, hs, he int) bool {
	// Before the noun, only words that describe it: "Federal Government
	// of Somalia" is the State too.
	for _, w := range strings.Fields(text[s:hs]) {
		if !genericFirst[w] {
			return false
		}
	}
	for _, m := range known {
		if m.Kind == kg.KindState && m.End == e && (m.Start == s || m.Start > he && m.Start-he <= len(" of the ")) {
			return true
		}
	}
	return false
}

// stateAndGovernment reports whether text[s:e] is "State and Government",
// one phrase of names such as "Conference of Heads of State and Government".
func stateAndGovernment(text string, s, e int) bool {
	return s >= 0 && e <= len(text) && text[s:e] == "State and Government"
}

// genericFirst are words that, before a noun alone, make a description,
// not a name: "Trust Fund", "National Conference", "Technical Committee".
var genericFirst = map[string]bool{
	"Trust": true, "National": true, "General": true, "Joint": true, "Special": true, "Regional": true, "Technical": true,
	"Steering": true, "Executive": true, "Advisory": true, "Standing": true, "Central": true, "Local": true,
	"Provincial": true, "State": true, "Federal": true, "Interim": true, "Transitional": true, "High": true,
	"Supreme": true, "Permanent": true, "Main": true, "First": true, "Second": true, "Third": true, "Fourth": true,
	"Fifth": true, "Sixth": true, "Ad": true, "Preparatory": true, "Organizing": true, "Drafting": true, "Sanctions": true,
	"Security": true, "Political": true, "Country": true, "Field": true, "Liaison": true, "Project": true, "Programme": true,
}

// Bodies finds the names of organizations no list holds, by their form: a
// run of two capitalised words or more, with the small words names use
// ("of", "for", "and", "the"), that has an organization's noun among its
// words and stands alone in the sentence ("Hybrid Court for South Sudan",
// "Regional Committee for Disaster Management in West Africa", "Council of
// Ministers", "Joint Verification Team"). known are the gazetteer's
// matches: words they cover are never part of such a name. Names that run
// over a line end or start a sentence with a word that opens sentences
// are cut at it.
func (g *Gazetteer) Bodies(text string, known []Match) []Match {
	var out []Match
	// Words: [start, end) of each run of word bytes, and what separates it
	// from the next.
	type word struct{ s, e int }
	var words []word
	for i := 0; i < len(text); {
		if !isWordByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && (isWordByte(text[j]) || text[j] == '-' || text[j] == '\'') {
			j++
		}
		words = append(words, word{i, j})
		i = j
	}
	coveredAt := func(s, e int) bool {
		for _, m := range known {
			// A State may stand in a body's name ("Hybrid Court for South Sudan").
			// Nor may "United Nations" open it ("United Nations Guard Unit").
			if m.ID == "organization:united-nations" && m.Start == s {
				continue
			}
			if m.Start < e && s < m.End && m.Kind != kg.KindTheme && m.Kind != kg.KindCrimeType && m.Kind != kg.KindState {
				return true
			}
		}
		return false
	}
	capital := func(w word) bool { c := text[w.s]; return c >= 'A' && c <= 'Z' }
	// knownAt reports whether a listed organization or group starts at s:
	// the name stops before "of the <listed body>" ("Conference of Heads of
	// State and Government of the Central African Economic and Monetary
	// Community" is the Conference, of CEMAC).
	knownAt := func(s int) bool {
		for _, m := range known {
			if m.Start == s && (m.Kind == kg.KindOrganization || m.Kind == kg.KindGroup) && m.ID != "organization:united-nations" {
				return true
			}
		}
		return false
	}
	for k := 0; k < len(words); k++ {
		if !bodyHeads[text[words[k].s:words[k].e]] {
			continue
		}
		// Extend left over capitalised words and joiners, then right.
		a := k
		for a > 0 {
			p := words[a-1]
			gap := text[p.e:words[a].s]
			if gap != " " {
				break
			}
			w := text[p.s:p.e]
			if owner := strings.TrimSuffix(strings.TrimSuffix(w, "’s"), "'s"); owner != w && (bodyHeads[owner] || shortBodies[owner]) {
				break // "the Fund’s Council of Ethics": the owning body is no part of the name ("Libyan Businesswomen’s Organization" is one)
			}
			if capital(p) && !nameOpeners[w] && !months[w] || nameJoiners[w] && w != "the" && (w != "and" || !bodyHeads[text[words[a].s:words[a].e]] && !acronymWord(text[words[a].s:words[a].e]) || stateAndGovernment(text, words[a-2].s, words[a].e)) && a-1 > 0 && capital(words[a-2]) {
				a--
				continue
			}
			break
		}
		for a < k && nameJoiners[text[words[a].s:words[a].e]] {
			a++
		}
		b := k
		for b+1 < len(words) {
			n := words[b+1]
			gap := text[words[b].e:n.s]
			w := text[n.s:n.e]
			if gap == " " && capital(n) && !months[w] && !honorifics[w] && !sessionWords[w] {
				b++
				continue
			}
			// One or two small words, then a capitalised one that does not
			// start a second body ("… Le Réveil and Union pour …").
			if gap == " " && nameJoiners[w] {
				j := b + 2
				if j < len(words) && nameJoiners[text[words[j].s:words[j].e]] && text[words[j-1].e:words[j].s] == " " {
					j++
				}
				next := ""
				if j < len(words) {
					next = text[words[j].s:words[j].e]
				}
				if j < len(words) && text[words[j-1].e:words[j].s] == " " && capital(words[j]) && !months[next] && !(j == b+3 && w == "of" && text[words[b+2].s:words[b+2].e] == "the" && knownAt(words[j].s)) &&
					!(w == "and" && ((bodyHeads[next] || secondBody[next]) && !stateAndGovernment(text, words[b].s, words[j].e) || j == b+3 || acronymWord(next))) { // "and the Prime Minister", "SUN Lead Group and SUN Executive Committee": two names
					b = j
					continue
				}
			}
			if gap == ", " && capital(n) && b+2 < len(words) && text[words[b+1].e:words[b+2].s] == ", " {
				b++ // "Commission for Truth, Reconciliation, and Healing"
				if b+2 < len(words) && text[words[b+1].s:words[b+1].e] == "and" && capital(words[b+2]) {
					b += 2
				}
				continue
			}
			break
		}
		// No joiner, title of address or stray letter at the end: "Government
		// Office Mr …", "Council of Ministers H" (a page header's letter).
		for b > k {
			w := text[words[b].s:words[b].e]
			if !nameJoiners[w] && !honorifics[w] && len(w) > 1 {
				break
			}
			b--
		}
		caps := 0
		for i := a; i <= b; i++ {
			if capital(words[i]) {
				caps++
			}
		}
		if caps < 2 || b-a > 14 || b-a == 1 && genericFirst[text[words[a].s:words[a].e]] {
			k = b
			continue
		}
		s, e := words[a].s, words[b].e
		if coveredAt(s, e) || s > 0 && text[s-1] == '(' {
			k = b
			continue
		}
		name := text[s:e]
		if postBefore(text, s) || strings.HasPrefix(name, "Head of ") || strings.HasPrefix(name, "Heads of ") {
			k = b // "Head of Government", "Heads of State and Government": a post
			continue
		}
		if onlyState(text, known, words[a].s, words[b].e, words[k].s, words[k].e) || text[words[k].s:words[k].e] == "Government" && a == k && b == k+1 {
			k = b // "Committee of Trinidad and Tobago": a State and a noun
			continue
		}
		if strings.HasSuffix(name, "-") || e < len(text) && text[e] == '-' || strings.ToUpper(name) == name {
			k = b // "Office of Counter-" cut at a line end; a heading in capitals
			continue
		}
		out = append(out, Match{ID: kg.NewID(kg.KindOrganization, kg.Slug(name, 80)), Kind: kg.KindOrganization, Start: s, End: e, Text: name})
		k = b
	}
	return out
}

// postBefore reports whether the words before s make what follows a
// post, not a body: "Head of Government", "Heads of State and Government",
// "Head of Unit".
func postBefore(text string, s int) bool {
	before := strings.TrimRight(text[:s], " ")
	for _, p := range []string{"Head of", "Heads of", "head of", "heads of", "of State or"} { // "Heads of State or Government of …"
		if strings.HasSuffix(before, p) && (len(before) == len(p) || !isWordByte(before[len(before)-len(p)-1])) {
			return true
		}
	}
	return false
}

// DefinedBodies returns the bodies text names in full and then gives a
// short name of its own, a word of the name in brackets: "the Executive
// Council (the Council)", "the Technical Secretariat (the Secretariat)",
// "the Conference of the States Parties (the Conference)". A name the
// other rules take for a description ("Executive Council") is a name once
// the document defines its short form. Runs a known match covers are left
// to it.
func (g *Gazetteer) DefinedBodies(text string, known []Match) []Match {
	var out []Match
	for off := 0; ; {
		k := strings.Index(text[off:], " (the ")
		if k < 0 {
			return out
		}
		at := off + k
		off = at + len(" (the ")
		rest := text[off:]
		end := strings.IndexByte(rest, ')')
		if end < 2 || end > 20 || rest[0] < 'A' || rest[0] > 'Z' || strings.ContainsAny(rest[:end], " ,;.") {
			continue
		}
		short := rest[:end]
		if !bodyHeads[short] && !shortBodies[short] {
			continue // "Chemical Weapons Convention (the Convention)": no body
		}
		// The words before the bracket, back over capitalised words and
		// the small words names hold.
		s, hasShort, caps := at, false, 0
		for s > 0 {
			b := s
			for b > 0 && isWordByte(text[b-1]) {
				b--
			}
			if b == s || b > 0 && text[b-1] != ' ' && s != at {
				break
			}
			w := text[b:s]
			if w[0] >= 'A' && w[0] <= 'Z' {
				if months[w] {
					break
				}
				hasShort = hasShort || w == short
			} else if !nameJoiners[w] {
				break
			}
			s = b
			if s == 0 || text[s-1] != ' ' {
				break
			}
			s-- // the space before the word
		}
		// Trim the small words and sentence openers it opened with ("The",
		// "Following the").
		for {
			s = skipSpace(text, s)
			sp := strings.IndexByte(text[s:at], ' ')
			if sp < 0 || !nameJoiners[text[s:s+sp]] && !nameOpeners[text[s:s+sp]] {
				break
			}
			s += sp + 1
		}
		for _, w := range strings.Fields(text[s:at]) {
			if w[0] >= 'A' && w[0] <= 'Z' {
				caps++
			}
		}
		if !hasShort || caps < 2 || s >= at {
			continue
		}
		covered := false
		for _, m := range known {
			if m.Start < at && s < m.End && m.Kind != kg.KindState && m.Kind != kg.KindTheme && m.Kind != kg.KindCrimeType {
				covered = true
				break
			}
		}
		if covered {
			continue
		}
		name := text[s:at]
		id := kg.NewID(kg.KindOrganization, kg.Slug(name, 80))
		// A name the list keeps for lookup only, as too ambiguous to match
		// in any text ("?Executive Council" of the OPCW), is that entry
		// once a document defines its short name.
		if ids := g.Lookup(name, kg.KindOrganization); len(ids) == 1 {
			id = ids[0]
		}
		out = append(out, Match{ID: id, Kind: kg.KindOrganization, Start: s, End: at, Text: name})
	}
}

func skipSpace(text string, i int) int {
	for i < len(text) && text[i] == ' ' {
		i++
	}
	return i
}
