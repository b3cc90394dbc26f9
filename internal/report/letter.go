package report

import (
	"regexp"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// How a letter is read. A letter or note verbale names itself in its
// title: "Letter dated 4 February 2025 from the Secretary-General addressed
// to the President of the Security Council", "Note verbale dated 27 May
// 2025 from the Permanent Mission of Mexico to the United Nations addressed
// to the Secretary-General". Its paragraphs are seldom numbered; it ends
// with a signature ("(Signed) Danny Danon Ambassador Permanent
// Representative …"), and what it transmits follows as annexes with their
// own titles and structure (S/2025/85 transmits UNODC's report on Haiti).

type letterReader struct{}

var (
	letterTitleRe = regexp.MustCompile(`^(?:(?:Identical|Joint) )?([Ll]etters?|[Nn]otes? verbales?) dated (\d{1,2} ` + month + `,? \d{4})(?:,? and \d{1,2} ` + month + `,? \d{4})? from (.+?) addressed to (.+?)$`)
	transmitRe    = regexp.MustCompile(`(?i)\b(?:transmit|enclose|forward|attach|submit)(?:s|ted|ting)?\b`)
	annexTitleRe  = regexp.MustCompile(`^(?:Annex|ANNEX|Enclosure|Appendix)(?:es)?\b`)
	// signatoryEnd is where a signatory's name ends and their title starts.
	signatoryEnd = regexp.MustCompile(`\s(?:Ambassador|Permanent|Chargé|Charge|Deputy|Minister|President|Chair|Vice-|Secretary|Head|Representative|Executive|Director|Under-Secretary|High Commissioner|Special|Coordinator|Acting|Rapporteur|Chief|Prime|Member|on behalf)`)
)

func (letterReader) claim(d *docView) Family {
	m := letterTitleRe.FindStringSubmatch(strings.TrimSpace(d.Title))
	switch {
	case m == nil:
		return ""
	case strings.HasPrefix(m[1], "Note"):
		return FamilyNoteVerbale
	}
	return FamilyLetter
}

func (letterReader) read(d *docView) {
	m := letterTitleRe.FindStringSubmatch(strings.TrimSpace(d.Title))
	l := &Letter{Sender: m[5], Addressee: m[6]}
	if dm := dateInRe.FindStringSubmatch(m[2]); dm != nil {
		l.Date = isoDate(dm[1], dm[2], dm[3])
	}
	transmits := false
	var annexes []string
	annexNext := false
	for _, q := range d.Paragraphs {
		switch {
		case q.Kind == kg.PartSignature && l.Signature == "":
			l.Signature, l.Signatory = q.Ref, signatory(q.Text)
		case q.Kind == kg.PartHeading && annexTitleRe.MatchString(q.Text):
			annexNext = true
			if t := annexOwnTitle(q.Text); t != "" {
				annexes, annexNext = append(annexes, t), false
			}
		case q.Kind == kg.PartHeading && annexNext:
			annexes, annexNext = append(annexes, q.Text), false
		case q.Kind == kg.PartText && len(annexes) == 0 && !annexNext && transmitRe.MatchString(q.Text):
			transmits = true
		}
	}
	d.WalkSections(func(s *Section) {
		if s.Kind == SecAnnex && s.Title != "" && s.Title != "Annex" {
			annexes = append(annexes, s.Title)
		}
	})
	l.Annexes = annexes
	if transmits && len(annexes) > 0 {
		l.Transmits = annexes[0]
	}
	d.Letter = l
}

var dateInRe = regexp.MustCompile(`(\d{1,2}) ` + month + `,? (\d{4})`)

// annexOwnTitle returns the title an annex heading carries on its line
// ("Annex: Report of …"), "" when it is only "Annex" or "Annex to the
// letter dated …".
func annexOwnTitle(s string) string {
	rest := strings.TrimSpace(annexTitleRe.ReplaceAllString(s, ""))
	rest = strings.TrimLeft(rest, ":–—- ")
	if rest == "" || strings.HasPrefix(rest, "to ") || kg.RomanValue(rest) > 0 || len(rest) < 3 {
		return ""
	}
	return rest
}

// signatory reads the name in "(Signed) Danny Danon Ambassador Permanent
// Representative of Israel to the United Nations".
func signatory(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "(Signed)"), "(signed)"))
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if loc := signatoryEnd.FindStringIndex(s); loc != nil && loc[0] > 0 {
		s = s[:loc[0]]
	}
	if f := strings.Fields(s); len(f) > 6 {
		s = strings.Join(f[:6], " ")
	}
	return strings.TrimRight(strings.TrimSpace(s), ",")
}
