package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// The caption cites at most this many documents, and this many references
// (after ranges are folded) per document; the rest are counted.
const (
	captionMaxDocs = 6
	captionMaxRefs = 8
)

// Caption returns the source line of a diagram, citing every document and
// paragraph the subgraph's edges rest on the way UN documents cite
// themselves: "Source: S/2025/85, paras. 61(a), 61(d); E/2025/28, para. 12".
// Runs of three or more consecutive paragraphs or items fold into ranges
// ("paras. 10–12", "61(a)–(d)"); long lists end with "and N more". It
// returns "" when no edge carries evidence.
func Caption(sources []kg.Evidence) string {
	if len(sources) == 0 {
		return ""
	}
	var docs []string
	refs := map[string][]string{}
	for _, ev := range kg.MergeEvidence(nil, sources) {
		if _, ok := refs[ev.Doc]; !ok {
			docs = append(docs, ev.Doc)
			refs[ev.Doc] = nil
		}
		if ev.Ref != "" {
			rs := refs[ev.Doc]
			if len(rs) == 0 || rs[len(rs)-1] != ev.Ref {
				refs[ev.Doc] = append(rs, ev.Ref)
			}
		}
	}
	var parts []string
	for i, d := range docs {
		if i == captionMaxDocs {
			parts = append(parts, fmt.Sprintf("and %d other documents", len(docs)-i))
			break
		}
		parts = append(parts, citeDoc(clean(d), refs[d]))
	}
	return "Source: " + strings.Join(parts, "; ")
}

func citeDoc(doc string, refs []string) string {
	if len(refs) == 0 {
		return doc
	}
	items, n := foldRefs(refs)
	if len(items) > captionMaxRefs {
		rest := len(items) - (captionMaxRefs - 1)
		items = append(items[:captionMaxRefs-1], fmt.Sprintf("and %d more", rest))
	}
	word := "para."
	if n > 1 {
		word = "paras."
	}
	return doc + ", " + word + " " + strings.Join(items, ", ")
}

// foldRefs folds runs of at least three consecutive refs into ranges and
// returns the items with the number of paragraphs they stand for.
func foldRefs(refs []string) ([]string, int) {
	var out []string
	for i := 0; i < len(refs); {
		j := i
		for j+1 < len(refs) && nextRef(refs[j], refs[j+1]) {
			j++
		}
		if j-i >= 2 {
			parts := splitRefParts(refs[j])
			last := parts[len(parts)-1]
			if len(parts) > 1 {
				last = "(" + last + ")"
			}
			out = append(out, clean(refs[i])+"–"+clean(last))
			i = j + 1
			continue
		}
		out = append(out, clean(refs[i]))
		i++
	}
	return out, len(refs)
}

// splitRefParts splits "66(k)(ii)" into ["66", "k", "ii"].
func splitRefParts(r string) []string {
	return strings.FieldsFunc(r, func(c rune) bool { return c == '(' || c == ')' })
}

// nextRef reports whether b directly follows a: same parent, last part one
// more (10 → 11, 61(a) → 61(b), 61(a)(i) → 61(a)(ii)).
func nextRef(a, b string) bool {
	pa, pb := splitRefParts(a), splitRefParts(b)
	if len(pa) != len(pb) || len(pa) == 0 {
		return false
	}
	for i := 0; i < len(pa)-1; i++ {
		if pa[i] != pb[i] {
			return false
		}
	}
	x, y := pa[len(pa)-1], pb[len(pb)-1]
	switch len(pa) {
	case 1:
		nx, e1 := strconv.Atoi(x)
		ny, e2 := strconv.Atoi(y)
		return e1 == nil && e2 == nil && ny == nx+1
	case 2:
		return len(x) == 1 && len(y) == 1 && y[0] == x[0]+1
	default:
		rx, ry := kg.RomanValue(x), kg.RomanValue(y)
		return rx > 0 && ry == rx+1
	}
}
