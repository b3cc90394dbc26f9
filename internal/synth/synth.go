// Package synth writes synthetic UN meeting reports for growth and load
// measurements. Each report has the shape of a regional preparatory
// meeting report — an introduction, topic sections with statements,
// summaries and lettered recommendations, attendance and officers — made
// from the real San José report's paragraphs and recommendations, with
// States drawn from the gazetteer, so ingestion does real work on every one.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/crimegraph/crimegraph/internal/corpus"
	"github.com/crimegraph/crimegraph/internal/gazetteer"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
)

// Generator makes reports from a fixed pool of real text.
type Generator struct {
	summaries []string // paragraphs of "Summary of deliberations"
	recs      []string // recommendation texts
	intros    []string // introduction paragraphs
	states    []string // State labels
	rnd       *rand.Rand
}

var cities = []string{"Bangkok", "Vienna", "Addis Ababa", "Beirut", "Santiago", "Nairobi", "Doha", "Tashkent", "Dakar", "Suva"}
var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
var names = []string{"Amina Diallo", "Carlos Méndez Ruiz", "Mei Lin Zhou", "Olga Petrova", "Tomás Herrera", "Fatima Al-Sayed", "John Okafor", "Ingrid Larsen", "Ravi Menon", "Lucía Fernández"}

// New builds a generator seeded for reproducible output.
func New(seed uint64) (*Generator, error) {
	data, err := corpus.Read(corpus.SanJose)
	if err != nil {
		return nil, err
	}
	lines, err := report.FromMarkdown(data)
	if err != nil {
		return nil, err
	}
	rep, err := report.Parse(lines, report.Options{})
	if err != nil {
		return nil, err
	}
	g := &Generator{rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	sections := map[string]*report.Section{}
	rep.WalkSections(func(s *report.Section) { sections[s.Key] = s })
	rep.Walk(func(p *report.Paragraph) {
		switch {
		case p.Recommendation:
			g.recs = append(g.recs, p.Text)
		case p.Number > 0 && p.Number <= 6:
			g.intros = append(g.intros, p.Text)
		case sections[p.Section] != nil && sections[p.Section].Kind == report.SecSummary && len(p.Items) == 0:
			g.summaries = append(g.summaries, p.Text)
		}
	})
	gz, err := gazetteer.Load()
	if err != nil {
		return nil, err
	}
	for _, n := range gz.Nodes(kg.KindState) {
		g.states = append(g.states, n.Label)
	}
	if len(g.recs) == 0 || len(g.summaries) == 0 || len(g.intros) == 0 {
		return nil, fmt.Errorf("synth: the San José report gave no text to sample")
	}
	return g, nil
}

func (g *Generator) pick(pool []string) string { return pool[g.rnd.IntN(len(pool))] }

// someStates returns n distinct State names.
func (g *Generator) someStates(n int) []string {
	idx := g.rnd.Perm(len(g.states))[:n]
	out := make([]string, n)
	for i, j := range idx {
		out[i] = g.states[j]
	}
	return out
}

func list(items []string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Report writes synthetic report number i as Markdown.
func (g *Generator) Report(i int) []byte {
	var b strings.Builder
	para := 0
	p := func(text string) {
		para++
		fmt.Fprintf(&b, "%d. %s\n\n", para, text)
	}
	city := g.pick(cities)
	month := g.pick(months)
	day := 1 + g.rnd.IntN(25)
	meeting := fmt.Sprintf("Synthetic Regional Preparatory Meeting No. %d for the Fifteenth United Nations Congress on Crime Prevention and Criminal Justice", i)
	fmt.Fprintf(&b, "## Fifteenth United Nations Congress on Crime Prevention and Criminal Justice\n\n")
	fmt.Fprintf(&b, "### Report of the %s, held in %s, from %d to %d %s 2025\n\n", meeting, city, day, day+2, month)
	b.WriteString("## I. Introduction\n\n")
	for k := 0; k < 3; k++ {
		p(g.pick(g.intros))
	}
	b.WriteString("## II. Recommendations\n\n")
	topics := 2 + g.rnd.IntN(4)
	for t := 0; t < topics; t++ {
		fmt.Fprintf(&b, "### %c. Topic %d of meeting %d (agenda item %d)\n\n", 'A'+t, t+1, i, t+3)
		p("Statements were made by the representatives of " + list(g.someStates(6+g.rnd.IntN(10))) + ".")
		b.WriteString("#### Summary of deliberations\n\n")
		for k := 0; k < 3+g.rnd.IntN(4); k++ {
			p(g.pick(g.summaries))
		}
		b.WriteString("#### Outcome of deliberations\n\n")
		p("The following recommendations, which were not negotiated by the participants, were identified:")
		n := 5 + g.rnd.IntN(11)
		for k := 0; k < n; k++ {
			fmt.Fprintf(&b, "(%c) %s\n\n", 'a'+k, g.pick(g.recs))
		}
	}
	b.WriteString("## III. Attendance and organization of work\n\n### A. Date and venue of the Meeting\n\n")
	p(fmt.Sprintf("The %s was held in %s from %d to %d %s 2025.", meeting, city, day, day+2, month))
	b.WriteString("### B. Attendance\n\n")
	members := g.someStates(15 + g.rnd.IntN(15))
	p("The following States were represented at the Meeting: " + list(members) + ".")
	p(list(g.someStates(3)) + " were represented by observers.")
	b.WriteString("### C. Election of officers\n\n")
	p(fmt.Sprintf("At its 1st meeting, the Meeting elected the following officers:\n\n*Chair:* %s (%s)\n\n*Rapporteur:* %s (%s)",
		g.pick(names), members[0], g.pick(names), members[1]))
	return []byte(b.String())
}
