package report

import (
	"strings"

	"github.com/crimegraph/crimegraph/internal/docrules"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// The front of a document is what comes before its body: the masthead,
// and in a letter of transmittal, the letter and the annex's title. What
// the identity does not consume of it (the agenda items the masthead
// names, the letter's paragraphs, its signature) is kept as unnumbered
// parts, so that no text is dropped.

// masthead returns the lines the identity is read from. When the whole
// document is front (nothing in it is numbered, as in most letters), it is
// the lines before the first paragraph of text.
func masthead(front []pline) []pline {
	for i, l := range front {
		if !l.Heading && len(l.Text) > 200 {
			return front[:i]
		}
	}
	return front
}

// frontParts keeps the front lines the identity did not consume as parts.
func (p *parser) frontParts(body, toc int) {
	id := p.r.Identity
	for i := 0; i < body && i < toc; i++ {
		l := &p.ls[i]
		if l.tok.kind == tokAnnex {
			p.annex, p.annexNo = true, l.tok.label
		}
		if l.Row {
			p.i = i
			p.row(l)
			continue
		}
		if consumed(l, id) {
			continue
		}
		if l.Heading || l.tok.kind == tokAnnex || headingLike(l.Text) && len(l.Text) < 200 && !startsLower(l.Text) {
			p.loosePart(l, kg.PartHeading)
			continue
		}
		if u := p.lastUnit(); u != nil && u.Kind == kg.PartText && !p.startsPart(u, l) {
			p.appendLast("\n", l.Text)
			continue
		}
		p.loosePart(l, kg.PartText)
	}
	p.para, p.letter, p.roman = nil, nil, nil
	p.listNext, p.listCtx = 0, false
}

// consumed reports whether a front line is what the identity was read
// from: a symbol, the date of issue, the issuing body, the title, the
// distribution block.
func consumed(l *pline, id Identity) bool {
	t := strings.TrimSpace(l.Text)
	switch {
	case t == "", allSymbols(strings.Fields(t)), dateLineRe.MatchString(t), docrules.IsIssuingBody(t),
		docrules.IsFurnitureLine(t), t == "United Nations", strings.HasPrefix(t, "Distr"), strings.HasPrefix(t, "Original:"):
		return true
	case id.Title != "" && (t == id.Title || len(t) > 20 && strings.Contains(normSpace(id.Title), normSpace(t))):
		return true
	}
	return false
}

// kindOfPart names what an unnumbered part of text is from its lines: a
// signature, a table (short rows, most with figures), a list (short
// lines), or text.
func kindOfPart(text string) string {
	if signed(text) {
		return kg.PartSignature
	}
	lines := strings.Split(text, "\n")
	if len(lines) < 3 {
		return kg.PartText
	}
	short, figures := 0, 0
	for _, l := range lines {
		if len(l) < 90 {
			short++
		}
		if strings.ContainsAny(l, "0123456789") {
			figures++
		}
	}
	switch {
	case short*4 < len(lines)*3:
		return kg.PartText
	case figures*2 >= len(lines):
		return kg.PartTable
	}
	return kg.PartList
}

// signed reports whether a line is a signature: "(Signed) António Guterres".
func signed(s string) bool {
	return strings.HasPrefix(s, "(Signed)") || strings.HasPrefix(s, "(signed)") || strings.HasPrefix(s, "(Firmado)")
}
