package pdftext

import (
	"context"
	"strings"
	"testing"
)

// TestTableOfDelegations: A/AC.182/2025/INF/1 prints its delegations as a
// table (Country | Representative | Alternates | Advisers) that poppler
// reads column by column. Each printed row comes back as one Row line with
// its cells in place: a State with nobody is a row of one cell, a name
// wrapped over lines keeps its lines in the first column, a delegate
// stands beside the State, not in the reading order of its column.
func TestTableOfDelegations(t *testing.T) {
	needTool(t)
	r, err := Extract(context.Background(), "testdata/A-AC.182-2025-INF-1.pdf")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]int{} // row text → first page it stands on
	for _, l := range r.Lines {
		if _, seen := rows[l.Text]; l.Row && !seen {
			rows[l.Text] = l.Page
		} else if !l.Row && (strings.Contains(l.Text, "Suela Janina") || strings.Contains(l.Text, "Afghanistan")) {
			t.Errorf("p%d: %q is not read as a row", l.Page, l.Text)
		}
	}
	for _, c := range []struct {
		row  string
		page int
	}{
		{"Country\tRepresentative\tAlternates\tAdvisers", 2},
		{"Pays\tReprésentant\tSuppléants\tConseillers", 2},
		{"Afghanistan", 2},
		{"Albania\tMs. Suela Janina\tMr. Erlis Hereni", 2},
		{"Antigua and", 2},
		{"Barbuda", 2},
		{"Bolivia\tMs. Carmen Rosa Rios", 2},
		{"(Plurinational", 2},
		{"Australia\tMr. James Martin Larsen\tMs. Rebecca Suzanne\tMr. Harry Aitken", 2},
		{"\t\tBryant\tMs. Laura McIlhenny", 2},
		{"Netherlands\t\t\tMs. Wieteke Theeuwen", 5},
		{"Singapore\tMr. Burhan Gafoor\tMs. Karen Ong\tMr. Nathaniel Khng", 7},
		{"Organization\tRepresentative\tAlternates\tAdvisers", 9},
		{"Holy See\tArchbishop Gabriele\tMsgr. Robert David\tMr. Florian Sebastian", 9},
		{"African Union", 9},
	} {
		if p, ok := rows[c.row]; !ok || p != c.page {
			t.Errorf("row %q: page %d, found %v; want it on page %d", c.row, p, ok, c.page)
		}
	}
	// The section headings between the tables are no rows.
	for row := range rows {
		if strings.Contains(row, "STANDING INVITATION") || strings.Contains(row, "Special Committee") {
			t.Errorf("heading read as a row: %q", row)
		}
	}
}
