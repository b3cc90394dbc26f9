package report

import (
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

func lines(page int, texts ...string) []Line {
	out := make([]Line, len(texts))
	for i, t := range texts {
		out[i] = Line{Text: t, Page: page}
	}
	return out
}

// TestFamilies reads small documents of each family, as a front end gives
// their lines, and checks the family and what its reader adds.
func TestFamilies(t *testing.T) {
	letter := lines(1,
		"S/2099/1",
		"Letter dated 3 March 2099 from the Permanent Representative of Ruritania to the United Nations addressed to the President of the Security Council",
		"I have the honour to transmit herewith the report of the national commission on organized crime, which is annexed to the present letter and which I ask you to consider.",
		"I should be grateful if you would have the present letter and its annex circulated as a document of the Security Council.",
		"(Signed) Anna Example Ambassador Permanent Representative",
	)
	letter = append(letter, Line{Text: "Annex", Page: 2, Heading: true}, Line{Text: "Report of the national commission on organized crime", Page: 2, Heading: true},
		Line{Text: "The commission met four times in the year under review and heard the testimony of more than forty witnesses from every region.", Page: 2})
	resolution := lines(1,
		"S/RES/9999 (2099)",
		"Resolution 9999 (2099)",
		"Adopted by the Security Council at its 12345th meeting, on 1 April 2099",
		"The Security Council,",
		"Recalling its previous resolutions on the situation and the statements of its President on the matter,",
		"Deeply concerned by the continued activities of armed groups and criminal networks in the region,",
		"1. Decides to renew the mandate of the Mission until 1 April 2100;",
		"2. Calls upon all Member States to cooperate fully with the Mission;",
	)
	record := lines(1,
		"A/99/PV.7",
		"Official Records Ninety-ninth session",
		"7th plenary meeting Monday, 5 October 2099, 10 a.m.",
		"Agenda item 12 (continued) Crime prevention and criminal justice",
		"Mr. Smith (Ruritania): My delegation thanks the President for convening this debate on a subject of great importance to us all.",
		"We believe that the international community must do more against organized crime in all its forms and manifestations.",
		"Ms. Jones (Freedonia) (spoke in French): I associate myself with the statement just made and will add a few words in my national capacity.",
	)
	// A summary record's layout: numbered paragraphs in the third person,
	// each speaker's first "said that", and the rest of the statement in
	// the paragraphs up to the next speaker.
	summary := lines(1,
		"E/CN.15/2099/SR.3",
		"Economic and Social Council",
		"Commission on Crime Prevention and Criminal Justice Thirty-fourth session",
		"Summary record of the 3rd meeting Held at the Vienna International Centre, Vienna, on Tuesday, 20 May 2099, at 10 a.m.",
		"The meeting was called to order at 10.05 a.m.",
		"Agenda item 4 (continued) World crime trends and emerging issues",
		"1. Mr. Smith (Ruritania) said that his Government had adopted a national strategy against trafficking in persons and called for closer cooperation between border authorities.",
		"2. His delegation would submit a draft resolution on the matter at the next session of the Commission.",
		"3. Ms. Jones (Freedonia) said that cybercrime had grown in her region and that her country supported the technical assistance of the Office.",
	)
	for i := range summary {
		summary[i].Break = true // each its own block, as the PDF front end marks them
	}
	tests := []struct {
		name   string
		lines  []Line
		family Family
		check  func(t *testing.T, r *Report)
	}{
		{"letter", letter, FamilyLetter, func(t *testing.T, r *Report) {
			l := r.Letter
			if l == nil || l.Date != "2099-03-03" || l.Sender != "the Permanent Representative of Ruritania to the United Nations" ||
				l.Addressee != "the President of the Security Council" || l.Signatory != "Anna Example" ||
				l.Transmits != "Report of the national commission on organized crime" {
				t.Fatalf("letter %+v", l)
			}
			refs := map[string]string{}
			r.Walk(func(q *Paragraph) { refs[q.Ref] = q.Kind })
			if refs["p1"] != kg.PartText || refs["p1-3"] != kg.PartSignature || refs["annex.p2"] != kg.PartHeading {
				t.Errorf("parts %v", refs)
			}
		}},
		{"resolution", resolution, FamilyResolution, func(t *testing.T, r *Report) {
			if a := r.Act; a == nil || a.Body != "Security Council" || a.MeetingNo != "12345" || a.Date != "2099-04-01" {
				t.Fatalf("act %+v", r.Act)
			}
			kinds := map[string]string{}
			r.Walk(func(q *Paragraph) { kinds[q.Ref] = q.Kind })
			if kinds["pp1"] != kg.PartPreambular || kinds["pp2"] != kg.PartPreambular || kinds["1"] != kg.PartOperative || kinds["2"] != kg.PartOperative {
				t.Errorf("kinds %v", kinds)
			}
		}},
		{"record", record, FamilyRecord, func(t *testing.T, r *Report) {
			if len(r.Statements) != 2 {
				t.Fatalf("statements %+v", r.Statements)
			}
			s := r.Statements[0]
			if s.Speaker != "Mr. Smith" || s.For != "Ruritania" || s.Item == "" || len(s.Refs) != 2 || r.Statements[1].For != "Freedonia" {
				t.Errorf("statements %+v", r.Statements)
			}
			if r.Act == nil || r.Act.MeetingNo != "7" || r.Date != "2099-10-05" || !strings.Contains(r.Title, "7th plenary meeting") {
				t.Errorf("act %+v date %s title %q", r.Act, r.Date, r.Title)
			}
		}},
		{"summary record", summary, FamilyRecord, func(t *testing.T, r *Report) {
			if len(r.Statements) != 2 {
				t.Fatalf("statements %+v", r.Statements)
			}
			s := r.Statements[0]
			if s.Speaker != "Mr. Smith" || s.For != "Ruritania" || s.Item == "" || len(s.Refs) != 2 || r.Statements[1].For != "Freedonia" {
				t.Errorf("statements %+v", r.Statements)
			}
			if r.Act == nil || r.Act.MeetingNo != "3" {
				t.Errorf("act %+v", r.Act)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse(tc.lines, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Family != tc.family {
				t.Fatalf("family %q, want %q", r.Family, tc.family)
			}
			for _, w := range r.Warnings {
				if strings.Contains(w, "not kept") {
					t.Errorf("text dropped: %s", w)
				}
			}
			tc.check(t, r)
		})
	}
}

func TestNotAUNDocument(t *testing.T) {
	for _, ls := range [][]Line{
		lines(1, "The document you are looking for does not exist in the Official Document System (ODS). Please contact the ODS support."),
		lines(0, "# Notes", "Some prose about the corpus and where it came from."),
	} {
		if _, err := Parse(ls, Options{}); kg.ErrorCode(err) != kg.CodeUnsupported || !strings.Contains(err.Error(), "UN document") {
			t.Errorf("Parse(%q) = %v, want UNSUPPORTED saying it is not a UN document", ls[0].Text, err)
		}
	}
}
