package extract

import (
	"slices"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
)

// TestOperativeCall reads every clause of an operative paragraph that
// calls to act, after adverbs, and none of those that only recall, note,
// welcome, reaffirm or express.
func TestOperativeCall(t *testing.T) {
	for _, tc := range []struct {
		text  string
		verbs []string // nil: not a call
	}{
		{"Decides to extend the mandate of BINUH until 31 January 2026;", []string{"decides"}},
		{"Urgently calls upon the transitional government and all relevant actors to take action;", []string{"calls upon"}},
		{"Further requests the Secretary-General to report to the Council;", []string{"requests"}},
		{"Also decides that the session will be held on 31 July 2025.", []string{"decides"}},
		{"Strongly encourages Member States to share information;", []string{"encourages"}},
		{"Requests the Special Representative to share relevant information with the Committee, and invites the Office of the High Commissioner to share it too;", []string{"requests", "invites"}},
		{"Recalls paragraph 36 of resolution 2662 (2022), welcomes the plan and encourages Somalia to continue;", []string{"encourages"}},
		{"Demands that all parties respect their obligations, demands all armed actors to end the fighting, further calls upon all parties to refrain from violence;", []string{"demands", "calls upon"}},
		{"Takes note of the military operations and in this regard demands Member States stop providing arms;", []string{"demands"}},
		{"Condemns continued acts of sexual violence and urges all parties to end them;", []string{"condemns", "urges"}},
		{"The Economic and Social Council decides: to hold its session in July;", []string{"decides"}},
		{"We reaffirm our commitment to the Convention and we call upon all States to ratify it;", []string{"calls upon"}},
		{"Affirms that the GFRS, in cooperation with AUSSOM, shall document and register all weapons;", []string{"affirms"}},
		// not calls
		{"Affirms its support for the peace process;", nil},
		{"Reaffirms that all States shall respect the Charter;", nil},
		{"Recalls its decisions in its resolution 1844 (2008), which imposed targeted sanctions;", nil},
		{"Reaffirms its strong commitment to the sovereignty of Somalia;", nil},
		{"Expresses its intention to keep the situation under review;", nil},
		{"Welcomes the report of the Secretary-General;", nil},
		{"Takes note of the report of the Commission;", nil},
		{"We recognize that poverty is a serious impediment to development;", nil},
		// "requests" and "demands" as nouns
		{"Notes the growing number of States, requests for assistance received by the Office;", nil},
		{"Welcomes the response to the needs of the population, demands of which remain;", nil},
	} {
		c := operativeCall(tc.text, "the Security Council")
		var got []string
		if c != nil {
			got = c.verbs
			if c.verb != got[0] || len(c.ats) < len(c.verbs) {
				t.Errorf("%q: verb %q, verbs %v, %d offsets", tc.text, c.verb, got, len(c.ats))
			}
		}
		if !slices.Equal(got, tc.verbs) {
			t.Errorf("%q: verbs %v, want %v", tc.text, got, tc.verbs)
		}
	}
}

// TestVoiceCall reads the author's calls in a report: every one of a
// paragraph, "States should" and "It is recommended that" in a numbered
// paragraph that reports no one, and nothing a speaker said.
func TestVoiceCall(t *testing.T) {
	rep := &report.Report{Family: report.FamilyReport}
	for _, tc := range []struct {
		text   string
		number int
		verbs  []string
	}{
		{"I commend the efforts of the authorities. I encourage donors to provide funding, and urge the Libyan authorities to facilitate movement.", 82, []string{"encourages", "urges"}},
		{"In this regard, I urge the Gambia to act. I reiterate my call for Liberia to establish a court, and I appeal to international partners to continue their support.", 73, []string{"urges", "calls for", "appeals to"}},
		{"I therefore recommend that the Security Council extend the mandate of the Force.", 46, []string{"recommends"}},
		{"The scale of abuses varies. States should therefore take a comprehensive and risk-based approach.", 9, []string{"should"}},
		{"Member States must uphold their obligations under international law.", 12, []string{"must"}},
		{"It is highly recommended that Governments establish a lead agency.", 24, []string{"recommended"}},
		{"Since 2008 there have been no negotiations. I look forward to a peaceful resolution.", 36, nil},
		// what speakers said, and text no number cites as the author's
		{"Participants stressed the role of States. In this process, States must adopt strategies.", 22, nil},
		{"The representative of Brazil called upon States to cooperate.", 5, nil},
		{"States should establish a dedicated mechanism.", 0, nil},
		{"Risk understanding should be based on evidence.", 3, nil},
		// calls for, hereby, reiterated appeals, and a call after a verb that calls on no one
		{"I call for the immediate release of all hostages. I hereby request the Council to consider the renewal.", 37, []string{"calls for", "requests"}},
		{"I reiterate my appeal to the Libyan authorities to enhance protection.", 96, []string{"appeals to"}},
		{"The Inspector recommends that executive heads review the policy. The Inspector also encourages legislative bodies to act.", 41, []string{"recommends", "encourages"}},
		{"I further commend ongoing efforts to implement the law and encourage the inclusion of Indigenous Peoples.", 90, []string{"encourages"}},
		{"I reiterate my condemnation of all violations and call again for the Government of Israel to cease all overflights.", 72, []string{"calls for"}},
		{"I call upon the parties to negotiate. I call for restraint.", 70, []string{"calls upon", "calls for"}},
		{"I note that the parties called upon the mediators to meet.", 12, nil},
		// the author's "must" with those it binds
		{"The parties must also ensure the safety of peacekeepers.", 3, []string{"must"}},
		{"Perpetrators of attacks against UNIFIL must be held to account.", 75, []string{"must"}},
		{"The de facto authorities must cease the implementation of corporal punishment.", 40, []string{"must"}},
		{"The Government’s plan must be funded.", 41, nil},
		// a clause that opens with those it binds, not in what a speaker said
		{"This must continue, and both parties should act on the Mission’s calls.", 5, []string{"should"}},
		{"Ms Ansari underscored that attacks are prohibited, and parties must allow relief.", 6, nil},
		// another body's recommendation, reported
		{"In paragraph 94, the Board recommended that UNOPS report to the Executive Board.", 17, nil},
	} {
		c := voiceCall(rep, &report.Paragraph{Text: tc.text, Number: tc.number}, nil)
		var got []string
		if c != nil {
			got = c.verbs
		}
		if !slices.Equal(got, tc.verbs) {
			t.Errorf("%q: verbs %v, want %v", tc.text, got, tc.verbs)
		}
	}
}

// A report's author writes of itself by the name its title gives: "the
// High Commissioner calls on", "The Committee on Non-Governmental
// Organizations recommends", "The Committee emphasized … and recommended".
func TestVoiceCallAuthor(t *testing.T) {
	for _, tc := range []struct {
		title, text string
		verbs       []string
	}{
		{"Report of the United Nations High Commissioner for Human Rights", "In this regard, the High Commissioner calls on Member States to invest. The High Commissioner reiterates his call for a global alliance.", []string{"calls upon", "calls for"}},
		{"Report of the Committee on Non-Governmental Organizations on its 2025 resumed session", "The Committee on Non-Governmental Organizations recommends to the Economic and Social Council the adoption of the following draft decisions:", []string{"recommends"}},
		{"Report of the Committee for Programme and Coordination", "The Committee emphasized the importance of the review and recommended that the General Assembly request the Secretary-General to act.", []string{"recommends"}},
		// another body the report tells of
		{"Report of the United Nations High Commissioner for Human Rights", "The Committee on the Rights of the Child urged States to act.", nil},
	} {
		rep := &report.Report{Family: report.FamilyReport, Identity: report.Identity{Title: tc.title}}
		c := voiceCall(rep, &report.Paragraph{Text: tc.text, Number: 30}, authorNames(rep))
		var got []string
		if c != nil {
			got = c.verbs
		}
		if !slices.Equal(got, tc.verbs) {
			t.Errorf("%q: verbs %v, want %v", tc.text, got, tc.verbs)
		}
	}
}

// A bullet list under a recommendations heading is one block of text: each
// bullet that opens with an imperative is a verb of its recommendation.
func TestBulletCall(t *testing.T) {
	p := &report.Paragraph{Text: "In summary, the following key recommendations can be highlighted: • Enhance the adaptability of peace operations. • Review of the mandates took place. • Strengthen planning across the system. • Ensure that mandates are clear. • Ensure support."}
	c := bulletCall(p, "Recommendations")
	if c == nil || c.form != kg.FormRecommendation || !slices.Equal(c.verbs, []string{"enhance", "strengthen", "ensure"}) {
		t.Errorf("bullets: %+v, want a recommendation with verbs enhance, strengthen, ensure", c)
	}
	if c := bulletCall(p, "Debate"); c != nil {
		t.Errorf("bullets under another heading: %+v, want none", c)
	}
}

// A letter's paragraphs carry no numbers; its text is its signatory's own.
func TestVoiceCallLetter(t *testing.T) {
	letter := &report.Report{Family: report.FamilyLetter}
	c := voiceCall(letter, &report.Paragraph{Text: "I recall that the parties must ensure freedom of movement. The parties must also ensure the safety of peacekeepers.", Kind: kg.PartText}, nil)
	if c == nil || !slices.Equal(c.verbs, []string{"must"}) {
		t.Errorf("letter: %+v, want a call with verb must", c)
	}
	if c := voiceCall(letter, &report.Paragraph{Text: "The representative said that States must act.", Kind: kg.PartText}, nil); c != nil {
		t.Errorf("reported speech in a letter: %+v, want none", c)
	}
	// a group of States writing of itself, in the present tense
	c = voiceCall(letter, &report.Paragraph{Text: "In this regard, the Arab-Islamic Ministerial Committee calls for the immediate resumption of negotiations.", Kind: kg.PartText}, nil)
	if c == nil || !slices.Equal(c.verbs, []string{"calls for"}) {
		t.Errorf("letter, named body: %+v, want a call with verb calls for", c)
	}
	if c := voiceCall(letter, &report.Paragraph{Text: "In particular, the Investigative Committee requests the following types of information.", Kind: kg.PartText}, nil); c != nil {
		t.Errorf("a body's request told in a letter: %+v, want none", c)
	}
}
