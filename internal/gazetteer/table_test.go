package gazetteer

import "testing"

func TestReading(t *testing.T) {
	tests := map[string]string{
		"[illicit] {drug|drugs} {trafficking|smuggling}":                                       "drug trafficking",
		"{femicide|femicides|feminicide}":                                                      "femicide",
		"trafficking [in persons] [primarily|mainly] for [the purpose of] sexual exploitation": "trafficking for sexual exploitation",
		"trafficking {of|in} {persons|women [and girls]}":                                      "trafficking of persons",
		"{[illicit] {arms|guns}|weapons} trade":                                                "arms trade",
		"plain name":                                                                           "plain name",
	}
	for p, want := range tests {
		if got := reading(p); got != want {
			t.Errorf("reading(%q) = %q, want %q", p, got, want)
		}
	}
}
