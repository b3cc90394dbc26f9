package gazetteer

import (
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Crimes told rather than named: counted killings and injuries, and
// attacks on people told with their perpetrator or date in between.
func TestDescribed(t *testing.T) {
	g := mustLoad(t)
	tests := map[string]string{
		"gangs reportedly killed 57 people in Wharf Jérémie":                   "0101",
		"an attack injuring six":                                               "0201",
		"attacks perpetrated by Palestinians against Israelis were recorded":   "0201",
		"attacks by Israeli settlers and other civilians against Palestinians": "0201",
		"Following the attack on 17 May against foreign tourists in Bamyan":    "0201",
		"the attack on 17 May against the base":                                "",
		"air strikes by the Israel Defense Forces on Hizbullah positions":      "",
		"the attacks by armed groups on military positions":                    "",
		"killing several soldiers in Marte":                                    "",
		"to deter it from transferring weapons and funds to Hezbollah":         "09012",
		"demands Member States stop providing arms to the Houthis":             "09012",
		"disruption in the supply of arms to the gangs":                        "09012",
		"the transfer of arms to the Government of South Sudan":                "",
	}
	for text, want := range tests {
		var got []string
		for _, m := range g.Described(text) {
			got = append(got, m.ID.Key())
		}
		if strings.Join(got, " ") != want {
			t.Errorf("Described(%q) = %v, want %q", text, got, want)
		}
	}
}

// Crime types named by the families of phrasing added with the second
// tuning set.
func TestCrimePhrasings(t *testing.T) {
	g := mustLoad(t)
	tests := map[string]string{
		"the armed group was responsible for the highest number of killings":           "0101",
		"the deliberate killing, maiming and abduction of civilians":                   "0101 0201 kidnapping",
		"strongly condemn the killing of all health and humanitarian personnel":        "0101",
		"All acts of violence against civilians, including acts of terror, must cease": "0201 terrorism",
		"37 children formerly associated with armed groups were released":              "child-recruitment",
		"the killing of soldiers in the clashes":                                       "",
		"I call for the immediate release of all hostages":                             "kidnapping",
		"at least 150 people were violently killed in clashes":                         "0101",
		"the Government was held hostage by the crisis":                                "",
	}
	for text, want := range tests {
		var got []string
		for _, m := range g.Match(text, Context{Kinds: []kg.Kind{kg.KindCrimeType}}) {
			got = append(got, m.ID.Key())
		}
		got = kg.SortedSet(got)
		if strings.Join(got, " ") != want {
			t.Errorf("Match(%q) = %v, want %q", text, got, want)
		}
	}
}
