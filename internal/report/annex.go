package report

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/crimegraph/crimegraph/internal/docrules"
)

// symbolRe (docrules.TextSymbolRe) matches a UN document symbol at the start of a text:
// "A/CONF.241/RPM.2/L.1", "E/CN.7/2025/CRP.12", "S/2025/85",
// "CTOC/COP/2024/1", "E/CN.7/2025/2-E/CN.15/2025/2".
var symbolRe = docrules.TextSymbolRe

// symbolAt returns the length of the UN symbol s starts with, or 0. A
// symbol has a slash and a digit, which sets it apart from "HIV/AIDS";
// a full stop that ends the sentence is not part of it.
func symbolAt(s string) int {
	m := symbolRe.FindString(s)
	m = strings.TrimRight(m, ".-")
	if !strings.Contains(m, "/") || !strings.ContainsAny(m, "0123456789") {
		return 0
	}
	if len(m) < len(s) { // the symbol must end at a word boundary
		switch c := s[len(m)]; {
		case c == ' ', c == ',', c == ';', c == ')', c == '.', c == ':', c == '\t':
		default:
			return 0
		}
	}
	return len(m)
}

// isSymbol reports whether s is exactly one UN symbol.
func isSymbol(s string) bool { return s != "" && symbolAt(s) == len(s) }

var addendaRe = regexp.MustCompile(`^\s*(?:and|,)\s+(Add|Corr|Rev)\.\s?(\d{1,3})(?:\s*(?:[–—-]|to)\s*(?:(?:Add|Corr|Rev)\.\s?)?(\d{1,3}))?`)

// maxAddenda bounds the expansion of "Add.1–999".
const maxAddenda = 50

// annexRow reads one entry of a list of documents: "A/CONF.241/RPM.2/L.1
// and Add.1–5 Draft report". ok is false when the text does not start with
// a symbol.
func annexRow(s string) (d AnnexDocument, ok bool) {
	k := symbolAt(s)
	if k == 0 {
		return d, false
	}
	d.Symbol, s = s[:k], s[k:]
	for range 3 { // "and Add.1–5", "and Corr.1": a few at most
		m := addendaRe.FindStringSubmatch(s)
		if m == nil {
			break
		}
		from, _ := strconv.Atoi(m[2])
		to := from
		if m[3] != "" {
			to, _ = strconv.Atoi(m[3])
		}
		for n := from; n <= to && n-from < maxAddenda; n++ {
			d.Addenda = append(d.Addenda, d.Symbol+"/"+m[1]+"."+strconv.Itoa(n))
		}
		s = s[len(m[0]):]
	}
	d.Title = strings.TrimSpace(strings.TrimLeft(s, " \t–—-:;,."))
	return d, true
}

// unclosed reports whether s opens a quotation or a bracket it does not
// close: a title that goes on on the next line.
func unclosed(s string) bool {
	return strings.Count(s, "“") > strings.Count(s, "”") || strings.Count(s, "(") > strings.Count(s, ")")
}
