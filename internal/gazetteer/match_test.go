package gazetteer

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// found renders matches as "id=text" strings, "id=text*" for coordinated
// ones, in order.
func found(ms []Match) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = string(m.ID) + "=" + m.Text
		if m.Coordinated {
			out[i] += "*"
		}
	}
	return out
}

func ids(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, string(m.ID))
	}
	return kg.SortedSet(out)
}

func TestMatch(t *testing.T) {
	g := mustLoad(t)
	ct := []kg.Kind{kg.KindCrimeType}
	tests := []struct {
		name  string
		text  string
		kinds []kg.Kind
		want  []string // "id=text", "*" when coordinated
	}{
		{
			name:  "San José para. 12",
			kinds: ct,
			text: "Speakers expressed concern about the increase in criminal activity in the region, including organized crime and interpersonal violence, as well as the linkages between various forms of organized crime. " +
				"Speakers referred to a variety of crimes affecting the region, including drug trafficking, corruption, firearms trafficking, trafficking in persons, money-laundering, the smuggling of migrants, cybercrime, financial crimes, crimes that affect the environment such as illegal mining, gang violence and gender-based violence.",
			want: []string{
				"crimetype:organized-crime=organized crime", "crimetype:interpersonal-violence=interpersonal violence",
				"crimetype:organized-crime=organized crime", "crimetype:0601=drug trafficking", "crimetype:0703=corruption",
				"crimetype:09012=firearms trafficking", "crimetype:0204=trafficking in persons", "crimetype:07041=money-laundering",
				"crimetype:08051=smuggling of migrants", "crimetype:cybercrime=cybercrime", "crimetype:financial-crime=financial crimes",
				"crimetype:crimes-that-affect-the-environment=crimes that affect the environment", "crimetype:1004=illegal mining",
				"crimetype:gang-violence=gang violence", "crimetype:gender-based-violence=gender-based violence",
			},
		},
		{
			name:  "San José para. 53: a list with shared heads",
			kinds: ct,
			text:  "such as trafficking in firearms, drug and precursor trafficking, the smuggling of commercial goods, child sexual abuse and exploitation, the smuggling of migrants, trafficking in persons and corruption.",
			want: []string{
				"crimetype:09012=trafficking in firearms", "crimetype:0601=drug*", "crimetype:0601=precursor trafficking",
				"crimetype:smuggling-of-goods=smuggling of commercial goods", "crimetype:child-sexual-abuse=child sexual abuse",
				"crimetype:03022=exploitation*", "crimetype:08051=smuggling of migrants", "crimetype:0204=trafficking in persons",
				"crimetype:0703=corruption",
			},
		},
		{
			name:  "San José para. 59: trafficking in a list of objects",
			kinds: ct,
			text:  "Illegal mining and trafficking in flora, fauna, minerals, toxic waste and forestry resources were considered to exacerbate climate change.",
			want: []string{
				"crimetype:1004=Illegal mining", "crimetype:1003=trafficking in flora", "crimetype:1003=fauna*",
				"crimetype:1004=minerals*", "crimetype:1002=toxic waste*", "crimetype:1004=forestry resources*",
			},
		},
		{
			name:  "San José para. 61: purposes of trafficking",
			kinds: ct,
			text:  "such as trafficking primarily for the purpose of sexual exploitation and forced labour, but also for forced begging, forced criminality and organ removal;",
			want: []string{
				"crimetype:02041=trafficking primarily for the purpose of sexual exploitation", "crimetype:02042=forced labour*",
				"crimetype:tip-other-purposes=forced begging", "crimetype:tip-other-purposes=forced criminality",
				"crimetype:tip-organ-removal=organ removal",
			},
		},
		{
			name:  "trap: environments conducive to gender-based violence",
			text:  "address the environments and conditions conducive to gender-based violence, create supporting environments for victims of domestic violence",
			kinds: ct,
			want:  []string{"crimetype:gender-based-violence=gender-based violence", "crimetype:domestic-violence=domestic violence"},
		},
		{
			name:  "trap: smuggling of commercial goods is not smuggling of migrants",
			text:  "countering organized crime, including the smuggling of commercial goods, ... to disrupt smuggling networks;",
			kinds: ct,
			want:  []string{"crimetype:organized-crime=organized crime", "crimetype:smuggling-of-goods=smuggling of commercial goods"},
		},
		{
			name:  "an anti-corruption body mentions corruption; environmental agencies are no crime",
			text:  "the establishment of an anti-corruption body. The key role of conservation groups and environmental agencies was noted.",
			kinds: ct,
			want:  []string{"crimetype:0703=corruption"},
		},
		{
			name: "names of instruments and organizations are not crime mentions",
			text: "the Organized Crime Convention, the United Nations Convention against Corruption and the Global Initiative against Transnational Organized Crime",
			want: []string{
				"instrument:untoc=Organized Crime Convention", "instrument:uncac=United Nations Convention against Corruption",
				"organization:gi-toc=Global Initiative against Transnational Organized Crime",
			},
		},
		{
			name:  "assault rifles are no assault",
			text:  "the procurement of assault rifles; victims of aggravated assault",
			kinds: ct,
			want:  []string{"crimetype:0201=aggravated assault"},
		},
		{
			name:  "coordinated objects and modifiers",
			kinds: ct,
			text:  "combat trafficking in drugs and arms; sexual and gender-based violence; trafficking in persons and smuggling of migrants.",
			want: []string{
				"crimetype:0601=trafficking in drugs", "crimetype:09012=arms*", "crimetype:0301=sexual*",
				"crimetype:gender-based-violence=gender-based violence", "crimetype:0204=trafficking in persons",
				"crimetype:08051=smuggling of migrants",
			},
		},
		{
			name:  "a name does not span a full stop",
			kinds: ct,
			text:  "They discussed the drug. Trafficking in persons was mentioned.",
			want:  []string{"crimetype:0204=Trafficking in persons"},
		},
		{
			name: "acronyms match as written",
			text: "The OAS and the ILO met; oas, ilo, a kilo of cocaine, AML/CFT rules.",
			want: []string{
				"organization:oas=OAS", "organization:ilo=ILO", "crimetype:07041=AML", "crimetype:09062=CFT",
			},
			kinds: []kg.Kind{kg.KindOrganization, kg.KindCrimeType},
		},
		{
			name:  "State names: accents, articles, UN forms, common words",
			kinds: []kg.Kind{kg.KindState},
			text: "Türkiye, Turkiye, the Dominican Republic, Netherlands (Kingdom of the), Côte d’Ivoire, El Salvador, " +
				"the United Kingdom of Great Britain and Northern Ireland, Papua New Guinea, Guinea-Bissau. " +
				"Not: the Gulf of Guinea, Lake Chad, a chad, CoNGO, New Mexico, Northern Ireland, the Salvador Declaration.",
			want: []string{
				"state:TUR=Türkiye", "state:TUR=Turkiye", "state:DOM=Dominican Republic", "state:NLD=Netherlands (Kingdom of the)",
				"state:CIV=Côte d’Ivoire", "state:SLV=El Salvador", "state:GBR=United Kingdom of Great Britain and Northern Ireland",
				"state:PNG=Papua New Guinea", "state:GNB=Guinea-Bissau",
			},
		},
		{
			name:  "symbols and web addresses are not names",
			text:  "See E/HLPF/2025/5 and www.iom.int/news/2024/haiti; the HLPF and IOM met.",
			kinds: []kg.Kind{kg.KindOrganization},
			want:  []string{"organization:hlpf=HLPF", "organization:iom=IOM"},
		},
		{
			name: "themes: inside crime types yes, inside names no",
			text: "UN-Women, the Commission on Crime Prevention and Criminal Justice and juvenile eels; gender-based violence and crime prevention.",
			want: []string{
				"organization:un-women=UN-Women", "organization:ccpcj=Commission on Crime Prevention and Criminal Justice",
				"crimetype:gender-based-violence=gender-based violence", "theme:gender=gender-based violence", "theme:prevention=crime prevention",
			},
		},
		{
			name: "organizations and instruments of the San José report",
			text: "the Latin American Institute for the Prevention of Crime and the Treatment of Offenders, the International Centre for Criminal Law Reform and Criminal Justice Policy, " +
				"the Financial Action Task Force of Latin America, the International Criminal Police Organization (INTERPOL), the United Nations Rules for the Treatment of Women Prisoners and Non-custodial Measures for Women Offenders (the Bangkok Rules)",
			kinds: []kg.Kind{kg.KindOrganization, kg.KindInstrument},
			want: []string{
				"organization:ilanud=Latin American Institute for the Prevention of Crime and the Treatment of Offenders",
				"organization:icclr=International Centre for Criminal Law Reform and Criminal Justice Policy",
				"organization:gafilat=Financial Action Task Force of Latin America",
				"organization:interpol=International Criminal Police Organization", "organization:interpol=INTERPOL",
				"instrument:bangkok-rules=United Nations Rules for the Treatment of Women Prisoners and Non-custodial Measures for Women Offenders",
				"instrument:bangkok-rules=Bangkok Rules",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := found(g.Match(tc.text, Context{Kinds: tc.kinds}))
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Match:\n got  %q\n want %q", got, tc.want)
			}
		})
	}
}

func TestMatchSpans(t *testing.T) {
	g := mustLoad(t)
	text := "Côte d’Ivoire — la República Dominicana, 土耳其 and «Türkiye»."
	ms := g.Match(text, Context{Kinds: []kg.Kind{kg.KindState}})
	want := []string{"state:CIV=Côte d’Ivoire", "state:DOM=República Dominicana", "state:TUR=土耳其", "state:TUR=Türkiye"}
	if got := found(ms); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q, want %q", got, want)
	}
	for _, m := range ms {
		if text[m.Start:m.End] != m.Text {
			t.Errorf("%s: text[%d:%d] = %q, Text %q", m.ID, m.Start, m.End, text[m.Start:m.End], m.Text)
		}
	}
}

func readSanJose(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("../corpus/files/lac-regional-preparatory-meeting-2025.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestMatchSanJoseReport(t *testing.T) {
	g := mustLoad(t)
	text := readSanJose(t)
	ms := g.Match(text, Context{})
	for i, m := range ms {
		if text[m.Start:m.End] != m.Text {
			t.Fatalf("%s: span does not match its text", m.ID)
		}
		if i > 0 && m.Start < ms[i-1].Start {
			t.Fatalf("matches out of order at %d", i)
		}
	}
	got := map[string]bool{}
	for _, id := range ids(ms) {
		got[id] = true
	}
	for _, id := range []string{
		"state:TUR", "state:NLD", "state:DOM", "state:CRI", "state:ARE", "state:VNM", "state:KNA", "state:RUS", "state:LUX",
		"organization:unodc", "organization:undp", "organization:ilanud", "organization:icclr", "organization:interpol",
		"organization:gafilat", "organization:ccpcj", "organization:ecosoc", "organization:general-assembly",
		"organization:eclac", "organization:gi-toc", "organization:alliance-of-ngos", "organization:apt", "organization:crime-congress",
		"instrument:untoc", "instrument:cybercrime-convention", "instrument:bangkok-rules", "instrument:legal-aid-principles",
		"instrument:agenda-2030", "instrument:pact-for-the-future", "instrument:global-digital-compact",
		"instrument:declaration-on-future-generations", "instrument:kyoto-declaration", "instrument:brasilia-regulations",
		"instrument:crc", "instrument:abu-dhabi-declaration",
		"theme:gender", "theme:children-youth", "theme:victims", "theme:human-rights", "theme:technology", "theme:data-evidence",
		"theme:indigenous-peoples", "theme:migrants", "theme:environment-climate", "theme:international-cooperation",
		"theme:access-to-justice", "theme:restorative-justice", "theme:rehabilitation-reintegration", "theme:prevention",
	} {
		if !got[id] {
			t.Errorf("%s not found in the San José report", id)
		}
	}
	// Para. 78 lists the States members of ECLAC at the Meeting.
	i := strings.Index(text, "78. The following States members")
	j := strings.Index(text, "79. Luxembourg")
	var states []string
	for _, m := range g.Match(text[i:j], Context{Kinds: []kg.Kind{kg.KindState}}) {
		states = append(states, m.ID.Key())
	}
	sort.Strings(states)
	want := "ARG BRA BRB CAN CHL COL CRI CUB DOM ECU FRA GBR GTM GUY HND ITA KNA MEX NLD PAN PER PRY SLV TTO TUR URY USA"
	if got := strings.Join(states, " "); got != want {
		t.Errorf("para. 78 States:\n got  %s\n want %s", got, want)
	}
}

func TestMatchEmpty(t *testing.T) {
	g := mustLoad(t)
	if ms := g.Match("", Context{}); len(ms) != 0 {
		t.Errorf("Match(\"\") = %v", ms)
	}
	if ms := g.Match("  ,;. — ", Context{}); len(ms) != 0 {
		t.Errorf("Match(punctuation) = %v", ms)
	}
}

func BenchmarkMatchSanJose(b *testing.B) {
	g := mustLoad(b)
	text := readSanJose(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Match(text, Context{})
	}
}

// BenchmarkLoad measures building the gazetteer from the embedded files,
// which Load does once per process.
func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := load(); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleGazetteer_Match() {
	g, err := Load()
	if err != nil {
		panic(err)
	}
	text := "Speakers referred to drug and precursor trafficking and to the Organized Crime Convention."
	for _, m := range g.Match(text, Context{}) {
		fmt.Printf("%s %q [%d:%d] coordinated=%v\n", m.ID, m.Text, m.Start, m.End, m.Coordinated)
	}
	// Output:
	// crimetype:0601 "drug" [21:25] coordinated=true
	// crimetype:0601 "precursor trafficking" [30:51] coordinated=false
	// instrument:untoc "Organized Crime Convention" [63:89] coordinated=false
}

// FuzzText checks that no input makes the matchers panic or return a span
// that is not the text it claims.
func FuzzText(f *testing.F) {
	for _, s := range []string{
		"drug and precursor trafficking, trafficking in flora, fauna and minerals",
		"Security Council resolutions 2692 (2023) and 2743 (2024); A/79/912-S/2025/306*",
		"United Nations Office on Drugs and Crime (UNODC) ( ) (A",
		"Netherlands (Kingdom of the) Côte d’Ivoire 土耳其 \u0301x and, or ,",
		"resolution 12/4 of the Conference", "E/", "(", "trafficking in and and, or",
	} {
		f.Add(s)
	}
	g := mustLoad(f)
	f.Fuzz(func(t *testing.T, text string) {
		for _, m := range g.Match(text, Context{Body: "cnd"}) {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
				t.Fatalf("bad match span %+v", m)
			}
		}
		for _, r := range Resolutions(text, Context{}) {
			if text[r.Start:r.End] != r.Text {
				t.Fatalf("bad resolution span %+v", r)
			}
		}
		for _, s := range Symbols(text) {
			if text[s.Start:s.End] != s.Text {
				t.Fatalf("bad symbol span %+v", s)
			}
		}
		for _, a := range Acronyms(text) {
			if text[a.ShortStart:a.ShortEnd] != a.Short || text[a.LongStart:a.LongEnd] != a.Long {
				t.Fatalf("bad acronym span %+v", a)
			}
		}
	})
}
