package gazetteer

import (
	"strings"
	"testing"
)

// Groups no list holds, named by the text: introduced by name, or by the
// words before a singular noun that describes them.
func TestNamedGroups(t *testing.T) {
	g := mustLoad(t)
	tests := map[string]string{
		"23 women were kidnapped and raped by the 103-Zombies organized criminal group in Gressier": "103-Zombies",
		"clashes with the Kaniyat armed group continued":                                            "Kaniyat",
		"attacks by the Morne Bleu gang":                                                            "Morne Bleu gang",
		"a group, known locally as “Kalam Sabil”, attacked":                                         "Kalam Sabil",
		"the Haitian armed group leaders":                                                           "",
		"an organized criminal group operating in the area":                                         "",
	}
	for text, want := range tests {
		var got []string
		for _, n := range g.NamedGroups(text, g.Match(text, Context{})) {
			got = append(got, n.Node.Label)
		}
		if strings.Join(got, "|") != want {
			t.Errorf("NamedGroups(%q) = %q, want %q", text, got, want)
		}
	}
}
