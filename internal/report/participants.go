package report

import (
	"regexp"
	"strings"
)

// A list of participants is a document of its own ("LIST OF
// PARTICIPANTS", symbol …/INF/1) or an annex of a report ("Annex I. List
// of participants at the twenty-second session of …"). Which of its parts
// say who attended is read here; what they say (which State or
// organization, as member or observer) is read by package extract, which
// knows the names.

// participantsTitleRe matches the title of a list of participants, in the
// three languages UN lists are headed in.
var participantsTitleRe = regexp.MustCompile(`(?i)^(?:(?:provisional|final|revised|draft)\s+)?(?:list of (?:participants|delegations)|liste des (?:participants|délégations)|lista de (?:participantes|delegaciones))\b`)

// ParticipantParts returns the parts of the document that list its
// meeting's participants, in reading order: every part of a list of
// participants, or the parts of an annex so titled. It returns nil for any
// other document, whatever its text names.
func (r *Report) ParticipantParts() []*Paragraph {
	if r.Family == FamilyList && participantsTitleRe.MatchString(strings.TrimSpace(r.Title)) {
		return r.Paragraphs
	}
	in := map[string]bool{}
	r.WalkSections(func(s *Section) {
		if s.Kind == SecAnnex && participantsTitleRe.MatchString(s.Title) {
			var mark func(s *Section)
			mark = func(s *Section) {
				in[s.Key] = true
				for _, c := range s.Children {
					mark(c)
				}
			}
			mark(s)
		}
	})
	if len(in) == 0 {
		return nil
	}
	var out []*Paragraph
	for _, p := range r.Paragraphs {
		if in[p.Section] {
			out = append(out, p)
		}
	}
	return out
}

// spanRe reads the dates a list (or a title) gives its meeting, with or
// without the venue before them: "18–26 February 2025", "New York, 17
// February–14 March 2025", "27–30 May 2025".
var spanRe = regexp.MustCompile(`^(?:([A-Z][\p{L}'’.\- ]{1,40}),\s+)?(\d{1,2})(?:\s+` + month + `)?(?:,?\s+(\d{4}))?\s*[–—-]\s*(\d{1,2})\s+` + month + `,?\s+(\d{4})$`)

// spanDates reads such a line.
func spanDates(s string) (venue, start, end string) {
	m := spanRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", "", ""
	}
	startMon, startYear := m[3], m[4]
	if startMon == "" {
		startMon = m[6]
	}
	if startYear == "" {
		startYear = m[7]
	}
	start, end = isoDate(m[2], startMon, startYear), isoDate(m[5], m[6], m[7])
	if start == "" || end == "" || end < start {
		return "", "", ""
	}
	return m[1], start, end
}

// listBodyRe matches the line of a list's first page that names the body
// meeting: "Special Committee on the Charter of the United Nations …",
// "Commission on Narcotic Drugs, Sixty-eighth session".
var listBodyRe = regexp.MustCompile(`\b(?:Committee|Commission|Conference|Council|Board|Working Group|Meeting|Forum|Assembly|Congress)\b`)

// listMeeting reads the meeting a list of participants is of from its
// first page: the body's name, then the dates it met ("Special Committee
// on the Charter of the United Nations and on the Strengthening of the
// Role of the Organization" / "18–26 February 2025"). It returns nil when
// the first page does not say both.
func listMeeting(r *Report) *Meeting {
	var prev *Paragraph
	for _, q := range r.Paragraphs {
		if q.Page > 1 || q.Kind == "table" {
			break
		}
		if venue, start, end := spanDates(q.Text); start != "" {
			name, ref := "", q.Ref
			switch {
			case prev != nil && listBodyRe.MatchString(prev.Text) && len(prev.Text) <= 200:
				name, ref = strings.Join(strings.Fields(prev.Text), " "), prev.Ref
			default:
				// "List of Delegations to the 2025 United Nations Conference …"
				if m := listOfRe.FindStringSubmatch(r.Title); m != nil && listBodyRe.MatchString(m[1]) {
					name = m[1]
				}
			}
			if name == "" {
				return nil
			}
			return &Meeting{Name: name, Venue: venue, StartDate: start, EndDate: end, Ref: ref}
		}
		prev = q
	}
	return nil
}

// listOfRe reads the meeting a list's title names: "List of Delegations to
// the 2025 United Nations Conference to Support …".
var listOfRe = regexp.MustCompile(`(?i)^list of (?:participants|delegations) (?:to|at|in|of) (?:the )?(.+)$`)

// sessionTitleRe reads the session a report's title names with its dates:
// "Report of the High-level Committee on South-South Cooperation:
// twenty-second session (27–30 May 2025)", "Report of the Committee for
// Development Policy on the twenty-seventh session (24–28 February 2025)".
var sessionTitleRe = regexp.MustCompile(`^Report of the (.+?)(?::\s+|\s+on\s+(?:its|the)\s+)([\p{L}\-]+(?:\s+(?:special|regular|resumed|substantive|organizational))?\s+session)\s*\(([^()]+)\)$`)

// titleSession reads such a title.
func titleSession(title string) *Meeting {
	m := sessionTitleRe.FindStringSubmatch(title)
	if m == nil {
		return nil
	}
	venue, start, end := spanDates(m[3])
	if start == "" {
		return nil
	}
	return &Meeting{Name: upperFirst(m[2]) + " of the " + m[1], Venue: venue, StartDate: start, EndDate: end}
}
