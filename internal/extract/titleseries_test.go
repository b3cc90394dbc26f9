package extract_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/extract"
	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// TestTitleSeriesFamilies reads titles as printed on documents of
// ../shared/corpus-2025 and ../shared/corpus: the issues of one recurring
// report share a key, different reports do not, and titles that are not
// of a recurring report have none.
func TestTitleSeriesFamilies(t *testing.T) {
	same := [][]string{
		{ // S/2025/54, S/2025/211
			"Situation in South Sudan: report of the Secretary-General",
			"Situation in South Sudan: report of the Secretary-General",
		},
		{ // S/2025/153, S/2025/460
			"Implementation of Security Council resolution 1701 (2006) during the period from 21 October 2024 to 20 February 2025: report of the Secretary-General",
			"Implementation of Security Council resolution 1701 (2006) during the period from 21 February to 20 June 2025: report of the Secretary-General",
		},
		{ // A/51/595 (as OCR'd in capitals), A/53/601
			"INFORMATION FROM NON-SELF-GOVERNING TERRITORIES TRANSMITTED UNDER ARTICLE 73 e OF THE CHARTER OF THE UNITED NATIONS: report of the Special Political and Decolonization Committee (Fourth Committee)",
			"Information from Non-Self-Governing Territories transmitted under Article 73 e of the Charter of the United Nations: report of the Special Political and Decolonization Committee (Fourth Committee)",
		},
		{ // E/2025/28, and the same Commission's report a year earlier
			"Report of the Commission on Narcotic Drugs on the sixty-eighth session (6 December 2024 and 10–14 March 2025)",
			"Report of the Commission on Narcotic Drugs on its sixty-seventh session (8 December 2023 and 14–22 March 2024)",
			"Report of the Commission on Narcotic Drugs on the work of its resumed sixty-sixth session",
		},
		{ // S/2025/223 and the same mission's report given the other way round
			"United Nations Support Mission in Libya: report of the Secretary-General",
			"Report of the Secretary-General on the United Nations Support Mission in Libya",
		},
		{ // S/2025/72 and its predecessor: the ordinal is the issue, not the series
			"Twentieth report of the Secretary-General on the threat posed by ISIL (Da’esh) to international peace and security and the range of United Nations efforts in support of Member States in countering the threat",
			"Nineteenth report of the Secretary-General on the threat posed by ISIL (Da’esh) to international peace and security and the range of United Nations efforts in support of Member States in countering the threat",
		},
		{ // A/80/10: the session after a colon
			"Report of the International Law Commission: seventy-sixth session (28 April–30 May 2025)",
			"Report of the International Law Commission: seventy-fifth session (15 April–31 May and 1 July–2 August 2024)",
		},
		{ // E/ICEF/2025/12
			"Annual report for 2024 of the Executive Director of UNICEF",
			"Annual report for 2023 of the Executive Director of UNICEF",
		},
	}
	keys := map[string]string{}
	for _, group := range same {
		k0, label := extract.TitleSeries(group[0])
		if k0 == "" || label == "" {
			t.Errorf("%q: no series", group[0])
			continue
		}
		for _, title := range group[1:] {
			if k, _ := extract.TitleSeries(title); k != k0 {
				t.Errorf("%q:\n key %q, want %q (as %q)", title, k, k0, group[0])
			}
		}
		if other, ok := keys[k0]; ok {
			t.Errorf("%q and %q share key %q", group[0], other, k0)
		}
		keys[k0] = group[0]
	}
	// Different reports, whose titles differ only in a number or a name.
	differ := [][2]string{
		{"Implementation of resolution 2733 (2024): report of the Secretary-General", "Implementation of resolution 2732 (2024): report of the Secretary-General"},
		{"Report of the Commission on Narcotic Drugs on the sixty-eighth session (6 December 2024 and 10–14 March 2025)", "Report of the Commission for Social Development on the sixty-third session (14 February 2024 and 10–14 February 2025)"},
		{"Report of the Trade and Development Board on its thirty-fourth special session", "Report of the Trade and Development Board on its seventy-first session"},
		{"Situation in South Sudan: report of the Secretary-General", "Situation in the Sudan: report of the Secretary-General"},
	}
	for _, d := range differ {
		a, _ := extract.TitleSeries(d[0])
		b, _ := extract.TitleSeries(d[1])
		if a == "" || b == "" || a == b {
			t.Errorf("%q → %q\n%q → %q: want two different series", d[0], a, d[1], b)
		}
	}
	none := []string{
		"Letter dated 4 February 2025 from the Secretary-General addressed to the President of the Security Council",
		"Identical letters dated 12 March 2025 from the Permanent Representative of Ukraine to the United Nations addressed to the Secretary-General and the President of the Security Council",
		"Note verbale dated 3 March 2025 from the Permanent Mission of Azerbaijan to the United Nations addressed to the Secretary-General",
		"Draft report",
		"Draft report on the substantive session of 2025",
		"Provisional rules of procedure: note by the Secretariat",
		"UN-Nutrition: note by the Secretary-General",
		"Report of the Secretary-General",
		"Progress report of the Secretary-General",
		"Report of the Credentials Committee",
		"Resolution adopted by the Human Rights Council on 8 July 2025",
		"Summary statement by the Secretary-General of matters of which the Security Council is seized and of the stage reached in their consideration",
		"Provisional list of participants",
		"Request for the inclusion of an item in the provisional agenda of the eightieth session",
		"Eleventh annual progress report on the strategic heritage plan of the United Nations Office at Geneva",
	}
	for _, title := range none {
		if k, _ := extract.TitleSeries(title); k != "" {
			t.Errorf("%q: series %q, want none", title, k)
		}
	}
	// The label names the series, not one issue.
	if _, l := extract.TitleSeries("Report of the Commission on Narcotic Drugs on the sixty-eighth session (6 December 2024 and 10–14 March 2025)"); l != "Reports of the Commission on Narcotic Drugs on its sessions" {
		t.Errorf("label %q", l)
	}
}

// TestTitleSeriesRealReports reads two annual reports of the Fourth
// Committee (A/51/595 of 1996, A/52/620 of 1997) through the real PDF
// reader and parser: one title series, entered from each, cited to the
// part that prints the title. The quarterly KFOR reports come in letters,
// whose titles are their own: no title series.
func TestTitleSeriesRealReports(t *testing.T) {
	rec, err := ingest.NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	titleSeries := func(name string) (kg.Edge, bool) {
		src, err := ingest.ReadFile(filepath.Join("testdata", "series", name), "")
		if err != nil {
			t.Fatal(err)
		}
		rep, err := ingest.Parse(context.Background(), src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		f := extract.Extract(rep, ingest.DocKey(rep, src), rec).Fragment
		for _, e := range f.Edges {
			if e.Kind == kg.EdgeInSeries && strings.HasPrefix(e.To.Key(), "title:") {
				return e, true
			}
		}
		return kg.Edge{}, false
	}
	a, okA := titleSeries("A-51-595.pdf")
	b, okB := titleSeries("A-52-620.pdf")
	if !okA || !okB || a.To != b.To {
		t.Fatalf("A/51/595 in %q (%v), A/52/620 in %q (%v): want one title series", a.To, okA, b.To, okB)
	}
	if !strings.Contains(string(a.To), "non-self-governing-territories") {
		t.Errorf("series %q does not name its subject", a.To)
	}
	for _, e := range []kg.Edge{a, b} {
		if len(e.Evidence) != 1 || e.Evidence[0].Ref == "" || e.Evidence[0].End <= e.Evidence[0].Start {
			t.Errorf("%s: evidence %+v, want the title's part", e.From, e.Evidence)
		}
	}
	for _, name := range []string{"S-2025-395.pdf", "S-2025-525.pdf"} {
		if e, ok := titleSeries(name); ok {
			t.Errorf("%s: title series %q, want none (a letter)", name, e.To)
		}
	}
}
