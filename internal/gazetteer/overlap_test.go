package gazetteer

import "testing"

func TestUnshared(t *testing.T) {
	tuned := []EntityRow{
		{ID: "t1", Text: "Decides to remain actively seized of the matter."},
		{ID: "t2", Text: "Requests the Secretary-General to report to the Council every 90 days on the implementation of this resolution, including on the situation of women and children."},
	}
	for _, tc := range []struct {
		name   string
		text   string
		shared bool
	}{
		{"same words", "Decides to remain actively seized of the matter.", true},
		{"other spacing, hyphenation and a footnote", "Requests the Secretary- General to report to the Council every 90 days 3 on the implementation of this resolution, including on the situation of women and children .", true},
		{"same opening, another request", "Requests the Secretary-General to report to the Council on the financing of the Mission and on the steps taken to protect civilians in the east of the country.", false},
		{"unrelated", "Gangs attacked the town of Mirebalais and killed 12 people.", false},
	} {
		kept, shared := Unshared([]EntityRow{{ID: "x", Text: tc.text}}, tuned)
		if got := len(shared) == 1; got != tc.shared || len(kept)+len(shared) != 1 {
			t.Errorf("%s: shared = %v, want %v", tc.name, got, tc.shared)
		}
	}
}
