package extract

import "testing"

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
