package docrules

import "testing"

func TestFurniture(t *testing.T) {
	for _, tc := range []struct {
		s           string
		token, line bool
	}{
		{"3", true, true},
		{"2/25", true, true},
		{"iv", true, true},
		{"25-00725", true, true},
		{"25-00725 (E)", false, true},
		{"(E)", true, false},
		{"*2500725*", true, true},
		{"GE.25-00925", true, false},
		{"Page", false, true},
		{"* * *", false, true},
		{"30 2 8 1 9 50", false, false}, // a table's row
		{"civil", true, false},          // a page number in a header zone; a word among the text
		{"Security Council", false, false},
		{"", false, false},
	} {
		if got := IsFurnitureToken(tc.s); got != tc.token {
			t.Errorf("IsFurnitureToken(%q) = %v, want %v", tc.s, got, tc.token)
		}
		if got := IsFurnitureLine(tc.s); got != tc.line {
			t.Errorf("IsFurnitureLine(%q) = %v, want %v", tc.s, got, tc.line)
		}
	}
}

func TestOrgans(t *testing.T) {
	for _, tc := range []struct {
		s                 string
		principal, issuer bool
	}{
		{"Security Council", true, true},
		{"Economic and Social Council", true, true},
		{"Human Rights Council", false, true},
		{"Commission on Narcotic Drugs", false, true},
		{"Fifteenth United Nations Congress on Crime Prevention and Criminal Justice", false, true},
		{"Conference of the Parties to the United Nations Convention against Transnational Organized Crime", false, true},
		{"Security Council Committee", false, false},
	} {
		if got := IsPrincipalOrgan(tc.s); got != tc.principal {
			t.Errorf("IsPrincipalOrgan(%q) = %v, want %v", tc.s, got, tc.principal)
		}
		if got := IsIssuingBody(tc.s); got != tc.issuer {
			t.Errorf("IsIssuingBody(%q) = %v, want %v", tc.s, got, tc.issuer)
		}
	}
	for _, o := range MastheadOrgans {
		if !IsIssuingBody(o) {
			t.Errorf("masthead organ %q is no issuing body", o)
		}
	}
}
