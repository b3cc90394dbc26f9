package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crimegraph/crimegraph/graph"
	"github.com/crimegraph/crimegraph/graph/testcorpus"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/server"
)

// The end-to-end tests: real corpus, real ingestion, real Badger store and
// bleve index on disk, the real router, over HTTP.

// newServer serves the shared corpus; mod may change the configuration.
func newServer(t *testing.T, mod ...func(*server.Config)) *client {
	t.Helper()
	cfg := server.Config{Store: testcorpus.Shared(t), Search: testcorpus.SharedIndex(t)}
	for _, m := range mod {
		m(&cfg)
	}
	ts := httptest.NewServer(server.New(cfg))
	t.Cleanup(ts.Close)
	return &client{t: t, url: ts.URL}
}

type client struct {
	t   *testing.T
	url string
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

type response struct {
	Status int
	Header http.Header
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
	Raw    []byte
}

func (r response) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// post sends a query and decodes the answer.
func (c *client) post(query string, vars map[string]any) response {
	c.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return c.raw(http.MethodPost, "/graphql", "application/json", body)
}

func (c *client) raw(method, path, ctype string, body []byte) response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.url+path, bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	out := response{Status: resp.StatusCode, Header: resp.Header, Raw: b}
	if len(b) > 0 {
		if err := json.Unmarshal(b, &out); err != nil {
			c.t.Fatalf("%s %s: %d, not JSON: %s", method, path, resp.StatusCode, b)
		}
	}
	return out
}

// ok sends a query that must succeed and decodes its data into v.
func (c *client) ok(query string, vars map[string]any, v any) {
	c.t.Helper()
	r := c.post(query, vars)
	if r.Status != http.StatusOK || len(r.Errors) > 0 {
		c.t.Fatalf("query failed: %d %s\n%s", r.Status, r.Raw, query)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		c.t.Fatalf("decoding %s: %v", r.Data, err)
	}
}

// fails sends a query that must fail with code, and returns the response.
func (c *client) fails(query string, vars map[string]any, code kg.Code) response {
	c.t.Helper()
	r := c.post(query, vars)
	if r.code() != string(code) {
		c.t.Errorf("got %d %s, want code %s\nquery: %s", r.Status, r.Raw, code, query)
	}
	return r
}

func TestEntityResolvesNamesAliasesAndCodes(t *testing.T) {
	c := newServer(t)
	tests := []struct {
		name, kind string
		want       string
	}{
		{"Türkiye", "", "state:TUR"},
		{"Turkey", "", "state:TUR"},
		{"turkiye", "", "state:TUR"},
		{"TUR", "", "state:TUR"},
		{"state:TUR", "", "state:TUR"},
		{"the Dominican Republic", "STATE", "state:DOM"},
		{"0204", "", "crimetype:0204"},
		{"human trafficking", "CRIME_TYPE", "crimetype:0204"},
		{"Bangkok Rules", "", "instrument:bangkok-rules"},
		{"Organized Crime Convention", "", "instrument:untoc"},
		{"UNODC", "", "organization:unodc"},
		{"S/2025/85", "DOCUMENT", "document:S/2025/85"},
	}
	for _, tc := range tests {
		var got struct {
			Entity *struct {
				ID, Kind, Label string
				Aliases         []string
				Iso3            *string
				IccsCode        *string
				Symbol          *string
				Title           *string
			}
		}
		vars := map[string]any{"name": tc.name}
		if tc.kind != "" {
			vars["kind"] = tc.kind
		}
		c.ok(`query($name: String!, $kind: EntityKind) { entity(name: $name, kind: $kind) {
			id kind label aliases
			... on State { iso3 } ... on CrimeType { iccsCode } ... on Document { symbol title } } }`, vars, &got)
		if got.Entity == nil || got.Entity.ID != tc.want {
			t.Errorf("entity(%q) = %+v, want %s", tc.name, got.Entity, tc.want)
			continue
		}
		switch e := got.Entity; tc.want {
		case "state:TUR":
			if e.Kind != "STATE" || e.Iso3 == nil || *e.Iso3 != "TUR" || e.Label != "Türkiye" {
				t.Errorf("Türkiye = %+v", e)
			}
		case "crimetype:0204":
			if e.IccsCode == nil || *e.IccsCode != "0204" || e.Kind != "CRIME_TYPE" {
				t.Errorf("trafficking in persons = %+v", e)
			}
		case "document:S/2025/85":
			if e.Symbol == nil || *e.Symbol != "S/2025/85" || e.Title == nil || *e.Title == "" {
				t.Errorf("S/2025/85 = %+v", e)
			}
		}
	}
	var none struct{ Entity *struct{ ID string } }
	c.ok(`{ entity(name: "Atlantis") { id } }`, nil, &none)
	if none.Entity != nil {
		t.Errorf("unknown name gave %+v, want null", none.Entity)
	}
	// A name several entities answer to.
	r := c.fails(`{ entity(name: "Outcome of deliberations") { id } }`, nil, kg.CodeInvalid)
	if len(r.Errors) > 0 && !strings.Contains(r.Errors[0].Message, "lookup") {
		t.Errorf("ambiguity message %q does not say what to do", r.Errors[0].Message)
	}
	var lk struct {
		Lookup struct {
			TotalCount int
			Nodes      []struct{ ID string }
		}
	}
	c.ok(`{ lookup(name: "Outcome of deliberations", kind: SECTION) { totalCount nodes { id } } }`, nil, &lk)
	if lk.Lookup.TotalCount < 2 || len(lk.Lookup.Nodes) != lk.Lookup.TotalCount {
		t.Errorf("lookup = %+v", lk.Lookup)
	}
}

// quoteOK checks that a quote reassembles the paragraph and that the
// match is what the evidence offsets point at.
func quoteOK(t *testing.T, text string, q quoteJSON, wantMatch string) {
	t.Helper()
	if q.Before+q.Match+q.After != text {
		t.Errorf("quote does not reassemble the paragraph:\n%q\n%q", q.Before+q.Match+q.After, text)
	}
	if wantMatch != "" && !strings.EqualFold(q.Match, wantMatch) {
		t.Errorf("match %q, want %q", q.Match, wantMatch)
	}
}

type quoteJSON struct {
	Before, Match, After string
	Whole                bool
}

func TestMentionsCarryEvidence(t *testing.T) {
	c := newServer(t)
	var got struct {
		Entity struct {
			Mentions struct {
				TotalCount int
				Nodes      []struct {
					Paragraph struct{ ID, Citation, Text string }
					Entity    struct{ ID string }
					Evidence  []struct {
						DocumentKey, Ref, Citation string
						Paragraph                  struct{ ID string }
						Document                   struct{ Key string }
						Quote                      quoteJSON
					}
				}
			}
		}
	}
	c.ok(`{ entity(name: "Haiti") { mentions(first: 10) { totalCount nodes {
		paragraph { id citation text } entity { id }
		evidence { documentKey ref citation paragraph { id } document { key } quote { before match after whole } } } } } }`, nil, &got)
	m := got.Entity.Mentions
	if m.TotalCount < 10 || len(m.Nodes) != 10 {
		t.Fatalf("Haiti has %d mentions, %d on the page", m.TotalCount, len(m.Nodes))
	}
	for _, n := range m.Nodes {
		if n.Entity.ID != "state:HTI" {
			t.Errorf("mention of %s in Haiti's mentions", n.Entity.ID)
		}
		for _, ev := range n.Evidence {
			if ev.Paragraph.ID != n.Paragraph.ID || ev.Document.Key != ev.DocumentKey || ev.Citation != ev.DocumentKey+", para. "+ev.Ref {
				t.Errorf("evidence %+v does not point at its paragraph %s", ev, n.Paragraph.ID)
			}
			if ev.Quote.Whole {
				t.Errorf("a mention's evidence should mark the words, got the whole paragraph")
			}
			quoteOK(t, n.Paragraph.Text, ev.Quote, "")
			if !strings.Contains(strings.ToLower(ev.Quote.Match), "hait") {
				t.Errorf("match %q does not name Haiti", ev.Quote.Match)
			}
		}
	}
	// Context trims each side to a few words, marked with an ellipsis.
	var short struct {
		Entity struct {
			Mentions struct {
				Nodes []struct {
					Evidence []struct{ Quote quoteJSON }
				}
			}
		}
	}
	c.ok(`{ entity(name: "Haiti") { mentions(first: 5) { nodes { evidence { quote(context: 20) { before match after } } } } } }`, nil, &short)
	for _, n := range short.Entity.Mentions.Nodes {
		for _, ev := range n.Evidence {
			if len([]rune(ev.Quote.Before)) > 21 || len([]rune(ev.Quote.After)) > 21 {
				t.Errorf("context 20 kept %q … %q", ev.Quote.Before, ev.Quote.After)
			}
		}
	}
}

// TestRecommendationContract checks every field of a Recommendation on
// S/2025/85, para. 61(d).
func TestRecommendationContract(t *testing.T) {
	c := newServer(t)
	var got struct {
		Node struct {
			ID, Kind, Ref, Text, Citation, Label string
			Document                             struct{ Symbol, Title string }
			Section                              struct{ ID, Title string }
			Paragraph                            struct{ Citation, Text string }
			CrimeTypes                           struct {
				TotalCount int
				Nodes      []struct{ ID, Label string }
			}
			Instruments struct{ TotalCount int }
			Themes      struct{ TotalCount int }
			Actors      struct{ Nodes []struct{ ID string } }
			Addressees  struct{ Nodes []struct{ ID string } }
			Evidence    []struct {
				Citation string
				Quote    quoteJSON
			}
			Relations struct {
				Nodes []struct {
					Kind     string
					ToID     string
					Evidence []struct {
						Citation string
						Quote    quoteJSON
					}
				}
			}
		}
	}
	c.ok(`{ node(id: "recommendation:S/2025/85#61(d)") { ... on Recommendation {
		id kind ref text citation label
		document { symbol title } section { id title } paragraph { citation text }
		crimeTypes { totalCount nodes { id label } } instruments { totalCount } themes { totalCount }
		actors { nodes { id } } addressees { nodes { id } }
		evidence { citation quote { before match after whole } }
		relations(direction: OUT, edgeKinds: ["ADDRESSES"]) { nodes { kind toId evidence { citation quote { before match after whole } } } }
	} } }`, nil, &got)
	r := got.Node
	if r.Ref != "61(d)" || r.Kind != "RECOMMENDATION" || r.Citation != "S/2025/85, para. 61(d)" || !strings.Contains(r.Text, "smuggling of firearms") {
		t.Errorf("recommendation = %+v", r)
	}
	if r.Document.Symbol != "S/2025/85" || r.Section.Title == "" || r.Paragraph.Citation != "S/2025/85, para. 61(d)" || r.Paragraph.Text != r.Text {
		t.Errorf("document %+v section %+v paragraph %+v", r.Document, r.Section, r.Paragraph)
	}
	if r.CrimeTypes.TotalCount == 0 || len(r.CrimeTypes.Nodes) != r.CrimeTypes.TotalCount {
		t.Errorf("crime types = %+v", r.CrimeTypes)
	}
	if len(r.Evidence) != 1 || r.Evidence[0].Citation != "S/2025/85, para. 61(d)" || !r.Evidence[0].Quote.Whole || r.Evidence[0].Quote.Match != r.Text {
		t.Errorf("evidence = %+v", r.Evidence)
	}
	if len(r.Addressees.Nodes) == 0 {
		t.Errorf("61(d) is addressed (\"calls upon\"): no addressees")
	}
	for _, rel := range r.Relations.Nodes {
		for _, ev := range rel.Evidence {
			if ev.Citation != "S/2025/85, para. 61(d)" {
				t.Errorf("ADDRESSES evidence cites %s", ev.Citation)
			}
			quoteOK(t, r.Text, ev.Quote, "")
			if ev.Quote.Whole || ev.Quote.Match == "" {
				t.Errorf("ADDRESSES %s: the matched words are not marked: %+v", rel.ToID, ev.Quote)
			}
		}
	}
}

// recIDs runs recommendations with a filter and returns every ID, paging.
func recIDs(t *testing.T, c *client, filter map[string]any) []string {
	t.Helper()
	var ids []string
	var after any
	for i := 0; i < 50; i++ {
		var got struct {
			Recommendations struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   *string
				}
				Nodes []struct{ ID string }
			}
		}
		c.ok(`query($f: RecommendationFilter, $after: String) { recommendations(filter: $f, first: 25, after: $after) {
			totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`, map[string]any{"f": filter, "after": after}, &got)
		for _, n := range got.Recommendations.Nodes {
			ids = append(ids, n.ID)
		}
		if !got.Recommendations.PageInfo.HasNextPage {
			if len(ids) != got.Recommendations.TotalCount {
				t.Errorf("filter %v: paged %d, totalCount %d", filter, len(ids), got.Recommendations.TotalCount)
			}
			return ids
		}
		after = *got.Recommendations.PageInfo.EndCursor
	}
	t.Fatal("paging does not end")
	return nil
}

func TestRecommendationFilters(t *testing.T) {
	c := newServer(t)
	all := recIDs(t, c, nil)
	st, _ := testcorpus.Shared(t).Stats(context.Background())
	if len(all) != st.Nodes[kg.KindRecommendation] {
		t.Fatalf("%d recommendations, the store has %d", len(all), st.Nodes[kg.KindRecommendation])
	}
	// A name, an alias, a code and an ID select the same set.
	tip := recIDs(t, c, map[string]any{"crimeType": "trafficking in persons"})
	if len(tip) == 0 {
		t.Fatal("no recommendation on trafficking in persons")
	}
	for _, alias := range []string{"Trafficking in Persons", "human trafficking", "0204", "crimetype:0204"} {
		if d := cmp.Diff(tip, recIDs(t, c, map[string]any{"crimeType": alias})); d != "" {
			t.Errorf("crimeType %q selects another set (-name +alias):\n%s", alias, d)
		}
	}
	sj := testcorpus.DocKey(t, testcorpus.Shared(t), testcorpus.SanJose)
	tests := []struct {
		filter map[string]any
		check  func(id string) bool
	}{
		{map[string]any{"document": "S/2025/85"}, func(id string) bool { return strings.HasPrefix(id, "recommendation:S/2025/85#") }},
		{map[string]any{"document": sj}, func(id string) bool { return strings.HasPrefix(id, "recommendation:"+sj+"#") }},
		{map[string]any{"section": "section:S/2025/85#recommendations"}, func(id string) bool { return strings.HasPrefix(id, "recommendation:S/2025/85#") }},
		{map[string]any{"instrument": "Convention on the Rights of the Child"}, nil},
		{map[string]any{"theme": "Victims"}, nil},
		{map[string]any{"actor": "UNODC"}, nil},
		// S/2025/85's recommendations to UNODC, and the operative paragraphs of
		// the Commission's resolutions in E/2025/28 that request UNODC to act.
		{map[string]any{"addressee": "UNODC"}, func(id string) bool {
			return strings.HasPrefix(id, "recommendation:S/2025/85#") || strings.HasPrefix(id, "recommendation:E/2025/28#res")
		}},
		{map[string]any{"text": "joint task forces"}, func(id string) bool { return strings.HasSuffix(id, "#66(k)") }},
		{map[string]any{"crimeType": "0204", "document": "S/2025/85"}, func(id string) bool { return strings.HasPrefix(id, "recommendation:S/2025/85#") }},
	}
	for _, tc := range tests {
		ids := recIDs(t, c, tc.filter)
		if len(ids) == 0 || len(ids) == len(all) {
			t.Errorf("filter %v selects %d of %d", tc.filter, len(ids), len(all))
		}
		for _, id := range ids {
			if tc.check != nil && !tc.check(id) {
				t.Errorf("filter %v selected %s", tc.filter, id)
			}
		}
	}
	// Unknown names are errors that say so, for every field.
	for _, field := range []string{"document", "section", "crimeType", "instrument", "theme", "actor", "addressee"} {
		r := c.fails(`query($f: RecommendationFilter) { recommendations(filter: $f) { totalCount } }`,
			map[string]any{"f": map[string]any{field: "Atlantis"}}, kg.CodeNotFound)
		if len(r.Errors) > 0 && (!strings.Contains(r.Errors[0].Message, `"Atlantis"`) || !strings.Contains(r.Errors[0].Message, "unknown")) {
			t.Errorf("%s: message %q does not name the unknown value", field, r.Errors[0].Message)
		}
	}
}

// page fetches a connection page by page and all at once, and compares.
func pagingRoundTrip(t *testing.T, c *client, name, query string, vars map[string]any, pageSize int) {
	t.Helper()
	type conn struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage, HasPreviousPage bool
			StartCursor, EndCursor       *string
		}
		Edges []struct {
			Cursor string
			Node   json.RawMessage
		}
		Nodes []json.RawMessage
	}
	fetch := func(first int, after any) conn {
		v := map[string]any{"first": first, "after": after}
		for k, x := range vars {
			v[k] = x
		}
		var got map[string]json.RawMessage
		c.ok(query, v, &got)
		// The connection is the only leaf object holding pageInfo.
		var cn conn
		var dig func(raw json.RawMessage) bool
		dig = func(raw json.RawMessage) bool {
			var m map[string]json.RawMessage
			if json.Unmarshal(raw, &m) != nil {
				return false
			}
			if _, ok := m["pageInfo"]; ok {
				json.Unmarshal(raw, &cn)
				return true
			}
			for _, sub := range m {
				if dig(sub) {
					return true
				}
			}
			return false
		}
		for _, raw := range got {
			if dig(raw) {
				break
			}
		}
		return cn
	}
	whole := fetch(graph.MaxPage, nil)
	if whole.TotalCount <= pageSize {
		t.Fatalf("%s: %d items: too few to page by %d", name, whole.TotalCount, pageSize)
	}
	if whole.TotalCount > graph.MaxPage {
		whole.Nodes = whole.Nodes[:0]
		// Reassemble the whole list in pages of the maximum size.
		var after any
		for {
			p := fetch(graph.MaxPage, after)
			whole.Nodes = append(whole.Nodes, p.Nodes...)
			if !p.PageInfo.HasNextPage {
				break
			}
			after = *p.PageInfo.EndCursor
		}
	}
	var paged []json.RawMessage
	var after any
	for i := 0; ; i++ {
		p := fetch(pageSize, after)
		if p.TotalCount != whole.TotalCount {
			t.Errorf("%s: totalCount %d on page %d, %d whole", name, p.TotalCount, i, whole.TotalCount)
		}
		if p.PageInfo.HasPreviousPage != (i > 0) {
			t.Errorf("%s: page %d hasPreviousPage %v", name, i, p.PageInfo.HasPreviousPage)
		}
		if len(p.Edges) != len(p.Nodes) || len(p.Nodes) > pageSize {
			t.Fatalf("%s: page %d has %d edges and %d nodes", name, i, len(p.Edges), len(p.Nodes))
		}
		for j, e := range p.Edges {
			if string(e.Node) != string(p.Nodes[j]) {
				t.Errorf("%s: edge %d node differs from nodes[%d]", name, j, j)
			}
		}
		if n := len(p.Edges); n > 0 && (p.PageInfo.EndCursor == nil || *p.PageInfo.EndCursor != p.Edges[n-1].Cursor ||
			*p.PageInfo.StartCursor != p.Edges[0].Cursor) {
			t.Errorf("%s: page %d cursors do not match its edges", name, i)
		}
		// Every edge's cursor resumes right after it.
		if len(p.Edges) > 1 {
			q := fetch(1, p.Edges[0].Cursor)
			if len(q.Nodes) != 1 || string(q.Nodes[0]) != string(p.Nodes[1]) {
				t.Errorf("%s: the first edge's cursor does not resume at the second", name)
			}
		}
		paged = append(paged, p.Nodes...)
		if !p.PageInfo.HasNextPage {
			break
		}
		after = *p.PageInfo.EndCursor
		if i > 500 {
			t.Fatalf("%s: paging does not end", name)
		}
	}
	if len(paged) != whole.TotalCount {
		t.Errorf("%s: paged %d items, totalCount %d", name, len(paged), whole.TotalCount)
	}
	for i := range paged {
		if i < len(whole.Nodes) && string(paged[i]) != string(whole.Nodes[i]) {
			t.Errorf("%s: item %d differs between paged and whole: %s vs %s", name, i, paged[i], whole.Nodes[i])
			break
		}
	}
}

func TestPaginationRoundTrips(t *testing.T) {
	c := newServer(t)
	const conn = `edges { cursor node { %s } } nodes { %s } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount`
	q := func(field, sel string) string {
		return fmt.Sprintf(`query($first: Int, $after: String%s) { %s { `+conn+` } }`, "", field, sel, sel)
	}
	tests := []struct {
		name, query string
		vars        map[string]any
		size        int
	}{
		{"recommendations", q("recommendations(first: $first, after: $after)", "id"), nil, 7},
		{"recommendations filtered", q(`recommendations(filter: {document: "S/2025/85"}, first: $first, after: $after)`, "id"), nil, 4},
		{"entities", q("entities(kind: STATE, first: $first, after: $after)", "id"), nil, 9},
		{"documents", q("documents(first: $first, after: $after)", "id"), nil, 1},
		{"search", q(`search(query: "cooperation", first: $first, after: $after)`, "entity { id } score"), nil, 6},
		{"lookup", q(`lookup(name: "Outcome of deliberations", first: $first, after: $after)`, "id"), nil, 2},
		{"mentions", fmt.Sprintf(`query($first: Int, $after: String) { entity(name: "Haiti") { mentions(first: $first, after: $after) { `+conn+` } } }`,
			"paragraph { id }", "paragraph { id }"), nil, 4},
		// BOTH crosses from outgoing to incoming edges mid-page.
		{"relations both ways", fmt.Sprintf(`query($first: Int, $after: String) { entity(name: "Haiti") { relations(first: $first, after: $after) { `+conn+` } } }`,
			"kind fromId toId", "kind fromId toId"), nil, 3},
		{"section contents", fmt.Sprintf(`query($first: Int, $after: String) { node(id: "section:S/2025/85#recommendations") { ... on Section { contents(first: $first, after: $after) { `+conn+` } } } }`,
			"id", "id"), nil, 1},
		{"state recommendations", fmt.Sprintf(`query($first: Int, $after: String) { entity(name: "UNODC") { ... on Organization { recommendations(first: $first, after: $after) { `+conn+` } } } }`,
			"id", "id"), nil, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pagingRoundTrip(t, c, tc.name, tc.query, tc.vars, tc.size)
		})
	}
	// Cursors are checked.
	for _, bad := range []string{"!!", "bzk5", "a2Jhcg"} {
		c.fails(`query($a: String) { entities(kind: STATE, after: $a) { totalCount } }`, map[string]any{"a": bad}, kg.CodeInvalid)
	}
	c.fails(`{ recommendations(first: 101) { totalCount } }`, nil, kg.CodeInvalid)
	c.fails(`{ recommendations(first: -1) { totalCount } }`, nil, kg.CodeInvalid)
}

func TestSearch(t *testing.T) {
	c := newServer(t)
	var got struct {
		Search struct {
			TotalCount int
			Nodes      []struct {
				Score    float64
				Entity   struct{ ID, Kind string }
				Snippets []struct {
					Field, HTML string
					Parts       []struct {
						Text  string
						Match bool
					}
				}
			}
		}
	}
	c.ok(`{ search(query: "trafficking in persons", first: 10) { totalCount nodes { score entity { id kind } snippets { field html parts { text match } } } } }`, nil, &got)
	hits := got.Search.Nodes
	if len(hits) == 0 || hits[0].Entity.ID != "crimetype:0204" {
		t.Fatalf("best hit for trafficking in persons: %+v", hits)
	}
	if !sort.SliceIsSorted(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score }) {
		t.Errorf("hits are not ranked by score")
	}
	for _, h := range hits {
		if len(h.Snippets) == 0 {
			t.Errorf("hit %s has no snippet", h.Entity.ID)
			continue
		}
		s := h.Snippets[0]
		matched := false
		for _, p := range s.Parts {
			matched = matched || p.Match
		}
		if !strings.Contains(s.HTML, "<mark>") || !matched {
			t.Errorf("snippet %+v marks nothing", s)
		}
	}
	c.ok(`{ search(query: "Haiti", kinds: [RECOMMENDATION], first: 5) { totalCount nodes { score entity { id kind } snippets { field html parts { text match } } } } }`, nil, &got)
	for _, h := range got.Search.Nodes {
		if h.Entity.Kind != "RECOMMENDATION" {
			t.Errorf("kinds filter let %s through", h.Entity.ID)
		}
	}
	c.fails(`{ search(query: "   ") { totalCount } }`, nil, kg.CodeInvalid)
	c.fails(fmt.Sprintf(`{ search(query: %q) { totalCount } }`, strings.Repeat("x", 300)), nil, kg.CodeTooLarge)
	// Query syntax is plain text: a leading wildcard is a word, not a scan.
	c.ok(`{ search(query: "*trafficking") { totalCount } }`, nil, &struct{}{})
}

func TestExploreFields(t *testing.T) {
	c := newServer(t)
	var nb struct {
		Neighbourhood struct {
			Title     string
			Truncated bool
			Focus     []struct{ ID string }
			Nodes     []struct{ ID string }
			Edges     []struct {
				Kind, FromID, ToID string
				From               struct{ ID string }
				Evidence           []struct{ Citation string }
			}
			Sources []struct{ Citation string }
		}
	}
	c.ok(`{ neighbourhood(id: "crimetype:0204", depth: 2, limit: 50) { title truncated focus { id } nodes { id }
		edges { kind fromId toId from { id } evidence { citation } } sources { citation } } }`, nil, &nb)
	n := nb.Neighbourhood
	in := map[string]bool{}
	for _, x := range n.Nodes {
		in[x.ID] = true
	}
	if len(n.Focus) != 1 || n.Focus[0].ID != "crimetype:0204" || len(n.Nodes) < 2 || len(n.Nodes) > 50 || len(n.Sources) == 0 {
		t.Errorf("neighbourhood: focus %v, %d nodes, %d sources", n.Focus, len(n.Nodes), len(n.Sources))
	}
	for _, e := range n.Edges {
		if !in[e.FromID] || !in[e.ToID] || e.From.ID != e.FromID || len(e.Evidence) == 0 || e.Kind == "MENTIONS" {
			t.Errorf("edge %+v", e)
		}
	}
	c.fails(`{ neighbourhood(id: "crimetype:0204", limit: 5000) { title } }`, nil, kg.CodeTooLarge)
	c.fails(`{ neighbourhood(id: "crimetype:0204", depth: 4) { title } }`, nil, kg.CodeTooLarge)
	c.fails(`{ neighbourhood(id: "crimetype:0204", edgeKinds: ["LOVES"]) { title } }`, nil, kg.CodeInvalid)
	c.fails(`{ neighbourhood(id: "nope") { title } }`, nil, kg.CodeInvalid)
	c.fails(`{ neighbourhood(id: "state:XXX") { title } }`, nil, kg.CodeNotFound)

	var ps struct {
		Paths struct {
			Length *int
			Paths  []struct {
				Length int
				Nodes  []struct{ ID string }
				Edges  []struct {
					Kind, FromID, ToID string
					Evidence           []struct{ Citation string }
				}
			}
			Subgraph struct{ Nodes []struct{ ID string } }
		}
	}
	c.ok(`{ paths(from: "state:HTI", to: "crimetype:0204") { length paths { length nodes { id } edges { kind fromId toId evidence { citation } } } subgraph { nodes { id } } } }`, nil, &ps)
	if ps.Paths.Length == nil || len(ps.Paths.Paths) == 0 {
		t.Fatalf("no path from Haiti to trafficking in persons")
	}
	for _, p := range ps.Paths.Paths {
		if p.Length != *ps.Paths.Length || len(p.Nodes) != p.Length+1 || p.Nodes[0].ID != "state:HTI" || p.Nodes[p.Length].ID != "crimetype:0204" {
			t.Errorf("path %+v", p)
		}
		for i, e := range p.Edges {
			a, b := p.Nodes[i].ID, p.Nodes[i+1].ID
			if !(e.FromID == a && e.ToID == b || e.FromID == b && e.ToID == a) || len(e.Evidence) == 0 {
				t.Errorf("edge %d %+v does not join %s and %s with evidence", i, e, a, b)
			}
		}
	}
	var unconnected struct{ Paths struct{ Length *int } }
	c.ok(`{ paths(from: "state:HTI", to: "crimetype:0204", maxLength: 1) { length } }`, nil, &unconnected)
	if unconnected.Paths.Length != nil {
		t.Errorf("maxLength 1 found a path of %d", *unconnected.Paths.Length)
	}

	var co struct {
		Cooccurrence struct {
			Rows, Columns []struct{ ID string }
			RowTotals     []int
			Counts        [][]int
			Cells         []struct {
				Row, Column, Count int
				RowID, ColumnID    string
				IDs                []string `json:"ids"`
			}
			RecommendationCount int
			Counting            string
		}
	}
	c.ok(`{ cooccurrence(rows: CRIME_TYPE, columns: SECTION) { rows { id } columns { id } rowTotals counts cells { row column count rowId columnId ids } recommendationCount counting } }`, nil, &co)
	m := co.Cooccurrence
	if len(m.Cells) == 0 || len(m.Counts) != len(m.Rows) || m.RecommendationCount == 0 || m.Counting == "" {
		t.Fatalf("matrix %+v", m)
	}
	for _, cell := range m.Cells {
		if cell.Count != len(cell.IDs) || m.Counts[cell.Row][cell.Column] != cell.Count ||
			m.Rows[cell.Row].ID != cell.RowID || m.Columns[cell.Column].ID != cell.ColumnID {
			t.Errorf("cell %+v disagrees with the matrix", cell)
		}
		// The IDs behind a cell are recommendations the filter agrees on.
		ids := recIDs(t, c, map[string]any{"crimeType": cell.RowID, "section": cell.ColumnID})
		set := map[string]bool{}
		for _, id := range ids {
			set[id] = true
		}
		for _, id := range cell.IDs {
			if !set[id] {
				t.Errorf("cell (%s, %s) holds %s; the filter does not select it", cell.RowID, cell.ColumnID, id)
			}
		}
	}
	c.fails(`{ cooccurrence(rows: PARAGRAPH, columns: STATE) { counting } }`, nil, kg.CodeInvalid)
}

func TestCorpusOverview(t *testing.T) {
	c := newServer(t)
	var got struct {
		Stats struct {
			Nodes, Edges, Documents int
			Version                 string
			NodesByKind             []struct {
				Kind  string
				Count int
			}
		}
		Documents struct {
			TotalCount int
			Nodes      []struct {
				Key    string
				Symbol *string
				Record *struct {
					Source     string
					IngestedAt string
					Paragraphs int
				}
			}
		}
	}
	c.ok(`{ stats { nodes edges documents version nodesByKind { kind count } }
		documents { totalCount nodes { key symbol record { source ingestedAt paragraphs } } } }`, nil, &got)
	sum := 0
	for _, k := range got.Stats.NodesByKind {
		sum += k.Count
	}
	if got.Stats.Documents != 3 || got.Documents.TotalCount != 3 || sum != got.Stats.Nodes || got.Stats.Version == "" {
		t.Errorf("stats %+v documents %d", got.Stats, got.Documents.TotalCount)
	}
	for _, d := range got.Documents.Nodes {
		if d.Record == nil || d.Record.Source == "" || d.Record.Paragraphs == 0 {
			t.Errorf("document %s has record %+v", d.Key, d.Record)
			continue
		}
		if _, err := time.Parse(time.RFC3339, d.Record.IngestedAt); err != nil {
			t.Errorf("ingestedAt %q: %v", d.Record.IngestedAt, err)
		}
	}
}

// TestExampleQueries runs every example query of docs/graphql.md
// (graph/testdata/queries), which the graphql-js test also validates.
func TestExampleQueries(t *testing.T) {
	c := newServer(t)
	files, err := filepath.Glob("../../graph/testdata/queries/*.graphql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no example queries: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			q, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var vars map[string]any
			if b, err := os.ReadFile(strings.TrimSuffix(f, ".graphql") + ".json"); err == nil {
				if err := json.Unmarshal(b, &vars); err != nil {
					t.Fatal(err)
				}
			}
			r := c.post(string(q), vars)
			if r.Status != http.StatusOK || len(r.Errors) > 0 || string(r.Data) == "null" {
				t.Errorf("%d %s", r.Status, r.Raw)
			}
			if strings.Contains(string(r.Data), `":null`) && filepath.Base(f) == "lookup-codes.graphql" {
				t.Errorf("a lookup found nothing: %s", r.Data)
			}
		})
	}
}

// TestGetTransport: GET with the query in the URL works; other methods
// and transports do not.
func TestTransports(t *testing.T) {
	c := newServer(t)
	q := url.Values{"query": {`{ entity(name: "TUR") { id } }`}}
	r := c.raw(http.MethodGet, "/graphql?"+q.Encode(), "", nil)
	if r.Status != http.StatusOK || !strings.Contains(string(r.Data), "state:TUR") {
		t.Errorf("GET: %d %s", r.Status, r.Raw)
	}
	for _, tc := range []struct {
		method, ctype string
		status        int
	}{
		{http.MethodPut, "application/json", http.StatusMethodNotAllowed},
		{http.MethodPost, "multipart/form-data; boundary=x", http.StatusUnsupportedMediaType},
		{http.MethodPost, "text/plain", http.StatusUnsupportedMediaType},
		{http.MethodPost, "application/x-www-form-urlencoded", http.StatusUnsupportedMediaType},
	} {
		req, _ := http.NewRequest(tc.method, c.url+"/graphql", strings.NewReader(`{"query":"{ stats { nodes } }"}`))
		req.Header.Set("Content-Type", tc.ctype)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.ctype, resp.StatusCode, tc.status)
		}
	}
	// No websocket upgrade.
	req, _ := http.NewRequest(http.MethodGet, c.url+"/graphql", nil)
	req.Header.Set("Connection", "Upgrade")
	req.Header.Set("Upgrade", "websocket")
	req.Header.Set("Sec-WebSocket-Version", "13")
	req.Header.Set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
	req.Header.Set("Sec-WebSocket-Protocol", "graphql-transport-ws")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusSwitchingProtocols {
		t.Error("the server accepted a websocket")
	}
}

func TestIntrospectionOnSuggestionsOff(t *testing.T) {
	c := newServer(t)
	var got struct {
		Schema struct{ Types []struct{ Name string } } `json:"__schema"`
	}
	c.ok(`{ __schema { types { name } } }`, nil, &got)
	if len(got.Schema.Types) < 30 {
		t.Errorf("introspection returned %d types", len(got.Schema.Types))
	}
	r := c.fails(`{ entiti(name: "x") { id } }`, nil, kg.CodeInvalid)
	if strings.Contains(string(r.Raw), "Did you mean") {
		t.Errorf("production mode suggests fields: %s", r.Raw)
	}
	dev := newServer(t, func(cfg *server.Config) { cfg.GraphQL.Limits.Development = true })
	r = dev.fails(`{ entiti(name: "x") { id } }`, nil, kg.CodeInvalid)
	if !strings.Contains(string(r.Raw), "Did you mean") {
		t.Errorf("development mode does not suggest: %s", r.Raw)
	}
}

// TestRecommendationVerbs: an operative paragraph of E/2025/28 that calls
// twice ("Also requests UNODC …, and encourages Member States …") is one
// Recommendation with both verbs, the first its verb; one with a single
// verb lists that one.
func TestRecommendationVerbs(t *testing.T) {
	c := newServer(t)
	var got struct {
		Recommendations struct {
			Nodes []struct {
				Ref   string
				Verb  *string
				Verbs []string
			}
		}
	}
	c.ok(`{ recommendations(filter: {document: "E/2025/28", form: "operative"}, first: 100) { nodes { ref verb verbs } } }`, nil, &got)
	several := 0
	for _, n := range got.Recommendations.Nodes {
		if n.Verb == nil || len(n.Verbs) == 0 || n.Verbs[0] != *n.Verb {
			t.Errorf("%s: verb %v, verbs %q", n.Ref, n.Verb, n.Verbs)
		}
		if len(n.Verbs) > 1 {
			several++
		}
	}
	if len(got.Recommendations.Nodes) == 0 || several == 0 {
		t.Errorf("%d operative calls, %d with several verbs", len(got.Recommendations.Nodes), several)
	}
}
