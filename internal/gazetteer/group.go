package gazetteer

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// groupNouns map the noun a text introduces a group with to its groupKind.
var groupNouns = map[string]string{
	"gang": "gang", "gangs": "gang", "coalition": "gang", "alliance": "gang",
	"group": "armed-group", "armed group": "armed-group", "militia": "armed-group", "faction": "armed-group", "movement": "armed-group",
	"terrorist group": "terrorist", "terrorist organization": "terrorist", "jihadist group": "terrorist", "extremist group": "terrorist",
	"criminal group": "criminal-network", "criminal organization": "criminal-network", "criminal network": "criminal-network",
	"cartel": "criminal-network", "network": "criminal-network",
}

// namedRe finds a group the text introduces by name: "a gang known as
// “Kraze Baryè”", "the group calling itself “Lakurawa”", "a group ...,
// known locally as “Lakurawa”". The name must be quoted or capitalised.
var namedRe = regexp.MustCompile(`\b(?:[Aa]n?|[Tt]he)\s+(?:(?:new|small|local|splinter|rival|breakaway|newly formed)\s+)?((?:armed |terrorist |jihadist |extremist |criminal )?(?:gang|group|militia|faction|movement|organization|network|cartel|coalition|alliance))\b([^.;“"]{0,100}?),?\s+(?:known(?: locally)? as|calling itself|called|named|dubbed|self-styled)\s+(?:[“"]([^”"]{2,60})[”"]|((?:[A-Z0-9][\p{L}\p{N}’'\-]*)(?:\s+[A-Z0-9][\p{L}\p{N}’'\-]*){0,4}))`)

// personWords in the words between a group's noun and "known as" make the
// name a person's.
var personWords = regexp.MustCompile(`\b(?:leaders?|members?|chiefs?|heads?|boss|commanders?|spokesperson|founder|fighters?|individuals?|man|woman)\b`)

// gangNameRe finds a gang named by the words before "gang": "the 400
// Mawozo gang", "the Wharf Jérémie gang". Only the singular counts, and
// only after "the" or a possessive, so that "Haitian gangs" or "several
// gangs" make no group.
var gangNameRe = regexp.MustCompile(`\b(?:the|The)\s+((?:[A-Z0-9][\p{L}\p{N}’'\-]*)(?:\s+(?:[A-Z0-9][\p{L}\p{N}’'\-]*|de|du|des|la))*)\s+(gang|cartel)\b`)

// NamedGroups finds the non-state groups a text names that the groups
// table does not list: introduced by name ("a gang known as ...") or named
// by the words before "gang" ("the Wharf Jérémie gang"). known are the
// gazetteer's matches in the text: a listed group, a State or its
// adjective, or an organization in those words make no new group.
func (g *Gazetteer) NamedGroups(text string, known []Match) []NamedGroup {
	introduced := false
	for _, w := range introducers {
		if strings.Contains(text, w) {
			introduced = true
			break
		}
	}
	singular := hasSingular(text, " gang") || hasSingular(text, " cartel")
	described := false
	for _, d := range describedNouns {
		described = described || hasSingular(text, d.noun)
	}
	singular = singular || described
	if !introduced && !singular {
		return nil
	}
	var out []NamedGroup
	covered := func(s, e int) bool {
		for _, m := range known {
			if m.Start < e && s < m.End && m.Kind != kg.KindCrimeType && m.Kind != kg.KindTheme {
				return true
			}
		}
		return false
	}
	add := func(name string, s, e int, kind string) {
		name = strings.TrimSpace(name)
		if name == "" || covered(s, e) || groupStop[strings.Fields(name)[0]] || len(strings.Fields(name)) > 6 {
			return
		}
		for _, o := range out {
			if o.Start == s {
				return
			}
		}
		id := kg.NewID(kg.KindGroup, kg.Slug(name, 80))
		if n, ok := g.Node(id); ok { // a listed group under another form
			out = append(out, NamedGroup{Node: n, Start: s, End: e})
			return
		}
		out = append(out, NamedGroup{Start: s, End: e, Node: kg.Node{ID: id, Kind: kg.KindGroup, Label: name,
			Props: map[string]string{kg.PropGroupKind: kind, kg.PropSource: "group named in text"}}})
	}
	if introduced {
		for _, m := range namedRe.FindAllStringSubmatchIndex(text, -1) {
			noun := text[m[2]:m[3]]
			kind, ok := groupNouns[noun]
			if !ok {
				kind = groupNouns[noun[strings.LastIndexByte(noun, ' ')+1:]]
			}
			if kind == "" || personWords.MatchString(text[m[4]:m[5]]) {
				continue // "a gang leader known as ..." names a person
			}
			if m[6] >= 0 {
				add(text[m[6]:m[7]], m[6], m[7], kind)
			} else if m[8] >= 0 {
				add(text[m[8]:m[9]], m[8], m[9], kind)
			}
		}
	}
	if singular {
		// The expression runs only on the words before each noun.
		for _, noun := range []string{" gang", " cartel"} {
			for off := 0; ; {
				k := strings.Index(text[off:], noun)
				if k < 0 {
					break
				}
				end := off + k + len(noun)
				off = end
				if end < len(text) && isWordByte(text[end]) {
					continue
				}
				from := max(0, end-120)
				for from > 0 && !utf8.RuneStart(text[from]) {
					from++
				}
				ms := gangNameRe.FindAllStringSubmatchIndex(text[from:end], -1)
				if len(ms) == 0 || from+ms[len(ms)-1][1] != end {
					continue
				}
				m := ms[len(ms)-1]
				kind := "gang"
				if noun == " cartel" {
					kind = "criminal-network"
				}
				// "the Wharf Jérémie gang": the group is named with its noun.
				add(text[from+m[2]:end], from+m[2], end, kind)
			}
		}
	}
	if described {
		// "the 103-Zombies organized criminal group", "the Kaniyat armed
		// group": a name, then the singular noun that describes it, which is
		// no part of the name.
		for _, d := range describedNouns {
			for off := 0; ; {
				k := strings.Index(text[off:], d.noun)
				if k < 0 {
					break
				}
				at := off + k
				end := at + len(d.noun)
				off = end
				if end < len(text) && isWordByte(text[end]) {
					continue
				}
				// The word before must be a capitalised or numbered name's.
				w := at
				for w > 0 && text[w-1] != ' ' {
					w--
				}
				if w == at || !(text[w] >= 'A' && text[w] <= 'Z' || text[w] >= '0' && text[w] <= '9') {
					continue
				}
				from := max(0, at-80)
				for from > 0 && !utf8.RuneStart(text[from]) {
					from++
				}
				m := nameBeforeRe.FindStringSubmatchIndex(text[from:at])
				if m == nil {
					continue
				}
				name := text[from+m[2] : at]
				if _, demonym := adjectives()[strings.Fields(name)[0]]; demonym {
					continue // "the Haitian armed group": a State's, no name
				}
				add(name, from+m[2], at, d.kind)
			}
		}
	}
	return out
}

// describedNouns are the singular nouns that describe a group named by the
// words before them, and the group kind they give.
var describedNouns = []struct{ noun, kind string }{
	{" organized criminal group", "criminal-network"}, {" criminal group", "criminal-network"},
	{" armed group", "armed-group"}, {" terrorist group", "terrorist"},
}

// nameBeforeRe reads the name that ends just before a describing noun.
var nameBeforeRe = regexp.MustCompile(`\b(?:the|The)\s+((?:[A-Z0-9][\p{L}\p{N}’'\-]*)(?:\s+(?:[A-Z0-9][\p{L}\p{N}’'\-]*|de|du|des|la))*)$`)

// adjectives maps the adjectives of nationality to their States.
func adjectives() map[string]kg.ID { m, _ := demonyms(); return m }

// NamedGroup is a group a text names that the groups table does not list.
type NamedGroup struct {
	Node       kg.Node
	Start, End int
}

// introducers are the words namedRe needs, tested before it runs.
var introducers = []string{"known as", "known locally as", "calling itself", " called ", " named ", " dubbed ", "self-styled"}

// hasSingular reports whether text holds noun not followed by "s".
func hasSingular(text, noun string) bool {
	for off := 0; ; {
		k := strings.Index(text[off:], noun)
		if k < 0 {
			return false
		}
		e := off + k + len(noun)
		if e >= len(text) || text[e] != 's' {
			return true
		}
		off = e
	}
}

// groupStop are capitalised words that start no group's name: sentence
// openers and determiners ("The", "This"), and words of reports ("Panel").
var groupStop = map[string]bool{
	"The": true, "This": true, "That": true, "These": true, "Those": true, "Its": true, "Their": true, "Another": true,
	"Same": true, "Panel": true, "United": true, "Government": true, "State": true, "Member": true, "One": true,
	"A": true, "An": true, "Such": true, "Other": true, "Each": true, "Main": true, "Largest": true, "Most": true,
}
