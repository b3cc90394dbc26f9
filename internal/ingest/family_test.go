package ingest_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/extract"
	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
	"github.com/crimegraph/crimegraph/internal/testtool"
)

// familyFiles are one real PDF of each family, from ../shared/corpus-2025,
// read through the whole PDF path. S/2025/85 (a letter transmitting a
// report) and E/2025/28 (a report with resolutions inside) are pinned by
// TestGoldenPDFStructure.
var familyFiles = []struct {
	file   string
	family report.Family
}{
	{"S-RES-2785-2025.pdf", report.FamilyResolution},
	{"E-2025-L.4.pdf", report.FamilyDraft},
	{"S-2025-116.pdf", report.FamilyAmendment},
	{"A-79-PV.64.pdf", report.FamilyRecord},
	{"A-AC.121-2025-INF-2.pdf", report.FamilyInformation},
	{"A-AC.182-2025-INF-1.pdf", report.FamilyList},
	{"A-47-435.pdf", report.FamilyReport}, // reissued in 2025 with an OCR text layer
}

func familySource(t *testing.T, name string) ingest.Source {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "families", name))
	if err != nil {
		t.Fatal(err)
	}
	return ingest.Source{Name: name, Data: b}
}

// TestGoldenFamilies pins the outline of one document of each family.
// Refresh with go test ./internal/ingest -run GoldenFamilies -update, and
// review the diff.
func TestGoldenFamilies(t *testing.T) {
	for _, c := range familyFiles {
		t.Run(c.file, func(t *testing.T) {
			rep, err := ingest.Parse(ctx, familySource(t, c.file))
			if err != nil {
				t.Fatal(err)
			}
			if rep.Family != c.family {
				t.Errorf("family %q, want %q", rep.Family, c.family)
			}
			for _, w := range rep.Warnings {
				if strings.Contains(w, "not kept") {
					t.Errorf("text dropped: %s", w)
				}
			}
			golden := filepath.Join("testdata", "families", strings.TrimSuffix(c.file, ".pdf")+".golden")
			got := rep.Outline()
			testtool.Golden(t, golden, []byte(got))
		})
	}
}

// TestNotAUNDocument: the Official Document System's "document does not
// exist" page is a PDF with text, refused with that reason.
func TestNotAUNDocument(t *testing.T) {
	_, err := ingest.Parse(ctx, familySource(t, "A-78-1.pdf"))
	if kg.ErrorCode(err) != kg.CodeUnsupported || !strings.Contains(err.Error(), "A-78-1.pdf") || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("err = %v, want UNSUPPORTED naming the file and saying the document does not exist", err)
	}
}

// TestFamilyFacts checks the facts each family rule adds, on the graph.
func TestFamilyFacts(t *testing.T) {
	rec, err := ingest.NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	facts := func(t *testing.T, src ingest.Source) (*report.Report, kg.Fragment) {
		rep, err := ingest.Parse(ctx, src)
		if err != nil {
			t.Fatal(err)
		}
		return rep, extract.Extract(rep, ingest.DocKey(rep, src), rec).Fragment
	}
	has := func(f kg.Fragment, from kg.ID, k kg.EdgeKind, to kg.ID) bool {
		for _, e := range f.Edges {
			if (from == "" || e.From == from) && e.Kind == k && (to == "" || e.To == to) {
				return true
			}
		}
		return false
	}
	node := func(f kg.Fragment, id kg.ID) kg.Node {
		for _, n := range f.Nodes {
			if n.ID == id {
				return n
			}
		}
		return kg.Node{}
	}

	t.Run("letter", func(t *testing.T) {
		rep, f := facts(t, source(t, "S-2025-85.pdf"))
		l := rep.Letter
		if rep.Family != report.FamilyLetter || l == nil || l.Sender != "the Secretary-General" || l.Addressee != "the President of the Security Council" ||
			l.Signatory != "António Guterres" || !strings.HasPrefix(l.Transmits, "Report of the United Nations Office on Drugs and Crime pursuant to paragraph 9") {
			t.Fatalf("family %q letter %+v", rep.Family, l)
		}
		doc := node(f, "document:S/2025/85")
		if doc.Props[kg.PropFamily] != "letter" || doc.Props[kg.PropTransmits] != l.Transmits {
			t.Errorf("document props %v", doc.Props)
		}
		if !has(f, "document:S/2025/85", kg.EdgeSentBy, "person:secretary-general") {
			t.Error("no SENT_BY the Secretary-General")
		}
	})
	t.Run("resolution", func(t *testing.T) {
		rep, f := facts(t, familySource(t, "S-RES-2785-2025.pdf"))
		if rep.Act == nil || rep.Act.Body != "Security Council" || rep.Act.MeetingNo == "" {
			t.Fatalf("act %+v", rep.Act)
		}
		ops, pre := 0, 0
		var verbs []string
		for _, n := range f.Nodes {
			switch {
			case n.Kind == kg.KindRecommendation && n.Props[kg.PropForm] == kg.FormOperative:
				ops++
				verbs = append(verbs, n.Props[kg.PropRef]+":"+n.Props[kg.PropVerb])
				if n.Props[kg.PropBy] != "Security Council" || n.Props[kg.PropVerb] == "" {
					t.Errorf("%s: by %q verb %q", n.ID, n.Props[kg.PropBy], n.Props[kg.PropVerb])
				}
				if !has(f, n.ID, kg.EdgeMadeBy, "organization:security-council") {
					t.Errorf("%s not MADE_BY the Security Council", n.ID)
				}
			case n.Kind == kg.KindParagraph && n.Props[kg.PropPartKind] == kg.PartPreambular:
				pre++
			}
		}
		if ops == 0 || pre == 0 {
			t.Errorf("%d operative calls, %d preambular paragraphs", ops, pre)
		}
		// Paragraphs 2–4 only reaffirm and express: operative parts, not
		// calls to act.
		if slices.Sort(verbs); !slices.Equal(verbs, []string{"1:decides", "5:decides"}) {
			t.Errorf("operative calls %v, want 1:decides 5:decides", verbs)
		}
		for _, ref := range []string{"2", "3", "4"} {
			if n := node(f, kg.ID("paragraph:S/RES/2785 (2025)#"+ref)); n.Props[kg.PropPartKind] != kg.PartOperative {
				t.Errorf("para. %s: part kind %q, want operative", ref, n.Props[kg.PropPartKind])
			}
		}
	})
	t.Run("amendment", func(t *testing.T) {
		_, f := facts(t, familySource(t, "S-2025-116.pdf"))
		if !has(f, "document:S/2025/116", kg.EdgeAmends, "document:S/2025/112") {
			t.Error("no AMENDS S/2025/112")
		}
	})
	t.Run("record", func(t *testing.T) {
		rep, f := facts(t, familySource(t, "A-79-PV.64.pdf"))
		if rep.Act == nil || rep.Act.MeetingNo != "64" || rep.Date != "2025-04-16" || len(rep.Statements) == 0 {
			t.Fatalf("act %+v date %s, %d statements", rep.Act, rep.Date, len(rep.Statements))
		}
		if !has(f, "state:USA", kg.EdgeStatement, "") {
			t.Error("the United States made no statement")
		}
		for _, n := range f.Nodes {
			if n.Kind == kg.KindRecommendation {
				t.Errorf("a record's turn taken for a call of the document: %s", n.ID)
			}
		}
	})
	t.Run("ocr", func(t *testing.T) {
		rep, _ := facts(t, familySource(t, "A-47-435.pdf"))
		if len(rep.Symbols) == 0 || rep.Symbols[0] != "A/47/435" || rep.Date != "1992-09-11" || !strings.Contains(rep.Title, "EAST TIMOR") {
			t.Errorf("symbols %v date %s title %q", rep.Symbols, rep.Date, rep.Title)
		}
	})
	t.Run("list of participants", func(t *testing.T) {
		// A/AC.182/2025/INF/1 lists every member State of the Special
		// Committee, most with a delegation, some with nobody.
		rep, f := facts(t, familySource(t, "A-AC.182-2025-INF-1.pdf"))
		meeting := kg.ID("meeting:special-committee-charter-united-nations-strengthening-role-organization-2025")
		if m := rep.Meeting; m == nil || m.StartDate != "2025-02-18" || m.EndDate != "2025-02-26" || !has(f, "document:A/AC.182/2025/INF/1", kg.EdgeReports, meeting) {
			t.Fatalf("meeting %+v, want the Special Committee, 18–26 February 2025, reported by the list", rep.Meeting)
		}
		attended := map[kg.ID][]kg.Edge{}
		for _, e := range f.Edges {
			if e.Kind == kg.EdgeAttended {
				if e.To != meeting {
					t.Errorf("%s ATTENDED %s, not the list's meeting", e.From, e.To)
				}
				attended[e.From] = append(attended[e.From], e)
			}
		}
		for _, c := range []struct {
			actor kg.ID
			role  string // "" for no ATTENDED fact
			cites []string
			why   string
		}{
			{"state:SGP", "member", []string{"A/AC.182/2025/INF/1, p. 1", "A/AC.182/2025/INF/1, p. 7"}, "its representative chairs; its row has a delegation"},
			{"state:ALB", "member", []string{"A/AC.182/2025/INF/1, p. 2"}, "a representative and an alternate"},
			{"state:BOL", "member", []string{"A/AC.182/2025/INF/1, p. 2"}, "a name on three lines: Bolivia / (Plurinational / State of)"},
			{"state:GBR", "member", []string{"A/AC.182/2025/INF/1, p. 8"}, "a name on four lines"},
			{"state:NLD", "member", []string{"A/AC.182/2025/INF/1, p. 5"}, "advisers only"},
			{"state:LVA", "member", []string{"A/AC.182/2025/INF/1, p. 1", "A/AC.182/2025/INF/1, p. 4"}, "the Rapporteur's State"},
			{"state:VAT", "observer", []string{"A/AC.182/2025/INF/1, p. 9"}, "a non-member State with a standing invitation as observer"},
			{"state:PSE", "observer", []string{"A/AC.182/2025/INF/1, p. 9"}, "a non-member State with a standing invitation as observer"},
			{"organization:eu", "observer", []string{"A/AC.182/2025/INF/1, p. 9"}, "an intergovernmental organization with a representative"},
			{"state:AFG", "", nil, "listed with nobody"},
			{"state:ATG", "", nil, "listed with nobody, on two lines: Antigua and / Barbuda"},
			{"state:CAF", "", nil, "listed with nobody, on two lines"},
			{"organization:african-union", "", nil, "listed with nobody"},
		} {
			es := attended[c.actor]
			if c.role == "" {
				if len(es) > 0 {
					t.Errorf("%s (%s): ATTENDED %v", c.actor, c.why, es[0].Evidence)
				}
				continue
			}
			var cites []string
			for _, e := range es {
				if e.Props[kg.PropRole] != c.role {
					t.Errorf("%s (%s): role %q, want %q", c.actor, c.why, e.Props[kg.PropRole], c.role)
				}
				cites = append(cites, e.Evidence[0].Citation())
			}
			if slices.Sort(cites); !slices.Equal(cites, c.cites) {
				t.Errorf("%s (%s): ATTENDED cited to %v, want %v", c.actor, c.why, cites, c.cites)
			}
		}
		// 107 member States have someone in their row (counted on the
		// printed list), and no State is listed twice in the table.
		members := 0
		for _, es := range attended {
			for _, e := range es {
				if e.Props[kg.PropRole] == "member" && e.Evidence[0].Citation() != "A/AC.182/2025/INF/1, p. 1" && strings.HasPrefix(string(e.From), "state:") {
					members++
				}
			}
		}
		if members != 107 {
			t.Errorf("%d member States attended by the table, want 107", members)
		}
		if !has(f, "person:nathaniel-khng", kg.EdgeHeldOffice, meeting) || !has(f, "person:nathaniel-khng", kg.EdgeRepresents, "state:SGP") {
			t.Error("the Chairperson holds no office, or represents no Singapore")
		}
	})
	t.Run("list of participants in an annex", func(t *testing.T) {
		// A/80/39, annex I, names the States that took part, then the
		// observers, the organizations of the United Nations system and the
		// individuals invited to speak.
		rep, f := facts(t, familySource(t, "A-80-39.pdf"))
		meeting := kg.ID("meeting:twenty-second-session-high-level-committee-south-south-cooperation-2025")
		if rep.Meeting == nil || rep.Meeting.StartDate != "2025-05-27" {
			t.Fatalf("meeting %+v", rep.Meeting)
		}
		role := map[kg.ID]string{}
		individuals := map[string]int{} // part ref → offset where the individuals start
		for _, n := range f.Nodes {
			if i := strings.Index(n.Props[kg.PropText], "Individuals invited"); i >= 0 {
				individuals[n.Props[kg.PropRef]] = i
			}
		}
		for _, e := range f.Edges {
			if e.Kind != kg.EdgeAttended {
				continue
			}
			role[e.From] = e.Props[kg.PropRole]
			if e.To != meeting {
				t.Errorf("%s ATTENDED %s", e.From, e.To)
			}
			if i, ok := individuals[e.Evidence[0].Ref]; ok && e.Evidence[0].Start > i {
				t.Errorf("%s ATTENDED from the individuals invited (%v)", e.From, e.Evidence[0])
			}
		}
		for actor, want := range map[kg.ID]string{
			"state:AFG": "member", "state:ATG": "member", "state:VEN": "member",
			"state:VAT": "observer", "state:PSE": "observer", "organization:african-union": "observer",
			"organization:fao": "", // a specialized agency: the list says neither member nor observer
		} {
			if got, ok := role[actor]; !ok || got != want {
				t.Errorf("%s: attended %v, role %q; want role %q", actor, ok, got, want)
			}
		}
		for _, absent := range []kg.ID{"state:ARM", "state:AUS", "organization:united-nations"} {
			if _, ok := role[absent]; ok {
				t.Errorf("%s ATTENDED, but the list does not name it", absent)
			}
		}
	})
	t.Run("list of delegations", func(t *testing.T) {
		// A/CONF.230/2025/INF/2 gives each delegation a heading, "ALBANIA",
		// then its delegates, under chapters saying who they are.
		rep, f := facts(t, familySource(t, "A-CONF.230-2025-INF-2.pdf"))
		if rep.Meeting == nil || rep.Meeting.Venue != "Nice" || rep.Meeting.StartDate != "2025-06-09" || rep.Meeting.EndDate != "2025-06-13" {
			t.Fatalf("meeting %+v, want the Conference in Nice, 9–13 June 2025", rep.Meeting)
		}
		role := map[kg.ID]string{}
		cite := map[kg.ID]string{}
		for _, e := range f.Edges {
			if e.Kind == kg.EdgeAttended {
				role[e.From], cite[e.From] = e.Props[kg.PropRole], e.Evidence[0].Citation()
			}
		}
		for _, c := range []struct {
			actor      kg.ID
			role, cite string
		}{
			{"state:ALB", "member", "A/CONF.230/2025/INF/2, p. 2"},
			{"state:BOL", "member", "A/CONF.230/2025/INF/2, p. 5"}, // BOLIVIA (PLURINATIONAL STATE OF)
			{"state:GBR", "member", "A/CONF.230/2025/INF/2, p. 66"},
			{"state:PSE", "member", "A/CONF.230/2025/INF/2, p. 59"}, // under "States and the European Union"
			{"organization:interpol", "observer", "A/CONF.230/2025/INF/2, p. 71"},
			{"organization:fao", "", "A/CONF.230/2025/INF/2, p. 73"}, // a specialized agency: neither member nor observer
		} {
			if r, ok := role[c.actor]; !ok || r != c.role || cite[c.actor] != c.cite {
				t.Errorf("%s: attended %v, role %q, cited to %q; want role %q, %q", c.actor, ok, r, cite[c.actor], c.role, c.cite)
			}
		}
		// "SOUTH AFRICAN" heads a delegation: no State is so named.
		if _, ok := role["state:ZAF"]; ok {
			t.Error("South Africa ATTENDED from a heading that does not name it")
		}
		if n := len(role); n < 120 {
			t.Errorf("%d delegations attended, want about 130", n)
		}
	})
	t.Run("not a list of participants", func(t *testing.T) {
		// A note listing the documents of a session names "List of
		// participants" as one of them: no attendance.
		_, f := facts(t, familySource(t, "A-AC.121-2025-INF-2.pdf"))
		for _, e := range f.Edges {
			if e.Kind == kg.EdgeAttended {
				t.Errorf("%s ATTENDED %s (%v)", e.From, e.To, e.Evidence)
			}
		}
	})
	t.Run("revision", func(t *testing.T) {
		// A Rev.1 symbol read from the masthead: SUPERSEDES its original,
		// which it marks superseded.
		rep := &report.Report{Identity: report.Identity{Symbols: []string{"S/2025/71/Rev.1"}, Title: "Report"},
			Paragraphs: []*report.Paragraph{{Ref: "1", Number: 1, Text: "Text.", Kind: kg.PartNumbered}}}
		rep.Version.Parent, rep.Version.Kind, rep.Version.Element = "S/2025/71", "Rev", "Rev.1"
		f := extract.Extract(rep, "S/2025/71/Rev.1", rec).Fragment
		if !has(f, "document:S/2025/71/Rev.1", kg.EdgeSupersedes, "document:S/2025/71") || node(f, "document:S/2025/71").Props[kg.PropSuperseded] != "S/2025/71/Rev.1" {
			t.Error("no SUPERSEDES edge or superseded marker")
		}
	})
}
