package gazetteer

import (
	"strings"
	"testing"
)

func TestNamedParties(t *testing.T) {
	g := mustLoad(t)
	tests := map[string][]string{
		"banned the opposition political party Mouvement pour la renaissance du Cameroun from participating":                         {"Mouvement pour la renaissance du Cameroun"},
		"while Rassemblement national des démocrates tchadiens – Le Réveil and Union pour le renouveau et la démocratie parties won": {"Rassemblement national des démocrates tchadiens – Le Réveil", "Union pour le renouveau et la démocratie"},
		"the president of the Alternative pour le Mali party was condemned":                                                          {"Alternative pour le Mali"},
		"An international non-governmental organization, Invisible Children, reported that":                                          {"Invisible Children"},
		"According to a non-governmental organization, The report said,":                                                             nil,
		"the Union for the Mediterranean": nil, // English: Bodies' to find
		"at the Front de la":              nil, // no name after the joiners
	}
	for text, want := range tests {
		var got []string
		for _, m := range g.NamedParties(text, g.Match(text, Context{})) {
			got = append(got, m.Text)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("NamedParties(%q) = %q, want %q", text, got, want)
		}
	}
}
