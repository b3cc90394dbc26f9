package gazetteer

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// The categories an Organization or an Instrument may have.
var (
	orgCategories = map[string]bool{
		"un-entity": true, "un-body": true, "pni-institute": true,
		"regional": true, "intergovernmental": true, "ngo": true, "national": true,
	}
	instrumentCategories = map[string]bool{
		"convention": true, "protocol": true, "treaty": true, "standard": true,
		"declaration": true, "agenda": true, "strategy": true,
	}
)

var (
	iccsCode  = regexp.MustCompile(`^[0-9]{4,6}$`)
	sdgTarget = regexp.MustCompile(`^[0-9]{1,2}\.([0-9]{1,2}|[a-z])$`)
	isoDate   = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$`)
)

func (g *Gazetteer) loadSDG(file string) error {
	data, err := dataFS.ReadFile(file)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	t, err := parseTable(file, data, "target", "title")
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	g.versions[strings.TrimPrefix(file, "data/")] = t.version
	for _, r := range t.rows {
		tg, title := r.get("target"), r.get("title")
		if !sdgTarget.MatchString(tg) || title == "" {
			return fmt.Errorf("gazetteer: %s:%d: malformed target %q or empty title", file, r.line, tg)
		}
		if _, dup := g.sdg[tg]; dup {
			return fmt.Errorf("gazetteer: %s:%d: target %s listed twice", file, r.line, tg)
		}
		g.sdg[tg] = title
	}
	return nil
}

func (g *Gazetteer) loadStates(t *table) error {
	for _, r := range t.rows {
		status := r.get("status")
		if status != "member" && status != "observer" {
			return fmt.Errorf("%s:%d: status %q, want member or observer", t.name, r.line, status)
		}
		props := map[string]string{
			kg.PropISO3:      r.get("iso3"),
			kg.PropISO2:      r.get("iso2"),
			kg.PropM49:       r.get("m49"),
			kg.PropRegion:    r.get("region"),
			kg.PropSubregion: r.get("subregion"),
			PropIntermediate: r.get("intermediateRegion"),
			kg.PropStatus:    status,
		}
		if err := g.add(t, r, kg.KindState, r.get("iso3"), r.get("label"), r.get("aliases"), r.get("exclude"), props); err != nil {
			return err
		}
	}
	return nil
}

func (g *Gazetteer) loadOrganizations(t *table) error {
	for _, r := range t.rows {
		cat := r.get("category")
		if !orgCategories[cat] {
			return fmt.Errorf("%s:%d: unknown category %q", t.name, r.line, cat)
		}
		props := map[string]string{kg.PropCategory: cat, PropNote: r.get("note")}
		if err := g.add(t, r, kg.KindOrganization, r.get("key"), r.get("label"), r.get("aliases"), r.get("exclude"), props); err != nil {
			return err
		}
		e := g.entries[len(g.entries)-1]
		markAcronym(e)
	}
	return nil
}

// markAcronym records the first of an entry's names written as an acronym
// as its acronym property.
func markAcronym(e *entry) {
	for _, n := range e.names {
		if n.flags&(flagLookup|flagCode) == 0 && isAcronym(n.text) {
			e.props[kg.PropAcronym] = n.text
			return
		}
	}
}

// isAcronym reports whether a name is written as an acronym: one word (or
// hyphenated words) with at least two capitals and no space, such as
// "UNODC", "UN-Women", "GI-TOC".
func isAcronym(s string) bool {
	if strings.ContainsAny(s, " ") {
		return false
	}
	caps := 0
	for _, r := range s {
		if r >= 'A' && r <= 'Z' {
			caps++
		}
	}
	return caps >= 2
}

// loadInstitutions reads the national institutions: Organizations of
// category national, each the institution of its State.
func (g *Gazetteer) loadInstitutions(t *table) error {
	for _, r := range t.rows {
		st := r.get("state")
		if _, ok := g.byID[kg.NewID(kg.KindState, st)]; !ok {
			return fmt.Errorf("%s:%d: state %q is not the ISO3 code of a listed State", t.name, r.line, st)
		}
		if k := r.get("key"); !strings.HasPrefix(k, strings.ToLower(st)+"-") {
			return fmt.Errorf("%s:%d: key %q must start with %s-", t.name, r.line, k, strings.ToLower(st))
		}
		props := map[string]string{kg.PropCategory: "national", kg.PropStateISO3: st, PropNote: r.get("note")}
		if err := g.add(t, r, kg.KindOrganization, r.get("key"), r.get("label"), r.get("aliases"), r.get("exclude"), props); err != nil {
			return err
		}
		e := g.entries[len(g.entries)-1]
		markAcronym(e)
	}
	return nil
}

// groupKinds are the values of a Group's groupKind.
var groupKinds = map[string]bool{"terrorist": true, "gang": true, "armed-group": true, "criminal-network": true}

func (g *Gazetteer) loadGroups(t *table) error {
	for _, r := range t.rows {
		gk := r.get("groupKind")
		if !groupKinds[gk] {
			return fmt.Errorf("%s:%d: groupKind %q, want terrorist, gang, armed-group or criminal-network", t.name, r.line, gk)
		}
		states := strings.Fields(r.get("states"))
		for _, s := range states {
			if _, ok := g.byID[kg.NewID(kg.KindState, s)]; !ok {
				return fmt.Errorf("%s:%d: %q is not the ISO3 code of a listed State", t.name, r.line, s)
			}
		}
		aff := ""
		if a := r.get("affiliate"); a != "" {
			aff = string(kg.NewID(kg.KindGroup, a))
		}
		props := map[string]string{
			kg.PropGroupKind: gk,
			kg.PropStateISO3: strings.Join(states, " "),
			PropAffiliate:    aff,
			PropNote:         r.get("note"),
		}
		if err := g.add(t, r, kg.KindGroup, r.get("key"), r.get("label"), r.get("aliases"), r.get("exclude"), props); err != nil {
			return err
		}
		e := g.entries[len(g.entries)-1]
		markAcronym(e)
	}
	return nil
}

func (g *Gazetteer) loadCrimeTypes(t *table) error {
	for _, r := range t.rows {
		key, iccs := r.get("key"), r.get("iccs")
		if iccs != "" && !iccsCode.MatchString(iccs) {
			return fmt.Errorf("%s:%d: malformed ICCS code %q", t.name, r.line, iccs)
		}
		if iccsCode.MatchString(key) && key != iccs {
			return fmt.Errorf("%s:%d: numeric key %s must be the entry's ICCS code", t.name, r.line, key)
		}
		if iccs == "" && r.get("iccsNote") == "" {
			return fmt.Errorf("%s:%d: %s has no ICCS code and no iccsNote saying why", t.name, r.line, key)
		}
		cyber := r.get("cyber")
		if cyber != "" && cyber != "true" && cyber != "false" {
			return fmt.Errorf("%s:%d: cyber %q, want true, false or empty", t.name, r.line, cyber)
		}
		if cyber == "false" {
			cyber = ""
		}
		parent := ""
		if p := r.get("parent"); p != "" {
			parent = string(kg.NewID(kg.KindCrimeType, p))
		}
		props := map[string]string{
			kg.PropICCS:     iccs,
			PropICCSName:    r.get("iccsName"),
			kg.PropICCSNote: r.get("iccsNote"),
			PropParent:      parent,
			kg.PropCyber:    cyber,
			kg.PropSDG:      strings.Join(splitList(r.get("sdg")), ","),
			PropNote:        r.get("note"),
		}
		if err := g.add(t, r, kg.KindCrimeType, key, r.get("label"), r.get("patterns"), r.get("exclude"), props); err != nil {
			return err
		}
		if iccs != "" {
			e := g.entries[len(g.entries)-1]
			e.names = append(e.names, name{text: iccs, flags: flagCode})
		}
	}
	return nil
}

func (g *Gazetteer) loadInstruments(t *table) error {
	for _, r := range t.rows {
		cat, status, date := r.get("category"), r.get("status"), r.get("date")
		if !instrumentCategories[cat] {
			return fmt.Errorf("%s:%d: unknown category %q", t.name, r.line, cat)
		}
		if status != "adopted" && status != "draft" {
			return fmt.Errorf("%s:%d: status %q, want adopted or draft", t.name, r.line, status)
		}
		if date != "" && !isoDate.MatchString(date) {
			return fmt.Errorf("%s:%d: date %q, want YYYY or YYYY-MM-DD", t.name, r.line, date)
		}
		var addresses []string
		for _, k := range splitList(r.get("addresses")) {
			addresses = append(addresses, string(kg.NewID(kg.KindCrimeType, k)))
		}
		body := ""
		if b := r.get("body"); b != "" {
			body = string(kg.NewID(kg.KindOrganization, b))
		}
		props := map[string]string{
			kg.PropCategory: cat,
			kg.PropStatus:   status,
			kg.PropDate:     date,
			kg.PropSymbol:   r.get("symbol"),
			kg.PropBody:     body,
			PropAddresses:   strings.Join(addresses, ","),
			PropNote:        r.get("note"),
		}
		if err := g.add(t, r, kg.KindInstrument, r.get("key"), r.get("label"), r.get("aliases"), r.get("exclude"), props); err != nil {
			return err
		}
	}
	return nil
}

func (g *Gazetteer) loadThemes(t *table) error {
	for _, r := range t.rows {
		props := map[string]string{
			kg.PropSDG: strings.Join(splitList(r.get("sdg")), ","),
			PropNote:   r.get("note"),
		}
		if err := g.add(t, r, kg.KindTheme, r.get("key"), r.get("label"), r.get("patterns"), r.get("exclude"), props); err != nil {
			return err
		}
	}
	return nil
}

// validate checks what spans entries: references between tables, the
// crime-type hierarchy, SDG targets. It then builds the nodes.
func (g *Gazetteer) validate() error {
	var errs []string
	for _, e := range g.entries {
		where := fmt.Sprintf("%s:%d", e.file, e.line)
		for _, tg := range splitList(e.props[kg.PropSDG]) {
			if _, ok := g.sdg[tg]; !ok {
				errs = append(errs, fmt.Sprintf("%s: SDG target %s is not in sdg-targets.tsv", where, tg))
			}
		}
		if p := e.props[PropParent]; p != "" {
			if pe, ok := g.byID[kg.ID(p)]; !ok || pe.kind != kg.KindCrimeType {
				errs = append(errs, fmt.Sprintf("%s: parent %s is not a crime type", where, p))
			}
		}
		for _, a := range splitList(e.props[PropAddresses]) {
			if _, ok := g.byID[kg.ID(a)]; !ok {
				errs = append(errs, fmt.Sprintf("%s: addresses unknown %s", where, a))
			}
		}
		if a := e.props[PropAffiliate]; a != "" {
			if ae, ok := g.byID[kg.ID(a)]; !ok || ae.kind != kg.KindGroup {
				errs = append(errs, fmt.Sprintf("%s: affiliate %s is not a listed group", where, a))
			}
		}
		if b := e.props[kg.PropBody]; b != "" {
			if _, ok := g.byID[kg.ID(b)]; !ok {
				errs = append(errs, fmt.Sprintf("%s: unknown body %s", where, b))
			}
		}
	}
	// The hierarchy must be a forest: following parents never loops.
	for _, e := range g.entries {
		seen := map[kg.ID]bool{}
		for cur := e; cur != nil; {
			if seen[cur.id] {
				errs = append(errs, fmt.Sprintf("%s:%d: parent chain of %s loops", e.file, e.line, e.key))
				break
			}
			seen[cur.id] = true
			cur = g.byID[kg.ID(cur.props[PropParent])]
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	for _, e := range g.entries {
		e.buildNode()
	}
	return nil
}
