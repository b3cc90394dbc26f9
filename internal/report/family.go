package report

import (
	"regexp"
	"strings"

	"github.com/crimegraph/crimegraph/internal/docrules"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// Family is a kind of UN document, read from the document itself (its
// symbol as printed, its title, its first lines), never from a file name.
type Family string

// The families. Their values are the Document node's "family" property.
const (
	FamilyReport      Family = "report"
	FamilyLetter      Family = "letter"
	FamilyNoteVerbale Family = "note-verbale"
	FamilyResolution  Family = "resolution"
	FamilyDecision    Family = "decision"
	FamilyDraft       Family = "draft"
	FamilyAmendment   Family = "amendment"
	FamilyRecord      Family = "record"
	FamilyList        Family = "list"
	FamilyAgenda      Family = "agenda"
	FamilyInformation Family = "information"
	FamilyOther       Family = "other"
)

// A reader reads what is particular to one family of documents, once the
// line parser has read what every family shares (identity, outline,
// numbered paragraphs, unnumbered parts). The readers are tried in order;
// the first that claims the document reads it.
type reader interface {
	// claim returns the family when the document reads as one of the
	// reader's, or "".
	claim(d *docView) Family
	// read fills in the family's own facts and part kinds.
	read(d *docView)
}

// readers in the order they are tried: the specific shapes before the
// general; reportReader claims what is left.
var readers = []reader{recordReader{}, letterReader{}, actReader{}, listReader{}, reportReader{}}

// doc is what a reader sees: the report being built and the lines it came from.
type docView struct {
	*Report
	lines []pline
}

// head returns the text of the first n lines, joined by newlines.
func (d *docView) head(n int) string {
	var b strings.Builder
	for i := 0; i < n && i < len(d.lines); i++ {
		b.WriteString(d.lines[i].Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// notUNRe matches the page the Official Document System serves for a
// symbol it does not hold: a PDF, but not a UN document.
// unMastheadRe matches a masthead line of a UN publication without a
// symbol: "UNITED NATIONS CONFERENCE ON TRADE AND DEVELOPMENT".
var unMastheadRe = regexp.MustCompile(`(?m)^(?:United Nations|UNITED NATIONS)\b`)

var notUNRe = regexp.MustCompile(`(?i)document you are looking for does not exist in the Official Document System`)

// readFamily settles the family, lets its reader read, and records the
// version the symbol names. It returns a CodeUnsupported error for what is
// not a UN document.
func readFamily(r *Report, lines []pline) error {
	d := &docView{Report: r, lines: lines}
	if notUNRe.MatchString(d.head(12)) {
		return kg.Errorf(kg.CodeUnsupported, "not a UN document: the Official Document System's page saying the document does not exist")
	}
	numbered := false
	r.Walk(func(q *Paragraph) { numbered = numbered || q.Number > 0 })
	if len(r.Symbols) == 0 && !numbered && r.Body == "" && len(r.Sections) == 0 && !unMastheadRe.MatchString(d.head(15)) {
		return kg.Errorf(kg.CodeUnsupported, "does not read as a UN document: no symbol, no masthead and no numbered paragraph")
	}
	if len(r.Symbols) > 0 {
		r.Version.Parent, r.Version.Kind, r.Version.Element = docrules.Version(r.Symbols[0])
	}
	for _, rd := range readers {
		if f := rd.claim(d); f != "" {
			r.Family = f
			rd.read(d)
			return nil
		}
	}
	return nil
}

// reportReader reads reports, notes and everything else as the line parser
// does: numbered paragraphs, the outline, recommendations.
type reportReader struct{}

func (reportReader) claim(d *docView) Family {
	numbered := false
	d.Walk(func(q *Paragraph) { numbered = numbered || q.Number > 0 })
	if numbered || titleRe.MatchString(d.Title) || reportTitleRe.MatchString(d.Title) {
		return FamilyReport
	}
	return FamilyOther
}

// reportTitleRe matches the titles of reports, notes and statements that
// number no paragraph: "…: note by the Secretariat", "Statement submitted
// by …".
var reportTitleRe = regexp.MustCompile(`(?i)(?:: (?:report|note|progress report|annual report) (?:of|by) |^Statement (?:submitted )?by |^(?:Annual |Progress |Final )?report\b|^Overview\b)`)

func (reportReader) read(*docView) {}

// listReader reads lists of participants, information notes, agendas,
// programmes of work and calendars: their text is kept as parts, and
// their family says what they are.
type listReader struct{}

var (
	listTitleRe   = regexp.MustCompile(`(?i)^(?:provisional )?list of (?:participants|speakers|delegations)`)
	agendaTitleRe = regexp.MustCompile(`(?i)^(?:(?:revised |annotated )?(?:provisional )?agenda\b|programme of work|(?:provisional )?calendar of|organization of work|proposed programme of work)`)
	infoTitleRe   = regexp.MustCompile(`(?i)^(?:information (?:for|note)|practical information|note for participants)`)
)

func (listReader) claim(d *docView) Family {
	sym := ""
	if len(d.Symbols) > 0 {
		sym = d.Symbols[0]
	}
	t := strings.TrimSpace(d.Title)
	switch {
	case listTitleRe.MatchString(t):
		return FamilyList
	case docrules.Element(sym, "INF") || infoTitleRe.MatchString(t):
		return FamilyInformation
	case agendaTitleRe.MatchString(t):
		return FamilyAgenda
	}
	return ""
}

// read marks the text of a list of participants as list parts: a
// delegation, its members one after the other.
func (listReader) read(d *docView) {
	if d.Family != FamilyList {
		return
	}
	d.Walk(func(q *Paragraph) {
		if q.Kind == kg.PartText {
			q.Kind = kg.PartList
		}
	})
}
