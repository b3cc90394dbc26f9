package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFindOfficers(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // role|name|State text
	}{
		{"San José: role, colon, officer (State)",
			"At its 1st meeting, the Meeting elected, by acclamation, the following officers:\nChair: Gerald Campos Valverde (Costa Rica)\nVice-Chair: Erin Leslie McKey (Canada)\nRapporteur: Rodrigo Bertoglio Cardoso (Brazil)",
			[]string{"Chair|Gerald Campos Valverde|Costa Rica", "Vice-Chair|Erin Leslie McKey|Canada", "Rapporteur|Rodrigo Bertoglio Cardoso|Brazil"}},
		{"CND: a table with regional groups, an officer on the next line",
			"the officers of the Commission were as follows:\nOffice Regional group Officer\nChair Asia-Pacific States Shambhu Kumaran (India)\nFirst Vice-Chair Eastern European States Andranik Hovhannisyan (Armenia)\nSecond Vice-Chair Western European and other States\nPeter Potman (Kingdom of the Netherlands)\nRapporteur African States Mohamed Amine Boukhris (Morocco)",
			[]string{"Chair|Shambhu Kumaran|India", "First Vice-Chair|Andranik Hovhannisyan|Armenia", "Second Vice-Chair|Peter Potman|Kingdom of the Netherlands", "Rapporteur|Mohamed Amine Boukhris|Morocco"}},
		{"honorifics and plural roles", "officers:\nVice-Chairs: Mr. Juan Pérez (Chile)", []string{"Vice-Chair|Juan Pérez|Chile"}},
		{"prose is not a table", "The Chair of the Commission opened the session (in Vienna).", nil},
		{"a role without an officer", "officers:\nChair\nRapporteur", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, o := range findOfficers(tc.text) {
				got = append(got, o.role+"|"+o.name+"|"+o.from)
				if tc.text[o.nameStart:o.nameStart+len(o.name)] != o.name || tc.text[o.fromStart:o.fromStart+len(o.from)] != o.from {
					t.Errorf("spans of %q do not point at it", o.name)
				}
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
