package report

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/crimegraph/crimegraph/internal/docrules"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// How a record is read. A verbatim record (A/79/PV.64) or summary record
// (E/2025/SR.12) of a meeting gives each speaker's turn as a paragraph
// that opens with the speaker and, in brackets, the State or organization
// they speak for: "Mr. Heartney (United States of America): As President
// …", "Ms. Sharma (Department for General Assembly and Conference
// Management): …"; a summary record writes "Mr. X (Country) said that …".
// The agenda item under discussion is announced by "Agenda item 13
// (continued)". The paragraphs after a speaker's first, up to the next
// speaker, are the rest of their statement.

type recordReader struct{}

var (
	meetingLineRe = regexp.MustCompile(`(?m)^(\d{1,5})(?:st|nd|rd|th) ((?:plenary )?meeting)\b[ ,]*(?:\p{L}+day, )?(\d{1,2}) ` + month + `,? (\d{4})`)
	speakerRe     = regexp.MustCompile(`(?:^|\) )((?:Mr|Ms|Mrs|Miss|Dr|Sir|Dame|Lord|Archbishop|Monsignor|H\.E\.)\.? [\p{Lu}][\p{L}\-’'. ]{0,60}?|The (?:Acting )?(?:President|Chair|Vice-Chair|Co-Chair|Chairperson|Secretary-General))(?: \(([^()]{2,160})\))?(?: \((?:spoke|interpretation from) [^)]{2,40}\))?(?:: | said )`)
	agendaItemRe  = regexp.MustCompile(`^Agenda items? (\d{1,3}(?: ?\([a-z]\))?)(?: \(continued\))?\s*(.*)$`)
)

func (recordReader) claim(d *docView) Family {
	for _, s := range d.Symbols {
		if _, ok := docrules.IsRecord(s); ok {
			return FamilyRecord
		}
	}
	if h := d.head(15); strings.Contains(h, "Official Records") && meetingLineRe.MatchString(h) {
		return FamilyRecord
	}
	return ""
}

func (recordReader) read(d *docView) {
	a := &Act{Body: d.Body}
	for _, s := range d.Symbols {
		if n, ok := docrules.IsRecord(s); ok {
			a.MeetingNo = n
		}
	}
	if m := meetingLineRe.FindStringSubmatch(d.head(15)); m != nil {
		if a.MeetingNo == "" {
			a.MeetingNo = m[1]
		}
		a.Date = isoDate(m[3], m[4], m[5])
		if d.Date == "" {
			d.Date = a.Date
		}
		if t := d.Title; t == "" || t == "United Nations" || t == d.Body || strings.HasPrefix(t, "Digitized") {
			// "General Assembly, 64th plenary meeting, 16 April 2025"
			d.Title = strings.TrimPrefix(d.Body+", "+ordinal(m[1])+" "+m[2]+", "+m[3]+" "+m[4]+" "+m[5], ", ")
		}
	}
	d.Act = a

	var st *Statement
	var item *Section
	order := 0
	// An agenda item the parser took for a heading (a summary record's,
	// whose turns are numbered paragraphs) is an item all the same.
	headed := map[string]*Section{}
	d.WalkSections(func(s *Section) {
		order++
		if m := agendaItemRe.FindStringSubmatch(s.Title); m != nil && s.Kind != SecItem {
			s.Kind, s.Number, s.AgendaItems = SecItem, m[1], []string{strings.Fields(m[1])[0]}
			if m[2] != "" {
				s.Title = truncateText(m[2], 200)
			}
			headed[s.Key] = s
		}
	})
	for _, q := range d.Paragraphs {
		if s, ok := headed[q.Section]; ok {
			item = s
		}
		if m := agendaItemRe.FindStringSubmatch(q.Text); m != nil && q.Kind != kg.PartNumbered {
			title := m[2]
			if i := strings.Index(title, " The "); i > 0 {
				title = title[:i] // the first turn, run into the heading
			}
			item = &Section{Key: "item-" + kg.Slug(m[1], 10), Number: m[1], Title: truncateText(title, 200), Kind: SecItem, Level: 1, Order: order,
				AgendaItems: []string{strings.Fields(m[1])[0]}}
			for k := 2; sectionKey(d.Report, item.Key); k++ {
				item.Key = "item-" + kg.Slug(m[1], 10) + "-" + strconv.Itoa(k)
			}
			order++
			d.Sections = append(d.Sections, item)
		}
		if item != nil && q.Section == "" {
			q.Section = item.Key
			item.Paragraphs = append(item.Paragraphs, q.Ref)
		}
		if loc := speakerRe.FindStringSubmatchIndex(q.Text); loc != nil && loc[0] < 200 {
			d.Statements = append(d.Statements, Statement{Speaker: strings.TrimSpace(q.Text[loc[2]:loc[3]])})
			st = &d.Statements[len(d.Statements)-1]
			if loc[4] >= 0 {
				st.For = q.Text[loc[4]:loc[5]]
			}
			if item != nil {
				st.Item = item.Key
			}
		}
		if st != nil {
			st.Refs = append(st.Refs, q.Ref)
		}
	}
}

func sectionKey(r *Report, key string) bool {
	found := false
	r.WalkSections(func(s *Section) { found = found || s.Key == key })
	return found
}

// ordinal writes 64 as "64th".
func ordinal(n string) string {
	suffix := "th"
	if len(n) < 2 || n[len(n)-2] != '1' {
		switch n[len(n)-1] {
		case '1':
			suffix = "st"
		case '2':
			suffix = "nd"
		case '3':
			suffix = "rd"
		}
	}
	return n + suffix
}
