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

func TestSelfHead(t *testing.T) {
	for label, want := range map[string]string{
		"Commission on Narcotic Drugs": "Commission",
		"Security Council":             "Council",
		"Security Council Committee established pursuant to resolution 2713 (2023) concerning Al-Shabaab": "Committee",
		"Panel of Experts on the Sudan":                   "Panel",
		"Peace and Security Council of the African Union": "Council",
		"United Nations Office on Drugs and Crime":        "",
	} {
		if got := SelfHead(label); got != want {
			t.Errorf("SelfHead(%q) = %q, want %q", label, got, want)
		}
	}
}

// A resolution names its committee and panel by their resolution and then
// by "the Committee", "the Panel"; a panel's report names its committee
// "the Committee" only.
func TestShortNamesByResolution(t *testing.T) {
	r, err := NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	tag := r.Tagger()
	sym := []string{"S/RES/9001 (2031)"}
	tag("recorded by the Panel of Experts pursuant to resolution 2713 (2023) (Panel), and the Committee pursuant to resolution 2713 (2023) concerning Al-Shabaab (Committee)", sym)
	got := tag("Requests the Panel to share information with the Committee;", sym)
	var ids []string
	for _, n := range got.Organizations {
		ids = append(ids, string(n.ID))
	}
	if strings.Join(ids, " ") != "organization:panel-of-experts-al-shabaab organization:committee-2713" {
		t.Errorf("organizations = %v", ids)
	}
	got = tag("the Panel of Experts on the Sudan to provide to the Council, after discussion with the Committee, a final report", []string{"S/9002/1"})
	ids = nil
	for _, n := range got.Organizations {
		ids = append(ids, string(n.ID))
	}
	// "the Council" in an S/ document is the Security Council.
	if strings.Join(ids, " ") != "organization:panel-of-experts-sudan organization:security-council organization:committee-1591" {
		t.Errorf("organizations = %v", ids)
	}
}

// A report that defines its short names ("the Executive Council (the
// Council)") uses them later, with or without the article, and they win
// over the Security Council's "the Council" in the S/ document that
// encloses it.
func TestDefinedShortNames(t *testing.T) {
	r, err := NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	tag := r.Tagger()
	sym := []string{"S/9003/1"}
	tag("the decision by the Executive Council (the Council) at its meeting, the Technical Secretariat (the Secretariat) is to report to the Council", sym)
	got := tag("pursuant to Council decision EC-83/DEC.5, the Secretariat reported to the Council and States Parties.", sym)
	var ids []string
	for _, n := range got.Organizations {
		ids = append(ids, string(n.ID))
	}
	// The OPCW's organs, which the list keeps for lookup only under their bare names.
	if strings.Join(ids, " ") != "organization:opcw-executive-council organization:opcw-technical-secretariat" {
		t.Errorf("organizations = %v", ids)
	}
}

// An organization inside a post's title names the post, not the body.
func TestInPost(t *testing.T) {
	r, err := NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]int{
		"a letter from the High Representative of the European Union for Foreign Affairs and Security Policy": 0,
		"the European Union High Representative, as Coordinator":                                              0,
		"the European Union and the African Union":                                                            2,
		"the implementation of the United Nations integrated strategy for the Sahel":                          0,
		"the United Nations Sustainable Development Cooperation Framework":                                    0,
		"United Nations personnel and the United Nations system support for the Agenda":                       2,
	} {
		n := 0
		for _, m := range r.Recognize(text, Context{}) {
			if m.Node.Kind == kg.KindOrganization {
				n++
			}
		}
		if n != want {
			t.Errorf("%q: %d organizations, want %d", text, n, want)
		}
	}
}

// A group's name that opens on its own State names the State.
func TestGroupNameState(t *testing.T) {
	r, err := NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"2 South Sudan Opposition Alliance (all men)":                           "SSD",
		"officers of the Sudan People’s Liberation Movement/Army in Opposition": "",
		"fighters of the Islamic State in Iraq and the Levant":                  "",
	} {
		if got := statesIn(r, text); got != want {
			t.Errorf("%q: States %q, want %q", text, got, want)
		}
	}
}

// A State inside a post's title names the post's holder, not the State.
func TestStatePost(t *testing.T) {
	r, err := NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"the good offices of my Special Coordinator for Lebanon":                "",
		"the remit of the Special Envoy for the Sudan and South Sudan to cover": "",
		"my Special Representative for Somalia and Head of UNTMIS":              "",
		"the Special Representative met the President of Somalia":               "SOM",
		"Lebanon and the Special Coordinator":                                   "LBN",
	} {
		if got := statesIn(r, text); got != want {
			t.Errorf("%q: States %q, want %q", text, got, want)
		}
	}
}

// statesIn is the ISO codes of the States r finds in text, in order,
// space-separated.
func statesIn(r Recognizer, text string) string {
	var got []string
	for _, m := range r.Recognize(text, Context{}) {
		if m.Node.Kind == kg.KindState {
			got = append(got, m.Node.ID.Key())
		}
	}
	return strings.Join(got, " ")
}
