// Package docrules holds the rules of the UN document family that both
// front ends (Markdown in package report, PDF in package pdftext) and the
// extraction share, in one home each: symbols (which principal organ a
// symbol's first element stands for, how a revision, corrigendum or
// addendum names its parent, how an OCR text layer misreads one), dates
// and months, the page furniture (page.go: of a page's zones, of a whole
// line, and the stamp of reissued old documents), and the names of the
// organs and bodies that issue documents.
package docrules

import (
	"regexp"
	"strings"
)

// The shape of a symbol, in the two places it is read.
var (
	// HeaderSymbolRe finds the symbols of a masthead or running header,
	// where symbols joined by a dash are several ("A/79/912-S/2025/306"):
	// no dash inside an element, a year or part in brackets and a reissue
	// star allowed ("S/RES/2776 (2025)*", "E/2025/32 (Part II)"), a full
	// stop after the organ too, which OCR adds ("A./47/435", repaired by
	// RepairSymbol).
	HeaderSymbolRe = regexp.MustCompile(headerSymbol)
	// HeaderLineRe matches a line that holds only such symbols.
	HeaderLineRe = regexp.MustCompile(`^` + headerSymbol + `(?:\s*[-−–]\s*` + headerSymbol + `)*$`)
	// TextSymbolRe matches a symbol at the start of running text or of a
	// row of a list of documents, where a dash belongs to an element
	// ("A/RES/ES-10/24"); a symbol needs a slash and a digit besides
	// (see report.symbolAt).
	TextSymbolRe = regexp.MustCompile(`^[A-Z]{1,8}(?:\.\d+)?(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+`)
)

const headerSymbol = `[A-Z][A-Z0-9.]*(?:/[A-Za-z0-9.]+)+(?:\s?\((?:\d{4}|Part\s[IVX]+)\))?\*?`

// organs names the principal organ of a symbol's first element.
var organs = map[string]string{
	"A": "General Assembly", "S": "Security Council", "E": "Economic and Social Council",
	"T": "Trusteeship Council", "ST": "Secretariat",
}

// Body names the principal organ a symbol stands for ("A/HRC/59/25" →
// "General Assembly"), or "" when its first element is not one.
func Body(symbol string) string {
	head, _, _ := strings.Cut(symbol, "/")
	return organs[head]
}

// An Issuer is the body a symbol's series belongs to.
type Issuer struct {
	Key  string // the body's key among the gazetteer's organizations: "cnd"
	Rank int    // how specific the series is: a commission's (3) beats its council's (2)
}

// issuers are the series whose documents a body issues, the most specific
// first: a report that is both E/2025/28 and E/CN.7/2025/11 is the
// Commission on Narcotic Drugs'.
var issuers = []struct {
	prefix string
	Issuer
}{
	{"E/CN.7/", Issuer{"cnd", 3}},
	{"E/CN.15/", Issuer{"ccpcj", 3}},
	{"CTOC/COP/", Issuer{"ctoc-cop", 3}},
	{"CAC/COSP/", Issuer{"cac-cosp", 3}},
	{"A/HRC/", Issuer{"hrc", 3}},
	{"S/", Issuer{"security-council", 2}},
	{"E/", Issuer{"ecosoc", 2}},
	{"A/", Issuer{"general-assembly", 1}},
}

// IssuerOf returns the body whose series a symbol belongs to, or false.
func IssuerOf(symbol string) (Issuer, bool) {
	for _, i := range issuers {
		if strings.HasPrefix(symbol, i.prefix) {
			return i.Issuer, true
		}
	}
	return Issuer{}, false
}

// Version kinds: what a symbol's last element says the document is to its
// parent.
const (
	Revision    = "Rev" // replaces its parent (SUPERSEDES)
	Corrigendum = "Corr"
	Addendum    = "Add"
)

// versionRe matches the version elements a symbol ends with:
// "S/2025/71/Rev.1", "E/2025/68/Corr.1", "A/79/7/Add.12", "E/C.2/2025/2/Add.1/Corr.1".
var versionRe = regexp.MustCompile(`/(Rev|Corr|Add)\.(\d{1,3})$`)

// Version returns the parent symbol, the kind (Revision, Corrigendum,
// Addendum) and the element itself ("Rev.1") of a symbol that is a version
// of another, or three "" when it is not one.
func Version(symbol string) (parent, kind, element string) {
	m := versionRe.FindStringSubmatchIndex(symbol)
	if m == nil {
		return "", "", ""
	}
	return symbol[:m[0]], symbol[m[2]:m[3]], symbol[m[0]+1:]
}

// IsRecord reports whether a symbol is that of a verbatim (PV) or summary
// (SR) record of a meeting, and returns the meeting number it gives.
func IsRecord(symbol string) (meeting string, ok bool) {
	m := recordRe.FindStringSubmatch(symbol)
	if m == nil {
		return "", false
	}
	return m[2], true
}

var recordRe = regexp.MustCompile(`/(PV|SR)\.(\d{1,5})(?:/|$)`)

// Element reports whether a symbol has an element that starts so: "RES",
// "DEC", "L.", "INF", "PV.", "NGO".
func Element(symbol, prefix string) bool {
	for _, e := range strings.Split(symbol, "/")[1:] {
		if strings.HasPrefix(e, prefix) {
			return true
		}
	}
	return false
}

// ocrSymbolRe finds the misreadings of a symbol in an OCR text layer: a
// full stop after the organ ("A./47/435"), a letter for a digit in a
// numbered element ("A/39/36I", "Add.l").
var (
	ocrOrganDot = regexp.MustCompile(`^([A-Z]{1,2})\./`)
	ocrDigitRe  = regexp.MustCompile(`(\d)[Il|]|[Il|](\d)|(Add|Corr|Rev)\.[Il|]`)
)

// RepairSymbol undoes what OCR does to a symbol: "A./47/435" →
// "A/47/435", "A/39/36I" → "A/39/361", "A/39/1/Add.l" → "A/39/1/Add.1".
// A symbol read from a born-digital text layer comes back unchanged.
func RepairSymbol(s string) string {
	s = ocrOrganDot.ReplaceAllString(s, "$1/")
	parts := strings.Split(s, "/")
	for i, p := range parts {
		if i == 0 {
			continue
		}
		for k := 0; k < 3; k++ { // "3I1" needs two passes
			p = ocrDigitRe.ReplaceAllStringFunc(p, func(m string) string {
				return strings.NewReplacer("I", "1", "l", "1", "|", "1").Replace(m)
			})
		}
		parts[i] = p
	}
	return strings.Join(parts, "/")
}
