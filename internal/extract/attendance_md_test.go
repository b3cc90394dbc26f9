package extract_test

import (
	"context"
	"testing"

	"github.com/crimegraph/crimegraph/internal/extract"
	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/kg"
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
