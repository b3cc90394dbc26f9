package gazetteer

import (
	"regexp"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// bodyByResolutionRe finds a Security Council body named by the resolution
// that set it up, the way resolutions and sanctions reports name them: "the
// Committee pursuant to resolution 2713 (2023)", "the Security Council
// Committee established pursuant to resolutions 1267 (1999), 1989 (2011)
// and 2253 (2015)", "the Panel of Experts established by resolution 1591
// (2005)". Group 1 is the noun, 2 the number of the first resolution.
var bodyByResolutionRe = regexp.MustCompile(`\b(?:Security Council\s+)?(Committee|Panel of Experts|Group of Experts)\s+(?:(?:established|created|set up)\s+)?(?:pursuant to|by|under)\s+(?:Security Council\s+)?resolutions?\s+([0-9]{3,4})\s*\([0-9]{4}\)(?:(?:,\s*|,?\s+and\s+)[0-9]{3,4}\s*\([0-9]{4}\))*`)

// establishedRe reads the resolution a listed panel or group of experts was
// set up by from its note ("Established pursuant to Security Council
// resolution 1591 (2005).").
var establishedRe = regexp.MustCompile(`[Ee]stablished (?:pursuant to|by) (?:Security Council )?resolution ([0-9]{3,4}) \([0-9]{4}\)`)

// ResolutionBodies returns the Security Council committees, panels and
// groups of experts text names by their resolution. The body is the listed
// one (a committee by its key, committee-N; a panel or group by the
// resolution its note says established it); an unlisted one is a new
// Organization node keyed and labelled by its resolution, so that every
// document naming it by that resolution names one node.
func (g *Gazetteer) ResolutionBodies(text string) []Match {
	if !strings.Contains(text, "resolution") {
		return nil
	}
	var out []Match
	for _, l := range bodyByResolutionRe.FindAllStringSubmatchIndex(text, -1) {
		noun, num := text[l[2]:l[3]], text[l[4]:l[5]]
		id, ok := g.bodyOfResolution(noun, num)
		if !ok {
			slug := kg.Slug(noun, 40) + "-" + num
			id = kg.NewID(kg.KindOrganization, slug)
		}
		out = append(out, Match{ID: id, Kind: kg.KindOrganization, Start: l[0], End: l[1], Text: text[l[0]:l[1]]})
	}
	return out
}

// ResolutionBodyLabel is the label of a body ResolutionBodies found that no
// list holds: "Security Council Committee established pursuant to resolution
// 2745 (2024)" for the words "Committee pursuant to resolution 2745 (2024)".
func ResolutionBodyLabel(words string) string {
	l := bodyByResolutionRe.FindStringSubmatchIndex(words)
	if l == nil {
		return words
	}
	noun := words[l[2]:l[3]]
	res := words[l[4]:]
	if i := strings.Index(res, ")"); i >= 0 {
		res = res[:i+1]
	}
	if noun == "Committee" {
		noun = "Security Council Committee"
	}
	return noun + " established pursuant to resolution " + res
}

// bodyOfResolution returns the listed committee, panel or group of experts
// resolution num set up: a committee keyed committee-N, else an entry whose
// note says "Established pursuant to Security Council resolution N (Y)".
func (g *Gazetteer) bodyOfResolution(noun, num string) (kg.ID, bool) {
	if noun == "Committee" {
		id := kg.NewID(kg.KindOrganization, "committee-"+num)
		if _, ok := g.byID[id]; ok {
			return id, true
		}
	}
	g.panelsOnce.Do(func() {
		g.panels = map[string]kg.ID{}
		for _, e := range g.entries {
			if e.kind != kg.KindOrganization {
				continue
			}
			m := establishedRe.FindStringSubmatch(e.props[PropNote])
			switch {
			case m == nil:
			case strings.HasPrefix(e.label, "Panel of Experts") || strings.HasPrefix(e.label, "Group of Experts"):
				g.panels[m[1]] = e.id
			case strings.Contains(e.label, "Committee"): // "Counter-Terrorism Committee", of resolution 1373 (2001)
				g.panels["Committee "+m[1]] = e.id
			}
		}
	})
	key := num
	if noun == "Committee" {
		key = "Committee " + num
	}
	id, ok := g.panels[key]
	return id, ok
}

// CommitteeOf returns the key of the sanctions committee a listed panel or
// group of experts serves — the committee of the resolution its note says
// set it up ("committee-1591" for the Panel of Experts on the Sudan) — or
// "" when the note names none. Whether such a committee is listed is the
// caller's to check.
func CommitteeOf(panel kg.Node) string {
	if !strings.HasPrefix(panel.Label, "Panel of Experts") && !strings.HasPrefix(panel.Label, "Group of Experts") {
		return ""
	}
	if m := establishedRe.FindStringSubmatch(panel.Props[PropNote]); m != nil {
		return "committee-" + m[1]
	}
	return ""
}
