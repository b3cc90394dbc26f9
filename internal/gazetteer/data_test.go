package gazetteer

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

func mustLoad(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return g
}

func TestDataFilesVersioned(t *testing.T) {
	g := mustLoad(t)
	for _, f := range []string{"states.tsv", "organizations.tsv", "crimetypes.tsv", "instruments.tsv", "themes.tsv", "sdg-targets.tsv"} {
		if g.versions[f] == "" {
			t.Errorf("%s: no version", f)
		}
	}
	if v := g.Version(); !strings.Contains(v, "crimetypes=") || !strings.Contains(v, "states=") {
		t.Errorf("Version() = %q", v)
	}
}

func TestStates(t *testing.T) {
	g := mustLoad(t)
	states := g.Nodes(kg.KindState)
	members, observers := 0, 0
	for _, n := range states {
		switch n.Prop(kg.PropStatus) {
		case "member":
			members++
		case "observer":
			observers++
		default:
			t.Errorf("%s: status %q", n.ID, n.Prop(kg.PropStatus))
		}
		if n.Prop(kg.PropISO2) == "" || n.Prop(kg.PropM49) == "" || n.Prop(kg.PropRegion) == "" {
			t.Errorf("%s: missing iso2, m49 or region: %v", n.ID, n.Props)
		}
		if !contains(n.Aliases, n.ID.Key()) {
			t.Errorf("%s: the ISO alpha-3 code is not an alias", n.ID)
		}
	}
	if len(states) != 195 || members != 193 || observers != 2 {
		t.Errorf("got %d States (%d members, %d observers), want 195 (193, 2)", len(states), members, observers)
	}
	for _, tc := range []struct {
		id     kg.ID
		label  string
		status string
	}{
		{"state:TUR", "Türkiye", "member"},
		{"state:CIV", "Côte d'Ivoire", "member"},
		{"state:NLD", "Netherlands (Kingdom of the)", "member"},
		{"state:DOM", "Dominican Republic", "member"},
		{"state:GBR", "United Kingdom of Great Britain and Northern Ireland", "member"},
		{"state:VAT", "Holy See", "observer"},
		{"state:PSE", "State of Palestine", "observer"},
	} {
		n, ok := g.Node(tc.id)
		if !ok || n.Label != tc.label || n.Prop(kg.PropStatus) != tc.status {
			t.Errorf("Node(%s) = %q %q, want %q %q", tc.id, n.Label, n.Prop(kg.PropStatus), tc.label, tc.status)
		}
	}
	for _, id := range []kg.ID{"state:COK", "state:NIU", "state:TWN", "state:XKX"} {
		if _, ok := g.Node(id); ok {
			t.Errorf("%s is not a Member or observer State", id)
		}
	}
}

func TestStateLookup(t *testing.T) {
	g := mustLoad(t)
	for _, tc := range []struct {
		name string
		want kg.ID
	}{
		{"Turkiye", "state:TUR"},
		{"Türkiye", "state:TUR"},
		{"TÜRKIYE", "state:TUR"},
		{"Turkey", "state:TUR"},
		{"TUR", "state:TUR"},
		{"the Dominican Republic", "state:DOM"},
		{"Dominican Republic (the)", "state:DOM"},
		{"Netherlands (Kingdom of the)", "state:NLD"},
		{"Netherlands (the)", "state:NLD"},
		{"Cote d'Ivoire", "state:CIV"},
		{"Côte d’Ivoire", "state:CIV"},
		{"Ivory Coast", "state:CIV"},
		{"Russian Federation", "state:RUS"},
		{"Российская Федерация", "state:RUS"},
		{"中国", "state:CHN"},
		{"Estados Unidos de América", "state:USA"},
		{"United States", "state:USA"},
		{"Viet Nam", "state:VNM"},
		{"Iran (Islamic Republic of)", "state:IRN"},
		{"the Islamic Republic of Iran", "state:IRN"},
		{"Maurice", "state:MUS"}, // lookup only: never matched in running text
	} {
		got := g.Lookup(tc.name, kg.KindState)
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("Lookup(%q) = %v, want [%s]", tc.name, got, tc.want)
		}
		// The key the index uses is kg.Fold's.
		if f := kg.Fold(tc.name); len(g.byFold[f]) == 0 {
			t.Errorf("kg.Fold(%q) = %q is not indexed", tc.name, f)
		}
	}
}

// TestFoldKeyIsKgFold pins that the index keys every name exactly as
// kg.Fold folds it, so the store's alias lookup and the gazetteer agree.
func TestFoldKeyIsKgFold(t *testing.T) {
	g := mustLoad(t)
	for _, e := range g.entries {
		for _, n := range e.names {
			if got, want := foldKey(n.text, tokenize(n.text)), kg.Fold(n.text); got != want {
				t.Errorf("%s: foldKey(%q) = %q, kg.Fold = %q", e.id, n.text, got, want)
			}
		}
	}
}

// TestNoConflictingNames checks that no name running text can match is
// claimed by two entries, unless each claim is marked shared ('&'):
// within a kind, and across the kinds that compete for words (States,
// organizations, crime types, instruments). Names for lookup only and
// codes may be shared freely.
func TestNoConflictingNames(t *testing.T) {
	g := mustLoad(t)
	type claim struct {
		e      *entry
		shared bool
	}
	byName := map[string][]claim{}
	for _, e := range g.entries {
		seen := map[string]bool{}
		for _, n := range e.names {
			if n.flags&(flagLookup|flagCode) != 0 {
				continue
			}
			f := kg.Fold(n.text)
			if seen[f] {
				continue
			}
			seen[f] = true
			byName[f] = append(byName[f], claim{e, n.flags&flagShared != 0})
		}
	}
	var problems []string
	for f, cs := range byName {
		for i := 0; i < len(cs); i++ {
			for j := i + 1; j < len(cs); j++ {
				a, b := cs[i], cs[j]
				sameLayer := (a.e.kind == kg.KindTheme) == (b.e.kind == kg.KindTheme)
				if !sameLayer || a.shared && b.shared {
					continue
				}
				problems = append(problems, fmt.Sprintf("%q: %s and %s", f, a.e.id, b.e.id))
			}
		}
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error("name claimed twice:", p)
	}
}

func TestLabelsAndKeys(t *testing.T) {
	g := mustLoad(t)
	counts := map[kg.Kind]int{}
	for _, e := range g.entries {
		counts[e.kind]++
		if strings.TrimSpace(e.label) == "" || e.key == "" {
			t.Errorf("%s:%d: empty label or key", e.file, e.line)
		}
		if err := e.id.Validate(); err != nil {
			t.Errorf("%s: %v", e.id, err)
		}
		if e.node.Props[kg.PropSource] == "" {
			t.Errorf("%s: no source property", e.id)
		}
	}
	t.Logf("entries per kind: %v", counts)
	for k, min := range map[kg.Kind]int{kg.KindState: 195, kg.KindOrganization: 100, kg.KindCrimeType: 40, kg.KindInstrument: 40, kg.KindTheme: 14} {
		if counts[k] < min {
			t.Errorf("%d %s entries, want at least %d", counts[k], k, min)
		}
	}
}

// confirmedICCS are the codes data/source/iccs.md (copied from the reference folder) marks as
// confirmed (07032 from an exclusion note of a glossary entry that cites
// the ICCS). A numeric crime-type key must be one of them.
var confirmedICCS = map[string]bool{
	"0101": true, "0102": true, "0201": true, "0204": true, "02041": true, "02042": true,
	"0301": true, "03011": true, "03012": true, "0302": true, "03022": true, "030221": true,
	"0601": true, "0701": true, "0703": true, "07031": true, "07032": true, "07041": true,
	"08051": true, "0903": true, "09012": true, "09051": true, "09061": true, "09062": true,
	"1001": true, "1002": true, "1003": true, "1004": true,
}

func TestCrimeTypes(t *testing.T) {
	g := mustLoad(t)
	for _, n := range g.Nodes(kg.KindCrimeType) {
		code := n.Prop(kg.PropICCS)
		if code != "" && !confirmedICCS[code] {
			t.Errorf("%s: ICCS code %s is not confirmed in the reference", n.ID, code)
		}
		if code == "" && n.Prop(kg.PropICCSNote) == "" {
			t.Errorf("%s: no code and no note saying why", n.ID)
		}
		if code != "" && n.Prop(PropICCSName) == "" {
			t.Errorf("%s: code %s without its ICCS name", n.ID, code)
		}
	}
	for child, parent := range map[string]string{
		"02041": "0204", "02042": "0204", "tip-organ-removal": "0204", "03022": "0302", "030221": "03022",
		"03011": "0301", "child-sexual-abuse": "0301", "femicide": "0101", "09061": "terrorism", "09062": "terrorism",
		"1001": "crimes-that-affect-the-environment", "1002": "crimes-that-affect-the-environment",
		"1003": "crimes-that-affect-the-environment", "1004": "crimes-that-affect-the-environment",
	} {
		n, ok := g.Node(kg.NewID(kg.KindCrimeType, child))
		if !ok || n.Prop(PropParent) != string(kg.NewID(kg.KindCrimeType, parent)) {
			t.Errorf("parent of %s = %q, want crimetype:%s", child, n.Prop(PropParent), parent)
		}
	}
	for key, cyber := range map[string]string{"cybercrime": "true", "0903": "true", "0204": ""} {
		n, _ := g.Node(kg.NewID(kg.KindCrimeType, key))
		if n.Prop(kg.PropCyber) != cyber {
			t.Errorf("%s cyber = %q, want %q", key, n.Prop(kg.PropCyber), cyber)
		}
	}
	if n, _ := g.Node("crimetype:cybercrime"); n.Prop(kg.PropICCS) != "" || !strings.Contains(n.Prop(kg.PropICCSNote), "0903") {
		t.Errorf("cybercrime: iccs %q, note %q", n.Prop(kg.PropICCS), n.Prop(kg.PropICCSNote))
	}
}

func TestSDGTargets(t *testing.T) {
	g := mustLoad(t)
	for id, target := range map[kg.ID]string{
		"theme:gender": "5.2", "theme:children-youth": "16.2", "theme:access-to-justice": "16.3",
		"crimetype:0703": "16.5", "crimetype:07041": "16.4", "crimetype:0204": "8.7",
	} {
		n, _ := g.Node(id)
		if !contains(strings.Split(n.Prop(kg.PropSDG), ","), target) {
			t.Errorf("%s: SDG targets %q lack %s", id, n.Prop(kg.PropSDG), target)
		}
	}
	if title, ok := g.SDGTarget("16.5"); !ok || !strings.Contains(title, "corruption and bribery") {
		t.Errorf("SDGTarget(16.5) = %q", title)
	}
	for _, n := range g.Nodes(kg.KindTheme) {
		if n.Prop(kg.PropSDG) == "" {
			t.Errorf("%s serves no SDG target", n.ID)
		}
	}
}

func TestNodes(t *testing.T) {
	g := mustLoad(t)
	n, ok := g.Node("state:TUR")
	if !ok || n.Kind != kg.KindState || n.Prop(kg.PropISO2) != "TR" || n.Prop(kg.PropM49) != "792" || n.Prop(kg.PropISO3) != "TUR" {
		t.Errorf("Node(state:TUR) = %+v", n)
	}
	if !contains(n.Aliases, "Turkiye") || !contains(n.Aliases, "Турция") || contains(n.Aliases, n.Label) {
		t.Errorf("state:TUR aliases = %v", n.Aliases)
	}
	n.Aliases[0] = "changed" // a copy: the gazetteer is not changed
	if m, _ := g.Node("state:TUR"); m.Aliases[0] == "changed" {
		t.Error("Node returned shared slices")
	}
	if n, _ := g.Node("organization:unodc"); n.Prop(kg.PropAcronym) != "UNODC" || n.Prop(kg.PropCategory) != "un-entity" {
		t.Errorf("organization:unodc = %+v", n)
	}
	if n, _ := g.Node("organization:ilanud"); n.Prop(kg.PropCategory) != "pni-institute" ||
		!contains(n.Aliases, "Latin American Institute for the Prevention of Crime and the Treatment of Offenders") {
		t.Errorf("organization:ilanud = %+v", n)
	}
	if n, _ := g.Node("instrument:untoc"); n.Prop(kg.PropCategory) != "convention" || n.Prop(kg.PropSymbol) != "A/RES/55/25" ||
		n.Prop(kg.PropBody) != "organization:general-assembly" || !contains(n.Aliases, "Organized Crime Convention") {
		t.Errorf("instrument:untoc = %+v", n)
	}
	if n, _ := g.Node("instrument:abu-dhabi-declaration"); n.Prop(kg.PropStatus) != "draft" {
		t.Errorf("instrument:abu-dhabi-declaration status %q", n.Prop(kg.PropStatus))
	}
	if _, ok := g.Node("state:XXX"); ok {
		t.Error("Node(state:XXX) found")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
