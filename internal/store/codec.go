package store

import (
	"encoding/binary"
	"errors"
	"sort"
	"time"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Records are encoded in a small length-prefixed binary form: decoding a
// node must cost a fraction of the Badger read itself (GetNode targets
// 10 µs), which rules out JSON and gob.

var errCorrupt = errors.New("corrupt record")

type enc struct{ b []byte }

func (e *enc) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) int(v int)     { e.b = binary.AppendVarint(e.b, int64(v)) }
func (e *enc) str(s string)  { e.uint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *enc) strs(ss []string) {
	e.uint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}
func (e *enc) props(m map[string]string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	e.uint(uint64(len(keys)))
	for _, k := range keys {
		e.str(k)
		e.str(m[k])
	}
}

type dec struct {
	b   []byte
	err error
}

func (d *dec) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) int() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *dec) str() string {
	n := d.uint()
	if d.err != nil || n > uint64(len(d.b)) {
		d.err = errCorrupt
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// count reads a length and checks it is plausible for the bytes left, so a
// corrupt record cannot make us allocate gigabytes.
func (d *dec) count() int {
	n := d.uint()
	if d.err == nil && n > uint64(len(d.b)) {
		d.err = errCorrupt
	}
	if d.err != nil {
		return 0
	}
	return int(n)
}

func (d *dec) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *dec) props() map[string]string {
	n := d.count()
	if n == 0 {
		return nil
	}
	m := make(map[string]string, n)
	for i := 0; i < n; i++ {
		k := d.str()
		m[k] = d.str()
	}
	return m
}

func encodeNode(n kg.Node) []byte {
	e := enc{b: make([]byte, 0, 64+len(n.Label)+16*len(n.Aliases))}
	e.str(string(n.ID))
	e.str(string(n.Kind))
	e.str(n.Label)
	e.strs(n.Aliases)
	e.props(n.Props)
	return e.b
}

func decodeNode(b []byte) (kg.Node, error) {
	d := dec{b: b}
	n := kg.Node{
		ID:      kg.ID(d.str()),
		Kind:    kg.Kind(d.str()),
		Label:   d.str(),
		Aliases: d.strs(),
		Props:   d.props(),
	}
	return n, d.err
}

// ownPartMarker is the contribution of a document to its own part
// (section, paragraph, recommendation): empty, since the part's merged
// record is the document's statement (see remerge). Every other
// contribution is an encoded node, never empty.
var ownPartMarker = []byte{}

// ownPart reports whether id is a section, paragraph or recommendation of
// document doc. A document's record of itself is not a part: other
// documents cite it, and their statements merge with its own.
func ownPart(id kg.ID, doc string) bool {
	switch id.Kind() {
	case kg.KindSection, kg.KindParagraph, kg.KindRecommendation:
		return id.DocKey() == doc
	}
	return false
}

// encodeContrib encodes what a document says about a node that is not one
// of its own parts.
func encodeContrib(n kg.Node) []byte { return encodeNode(n) }

// decodeContrib decodes document doc's contribution to node id: the
// statement, or marker when it is the empty marker of the document's own
// part. An empty value anywhere else is corrupt.
func decodeContrib(id kg.ID, doc string, b []byte) (n kg.Node, marker bool, err error) {
	if len(b) == 0 {
		if ownPart(id, doc) {
			return kg.Node{}, true, nil
		}
		return kg.Node{}, false, errCorrupt
	}
	n, err = decodeNode(b)
	return n, false, err
}

// edgeEntry is what one document says about one edge.
type edgeEntry struct {
	Doc      string
	Props    map[string]string
	Evidence []kg.Evidence
}

func encodeEdge(entries []edgeEntry) []byte {
	var e enc
	e.uint(uint64(len(entries)))
	for _, x := range entries {
		e.str(x.Doc)
		e.props(x.Props)
		e.uint(uint64(len(x.Evidence)))
		for _, ev := range x.Evidence {
			// The document of every evidence is the entry's own.
			e.str(ev.Ref)
			e.int(ev.Start)
			e.int(ev.End)
		}
	}
	return e.b
}

func decodeEdge(b []byte) ([]edgeEntry, error) {
	d := dec{b: b}
	n := d.count()
	out := make([]edgeEntry, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		x := edgeEntry{Doc: d.str(), Props: d.props()}
		m := d.count()
		x.Evidence = make([]kg.Evidence, 0, m)
		for j := 0; j < m && d.err == nil; j++ {
			x.Evidence = append(x.Evidence, kg.Evidence{Doc: x.Doc, Ref: d.str(), Start: d.int(), End: d.int()})
		}
		out = append(out, x)
	}
	return out, d.err
}

// mergeEdge folds the per-document entries into one kg.Edge. Properties
// stated by several documents resolve to the first document in key order,
// so the result does not depend on ingestion order.
func mergeEdge(from kg.ID, k kg.EdgeKind, to kg.ID, entries []edgeEntry) kg.Edge {
	e := kg.Edge{From: from, Kind: k, To: to}
	for _, x := range entries { // entries are kept sorted by Doc
		for pk, pv := range x.Props {
			if _, ok := e.Props[pk]; !ok {
				if e.Props == nil {
					e.Props = map[string]string{}
				}
				e.Props[pk] = pv
			}
		}
		e.Evidence = append(e.Evidence, x.Evidence...)
	}
	return e
}

// edgeRef names an edge in a document manifest.
type edgeRef struct {
	From kg.ID
	Kind kg.EdgeKind
	To   kg.ID
}

// manifest lists every node and edge one document supports, so that
// removing or replacing it touches exactly those.
type manifest struct {
	Nodes []kg.ID
	Edges []edgeRef
}

func encodeDoc(r kg.DocRecord) []byte {
	var e enc
	e.str(r.Key)
	e.str(r.Title)
	e.strs(r.Symbols)
	e.str(r.Source)
	e.str(r.Hash)
	e.int(int(r.IngestedAt.UnixNano()))
	e.int(r.Paragraphs)
	e.int(r.Recommendations)
	e.int(r.Nodes)
	e.int(r.Edges)
	return e.b
}

func decodeDoc(b []byte) (kg.DocRecord, error) {
	d := dec{b: b}
	r := kg.DocRecord{
		Key:     d.str(),
		Title:   d.str(),
		Symbols: d.strs(),
		Source:  d.str(),
		Hash:    d.str(),
	}
	r.IngestedAt = time.Unix(0, int64(d.int())).UTC()
	r.Paragraphs = d.int()
	r.Recommendations = d.int()
	r.Nodes = d.int()
	r.Edges = d.int()
	return r, d.err
}

func encodeManifest(m manifest) []byte {
	var e enc
	e.uint(uint64(len(m.Nodes)))
	for _, id := range m.Nodes {
		e.str(string(id))
	}
	e.uint(uint64(len(m.Edges)))
	for _, x := range m.Edges {
		e.str(string(x.From))
		e.str(string(x.Kind))
		e.str(string(x.To))
	}
	return e.b
}

func decodeManifest(b []byte) (manifest, error) {
	d := dec{b: b}
	var out manifest
	n := d.count()
	out.Nodes = make([]kg.ID, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		out.Nodes = append(out.Nodes, kg.ID(d.str()))
	}
	m := d.count()
	out.Edges = make([]edgeRef, 0, m)
	for i := 0; i < m && d.err == nil; i++ {
		out.Edges = append(out.Edges, edgeRef{From: kg.ID(d.str()), Kind: kg.EdgeKind(d.str()), To: kg.ID(d.str())})
	}
	return out, d.err
}
