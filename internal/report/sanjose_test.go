package report

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/google/go-cmp/cmp"

	"github.com/crimegraph/crimegraph/internal/testtool"
)

// sanJose is the Markdown of the report of the Latin American and
// Caribbean Regional Preparatory Meeting (San José, 4–6 February 2025).
const sanJose = "../corpus/files/lac-regional-preparatory-meeting-2025.md"

// parseFile runs FromMarkdown and Parse on a file of testdata.
func parseFile(t testing.TB, path string) *Report {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := FromMarkdown(src)
	if err != nil {
		t.Fatalf("FromMarkdown(%s): %v", path, err)
	}
	r, err := Parse(lines, Options{})
	if err != nil {
		t.Fatalf("Parse(%s): %v", path, err)
	}
	return r
}

// golden compares got with testdata/name (testtool.Golden).
func golden(t *testing.T, name, got string) {
	t.Helper()
	testtool.Golden(t, filepath.Join("testdata", name), []byte(got))
}

// The golden outline was checked by hand against the Markdown: every
// heading, every paragraph number, every item letter, the 66
// recommendations and the 8 documents of the annex.
func TestSanJoseGolden(t *testing.T) {
	r := parseFile(t, sanJose)
	golden(t, "lac-regional-preparatory-meeting-2025.golden", r.Outline())
}

func TestSanJoseParagraphs(t *testing.T) {
	r := parseFile(t, sanJose)
	var got []int
	for _, p := range r.Paragraphs {
		if p.Kind == kg.PartNumbered {
			got = append(got, p.Number)
		}
	}
	want := make([]int, 95)
	for i := range want {
		want[i] = i + 1
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paragraph numbers (-want +got):\n%s", diff)
	}
	if len(r.Warnings) != 0 {
		t.Errorf("warnings: %q", r.Warnings)
	}
}

// refs indexes every paragraph and item of r by ref.
func refs(r *Report) map[string]*Paragraph {
	m := map[string]*Paragraph{}
	r.Walk(func(p *Paragraph) { m[p.Ref] = p })
	return m
}

func TestSanJosePageBreaks(t *testing.T) {
	byRef := refs(parseFile(t, sanJose))
	for _, tc := range []struct {
		ref, before, after string // the words on either side of the break
	}{
		{"15", "initiatives such as the", "appointment of government-funded public defenders"},
		{"29", "at-risk young people, while increasing", "the capabilities of local authorities"},
		{"46", "a common experience of", "victimization as a root cause of offending"},
		{"50", "the Dominican Republic, Ecuador,", "France, Guatemala, Guyana"},
		{"66(b)", "and consider making", "use of innovative technological tools"},
		{"86", "proposing concrete", "recommendations, which would contribute to the drafting of the Abu Dhabi declaration."},
	} {
		p := byRef[tc.ref]
		if p == nil {
			t.Errorf("%s: missing", tc.ref)
			continue
		}
		if want := tc.before + " " + tc.after; !strings.Contains(p.Text, want) {
			t.Errorf("%s is not whole across the page break: want it to contain %q, got %q", tc.ref, want, p.Text)
		}
	}
}

func TestSanJoseRecommendations(t *testing.T) {
	r := parseFile(t, sanJose)
	recs := r.Recommendations()
	if len(recs) != 66 {
		t.Fatalf("got %d recommendations, want 66", len(recs))
	}
	per := map[string]int{}
	var blocks []string
	for _, p := range recs {
		n := strconv.Itoa(p.Number)
		if per[n] == 0 {
			blocks = append(blocks, n)
		}
		per[n]++
		if !strings.HasPrefix(p.Chapeau, "The following recommendations, which were not negotiated by the participants, were identified:") {
			t.Errorf("%s: chapeau %q", p.Ref, p.Chapeau)
		}
	}
	if diff := cmp.Diff([]string{"24", "37", "49", "66", "76"}, blocks); diff != "" {
		t.Errorf("outcome blocks (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{"24": 12, "37": 15, "49": 19, "66": 12, "76": 8}, per); diff != "" {
		t.Errorf("recommendations per block (-want +got):\n%s", diff)
	}

	byRef := refs(r)
	for _, tc := range []struct{ ref, section, start string }{
		{"24(h)", "II.A.outcome", "Develop legal safeguards and strengthen policies to prevent the prosecution of victims"},
		{"37(i)", "II.B.1.outcome", "Address discrimination and xenophobia against migrants"},
		{"49(s)", "II.B.2.outcome", "Adopt strategies to promote diversity, equality and equity"},
		{"66(l)", "II.B.3.outcome", "Strengthen the collection and analysis of disaggregated criminal justice data"},
		{"76(h)", "II.B.4.outcome", "Develop accountability mechanisms for the use of digital technologies"},
	} {
		p := byRef[tc.ref]
		switch {
		case p == nil:
			t.Errorf("%s: missing", tc.ref)
		case !p.Recommendation || p.Section != tc.section || !strings.HasPrefix(p.Text, tc.start):
			t.Errorf("%s: got recommendation=%v section=%q text=%.60q; want true, %q, %.60q",
				tc.ref, p.Recommendation, p.Section, p.Text, tc.section, tc.start)
		}
	}
	// Nothing outside the outcome blocks is a recommendation: not the
	// summaries under chapter "II. Recommendations", not the chapeaus.
	for _, ref := range []string{"11", "16", "24", "55", "57", "92"} {
		if byRef[ref].Recommendation {
			t.Errorf("%s is marked as a recommendation", ref)
		}
	}
}

func TestSanJoseListsInsideParagraphs(t *testing.T) {
	byRef := refs(parseFile(t, sanJose))

	// 91: the officers stay in the paragraph that elects them.
	want91 := "At its 1st meeting, on 4 February 2025, the Meeting elected, by acclamation, the following officers:\n" +
		"Chair: Gerald Campos Valverde (Costa Rica)\n" +
		"Vice-Chair: Erin Leslie McKey (Canada)\n" +
		"Rapporteur: Rodrigo Bertoglio Cardoso (Brazil)"
	if diff := cmp.Diff(want91, byRef["91"].Text); diff != "" {
		t.Errorf("paragraph 91 (-want +got):\n%s", diff)
	}

	// 92: the agenda, items 1.–7. with (a)–(d), is the text of 92, not
	// paragraphs 1–7 again nor items of 92.
	p := byRef["92"]
	if len(p.Items) != 0 {
		t.Errorf("92 has %d items, want the agenda kept as its text", len(p.Items))
	}
	lines := strings.Split(p.Text, "\n")
	var starts []string
	for _, l := range lines[1:] {
		starts = append(starts, strings.SplitN(l, " ", 2)[0])
	}
	if diff := cmp.Diff([]string{"1.", "2.", "3.", "4.", "5.", "(a)", "(b)", "(c)", "(d)", "6.", "7."}, starts); diff != "" {
		t.Errorf("agenda lines of 92 (-want +got):\n%s", diff)
	}
	if !strings.Contains(p.Text, "(agenda item 4); and ensuring equal access to justice for all") {
		t.Errorf("agenda item 5(b) is cut at its page break: %q", p.Text)
	}
}

func TestSanJoseStructure(t *testing.T) {
	r := parseFile(t, sanJose)

	wantMeeting := &Meeting{
		Name:      "Latin American and Caribbean Regional Preparatory Meeting for the Fifteenth United Nations Congress on Crime Prevention and Criminal Justice",
		Venue:     "San José",
		StartDate: "2025-02-04",
		EndDate:   "2025-02-06",
		Ref:       "77",
	}
	if diff := cmp.Diff(wantMeeting, r.Meeting); diff != "" {
		t.Errorf("meeting (-want +got):\n%s", diff)
	}

	type topic struct {
		Key                    string
		AgendaItems, Workshops []string
	}
	var got []topic
	r.WalkSections(func(s *Section) {
		if s.Kind == SecItem {
			got = append(got, topic{s.Key, s.AgendaItems, s.Workshops})
		}
	})
	want := []topic{
		{"II.B.1", []string{"3"}, []string{"1"}},
		{"II.B.2", []string{"4"}, []string{"2"}},
		{"II.B.3", []string{"5"}, []string{"3"}},
		{"II.B.4", []string{"6"}, []string{"4"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("topic headings (-want +got):\n%s", diff)
	}

	if len(r.Annex) != 8 {
		t.Fatalf("annex has %d documents, want 8", len(r.Annex))
	}
	for _, d := range r.Annex {
		if !strings.HasPrefix(d.Symbol, "A/CONF.241/") || d.Title == "" {
			t.Errorf("annex entry %+v", d)
		}
	}
	wantDraft := AnnexDocument{
		Symbol: "A/CONF.241/RPM.2/L.1",
		Title:  "Draft report",
		Addenda: []string{
			"A/CONF.241/RPM.2/L.1/Add.1", "A/CONF.241/RPM.2/L.1/Add.2", "A/CONF.241/RPM.2/L.1/Add.3",
			"A/CONF.241/RPM.2/L.1/Add.4", "A/CONF.241/RPM.2/L.1/Add.5",
		},
	}
	if diff := cmp.Diff(wantDraft, r.Annex[2]); diff != "" {
		t.Errorf("annex entry 3 (-want +got):\n%s", diff)
	}

	if !strings.HasPrefix(r.Title, "Report of the Latin American and Caribbean Regional Preparatory Meeting") {
		t.Errorf("title %q", r.Title)
	}
}

// BenchmarkParseSanJose measures Parse alone; the whole ingest of a
// document must stay under 50 ms.
func BenchmarkParseSanJose(b *testing.B) {
	src, err := os.ReadFile(sanJose)
	if err != nil {
		b.Fatal(err)
	}
	lines, err := FromMarkdown(src)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(lines, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFromMarkdownSanJose measures the Markdown front end.
func BenchmarkFromMarkdownSanJose(b *testing.B) {
	src, err := os.ReadFile(sanJose)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FromMarkdown(src); err != nil {
			b.Fatal(err)
		}
	}
}
