package report

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// OutlineWidth is how many characters of each text Outline shows.
const OutlineWidth = 80

// Outline renders the parsed structure as plain text, one line per
// section, paragraph, item, recommendation and annexed document: what a
// person checks against the source, and what the golden files hold. The
// output depends only on the report, so it is stable across runs.
func (r *Report) Outline() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	orDash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}

	w("# identity")
	w("title:   %s", orDash(r.Title))
	w("symbols: %s", orDash(strings.Join(r.Symbols, " | ")))
	w("date:    %s", orDash(r.Date))
	w("body:    %s", orDash(r.Body))
	w("family:  %s", orDash(string(r.Family)))
	if v := r.Version; v.Parent != "" {
		w("version: %s of %s", v.Element, v.Parent)
	}
	if l := r.Letter; l != nil {
		w("\n# letter")
		w("date:      %s", orDash(l.Date))
		w("sender:    %s", orDash(l.Sender))
		w("addressee: %s", orDash(l.Addressee))
		w("signed:    %s %s", orDash(l.Signatory), orDash(l.Signature))
		w("transmits: %s", orDash(clip(l.Transmits, OutlineWidth)))
		for _, a := range l.Annexes {
			w("annex:     %s", clip(a, OutlineWidth))
		}
	}
	if a := r.Act; a != nil {
		w("\n# act")
		w("body:    %s", orDash(a.Body))
		w("meeting: %s", orDash(a.MeetingNo))
		w("date:    %s", orDash(a.Date))
		if a.Amends != "" {
			w("amends:  %s", a.Amends)
		}
	}
	if len(r.Statements) > 0 {
		w("\n# statements (%d)", len(r.Statements))
		for _, st := range r.Statements {
			w("%s (%s) [%s] %s", st.Speaker, orDash(st.For), orDash(st.Item), strings.Join(st.Refs, " "))
		}
	}

	w("\n# meeting")
	if m := r.Meeting; m != nil {
		w("name:  %s", m.Name)
		w("venue: %s", m.Venue)
		w("dates: %s to %s", m.StartDate, m.EndDate)
		w("ref:   %s", orDash(m.Ref))
	} else {
		w("-")
	}

	w("\n# sections")
	r.WalkSections(func(s *Section) {
		extra := ""
		if len(s.AgendaItems) > 0 {
			extra += " agenda=" + strings.Join(s.AgendaItems, ",")
		}
		if len(s.Workshops) > 0 {
			extra += " workshops=" + strings.Join(s.Workshops, ",")
		}
		if s.Draft {
			extra += " draft"
		}
		w("%s%s [%s]%s %s%s", strings.Repeat("  ", s.Level-1), s.Key, s.Kind, extra, clip(s.Title, OutlineWidth), paraSpan(s.Paragraphs))
	})

	w("\n# paragraphs")
	r.Walk(func(q *Paragraph) {
		indent := strings.Count(q.Ref, "(")
		mark := " "
		if q.Recommendation {
			mark = "R"
		}
		page := ""
		if q.Page > 0 {
			page = fmt.Sprintf(" p%d", q.Page)
		}
		kind := ""
		if q.Kind != "" && q.Kind != kg.PartNumbered {
			kind = " {" + q.Kind + "}"
		}
		w("%s%s %s [%s]%s%s %s", strings.Repeat("  ", indent), mark, q.Ref, q.Section, page, kind, clip(q.Text, OutlineWidth))
	})

	recs := r.Recommendations()
	w("\n# recommendations (%d)", len(recs))
	chapeau := "\x00"
	for _, q := range recs {
		if q.Chapeau != chapeau {
			chapeau = q.Chapeau
			if chapeau != "" {
				w("chapeau: %s", clip(chapeau, OutlineWidth))
			}
		}
		w("  %s [%s] %s", q.Ref, q.Section, clip(q.Text, OutlineWidth))
	}

	w("\n# annex (%d)", len(r.Annex))
	for _, d := range r.Annex {
		add := ""
		if len(d.Addenda) > 0 {
			add = fmt.Sprintf(" +%d addenda (%s … %s)", len(d.Addenda), d.Addenda[0], d.Addenda[len(d.Addenda)-1])
		}
		w("%s%s  %s", d.Symbol, add, clip(d.Title, OutlineWidth))
	}

	w("\n# warnings (%d)", len(r.Warnings))
	for _, s := range r.Warnings {
		w("%s", s)
	}
	return b.String()
}

// paraSpan summarises a section's paragraph refs: " ¶ 11–23 (13)".
func paraSpan(refs []string) string {
	switch len(refs) {
	case 0:
		return ""
	case 1:
		return " ¶ " + refs[0]
	}
	return fmt.Sprintf(" ¶ %s–%s (%d)", refs[0], refs[len(refs)-1], len(refs))
}

// clip shortens s to n characters, marking the cut, with line breaks
// shown as " ⏎ " so that each entry stays on one line.
func clip(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ⏎ ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
