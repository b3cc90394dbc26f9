package extract_test

import (
	"context"
	"testing"

	"github.com/crimegraph/crimegraph/internal/extract"
	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
)

// TestAttendanceMarkdown: a list of participants converted to Markdown,
// its delegations in a pipe table, gives the same facts as the PDF: a
// State with a delegate attended, one listed with nobody did not, a name
// wrapped over rows is read whole, observers as observers.
func TestAttendanceMarkdown(t *testing.T) {
	src := ingest.Source{Name: "list.md", Data: []byte(`United Nations A/AC.999/2099/INF/1

General Assembly

Distr.: General 6 March 2099

# Special Committee on Examples

# 3–7 February 2099

# LIST OF PARTICIPANTS

| Country | Representative | Alternates |
|---|---|---|
| Afghanistan | | |
| Albania | Ms. Suela Janina | Mr. Erlis Hereni |
| Antigua and | | |
| Barbuda | | |
| Bolivia | | Ms. Carmen Rosa Rios |
| (Plurinational | | |
| State of) | | |

NON-MEMBER STATES REPRESENTED BY OBSERVERS

| Organization | Representative |
|---|---|
| Holy See | Archbishop Gabriele Caccia |
`)}
	rep, err := ingest.Parse(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := ingest.NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	f := extract.Extract(rep, ingest.DocKey(rep, src), rec).Fragment
	got := map[kg.ID]string{}
	for _, e := range f.Edges {
		if e.Kind == kg.EdgeAttended {
			got[e.From] = e.Props[kg.PropRole]
		}
	}
	want := map[kg.ID]string{"state:ALB": "member", "state:BOL": "member", "state:VAT": "observer"}
	for id, role := range want {
		if got[id] != role {
			t.Errorf("%s: role %q, want %q (all: %v)", id, got[id], role, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("ATTENDED %v, want exactly %v (Afghanistan and Antigua and Barbuda sent nobody)", got, want)
	}
}

// TestRepresentedOneNameALine: "The following … were represented" with the
// names set one a line (or two, in two columns: A/80/16) gives every name
// whole, and nothing for a line the gazetteer reads only in part
// (E/2025/33: "United Nations Framework Convention on Climate Change
// secretariat" is not the United Nations).
func TestRepresentedOneNameALine(t *testing.T) {
	rep := &report.Report{
		Identity: report.Identity{Symbols: []string{"A/99/16"}, Title: "Report of the Committee: sixty-fifth session"},
		Meeting:  &report.Meeting{Name: "Sixty-fifth session of the Committee for Programme and Coordination", StartDate: "2099-05-12", EndDate: "2099-06-13"},
		Paragraphs: []*report.Paragraph{
			{Ref: "11", Number: 11, Kind: kg.PartNumbered, Text: "The following States Members of the United Nations were represented on the Committee:\nArgentina India\nRussian Federation United Kingdom of Great Britain and Northern Ireland"},
			{Ref: "12", Number: 12, Kind: kg.PartNumbered, Text: "The following entities of the United Nations system were represented at the session:\nUnited Nations Framework Convention on Climate Change secretariat\nWorld Intellectual Property Organization"},
		},
	}
	rec, err := ingest.NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	f := extract.Extract(rep, "A/99/16", rec).Fragment
	got := map[kg.ID]bool{}
	for _, e := range f.Edges {
		if e.Kind == kg.EdgeAttended {
			got[e.From] = true
		}
	}
	for _, id := range []kg.ID{"state:ARG", "state:IND", "state:RUS", "state:GBR", "organization:wipo"} {
		if !got[id] {
			t.Errorf("%s did not attend (all: %v)", id, got)
		}
	}
	if got["organization:united-nations"] {
		t.Error("the United Nations attended, read from part of a name")
	}
}
