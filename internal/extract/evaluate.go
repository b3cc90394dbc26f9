package extract

import (
	"github.com/crimegraph/crimegraph/internal/gazetteer"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// Tag is the tagger `crimegraph eval` scores: what extraction finds in one
// passage of the document with the given symbols — the mentions Recognize
// returns and the organizations Acronyms defines, each node once with the
// words it was found by among its names.
func (r GazetteerRecognizer) Tag(text string, symbols []string) gazetteer.Tagged {
	c := Context{Symbols: symbols}
	var t gazetteer.Tagged
	seen := map[kg.ID]int{}
	add := func(list *[]kg.Node, m Mention) {
		words := text[m.Start:m.End]
		if i, ok := seen[m.Node.ID]; ok {
			(*list)[i].Aliases = append((*list)[i].Aliases, words)
			return
		}
		n := m.Node
		n.Aliases = append(append([]string(nil), n.Aliases...), words)
		seen[n.ID] = len(*list)
		*list = append(*list, n)
	}
	for _, m := range append(r.Acronyms(text, c), r.Recognize(text, c)...) {
		switch m.Node.Kind {
		case kg.KindState:
			t.States = append(t.States, m.Node.ID.Key())
		case kg.KindCrimeType:
			t.CrimeTypes = append(t.CrimeTypes, m.Node.ID.Key())
		case kg.KindOrganization:
			add(&t.Organizations, m)
		case kg.KindGroup:
			add(&t.Groups, m)
		}
	}
	t.States, t.CrimeTypes = kg.SortedSet(t.States), kg.SortedSet(t.CrimeTypes)
	return t
}
