package extract

import (
	"regexp"
	"strings"

	"github.com/crimegraph/crimegraph/internal/docrules"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
)

// A list of participants says who attended its meeting, section by
// section: the members (a table of "Country | Representative | Alternates
// | Advisers", or the States named under "States Members of the United
// Nations …"), the observers ("Non-member States …", "Intergovernmental
// organizations having received a standing invitation to participate as
// observers …"), the officers ("CHAIRPERSON" / "Mr. Nathaniel Khng
// (Singapore)"). Many lists print every member of the body and leave a
// State's row empty when it sent nobody: only a row with a delegate is
// attendance. Which parts are such a list is read by report.ParticipantParts;
// this file reads what they say.

// listSection is what a section heading of a list says about the names
// below it.
type listSection struct {
	role string  // kg.PropRole: "member", "observer", or "" when the heading says neither
	only kg.Kind // the kind of actor the section lists; "" for none (a section of individuals, of the secretariat)
}

// sectionHeadRe matches the start of a section heading of a list.
var sectionHeadRe = regexp.MustCompile(`(?i)^(?:states members|member states|states and (?:the european union|(?:intergovernmental |international )?organi[sz]ations)\b|members\b|non-?member states|states? (?:not|non-?)\s*members|observers?\b|observer states|intergovernmental|international organi[sz]ations|regional organi[sz]ations|other (?:intergovernmental|international|entities|organi[sz]ations)|specialized agencies|united nations (?:bodies|entities|system|secretariat|funds|programmes|organs|departments|offices)|non-governmental|civil society|entities\b|organi[sz]ations\b|individuals|experts|panellists|speakers|keynote|secretariat|research and training|national human rights|related organi[sz]ations)`)

// officerHeadRe matches the heading of an office on a list's first page.
var officerHeadRe = regexp.MustCompile(`(?i)^(?:(?:first |second |third )?(?:vice-)?(?:chair(?:person|man|woman)?|president)s?|rapporteurs?|bureau|officers(?: of the [\p{L} ]+)?)$`)

// officerNameRe reads an officer and the State in brackets: "Mr. Nathaniel
// Khng (Singapore)". A line may hold several.
var officerNameRe = regexp.MustCompile(`\b((?:Mr|Ms|Mrs|Dr|H\.E|Mme|M)\.?\s+[^()]+?)\s*\(([^()]+)\)`)

// The words of section headings, lower-cased, that say what the section
// lists.
var (
	peopleSecRe     = regexp.MustCompile(`^(?:individuals|experts|panellists|speakers|keynote|secretariat|united nations secretariat)`)
	nonMemberRe     = regexp.MustCompile(`^states? (?:not|non-?)\s*members`)
	orgWordRe       = regexp.MustCompile(`organi[sz]ation|agenc|bodies|entities|institution|programme|union\b`)
	statesAndOrgsRe = regexp.MustCompile(`^states and (?:the european union|(?:intergovernmental |international )?organi[sz]ations)\b`)
)

// readSection reads a section heading, or reports that the line is none.
func readSection(line string) (listSection, bool) {
	t := strings.TrimSpace(line)
	if len(t) > 300 || !sectionHeadRe.MatchString(t) || strings.HasSuffix(t, ".") { // a sentence is no heading
		return listSection{}, false
	}
	l := strings.ToLower(t)
	s := listSection{}
	switch {
	case peopleSecRe.MatchString(l):
		return s, true // people, or the secretariat: no delegation attends
	case strings.Contains(l, "observer") || strings.HasPrefix(l, "non-member") || strings.HasPrefix(l, "nonmember") || nonMemberRe.MatchString(l):
		s.role = "observer"
	case strings.HasPrefix(l, "states members") || strings.HasPrefix(l, "member states") || strings.HasPrefix(l, "members"):
		s.role = "member"
	}
	// Which comes first says what is listed: "Non-member States …" lists
	// States, "Intergovernmental organizations …" organizations.
	st := strings.Index(l, "state")
	if strings.HasPrefix(l, "members") {
		st = 0
	}
	org := orgWordRe.FindStringIndex(l)
	switch {
	case statesAndOrgsRe.MatchString(l):
		s.role = "member" // "States and the European Union": the parties to a conference
		s.only = ""
		return s, true
	case st >= 0 && (org == nil || st < org[0]):
		s.only = kg.KindState
	case org != nil:
		s.only = kg.KindOrganization
	}
	return s, true
}

// attendanceList adds who attended the meeting as a list of participants
// says: an ATTENDED edge from each State or organization with a delegate
// (or an officer) in the list, role as its section says, cited to the part
// (a page of the list) and the line.
func (x *extractor) attendanceList() {
	parts := x.rep.ParticipantParts()
	if len(parts) == 0 || x.meeting == "" || x.rec == nil {
		return
	}
	var (
		sec      listSection
		inSec    bool   // a section heading has been read
		officers string // the office being listed, "" outside the officers
		lastSec  string // the section of the part before
	)
	for _, p := range parts {
		if p.Section != lastSec {
			lastSec = p.Section
			x.delegation(p)
		}
		switch p.Kind {
		case kg.PartTable:
			officers = ""
			x.attendanceTable(p, sec, inSec)
			continue
		}
		off := 0
		for _, line := range strings.SplitAfter(p.Text, "\n") {
			start := off
			off += len(line)
			line = strings.TrimRight(line, "\n")
			if officerHeadRe.MatchString(strings.TrimSpace(line)) {
				officers = officeName(line)
				continue
			}
			if s, ok := readSection(line); ok {
				sec, inSec, officers = s, true, ""
				continue
			}
			if officers != "" {
				x.officerLine(p, line, start, officers)
				continue
			}
			if !inSec || sec.only == "" {
				continue
			}
			// A line of names under a section heading: "Holy See",
			// "European Union", "Afghanistan, Albania, …". Each name must
			// be one actor whole, so that "United Nations Office for
			// Project Services" is not taken for the United Nations.
			items := [][2]int{{0, len(strings.TrimRight(line, " .;"))}}
			if _, ok := x.wholeActor(line, sec.only); !ok {
				items = listItems(line)
			}
			for _, it := range items {
				if a, ok := x.wholeActor(line[it[0]:it[1]], sec.only); ok {
					x.node(a)
					x.edge(a.ID, kg.EdgeAttended, x.meeting, kg.Evidence{Ref: p.Ref, Start: start + it[0], End: start + it[1]}, roleProps(sec.role))
				}
			}
		}
	}
}

// listItems returns the byte spans of the comma-separated items of a
// line: "Afghanistan, Albania, Algeria".
func listItems(line string) [][2]int {
	t := strings.TrimRight(line, " .;")
	var out [][2]int
	for from := 0; from <= len(t); {
		to := strings.IndexByte(t[from:], ',')
		if to < 0 {
			to = len(t)
		} else {
			to += from
		}
		s, e := from, to
		for s < e && t[s] == ' ' {
			s++
		}
		if s < e {
			out = append(out, [2]int{s, e})
		}
		from = to + 1
	}
	return out
}

// delegation reads a list that gives each delegation a heading of its
// own, "ALBANIA" then its delegates, under a chapter that says what the
// delegations are ("I. States and the European Union", "III.
// Specialized agencies and related organizations"): the first part under
// a heading that names one State or organization whole is its delegation,
// and the actor attended. A heading without a part under it is no
// delegation.
func (x *extractor) delegation(p *report.Paragraph) {
	s, ok := x.sections[p.Section]
	if !ok || len(s.Paragraphs) == 0 || s.Paragraphs[0] != p.Ref {
		return
	}
	// The nearest enclosing heading that reads as a section of a list.
	var sec listSection
	found := false
	for key := p.Section; !found; {
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			break
		}
		key = key[:i]
		if parent, ok := x.sections[key]; ok {
			sec, found = readSection(parent.Title)
		}
	}
	if !found || sec.only == "" && sec.role == "" {
		return
	}
	a, ok := x.wholeActor(s.Title, sec.only)
	if !ok {
		return
	}
	// The first delegate: the first line, cut at a word within 200 bytes
	// where the front end joined the lines.
	end := strings.IndexByte(p.Text, '\n')
	if end < 0 {
		end = len(p.Text)
	}
	if end > 200 {
		end = 200
		if sp := strings.LastIndexByte(p.Text[:end], ' '); sp > 0 {
			end = sp
		}
	}
	x.node(a)
	x.edge(a.ID, kg.EdgeAttended, x.meeting, kg.Evidence{Ref: p.Ref, Start: 0, End: end}, roleProps(sec.role))
}

// officeName turns a heading of the officers into the office:
// "VICE-CHAIRPERSONS" → "Vice-Chairperson".
func officeName(h string) string {
	t := strings.ToLower(strings.TrimSpace(h))
	if strings.HasSuffix(t, "s") && !strings.HasSuffix(t, "ss") {
		t = strings.TrimSuffix(t, "s")
	}
	words := strings.Split(t, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, "-")
}

// officerLine reads the officers a line names with their States: each
// State attended as a member, each officer HELD_OFFICE at the meeting and
// REPRESENTS the State.
func (x *extractor) officerLine(p *report.Paragraph, line string, start int, office string) {
	for _, m := range officerNameRe.FindAllStringSubmatchIndex(line, -1) {
		name := strings.TrimSpace(honorificRe.ReplaceAllString(line[m[2]:m[3]], ""))
		state, ok := x.wholeActor(line[m[4]:m[5]], kg.KindState)
		if !ok || name == "" || len(strings.Fields(name)) > 6 {
			continue
		}
		sid := x.node(state)
		nameAt := start + m[2] + strings.Index(line[m[2]:m[3]], name)
		x.edge(sid, kg.EdgeAttended, x.meeting, kg.Evidence{Ref: p.Ref, Start: start + m[0], End: start + m[1]}, roleProps("member"))
		pid := x.node(kg.Node{ID: kg.NewID(kg.KindPerson, kg.Slug(name, 80)), Kind: kg.KindPerson, Label: name})
		x.edge(pid, kg.EdgeHeldOffice, x.meeting, kg.Evidence{Ref: p.Ref, Start: nameAt, End: nameAt + len(name)}, map[string]string{kg.PropRole: office})
		x.edge(pid, kg.EdgeRepresents, sid, kg.Evidence{Ref: p.Ref, Start: start + m[4], End: start + m[5]}, nil)
	}
}

// wholeActor returns the State or organization that text names and
// nothing else: "Bolivia (Plurinational State of)", not "Legal".
func (x *extractor) wholeActor(text string, only kg.Kind) (kg.Node, bool) {
	t := strings.TrimSpace(text)
	if t == "" {
		return kg.Node{}, false
	}
	ms := x.rec.Recognize(t, x.ctx)
	if len(ms) != 1 {
		return kg.Node{}, false
	}
	m := ms[0]
	k := m.Node.Kind
	if k != kg.KindState && k != kg.KindOrganization || only != "" && k != only {
		return kg.Node{}, false
	}
	if m.Start != 0 || strings.TrimRight(t[m.End:], " .,;*") != "" {
		return kg.Node{}, false
	}
	return m.Node, true
}

// maxNameLines bounds the printed lines one name takes in the first
// column ("Asian-African" / "Legal" / "Consultative" / "Organization" /
// "(AALCO)").
const maxNameLines = 6

// attendanceTable reads a table of delegations: the first column names a
// State or organization over one or more rows, the other columns its
// delegates. A name with a delegate in any of its rows attended; a name
// with none did not, and gets no fact. Rows before any section heading are
// the members', when the table's first column is headed "Country".
func (x *extractor) attendanceTable(p *report.Paragraph, sec listSection, inSec bool) {
	type row struct {
		first      string // the first cell
		delegates  bool   // another cell holds text
		start, end int    // byte span of the row in the part's text
	}
	var rows []row
	off := 0
	header := false
	for _, line := range strings.SplitAfter(p.Text, "\n") {
		start := off
		off += len(line)
		line = strings.TrimRight(line, "\n")
		cells := strings.Split(line, "\t")
		if len(cells) > 1 && docrules.IsDelegateHead(cells[1]) {
			header = true
			if !inSec {
				switch strings.ToLower(strings.TrimSpace(cells[0])) {
				case "country", "countries", "pays", "país", "member states", "members":
					sec = listSection{role: "member", only: kg.KindState}
				}
			}
			continue
		}
		r := row{first: strings.TrimSpace(cells[0]), start: start, end: start + len(line)}
		for _, c := range cells[1:] {
			r.delegates = r.delegates || strings.TrimSpace(c) != ""
		}
		rows = append(rows, r)
	}
	if !header {
		return // no table of delegations: a table the reader does not know
	}
	for i := 0; i < len(rows); {
		if rows[i].first == "" {
			i++
			continue
		}
		// The longest run of first cells from row i that names one actor
		// whole: "Antigua and" + "Barbuda", "Bolivia" + "(Plurinational" +
		// "State of)".
		var (
			name    kg.Node
			lastRow = -1
		)
		var text string
		for j, n := i, 0; j < len(rows) && n < maxNameLines; j++ {
			if rows[j].first == "" {
				continue
			}
			n++
			text = joinName(text, rows[j].first)
			if a, ok := x.wholeActor(text, sec.only); ok {
				name, lastRow = a, j
			}
		}
		if lastRow < 0 {
			i++
			continue
		}
		// The entry's rows run to the next row with a first cell after its
		// name.
		end := lastRow + 1
		for end < len(rows) && rows[end].first == "" {
			end++
		}
		attended := false
		for _, r := range rows[i:end] {
			attended = attended || r.delegates
		}
		if attended {
			x.node(name)
			x.edge(name.ID, kg.EdgeAttended, x.meeting, kg.Evidence{Ref: p.Ref, Start: rows[i].start, End: rows[end-1].end}, roleProps(sec.role))
		}
		i = end
	}
}

// joinName joins the lines of a name wrapped in a narrow column.
func joinName(text, next string) string {
	switch {
	case text == "":
		return next
	case strings.HasSuffix(text, "-"):
		return text + next
	}
	return text + " " + next
}
