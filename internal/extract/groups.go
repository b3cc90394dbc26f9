package extract

import (
	"regexp"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
)

// Relations of non-state groups, each read from one sentence and cited to
// its words: where a group operates (OPERATES_IN), whom it is affiliated
// with (AFFILIATED_WITH) and who leads it (LEADS). Precision first: each
// rule wants the words that state the relation, right beside the names.

var (
	// "Da’esh in Somalia", "ISIL-K, the ISIL affiliate in Afghanistan",
	// "Ahl al-Sunna wal-Jama‘a (not listed) continued to maintain a
	// presence along the coast of", "operating in", "active in".
	operatesGap = regexp.MustCompile(`^(?:\s*\([^()]{0,40}\))*(?:\s+(?:in|inside|within)|,?\s+(?:(?:which|that|who)\s+)?(?:(?:is|are|was|were|remained|remains|has been|have been|continued to be)\s+)?(?:(?:based|active|operating|present|operational|entrenched|headquartered)\s+(?:in|across|throughout|inside)|(?:operating|operates|operated)\s+(?:in|across|throughout|inside))|,\s+(?:the|an?)\s+[^,;.()]{0,40}?\b(?:affiliate|branch|franchise|province|wing|faction|cell)\s+(?:in|of))\s+(?:the\s+)?(?:(?:north|south|east|west|centre|center|north-east|north-west|south-east|south-west|northern|southern|eastern|western|central|north-eastern|north-western|south-eastern|south-western)(?:ern)?\s+(?:of\s+|part\s+of\s+|parts\s+of\s+)?)?$`)
	// "ISIL-K, the ISIL affiliate in Afghanistan", "Jama’a Nusrat
	// ul-Islam wa al-Muslimin (QDe.159), an Al-Qaida affiliate".
	affiliateGap  = regexp.MustCompile(`^(?:\s*\([^()]{0,40}\))*\s*,\s+(?:the|an?|one of the|a key|its)\s+(?:[a-z\-]+\s+)?$`)
	affiliateNoun = regexp.MustCompile(`^(?:’s|'s)?\s*(?:-\s*)?(?:affiliate|affiliates|branch|franchise|province|wing|offshoot|faction|member|ally)\b`)
	// "a group suspected ... to be affiliated with ISGS", "aligned with".
	affiliatedWith = regexp.MustCompile(`\b(?:affiliated|associated|allied|aligned|linked)\s+(?:to|with)\s+(?:the\s+)?$`)
	// "some Viv Ansanm gangs (Grand Ravine, 5 Segond, Les Argentins ...)".
	membersOpen = regexp.MustCompile(`^\s+(?:gangs|groups|members|factions|affiliates)\s*\($`)
)

// A person's name: capitalised words, with the particles of Arabic and
// Romance names ("Abu Hafs al-Hashimi al-Qurashi", "Jimmy Chérizier").
const personName = `[A-Z][\p{L}’'\-]+(?:\s+(?:[A-Z][\p{L}’'\-]+|al-[\p{L}’'\-]+|bin|ibn|de|da|dos|del|el-[\p{L}’'\-]+)){1,5}`

var (
	// "Delmas 6 (led by Jimmy Chérizier, alias “Barbeque”)", "Gran Grif,
	// led by Luckson Elan".
	ledByRe = regexp.MustCompile(`^(?:\s+gang)?\s*[(,]\s*(?:which is\s+|is\s+)?(?:led|headed|commanded|run)\s+by\s+(?:sanctioned individual\s+|the\s+)?(` + personName + `)(?:,?\s+\(?(?:alias|a\.k\.a\.|aka|known as)\s+[“"]([^”"]{1,40})[”"])?`)
	// "Wharf Jérémie gang leader Monel Felix", "the Da’esh leader, Abu
	// Hafs al-Hashimi al-Qurashi".
	leaderAfterRe = regexp.MustCompile(`^(?:\s+gang)?(?:’s|'s)?\s+(?:leader|chief|head|commander|emir)\s*,?\s+(` + personName + `)(?:,?\s+\(?(?:alias|a\.k\.a\.|aka|known as)\s+[“"]([^”"]{1,40})[”"])?`)
	// "Vitel’homme Innocent (HTi.007), leader of the Gran Grif gang",
	// "Jimmy Chérizier (alias “Barbecue”), the leader of".
	leaderBeforeRe = regexp.MustCompile(`(` + personName + `)(?:\s*\((?:alias\s+)?[“"]?([^()”"]{1,40}?)[”"]?\))*\s*,\s+(?:the\s+)?(?:(?:main|top|self-proclaimed|de facto|overall|current)\s+)?(?:leader|chief|head|commander|emir|spokesperson and leader)\s+of\s+(?:the\s+)?$`)
)

var (
	// "the leader of the 5 Segonn gang, Johnson (“Izo”) André".
	leaderOfBefore = regexp.MustCompile(`\b(?:leader|head|chief|commander|emir)\s+of\s+(?:the\s+)?$`)
	leaderOfAfter  = regexp.MustCompile(`^(?:\s+(?:gang|group|coalition|alliance|faction))?,\s+(?:([A-Z][\p{L}’'\-]+)\s+\(?[“"]([^”"]{1,30})[”"]\)?\s+([A-Z][\p{L}’'\-]+)|(` + personName + `))`)
)

// groups adds the relations of the groups named in each paragraph.
func (x *extractor) groups() {
	x.rep.Walk(func(p *report.Paragraph) {
		ms := x.mentions[p.Ref]
		has := false
		for _, m := range ms {
			if m.Node.Kind == kg.KindGroup {
				has = true
				break
			}
		}
		if !has {
			return
		}
		for _, sr := range sentences(p.Text) {
			x.groupSentence(p, ms, sr[0], sr[1])
		}
	})
}

func (x *extractor) groupSentence(p *report.Paragraph, all []Mention, from, to int) {
	text := p.Text
	var ms []Mention
	for _, m := range all {
		if m.Start >= from && m.End <= to {
			ms = append(ms, m)
		}
	}
	ev := func(s, e int) kg.Evidence { return kg.Evidence{Ref: p.Ref, Start: s, End: e} }
	// "In Mozambique, Ahl al-Sunna wal-Jama‘a ... continued": a sentence
	// that opens on the one State it names places the groups in it.
	var opening *Mention
	for i, m := range ms {
		if m.Node.Kind == kg.KindState {
			if opening == nil && strings.TrimSpace(text[from:m.Start]) == "In" && strings.HasPrefix(text[m.End:], ",") {
				opening = &ms[i]
			} else if opening != nil && m.Node.ID != opening.Node.ID {
				opening = nil
				break
			}
		}
	}
	for i, g := range ms {
		if g.Node.Kind != kg.KindGroup {
			continue
		}
		gid := x.node(g.Node)
		if opening != nil {
			x.edge(gid, kg.EdgeOperatesIn, x.node(opening.Node), ev(opening.Start, g.End), nil)
		}
		for j := i + 1; j < len(ms); j++ {
			n := ms[j]
			if n.Start < g.End {
				continue // the State the group's name holds ("South Sudan Opposition Alliance")
			}
			gap := text[g.End:n.Start]
			switch {
			case n.Node.Kind == kg.KindState && operatesGap.MatchString(gap):
				x.edge(gid, kg.EdgeOperatesIn, x.node(n.Node), ev(g.Start, n.End), nil)
			case n.Node.Kind == kg.KindGroup && affiliateGap.MatchString(gap) && affiliateNoun.MatchString(text[n.End:]):
				x.edge(gid, kg.EdgeAffiliatedTo, x.node(n.Node), ev(g.Start, n.End+len(affiliateNoun.FindString(text[n.End:]))), nil)
			case n.Node.Kind == kg.KindGroup && len(gap) < 120 && affiliatedWith.MatchString(gap) && !strings.ContainsAny(gap, ";") && !groupBetween(ms, i, j):
				x.edge(gid, kg.EdgeAffiliatedTo, x.node(n.Node), ev(g.Start, n.End), nil)
			}
		}
		// "Viv Ansanm gangs (Grand Ravine, 5 Segond, ...)": each listed
		// gang is a member of the coalition.
		if rest := text[g.End:]; strings.Contains(rest[:min(len(rest), 12)], "(") {
			if loc := membersOpen.FindStringIndex(rest[:strings.IndexByte(rest, '(')+1]); loc != nil {
				closeAt := strings.IndexByte(rest, ')')
				for _, mm := range ms[i+1:] {
					if closeAt < 0 || mm.Start > g.End+closeAt {
						break
					}
					if mm.Node.Kind == kg.KindGroup {
						x.edge(x.node(mm.Node), kg.EdgeAffiliatedTo, gid, ev(g.Start, mm.End), nil)
					}
				}
			}
		}
		x.leaders(p, g, gid, from, to)
	}
}

// groupBetween reports whether a group is named between mentions i and j.
func groupBetween(ms []Mention, i, j int) bool {
	for k := i + 1; k < j; k++ {
		if ms[k].Node.Kind == kg.KindGroup {
			return true
		}
	}
	return false
}

// leaders finds the person the sentence says leads group g.
func (x *extractor) leaders(p *report.Paragraph, g Mention, gid kg.ID, from, to int) {
	text := p.Text
	after := text[g.End:to]
	for _, re := range []*regexp.Regexp{ledByRe, leaderAfterRe} {
		if m := re.FindStringSubmatchIndex(after); m != nil {
			x.leader(p, gid, text[g.End+m[2]:g.End+m[3]], sub(after, m, 4), g.Start, g.End+m[1])
			return
		}
	}
	if leaderOfBefore.MatchString(text[from:g.Start]) {
		if m := leaderOfAfter.FindStringSubmatchIndex(after); m != nil {
			name, alias := sub(after, m, 8), ""
			if m[2] >= 0 { // a nickname between the names
				name, alias = sub(after, m, 2)+" "+sub(after, m, 6), sub(after, m, 4)
			}
			x.leader(p, gid, name, alias, g.Start, g.End+m[1])
			return
		}
	}
	// "the head of the Da’esh affiliate in Somalia" leads the affiliate.
	if affiliateNoun.MatchString(strings.TrimLeft(after, " ")) {
		return
	}
	if m := leaderBeforeRe.FindStringSubmatchIndex(text[from:g.Start]); m != nil {
		x.leader(p, gid, text[from+m[2]:from+m[3]], sub(text[from:g.Start], m, 4), from+m[0], g.End)
	}
}

func sub(s string, m []int, i int) string {
	if m[i] < 0 {
		return ""
	}
	return s[m[i]:m[i+1]]
}

// leader adds the Person and the LEADS edge.
func (x *extractor) leader(p *report.Paragraph, gid kg.ID, name, alias string, start, end int) {
	name = strings.TrimSpace(name)
	if len(strings.Fields(name)) < 2 {
		return
	}
	n := kg.Node{ID: kg.NewID(kg.KindPerson, kg.Slug(name, 80)), Kind: kg.KindPerson, Label: name}
	if alias = strings.TrimSpace(alias); alias != "" && alias != "not listed" {
		n.Aliases = []string{alias}
	}
	pid := x.node(n)
	x.edge(pid, kg.EdgeLeads, gid, kg.Evidence{Ref: p.Ref, Start: start, End: end}, nil)
}
