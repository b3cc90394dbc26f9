package report

import (
	"regexp"
	"strings"

	"github.com/crimegraph/crimegraph/internal/docrules"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// How a resolution is read. A resolution, decision, draft or amendment
// that is a document of its own opens with the body that adopts it, as a
// chapeau ("The Security Council,") or a note ("Adopted by the Security
// Council at its 9872nd meeting, on 3 March 2025"); its preambular
// paragraphs are not numbered and start with a participle or an adjective
// ("Recalling", "Deeply concerned"); its operative paragraphs are numbered
// and start with a verb ("Decides", "Calls upon"), with lettered items. A
// resolution printed inside a report is read by the line parser (refs
// "res68/1.op3"); its part kinds are set the same way here.

type actReader struct{}

var (
	adoptedRe = regexp.MustCompile(`(?:Adopted|adopted) by the ([A-Z][\p{L} \-]+?)(?: at its (\d{1,5})(?:st|nd|rd|th) (?:plenary )?meeting)?,? on (\d{1,2}) ` + month + `,? (\d{4})`)
	// draftTitleRe matches the title of a Security Council draft, which has
	// no "L." symbol: "Albania, …: draft resolution".
	draftTitleRe = regexp.MustCompile(`(?m)^[A-Z][^\n]{2,400}: (?:revised )?draft (?:resolution|decision)$`)
	// draftActRe matches what a draft resolution or decision says it is.
	draftActRe = regexp.MustCompile(`(?i)\bdraft (?:resolution|decision)s?\b`)
	// declarationRe matches the title of a draft declaration or outcome
	// document, which is adopted as a resolution is.
	declarationRe = regexp.MustCompile(`(?i)\b(?:declaration|outcome document|political declaration)\b`)
	// decidesRe matches the chapeau of a decision that states the decision
	// in the same sentence: "The Economic and Social Council decides:".
	decidesRe    = regexp.MustCompile(`^The ([A-Z][\p{L} ,\-]+?) (?:decides|decided|takes note|requests|approves|adopts|endorses)\b`)
	resTitleRe   = regexp.MustCompile(`^(?:Resolution|Decision) \d+(?:/\d+)?(?: \(\d{4}\))?(?:\s|$)`)
	actChapeauRe = regexp.MustCompile(`^(?:The|the) ((?:[A-Z][\p{L}\-]*|and|of|on|for|the|to|against|in)(?: (?:[A-Z][\p{L}\-]*|and|of|on|for|the|to|against|in))*)\s*[,:]$`)
	amendsRe     = regexp.MustCompile(`(?i)amendments? to (?:the )?(?:revised )?draft (?:resolution|decision)s?\s+(?:contained in (?:document )?)?([A-Z][A-Z0-9.]*(?:/[A-Za-z0-9.]+)+)`)
	preambleWord = regexp.MustCompile(`^(?:[A-Z][a-z]+ing|Mindful|Convinced|Concerned|Deeply|Gravely|Aware|Alarmed|Determined|Guided|Conscious|Cognizant|Bearing|Having|Taking|Noting|Further|Also|Reaffirming|Recognizing|Stressing|Emphasizing|Welcoming|Expressing|Acknowledging|Underlining|Affirming|Reiterating|Desiring|Appreciating|Encouraged|Disturbed|Seriously|Strongly|Acting|Considering|Commending|Regretting|Condemning|Urging|Underscoring|Highlighting|Observing|Remaining|Looking|Believing)\b`)
)

func (actReader) claim(d *docView) Family {
	sym := ""
	if len(d.Symbols) > 0 {
		sym = d.Symbols[0]
	}
	head := d.head(30)
	switch {
	case amendsRe.MatchString(d.Title):
		return FamilyAmendment
	case docrules.Element(sym, "RES"):
		return FamilyResolution
	case docrules.Element(sym, "DEC"):
		return FamilyDecision
	case docrules.Element(sym, "L."):
		// "L." documents are drafts of every kind; a draft report reads
		// as a report.
		switch {
		case amendsRe.MatchString(head):
			return FamilyAmendment
		case draftActRe.MatchString(head) || hasChapeau(d) || declarationRe.MatchString(d.Title):
			return FamilyDraft
		}
		return ""
	case draftTitleRe.MatchString(d.Title) || draftTitleRe.MatchString(head):
		return FamilyDraft
	case resTitleRe.MatchString(d.Title) || adoptedRe.MatchString(head) && strings.Contains(head, "Resolution"):
		if strings.HasPrefix(d.Title, "Decision") {
			return FamilyDecision
		}
		return FamilyResolution
	}
	return ""
}

func (actReader) read(d *docView) {
	a := &Act{Body: d.Body}
	if m := adoptedRe.FindStringSubmatch(d.head(40)); m != nil {
		a.Body, a.MeetingNo, a.Date = m[1], m[2], isoDate(m[3], m[4], m[5])
	}
	if m := amendsRe.FindStringSubmatch(d.Title + "\n" + d.head(30)); m != nil {
		a.Amends = strings.TrimRight(m[1], ".,;")
	}
	// The chapeau names the body; the unnumbered text after it, up to the
	// first operative paragraph, is the preamble.
	chapeau := -1
	for i, q := range d.Paragraphs {
		if q.Number > 0 {
			break
		}
		if m := actChapeauRe.FindStringSubmatch(q.Text); m != nil && q.Kind != kg.PartNumbered {
			chapeau = i
			a.Body = m[1]
			q.Kind = kg.PartHeading
		} else if m := decidesRe.FindStringSubmatch(q.Text); m != nil && q.Kind == kg.PartText {
			a.Body = m[1]
			q.Kind = kg.PartOperative
		}
	}
	renames := map[string]string{}
	n := 0
	for i, q := range d.Paragraphs {
		if q.Number > 0 {
			break
		}
		if q.Kind != kg.PartText && q.Kind != kg.PartList || i < chapeau || chapeau < 0 && !preambleWord.MatchString(q.Text) {
			continue
		}
		n++
		renames[q.Ref] = kg.PreambularRef(n)
		q.Kind = kg.PartPreambular
	}
	renameRefs(d.Report, renames)
	d.Walk(func(q *Paragraph) {
		if q.Number > 0 && q.Kind == kg.PartNumbered {
			q.Kind = kg.PartOperative
		}
		// The items of "Calls upon all States to:" are parts of that
		// operative paragraph's one call, not recommendations of their own.
		q.Recommendation, q.Chapeau = false, ""
	})
	d.Act = a
}

// renameRefs gives parts new refs (and their items with them).
func renameRefs(r *Report, renames map[string]string) {
	if len(renames) == 0 {
		return
	}
	var walk func(ps []*Paragraph, from, to string)
	walk = func(ps []*Paragraph, from, to string) {
		for _, q := range ps {
			q.Ref = to + strings.TrimPrefix(q.Ref, from)
			walk(q.Items, from, to)
		}
	}
	for _, q := range r.Paragraphs {
		if to, ok := renames[q.Ref]; ok {
			walk([]*Paragraph{q}, q.Ref, to)
		}
	}
	r.WalkSections(func(s *Section) {
		for i, ref := range s.Paragraphs {
			if to, ok := renames[ref]; ok {
				s.Paragraphs[i] = to
			}
		}
	})
}

// instrumentKinds sets the part kinds of the resolutions and decisions
// printed inside a report: "res68/1.p1" that names the body is their
// chapeau, the other ".p" paragraphs of a resolution that open like a
// preamble are preambular; "res68/1.op3" and the items of a decision's
// chapeau ("(a) Takes note of …") are operative when they open with a verb,
// and a numbered list otherwise (the agenda a decision approves).
func instrumentKinds(r *Report) {
	secs := map[string]*Section{}
	r.WalkSections(func(s *Section) { secs[s.Key] = s })
	var walk func(ps []*Paragraph, top bool)
	walk = func(ps []*Paragraph, top bool) {
		for _, q := range ps {
			walk(q.Items, false)
			if q.Number != 0 || q.Kind != kg.PartNumbered {
				continue
			}
			_, rest, ok := strings.Cut(q.Ref, ".")
			s := secs[q.Section]
			if !ok || s == nil || s.Kind != SecResolution && s.Kind != SecDecision {
				continue
			}
			switch {
			case top && strings.HasPrefix(rest, "p") && (actChapeauRe.MatchString(q.Text) || endsColon(q.Text) && strings.HasPrefix(q.Text, "The ")):
				q.Kind = kg.PartHeading
			case top && strings.HasPrefix(rest, "p") && s.Kind == SecResolution && preambleWord.MatchString(q.Text):
				q.Kind = kg.PartPreambular
			case opVerbLike(q.Text):
				q.Kind = kg.PartOperative
			case top && strings.HasPrefix(rest, "p"):
				q.Kind = kg.PartText
			}
		}
	}
	walk(r.Paragraphs, true)
}

// hasChapeau reports whether a document's unnumbered text before its first
// numbered paragraph holds a resolution's chapeau ("The General Assembly,")
// or a decision stated with its body.
func hasChapeau(d *docView) bool {
	for _, q := range d.Paragraphs {
		if q.Number > 0 {
			return false
		}
		if actChapeauRe.MatchString(q.Text) || decidesRe.MatchString(q.Text) {
			return true
		}
	}
	return false
}
