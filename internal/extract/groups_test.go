package extract_test

import (
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/extract"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
)

// TestGroupRelations extracts one-paragraph reports written as UN reports
// on terrorism and on Haiti phrase them, and checks the group relations
// found, and the ones that must not be.
func TestGroupRelations(t *testing.T) {
	rec, err := extract.NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text      string
		want, not []string // "From -KIND-> To" by ID
	}{
		{"Islamic State in Iraq and the Levant - Khorasan (ISIL-K), the ISIL affiliate in Afghanistan, continued to pose the predominant threat.",
			[]string{"group:isil-k -AFFILIATED_WITH-> group:isil"}, nil},
		{"The operational capabilities of Da’esh in Somalia had reportedly evolved.",
			[]string{"group:isil -OPERATES_IN-> state:SOM"}, nil},
		{"In Mozambique, Ahl al-Sunna wal-Jama‘a (not listed) continued to maintain a presence along the coast.",
			[]string{"group:aswj -OPERATES_IN-> state:MOZ"}, nil},
		{"In Mozambique and Malawi, Ahl al-Sunna wal-Jama‘a continued.",
			nil, []string{"group:aswj -OPERATES_IN-> state:MOZ"}},
		{"The activity of Jama’a Nusrat ul-Islam wa al-Muslimin (QDe.159), an Al-Qaida affiliate, in border areas.",
			[]string{"group:jnim -AFFILIATED_WITH-> group:al-qaida"}, nil},
		{"Gangs including Delmas 6 (led by Jimmy Chérizier, alias “Barbeque”) took control of the road.",
			[]string{"person:jimmy-cherizier -LEADS-> group:delmas-6"}, nil},
		{"Wharf Jérémie gang leader Monel Felix (alias “Micanor”) orchestrated a massacre.",
			[]string{"person:monel-felix -LEADS-> group:wharf-jeremie"}, nil},
		{"In 2022, the leader of the 5 Segonn gang, Johnson (“Izo”) André, sent messages to his soldiers.",
			[]string{"person:johnson-andre -LEADS-> group:5-segonn"}, nil},
		{"There was growing confidence that al-Qurashi is Abdul Qadir Mumin (Somali) (not listed), the head of the Da’esh affiliate in Somalia.",
			nil, []string{"person:abdul-qadir-mumin -LEADS-> group:isil"}},
		{"On 18 November, some Viv Ansanm gangs (Grand Ravine, 5 Segond and Kraze Baryè) attempted to invade the commune.",
			[]string{"group:grand-ravine -AFFILIATED_WITH-> group:viv-ansanm", "group:kraze-barye -AFFILIATED_WITH-> group:viv-ansanm"}, nil},
		{"Members of a group suspected to be affiliated with ISGS, known locally as “Lakurawa”, re-established the group.",
			[]string{"group:lakurawa -MENTIONED-"}, nil},
		{"A new gang calling itself “Les Chiens Fous” attacked the town.",
			[]string{"group:les-chiens-fous -MENTIONED-"}, nil},
		{"A gang leader known as Altes “Mikanor” Mones reportedly ordered the execution.",
			nil, []string{"group:altes -MENTIONED-"}},
	}
	for _, tc := range tests {
		rep := &report.Report{Paragraphs: []*report.Paragraph{{Ref: "1", Number: 1, Text: tc.text}}}
		res := extract.Extract(rep, "TEST/1", rec)
		got := map[string]bool{}
		for _, e := range res.Fragment.Edges {
			got[string(e.From)+" -"+string(e.Kind)+"-> "+string(e.To)] = true
			if e.Kind == kg.EdgeMentions {
				got[string(e.To)+" -MENTIONED-"] = true
			}
			if e.Kind == kg.EdgeOperatesIn || e.Kind == kg.EdgeAffiliatedTo || e.Kind == kg.EdgeLeads {
				ev := e.Evidence[0]
				if ev.Ref != "1" || ev.End <= ev.Start || ev.End > len(tc.text) {
					t.Errorf("%s: evidence %+v does not point into the paragraph", e.Key(), ev)
				}
			}
		}
		failed := false
		for _, w := range tc.want {
			if !got[w] {
				t.Errorf("%q:\n  missing %s", tc.text, w)
				failed = true
			}
		}
		for _, w := range tc.not {
			if got[w] {
				t.Errorf("%q:\n  wrongly %s", tc.text, w)
				failed = true
			}
		}
		if failed {
			var all []string
			for k := range got {
				if !strings.Contains(k, "CONTAINS") {
					all = append(all, k)
				}
			}
			t.Logf("got %v", all)
		}
	}
}

// TestInstitutionOf checks that a national institution, under its name and
// its acronym, is one node linked to its State with evidence.
func TestInstitutionOf(t *testing.T) {
	rec, err := extract.NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	text := "The Haitian National Police (HNP) and the Police nationale d’Haïti are one force; the Dominican army patrols."
	rep := &report.Report{Paragraphs: []*report.Paragraph{{Ref: "1", Number: 1, Text: text}}}
	res := extract.Extract(rep, "TEST/1", rec)
	want := map[string]bool{
		"organization:hti-police -INSTITUTION_OF-> state:HTI": false,
		"organization:dom-army -INSTITUTION_OF-> state:DOM":   false,
		"paragraph:TEST/1#1 -MENTIONS-> state:HTI":            false,
	}
	words := map[string]bool{}
	for _, e := range res.Fragment.Edges {
		k := string(e.From) + " -" + string(e.Kind) + "-> " + string(e.To)
		if _, ok := want[k]; ok {
			want[k] = true
		}
		if e.From == "organization:hti-police" && e.Kind == kg.EdgeInstitutionOf {
			for _, ev := range e.Evidence {
				words[text[ev.Start:ev.End]] = true
			}
		}
	}
	for k, ok := range want {
		if !ok {
			t.Errorf("missing %s", k)
		}
	}
	for _, w := range []string{"Haitian National Police", "Police nationale d’Haïti"} {
		if !words[w] {
			t.Errorf("INSTITUTION_OF not cited to %q (got %v)", w, words)
		}
	}
}

// TestTaggerCarriesDocument checks that eval's tagger reads the passages of
// one document in order, as extraction reads its paragraphs: a body named
// in full is found again by its short name, in that document only.
func TestTaggerCarriesDocument(t *testing.T) {
	rec, err := extract.NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	tag := rec.Tagger()
	tag("The Panel of Experts on the Sudan reported.", []string{"S/2025/239"})
	got := tag("The Panel found that the forces moved.", []string{"S/2025/239"})
	if len(got.Organizations) != 1 || got.Organizations[0].ID != "organization:panel-of-experts-sudan" {
		t.Errorf("same document: %+v", got.Organizations)
	}
	if other := tag("The Panel found that the forces moved.", []string{"S/2025/1"}); len(other.Organizations) != 0 {
		t.Errorf("another document: %+v", other.Organizations)
	}
}
