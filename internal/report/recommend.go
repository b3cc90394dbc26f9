package report

import (
	"regexp"
	"strings"
)

// chapeauRe matches a chapeau that introduces recommendations wherever it
// stands: "The following recommendations … were identified:", "UNODC
// calls upon Haitian governmental authorities to:", "The Meeting
// recommended that States:".
var chapeauRe = regexp.MustCompile(`(?i)(?:\bfollowing recommendations\b|\brecommendations?\b.*\b(?:were|was|are|is)\s+(?:identified|made|formulated|adopted|agreed)\b|\brecommend(?:s|ed)?\b|\bcall(?:s|ed)?\s+(?:up)?on\b|\burg(?:es|ed)\b)[^:]*:\s*$`)

// markRecommendations sets Recommendation and Chapeau by the rule of the
// family:
//
//  1. In a recommendations section — an "Outcome of deliberations", a
//     "Recommendations" or "Conclusions and recommendations" heading — a
//     paragraph with items states one recommendation per item, and its
//     text is their chapeau; a paragraph without items is itself one. A
//     recommendations section that holds narrower ones (the San José
//     report's chapter "II. Recommendations", whose recommendations sit in
//     its "Outcome of deliberations" blocks) leaves the marking to them.
//  2. Elsewhere, the items of a paragraph whose chapeau calls for action
//     ("calls upon … to:", "recommends …:", "The following
//     recommendations … were identified:") are recommendations, except in
//     a summary of deliberations, which reports what speakers said.
//
// The text of resolutions and decisions is never marked: it is adopted
// text, which the graph models as an instrument.
func markRecommendations(r *Report) {
	secs := map[string]*Section{}
	parent := map[*Section]*Section{}
	var walk func(up *Section, ss []*Section)
	walk = func(up *Section, ss []*Section) {
		for _, s := range ss {
			secs[s.Key] = s
			parent[s] = up
			walk(s, s.Children)
		}
	}
	walk(nil, r.Sections)

	outcome := func(s *Section) bool { return s.Kind == SecOutcome || isOutcomeTitle(s.Title) }
	var narrower func(s *Section) bool
	narrower = func(s *Section) bool {
		for _, c := range s.Children {
			if outcome(c) || narrower(c) {
				return true
			}
		}
		return false
	}

	for _, q := range r.Paragraphs {
		if q.Number == 0 {
			continue
		}
		var host *Section
		inSummary := false
		for s := secs[q.Section]; s != nil; s = parent[s] {
			inSummary = inSummary || s.Kind == SecSummary
			if host == nil && outcome(s) {
				host = s
			}
		}
		switch {
		case host != nil && !narrower(host):
			if len(q.Items) == 0 {
				q.Recommendation = !endsColon(q.Text)
				continue
			}
			chapeau(q)
		case len(q.Items) > 0 && !inSummary && chapeauRe.MatchString(strings.TrimSpace(q.Text)):
			chapeau(q)
		}
	}
}

// chapeau marks the items of q as recommendations introduced by its text.
// A lettered item with Roman sub-items is one recommendation; its
// sub-items are its parts.
func chapeau(q *Paragraph) {
	for _, it := range q.Items {
		it.Recommendation = true
		it.Chapeau = q.Text
	}
}
