package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/google/go-cmp/cmp"
)

// doc builds Lines from a compact notation: "## X" is a heading of level
// 2, "** X" a heading of unknown level (a bold line), anything else text.
func doc(ss ...string) []Line {
	out := make([]Line, 0, len(ss))
	for _, s := range ss {
		switch {
		case strings.HasPrefix(s, "** "):
			out = append(out, Line{Text: s[3:], Heading: true})
		case strings.HasPrefix(s, "#"):
			n := len(s) - len(strings.TrimLeft(s, "#"))
			out = append(out, Line{Text: strings.TrimSpace(s[n:]), Heading: true, Level: n})
		default:
			out = append(out, Line{Text: s})
		}
	}
	return out
}

// flat lists every paragraph and item as "ref @section text", with an R
// before recommendations and the chapeau after them.
func flat(r *Report) []string {
	var out []string
	r.Walk(func(p *Paragraph) {
		s := p.Ref + " @" + p.Section + " " + p.Text
		if p.Recommendation {
			s = "R " + s
			if p.Chapeau != "" {
				s += " <- " + p.Chapeau
			}
		}
		out = append(out, s)
	})
	return out
}

// keys lists the sections as "key kind title".
func keys(r *Report) []string {
	var out []string
	r.WalkSections(func(s *Section) { out = append(out, fmt.Sprintf("%s %s %s", s.Key, s.Kind, s.Title)) })
	return out
}

func TestParseRules(t *testing.T) {
	for _, tc := range []struct {
		name     string
		lines    []Line
		paras    []string // flat(r)
		sections []string // keys(r); nil: not checked
		warnings []string // substrings, in order; nil: none expected
	}{
		{
			name: "a numbered heading is told from a paragraph by the paragraph sequence",
			lines: doc(
				"I. Substantive items",
				"1. Advancing crime prevention (agenda item 3); and building resilient societies (workshop 1)",
				"47. Text.",
				"48. More text.",
				"2. Promoting people-centred justice (agenda item 4)",
				"49. Text of 49.",
				"3. Addressing and countering crime (agenda item 5); and getting ahead (workshop 3)",
				"50. Text of 50.",
			),
			paras: []string{"47 @I.1 Text.", "48 @I.1 More text.", "49 @I.2 Text of 49.", "50 @I.3 Text of 50."},
			sections: []string{
				"I chapter Substantive items",
				"I.1 item Advancing crime prevention (agenda item 3); and building resilient societies (workshop 1)",
				"I.2 item Promoting people-centred justice (agenda item 4)",
				"I.3 item Addressing and countering crime (agenda item 5); and getting ahead (workshop 3)",
			},
			warnings: []string{"the first paragraph is numbered 47"},
		},
		{
			name: "a heading with the next paragraph's number: the repeated number gives it away",
			lines: doc(
				"I. Introduction",
				"1. Background",
				"1. The present report is submitted pursuant to a resolution.",
				"2. It covers a year.",
			),
			paras:    []string{"1 @I.1 The present report is submitted pursuant to a resolution.", "2 @I.1 It covers a year."},
			sections: []string{"I chapter Introduction", "I.1 item Background"},
		},
		{
			name: "(i) after (h) is a letter; (i) after a lettered item's colon is Roman",
			lines: doc(
				"5. States should:",
				"(g) Act;", // a list may start late in a rough extraction
				"(h) Consider the following:",
				"(i) Training;",
				"(ii) Equipment;",
				"(i) Review the law.",
			),
			paras: []string{
				"5 @ States should:",
				"5(g) @ Act;",
				"5(h) @ Consider the following:",
				"5(h)(i) @ Training;",
				"5(h)(ii) @ Equipment;",
				"5(i) @ Review the law.",
			},
			warnings: []string{"the first paragraph is numbered 5", "5: its items start at (g)"},
		},
		{
			name: "(i) after (h) without a colon is a letter",
			lines: doc(
				"5. States should:",
				"(a) A;", "(b) B;", "(c) C;", "(d) D;", "(e) E;", "(f) F;", "(g) G;", "(h) H;",
				"(i) I;",
				"(j) J.",
			),
			paras: []string{
				"5 @ States should:", "5(a) @ A;", "5(b) @ B;", "5(c) @ C;", "5(d) @ D;", "5(e) @ E;",
				"5(f) @ F;", "5(g) @ G;", "5(h) @ H;", "5(i) @ I;", "5(j) @ J.",
			},
			warnings: []string{"the first paragraph is numbered 5"},
		},
		{
			name: "(i) after (h): with a colon, the next item decides",
			lines: doc(
				"5. States should:",
				"(h) Consider, as appropriate:",
				"(i) Reviewing the law;",
				"(j) Training officers.",
			),
			paras:    []string{"5 @ States should:", "5(h) @ Consider, as appropriate:", "5(i) @ Reviewing the law;", "5(j) @ Training officers."},
			warnings: []string{"the first paragraph is numbered 5", "5: its items start at (h)"},
		},
		{
			name: "(v) after (u) and (iv); (x) after (w) and (ix): the next item decides",
			lines: doc(
				"7. The Meeting identified:",
				"(u) Measures such as:",
				"(i) one;", "(ii) two;", "(iii) three;", "(iv) four;",
				"(v) five;",
				"(vi) six;",
				"(v) Vetting;",
				"(w) Wide measures:",
				"(i) a;", "(ii) b;", "(iii) c;", "(iv) d;", "(v) e;", "(vi) f;", "(vii) g;", "(viii) h;", "(ix) i;",
				"(x) Exchange;",
				"(y) Yield.",
			),
			paras: []string{
				"7 @ The Meeting identified:",
				"7(u) @ Measures such as:",
				"7(u)(i) @ one;", "7(u)(ii) @ two;", "7(u)(iii) @ three;", "7(u)(iv) @ four;", "7(u)(v) @ five;", "7(u)(vi) @ six;",
				"7(v) @ Vetting;",
				"7(w) @ Wide measures:",
				"7(w)(i) @ a;", "7(w)(ii) @ b;", "7(w)(iii) @ c;", "7(w)(iv) @ d;", "7(w)(v) @ e;", "7(w)(vi) @ f;",
				"7(w)(vii) @ g;", "7(w)(viii) @ h;", "7(w)(ix) @ i;",
				"7(x) @ Exchange;",
				"7(y) @ Yield.",
			},
			warnings: []string{"the first paragraph is numbered 7", "7: its items start at (u)"},
		},
		{
			name: "a Recommendations chapter whose numbered paragraphs are the recommendations",
			lines: doc(
				"I. Introduction",
				"1. The present report is submitted pursuant to resolution 78/223.",
				"II. Conclusions and recommendations",
				"2. The Secretary-General recommends that Member States ratify the Convention.",
				"3. Member States should strengthen cooperation.",
			),
			paras: []string{
				"1 @I The present report is submitted pursuant to resolution 78/223.",
				"R 2 @II The Secretary-General recommends that Member States ratify the Convention.",
				"R 3 @II Member States should strengthen cooperation.",
			},
		},
		{
			name: "an unnumbered Recommendations heading with chapeaus (S/2025/85)",
			lines: doc(
				"Challenges related to corruption",
				"59. On 9 December 2024, Haiti established a task force.",
				"Recommendations",
				"60. UNODC reiterates the importance of:",
				"(a) Implementing earlier recommendations;",
				"61. In addition, UNODC calls upon Haitian governmental authorities to:",
				"(a) Strengthen control capabilities;",
				"(b) Reinforce maritime controls;",
				"(c) Support technological platforms;",
				"(d) Encourage regional agreements.",
			),
			paras: []string{
				"59 @challenges-related-to-corruption On 9 December 2024, Haiti established a task force.",
				"60 @recommendations UNODC reiterates the importance of:",
				"R 60(a) @recommendations Implementing earlier recommendations; <- UNODC reiterates the importance of:",
				"61 @recommendations In addition, UNODC calls upon Haitian governmental authorities to:",
				"R 61(a) @recommendations Strengthen control capabilities; <- In addition, UNODC calls upon Haitian governmental authorities to:",
				"R 61(b) @recommendations Reinforce maritime controls; <- In addition, UNODC calls upon Haitian governmental authorities to:",
				"R 61(c) @recommendations Support technological platforms; <- In addition, UNODC calls upon Haitian governmental authorities to:",
				"R 61(d) @recommendations Encourage regional agreements. <- In addition, UNODC calls upon Haitian governmental authorities to:",
			},
			sections: []string{
				"challenges-related-to-corruption other Challenges related to corruption",
				"recommendations outcome Recommendations",
			},
			warnings: []string{"the first paragraph is numbered 59"},
		},
		{
			name: "a chapter titled Recommendations leaves the marking to its outcome blocks",
			lines: doc(
				"## II. Recommendations",
				"### A. Main theme",
				"7. Statements were made.",
				"#### Summary of deliberations",
				"8. Speakers called upon States to:",
				"(a) Cooperate;",
				"(b) Share data.",
				"#### Outcome of deliberations",
				"9. The following recommendations, which were not negotiated by the participants, were identified:",
				"(a) Strengthen international cooperation;",
				"(b) Promote cooperation.",
			),
			paras: []string{
				"7 @II.A Statements were made.",
				"8 @II.A.summary Speakers called upon States to:",
				"8(a) @II.A.summary Cooperate;",
				"8(b) @II.A.summary Share data.",
				"9 @II.A.outcome The following recommendations, which were not negotiated by the participants, were identified:",
				"R 9(a) @II.A.outcome Strengthen international cooperation; <- The following recommendations, which were not negotiated by the participants, were identified:",
				"R 9(b) @II.A.outcome Promote cooperation. <- The following recommendations, which were not negotiated by the participants, were identified:",
			},
			warnings: []string{"the first paragraph is numbered 7"},
		},
		{
			name: "a chapeau that calls for action marks its items outside a recommendations section",
			lines: doc(
				"III. Conclusions",
				"1. The Commission calls upon Member States to:",
				"(a) Ratify the Convention;",
				"(b) Report on it.",
				"2. The Commission had before it the following:",
				"(a) Report of the Secretary-General;",
			),
			paras: []string{
				"1 @III The Commission calls upon Member States to:",
				"R 1(a) @III Ratify the Convention; <- The Commission calls upon Member States to:",
				"R 1(b) @III Report on it. <- The Commission calls upon Member States to:",
				"2 @III The Commission had before it the following:",
				"2(a) @III Report of the Secretary-General;",
			},
		},
		{
			name: "a numbered list inside a paragraph (an agenda) is its text, not paragraphs",
			lines: doc(
				"91. At its 1st meeting, the Meeting elected the following officers:",
				"Chair: Gerald Campos Valverde (Costa Rica)",
				"Rapporteur: Rodrigo Bertoglio Cardoso (Brazil)",
				"E. Adoption of the agenda",
				"92. The Meeting adopted its agenda, which read as follows:",
				"1. Opening of the Meeting.",
				"2. Substantive items:",
				"(a) Advancing crime prevention (agenda item 3);",
				"(b) Promoting justice (agenda item 4).",
				"3. Adoption of the report.",
				"93. At the same meeting, the Meeting approved its organization of work.",
			),
			paras: []string{
				"91 @ At its 1st meeting, the Meeting elected the following officers:\nChair: Gerald Campos Valverde (Costa Rica)\nRapporteur: Rodrigo Bertoglio Cardoso (Brazil)",
				"92 @E The Meeting adopted its agenda, which read as follows:\n1. Opening of the Meeting.\n2. Substantive items:\n(a) Advancing crime prevention (agenda item 3);\n(b) Promoting justice (agenda item 4).\n3. Adoption of the report.",
				"93 @E At the same meeting, the Meeting approved its organization of work.",
			},
			warnings: []string{"the first paragraph is numbered 91"},
		},
		{
			name: "resolutions adopted inside a report keep their own numbering out of the report's",
			lines: doc(
				"Chapter I Matters brought to the attention of the Council",
				"B. Resolutions",
				"2. The following resolutions are brought to the attention of the Council:",
				"Resolution 68/1",
				"Promoting prevention for children and",
				"adolescents",
				"The Commission on Narcotic Drugs,",
				"Reaffirming its commitment,",
				"1. Encourages Member States to implement programmes;",
				"2. Calls upon Member States to identify gaps:",
				"(a) In training;",
				"3. Requests the Office to report.",
				"Decision 68/1",
				"Inclusion of a substance in Schedule I",
				"At its 5th meeting, the Commission decided to include the substance.",
				"Chapter II General debate",
				"3. At its 1st meeting, the Commission considered agenda item 3.",
			),
			paras: []string{
				"2 @I.B The following resolutions are brought to the attention of the Council:",
				"res68/1.p1 @I.B.res68-1 The Commission on Narcotic Drugs,",
				"res68/1.p2 @I.B.res68-1 Reaffirming its commitment,",
				"res68/1.op1 @I.B.res68-1 Encourages Member States to implement programmes;",
				"res68/1.op2 @I.B.res68-1 Calls upon Member States to identify gaps:",
				"res68/1.op2(a) @I.B.res68-1 In training;",
				"res68/1.op3 @I.B.res68-1 Requests the Office to report.",
				"dec68/1.p1 @I.B.dec68-1 At its 5th meeting, the Commission decided to include the substance.",
				"3 @II At its 1st meeting, the Commission considered agenda item 3.",
			},
			sections: []string{
				"I chapter Matters brought to the attention of the Council",
				"I.B part Resolutions",
				"I.B.res68-1 resolution Promoting prevention for children and adolescents",
				"I.B.dec68-1 decision Inclusion of a substance in Schedule I",
				"II chapter General debate",
			},
			warnings: []string{"the first paragraph is numbered 2"},
		},
		{
			name: "a report paragraph right after a resolution ends it",
			lines: doc(
				"1. The Commission considered a draft resolution.",
				"2. It read as follows:",
				"Draft resolution I",
				"Strengthening cooperation",
				"The General Assembly,",
				"1. Urges States to cooperate;",
				"2. Requests a report.",
				"3. The Commission adopted the draft resolution without a vote.",
				"4. Statements were made.",
			),
			paras: []string{
				"1 @ The Commission considered a draft resolution.",
				"2 @ It read as follows:",
				"dresI.p1 @dresI The General Assembly,",
				"dresI.op1 @dresI Urges States to cooperate;",
				"dresI.op2 @dresI Requests a report.",
				"3 @ The Commission adopted the draft resolution without a vote.",
				"4 @ Statements were made.",
			},
		},
		{
			name: "gaps, duplicates and numbers out of sequence",
			lines: doc(
				"1. One.",
				"2. Two.",
				"4. Four.",
				"4. Four again.",
				"2015. Was the year.",
				"5. Five.",
			),
			paras: []string{"1 @ One.", "2 @ Two.", "4 @ Four.\n4. Four again.\n2015. Was the year.", "5 @ Five."},
			warnings: []string{
				"paragraph 3 is missing: paragraph 4 follows paragraph 2",
				"paragraph 4 appears again after paragraph 4",
				"number 2015. after paragraph 4 is not in the sequence",
			},
		},
		{
			name: "headings a PDF does not mark: a short title line before the next paragraph",
			lines: doc(
				"Introduction",
				"1. The present report covers the period.",
				"Escalating gang violence",
				"2. There was a marked escalation.",
				"3. The following persons made statements:",
				"Minister of Foreign Affairs of Colombia",
				"Head of the National Narcotics Board of Indonesia (pre-recorded video)",
				"4. Statements were also made.",
			),
			paras: []string{
				"1 @introduction The present report covers the period.",
				"2 @escalating-gang-violence There was a marked escalation.",
				"3 @escalating-gang-violence The following persons made statements:\nMinister of Foreign Affairs of Colombia\nHead of the National Narcotics Board of Indonesia (pre-recorded video)",
				"4 @escalating-gang-violence Statements were also made.",
			},
			sections: []string{"introduction other Introduction", "escalating-gang-violence other Escalating gang violence"},
		},
		{
			name: "unnumbered headings: levels make siblings; summary and outcome hang below the numbered section",
			lines: doc(
				"## III. Attendance",
				"#### D. Election of officers",
				"1. The Meeting elected officers.",
				"#### Proceedings",
				"2. The meetings were chaired.",
				"** 1. Advancing prevention (agenda item 3)",
				"3. A presentation.",
				"** Summary of deliberations",
				"4. Speakers spoke.",
				"### Outcome of deliberations",
				"5. The following recommendations were identified:",
				"(a) Act.",
			),
			sections: []string{
				"III chapter Attendance",
				"III.D part Election of officers",
				"III.proceedings other Proceedings",
				"III.1 item Advancing prevention (agenda item 3)",
				"III.1.summary summary Summary of deliberations",
				"III.1.outcome outcome Outcome of deliberations",
			},
			paras: []string{
				"1 @III.D The Meeting elected officers.",
				"2 @III.proceedings The meetings were chaired.",
				"3 @III.1 A presentation.",
				"4 @III.1.summary Speakers spoke.",
				"5 @III.1.outcome The following recommendations were identified:",
				"R 5(a) @III.1.outcome Act. <- The following recommendations were identified:",
			},
		},
		{
			name: "lettered headings in a chapter (E/2025/28)",
			lines: doc(
				"IV. Implementation of the treaties",
				"A. Deliberations",
				"1. Changes in the scope of control of substances",
				"(a) Consideration of a proposal to place a substance in Schedule I",
				"31. The observer for WHO informed the Commission.",
				"(b) Consideration of a proposal to place another substance in Schedule I",
				"32. The observer for WHO informed the Commission again.",
			),
			paras: []string{
				"31 @IV.A.1.a The observer for WHO informed the Commission.",
				"32 @IV.A.1.b The observer for WHO informed the Commission again.",
			},
			sections: []string{
				"IV chapter Implementation of the treaties",
				"IV.A part Deliberations",
				"IV.A.1 item Changes in the scope of control of substances",
				"IV.A.1.a item Consideration of a proposal to place a substance in Schedule I",
				"IV.A.1.b item Consideration of a proposal to place another substance in Schedule I",
			},
			warnings: []string{"the first paragraph is numbered 31"},
		},
		{
			name: "chapter or part: I., V., C., D. follow their own sequences",
			lines: doc(
				"I. Introduction", "1. a.",
				"II. Organization", "A. Opening", "2. b.", "B. Attendance", "3. c.", "C. Election", "4. d.", "D. Agenda", "5. e.",
				"III. Adoption", "6. f.",
			),
			sections: []string{
				"I chapter Introduction", "II chapter Organization", "II.A part Opening", "II.B part Attendance",
				"II.C part Election", "II.D part Agenda", "III chapter Adoption",
			},
			paras: []string{"1 @I a.", "2 @II.A b.", "3 @II.B c.", "4 @II.C d.", "5 @II.D e.", "6 @III f."},
		},
		{
			name: "a long paragraph is reported",
			lines: doc(
				"1. " + strings.Repeat("word ", 900) + "end.",
			),
			paras:    []string{"1 @ " + strings.Repeat("word ", 900) + "end."},
			warnings: []string{"paragraph 1 is 4504 characters long"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse(tc.lines, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.paras, flat(r)); diff != "" {
				t.Errorf("paragraphs (-want +got):\n%s", diff)
			}
			if tc.sections != nil {
				if diff := cmp.Diff(tc.sections, keys(r)); diff != "" {
					t.Errorf("sections (-want +got):\n%s", diff)
				}
			}
			if len(r.Warnings) != len(tc.warnings) {
				t.Fatalf("warnings %q, want %d like %q", r.Warnings, len(tc.warnings), tc.warnings)
			}
			for i, w := range tc.warnings {
				if !strings.Contains(r.Warnings[i], w) {
					t.Errorf("warning %d = %q, want it to contain %q", i, r.Warnings[i], w)
				}
			}
		})
	}
}

func TestParseIdentityAndMeeting(t *testing.T) {
	for _, tc := range []struct {
		name    string
		lines   []Line
		opts    Options
		id      Identity
		meeting *Meeting
	}{
		{
			name: "a letter with an annexed report (S/2025/85)",
			lines: doc(
				"S/2025/85", "United Nations", "Security Council", "Distr.: General", "6 February 2025", "Original: English",
				"Letter dated 4 February 2025 from the Secretary-General addressed to the President of the Security Council",
				"I have the honour to transmit the report.",
				"Annex",
				"Report of the United Nations Office on Drugs and Crime pursuant to paragraph 9 of Security Council resolution 2692 (2023)",
				"Introduction",
				"1. The present report is submitted pursuant to resolution 2692 (2023).",
			),
			id: Identity{
				Symbols: []string{"S/2025/85"},
				Date:    "2025-02-06",
				Title:   "Letter dated 4 February 2025 from the Secretary-General addressed to the President of the Security Council",
				Body:    "Security Council",
			},
		},
		{
			name: "a commission's report: the title takes the name above it; the meeting comes from its section",
			lines: doc(
				"E/2025/28 E/CN.7/2025/11", "Commission on Narcotic Drugs", "Report on the sixty-eighth session",
				"(6 December 2024 and 10–14 March 2025)", "Economic and Social Council", "[3 April 2025]",
				"Chapter XII Organization of the session",
				"B. Opening and duration of the session",
				"164. The Commission held its sixty-eighth session in Vienna from 10 to 14 March 2025. On 10 March 2025, the Chair opened the session.",
			),
			id: Identity{
				Symbols: []string{"E/2025/28", "E/CN.7/2025/11"},
				Date:    "2025-04-03",
				Title:   "Commission on Narcotic Drugs: Report on the sixty-eighth session (6 December 2024 and 10–14 March 2025)",
				Body:    "Economic and Social Council",
			},
			meeting: &Meeting{
				Name: "Sixty-eighth session of the Commission on Narcotic Drugs", Venue: "Vienna",
				StartDate: "2025-03-10", EndDate: "2025-03-14", Ref: "164",
			},
		},
		{
			name: "the meeting from the title, dates across months; symbol and body from the options",
			lines: doc(
				"## Report of the Western Asia Regional Preparatory Meeting, held in Port of Spain, from 28 February to 2 March 2025",
				"1. In its resolution 78/223, the General Assembly decided.",
			),
			opts: Options{Symbol: "A/CONF.241/RPM.9/1", Body: "Fifteenth United Nations Congress on Crime Prevention and Criminal Justice"},
			id: Identity{
				Symbols: []string{"A/CONF.241/RPM.9/1"},
				Title:   "Report of the Western Asia Regional Preparatory Meeting, held in Port of Spain, from 28 February to 2 March 2025",
				Body:    "Fifteenth United Nations Congress on Crime Prevention and Criminal Justice",
			},
			meeting: &Meeting{
				Name: "Western Asia Regional Preparatory Meeting", Venue: "Port of Spain",
				StartDate: "2025-02-28", EndDate: "2025-03-02",
			},
		},
		{
			name: "a meeting held in the text of another paragraph is not the report's meeting",
			lines: doc(
				"I. Introduction",
				"2. The Group, at its meeting held in Bangkok from 15 to 18 August 2006, discussed regional concerns.",
			),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse(tc.lines, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.id, r.Identity); diff != "" {
				t.Errorf("identity (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.meeting, r.Meeting); diff != "" {
				t.Errorf("meeting (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseAnnex(t *testing.T) {
	r, err := Parse(doc(
		"1. The list of documents is annexed.",
		"## Annex",
		"### List of documents",
		"Document symbol Title",
		"A/CONF.241/PM.1 Discussion guide",
		"A/CONF.241/RPM.2/L.1 and Add.1–3 Draft report",
		"E/CN.7/2025/2-E/CN.15/2025/2 Report of the Executive Director on the activities of the",
		"United Nations Office on Drugs and Crime",
		"A/CONF.241/PM/CRP.1 Conference room paper entitled “Chair’s summaries on the",
		"thematic discussions”",
		"S/2025/85 and Corr.1",
		"Letter dated 4 February 2025",
	), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []AnnexDocument{
		{Symbol: "A/CONF.241/PM.1", Title: "Discussion guide"},
		{Symbol: "A/CONF.241/RPM.2/L.1", Title: "Draft report", Addenda: []string{
			"A/CONF.241/RPM.2/L.1/Add.1", "A/CONF.241/RPM.2/L.1/Add.2", "A/CONF.241/RPM.2/L.1/Add.3",
		}},
		{Symbol: "E/CN.7/2025/2-E/CN.15/2025/2", Title: "Report of the Executive Director on the activities of the United Nations Office on Drugs and Crime"},
		{Symbol: "A/CONF.241/PM/CRP.1", Title: "Conference room paper entitled “Chair’s summaries on the thematic discussions”"},
		{Symbol: "S/2025/85", Title: "Letter dated 4 February 2025", Addenda: []string{"S/2025/85/Corr.1"}},
	}
	if diff := cmp.Diff(want, r.Annex); diff != "" {
		t.Errorf("annex (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"annex annex List of documents"}, keys(r)); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []Line
	}{
		{"no lines", nil},
		{"only blank lines", doc("", "  ", "\t")},
		{"no numbered paragraph", doc("# A heading", "Some text that is not a report.")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse(tc.lines, Options{})
			if kg.ErrorCode(err) != kg.CodeUnsupported {
				t.Fatalf("got %v, %v; want a CodeUnsupported error", r, err)
			}
		})
	}
}

func TestOrders(t *testing.T) {
	r, err := Parse(doc("I. A", "1. x:", "(a) y;", "(b) z.", "II. B", "2. w."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	r.Walk(func(p *Paragraph) { got = append(got, fmt.Sprintf("%s:%d", p.Ref, p.Order)) })
	r.WalkSections(func(s *Section) { got = append(got, fmt.Sprintf("%s:%d", s.Key, s.Order)) })
	if diff := cmp.Diff([]string{"1:0", "1(a):1", "1(b):2", "2:3", "I:0", "II:1"}, got); diff != "" {
		t.Errorf("orders (-want +got):\n%s", diff)
	}
}
