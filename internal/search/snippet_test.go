package search

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/kg"
)

func TestSnippets(t *testing.T) {
	long := strings.Repeat("The Commission considered its agenda. ", 12) +
		"States stressed that trafficking in persons <and> its victims required action. " +
		strings.Repeat("The meeting then closed its session. ", 12)
	tests := []struct {
		name, query string
		node        kg.Node
		want        []string // HTML of each snippet, in order
	}{
		{"accents folded, offsets of the original; one alias", "Turkiye",
			kg.Node{Label: "Türkiye", Aliases: []string{"Turkiye", "la República de Türkiye", "Turquía"}},
			[]string{"<mark>Türkiye</mark>", "<mark>Turkiye</mark>"}},
		{"a word with an accent inside text", "Jose",
			kg.Node{Label: "para. 77", Props: map[string]string{kg.PropText: "held in San José from 4 to 6 February"}},
			[]string{"held in San <mark>José</mark> from 4 to 6 February"}},
		{"stems and stop words", "the trafficked persons",
			kg.Node{Label: "Trafficking in persons", Aliases: []string{"human trafficking"}},
			[]string{"<mark>Trafficking</mark> in <mark>persons</mark>", "human <mark>trafficking</mark>"}},
		{"a typo matches the label only", "cybercrme",
			kg.Node{Label: "Cybercrime", Props: map[string]string{kg.PropText: "cybercrime is rising"}},
			[]string{"<mark>Cybercrime</mark>"}},
		{"nothing matched, nothing shown", "corruption",
			kg.Node{Label: "Cybercrime"}, nil},
		{"a paragraph stating a recommendation leaves its text to it", "trafficking",
			kg.Node{Label: "para. 24(h)", Props: map[string]string{kg.PropText: "trafficking", kg.PropStates: "recommendation:X#24(h)"}}, nil},
		{"a long text is cut around its matches, escaped", "trafficking victims",
			kg.Node{Label: "para. 5", Props: map[string]string{kg.PropText: long}},
			[]string{"…considered its agenda. States stressed that <mark>trafficking</mark> in persons &lt;and&gt; its <mark>victims</mark> required action. The meeting then closed its session. The meeting then closed its session. The meeting then…"}},
	}
	typographic := strings.Repeat("The “Commission” noted it – again. ", 12) + "Then Côte d’Ivoire spoke."
	tests = append(tests, struct {
		name, query string
		node        kg.Node
		want        []string
	}{"a late accented word after typographic quotes", "Cote",
		kg.Node{Label: "para. 9", Props: map[string]string{kg.PropText: typographic}},
		[]string{"…The “Commission” noted it – again. Then <mark>Côte</mark> d’Ivoire spoke."}})
	m := newMapping()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHighlighter(m, tc.query)
			got := h.snippets(tc.node)
			var html []string
			for _, s := range got {
				html = append(html, s.HTML)
				var plain strings.Builder
				for _, p := range s.Parts {
					plain.WriteString(p.Text)
				}
				if !utf8.ValidString(s.HTML) || !utf8.ValidString(plain.String()) {
					t.Errorf("invalid UTF-8 in %q", s.HTML)
				}
			}
			if strings.Join(html, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("snippets\n%s\nwant\n%s", strings.Join(html, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestOneEdit(t *testing.T) {
	tests := map[[2]string]bool{
		{"cybercrim", "cybercrim"}: true, {"cybercrm", "cybercrim"}: true, {"cybercrom", "cybercrim"}: true,
		{"cybercrimx", "cybercrim"}: true, {"cyber", "cybercrim"}: false, {"abc", "bca"}: false, {"", "a"}: true,
	}
	for in, want := range tests {
		if got := oneEdit(in[0], in[1]); got != want {
			t.Errorf("oneEdit(%q, %q) = %v", in[0], in[1], got)
		}
	}
}
