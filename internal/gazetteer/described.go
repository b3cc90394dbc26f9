package gazetteer

import (
	"regexp"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// killedRe finds killings told with a number, which the word lists cannot
// hold: "reportedly killed 57 people", "killing at least 22 civilians",
// "207 people were killed".
var killedRe = regexp.MustCompile(`\b(?:(?:killed|killing|massacred|executed)\s+(?:at least\s+|about\s+|over\s+|some\s+|more than\s+|nearly\s+|around\s+|up to\s+|an estimated\s+)?[0-9][0-9,]*\s+(?:people|persons|civilians|villagers|residents|individuals|worshippers|children|women|men|farmers|traders|passengers|students|pupils|fishermen|miners)|[0-9][0-9,]*\s+(?:people|persons|civilians|villagers|residents|individuals|worshippers|children|women|men)\s+(?:were|had been|have been)\s+(?:reportedly\s+|allegedly\s+)?(?:killed|executed|massacred))\b`)

// Described finds crimes told rather than named, where the telling holds a
// number: killings of a counted number of people are intentional homicide
// (0101), as the labelled sets tag them. Deaths in hostilities ("killing
// several soldiers") are not: only civilians and people count.
func (g *Gazetteer) Described(text string) []Match {
	if !strings.Contains(text, "kill") && !strings.Contains(text, "execut") && !strings.Contains(text, "massacre") {
		return nil
	}
	id := kg.NewID(kg.KindCrimeType, "0101")
	if _, ok := g.byID[id]; !ok {
		return nil
	}
	var out []Match
	for _, l := range killedRe.FindAllStringIndex(text, -1) {
		out = append(out, Match{ID: id, Kind: kg.KindCrimeType, Start: l[0], End: l[1], Text: text[l[0]:l[1]]})
	}
	return out
}
