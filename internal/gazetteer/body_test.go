package gazetteer

import (
	"strings"
	"testing"
)

func TestBodies(t *testing.T) {
	g := mustLoad(t)
	tests := map[string][]string{
		"the Hybrid Court for South Sudan shall":                                 {"Hybrid Court for South Sudan"},
		"the Regional Committee for Disaster Management in West Africa met":      {"Regional Committee for Disaster Management in West Africa"},
		"the Commission for Truth, Reconciliation, and Healing and others":       {"Commission for Truth, Reconciliation, and Healing"},
		"the Transitional Provincial Council and the Prime Minister in March":    {"Transitional Provincial Council"},
		"the Council of Ministers decided":                                       {"Council of Ministers"},
		"When the National Port Authority closed":                                {"National Port Authority"},
		"the Government of National Unity":                                       {"Government of National Unity"},
		"the Government of Mali and the Federal Government of Somalia":           nil,
		"a Trust Fund was set up":                                                nil,
		"observers: Committee of Trinidad and Tobago, Fin de la Esclavitud":      nil,
		"the Office of Counter-":                                                 nil,
		"the International Conference on Victims of Terrorism was held":          nil,
		"the United Nations Office on Drugs and Crime (UNODC) and the Committee": nil, // listed, and a bare noun
		"the Head of Government and Minister for Foreign Affairs of Tonga":       nil, // a post
		"meeting of Heads of State and Government in Kampala":                    nil,
		"the Conference of Heads of State and Government of the Union decided":   {"Conference of Heads of State and Government of the Union"},
		"the Council of Ministers H decided":                                     {"Council of Ministers"},
		"the Audit Office Mr Smith heads":                                        {"Audit Office"},
		"the Heads of State or Government of Non-Aligned Countries":              nil,
		"the former Soviet Union":                                                nil,
		"served on the SUN Lead Group and SUN Executive Committee in 2024":       {"SUN Executive Committee"}, // "and" before an acronym: a second name
		"the Equal Rights Trust completed a mapping":                             {"Equal Rights Trust"},
		"the Head of Unit said":                                                  nil,
		"report to the Council and States Parties on":                            nil,
		"the recommendation of the Fund’s Council of Ethics that":                {"Council of Ethics"},
		"the Conference of Heads of State and Government of the Central African Economic and Monetary Community (CEMAC) was held": {"Conference of Heads of State and Government"},
		"80. Committee on the Rights of General Assembly resolutions":                                                             nil,
		"United Nations Children’s Fund Executive Board Annual session 2025":                                                      nil, // listed, then a session
		"the aforementioned Council and Conference decisions":                                                                     nil,
	}
	for text, want := range tests {
		ms := g.Match(text, Context{})
		var got []string
		for _, b := range g.Bodies(text, ms) {
			got = append(got, b.Text)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("Bodies(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestDefinedBodies(t *testing.T) {
	g := mustLoad(t)
	tests := map[string][]string{
		"a decision by the Executive Council (the Council) at its meeting":          {"Executive Council"},
		"the Technical Secretariat (the Secretariat) is to report":                  {"Technical Secretariat"},
		"The Conference of the States Parties (the Conference), at its session":     {"Conference of the States Parties"},
		"Following the Joint Monitoring Board (the Board), the parties":             {"Joint Monitoring Board"},
		"the Chemical Weapons Convention (the Convention) requires":                 nil, // no body
		"the Roadmap to a Peaceful and Democratic end of the Transition (the Plan)": nil,
		"the Panel of Experts on the Sudan (the Panel) reported":                    nil, // listed: Match names it
		"the Council (the Council) met":                                             nil,
	}
	for text, want := range tests {
		var got []string
		for _, b := range g.DefinedBodies(text, g.Match(text, Context{})) {
			got = append(got, b.Text)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("DefinedBodies(%q) = %q, want %q", text, got, want)
		}
	}
}
