package explore

import (
	"context"
	"encoding/base64"
	"sort"
	"strconv"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// The document families (kg.PropFamily).
var Families = []string{"report", "letter", "note-verbale", "resolution", "decision", "draft",
	"amendment", "record", "list", "agenda", "information", "other"}

// DocFamily is the family of a document: the stored family when the
// reader of its family set one, else one read from its symbol's shape, the
// way UN symbols mark them (".../RES/..." a resolution, ".../L.N" a draft,
// ".../PV.N" a verbatim record, ".../INF/..." an information note).
// This is the one place the fallback lives.
func DocFamily(n kg.Node) string {
	if f := n.Prop(kg.PropFamily); f != "" {
		return f
	}
	sym := n.Prop(kg.PropSymbol)
	if sym == "" {
		sym = n.ID.Key()
	}
	s := "/" + strings.ToUpper(sym)
	switch {
	case strings.Contains(s, "/RES/"):
		return "resolution"
	case strings.Contains(s, "/DEC/"):
		return "decision"
	case strings.Contains(s, "/PV."), strings.Contains(s, "/SR."):
		return "record"
	case strings.Contains(s, "/INF/"):
		return "information"
	case strings.Contains(s, "/L."):
		return "draft"
	case strings.Contains(s, "/AGENDA"), strings.HasSuffix(s, "/1") && strings.Contains(s, "/CN."):
		// Commission symbols .../2025/1 are their provisional agendas.
		return "agenda"
	}
	t := strings.ToLower(n.Prop(kg.PropTitle))
	switch {
	case strings.HasPrefix(t, "letter dated"), strings.HasPrefix(t, "identical letters"):
		return "letter"
	case strings.HasPrefix(t, "note verbale"):
		return "note-verbale"
	case strings.Contains(t, "report"):
		return "report"
	}
	return "other"
}

// docEntry is what the document index keeps of one ingested document.
type docEntry struct {
	node       kg.Node
	rec        kg.DocRecord
	family     string
	body       string
	date       string // YYYY-MM-DD, YYYY-MM or YYYY; "" when unknown
	series     []kg.ID
	superseded bool   // an ingested revision SUPERSEDES it
	text       string // symbols and title, folded, for the word filter
}

func (e docEntry) year() string {
	if len(e.date) >= 4 {
		return e.date[:4]
	}
	return ""
}

func (e docEntry) month() string {
	if len(e.date) >= 7 {
		return e.date[:7]
	}
	return ""
}

// docIndex is every ingested document of one graph version, newest first.
type docIndex struct {
	version uint64
	entries []docEntry
	byKey   map[string]int
}

// docs returns the document index of the current graph version.
func (x *Explorer) docs(ctx context.Context) (*docIndex, error) {
	x.docMu.Lock()
	defer x.docMu.Unlock()
	v := x.r.Version()
	if x.docIdx != nil && x.docIdx.version == v {
		return x.docIdx, nil
	}
	recs, err := x.r.Documents(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]kg.ID, len(recs))
	for i, r := range recs {
		ids[i] = kg.NewID(kg.KindDocument, r.Key)
	}
	nodes, err := x.r.Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	idx := &docIndex{version: v, byKey: map[string]int{}}
	ingested := map[kg.ID]bool{}
	for _, id := range ids {
		ingested[id] = true
	}
	for i, n := range nodes {
		if n.ID == "" {
			continue
		}
		e := docEntry{node: n, rec: recs[i], family: DocFamily(n), body: n.Prop(kg.PropBody), date: n.Prop(kg.PropDate)}
		if e.body == "" {
			e.body = "Unknown body"
		}
		e.text = kg.Fold(strings.Join(append([]string{n.ID.Key(), n.Prop(kg.PropTitle)}, n.Aliases...), " "))
		page, err := x.r.Edges(ctx, n.ID, kg.EdgeQuery{Dir: kg.Out, Kinds: []kg.EdgeKind{kg.EdgeInSeries}})
		if err != nil {
			return nil, err
		}
		for _, ed := range page.Edges {
			e.series = append(e.series, ed.To)
		}
		in, err := x.r.Edges(ctx, n.ID, kg.EdgeQuery{Dir: kg.In, Kinds: []kg.EdgeKind{kg.EdgeSupersedes}})
		if err != nil {
			return nil, err
		}
		for _, ed := range in.Edges {
			if ingested[ed.From] {
				e.superseded = true
			}
		}
		idx.entries = append(idx.entries, e)
	}
	sort.Slice(idx.entries, func(i, j int) bool { return docNewer(idx.entries[i], idx.entries[j]) })
	for i, e := range idx.entries {
		idx.byKey[e.node.ID.Key()] = i
	}
	if x.r.Version() == v {
		x.docIdx = idx
	}
	return idx, nil
}

// docNewer is the default order: newest first; an undated document after
// every dated one; equal dates by key.
func docNewer(a, b docEntry) bool {
	if a.date != b.date {
		if a.date == "" || b.date == "" {
			return b.date == ""
		}
		return a.date > b.date
	}
	return a.node.ID < b.node.ID
}

// DocFilter selects documents; every field is optional.
type DocFilter struct {
	Body   string // issuing body, as stored ("Security Council")
	Family string // one of Families
	Year   string // "2025"
	Month  string // "2025-03"
	Series string // a Series ID
	Text   string // words, all of which the symbol or title contains
	// WithSuperseded keeps documents an ingested revision supersedes;
	// by default the revision stands for them.
	WithSuperseded bool
}

// DocOrder orders a document list.
type DocOrder string

// The document orders.
const (
	DocNewest DocOrder = "NEWEST"
	DocOldest DocOrder = "OLDEST"
	DocSymbol DocOrder = "SYMBOL"
)

// Facet is one value of a facet and how many documents have it under the
// filter's other fields.
type Facet struct {
	Value string
	Label string
	Count int
}

// DocFacets count documents per value of each filter field. Each facet is
// counted with every other field of the filter applied but its own, so a
// researcher sees what choosing another value would give.
type DocFacets struct {
	Bodies, Families, Years, Months, Series []Facet
}

// DocItem is one document of a list.
type DocItem struct {
	Node       kg.Node
	Record     kg.DocRecord
	Family     string
	Series     []kg.ID
	Superseded bool
}

// DocList is one page of documents.
type DocList struct {
	Items   []DocItem
	Cursors []string
	HasNext bool
	Total   int
	Facets  DocFacets
}

// matches reports whether e passes f, ignoring the field skip names.
func (f DocFilter) matches(e docEntry, words docWords, skip string) bool {
	if e.superseded && !f.WithSuperseded {
		return false
	}
	if f.Body != "" && skip != "body" && e.body != f.Body {
		return false
	}
	if f.Family != "" && skip != "family" && e.family != f.Family {
		return false
	}
	if f.Year != "" && skip != "year" && e.year() != f.Year {
		return false
	}
	if f.Month != "" && skip != "month" && e.month() != f.Month {
		return false
	}
	if f.Series != "" && skip != "series" {
		ok := false
		for _, s := range e.series {
			ok = ok || string(s) == f.Series
		}
		if !ok {
			return false
		}
	}
	return words.match(e.text)
}

// docWords is the word filter of a document list: every word must begin
// a word of the symbols or title ("quarter" finds "quarterly", "85" does
// not find "1985"); a symbol ("S/2025/85") must stand whole, so that it
// does not find S/2025/850.
type docWords struct {
	words  []string
	phrase string // the folded symbol, "" when the text is not one
}

func newDocWords(text string) docWords {
	f := kg.Fold(text)
	w := docWords{words: strings.Fields(f)}
	if strings.Contains(text, "/") {
		w.phrase = " " + f + " "
	}
	return w
}

func (w docWords) match(text string) bool {
	if w.phrase != "" {
		return strings.Contains(" "+text+" ", w.phrase)
	}
	for _, q := range w.words {
		if !strings.HasPrefix(text, q) && !strings.Contains(text, " "+q) {
			return false
		}
	}
	return true
}

// Documents lists the ingested documents the filter selects, in the order
// asked, first at a time after the cursor, with the facet counts.
func (x *Explorer) Documents(ctx context.Context, f DocFilter, order DocOrder, after string, first int) (DocList, error) {
	if first < 0 {
		return DocList{}, kg.Errorf(kg.CodeInvalid, "first must not be negative")
	}
	if f.Family != "" && !validFamily(f.Family) {
		return DocList{}, kg.Errorf(kg.CodeInvalid, "unknown document family %q: want one of %s", f.Family, strings.Join(Families, ", "))
	}
	if f.Year != "" {
		if _, err := strconv.Atoi(f.Year); err != nil || len(f.Year) != 4 {
			return DocList{}, kg.Errorf(kg.CodeInvalid, "year %q: want four digits, e.g. 2025", f.Year)
		}
	}
	if f.Month != "" && (len(f.Month) != 7 || f.Month[4] != '-') {
		return DocList{}, kg.Errorf(kg.CodeInvalid, "month %q: want YYYY-MM, e.g. 2025-03", f.Month)
	}
	idx, err := x.docs(ctx)
	if err != nil {
		return DocList{}, err
	}
	words := newDocWords(f.Text)
	var sel []docEntry
	counts := map[string]map[string]int{"body": {}, "family": {}, "year": {}, "month": {}, "series": {}}
	for _, e := range idx.entries {
		if f.matches(e, words, "") {
			sel = append(sel, e)
		}
		for facet, m := range counts {
			if !f.matches(e, words, facet) {
				continue
			}
			switch facet {
			case "body":
				m[e.body]++
			case "family":
				m[e.family]++
			case "year":
				if y := e.year(); y != "" {
					m[y]++
				}
			case "month":
				if mo := e.month(); mo != "" && (f.Year == "" || strings.HasPrefix(mo, f.Year)) {
					m[mo]++
				}
			case "series":
				for _, s := range e.series {
					m[string(s)]++
				}
			}
		}
	}
	switch order {
	case "", DocNewest:
	case DocOldest: // oldest first; undated still last
		sort.SliceStable(sel, func(i, j int) bool {
			a, b := sel[i], sel[j]
			if (a.date == "") != (b.date == "") {
				return b.date == ""
			}
			return docNewer(b, a)
		})
	case DocSymbol:
		sort.SliceStable(sel, func(i, j int) bool { return sel[i].node.ID < sel[j].node.ID })
	default:
		return DocList{}, kg.Errorf(kg.CodeInvalid, "unknown order %q: want NEWEST, OLDEST or SYMBOL", string(order))
	}
	start := 0
	if after != "" {
		key, err := decodeDocCursor(after)
		if err != nil {
			return DocList{}, err
		}
		start = len(sel)
		for i, e := range sel {
			if e.node.ID.Key() == key {
				start = i + 1
				break
			}
		}
	}
	end := min(start+first, len(sel))
	out := DocList{Total: len(sel), HasNext: end < len(sel)}
	for _, e := range sel[start:end] {
		out.Items = append(out.Items, DocItem{Node: e.node, Record: e.rec, Family: e.family, Series: e.series, Superseded: e.superseded})
		out.Cursors = append(out.Cursors, base64.RawURLEncoding.EncodeToString([]byte("d\x00"+e.node.ID.Key())))
	}
	out.Facets = DocFacets{
		Bodies:   facetList(counts["body"], byCount),
		Families: facetList(counts["family"], byCount),
		Years:    facetList(counts["year"], byValueDesc),
		Months:   facetList(counts["month"], byValueDesc),
		Series:   facetList(counts["series"], byCount),
	}
	if err := x.labelSeries(ctx, out.Facets.Series); err != nil {
		return DocList{}, err
	}
	return out, nil
}

func validFamily(f string) bool {
	for _, x := range Families {
		if x == f {
			return true
		}
	}
	return false
}

const (
	byCount     = iota // most documents first, then by value
	byValueDesc        // newest period first
)

func facetList(m map[string]int, order int) []Facet {
	out := make([]Facet, 0, len(m))
	for v, c := range m {
		out = append(out, Facet{Value: v, Label: v, Count: c})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if order == byCount && a.Count != b.Count {
			return a.Count > b.Count
		}
		if order == byValueDesc {
			return a.Value > b.Value
		}
		return a.Value < b.Value
	})
	return out
}

// labelSeries gives each series facet its series' label.
func (x *Explorer) labelSeries(ctx context.Context, fs []Facet) error {
	if len(fs) == 0 {
		return nil
	}
	ids := make([]kg.ID, len(fs))
	for i, f := range fs {
		ids[i] = kg.ID(f.Value)
	}
	ns, err := x.r.Nodes(ctx, ids)
	if err != nil {
		return err
	}
	for i, n := range ns {
		if n.ID != "" {
			fs[i].Label = n.Label
		}
	}
	return nil
}

func decodeDocCursor(c string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	k, ok := strings.CutPrefix(string(b), "d\x00")
	if err != nil || !ok || k == "" {
		return "", kg.Errorf(kg.CodeInvalid, "invalid cursor %q", c)
	}
	return k, nil
}

// superseded is the one home of the version rule: the documents an
// ingested revision SUPERSEDES (see docs). It reads the edge, which only
// the revision's ingest writes, so the answer is the same whichever of the
// two was ingested first; nil when nothing is superseded.
func (idx *docIndex) superseded() map[kg.ID]bool {
	var out map[kg.ID]bool
	for _, e := range idx.entries {
		if e.superseded {
			if out == nil {
				out = map[kg.ID]bool{}
			}
			out[e.node.ID] = true
		}
	}
	return out
}

// entry returns the entry of an ingested document.
func (idx *docIndex) entry(key string) (docEntry, bool) {
	i, ok := idx.byKey[key]
	if !ok {
		return docEntry{}, false
	}
	return idx.entries[i], true
}
