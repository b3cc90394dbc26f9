package explore

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Period is the width of a timeline bucket.
type Period string

// The timeline periods.
const (
	ByMonth   Period = "MONTH"
	ByQuarter Period = "QUARTER"
	ByYear    Period = "YEAR"
)

// period returns the bucket of a document date ("2025-03-14"): "2025-03",
// "2025-Q1" or "2025"; "" when the date does not give it.
func (p Period) of(date string) string {
	switch p {
	case ByYear:
		if len(date) >= 4 {
			return date[:4]
		}
	case ByQuarter:
		if len(date) >= 7 {
			m, err := strconv.Atoi(date[5:7])
			if err == nil && m >= 1 && m <= 12 {
				return fmt.Sprintf("%s-Q%d", date[:4], (m-1)/3+1)
			}
		}
	case ByMonth:
		if len(date) >= 7 {
			return date[:7]
		}
	}
	return ""
}

// next returns the bucket after b.
func (p Period) next(b string) string {
	y, _ := strconv.Atoi(b[:4])
	switch p {
	case ByYear:
		return strconv.Itoa(y + 1)
	case ByQuarter:
		q, _ := strconv.Atoi(b[6:])
		if q == 4 {
			return fmt.Sprintf("%d-Q1", y+1)
		}
		return fmt.Sprintf("%d-Q%d", y, q+1)
	}
	m, _ := strconv.Atoi(b[5:7])
	if m == 12 {
		return fmt.Sprintf("%d-01", y+1)
	}
	return fmt.Sprintf("%d-%02d", y, m+1)
}

func (p Period) valid() bool { return p == ByMonth || p == ByQuarter || p == ByYear }

// callEdges are the edges by which a call to act links to what it is
// about or who makes it: a timeline counts a call once per entity.
var callEdges = append(append([]kg.EdgeKind{}, linkKinds...), kg.EdgeMadeBy)

// TimelineSource is one paragraph or call behind a bucket.
type TimelineSource struct {
	ID   kg.ID // the Paragraph (a mention) or the Recommendation (a call)
	Call bool
	Doc  string // document key
	Date string // the document's date
	Ref  string
	Text string // the paragraph's or call's text (TimelineSources only)
}

// Citation is how UN documents cite it.
func (s TimelineSource) Citation() string { return kg.Evidence{Doc: s.Doc, Ref: s.Ref}.Citation() }

// Bucket is one period of a timeline.
type Bucket struct {
	Period    string // "2025-03", "2025-Q1", "2025"
	Mentions  int    // paragraphs that name the entity
	Calls     int    // calls to act linked to it
	Documents int    // distinct documents behind both
}

// Timeline is how often an entity occurs, period by period.
type Timeline struct {
	Entity  kg.Node
	By      Period
	Buckets []Bucket // from the first period with an occurrence to the last, gaps filled with zeros
	// Undated counts the mentions and calls in documents without a date.
	UndatedMentions, UndatedCalls int
	Mentions, Calls               int // totals over every bucket
}

// timelineCache keeps the items of the last few timelines of one graph
// version: a researcher opens a chart, then its bars, each of which needs
// the same items again.
type timelineCache struct {
	version uint64
	keys    []string // oldest first
	items   map[string]timelineEntry
}

type timelineEntry struct {
	node  kg.Node
	items []TimelineSource
}

const timelineCacheSize = 32

// timelineItems collects every mention and call of id in the documents f
// selects, from the cache when it has them.
func (x *Explorer) timelineItems(ctx context.Context, id kg.ID, f DocFilter) (kg.Node, []TimelineSource, error) {
	if err := id.Validate(); err != nil {
		return kg.Node{}, nil, err
	}
	v := x.r.Version()
	key := fmt.Sprintf("%s\x00%+v", id, f)
	x.tlMu.Lock()
	if x.tl == nil || x.tl.version != v {
		x.tl = &timelineCache{version: v, items: map[string]timelineEntry{}}
	}
	e, ok := x.tl.items[key]
	x.tlMu.Unlock()
	if ok {
		return e.node, e.items, nil
	}
	n, items, err := x.readTimelineItems(ctx, id, f)
	if err != nil {
		return kg.Node{}, nil, err
	}
	x.tlMu.Lock()
	if c := x.tl; c.version == v && x.r.Version() == v {
		if _, ok := c.items[key]; !ok {
			c.keys = append(c.keys, key)
			if len(c.keys) > timelineCacheSize {
				delete(c.items, c.keys[0])
				c.keys = c.keys[1:]
			}
		}
		c.items[key] = timelineEntry{n, items}
	}
	x.tlMu.Unlock()
	return n, items, nil
}

// readTimelineItems reads the mentions and calls of id from the store.
func (x *Explorer) readTimelineItems(ctx context.Context, id kg.ID, f DocFilter) (kg.Node, []TimelineSource, error) {
	n, err := x.r.Node(ctx, id)
	if err != nil {
		return kg.Node{}, nil, err
	}
	idx, err := x.docs(ctx)
	if err != nil {
		return kg.Node{}, nil, err
	}
	var out []TimelineSource
	words := newDocWords(f.Text)
	add := func(from kg.ID, call bool, ref string) {
		doc := from.DocKey()
		e, ok := idx.entry(doc)
		if !ok || !f.matches(e, words, "") {
			return
		}
		out = append(out, TimelineSource{ID: from, Call: call, Doc: doc, Date: e.date, Ref: ref})
	}
	ment, err := x.r.Edges(ctx, id, kg.EdgeQuery{Dir: kg.In, Kinds: []kg.EdgeKind{kg.EdgeMentions}})
	if err != nil {
		return kg.Node{}, nil, err
	}
	for _, e := range ment.Edges {
		if e.From.Kind() == kg.KindParagraph {
			add(e.From, false, refOf(e.From))
		}
	}
	calls, err := x.r.Edges(ctx, id, kg.EdgeQuery{Dir: kg.In, Kinds: callEdges})
	if err != nil {
		return kg.Node{}, nil, err
	}
	seen := map[kg.ID]bool{}
	for _, e := range calls.Edges {
		if e.From.Kind() == kg.KindRecommendation && !seen[e.From] {
			seen[e.From] = true
			add(e.From, true, refOf(e.From))
		}
	}
	return n, out, nil
}

// refOf is the ref part of a part ID ("61(d)" of "paragraph:S/2025/85#61(d)").
func refOf(id kg.ID) string {
	k := id.Key()
	for i := len(k) - 1; i >= 0; i-- {
		if k[i] == '#' {
			return k[i+1:]
		}
	}
	return ""
}

// Timeline counts the mentions of an entity and the calls to act linked
// to it in each period, over the documents the filter selects.
func (x *Explorer) Timeline(ctx context.Context, id kg.ID, by Period, f DocFilter) (Timeline, error) {
	if by == "" {
		by = ByMonth
	}
	if !by.valid() {
		return Timeline{}, kg.Errorf(kg.CodeInvalid, "unknown period %q: want MONTH, QUARTER or YEAR", string(by))
	}
	n, items, err := x.timelineItems(ctx, id, f)
	if err != nil {
		return Timeline{}, err
	}
	t := Timeline{Entity: n, By: by}
	type acc struct {
		b    Bucket
		docs map[string]bool
	}
	m := map[string]*acc{}
	for _, it := range items {
		p := by.of(it.Date)
		if p == "" {
			if it.Call {
				t.UndatedCalls++
			} else {
				t.UndatedMentions++
			}
			continue
		}
		a := m[p]
		if a == nil {
			a = &acc{b: Bucket{Period: p}, docs: map[string]bool{}}
			m[p] = a
		}
		if it.Call {
			a.b.Calls++
			t.Calls++
		} else {
			a.b.Mentions++
			t.Mentions++
		}
		a.docs[it.Doc] = true
	}
	if len(m) == 0 {
		return t, nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// Fill the gaps so that a chart's x axis is time; a span of centuries
	// (a 1946 resolution cited by a 2025 report) is bounded by the cap.
	const maxBuckets = 1200
	for p := keys[0]; ; p = by.next(p) {
		if a := m[p]; a != nil {
			a.b.Documents = len(a.docs)
			t.Buckets = append(t.Buckets, a.b)
		} else {
			t.Buckets = append(t.Buckets, Bucket{Period: p})
		}
		if p >= keys[len(keys)-1] || len(t.Buckets) >= maxBuckets {
			break
		}
	}
	return t, nil
}

// TimelineSources returns the paragraphs and calls behind one bucket of a
// timeline, newest document first, then in reading order.
func (x *Explorer) TimelineSources(ctx context.Context, id kg.ID, by Period, period string, f DocFilter) ([]TimelineSource, error) {
	if by == "" {
		by = ByMonth
	}
	if !by.valid() {
		return nil, kg.Errorf(kg.CodeInvalid, "unknown period %q: want MONTH, QUARTER or YEAR", string(by))
	}
	_, items, err := x.timelineItems(ctx, id, f)
	if err != nil {
		return nil, err
	}
	var out []TimelineSource
	for _, it := range items {
		if by.of(it.Date) == period {
			out = append(out, it)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Date != b.Date {
			return a.Date > b.Date
		}
		if a.Doc != b.Doc {
			return a.Doc < b.Doc
		}
		if c := kg.CompareRefs(a.Ref, b.Ref); c != 0 {
			return c < 0
		}
		return !a.Call && b.Call
	})
	ids := make([]kg.ID, len(out))
	for i, s := range out {
		ids[i] = s.ID
	}
	ns, err := x.r.Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, n := range ns {
		out[i].Text = n.Prop(kg.PropText)
	}
	return out, nil
}
