// Command genstates writes the gazetteer's States table (data/states.tsv)
// from the public country-codes dataset and the hand-kept override table.
//
// The dataset carries the UN's own names (UNTERM) in the six official
// languages for the 193 Member States and the two observer States, with
// known gaps: no UNTERM names for Türkiye and Côte d'Ivoire, the Netherlands
// under an outdated short name, and two non-member States (Cook Islands,
// Niue) that carry UNTERM names too. The override table fills and corrects
// those; this program only merges, so that every hand decision lives in one
// small file a reviewer can read.
//
// It is run by `go generate ./internal/gazetteer/`; its output is committed,
// so building crimegraph never needs the dataset.
package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"sort"
	"strings"
)

// version is written into the generated table. Bump it when the output
// format or the selection rules change.
const version = "1"

func main() {
	var (
		csvPath  = flag.String("csv", "data/source/country-codes.csv", "country-codes.csv from the datasets/country-codes repository")
		overPath = flag.String("overrides", "data/states-overrides.tsv", "hand-kept override table")
		outPath  = flag.String("out", "data/states.tsv", "table to write")
	)
	flag.Parse()
	if err := run(*csvPath, *overPath, *outPath); err != nil {
		log.Fatalf("genstates: %v", err)
	}
}

func run(csvPath, overPath, outPath string) error {
	out, err := generate(csvPath, overPath)
	if err != nil {
		return err
	}
	return os.WriteFile(outPath, out, 0o644)
}

// generate returns the States table built from the dataset and the
// override table.
func generate(csvPath, overPath string) ([]byte, error) {
	rows, err := readCSV(csvPath)
	if err != nil {
		return nil, err
	}
	over, err := readOverrides(overPath)
	if err != nil {
		return nil, err
	}
	states, err := merge(rows, over)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	write(&buf, states)
	return buf.Bytes(), nil
}

// The UNTERM columns, short and formal, in the order aliases are listed.
var untermColumns = []string{
	"UNTERM English Short", "UNTERM English Formal",
	"UNTERM French Short", "UNTERM French Formal",
	"UNTERM Spanish Short", "UNTERM Spanish Formal",
	"UNTERM Russian Short", "UNTERM Russian Formal",
	"UNTERM Chinese Short", "UNTERM Chinese Formal",
	"UNTERM Arabic Short", "UNTERM Arabic Formal",
}

func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		m := make(map[string]string, len(header))
		for i, h := range header {
			m[h] = strings.TrimSpace(rec[i])
		}
		rows = append(rows, m)
	}
	return rows, nil
}

// override is one row of the override table.
type override struct {
	iso3, label, status string
	add, remove         []string
	lookupOnly, exclude []string
}

func readOverrides(path string) (map[string]override, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]override{}
	var header []string
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if header == nil {
			header = fields
			continue
		}
		if len(fields) > len(header) {
			return nil, fmt.Errorf("%s:%d: %d fields, header has %d", path, line, len(fields), len(header))
		}
		m := map[string]string{}
		for i, h := range header {
			if i < len(fields) {
				m[h] = strings.TrimSpace(fields[i])
			}
		}
		o := override{
			iso3:       m["iso3"],
			label:      m["label"],
			status:     m["status"],
			add:        splitList(m["add"]),
			remove:     splitList(m["remove"]),
			lookupOnly: splitList(m["lookupOnly"]),
			exclude:    splitList(m["exclude"]),
		}
		if _, dup := out[o.iso3]; dup {
			return nil, fmt.Errorf("%s:%d: %s listed twice", path, line, o.iso3)
		}
		out[o.iso3] = o
	}
	return out, sc.Err()
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// state is one row of the generated table.
type state struct {
	iso3, label, iso2, m49          string
	region, subregion, intermediate string
	status                          string
	aliases, exclude                []string
}

// merge selects the States (rows with a UNTERM English name, minus those
// with the "**" non-member mark, plus every row the overrides name) and
// builds each one's label and aliases.
func merge(rows []map[string]string, over map[string]override) ([]state, error) {
	var out []state
	seen := map[string]bool{}
	for _, r := range rows {
		iso3 := r["ISO3166-1-Alpha-3"]
		o, hasOver := over[iso3]
		en := r["UNTERM English Short"]
		switch {
		case strings.HasSuffix(en, "**") && !hasOver:
			continue // Cook Islands, Niue: UNTERM names, not Member States
		case en == "" && !hasOver:
			continue // territories and areas
		}
		s := state{
			iso3:         iso3,
			iso2:         r["ISO3166-1-Alpha-2"],
			m49:          strings.TrimLeft(r["M49"], "0"),
			region:       r["Region Name"],
			subregion:    r["Sub-region Name"],
			intermediate: r["Intermediate Region Name"],
			status:       "member",
		}
		if strings.HasSuffix(en, "*") { // one star: observer State
			s.status = "observer"
		}
		s.label = cleanName(en)
		if o.label != "" {
			s.label = o.label
		}
		if o.status != "" {
			s.status = o.status
		}
		if s.label == "" {
			return nil, fmt.Errorf("%s: no UNTERM name and no override label", iso3)
		}
		var names []string
		for _, c := range untermColumns {
			names = append(names, cleanName(r[c]))
		}
		if d := r["CLDR display name"]; d != "" {
			names = append(names, cleanName(d))
		}
		for _, a := range o.add {
			names = append(names, cleanName(a))
		}
		drop := map[string]bool{s.label: true}
		for _, x := range o.remove {
			drop[x] = true
		}
		lookupOnly := map[string]bool{}
		for _, x := range o.lookupOnly {
			lookupOnly[x] = true
		}
		have := map[string]bool{}
		for _, n := range names {
			if n == "" || drop[n] || have[n] {
				continue
			}
			have[n] = true
			if lookupOnly[n] {
				n = "?" + n
			}
			s.aliases = append(s.aliases, n)
		}
		for x := range lookupOnly {
			if !have[x] {
				return nil, fmt.Errorf("%s: lookupOnly %q is not one of its names", iso3, x)
			}
		}
		s.aliases = append(s.aliases, "#"+iso3)
		s.exclude = o.exclude
		seen[iso3] = true
		out = append(out, s)
	}
	for k := range over {
		if !seen[k] {
			return nil, fmt.Errorf("override for %s matches no row", k)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].iso3 < out[j].iso3 })
	return out, nil
}

// cleanName drops UNTERM's markers: the trailing stars, and the article in
// parentheses that UNTERM appends for sorting ("Netherlands (the)",
// "Afghanistan (l')", "Congo (el)"), which prose writes in front or not at all.
func cleanName(s string) string {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "*"))
	for _, art := range []string{"(the)", "(le)", "(la)", "(les)", "(l')", "(l’)", "(el)", "(los)", "(las)"} {
		if strings.HasSuffix(s, " "+art) {
			s = strings.TrimSpace(strings.TrimSuffix(s, art))
		}
	}
	return s
}

func write(w *bytes.Buffer, states []state) {
	fmt.Fprintf(w, "# version: %s\n", version)
	fmt.Fprintf(w, "# States: the 193 Member States and the 2 observer States of the United Nations.\n")
	fmt.Fprintf(w, "# GENERATED by internal/gazetteer/internal/genstates from country-codes.csv\n")
	fmt.Fprintf(w, "# (datasets/country-codes, ODC-PDDL-1.0) and data/states-overrides.tsv. DO NOT EDIT:\n")
	fmt.Fprintf(w, "# change the override table and run `go generate ./internal/gazetteer/`.\n")
	fmt.Fprintf(w, "# aliases: UNTERM short and formal names in ar/zh/en/fr/ru/es, the CLDR display name,\n")
	fmt.Fprintf(w, "# override additions; '?' = lookup only (never matched in text), '#' = code.\n")
	w.WriteString("iso3\tlabel\tiso2\tm49\tregion\tsubregion\tintermediateRegion\tstatus\taliases\texclude\n")
	for _, s := range states {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			s.iso3, s.label, s.iso2, s.m49, s.region, s.subregion, s.intermediate, s.status,
			strings.Join(s.aliases, " | "), strings.Join(s.exclude, " | "))
	}
}
