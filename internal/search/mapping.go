package search

import (
	"crypto/sha256"
	"io"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// The indexed fields of a node.
const (
	fKind    = "kind"    // the node kind, as one exact term, for filtering
	fLabel   = "label"   // its name
	fAliases = "aliases" // its other names
	fCodes   = "codes"   // ISO3, ICCS code, symbols, acronym: exact, case-insensitive
	fText    = "text"    // paragraph and recommendation text
)

// The analyzers the mapping defines.
const (
	// aText folds accents ("Türkiye" meets "Turkiye"), splits words by
	// Unicode rules, lower-cases, drops English stop words and stems, so
	// that "trafficked" finds "trafficking".
	aText = "crimegraph_text"
	// aCode keeps a code whole and lower-cases it: "S/2025/85", "0204".
	aCode = "crimegraph_code"
)

func newMapping() *mapping.IndexMappingImpl {
	m := mapping.NewIndexMapping()
	must(m.AddCustomAnalyzer(aText, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{asciifolding.Name},
		"tokenizer":     unicode.Name,
		"token_filters": []any{en.PossessiveName, lowercase.Name, en.StopName, stemmerName},
	}))
	must(m.AddCustomAnalyzer(aCode, map[string]any{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []any{lowercase.Name},
	}))
	// Fields are indexed only: snippets are cut from the store's text
	// (snippet.go), so the index keeps neither the values nor their term
	// vectors, which cost an ingest CPU and disk for nothing.
	field := func(analyzer string) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fKind, field("keyword"))
	doc.AddFieldMappingsAt(fLabel, field(aText))
	doc.AddFieldMappingsAt(fAliases, field(aText))
	doc.AddFieldMappingsAt(fCodes, field(aCode))
	doc.AddFieldMappingsAt(fText, field(aText))
	// No field goes into bleve's composite "_all" field, and every query
	// names its fields; left enabled, bleve still builds the empty field
	// for every node.
	doc.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
	m.DefaultMapping = doc
	m.DefaultAnalyzer = aText
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}

func must(err error) {
	if err != nil {
		panic("search: bad index mapping: " + err.Error())
	}
}

// entry is what the index holds of a node, field by field; snippets are
// cut from the same fields.
type entry struct {
	kind, label string
	aliases     []string
	codes       []string
	text        string
}

// document returns the index entry of a node.
func document(n kg.Node) entry {
	e := entry{kind: string(n.Kind), label: n.Label, aliases: n.Aliases}
	for _, p := range kg.NameProps { // the codes: the properties that are names
		if v := n.Prop(p); v != "" {
			e.codes = append(e.codes, v)
		}
	}
	if n.Kind == kg.KindDocument || n.Kind == kg.KindInstrument {
		e.codes = append(e.codes, n.Aliases...) // symbols are aliases too
	}
	// A recommendation's text is indexed once, on the recommendation: the
	// paragraph stating it would be a second hit with the same words.
	if n.Prop(kg.PropStates) == "" {
		e.text = n.Prop(kg.PropText)
	}
	return e
}

// fields returns e as the document bleve indexes.
func (e entry) fields() map[string]any {
	d := map[string]any{fKind: e.kind, fLabel: e.label}
	if len(e.aliases) > 0 {
		d[fAliases] = e.aliases
	}
	if len(e.codes) > 0 {
		d[fCodes] = e.codes
	}
	if e.text != "" {
		d[fText] = e.text
	}
	return d
}

// fingerprint identifies an entry by its content.
func (e entry) fingerprint() string {
	h := sha256.New()
	for _, f := range [][]string{{e.kind}, {e.label}, e.aliases, e.codes, {e.text}} {
		for _, s := range f {
			io.WriteString(h, s)
			h.Write([]byte{1})
		}
		h.Write([]byte{0})
	}
	return string(h.Sum(nil))
}
