package gazetteer

import (
	"regexp"
	"sort"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// killedRe finds killings told with a number, which the word lists cannot
// hold: "reportedly killed 57 people", "killing at least 22 civilians",
// "207 people were killed".
var killedRe = regexp.MustCompile(`\b(?:(?:killed|killing|massacred|executed)\s+(?:at least\s+|least\s+|about\s+|over\s+|some\s+|more than\s+|nearly\s+|around\s+|up to\s+|an estimated\s+)?[0-9][0-9,]*\s+(?:people|persons|civilians|villagers|residents|individuals|worshippers|children|women|men|farmers|traders|passengers|students|pupils|fishermen|miners)|[0-9][0-9,]*\s+(?:people|persons|civilians|villagers|residents|individuals|worshippers|children|women|men)\s+(?:were|had been|have been)\s+(?:reportedly\s+|allegedly\s+)?(?:killed|executed|massacred))\b`)

// injuredRe finds injuries told with a number: "injuring six", "280 were
// injured", "wounding at least 12 civilians".
var injuredRe = regexp.MustCompile(`\b(?:(?:injuring|wounding)\s+(?:at least\s+|about\s+|over\s+|some\s+|more than\s+)?(?:[0-9][0-9,]*|two|three|four|five|six|seven|eight|nine|ten|dozens|several|many)|[0-9][0-9,]*\s+(?:(?:people|persons|civilians|others)\s+)?(?:were|had been|have been)\s+(?:reportedly\s+)?(?:injured|wounded))\b`)

// attackedRe finds attacks on people told with their perpetrator or date
// between the attack and its victims, which the word lists cannot hold:
// "attacks perpetrated by Palestinians against Israelis", "attacks by
// Israeli settlers and other civilians against Palestinians", "the attack
// on 17 May against foreign tourists" (0201).
var attackedRe = regexp.MustCompile(`\b(attacks?|acts of violence)\s+(?:(?:on|in)\s+[0-9]{1,2}\s+[A-Z][a-z]+(?:\s+[0-9]{4})?\s+|(?:(?:perpetrated|committed|carried out|launched)\s+)?by\s+(?:[\p{L}’'\-]+\s+){1,6}?)(?:against|on)\s+(?:foreign\s+)?(?:civilians|tourists|Israelis|Palestinians|villagers|residents|worshippers|students|pupils|women|children|humanitarian workers|aid workers|journalists|displaced persons|migrants)\b`)

// armsToRe finds arms passed to those no State may arm: "transferring
// weapons and funds to Hezbollah", "the supply of arms to the gangs",
// "providing arms to the Houthis" (09012). The match spans the transfer
// and its weapons, so that the group stays named.
var armsToRe = regexp.MustCompile(`\b((?:transfer(?:s|red|ring)?|supply(?:ing)?|supplied|provid(?:e|ed|ing)|provision|deliver(?:y|ed|ing)?)(?:\s+of)?\s+(?:weapons|arms|ammunition|weaponry)(?:\s+and\s+(?:ammunition|funds|cash|money|explosives))?)\s+to\s+(?:the\s+)?(?:gangs|armed groups|terrorist groups|terrorists|militias|Hizbullah|Hezbollah|Houthis|Houthi)\b`)

// Described finds crimes told rather than named, where the telling holds a
// number: killings of a counted number of people are intentional homicide
// (0101), and injuries (0201), as the labelled sets tag them. Deaths in hostilities ("killing
// several soldiers") are not: only civilians and people count.
func (g *Gazetteer) Described(text string) []Match {
	var out []Match
	find := func(re *regexp.Regexp, key string) {
		id := kg.NewID(kg.KindCrimeType, key)
		if _, ok := g.byID[id]; !ok {
			return
		}
		for _, l := range re.FindAllStringSubmatchIndex(text, -1) {
			// A telling that names its perpetrator and victims ("attacks by
			// Palestinians against Israelis") spans its first words only, so
			// that the States they name stay named.
			if len(l) >= 4 && l[2] >= 0 {
				l = l[2:4]
			}
			out = append(out, Match{ID: id, Kind: kg.KindCrimeType, Start: l[0], End: l[1], Text: text[l[0]:l[1]]})
		}
	}
	if strings.Contains(text, "kill") || strings.Contains(text, "execut") || strings.Contains(text, "massacre") {
		find(killedRe, "0101")
	}
	if strings.Contains(text, "injur") || strings.Contains(text, "wound") {
		find(injuredRe, "0201")
	}
	if strings.Contains(text, "attack") || strings.Contains(text, "acts of violence") {
		find(attackedRe, "0201")
	}
	if (strings.Contains(text, "weapon") || strings.Contains(text, "arms") || strings.Contains(text, "ammunition")) && strings.Contains(text, " to ") {
		find(armsToRe, "09012")
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}
