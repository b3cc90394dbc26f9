package docrules

import (
	"regexp"
)

// furnitureTokens are the words a UN page's header and footer zones carry
// besides its text, each alone: page numbers, job numbers and their
// language letter, the date code, the bar code, "Please recycle", the
// "/..." of older documents. (In a zone a word of roman-numeral letters is
// a page number; among the text only a whole-line rule says so, below.)
var furnitureTokens = []*regexp.Regexp{
	regexp.MustCompile(`^\d{1,4}/\d{1,4}$`),                   // page 2/25
	regexp.MustCompile(`^(?:[A-Z]{1,2}\.)?\d{2}-\d{5}X?\*?$`), // job number 25-00725, V.25-01234, GE.25-00925, 25-03579* (reissued)
	regexp.MustCompile(`^\([A-Z]{1,2}\)$`),                    // (E)
	regexp.MustCompile(`^\d{6}$`),                             // date code 140225
	regexp.MustCompile(`^\d{6}-?\d{0,6}$`),
	regexp.MustCompile(`^\*\d{5,}\*$`),     // barcode *2500725*
	regexp.MustCompile(`^\d{1,4}$`),        // page number
	regexp.MustCompile(`^[ivxlcdm]{1,7}$`), // preliminary page number
	regexp.MustCompile(`^(?i:please|recycle|♲)$`),
	regexp.MustCompile(`^/\.\.\.$`), // "/..." : continued overleaf, in older documents
}

// IsFurnitureToken reports whether one word is page furniture. Package
// pdftext asks it of the words of a line in a page's header or footer
// zone; package report, of every word of a short line.
func IsFurnitureToken(s string) bool {
	if s == "" {
		return false
	}
	for _, re := range furnitureTokens {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// furnitureLineRe is a whole line of page furniture, as a front end that
// knows no page zones meets it among the text: one page number ("3",
// "iv", "2/25"), a job number with its language letter ("25-00725 (E)"),
// a date code, a bar code, "Page", a rule or a "***" separator. Unlike
// the zones' words, a line of several numbers is not furniture: it is a
// table's row.
var furnitureLineRe = regexp.MustCompile(`^(?:\d{1,4}|[ivxl]{1,5}|\d{1,3}/\d{1,3}|\d{2}-\d{5}(?:\s*\([A-Z]\))?|\d{6}|\*\d+\*|[Pp]age|_{3,}|[*\s]+)$`)

// IsFurnitureLine reports whether a whole line is page furniture.
func IsFurnitureLine(s string) bool { return furnitureLineRe.MatchString(s) }

// MastheadOrgans are the bodies a masthead names under "United Nations",
// in the spelling used: the principal organs and the Human Rights Council.
var MastheadOrgans = []string{
	"General Assembly", "Security Council", "Economic and Social Council",
	"Human Rights Council", "Trusteeship Council", "International Court of Justice", "Secretariat",
}

// principalRe and bodyRe name the bodies a document's front matter gives
// as its issuer: the deliberative principal organs first (a document of
// the Commission on Narcotic Drugs issued under the Economic and Social
// Council takes the Council), then the other issuers crimegraph reads.
var (
	principalRe = regexp.MustCompile(`^(?:General Assembly|Security Council|Economic and Social Council|Trusteeship Council)$`)
	bodyRe      = regexp.MustCompile(`^(?:General Assembly|Security Council|Economic and Social Council|Human Rights Council|Trusteeship Council|International Court of Justice|Secretariat|(?:\w+ )?United Nations Congress on Crime Prevention and Criminal Justice|Commission on Crime Prevention and Criminal Justice|Commission on Narcotic Drugs|Conference of the (?:Parties|States Parties) to the .+)$`)
)

// IsPrincipalOrgan reports whether a line is exactly one of the
// deliberative principal organs.
func IsPrincipalOrgan(s string) bool { return principalRe.MatchString(s) }

// IsIssuingBody reports whether a line is exactly the name of a body that
// issues documents: a masthead organ or a crime-prevention body.
func IsIssuingBody(s string) bool { return bodyRe.MatchString(s) }
