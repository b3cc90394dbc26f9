package report

import (
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/google/go-cmp/cmp"
)

func TestFromMarkdown(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []Line
	}{
		{
			name: "page break inside a sentence: blank lines and a lower-case continuation",
			src:  "15. Several speakers highlighted initiatives such as the\n\nappointment of public defenders.\n\n16. Some speakers welcomed it.\n",
			want: []Line{
				{Text: "15. Several speakers highlighted initiatives such as the appointment of public defenders."},
				{Text: "16. Some speakers welcomed it."},
			},
		},
		{
			name: "page break after a comma: the continuation starts with a capital",
			src:  "50. Statements were made by Chile, Ecuador,\n\nFrance and Peru.\n",
			want: []Line{{Text: "50. Statements were made by Chile, Ecuador, France and Peru."}},
		},
		{
			name: "page break with several blank lines, inside a list item",
			src:  "(b) Strengthen initiatives and consider making\n\n\n\nuse of innovative tools;\n\n(c) Acknowledge crimes.\n",
			want: []Line{
				{Text: "(b) Strengthen initiatives and consider making use of innovative tools;"},
				{Text: "(c) Acknowledge crimes."},
			},
		},
		{
			name: "list markers are dropped, nested ones too",
			src:  "- 25. An introductory presentation.\n- 26. A statement.\n  - (a) Advancing crime prevention (agenda item 3); and\n\nensuring access (workshop 2);\n",
			want: []Line{
				{Text: "25. An introductory presentation."},
				{Text: "26. A statement."},
				{Text: "(a) Advancing crime prevention (agenda item 3); and ensuring access (workshop 2);"},
			},
		},
		{
			name: "headings: # levels, bold lines, bold inside #",
			src:  "## I. Introduction\n\n#### **Outcome of deliberations**\n\n**2. Promoting justice (agenda item 4)**\n\n### B. Attendance ###\n",
			want: []Line{
				{Text: "I. Introduction", Heading: true, Level: 2},
				{Text: "Outcome of deliberations", Heading: true, Level: 4},
				{Text: "2. Promoting justice (agenda item 4)", Heading: true},
				{Text: "B. Attendance", Heading: true, Level: 3},
			},
		},
		{
			name: "a heading never absorbs the line after it",
			src:  "#### Summary of deliberations\nthe text that follows\n",
			want: []Line{
				{Text: "Summary of deliberations", Heading: true, Level: 4},
				{Text: "the text that follows"},
			},
		},
		{
			name: "setext heading",
			src:  "Annex\n=====\n\nList of documents\n-----------------\n",
			want: []Line{
				{Text: "Annex", Heading: true, Level: 1},
				{Text: "List of documents", Heading: true, Level: 2},
			},
		},
		{
			name: "links, HTML links, entities and stray page labels",
			src:  "\t<i>Page</i>\n\n1. In its resolution [56/119](#), the Assembly &amp; the <b>Council</b> decided.\n\n<a href=\"#\">A/CONF.241/PM.1</a>\tDiscussion guide\n<a href=\"#\">A/CONF.241/RPM.2/1</a>\tAnnotated provisional agenda\n",
			want: []Line{
				{Text: "1. In its resolution 56/119, the Assembly & the Council decided."},
				{Text: "A/CONF.241/PM.1 Discussion guide"},
				{Text: "A/CONF.241/RPM.2/1 Annotated provisional agenda"},
			},
		},
		{
			name: "table of contents rows stay one per line",
			src:  "#### Contents\n\nI. Introduction . . . . .\t2\nII. Recommendations . . . . .\t3\nAnnex\t\nList of documents . . . . .\t19\n",
			want: []Line{
				{Text: "Contents", Heading: true, Level: 4},
				{Text: "I. Introduction . . . . . 2"},
				{Text: "II. Recommendations . . . . . 3"},
				{Text: "Annex"},
				{Text: "List of documents . . . . . 19"},
			},
		},
		{
			name: "officers after a colon stay separate lines; emphasis goes",
			src:  "91. The Meeting elected the following officers:\n\n*Chair:* Gerald Campos Valverde (Costa Rica)\n\n*Vice-Chair:* Erin Leslie McKey (Canada)\n",
			want: []Line{
				{Text: "91. The Meeting elected the following officers:"},
				{Text: "Chair: Gerald Campos Valverde (Costa Rica)"},
				{Text: "Vice-Chair: Erin Leslie McKey (Canada)"},
			},
		},
		{
			name: "soft line breaks join; a hyphen at the end of a line is kept without a space",
			src:  "1. The present report is submitted\npursuant to paragraph 9 of the evidence-\nbased resolution.\n",
			want: []Line{{Text: "1. The present report is submitted pursuant to paragraph 9 of the evidence-based resolution."}},
		},
		{
			name: "escaped emphasis characters, underscores, CRLF, no-break spaces",
			src:  "1. A \\*starred\\* word and _emphasis_ and snake_case.\r\n\r\n2. Two\u00a0 spaces.\r\n",
			want: []Line{
				{Text: "1. A *starred* word and emphasis and snake_case."},
				{Text: "2. Two spaces."},
			},
		},
		{
			name: "byte order mark, rules, code fences, tables",
			src:  "\ufeff1. First.\n\n---\n\n```\n2. Code.\n```\n\n| Symbol | Title |\n|---|---|\n| A/1 | X |\n",
			want: []Line{
				{Text: "1. First."},
				{Text: "2. Code."},
				{Text: "Symbol Title"},
				{Text: "A/1 X"},
			},
		},
		{
			name: "a table of delegations keeps its cells, empty ones too",
			src:  "| Country | Representative | Alternates |\n|---|---|---|\n| Afghanistan | | |\n| Albania | **Ms. Suela Janina** | Mr. Erlis Hereni |\n| | | Mr. Ilir Other |\nText after.\n",
			want: []Line{
				{Text: "Country\tRepresentative\tAlternates", Row: true},
				{Text: "Afghanistan", Row: true},
				{Text: "Albania\tMs. Suela Janina\tMr. Erlis Hereni", Row: true},
				{Text: "\t\tMr. Ilir Other", Row: true},
				{Text: "Text after."},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := FromMarkdown([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("FromMarkdown (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFromMarkdownErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, reason string
	}{
		{"empty", "", "empty"},
		{"white space", " \n\t\n\r\n", "empty"},
		{"markup only", "---\n\n***\n", "empty"},
		{"not UTF-8", "1. Caf\xe9 cr\xe8me\n", "UTF-8"},
		{"binary", "%PDF-1.7\n\x00\x01\x02stream", "binary"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := FromMarkdown([]byte(tc.src))
			if kg.ErrorCode(err) != kg.CodeUnsupported {
				t.Fatalf("got %v (code %s), want a CodeUnsupported error", err, kg.ErrorCode(err))
			}
			if !strings.Contains(kg.ErrorMessage(err), tc.reason) {
				t.Errorf("message %q does not say %q", kg.ErrorMessage(err), tc.reason)
			}
		})
	}
}
