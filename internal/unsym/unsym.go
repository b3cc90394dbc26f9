// Package unsym holds the rules of UN document symbols that every front end
// and the extraction share: which principal organ a symbol's first element
// stands for, and how a revision, corrigendum or addendum names its parent.
// One home, so that the Markdown and PDF front ends and the gazetteer read
// a symbol the same way.
package unsym

import (
	"regexp"
	"strings"
)

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
