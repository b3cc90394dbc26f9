package gazetteer

import (
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// TestEvaluateEntitiesScoring scores a fixed tagger against a two-row set:
// names match by alias, by "Full Name (ACR)" and through the gazetteer;
// each labelled name matches one node only.
func TestEvaluateEntitiesScoring(t *testing.T) {
	g := mustLoad(t)
	set := "# version: 1\nid\tsource\tstates\torganizations\tgroups\tcrimetypes\tcalls\ttext\n" +
		"r1\tS/2025/1 para. 1\tHTI\tHaitian National Police (HNP) | UNODC\tViv Ansanm\t0101\t\tText one.\n" +
		"r2\tS/2025/1 para. 2\t\tCommittee\t\t\tcall:urge\tText two.\n"
	rows, err := ReadEntities(strings.NewReader(set))
	if err != nil {
		t.Fatal(err)
	}
	unodc, _ := g.Node("organization:unodc")
	tag := func(text string, symbols []string) Tagged {
		if len(symbols) != 1 || symbols[0] != "S/2025/1" {
			t.Errorf("symbols %v, want the source's symbol", symbols)
		}
		if text == "Text one." {
			return Tagged{
				States:        []string{"HTI", "DOM"},
				Organizations: []kg.Node{{ID: "organization:hti-police", Label: "Haitian National Police", Aliases: []string{"HNP"}}, unodc},
				Groups:        []kg.Node{{ID: "group:viv-ansanm", Label: "Viv Ansanm"}},
				CrimeTypes:    []string{"0101", "0204"},
			}
		}
		return Tagged{Organizations: []kg.Node{{ID: "organization:ctc", Label: "Counter-Terrorism Committee", Aliases: []string{"Committee"}}}}
	}
	ev, err := EvaluateEntities(g, "test", rows, tag)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][3]int{ // TP, FP, FN
		"crime types": {1, 1, 0}, "States": {1, 1, 0}, "organizations": {3, 0, 0}, "groups": {1, 0, 0},
	}
	for _, s := range ev.Kinds {
		if s.Kind == "calls" {
			if s.Available {
				t.Error("calls: reported available with no call extraction")
			}
			continue
		}
		if got := [3]int{s.TP, s.FP, s.FN}; got != want[s.Kind] {
			t.Errorf("%s: TP/FP/FN %v, want %v", s.Kind, got, want[s.Kind])
		}
	}
	var b strings.Builder
	if err := ev.Write(&b, true); err != nil || !strings.Contains(b.String(), "not available") {
		t.Errorf("Write: %v\n%s", err, b.String())
	}
	// A label that is no crime type of the gazetteer is an error, not a miss.
	bad := strings.Replace(set, "\t0101\t", "\tnot-a-crime\t", 1)
	rows, _ = ReadEntities(strings.NewReader(bad))
	if _, err := EvaluateEntities(g, "bad", rows, tag); err == nil {
		t.Error("an unknown crime-type label passed")
	}
}

// TestReadEntitiesCalls reads calls whose verbs are words apart, and the
// symbol a source cites.
func TestReadEntitiesCalls(t *testing.T) {
	set := "# version: 1\nid\tsource\tstates\torganizations\tgroups\tcrimetypes\tcalls\ttext\n" +
		"r1\tS/RES/2779 (2025) para. 17\t\t\t\t\toperative:calls upon operative:urges operative:calls on\tText.\n" +
		"r2\tS/2025/122, p. 3\t\t\t\t\tcall:call on call:urge\tText.\n" +
		"r3\tE/2025/32 (Part II), para. 1\t\t\t\t\tcall:recommends\tText.\n"
	rows, err := ReadEntities(strings.NewReader(set))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []struct{ calls, symbol string }{
		{"operative:calls on|operative:calls upon|operative:urges", "S/RES/2779 (2025)"},
		{"call:call on|call:urge", "S/2025/122"},
		{"call:recommends", "E/2025/32 (Part II)"},
	} {
		if got := strings.Join(rows[i].Calls, "|"); got != want.calls {
			t.Errorf("%s calls %q, want %q", rows[i].ID, got, want.calls)
		}
		if got := rows[i].Symbol(); got != want.symbol {
			t.Errorf("%s symbol %q, want %q", rows[i].ID, got, want.symbol)
		}
	}
}

func TestEmbeddedEntitySets(t *testing.T) {
	sets, err := EmbeddedEntitySets()
	if err != nil {
		t.Fatal(err)
	}
	if rows := sets["entities-tune.tsv"]; len(rows) < 50 {
		t.Errorf("entities-tune.tsv: %d rows", len(rows))
	}
	if !IsEntitySet(entitiesTuneTSV) || IsEntitySet(labelledTSV) {
		t.Error("IsEntitySet does not tell the two formats apart")
	}
}

func TestDemonyms(t *testing.T) {
	g := mustLoad(t)
	tests := map[string]string{ // text → the State, "" for none
		"Haitian gangs attacked":              "state:HTI",
		"Iraqi security forces":               "state:IRQ",
		"thousands of Haitians were deported": "state:HTI",
		"the Indian Ocean":                    "",
		"in Latin American countries":         "",
		"the French version":                  "",
		"the American eel":                    "",
		"the Congolese authorities":           "",
		"a South Sudanese national":           "state:SSD",
	}
	for text, want := range tests {
		var got kg.ID
		if ms := g.Demonyms(text); len(ms) > 0 {
			got = ms[0].ID
		}
		if string(got) != want {
			t.Errorf("Demonyms(%q) = %q, want %q", text, got, want)
		}
	}
}
