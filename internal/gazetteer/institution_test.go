package gazetteer

import (
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

func TestInstitutions(t *testing.T) {
	g := mustLoad(t)
	tests := []struct {
		text      string
		want      kg.ID // "" = none
		words     string
		wantLabel string
		focus     kg.ID // the State the document is about
	}{
		{"build the capacity of the Haitian National Police to counter gangs", "organization:hti-police", "Haitian National Police", "Haitian National Police", ""},
		{"officers of the National Police of Haiti", "organization:hti-police", "National Police of Haiti", "Haitian National Police", ""},
		{"Haiti’s National Police", "organization:hti-police", "Haiti’s National Police", "Haitian National Police", ""},
		{"deported by the Dominican army", "organization:dom-army", "Dominican army", "Army of the Dominican Republic", ""},
		{"intercepted by Bahamian police", "organization:bhs-police", "Bahamian police", "Royal Bahamas Police Force", ""},
		{"the Egyptian Armed Forces", "organization:egy-armed-forces", "Egyptian Armed Forces", "Egyptian Armed Forces", ""},
		{"the Central Bank of Libya", "organization:lby-central-bank", "Central Bank of Libya", "Central Bank of Libya", ""},
		{"Israel Defense Forces", "organization:isr-armed-forces", "Israel Defense Forces", "Israel Defense Forces", ""},
		{"the Ministry of Justice of Haiti", "organization:hti-ministry-of-justice", "Ministry of Justice of Haiti", "Ministry of Justice of Haiti", ""},
		{"the Ministry of Foreign Affairs, Emigration and Egyptian Expatriates of Egypt", "organization:egy-ministry-of-foreign-affairs-emigration-and-egyptian-expatriates", "Ministry of Foreign Affairs, Emigration and Egyptian Expatriates of Egypt", "", ""},
		{"In Libya, the Central Bank reported revenues", "organization:lby-central-bank", "Central Bank", "Central Bank of Libya", ""},
		// Precision: no State, several States, a State that is the name.
		{"the Central Bank reported revenues", "", "", "", ""},
		{"the Central Bank reported revenues", "organization:lby-central-bank", "Central Bank", "Central Bank of Libya", "state:LBY"}, // a report on Libya
		{"Mali and the Niger: the Central Bank reported", "", "", "", "state:LBY"},
		{"Mali and the Niger: the Central Bank reported", "", "", "", ""},
		{"police officers were deployed", "", "", "", ""},
		{"the Department of the United Arab Emirates", "", "", "", ""},
		{"the Libyan National Army", "organization:lby-lna", "Libyan National Army", "Libyan National Army", ""}, // listed, found by Match
		// A paragraph that opens on a State, unless the sentence names its own.
		{"In Iraq, women were rescued from the Syrian Arab Republic. Survivors were referred by the Ministry of Labour and Social Affairs.", "organization:irq-ministry-of-labour-and-social-affairs", "Ministry of Labour and Social Affairs", "Ministry of Labour and Social Affairs of Iraq", ""},
		{"In Benin, cash transfers grew. For example in Malawi, the Fund works with the Ministry of Gender on a strategy.", "organization:mwi-ministry-of-gender", "Ministry of Gender", "Ministry of Gender of Malawi", ""},
		{"In Benin, cash transfers grew. In Malawi and Zambia, the Fund works with the Ministry of Gender.", "", "", "", ""},
		{"In Benin, cash transfers grew. In Malawi, the Fund works with the Department of Gender.", "", "", "", ""}, // a department needs its State beside it
	}
	for _, tc := range tests {
		ms := g.Match(tc.text, Context{})
		ms = append(ms, g.Demonyms(tc.text)...)
		ins := g.Institutions(tc.text, ms, tc.focus)
		var got Institution
		for _, in := range ins {
			got = in
		}
		// A listed name is found by Match, and the generic form then
		// leaves it alone.
		for _, m := range ms {
			if m.Kind == kg.KindOrganization {
				if len(ins) != 0 {
					t.Errorf("%q: listed %s, and also the generic %+v", tc.text, m.ID, ins)
				}
				n, _ := g.Node(m.ID)
				got = Institution{Node: n, State: kg.NewID(kg.KindState, n.Props[kg.PropStateISO3]), Start: m.Start, End: m.End}
			}
		}
		if got.Node.ID != tc.want {
			t.Errorf("Institutions(%q) = %q, want %q", tc.text, got.Node.ID, tc.want)
			continue
		}
		if tc.want == "" {
			continue
		}
		if w := tc.text[got.Start:got.End]; w != tc.words {
			t.Errorf("%q: span %q, want %q", tc.text, w, tc.words)
		}
		if tc.wantLabel != "" && got.Node.Label != tc.wantLabel {
			t.Errorf("%q: label %q, want %q", tc.text, got.Node.Label, tc.wantLabel)
		}
		if got.Node.Props[kg.PropCategory] != "national" || "state:"+got.Node.Props[kg.PropStateISO3] != string(got.State) {
			t.Errorf("%q: props %v, state %s", tc.text, got.Node.Props, got.State)
		}
	}
}
