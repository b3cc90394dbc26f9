package extract

import (
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

func TestLooksLikeOrganization(t *testing.T) {
	tests := map[string]bool{
		"Association for Progressive Communications":                                       true,
		"Association des victimes de la torture en Tunisie":                                true,
		"European Court of Human Rights":                                                   true,
		"Board discussed the current situation surrounding Radio and Television of Bosnia": false,
		"internally displaced persons":                                                     false,
		"Haitian National Police":                                                          true,
		"Global Positioning System":                                                        false,
	}
	for long, want := range tests {
		if got := looksLikeOrganization(long); got != want {
			t.Errorf("LooksLikeOrganization(%q) = %v, want %v", long, got, want)
		}
	}
}

func TestSelfReferences(t *testing.T) {
	body := kg.Node{Label: "Commission on Narcotic Drugs"}
	tests := map[string][]string{
		"The Commission adopted its agenda.":             {"Commission"},
		"The Council requested the Commission to report": {"Commission"},
		"The Commission’s work continued.":               {"Commission"},
		"The Commission on the Status of Women met.":     nil,
		"the Commission of Inquiry":                      nil,
		"the Commission established pursuant to":         nil,
		"the Commissioner said":                          nil,
		"the Commission, at its sixty-eighth session":    {"Commission"},
	}
	for text, want := range tests {
		var got []string
		for _, sp := range SelfReferences(text, body) {
			got = append(got, text[sp[0]:sp[1]])
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("SelfReferences(%q) = %q, want %q", text, got, want)
		}
	}
}
