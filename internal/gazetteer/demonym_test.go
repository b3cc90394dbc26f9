package gazetteer

import (
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

func TestAuthorities(t *testing.T) {
	g := mustLoad(t)
	tests := []struct {
		text string
		want kg.ID // "" = no match
	}{
		{"UNODC calls upon Haitian governmental authorities, as well as international stakeholders:", "state:HTI"},
		{"UNODC calls in particular upon the Haitian authorities:", "state:HTI"},
		{"the Colombian Government reported", "state:COL"},
		{"South Sudanese authorities", "state:SSD"},
		{"the Dominican authorities", "state:DOM"}, // see demonyms.tsv
		{"the Congolese authorities", ""},          // the Congo or the Democratic Republic of the Congo
		{"the Haitian National Police", ""},
		{"Haitian migrants", ""},
	}
	for _, tc := range tests {
		ms := g.Authorities(tc.text)
		var got kg.ID
		if len(ms) > 0 {
			got = ms[0].ID
			if tc.text[ms[0].Start:ms[0].End] != ms[0].Text {
				t.Errorf("%q: span %d-%d does not hold %q", tc.text, ms[0].Start, ms[0].End, ms[0].Text)
			}
		}
		if got != tc.want {
			t.Errorf("Authorities(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestDemonymsCoverEveryState(t *testing.T) {
	g := mustLoad(t)
	m, _ := demonyms()
	have := map[kg.ID]bool{}
	for _, id := range m {
		have[id] = true
	}
	for _, n := range g.Nodes(kg.KindState) {
		if !have[n.ID] && n.ID != "state:DMA" && n.ID != "state:COD" && n.ID != "state:COG" {
			t.Errorf("no unambiguous adjective of nationality for %s (%s)", n.ID, n.Label)
		}
	}
}

func TestAuthoritiesPlural(t *testing.T) {
	g := mustLoad(t)
	ms := g.Authorities("in cooperation with the Haitian and Dominican Governments, and the Colombian Governments")
	if len(ms) != 2 || ms[0].ID != "state:DOM" || ms[1].ID != "state:COL" || ms[1].Text != "Colombian Governments" {
		t.Errorf("Authorities = %+v", ms)
	}
}

// An adjective two States share names the one the document is about.
func TestSharedDemonyms(t *testing.T) {
	g := mustLoad(t)
	cod := kg.NewID(kg.KindState, "COD")
	text := "joint patrols with the Congolese National Police and Congolese armed forces"
	ms := g.SharedDemonyms(text, cod)
	if len(ms) != 2 || ms[0].ID != cod || ms[0].Text != "Congolese" {
		t.Errorf("SharedDemonyms(COD) = %v, want two matches of COD", ms)
	}
	if ms := g.SharedDemonyms(text, kg.NewID(kg.KindState, "HTI")); len(ms) != 0 {
		t.Errorf("SharedDemonyms(HTI) = %v, want none", ms)
	}
	if ms := g.SharedDemonyms(text, ""); len(ms) != 0 {
		t.Errorf("SharedDemonyms(none) = %v, want none", ms)
	}
}

// An adjective that is also a language names its State before a noun for
// the State's people or organs only.
func TestDemonymsLanguageAdjectives(t *testing.T) {
	g := mustLoad(t)
	for text, want := range map[string]string{
		"has kidnapped and intimidated Chinese civilians in Latakia": "CHN",
		"Turkish troops withdrew":                                    "TUR",
		"the French version of the report":                           "",
		"published in Chinese and Russian":                           "",
		"American citizens":                                          "",
		"Haitian gangs attacked":                                     "HTI",
		"the escalating Israeli-Iranian conflict":                    "ISR IRN",
		"along the Lebanese-Syrian border":                           "LBN SYR",
		"Afro-Colombian communities":                                 "",
	} {
		var got []string
		for _, m := range g.Demonyms(text) {
			got = append(got, m.ID.Key())
		}
		if strings.Join(got, " ") != want {
			t.Errorf("Demonyms(%q) = %v, want %q", text, got, want)
		}
	}
}
