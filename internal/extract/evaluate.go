package extract

import (
	"github.com/crimegraph/crimegraph/internal/gazetteer"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// Tagger returns the tagger `crimegraph eval` scores: what extraction
// finds in one passage of the document with the given symbols — the
// mentions Recognize returns, the organizations Acronyms defines and the
// short names of bodies an earlier passage of the same document named in
// full ("the Panel"), each node once with the words it was found by among
// its names. Passages are read in the order given, as extraction reads a
// document's paragraphs.
func (r GazetteerRecognizer) Tagger() gazetteer.Tagger {
	type doc struct {
		named map[string]kg.Node
		state kg.ID
	}
	docs := map[string]*doc{} // by document symbol
	return func(text string, symbols []string) gazetteer.Tagged {
		key := ""
		if len(symbols) > 0 {
			key = symbols[0]
		}
		d := docs[key]
		if d == nil {
			// The passages carry no title: the document's State is the one
			// State its first passage names, if it names one only.
			d = &doc{named: map[string]kg.Node{}, state: r.DocumentState(text)}
			if key == "" {
				d.state = ""
			}
			docs[key] = d
		}
		return r.tag(text, Context{Symbols: symbols, State: d.state}, d.named)
	}
}

func (r GazetteerRecognizer) tag(text string, c Context, named map[string]kg.Node) gazetteer.Tagged {
	symbols := c.Symbols
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
	ms := r.Recognize(text, c)
	if symbols != nil {
		ms = shortNames(named, text, ms, r.Node)
	}
	for _, m := range append(r.Acronyms(text, c), ms...) {
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
