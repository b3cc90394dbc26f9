// Package graphtest builds the graph the API tests, the explore and search
// tests and the load test run against, from real documents: the San José
// report (internal/corpus/files/lac-regional-preparatory-meeting-2025.md,
// read unchanged) and the recommendations of S/2025/85 (testdata).
//
// It is a stand-in for the ingestion pipeline, which is being written at
// the same time: a small Markdown reader for these two files and a
// hand-checked gazetteer (gazetteer.go). Its output has the shape ingestion
// writes — document, sections, numbered paragraphs and their lettered
// items with exact text, recommendations with refs, States, crime types
// with ICCS codes, instruments, themes, meeting attendance, officers, and
// every edge with evidence pointing at a paragraph and the matched words —
// so swapping Load for internal/ingest changes no test that asks about the
// documents' content. Only Load and the two Doc functions need to change.
package graphtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/store"
)

// The documents of the fixture.
const (
	// SanJoseKey is the key of the San José report, which prints no symbol
	// of its own: a key derived from its title.
	SanJoseKey = "lac-regional-preparatory-meeting-2025"
	// HaitiKey is S/2025/85, of which the fixture holds paragraphs 60–62.
	HaitiKey = "S/2025/85"
)

// root is the repository root, found from this file's path so that tests
// of any package can build the fixture.
func root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// SanJose reads the San José report.
func SanJose() (kg.DocRecord, kg.Fragment, error) {
	path := filepath.Join(root(), "internal", "corpus", "files", "lac-regional-preparatory-meeting-2025.md")
	src, err := os.ReadFile(path)
	if err != nil {
		return kg.DocRecord{}, kg.Fragment{}, err
	}
	d := doc{
		key:    SanJoseKey,
		title:  "Report of the Latin American and Caribbean Regional Preparatory Meeting for the Fifteenth United Nations Congress on Crime Prevention and Criminal Justice",
		date:   "2025-02-06",
		source: filepath.Base(path),
		start:  "I. Introduction",
	}
	return d.build(src)
}

// Haiti reads the recommendations of S/2025/85.
func Haiti() (kg.DocRecord, kg.Fragment, error) {
	path := filepath.Join(root(), "graph", "graphtest", "testdata", "s-2025-85-recommendations.md")
	src, err := os.ReadFile(path)
	if err != nil {
		return kg.DocRecord{}, kg.Fragment{}, err
	}
	d := doc{
		key:     HaitiKey,
		symbols: []string{HaitiKey},
		title:   "Letter dated 4 February 2025 from the Secretary-General addressed to the President of the Security Council",
		date:    "2025-02-06",
		body:    "Security Council",
		source:  "S-2025-85.pdf",
		start:   "Recommendations",
	}
	return d.build(src)
}

// Load writes both documents to w and returns the changes, in order, for
// a caller that maintains a derived index.
func Load(ctx context.Context, w kg.Writer) ([]kg.Change, error) {
	var out []kg.Change
	for _, read := range []func() (kg.DocRecord, kg.Fragment, error){SanJose, Haiti} {
		rec, frag, err := read()
		if err != nil {
			return nil, err
		}
		ch, err := w.Put(ctx, rec, frag)
		if err != nil {
			return nil, fmt.Errorf("put %s: %w", rec.Key, err)
		}
		out = append(out, ch)
	}
	return out, nil
}

// OpenStore returns an in-memory store holding the fixture, closed when
// the test ends.
func OpenStore(tb testing.TB) *store.Store {
	tb.Helper()
	s, err := store.Open(store.Options{InMemory: true})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if _, err := Load(context.Background(), s); err != nil {
		tb.Fatal(err)
	}
	return s
}

// doc is one document being read.
type doc struct {
	key, title, date, body, source string
	symbols                        []string
	start                          string // heading where the body starts (skips the table of contents)

	nodes map[kg.ID]kg.Node
	edges []kg.Edge
	docID kg.ID

	sections []*section
	paras    []*para
	meeting  kg.ID
}

type section struct {
	id     kg.ID
	key    string
	number string
	title  string
	kind   string
	level  int
	parent *section
	order  int
}

type para struct {
	ref     string
	text    string
	sec     *section
	parent  *para // the numbered paragraph of a lettered item
	order   int
	letters int // items seen so far
}

var (
	reHeadingNum = regexp.MustCompile(`^([IVX]+|[A-Z]|\d+)\.\s+(.*)$`)
	reNumbered   = regexp.MustCompile(`^(\d+)\.\s*(.*)$`)
	reItem       = regexp.MustCompile(`^\(([a-z]{1,2})\)\s+(.*)$`)
	reLink       = regexp.MustCompile(`\[([^\]]+)\]\(#\)`)
	reHTML       = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
	reOfficer    = regexp.MustCompile(`\*(Chair|Vice-Chair|Rapporteur):\*\s+([^(]+?)\s+\(([^)]+)\)`)
	reSymbol     = regexp.MustCompile(`^[A-Z]+(\.\d+)?/[A-Z0-9./-]+$`)
	isRoman      = regexp.MustCompile(`^[IVX]+$`)
)

func (d *doc) build(src []byte) (kg.DocRecord, kg.Fragment, error) {
	d.nodes = map[kg.ID]kg.Node{}
	d.docID = kg.NewID(kg.KindDocument, d.key)
	props := map[string]string{kg.PropTitle: d.title, kg.PropDate: d.date}
	if len(d.symbols) > 0 {
		props[kg.PropSymbol] = d.symbols[0]
		props[kg.PropSymbols] = strings.Join(d.symbols, " | ")
	}
	if d.body != "" {
		props[kg.PropBody] = d.body
	}
	d.add(kg.Node{ID: d.docID, Kind: kg.KindDocument, Label: d.title, Aliases: d.symbols, Props: props})
	d.read(string(src))
	d.link()

	sum := sha256.Sum256(src)
	rec := kg.DocRecord{Key: d.key, Title: d.title, Symbols: d.symbols, Source: d.source, Hash: hex.EncodeToString(sum[:])}
	for _, p := range d.paras {
		rec.Paragraphs++
		if d.isRecommendation(p) {
			rec.Recommendations++
		}
	}
	f := kg.Fragment{Doc: d.key, Edges: d.edges}
	for _, n := range d.nodes {
		f.Nodes = append(f.Nodes, n)
	}
	sort.Slice(f.Nodes, func(i, j int) bool { return f.Nodes[i].ID < f.Nodes[j].ID })
	return rec, f, nil
}

func (d *doc) add(n kg.Node) {
	if old, ok := d.nodes[n.ID]; ok {
		old.Aliases = kg.SortedSet(append(old.Aliases, n.Aliases...))
		d.nodes[n.ID] = old
		return
	}
	d.nodes[n.ID] = n
}

func (d *doc) edge(from kg.ID, kind kg.EdgeKind, to kg.ID, props map[string]string, ev ...kg.Evidence) {
	d.edges = append(d.edges, kg.Edge{From: from, Kind: kind, To: to, Props: props, Evidence: ev})
}

// clean removes the Markdown and HTML the conversion left in a line.
func clean(s string) string {
	s = reLink.ReplaceAllString(s, "$1")
	s = reHTML.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "**", "")
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "- ")
	return strings.TrimSpace(s)
}

// read splits the Markdown into sections and paragraphs. Numbered
// paragraphs run in sequence from the first one (1 in a whole report, 60
// in an excerpt); a number out of sequence (the
// agenda quoted in paragraph 92) is text of the current paragraph, as is
// any other line (page-break splits).
func (d *doc) read(src string) {
	started := false
	var cur *para
	lastNum := 0
	for _, raw := range strings.Split(src, "\n") {
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		heading := strings.HasPrefix(line, "#") ||
			(strings.HasPrefix(line, "**") && strings.HasSuffix(line, "**") && len(line) > 4)
		text := clean(strings.TrimLeft(line, "# "))
		if heading {
			if !started {
				if text != d.start {
					continue
				}
				started = true
			}
			d.heading(text)
			cur = nil
			continue
		}
		if !started || d.inAnnex() {
			continue
		}
		if m := reNumbered.FindStringSubmatch(text); m != nil && (atoi(m[1]) == lastNum+1 || lastNum == 0) {
			lastNum = atoi(m[1])
			cur = &para{ref: m[1], text: m[2], sec: d.current(), order: len(d.paras)}
			d.paras = append(d.paras, cur)
			continue
		}
		if m := reItem.FindStringSubmatch(text); m != nil && cur != nil {
			parent := cur
			if parent.parent != nil {
				parent = parent.parent
			}
			if m[1] == string(rune('a'+parent.letters)) {
				parent.letters++
				cur = &para{ref: parent.ref + "(" + m[1] + ")", text: m[2], sec: parent.sec, parent: parent, order: len(d.paras)}
				d.paras = append(d.paras, cur)
				continue
			}
		}
		if cur != nil {
			cur.text += " " + text
		}
	}
	for _, p := range d.paras {
		p.text = strings.Join(strings.Fields(p.text), " ")
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func (d *doc) inAnnex() bool {
	for s := d.current(); s != nil; s = s.parent {
		if s.kind == "annex" {
			return true
		}
	}
	return false
}

func (d *doc) current() *section {
	if len(d.sections) == 0 {
		return nil
	}
	return d.sections[len(d.sections)-1]
}

// heading opens a section. Its level comes from its numbering (I., A.,
// 1.), not from the Markdown, which the conversion made inconsistent;
// an unnumbered heading is a part of the innermost numbered section.
func (d *doc) heading(text string) {
	s := &section{title: text, order: len(d.sections), kind: "other"}
	if m := reHeadingNum.FindStringSubmatch(text); m != nil {
		s.number, s.title = m[1], m[2]
		switch {
		case isRoman.MatchString(s.number) && d.romanNext(s.number):
			s.level, s.kind = 1, "chapter"
		case len(s.number) == 1 && s.number[0] >= 'A' && s.number[0] <= 'Z':
			s.level, s.kind = 2, "part"
		default:
			s.level, s.kind = 3, "item"
		}
	}
	for p := d.current(); p != nil; p = p.parent {
		if s.level == 0 {
			if p.number != "" || p.kind == "annex" {
				s.parent = p
				break
			}
			continue
		}
		if p.level > 0 && p.level < s.level {
			s.parent = p
			break
		}
	}
	switch {
	case text == "Annex":
		s.level, s.kind, s.parent = 1, "annex", nil
	case s.level == 0:
		s.level = 1
		if s.parent != nil {
			s.level = s.parent.level + 1
		}
		switch {
		case strings.HasPrefix(text, "Summary of deliberations"):
			s.kind = "summary"
		case strings.HasPrefix(text, "Outcome of deliberations"), text == "Recommendations":
			s.kind = "outcome"
		}
	}
	slug := s.number
	if slug == "" {
		slug = kg.Slug(s.title, 24)
	}
	s.key = slug
	if s.parent != nil {
		s.key = s.parent.key + "." + slug
	}
	s.id = kg.PartID(kg.KindSection, d.key, s.key)
	d.sections = append(d.sections, s)
}

// romanNext tells a chapter number (II after I) from a part letter that
// happens to be a Roman digit (C., D.).
func (d *doc) romanNext(n string) bool {
	last := 0
	for _, s := range d.sections {
		if s.level == 1 && s.kind == "chapter" {
			last = kg.RomanValue(s.number)
		}
	}
	return kg.RomanValue(n) == last+1
}

func (d *doc) paraID(p *para) kg.ID { return kg.PartID(kg.KindParagraph, d.key, p.ref) }

func (d *doc) recID(p *para) kg.ID { return kg.PartID(kg.KindRecommendation, d.key, p.ref) }

// isRecommendation: a lettered item under a chapeau ending in a colon, in
// an "Outcome of deliberations" or "Recommendations" section.
func (d *doc) isRecommendation(p *para) bool {
	if p.parent == nil || !strings.HasSuffix(p.parent.text, ":") {
		return false
	}
	for s := p.sec; s != nil; s = s.parent {
		if s.kind == "outcome" {
			return true
		}
	}
	return false
}

// link creates the nodes and edges of the structure and of every entity
// the gazetteer finds.
func (d *doc) link() {
	for _, s := range d.sections {
		props := map[string]string{kg.PropDocument: d.key, kg.PropLevel: fmt.Sprint(s.level),
			kg.PropOrder: fmt.Sprint(s.order), kg.PropSecKind: s.kind}
		if s.number != "" {
			props[kg.PropNumber] = s.number
		}
		d.add(kg.Node{ID: s.id, Kind: kg.KindSection, Label: s.title, Props: props})
	}
	// Structure edges carry the evidence of the first paragraph below them
	// (evidence must point at a paragraph).
	firstPara := map[*section]*para{}
	for _, p := range d.paras {
		for s := p.sec; s != nil; s = s.parent {
			if firstPara[s] == nil {
				firstPara[s] = p
			}
		}
	}
	for _, s := range d.sections {
		fp := firstPara[s]
		if fp == nil {
			continue
		}
		ev := kg.Evidence{Doc: d.key, Ref: fp.ref}
		parent := d.docID
		if s.parent != nil {
			parent = s.parent.id
		}
		d.edge(parent, kg.EdgeContains, s.id, nil, ev)
	}
	d.meetingNodes()

	for _, p := range d.paras {
		pid := d.paraID(p)
		props := map[string]string{kg.PropDocument: d.key, kg.PropRef: p.ref, kg.PropText: p.text,
			kg.PropSection: string(p.sec.id), kg.PropOrder: fmt.Sprint(p.order)}
		d.add(kg.Node{ID: pid, Kind: kg.KindParagraph, Label: citation(d, p.ref), Props: props})
		ev := kg.Evidence{Doc: d.key, Ref: p.ref}
		if p.parent != nil {
			d.edge(d.paraID(p.parent), kg.EdgeContains, pid, nil, ev)
		} else {
			d.edge(p.sec.id, kg.EdgeContains, pid, nil, ev)
		}
		found := match(p.text)
		for _, m := range found {
			d.add(m.e.node)
			d.edge(pid, kg.EdgeMentions, m.e.node.ID, nil, kg.Evidence{Doc: d.key, Ref: p.ref, Start: m.start, End: m.end})
		}
		d.participation(p, found)
		for _, sym := range symbolsIn(p.text) {
			if sym != d.key {
				cid := kg.NewID(kg.KindDocument, sym)
				d.add(kg.Node{ID: cid, Kind: kg.KindDocument, Label: sym, Props: map[string]string{kg.PropSymbol: sym}})
				d.edge(pid, kg.EdgeCites, cid, nil, ev)
			}
		}
		if d.isRecommendation(p) {
			d.recommendation(p, found)
		}
	}
}

// symbolsIn finds the UN document symbols a paragraph cites
// ("E/CN.15/2007/6", "A/CONF.241/PM.1").
func symbolsIn(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '(' || r == ')' || r == ',' || r == ';' }) {
		if w = strings.TrimRight(w, "."); reSymbol.MatchString(w) {
			out = append(out, w)
		}
	}
	return kg.SortedSet(out)
}

func citation(d *doc, ref string) string {
	if len(d.symbols) > 0 {
		return d.symbols[0] + ", para. " + ref
	}
	return "San José report, para. " + ref
}

func (d *doc) recommendation(p *para, found []hit) {
	rid := d.recID(p)
	d.add(kg.Node{ID: rid, Kind: kg.KindRecommendation, Label: citation(d, p.ref),
		Props: map[string]string{kg.PropDocument: d.key, kg.PropRef: p.ref, kg.PropText: p.text, kg.PropSection: string(p.sec.id)}})
	d.edge(p.sec.id, kg.EdgeContains, rid, nil, kg.Evidence{Doc: d.key, Ref: p.ref})
	d.edge(d.paraID(p), kg.EdgeTextOf, rid, nil, kg.Evidence{Doc: d.key, Ref: p.ref})
	for _, m := range found {
		ev := kg.Evidence{Doc: d.key, Ref: p.ref, Start: m.start, End: m.end}
		switch m.e.node.Kind {
		case kg.KindCrimeType:
			d.edge(rid, kg.EdgeAddresses, m.e.node.ID, nil, ev)
		case kg.KindInstrument:
			d.edge(rid, kg.EdgeInvokes, m.e.node.ID, nil, ev)
		case kg.KindTheme:
			d.edge(rid, kg.EdgeConcerns, m.e.node.ID, nil, ev)
		case kg.KindState, kg.KindOrganization:
			d.edge(rid, kg.EdgeNamesActor, m.e.node.ID, nil, ev)
		}
	}
	chapeau := p.parent.text
	if i := strings.Index(chapeau, "calls"); i >= 0 && strings.Contains(chapeau[i:], "upon") {
		for _, m := range match(chapeau) {
			if m.start > i && (m.e.node.Kind == kg.KindState || m.e.node.Kind == kg.KindOrganization) {
				d.edge(rid, kg.EdgeAddressedTo, m.e.node.ID, nil,
					kg.Evidence{Doc: d.key, Ref: p.parent.ref, Start: m.start, End: m.end})
			}
		}
	}
}

// meetingNodes adds the meeting the San José report is the report of, and
// the Congress it prepares.
func (d *doc) meetingNodes() {
	if d.key != SanJoseKey {
		return
	}
	var held *para
	for _, p := range d.paras {
		if strings.Contains(p.text, "was held in San José") {
			held = p
			break
		}
	}
	if held == nil {
		return
	}
	ev := kg.Evidence{Doc: d.key, Ref: held.ref}
	d.meeting = kg.NewID(kg.KindMeeting, "lac-rpm-15")
	congress := kg.NewID(kg.KindMeeting, "crime-congress-15")
	d.add(kg.Node{ID: d.meeting, Kind: kg.KindMeeting,
		Label: "Latin American and Caribbean Regional Preparatory Meeting for the Fifteenth United Nations Congress on Crime Prevention and Criminal Justice",
		Props: map[string]string{kg.PropVenue: "San José", kg.PropStart: "2025-02-04", kg.PropEnd: "2025-02-06"}})
	d.add(kg.Node{ID: congress, Kind: kg.KindMeeting,
		Label:   "Fifteenth United Nations Congress on Crime Prevention and Criminal Justice",
		Aliases: []string{"Fifteenth Congress", "Crime Congress"},
		Props:   map[string]string{kg.PropVenue: "Abu Dhabi", kg.PropStart: "2026-04-25", kg.PropEnd: "2026-04-30"}})
	for _, e := range gazetteer {
		if e.node.ID == "state:CRI" || e.node.ID == "state:ARE" {
			d.add(e.node)
		}
	}
	d.edge(d.docID, kg.EdgeReports, d.meeting, nil, ev)
	d.edge(d.meeting, kg.EdgeHeldAt, "state:CRI", nil, ev)
	d.edge(d.meeting, kg.EdgePrepares, congress, nil, ev)
}

// participation adds attendance, statements and officers from the
// paragraphs that report them.
func (d *doc) participation(p *para, found []hit) {
	if d.meeting == "" {
		return
	}
	actors := func(fn func(h hit)) {
		for _, h := range found {
			if k := h.e.node.Kind; k == kg.KindState || k == kg.KindOrganization {
				fn(h)
			}
		}
	}
	ev := func(h hit) kg.Evidence { return kg.Evidence{Doc: d.key, Ref: p.ref, Start: h.start, End: h.end} }
	switch {
	case strings.Contains(p.text, "were represented at the Meeting"):
		actors(func(h hit) {
			d.edge(h.e.node.ID, kg.EdgeAttended, d.meeting, map[string]string{kg.PropRole: "member"}, ev(h))
		})
	case strings.Contains(p.text, "represented by observers"):
		actors(func(h hit) {
			d.edge(h.e.node.ID, kg.EdgeAttended, d.meeting, map[string]string{kg.PropRole: "observer"}, ev(h))
		})
	case strings.Contains(p.text, "Statement") || strings.Contains(p.text, "statement was"):
		actors(func(h hit) { d.edge(h.e.node.ID, kg.EdgeStatement, p.sec.id, nil, ev(h)) })
	}
	for _, m := range reOfficer.FindAllStringSubmatchIndex(p.text, -1) {
		role, name, country := p.text[m[2]:m[3]], p.text[m[4]:m[5]], p.text[m[6]:m[7]]
		pid := kg.NewID(kg.KindPerson, kg.Slug(name, 40))
		d.add(kg.Node{ID: pid, Kind: kg.KindPerson, Label: name})
		e := kg.Evidence{Doc: d.key, Ref: p.ref, Start: m[4], End: m[5]}
		d.edge(pid, kg.EdgeHeldOffice, d.meeting, map[string]string{kg.PropRole: role}, e)
		for _, h := range match(country) {
			if h.e.node.Kind == kg.KindState {
				d.add(h.e.node)
				d.edge(pid, kg.EdgeRepresents, h.e.node.ID, nil, e)
			}
		}
	}
}

// hit is one gazetteer phrase found in a text, as byte offsets.
type hit struct {
	e          *entry
	start, end int
}

type phrase struct {
	text string
	e    *entry
}

// sortedPhrases is every gazetteer phrase, longest first, so that the
// longer of two overlapping names wins ("Organized Crime Convention" over
// "organized crime").
var sortedPhrases = func() []phrase {
	var out []phrase
	for i := range gazetteer {
		for _, p := range gazetteer[i].phrases {
			out = append(out, phrase{p, &gazetteer[i]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].text) > len(out[j].text) })
	return out
}()

// match finds every gazetteer phrase in text on word boundaries, without
// overlaps, in text order.
func match(text string) []hit {
	taken := make([]bool, len(text))
	var out []hit
	for _, ph := range sortedPhrases {
		for from := 0; from < len(text); {
			i := index(text[from:], ph.text, ph.e.fold)
			if i < 0 {
				break
			}
			s, e := from+i, from+i+len(ph.text)
			from = s + 1
			if !boundary(text, s, e) || anyTaken(taken, s, e) {
				continue
			}
			for k := s; k < e; k++ {
				taken[k] = true
			}
			out = append(out, hit{e: ph.e, start: s, end: e})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

func index(s, sub string, fold bool) int {
	if !fold {
		return strings.Index(s, sub)
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		ok := true
		for j := 0; j < len(sub); j++ {
			if lowerASCII(s[i+j]) != lowerASCII(sub[j]) {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func boundary(s string, start, end int) bool {
	letter := func(c byte) bool {
		return c >= 0x80 || 'a' <= lowerASCII(c) && lowerASCII(c) <= 'z' || '0' <= c && c <= '9'
	}
	return (start == 0 || !letter(s[start-1])) && (end == len(s) || !letter(s[end]))
}

func anyTaken(taken []bool, s, e int) bool {
	for k := s; k < e; k++ {
		if taken[k] {
			return true
		}
	}
	return false
}
