package explore

import (
	"strings"
	"testing"
)

func TestCitationRef(t *testing.T) {
	cases := []struct{ in, doc, ref string }{
		{"S/2025/460 para. 72", "S/2025/460", "72"},
		{"S/2025/85 para. 61(k)", "S/2025/85", "61(k)"},
		{"S/2025/71/Rev.1, annex, para. 130", "S/2025/71/Rev.1", "130"},
		{"S/2025/239, annex, para. 108(c)", "S/2025/239", "108(c)"},
		{"S/RES/2779 (2025) para. 6", "S/RES/2779 (2025)", "6"},
		{"E/2025/28, resolution 68/5, para. 4", "E/2025/28", "res68/5.op4"},
		{"lac-rpm-2025 para. 66(e)", "lac-rpm-2025", "66(e)"},
		{"S/2025/122, p. 13", "", ""},
		{"S/2025/476, annex, item 1", "", ""},
	}
	for _, c := range cases {
		doc, ref, ok := citationRef(c.in)
		if doc != c.doc || ref != c.ref || ok != (c.doc != "") {
			t.Errorf("citationRef(%q) = %q, %q, %v; want %q, %q", c.in, doc, ref, ok, c.doc, c.ref)
		}
	}
}

func TestReadLabelledPairs(t *testing.T) {
	in := "# comment\nid\tcall\techo\tlabel\ttext_call\ttext_echo\nsc1\tA para. 1\tB para. 2\techo\tx\ty\nsc2\tA para. 1\tC para. 3\tnot\tx\tz\n"
	ps, err := ReadLabelledPairs(strings.NewReader(in))
	if err != nil || len(ps) != 2 || !ps[0].Echo || ps[1].Echo || ps[1].Other != "C para. 3" {
		t.Fatalf("%+v %v", ps, err)
	}
	if _, err := ReadLabelledPairs(strings.NewReader("id\tcall\techo\tlabel\nsc1\tA\tB\tmaybe\n")); err == nil {
		t.Error("a label other than echo or not is accepted")
	}
}
