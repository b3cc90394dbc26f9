package explore

import (
	"context"
	"encoding/base64"
	"sort"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// A recommendation links to what it is about through its out-edges, and to
// where it stands through two properties:
//
//	crime types   ADDRESSES     (a crime type filter also matches its subtypes, via SUBTYPE_OF)
//	instruments   INVOKES
//	themes        CONCERNS
//	actors        NAMES_ACTOR   (States and Organizations it calls on or names)
//	addressees    ADDRESSED_TO  (States and Organizations its chapeau calls upon)
//	section       the "section" property, a Section ID (a section filter also matches its sub-sections)
//	document      the "document" property, a document key
var linkKinds = []kg.EdgeKind{kg.EdgeAddresses, kg.EdgeInvokes, kg.EdgeConcerns, kg.EdgeNamesActor, kg.EdgeAddressedTo}

// recEntry is what the index keeps of one recommendation.
type recEntry struct {
	id      kg.ID
	sort    string // kg.SortKey: document, then natural ref order
	doc     kg.ID  // Document node
	section kg.ID  // Section node, "" when unknown
	form    string // kg.PropForm; recommendations stored before forms existed have none
	links   map[kg.EdgeKind][]kg.ID
}

// recIndex is every recommendation of one graph version, in list order.
type recIndex struct {
	version uint64
	entries []recEntry
}

// index returns the recommendation index of the current graph version,
// building it on first use after every write. Building reads every
// recommendation and its out-edges once: milliseconds for thousands.
func (x *Explorer) index(ctx context.Context) (*recIndex, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	v := x.r.Version()
	if x.recs != nil && x.recs.version == v {
		return x.recs, nil
	}
	idx := &recIndex{version: v}
	after := ""
	for {
		page, err := x.r.List(ctx, kg.KindRecommendation, after, 1000)
		if err != nil {
			return nil, err
		}
		for _, n := range page.Nodes {
			e := recEntry{id: n.ID, sort: kg.SortKey(n), section: kg.ID(n.Prop(kg.PropSection)), form: n.Prop(kg.PropForm), links: map[kg.EdgeKind][]kg.ID{}}
			doc := n.Prop(kg.PropDocument)
			if doc == "" {
				doc = n.ID.DocKey()
			}
			if doc != "" {
				e.doc = kg.NewID(kg.KindDocument, doc)
			}
			out, err := x.r.Edges(ctx, n.ID, kg.EdgeQuery{Dir: kg.Out, Kinds: linkKinds})
			if err != nil {
				return nil, err
			}
			for _, ed := range out.Edges {
				e.links[ed.Kind] = append(e.links[ed.Kind], ed.To)
			}
			idx.entries = append(idx.entries, e)
		}
		if !page.HasNext {
			break
		}
		after = page.EndCursor
	}
	sort.Slice(idx.entries, func(i, j int) bool { return entryLess(idx.entries[i], idx.entries[j]) })
	// A write during the build leaves a mix of versions: answer with it,
	// but do not keep it, so the next call rebuilds.
	if x.r.Version() == v {
		x.recs = idx
	}
	return idx, nil
}

func entryLess(a, b recEntry) bool {
	if a.sort != b.sort {
		return a.sort < b.sort
	}
	return a.id < b.id
}

// Filter selects recommendations. Every field is optional; the
// recommendation must satisfy all the given ones. Each name field takes a
// name, an alias, a code or an ID; a name no entity answers to is a
// CodeNotFound error, never an empty answer. A name several entities
// answer to matches any of them.
type Filter struct {
	Document   string // the document it is in
	Section    string // the section it is in, or any sub-section
	CrimeType  string // a crime type it addresses, or any subtype of it
	Instrument string // an instrument it invokes
	Theme      string // a theme it concerns
	Actor      string // a State or Organization it names (NAMES_ACTOR)
	Addressee  string // a State or Organization it is addressed to (ADDRESSED_TO)
	Text       string // words its text contains, all of them (full-text, stemmed)
	Form       string // its form: kg.FormRecommendation, kg.FormOperative or kg.FormCall
	// WithSuperseded keeps the calls of documents an ingested revision
	// supersedes. By default the revision stands for its original, so a
	// call is not counted twice; a Document or Section filter that names
	// the original keeps it all the same (asked for, it stays readable).
	WithSuperseded bool
}

// IsZero reports whether the filter selects everything.
func (f Filter) IsZero() bool { return f == Filter{} }

// matcher is a resolved filter.
type matcher struct {
	docs, sections, text map[kg.ID]bool
	links                map[kg.EdgeKind]map[kg.ID]bool
	form                 string
	drop                 map[kg.ID]bool // superseded documents left out
}

func (m *matcher) match(e recEntry) bool {
	if m.drop[e.doc] {
		return false
	}
	if m.docs != nil && !m.docs[e.doc] {
		return false
	}
	if m.sections != nil && !m.sections[e.section] {
		return false
	}
	if m.text != nil && !m.text[e.id] {
		return false
	}
	if m.form != "" && (e.form != m.form && !(e.form == "" && m.form == kg.FormRecommendation)) {
		return false
	}
	for kind, want := range m.links {
		ok := false
		for _, to := range e.links[kind] {
			if want[to] {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// Resolve returns the entities a user's string names: by any of their
// names, aliases or codes (the store's name index), by ID, or by the key
// of their ID ("0204", a document key that is not a symbol). With no
// kinds, any kind.
func (x *Explorer) Resolve(ctx context.Context, name string, kinds ...kg.Kind) ([]kg.Node, error) {
	if len(kinds) == 0 {
		kinds = []kg.Kind{""}
	}
	var out []kg.Node
	seen := map[kg.ID]bool{}
	for _, k := range kinds {
		ns, err := x.r.Lookup(ctx, name, k)
		if err != nil {
			return nil, err
		}
		for _, n := range ns {
			if !seen[n.ID] {
				seen[n.ID] = true
				out = append(out, n)
			}
		}
	}
	if len(out) > 0 || strings.TrimSpace(name) == "" {
		return out, nil
	}
	var ids []kg.ID
	for _, k := range kinds {
		if k == "" {
			for _, kk := range kg.Kinds {
				ids = append(ids, kg.NewID(kk, name))
			}
		} else {
			ids = append(ids, kg.NewID(k, name))
		}
	}
	var valid []kg.ID
	for _, id := range ids {
		if id.Validate() == nil {
			valid = append(valid, id)
		}
	}
	ns, err := x.r.Nodes(ctx, valid)
	if err != nil {
		return nil, err
	}
	for _, n := range ns {
		if n.ID != "" {
			out = append(out, n)
		}
	}
	return out, nil
}

// resolve turns one filter name into the IDs of the entities it names.
func (x *Explorer) resolve(ctx context.Context, what, name string, kinds ...kg.Kind) (map[kg.ID]bool, error) {
	ns, err := x.Resolve(ctx, name, kinds...)
	if err != nil {
		return nil, err
	}
	if len(ns) == 0 {
		return nil, kg.NotFound("unknown %s %q: no name, alias, code or ID matches", what, name)
	}
	out := make(map[kg.ID]bool, len(ns))
	for _, n := range ns {
		out[n.ID] = true
	}
	return out, nil
}

// closure adds to set every node reached from it by edges of kind in
// direction dir, transitively (sub-sections, subtypes).
func (x *Explorer) closure(ctx context.Context, set map[kg.ID]bool, kind kg.EdgeKind, dir kg.Direction, want kg.Kind) error {
	queue := make([]kg.ID, 0, len(set))
	for id := range set {
		queue = append(queue, id)
	}
	for len(queue) > 0 {
		if len(set) > x.lim.MaxVisited {
			return kg.Errorf(kg.CodeTooLarge, "filter expands to more than %d entities", x.lim.MaxVisited)
		}
		u := queue[0]
		queue = queue[1:]
		page, err := x.r.Edges(ctx, u, kg.EdgeQuery{Dir: dir, Kinds: []kg.EdgeKind{kind}})
		if err != nil {
			return err
		}
		for _, e := range page.Edges {
			v := other(e, u)
			if v.Kind() == want && !set[v] {
				set[v] = true
				queue = append(queue, v)
			}
		}
	}
	return nil
}

func (x *Explorer) compile(ctx context.Context, f Filter) (*matcher, error) {
	m := &matcher{links: map[kg.EdgeKind]map[kg.ID]bool{}}
	trim := func(s string) string { return strings.TrimSpace(s) }
	var err error
	if s := trim(f.Document); s != "" {
		if m.docs, err = x.resolve(ctx, "document", s, kg.KindDocument); err != nil {
			return nil, err
		}
	}
	if s := trim(f.Section); s != "" {
		if m.sections, err = x.resolve(ctx, "section", s, kg.KindSection); err != nil {
			return nil, err
		}
		if err := x.closure(ctx, m.sections, kg.EdgeContains, kg.Out, kg.KindSection); err != nil {
			return nil, err
		}
	}
	links := []struct {
		name string
		what string
		edge kg.EdgeKind
		kind []kg.Kind
	}{
		{f.CrimeType, "crime type", kg.EdgeAddresses, []kg.Kind{kg.KindCrimeType}},
		{f.Instrument, "instrument", kg.EdgeInvokes, []kg.Kind{kg.KindInstrument}},
		{f.Theme, "theme", kg.EdgeConcerns, []kg.Kind{kg.KindTheme}},
		{f.Actor, "actor", kg.EdgeNamesActor, []kg.Kind{kg.KindState, kg.KindOrganization, kg.KindGroup}},
		{f.Addressee, "addressee", kg.EdgeAddressedTo, []kg.Kind{kg.KindState, kg.KindOrganization}},
	}
	for _, l := range links {
		s := trim(l.name)
		if s == "" {
			continue
		}
		set, err := x.resolve(ctx, l.what, s, l.kind...)
		if err != nil {
			return nil, err
		}
		if l.edge == kg.EdgeAddresses {
			if err := x.closure(ctx, set, kg.EdgeSubtypeOf, kg.In, kg.KindCrimeType); err != nil {
				return nil, err
			}
		}
		m.links[l.edge] = set
	}
	switch s := trim(f.Form); s {
	case "":
	case kg.FormRecommendation, kg.FormOperative, kg.FormCall:
		m.form = s
	default:
		return nil, kg.Errorf(kg.CodeInvalid, "unknown form %q: want %s, %s or %s", s, kg.FormRecommendation, kg.FormOperative, kg.FormCall)
	}
	if !f.WithSuperseded && trim(f.Document) == "" && trim(f.Section) == "" {
		docs, err := x.docs(ctx)
		if err != nil {
			return nil, err
		}
		m.drop = docs.superseded()
	}
	if s := trim(f.Text); s != "" {
		if x.text == nil {
			return nil, kg.Errorf(kg.CodeUnavailable, "text filters need the search index, which is not available")
		}
		ids, err := x.text.MatchIDs(ctx, s, kg.KindRecommendation, x.lim.MaxTextMatches)
		if err != nil {
			return nil, err
		}
		m.text = make(map[kg.ID]bool, len(ids))
		for _, id := range ids {
			m.text[id] = true
		}
	}
	return m, nil
}

// matching returns the index entries the filter selects, in list order.
func (x *Explorer) matching(ctx context.Context, f Filter) ([]recEntry, error) {
	m, err := x.compile(ctx, f)
	if err != nil {
		return nil, err
	}
	idx, err := x.index(ctx)
	if err != nil {
		return nil, err
	}
	if m.drop == nil && (Filter{WithSuperseded: f.WithSuperseded}) == f {
		return idx.entries, nil // selects everything
	}
	var out []recEntry
	for _, e := range idx.entries {
		if m.match(e) {
			out = append(out, e)
		}
	}
	return out, nil
}

// RecPage is one page of recommendations.
type RecPage struct {
	Nodes   []kg.Node
	Cursors []string // Cursors[i] resumes after Nodes[i]
	HasNext bool
	Total   int // recommendations matching the filter
}

// Recommendations returns the recommendations the filter selects, ordered
// by document and then by paragraph ref, first at a time after the cursor.
// Cursors name a position in that order, so paging stays consistent while
// other documents are ingested.
func (x *Explorer) Recommendations(ctx context.Context, f Filter, after string, first int) (RecPage, error) {
	if first < 0 {
		return RecPage{}, kg.Errorf(kg.CodeInvalid, "first must not be negative")
	}
	entries, err := x.matching(ctx, f)
	if err != nil {
		return RecPage{}, err
	}
	start := 0
	if after != "" {
		sortKey, id, err := decodeRecCursor(after)
		if err != nil {
			return RecPage{}, err
		}
		pos := recEntry{sort: sortKey, id: id}
		start = sort.Search(len(entries), func(i int) bool { return entryLess(pos, entries[i]) })
	}
	end := min(start+first, len(entries))
	page := RecPage{Total: len(entries), HasNext: end < len(entries)}
	ids := make([]kg.ID, 0, end-start)
	for _, e := range entries[start:end] {
		ids = append(ids, e.id)
	}
	nodes, err := x.r.Nodes(ctx, ids)
	if err != nil {
		return RecPage{}, err
	}
	for i, n := range nodes {
		if n.ID == "" { // removed since the index was built
			continue
		}
		page.Nodes = append(page.Nodes, n)
		page.Cursors = append(page.Cursors, encodeRecCursor(entries[start+i]))
	}
	return page, nil
}

// MatchRecommendations returns the IDs of every recommendation the filter
// selects, in list order.
func (x *Explorer) MatchRecommendations(ctx context.Context, f Filter) ([]kg.ID, error) {
	entries, err := x.matching(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]kg.ID, len(entries))
	for i, e := range entries {
		out[i] = e.id
	}
	return out, nil
}

func encodeRecCursor(e recEntry) string {
	return base64.RawURLEncoding.EncodeToString([]byte("r\x00" + e.sort + "\x00" + string(e.id)))
}

func decodeRecCursor(c string) (string, kg.ID, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	parts := strings.Split(string(b), "\x00")
	if err != nil || len(parts) != 3 || parts[0] != "r" {
		return "", "", kg.Errorf(kg.CodeInvalid, "invalid cursor %q", c)
	}
	return parts[1], kg.ID(parts[2]), nil
}
