package gazetteer

import (
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

func TestSymbols(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // symbol parts joined by "+"
	}{
		{
			name: "San José para. 95",
			text: "the Meeting considered and adopted its report ([A/CONF.241/RPM.2/L.1](#), [A/CONF.241/RPM.2/L.1/Add.1](#), [A/CONF.241/RPM.2/L.1/Add.5](#)), as orally amended.",
			want: []string{"A/CONF.241/RPM.2/L.1", "A/CONF.241/RPM.2/L.1/Add.1", "A/CONF.241/RPM.2/L.1/Add.5"},
		},
		{
			name: "citations with paragraphs",
			text: "([E/CN.15/2007/6](#), para. 23). See S/2024/704, paras. 77–79. Also S/2023/780, paras. 30, 34; and E/CN.7/2025/L.6/Rev.1.",
			want: []string{"E/CN.15/2007/6", "S/2024/704", "S/2023/780", "E/CN.7/2025/L.6/Rev.1"},
		},
		{
			name: "joint symbols",
			text: "A/79/912-S/2025/306\nand A/80/62*−E/2025/12* and E/2025/28–E/CN.7/2025/11",
			want: []string{"A/79/912+S/2025/306", "A/80/62+E/2025/12", "E/2025/28+E/CN.7/2025/11"},
		},
		{
			name: "resolution and part suffixes",
			text: "S/RES/2776 (2025)* and E/2025/32 (Part II) and A/RES/78/223.",
			want: []string{"S/RES/2776 (2025)", "E/2025/32 (Part II)", "A/RES/78/223"},
		},
		{
			name: "not symbols",
			text: "resolution 78/223, on 4/2/2025, and/or, AML/CFT, HIV/AIDS, 24/7, www.iom.int/news/2024/haiti, https://undocs.org/A/79/1x and A/B testing.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range Symbols(tc.text) {
				got = append(got, strings.Join(s.Parts, "+"))
				if tc.text[s.Start:s.End] != s.Text || s.Symbol != s.Parts[0] {
					t.Errorf("%s: span %q", s.Symbol, tc.text[s.Start:s.End])
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Symbols:\n got  %q\n want %q", got, tc.want)
			}
		})
	}
}

func TestSymbolNode(t *testing.T) {
	ss := Symbols("S/RES/2776 (2025) and A/79/912-S/2025/306")
	if len(ss) != 2 {
		t.Fatalf("got %d symbols", len(ss))
	}
	if ss[0].Resolution != "instrument:S/RES/2776(2025)" || ss[0].ID() != "document:S/RES/2776 (2025)" {
		t.Errorf("resolution symbol: %+v", ss[0])
	}
	n := ss[1].Node()
	if n.ID != "document:A/79/912" || n.Kind != kg.KindDocument || n.Prop(kg.PropSymbols) != "A/79/912 | S/2025/306" ||
		len(n.Aliases) != 1 || n.Aliases[0] != "S/2025/306" {
		t.Errorf("Node() = %+v", n)
	}
	// A resolution cited by number and by symbol is one node.
	r := Resolutions("Security Council resolution 2776 (2025)", Context{})
	if len(r) != 1 || r[0].ID != ss[0].Resolution {
		t.Errorf("citation %v, symbol %s", r, ss[0].Resolution)
	}
}
