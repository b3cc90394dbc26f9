package report

import (
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

func TestSpanDates(t *testing.T) {
	tests := []struct {
		in, venue, start, end string
	}{
		{"18–26 February 2025", "", "2025-02-18", "2025-02-26"},
		{"New York, 17 February–14 March 2025", "New York", "2025-02-17", "2025-03-14"},
		{"30 December 2024–2 January 2025", "", "2024-12-30", "2025-01-02"},
		{"27-30 May 2025", "", "2025-05-27", "2025-05-30"},
		{"26–18 February 2025", "", "", ""}, // ends before it starts
		{"18 February 2025", "", "", ""},    // one date is no span
		{"Agenda items 18–26 February 2025 and more", "", "", ""},
	}
	for _, tt := range tests {
		v, s, e := spanDates(tt.in)
		if v != tt.venue || s != tt.start || e != tt.end {
			t.Errorf("spanDates(%q) = %q, %q, %q; want %q, %q, %q", tt.in, v, s, e, tt.venue, tt.start, tt.end)
		}
	}
}

func TestTitleSession(t *testing.T) {
	tests := []struct {
		title, name, start string
	}{
		{"Report of the High-level Committee on South-South Cooperation: twenty-second session (27–30 May 2025)",
			"Twenty-second session of the High-level Committee on South-South Cooperation", "2025-05-27"},
		{"Report of the Committee for Development Policy on the twenty-seventh session (24–28 February 2025)",
			"Twenty-seventh session of the Committee for Development Policy", "2025-02-24"},
		{"Report of the Special Committee on the Charter of the United Nations and on the Strengthening of the Role of the Organization", "", ""},
		{"Report of the Secretary-General on the work of the Organization (2025)", "", ""},
	}
	for _, tt := range tests {
		m := titleSession(tt.title)
		switch {
		case tt.name == "" && m != nil:
			t.Errorf("%q: meeting %+v, want none", tt.title, m)
		case tt.name != "" && (m == nil || m.Name != tt.name || m.StartDate != tt.start):
			t.Errorf("%q: meeting %+v, want %q from %s", tt.title, m, tt.name, tt.start)
		}
	}
}

// TestMetFirstParagraph: a report whose first paragraph says the body met
// somewhere on some dates is of that meeting, named as the list of
// participants of the same session names it (A/80/33, A/AC.182/2025/INF/1).
func TestMetFirstParagraph(t *testing.T) {
	r, err := Parse(lines(1, "1. The Special Committee on the Charter of the United Nations and on the Strengthening of the Role of the Organization was convened in accordance with General Assembly resolution 79/125 and met at United Nations Headquarters from 18 to 26 February 2025.",
		"2. In accordance with paragraph 5 of General Assembly resolution 50/52, the Special Committee was open to all States Members of the United Nations."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := r.Meeting
	if m == nil || m.Name != "Special Committee on the Charter of the United Nations and on the Strengthening of the Role of the Organization" ||
		m.Venue != "United Nations Headquarters" || m.StartDate != "2025-02-18" || m.EndDate != "2025-02-26" || m.Ref != "1" {
		t.Errorf("meeting %+v", m)
	}
	// A first paragraph about something else that met names no meeting of the report.
	r, err = Parse(lines(1, "1. The parties met in Geneva from 3 to 5 March 2025 to discuss the ceasefire.", "2. They agreed."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Meeting != nil {
		t.Errorf("meeting %+v from a paragraph naming no body", r.Meeting)
	}
}

// TestParticipantParts: every part of a list of participants, the parts
// of an annex so titled, nothing of another document.
func TestParticipantParts(t *testing.T) {
	list, err := Parse([]Line{{Text: "United Nations A/AC.182/2025/INF/1", Page: 1}, {Text: "General Assembly", Page: 1}, {Text: "Distr.: General 6 March 2025", Page: 1},
		{Text: "Special Committee on the Charter", Page: 1, Heading: true}, {Text: "18–26 February 2025", Page: 1, Heading: true},
		{Text: "LIST OF PARTICIPANTS", Page: 1, Heading: true, Level: 1},
		{Text: "Country\tRepresentative", Page: 2, Row: true}, {Text: "Albania\tMs. Suela Janina", Page: 2, Row: true}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if list.Family != FamilyList || len(list.ParticipantParts()) != len(list.Paragraphs) {
		t.Errorf("title %q family %q, %d of %d parts a list of participants", list.Title, list.Family, len(list.ParticipantParts()), len(list.Paragraphs))
	}
	table := false
	for _, p := range list.Paragraphs {
		table = table || p.Kind == kg.PartTable && p.Text == "Country\tRepresentative\nAlbania\tMs. Suela Janina" && p.Page == 2
	}
	if !table {
		t.Error("the rows are not one table part, a row a line, cells kept apart")
	}
	if m := list.Meeting; m == nil || m.Name != "Special Committee on the Charter" || m.EndDate != "2025-02-26" {
		t.Errorf("meeting %+v", list.Meeting)
	}
	rep, err := Parse(append(lines(1, "1. The Committee met.", "2. It adopted its report."),
		lines(2, "Annex I", "List of participants", "States Members of the United Nations", "Albania, Algeria")...), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps := rep.ParticipantParts()
	if len(ps) == 0 {
		t.Fatal("no part of the annexed list")
	}
	for _, p := range ps {
		if p.Number > 0 {
			t.Errorf("report paragraph %s taken for the list", p.Ref)
		}
	}
	other, err := Parse(lines(1, "1. The list of participants is contained in document A/AC.121/2025/INF/4.", "2. Albania was represented."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ps := other.ParticipantParts(); ps != nil {
		t.Errorf("a report that names a list of participants: %d parts", len(ps))
	}
}
