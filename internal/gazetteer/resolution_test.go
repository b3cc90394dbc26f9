package gazetteer

import (
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

func TestResolutions(t *testing.T) {
	tests := []struct {
		name string
		text string
		body string   // Context.Body
		want []string // "key|number|inferred", "key|number|inferred|date" when a date is expected
	}{
		{
			name: "subject after the citation (San José para. 1)",
			text: "In its resolution 56/119, on the role, function, periodicity and duration of the United Nations congresses on the prevention of crime and the treatment of offenders, the General Assembly decided that",
			want: []string{"A/RES/56/119|56/119|true"},
		},
		{
			name: "explicit body",
			text: "recalled that, in accordance with General Assembly resolution 77/231, efforts had been made",
			want: []string{"A/RES/77/231|77/231|false"},
		},
		{
			name: "Security Council, and its resolution (S/2025/85)",
			text: "pursuant to paragraph 9 of Security\nCouncil resolution 2692 (2023), as reiterated by the Council in paragraph 19 of its\nresolution 2743\n(2024).",
			body: "security-council",
			want: []string{"S/RES/2692(2023)|2692 (2023)|false|2023", "S/RES/2743(2024)|2743 (2024)|false|2024"},
		},
		{
			name: "a list of Security Council resolutions",
			text: "Security Council resolutions 2692 (2023), 2699 (2023) and 2743 (2024)",
			want: []string{"S/RES/2692(2023)|2692 (2023)|false", "S/RES/2699(2023)|2699 (2023)|false", "S/RES/2743(2024)|2743 (2024)|false"},
		},
		{
			name: "a list of General Assembly resolutions",
			text: "the General Assembly, in its resolutions 78/223 and 79/186, urged",
			want: []string{"A/RES/78/223|78/223|false", "A/RES/79/186|79/186|false"},
		},
		{
			name: "Conference of the Parties named after the number",
			text: "Some speakers recalled resolution 12/4 of the Conference of the Parties to the United Nations Convention against Transnational Organized Crime, which called for",
			want: []string{"CTOC-COP/12/4|12/4|false"},
		},
		{
			name: "Conference of the Parties to the Organized Crime Convention",
			text: "the expert group established pursuant to resolution 12/4 of the Conference of the Parties to the Organized Crime Convention;",
			want: []string{"CTOC-COP/12/4|12/4|false"},
		},
		{
			name: "bare number in a report of the Commission on Narcotic Drugs",
			text: "The Commission adopted resolution 68/1, entitled “Promoting comprehensive ...”, resolution 68/2, entitled",
			body: "cnd",
			want: []string{"CND/68/1|68/1|true", "CND/68/2|68/2|true"},
		},
		{
			name: "bare number elsewhere is the General Assembly's",
			text: "as requested in resolution 68/1,",
			want: []string{"A/RES/68/1|68/1|true"},
		},
		{
			name: "Commission resolution with its date",
			text: "in line with Commission resolution 55/7 of 16 March 2012,",
			body: "cnd",
			want: []string{"CND/55/7|55/7|true|2012-03-16"},
		},
		{
			name: "the date settles the body: a Commission session",
			text: "Recalling its resolution 65/4 of 18 March 2022 on promoting",
			body: "cnd",
			want: []string{"CND/65/4|65/4|true|2022-03-18"},
		},
		{
			name: "the date settles the body: a General Assembly session, in a CND report",
			text: "the Convention on the Rights of the Child, adopted in resolution 44/25 of 20 November 1989, in particular article 4",
			body: "cnd",
			want: []string{"A/RES/44/25|44/25|true|1989-11-20"},
		},
		{
			name: "a body before \"in its\"",
			text: "adopted by the General Assembly in its resolution 68/196 of 18 December 2013,",
			body: "cnd",
			want: []string{"A/RES/68/196|68/196|false|2013-12-18"},
		},
		{
			name: "early and special-session General Assembly numbers",
			text: "General Assembly resolution 217 A (III). General Assembly resolution S-30/1, annex.",
			body: "cnd",
			want: []string{"A/RES/217(III)A|217 A (III)|false", "A/RES/S-30/1|S-30/1|false"},
		},
		{
			name: "Economic and Social Council, by name and by form",
			text: "In section I of its resolution 1999/30, the Economic and Social Council decided; see Economic and Social Council resolution 2024/12.",
			body: "cnd",
			want: []string{"E/RES/1999/30|1999/30|false|1999", "E/RES/2024/12|2024/12|false|2024"},
		},
		{
			name: "other bodies",
			text: "Human Rights Council resolution 55/1 and Commission on Crime Prevention and Criminal Justice resolution 33/1",
			want: []string{"A/HRC/RES/55/1|55/1|false", "CCPCJ/33/1|33/1|false"},
		},
		{
			name: "drafts, symbols, dates and unresolvable citations are left out",
			text: "revised draft resolution E/CN.7/2025/L.6/Rev.1; the draft resolution 68/9; resolution A/RES/78/223; on 12/4/2025; Commission resolution 5/1.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, r := range Resolutions(tc.text, Context{Body: tc.body}) {
				s := strings.Join([]string{r.Key, r.Number, boolString(r.Inferred)}, "|")
				if r.Date != "" {
					s += "|" + r.Date
				}
				got = append(got, s)
				if tc.text[r.Start:r.End] != r.Text || r.ID != kg.NewID(kg.KindInstrument, r.Key) || r.Kind != kg.KindInstrument {
					t.Errorf("%s: span %q, ID %s", r.Key, tc.text[r.Start:r.End], r.ID)
				}
			}
			// The test table leaves the date out where it is not the point.
			for i := range got {
				if i < len(tc.want) && strings.Count(tc.want[i], "|") == 2 {
					got[i] = strings.Join(strings.Split(got[i], "|")[:3], "|")
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Resolutions:\n got  %q\n want %q", got, tc.want)
			}
		})
	}
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func TestResolutionNode(t *testing.T) {
	rs := Resolutions("resolution 12/4 of the Conference of the Parties to the United Nations Convention against Transnational Organized Crime", Context{})
	if len(rs) != 1 {
		t.Fatalf("got %d resolutions", len(rs))
	}
	n := rs[0].Node()
	if n.ID != "instrument:CTOC-COP/12/4" || n.Kind != kg.KindInstrument ||
		n.Label != "Resolution 12/4 of the Conference of the Parties to the United Nations Convention against Transnational Organized Crime" ||
		n.Prop(kg.PropBody) != "organization:ctoc-cop" || n.Prop(kg.PropCategory) != "resolution" {
		t.Errorf("Node() = %+v", n)
	}
	g := mustLoad(t)
	if _, ok := g.Node(kg.ID(n.Prop(kg.PropBody))); !ok {
		t.Errorf("body %s is not a gazetteer organization", n.Prop(kg.PropBody))
	}
	rs = Resolutions("General Assembly resolution 78/223", Context{})
	if n := rs[0].Node(); n.Label != "General Assembly resolution 78/223" || n.ID != "instrument:A/RES/78/223" {
		t.Errorf("Node() = %+v", n)
	}
}

func TestResolutionBodiesAreOrganizations(t *testing.T) {
	g := mustLoad(t)
	for _, b := range []resolutionBody{bodyGA, bodySC, bodyECOSOC, bodyHRC, bodyCND, bodyCCPCJ, bodyCOP, bodyCOSP} {
		if _, ok := g.Node(kg.NewID(kg.KindOrganization, b.org)); !ok {
			t.Errorf("resolution body %s is not in organizations.tsv", b.org)
		}
	}
}

func TestContextFor(t *testing.T) {
	for _, tc := range []struct {
		symbols []string
		want    string
	}{
		{[]string{"E/2025/28", "E/CN.7/2025/11"}, "cnd"},
		{[]string{"E/CN.15/2025/3"}, "ccpcj"},
		{[]string{"S/2025/85"}, "security-council"},
		{[]string{"A/CONF.241/RPM.2/L.1"}, "general-assembly"},
		{[]string{"CTOC/COP/2024/1"}, "ctoc-cop"},
		{nil, ""},
	} {
		if got := ContextFor(tc.symbols...).Body; got != tc.want {
			t.Errorf("ContextFor(%v) = %q, want %q", tc.symbols, got, tc.want)
		}
	}
}
