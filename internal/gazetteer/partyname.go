package gazetteer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// frenchNameRe opens a name in French of a party, movement or coalition,
// which UN reports on francophone States keep in French and write with
// lower-case words ("Mouvement pour la renaissance du Cameroun", "Union
// pour le renouveau et la démocratie", "Rassemblement national des
// démocrates tchadiens – Le Réveil"): a French noun such names are built
// on, then a French word that cannot open English.
var frenchNameRe = regexp.MustCompile(`\b(?:Mouvement|Rassemblement|Union|Alliance|Front|Parti|Congrès|Convergence|Coalition|Alternative|Ligue|Collectif|Plateforme)\s+(?:pour|de|des|du|d’|d'|national|nationale|démocratique|populaire|patriotique|républicain|républicaine)\s`)

// frenchHeads are the nouns of frenchNameRe: one after the opening word
// opens a second name ("… nigérienne Union nationale …" in a list).
var frenchHeads = map[string]bool{"Mouvement": true, "Rassemblement": true, "Union": true, "Alliance": true, "Front": true,
	"Parti": true, "Congrès": true, "Convergence": true, "Coalition": true, "Alternative": true, "Ligue": true,
	"Collectif": true, "Plateforme": true, "United": true, "Special": true}

// frenchNameEnds are the English words a French name is cut at: what the
// sentence goes on with ("… du Cameroun from participating", "… le Mali
// party", "… Le Réveil and Union pour …").
var frenchNameEnds = map[string]bool{
	"and": true, "or": true, "from": true, "party": true, "parties": true, "movement": true, "coalition": true,
	"was": true, "were": true, "is": true, "are": true, "has": true, "have": true, "had": true, "won": true,
	"in": true, "on": true, "to": true, "at": true, "with": true, "which": true, "who": true, "that": true,
	"by": true, "for": true, "of": true, "the": true, "a": true, "an": true, "as": true, "its": true, "their": true,
	"said": true, "announced": true, "called": true, "leader": true, "president": true, "members": true,
}

// ngoNameRe finds a name given in apposition to what the body is: "An
// international non-governmental organization, Invisible Children,
// reported …". Group 1 is the name: capitalised words, with the small
// words names use between them, set off by commas.
var ngoNameRe = regexp.MustCompile(`\b(?:non-governmental organization|civil society organization|NGO),\s+((?:[A-Z][\p{L}’'-]*)(?:\s+(?:of|for|and|the|on)?\s*[A-Z][\p{L}’'-]*){0,5}),`)

// NamedParties returns the organizations named with no noun an English
// name is built on: names in French of parties and movements, and names
// given in apposition to "non-governmental organization". known are the
// gazetteer's matches: a name they overlap is theirs.
func (g *Gazetteer) NamedParties(text string, known []Match) []Match {
	var out []Match
	overlaps := func(s, e int) bool {
		for _, m := range known {
			if m.Start < e && s < m.End && m.Kind != kg.KindTheme && m.Kind != kg.KindCrimeType && m.Kind != kg.KindState {
				return true
			}
		}
		return false
	}
	emit := func(s, e int) {
		name := text[s:e]
		if overlaps(s, e) || strings.ToUpper(name) == name {
			return
		}
		out = append(out, Match{ID: kg.NewID(kg.KindOrganization, kg.Slug(name, 80)), Kind: kg.KindOrganization, Start: s, End: e, Text: name})
	}
	if strings.Contains(text, "organization, ") || strings.Contains(text, "NGO, ") {
		for _, l := range ngoNameRe.FindAllStringSubmatchIndex(text, -1) {
			if first := strings.Fields(text[l[2]:l[3]])[0]; nameOpeners[first] || months[first] {
				continue
			}
			emit(l[2], l[3])
		}
	}
	if !hasFrenchHead(text) {
		return out
	}
	for _, l := range frenchNameRe.FindAllStringIndex(text, -1) {
		s, e := l[0], frenchNameEnd(text, l[0])
		if len(strings.Fields(text[s:e])) >= 3 {
			emit(s, e)
		}
	}
	return out
}

// hasFrenchHead reports whether text holds a noun of frenchNameRe, which
// is much cheaper to ask than the expression.
func hasFrenchHead(text string) bool {
	for h := range frenchHeads {
		if h != "United" && h != "Special" && strings.Contains(text, h+" ") {
			return true
		}
	}
	return false
}

// frenchNameEnd returns where the French name opening at s ends: before
// punctuation, an English word of frenchNameEnds, or the twelfth word,
// with no joiner left at its end.
func frenchNameEnd(text string, s int) int {
	end, words := s, 0
	for i := s; i < len(text) && words < 12; {
		for i < len(text) && text[i] == ' ' {
			i++
		}
		j := i
		for j < len(text) && text[j] != ' ' {
			j++
		}
		w := text[i:j]
		if w == "–" || w == "-" { // "… tchadiens – Le Réveil"
			i = j
			continue
		}
		core := strings.TrimRight(w, ",.;:)”\"")
		if core == "" || frenchNameEnds[core] || strings.ContainsAny(core, "(“\"*") || words > 0 && frenchHeads[core] {
			break
		}
		if r, _ := utf8.DecodeRuneInString(core); !unicode.IsLetter(r) {
			break
		}
		end = i + len(core)
		words++
		if core != w {
			break // punctuation closes the name
		}
		i = j
	}
	// No joiner at the end ("… pour le").
	for {
		k := strings.LastIndexByte(text[s:end], ' ')
		if k < 0 {
			break
		}
		last := text[s+k+1 : end]
		if last != "de" && last != "des" && last != "du" && last != "la" && last != "le" && last != "les" && last != "pour" && last != "et" && last != "–" {
			break
		}
		end = s + k
	}
	return end
}
