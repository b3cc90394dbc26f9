package gazetteer

import (
	"regexp"
	"strings"

	"github.com/crimegraph/crimegraph/internal/docrules"
	"github.com/crimegraph/crimegraph/internal/kg"
)

// Symbol is a UN document symbol cited in a text: "S/2025/85",
// "E/CN.15/2007/6", "A/CONF.241/RPM.2/L.1/Add.1", or a joint symbol such as
// "A/79/912-S/2025/306", which is one document with two symbols.
type Symbol struct {
	Start, End int      // byte offsets of the symbol as written
	Text       string   // text[Start:End]
	Symbol     string   // the (first) symbol, normalised: "S/RES/2776 (2025)"
	Parts      []string // every symbol of the document; Parts[0] == Symbol
	// Resolution is the ID of the resolution the symbol is, when it is one
	// ("A/RES/78/223" is instrument:A/RES/78/223), so that a symbol and a
	// citation of the same resolution meet in one node.
	Resolution kg.ID
}

// ID is the ID of the cited document's node.
func (s Symbol) ID() kg.ID { return kg.NewID(kg.KindDocument, s.Symbol) }

// Node returns a minimal node for the cited document; the ingester
// replaces it with the full one when it ingests the document itself.
func (s Symbol) Node() kg.Node {
	return kg.Node{
		ID: s.ID(), Kind: kg.KindDocument, Label: s.Symbol,
		Aliases: kg.SortedSet(s.Parts[1:]),
		Props:   map[string]string{kg.PropSymbol: s.Symbol, kg.PropSymbols: strings.Join(s.Parts, " | ")},
	}
}

// symbolRoots are the first elements of UN document symbols: the principal
// organs (A, S, E, ST for the Secretariat), treaty bodies, funds and
// programmes, and the conferences of the parties to the crime conventions.
const symbolRoots = `A|S|E|ST|DP|TD|UNEP|CTOC|CAC|UNODC|CEDAW|CRC|CCPR|CAT|CERD|CMW|CRPD|CED|HRI|SPT|ECE|ESCAP|ESCWA|LC|FCCC|ICCD|IDB|WFP|UNW|CND|CCPCJ`

var (
	// A root, then slash-separated elements: a capitalised word with
	// optional dotted numbers (CN.15, CONF.241, L.1, Add.1, Rev.1), a
	// number, or a special session (S-30). It is tried only where a run of
	// capitals meets a slash, and the character before the root must not
	// be part of a word, a path or a URL.
	symbolRe = regexp.MustCompile(`^(?:` + symbolRoots + `)(?:/(?:[A-Z][A-Za-z]{0,11}(?:\.[0-9]{1,4})*|[0-9]{1,5}|E?S-[0-9]{1,2}))+`)
	// What may follow a symbol and belongs to it.
	symbolYear = regexp.MustCompile(`^ ?\([0-9]{4}\)`)                // S/RES/2776 (2025)
	symbolPart = regexp.MustCompile(`^ \((?:Part|Vol\.) [IVX0-9]+\)`) // E/2025/32 (Part II)
	symbolJoin = regexp.MustCompile(`^\*?\s*[-–−]\s*$`)               // A/79/912-S/2025/306, A/80/62*−E/2025/12*
)

// Symbols finds the UN document symbols a text cites, in order. A symbol
// needs a known root, at least two elements and a digit, so resolution
// numbers ("78/223"), dates and paths ("and/or") are not symbols.
func Symbols(text string) []Symbol {
	type found struct{ start, end int }
	var all []found
	for _, loc := range symbolStarts(text) {
		start, end := loc[0], loc[1]
		sym := text[start:end]
		if strings.Count(sym, "/") < 2 || !strings.ContainsAny(sym, "0123456789") {
			continue
		}
		if end < len(text) && (isLetter(text[end]) || text[end] >= '0' && text[end] <= '9') {
			continue // "A/RES/78/223abc": not a symbol's end
		}
		rest := text[end:]
		if strings.Contains(sym, "/RES/") {
			if y := symbolYear.FindString(rest); y != "" {
				end += len(y)
			}
		} else if p := symbolPart.FindString(rest); p != "" {
			end += len(p)
		}
		all = append(all, found{start, end})
	}
	var out []Symbol
	for i := 0; i < len(all); i++ {
		f := all[i]
		s := Symbol{Start: f.start, End: f.end, Parts: []string{normSymbol(text[f.start:f.end])}}
		for i+1 < len(all) && symbolJoin.MatchString(text[s.End:all[i+1].start]) {
			i++
			s.End = all[i].end
			s.Parts = append(s.Parts, normSymbol(text[all[i].start:all[i].end]))
		}
		if s.End < len(text) && text[s.End] == '*' {
			s.End++ // a footnote mark on the last symbol
		}
		s.Text = text[s.Start:s.End]
		s.Symbol = s.Parts[0]
		if strings.Contains(s.Symbol, "/RES/") {
			s.Resolution = kg.NewID(kg.KindInstrument, strings.ReplaceAll(s.Symbol, " ", ""))
		}
		out = append(out, s)
	}
	return out
}

// symbolStarts returns the spans the symbol pattern matches, trying it
// only at the runs of capitals that end at a slash: scanning for slashes
// first is many times faster than running the pattern at every byte.
func symbolStarts(text string) [][2]int {
	var out [][2]int
	from := 0
	for {
		i := strings.IndexByte(text[from:], '/')
		if i < 0 {
			return out
		}
		i += from
		j := i
		for j > 0 && 'A' <= text[j-1] && text[j-1] <= 'Z' {
			j--
		}
		from = i + 1
		if j == i || j > 0 && strings.IndexByte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._\\", text[j-1]) >= 0 {
			continue
		}
		if m := symbolRe.FindStringIndex(text[j:]); m != nil && j+m[1] > i {
			out = append(out, [2]int{j, j + m[1]})
			from = j + m[1]
		}
	}
}

// normSymbol collapses white space in a symbol and drops footnote marks.
func normSymbol(s string) string {
	return strings.Join(strings.Fields(strings.Trim(s, "*")), " ")
}

// ContextFor returns the Context of a document from its symbols: the body
// that issued it, so that its bare resolution citations resolve. The most
// specific symbol wins: a document that is both E/2025/28 and
// E/CN.7/2025/11 is a report of the Commission on Narcotic Drugs.
func ContextFor(symbols ...string) Context {
	best, rank := "", 0
	for _, s := range symbols {
		body, r := bodyForSymbol(s)
		if r > rank {
			best, rank = body, r
		}
	}
	return Context{Body: best}
}

// bodyForSymbol is the body whose series the symbol belongs to, and how
// specific that is (docrules holds the table).
func bodyForSymbol(s string) (string, int) {
	i, _ := docrules.IssuerOf(s)
	return i.Key, i.Rank
}
