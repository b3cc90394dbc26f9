// Package report parses the structure of a UN report — title, meeting,
// sections, numbered paragraphs, lettered sub-paragraphs, recommendations
// and the annexed list of documents — from its text, whatever the text came
// from (Markdown converted from a PDF, or a PDF's text layer).
//
// Front ends turn a source into Lines (FromMarkdown here, package pdftext for
// PDFs); Parse turns Lines into a Report. Parse knows the family of UN
// documents, not one file: paragraph numbers run 1..N through the whole
// report, headings are numbered I., A., 1. in their own sequences, and
// recommendations are the items under an "Outcome of deliberations" or
// "Recommendations" heading or a chapeau that introduces them. The rules,
// and why they are what they are, are in docs/parsing.md; Report.Outline
// shows what they give.
package report

// Line is one logical line of a source, after its front end removed layout
// noise (page headers, footers, footnotes, markup).
type Line struct {
	Text    string // text with inline markup removed
	Page    int    // 1-based page where the line starts; 0 when unknown
	Heading bool   // the source marks the line as a heading (Markdown #, bold line, bold font)
	Level   int    // heading level the source gives (Markdown # count), 0 when unknown
	Break   bool   // a page break precedes this line
	Note    bool   // a footnote: the front end gives them after the body, each becomes a note part
	// Row marks a row of a table the front end read column by column (a
	// table of delegations, pdftext's table.go): Text holds its cells
	// separated by tabs, an empty cell empty ("Afghanistan", "Albania\tMs.
	// Suela Janina\tMr. Erlis Hereni"). A row stands alone: the parser
	// keeps the rows of one table as the lines of one part.
	Row bool
}

// Identity is what a document says about itself on its first page.
type Identity struct {
	Symbols []string // UN symbols, primary first: ["E/2025/28", "E/CN.7/2025/11"]
	Date    string   // date of issue, YYYY-MM-DD
	Title   string   // title of the document
	Body    string   // issuing body: "Security Council", "Economic and Social Council"
}

// Meeting is the meeting a report is about, as its text describes it.
type Meeting struct {
	Name      string // "Latin American and Caribbean Regional Preparatory Meeting for the Fifteenth United Nations Congress on Crime Prevention and Criminal Justice"
	Venue     string // "San José"
	StartDate string // YYYY-MM-DD
	EndDate   string // YYYY-MM-DD
	Ref       string // paragraph that says so
}

// SectionKind classifies a section.
type SectionKind string

// The section kinds.
const (
	SecChapter    SectionKind = "chapter"    // I., II., ...
	SecPart       SectionKind = "part"       // A., B., ... under a chapter
	SecItem       SectionKind = "item"       // a numbered agenda item or topic heading
	SecSummary    SectionKind = "summary"    // "Summary of deliberations"
	SecOutcome    SectionKind = "outcome"    // "Outcome of deliberations", "Recommendations", "Conclusions and recommendations"
	SecResolution SectionKind = "resolution" // a resolution adopted (or, with Draft, recommended) inside the report
	SecDecision   SectionKind = "decision"   // a decision adopted (or, with Draft, recommended) inside the report
	SecAnnex      SectionKind = "annex"
	SecOther      SectionKind = "other" // an unnumbered heading
)

// Section is a heading and what follows it until the next heading of the
// same or a higher level.
type Section struct {
	Key         string      // path of numbers and slugs, unique in the report: "II.B.1", "II.B.1.outcome", "I.B.res68-1"
	Number      string      // its own number as printed: "II", "B", "1", "68/1" for resolution 68/1; "" when unnumbered
	Title       string      // heading text without the number
	Kind        SectionKind // what the heading is
	Level       int         // 1 for chapters
	AgendaItems []string    // agenda item numbers the heading names: "(agenda item 3)" → ["3"]
	Workshops   []string    // workshop numbers the heading names
	Draft       bool        // a resolution or decision recommended for adoption by another body, not adopted
	Children    []*Section
	Paragraphs  []string // refs of the paragraphs directly under it, in order
	Order       int      // position among all sections, 0-based, in reading order
}

// Paragraph is a numbered paragraph or one of its lettered or Roman items,
// or a part of the text the document does not number (a letter's
// paragraph, a heading of the masthead, a table, a signature): nothing a
// document says is left out of the parts. An unnumbered part has Number 0
// and a ref that says where it stands ("p3", "annex.p3-2", see
// kg.UnnumberedRef).
//
// The text of a resolution or decision adopted inside the report (a section
// of kind SecResolution or SecDecision) is kept as paragraphs too, so that
// what it names is found, but under refs that cannot collide with the
// report's own 1..N: "res68/1.op3" is operative paragraph 3 of resolution
// 68/1, "res68/1.p2" its second unnumbered (preambular) paragraph,
// "ddecI.p1(a)" item (a) of draft decision I. Their Number is 0.
type Paragraph struct {
	Ref            string       // "24", "24(h)", "24(h)(ii)"; "res68/1.op3" inside a resolution
	Number         int          // the report paragraph number: 24; 0 for the text of a resolution or decision
	Text           string       // its own text; for a paragraph with items, the chapeau
	Page           int          // page where it starts
	Section        string       // key of the innermost enclosing section
	Items          []*Paragraph // lettered sub-paragraphs, or Roman items of a lettered one
	Kind           string       // what the part is: kg.PartNumbered, kg.PartText, kg.PartHeading, … (see kg's part kinds)
	Recommendation bool         // the paragraph (or item) states a recommendation
	Chapeau        string       // for a recommendation: the chapeau introducing it, e.g. "UNODC calls upon Haitian governmental authorities to:"
	Order          int          // position in reading order among all paragraphs and items
}

// AnnexDocument is an entry of the annexed list of documents.
type AnnexDocument struct {
	Symbol  string   // "A/CONF.241/RPM.2/L.1"
	Title   string   // "Draft report"
	Addenda []string // further symbols the entry covers: "and Add.1–5" gives ".../L.1/Add.1" … ".../L.1/Add.5"
}

// Report is the parsed structure of one document.
type Report struct {
	Identity
	Family     Family          // what kind of document it is, read from the document (family.go)
	Version    Version         // what it is to a parent document: revision, corrigendum, addendum
	Letter     *Letter         // for a letter or note verbale: addressee, sender, what it transmits
	Act        *Act            // for a resolution, decision, draft or amendment: who adopts it, where
	Statements []Statement     // for a record: who spoke, for whom, under which agenda item
	Meeting    *Meeting        // nil when the document is not a meeting report
	Sections   []*Section      // top-level sections; children hang below
	Paragraphs []*Paragraph    // paragraphs in reading order (report paragraphs 1..N and resolution text); items hang below
	Annex      []AnnexDocument // the annexed list of documents, if any
	Warnings   []string        // oddities found while parsing (gaps, duplicates)
}

// Walk calls fn for every paragraph and item in reading order.
func (r *Report) Walk(fn func(p *Paragraph)) {
	var walk func(ps []*Paragraph)
	walk = func(ps []*Paragraph) {
		for _, p := range ps {
			fn(p)
			walk(p.Items)
		}
	}
	walk(r.Paragraphs)
}

// WalkSections calls fn for every section in reading order.
func (r *Report) WalkSections(fn func(s *Section)) {
	var walk func(ss []*Section)
	walk = func(ss []*Section) {
		for _, s := range ss {
			fn(s)
			walk(s.Children)
		}
	}
	walk(r.Sections)
}

// Recommendations returns every paragraph or item flagged as a recommendation.
func (r *Report) Recommendations() []*Paragraph {
	var out []*Paragraph
	r.Walk(func(p *Paragraph) {
		if p.Recommendation {
			out = append(out, p)
		}
	})
	return out
}

// Version is what a document is to its parent: "S/2025/71/Rev.1" is
// revision 1 of S/2025/71.
type Version struct {
	Parent  string // symbol of the parent document, "" when none
	Kind    string // unsym.Revision, unsym.Corrigendum or unsym.Addendum
	Element string // "Rev.1", "Corr.1", "Add.12"
}

// Letter is what a letter or note verbale says about itself.
type Letter struct {
	Date      string // date of the letter (not of issue), YYYY-MM-DD
	Sender    string // as printed: "the Permanent Representative of Israel to the United Nations"
	Addressee string // as printed: "the President of the Security Council"
	Signature string // ref of the signature part, "" when none
	Signatory string // the name signed: "Danny Danon"
	Transmits string // title of the annex it transmits, "" when it transmits none
	Annexes   []string
}

// Act is what a resolution, decision, draft or amendment says about its
// adoption.
type Act struct {
	Body      string // adopting (or, for a draft, deciding) body: "Security Council"
	MeetingNo string // "9872" for "at its 9872nd meeting"
	Date      string // date of adoption, YYYY-MM-DD
	Amends    string // for an amendment: symbol of the draft it amends
	Sponsors  string // for a draft: the States submitting it, as printed
}

// Statement is one speaker's turn in a record of a meeting.
type Statement struct {
	Speaker string // "Mr. Heartney"
	For     string // the State or organization in brackets: "United States of America"
	Item    string // key of the agenda item's section, "" when none was announced
	Refs    []string
}
