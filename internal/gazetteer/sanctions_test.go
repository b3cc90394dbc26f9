package gazetteer

import (
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

func TestResolutionBodies(t *testing.T) {
	g := mustLoad(t)
	tests := []struct{ text, words, id, label string }{
		{"the Committee pursuant to resolution 2713 (2023) concerning Al-Shabaab (Committee)",
			"Committee pursuant to resolution 2713 (2023)", "organization:committee-2713", ""},
		{"recorded by the Panel of Experts pursuant to resolution 2713 (2023) (Panel)",
			"Panel of Experts pursuant to resolution 2713 (2023)", "organization:panel-of-experts-al-shabaab", ""},
		{"the mandate of the Panel of Experts established by resolution 1591 (2005)",
			"Panel of Experts established by resolution 1591 (2005)", "organization:panel-of-experts-sudan", ""},
		{"the Security Council Committee established pursuant to resolutions 1267 (1999), 1989 (2011) and 2253 (2015) concerning ISIL",
			"Security Council Committee established pursuant to resolutions 1267 (1999), 1989 (2011) and 2253 (2015)", "organization:committee-1267", ""},
		// A committee listed by its own name, found by its note's resolution.
		{"the Security Council Committee established pursuant to resolution 1373 (2001) concerning counter-terrorism",
			"Security Council Committee established pursuant to resolution 1373 (2001)", "organization:ctc", ""},
		// Unlisted: a node of its own, keyed and labelled by the resolution.
		{"the Committee established pursuant to resolution 2745 (2024) (the Committee)",
			"Committee established pursuant to resolution 2745 (2024)", "organization:committee-2745",
			"Security Council Committee established pursuant to resolution 2745 (2024)"},
		{"the Group of Experts set up under resolution 9999 (2031)",
			"Group of Experts set up under resolution 9999 (2031)", "organization:group-of-experts-9999",
			"Group of Experts established pursuant to resolution 9999 (2031)"},
		// A committee with no resolution, or a resolution the committee only adopted, is no such name.
		{"the Committee adopted resolution 2713 (2023)", "", "", ""},
		{"the Committee on the Rights of the Child", "", "", ""},
	}
	for _, tc := range tests {
		ms := g.ResolutionBodies(tc.text)
		if tc.words == "" {
			if len(ms) != 0 {
				t.Errorf("ResolutionBodies(%q) = %v, want none", tc.text, ms)
			}
			continue
		}
		if len(ms) != 1 || ms[0].Text != tc.words || string(ms[0].ID) != tc.id {
			t.Errorf("ResolutionBodies(%q) = %v, want %q as %s", tc.text, ms, tc.words, tc.id)
			continue
		}
		_, listed := g.Node(ms[0].ID)
		if listed != (tc.label == "") {
			t.Errorf("%s listed = %v", tc.id, listed)
		}
		if tc.label != "" && ResolutionBodyLabel(ms[0].Text) != tc.label {
			t.Errorf("ResolutionBodyLabel(%q) = %q, want %q", ms[0].Text, ResolutionBodyLabel(ms[0].Text), tc.label)
		}
	}
}

func TestCommitteeOf(t *testing.T) {
	g := mustLoad(t)
	for panel, want := range map[string]string{
		"organization:panel-of-experts-sudan":      "committee-1591",
		"organization:panel-of-experts-al-shabaab": "committee-2713",
		"organization:security-council":            "",
	} {
		n, ok := g.Node(kg.ID(panel))
		if !ok {
			t.Fatalf("%s not listed", panel)
		}
		if got := CommitteeOf(n); got != want {
			t.Errorf("CommitteeOf(%s) = %q, want %q", panel, got, want)
		}
	}
}
