package docrules

import (
	"regexp"
	"strings"
)

// A list of participants prints its delegations as a table whose header
// row names the first column "Country", "Pays", "Organization", … and
// another "Representative", "Représentant", "Head of delegation", …
// (docs/pdf-extraction.md, docs/parsing.md). The PDF and Markdown front
// ends read such tables row by row, and package extract skips their
// header rows, by the same two rules.

var (
	delegateHeadRe = regexp.MustCompile(`^(?:Representatives?|Représentants?|Representantes?|Heads? of [Dd]elegation|Chefs? de (?:la )?délégation|Jefes? de (?:la )?delegación)$`)
	firstHeadRe    = regexp.MustCompile(`^(?:Country|Countries|Pays|País|Organi[sz]ations?|Organización|Member States?|States?|Delegations?|Entity|Entities)$`)
)

// IsDelegateHead reports whether a header cell heads the delegates'
// column of a table of delegations: "Representative", "Représentant".
func IsDelegateHead(cell string) bool { return delegateHeadRe.MatchString(strings.TrimSpace(cell)) }

// IsDelegationHeader reports whether the cells of a row head a table of
// delegations: the first names the delegations' column, another the
// delegates'.
func IsDelegationHeader(cells []string) bool {
	if len(cells) < 2 || !firstHeadRe.MatchString(strings.TrimSpace(cells[0])) {
		return false
	}
	for _, c := range cells[1:] {
		if IsDelegateHead(c) {
			return true
		}
	}
	return false
}
