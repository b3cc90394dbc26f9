package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

const dataset = "../../data/source/country-codes.csv"

// TestTableIsCurrent regenerates the States table and compares it with the
// committed one, so a change to the override table cannot be forgotten.
// The dataset lives outside the repository; without it the test is skipped.
func TestTableIsCurrent(t *testing.T) {
	if _, err := os.Stat(dataset); err != nil {
		t.Skipf("dataset not available: %v", err)
	}
	got, err := generate(dataset, "../../data/states-overrides.tsv")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../data/states.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("data/states.tsv is stale: run go generate ./internal/gazetteer/")
	}
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{
		"Netherlands (the)":                "Netherlands",
		"Holy See (the) *":                 "Holy See",
		"Afghanistan (l')":                 "Afghanistan",
		"Bolivia (Plurinational State of)": "Bolivia (Plurinational State of)",
		"Cook Islands (the) **":            "Cook Islands",
		"  Türkiye  ":                      "Türkiye",
	} {
		if got := cleanName(in); got != want {
			t.Errorf("cleanName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMergeSelectsStates(t *testing.T) {
	rows := []map[string]string{
		{"ISO3166-1-Alpha-3": "AAA", "UNTERM English Short": "Aland (the)", "UNTERM English Formal": "the Republic of Aland"},
		{"ISO3166-1-Alpha-3": "BBB", "UNTERM English Short": "Bland *"},
		{"ISO3166-1-Alpha-3": "CCC", "UNTERM English Short": "Cook (the) **"},
		{"ISO3166-1-Alpha-3": "DDD"},
		{"ISO3166-1-Alpha-3": "EEE"},
	}
	over := map[string]override{"EEE": {iso3: "EEE", label: "Eland", add: []string{"Elandia"}}}
	states, err := merge(rows, over)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range states {
		got = append(got, s.iso3+":"+s.label+":"+s.status+":"+strings.Join(s.aliases, ","))
	}
	want := "AAA:Aland:member:the Republic of Aland,#AAA BBB:Bland:observer:#BBB EEE:Eland:member:Elandia,#EEE"
	if strings.Join(got, " ") != want {
		t.Errorf("merge:\n got  %s\n want %s", strings.Join(got, " "), want)
	}
	if _, err := merge(rows, map[string]override{"ZZZ": {iso3: "ZZZ"}}); err == nil {
		t.Error("an override for an unknown code was accepted")
	}
}
