package render_test

import (
	"fmt"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/render"
)

func evs(doc string, refs ...string) []kg.Evidence {
	var out []kg.Evidence
	for _, r := range refs {
		out = append(out, kg.Evidence{Doc: doc, Ref: r})
	}
	return out
}

func TestCaption(t *testing.T) {
	var many []kg.Evidence
	for i := 1; i <= 8; i++ {
		many = append(many, kg.Evidence{Doc: fmt.Sprintf("A/80/%d", i)})
	}
	tests := []struct {
		name string
		in   []kg.Evidence
		want string
	}{
		{"none", nil, ""},
		{"the example", append(evs("S/2025/85", "61(d)", "61(a)"), evs("E/2025/28", "12")...),
			"Source: E/2025/28, para. 12; S/2025/85, paras. 61(a), 61(d)"},
		{"duplicates and spans", []kg.Evidence{{Doc: "S/2025/85", Ref: "61", Start: 0, End: 9}, {Doc: "S/2025/85", Ref: "61", Start: 20, End: 30}},
			"Source: S/2025/85, para. 61"},
		{"paragraph run", evs("E/2025/28", "10", "12", "11", "14"), "Source: E/2025/28, paras. 10–12, 14"},
		{"item run", evs("S/2025/85", "61(a)", "61(b)", "61(c)", "61(d)", "62"), "Source: S/2025/85, paras. 61(a)–(d), 62"},
		{"roman run", evs("S/2025/85", "66(k)(i)", "66(k)(ii)", "66(k)(iii)"), "Source: S/2025/85, paras. 66(k)(i)–(iii)"},
		{"two are not a run", evs("S/2025/85", "61(a)", "61(b)"), "Source: S/2025/85, paras. 61(a), 61(b)"},
		{"long list", evs("S/2025/85", "1", "3", "5", "7", "9", "11", "13", "15", "17", "19"),
			"Source: S/2025/85, paras. 1, 3, 5, 7, 9, 11, 13, and 3 more"},
		{"many documents", many, "Source: A/80/1; A/80/2; A/80/3; A/80/4; A/80/5; A/80/6; and 2 other documents"},
	}
	for _, tt := range tests {
		if got := render.Caption(tt.in); got != tt.want {
			t.Errorf("%s: Caption = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestHumanize(t *testing.T) {
	if got := render.Humanize(kg.EdgeAddressedTo); got != "addressed to" {
		t.Errorf("Humanize = %q", got)
	}
}
