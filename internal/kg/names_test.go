package kg

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Türkiye", "turkiye"},
		{"Turkiye", "turkiye"},
		{"TURKIYE", "turkiye"},
		{"the Dominican Republic", "dominican republic"},
		{"Netherlands (the)", "netherlands"},
		{"Côte d’Ivoire", "cote d ivoire"},
		{"Côte d'Ivoire", "cote d ivoire"},
		{"  money-laundering ", "money laundering"},
		{"A/CONF.241/RPM.2/L.1", "a conf 241 rpm 2 l 1"},
		{"Theodore", "theodore"},
		{"", ""},
		{"the", "the"},
	}
	for _, tc := range tests {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCompareRefs(t *testing.T) {
	ordered := []string{"2", "9", "10", "10(a)", "10(b)", "10(b)(i)", "10(b)(ii)", "10(b)(iv)", "10(b)(x)", "10(i)", "10(z)", "10(aa)", "11", "annex"}
	ordered = append(ordered, "annex.p2", "annex.p2-2", "annex.p10", "p2", "p2-2", "p2-10", "p10", "pp2", "pp10")
	if got := UnnumberedRef("annexII", 7, 4); got != "annexII.p7-4" {
		t.Errorf("UnnumberedRef = %q", got)
	}
	for i := 0; i+1 < len(ordered); i++ {
		if c := CompareRefs(ordered[i], ordered[i+1]); c >= 0 {
			t.Errorf("CompareRefs(%q, %q) = %d, want < 0", ordered[i], ordered[i+1], c)
		}
		if c := CompareRefs(ordered[i+1], ordered[i]); c <= 0 {
			t.Errorf("CompareRefs(%q, %q) = %d, want > 0", ordered[i+1], ordered[i], c)
		}
	}
}

func TestIDs(t *testing.T) {
	id := PartID(KindRecommendation, "S/2025/85", "61(d)")
	if id != "recommendation:S/2025/85#61(d)" || id.Kind() != KindRecommendation || id.DocKey() != "S/2025/85" {
		t.Errorf("PartID = %q kind %q doc %q", id, id.Kind(), id.DocKey())
	}
	for _, bad := range []ID{"", "state", "planet:X", "state:", ID("state:" + string(make([]byte, 600)))} {
		if bad.Validate() == nil {
			t.Errorf("Validate(%q) accepted", bad)
		}
	}
	for ref, want := range map[string]string{
		"61(d)":        "S/2025/85, para. 61(d)",
		"":             "S/2025/85",
		"annex":        "S/2025/85, annex",
		"res68/1.op3":  "S/2025/85, resolution 68/1, para. 3",
		"res68/1.p2":   "S/2025/85, resolution 68/1, preambular para. 2",
		"ddecI.op4(b)": "S/2025/85, draft decision I, para. 4(b)",
		"p3":           "S/2025/85, p. 3",
		"p3-2":         "S/2025/85, p. 3",
		"annex.p3":     "S/2025/85, annex, p. 3",
		"annexII.p7-4": "S/2025/85, annex II, p. 7",
		"p2(b)":        "S/2025/85, p. 2(b)",
		"pp4":          "S/2025/85, preambular para. 4",
		"u3":           "S/2025/85, unnumbered part 3",
		"pp4(a)":       "S/2025/85, preambular para. 4(a)",
	} {
		if got := (Evidence{Doc: "S/2025/85", Ref: ref}).Citation(); got != want {
			t.Errorf("Citation(%q) = %q, want %q", ref, got, want)
		}
	}
}

func TestSortKeyNatural(t *testing.T) {
	a := Node{Label: "x", Props: map[string]string{PropRef: "9", PropDocument: "D"}}
	b := Node{Label: "x", Props: map[string]string{PropRef: "10", PropDocument: "D"}}
	if SortKey(a) >= SortKey(b) {
		t.Errorf("para 9 sorts after para 10: %q %q", SortKey(a), SortKey(b))
	}
}

func BenchmarkFold(b *testing.B) {
	names := []string{"Türkiye", "Côte d'Ivoire", "Российская Федерация", "土耳其", "تركيا", "the Dominican Republic", "United Nations Office on Drugs and Crime"}
	for i := 0; i < b.N; i++ {
		for _, n := range names {
			Fold(n)
		}
	}
}
