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
