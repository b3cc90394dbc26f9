package extract

import (
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

func TestReadSection(t *testing.T) {
	tests := []struct {
		line    string
		heading bool
		role    string
		only    kg.Kind
	}{
		{"States Members of the United Nations or States participating in the United Nations Development Programme", true, "member", kg.KindState},
		{"Members", true, "member", kg.KindState},
		{"States Members of the United Nations represented by observers", true, "observer", kg.KindState},
		{"NON-MEMBER STATES HAVING RECEIVED A STANDING INVITATION TO PARTICIPATE AS OBSERVERS IN THE SESSIONS AND THE WORK OF THE GENERAL ASSEMBLY", true, "observer", kg.KindState},
		{"Non-member States", true, "observer", kg.KindState},
		{"Observers", true, "observer", ""},
		{"Intergovernmental organizations having received a standing invitation to participate as observers", true, "observer", kg.KindOrganization},
		{"Specialized agencies", true, "", kg.KindOrganization},
		{"United Nations bodies, funds and programmes, and related organizations", true, "", kg.KindOrganization},
		{"Non-governmental organizations, civil society organizations and other entities", true, "", kg.KindOrganization},
		{"Individuals invited to participate as keynote speakers and/or panellists or respondents", true, "", ""},
		{"United Nations Secretariat and other units", true, "", ""},
		// Names, not headings.
		{"State of Palestine", false, "", ""},
		{"Holy See", false, "", ""},
		{"United Nations Children’s Fund", false, "", ""},
		{"Afghanistan, Albania, Algeria", false, "", ""},
	}
	for _, tt := range tests {
		s, ok := readSection(tt.line)
		if ok != tt.heading || s.role != tt.role || s.only != tt.only {
			t.Errorf("readSection(%q) = %+v, %v; want role %q only %q heading %v", tt.line, s, ok, tt.role, tt.only, tt.heading)
		}
	}
}

func TestListItems(t *testing.T) {
	line := "Iran (Islamic Republic of), Iraq, Ireland, Venezuela (Bolivarian Republic of), Yemen."
	var got []string
	for _, it := range listItems(line) {
		got = append(got, line[it[0]:it[1]])
	}
	want := []string{"Iran (Islamic Republic of)", "Iraq", "Ireland", "Venezuela (Bolivarian Republic of)", "Yemen"}
	if len(got) != len(want) {
		t.Fatalf("items %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestOfficeName(t *testing.T) {
	for in, want := range map[string]string{"CHAIRPERSON": "Chairperson", "VICE-CHAIRPERSONS": "Vice-Chairperson", "RAPPORTEUR": "Rapporteur", "Vice-Presidents": "Vice-President"} {
		if got := officeName(in); got != want {
			t.Errorf("officeName(%q) = %q, want %q", in, got, want)
		}
	}
}
