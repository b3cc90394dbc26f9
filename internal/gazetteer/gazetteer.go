// Package gazetteer holds crimegraph's lists of known entities — the States,
// organizations, crime types, instruments and themes that UN documents on
// crime prevention and criminal justice name — and finds them in text.
//
// The lists are human-edited, versioned TSV files under data/, embedded in
// the binary. Load parses them once; the result is immutable and safe for
// concurrent use. Match finds every listed name in a text, leftmost-longest,
// on word boundaries, with byte offsets into the original text; it is
// accent-tolerant ("Turkiye" finds Türkiye), case-insensitive for ordinary
// words, demands a capital for proper names ("Chad", not "chad") and the very
// letters for acronyms ("OAS", not "oas"). Names a crime type shares with a
// neighbour in a list are recovered too ("drug" in "drug and precursor
// trafficking").
//
// Beside the lists, the package recognises what is found by shape rather than
// by name: resolution citations (Resolutions), UN document symbols (Symbols)
// and acronym definitions (Acronyms).
package gazetteer

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// The States table is generated from the public country-codes dataset and
// the override table; the output is committed, so the build needs neither.
//go:generate go run ./internal/genstates -csv data/source/country-codes.csv -overrides data/states-overrides.tsv -out data/states.tsv

//go:embed data/states.tsv data/organizations.tsv data/crimetypes.tsv data/instruments.tsv data/themes.tsv data/sdg-targets.tsv data/groups.tsv data/institutions.tsv
var dataFS embed.FS

// Property names the gazetteer writes beside the kg.Prop* ones.
const (
	PropParent       = "parent"             // CrimeType: ID of the broader crime type (SUBTYPE_OF)
	PropICCSName     = "iccsName"           // CrimeType: the ICCS name of the code in PropICCS
	PropAddresses    = "addresses"          // Instrument: IDs of the crime types it is about, comma-separated
	PropIntermediate = "intermediateRegion" // State: M49 intermediate region
	PropNote         = "note"               // any: a curator's note
	PropAffiliate    = "affiliate"          // Group: ID of the group the list says it is an affiliate of
)

// Gazetteer is the parsed lists and the index over their names.
type Gazetteer struct {
	entries  []*entry
	byID     map[kg.ID]*entry
	byFold   map[string][]int32 // kg.Fold(name) → entries, for Lookup
	trie     trie
	phrases  []phrase
	versions map[string]string // data file → version
	sdg      map[string]string // SDG target → title

	panelsOnce sync.Once
	panels     map[string]kg.ID // resolution number → the panel or group of experts it set up; "Committee N" → the committee (sanctions.go)
}

// entry is one listed entity.
type entry struct {
	id      kg.ID
	kind    kg.Kind
	key     string
	label   string
	names   []name   // every name, the label first, patterns expanded
	exclude []string // phrases in which a match is not a mention of the entry
	props   map[string]string
	node    kg.Node
	file    string
	line    int
}

// name is one expanded name of an entry.
type name struct {
	text  string
	flags aliasFlags
}

var loadOnce = sync.OnceValues(load)

// Load returns the gazetteer built from the embedded data files. The files
// are parsed on the first call only; every call returns the same immutable
// value.
func Load() (*Gazetteer, error) { return loadOnce() }

func load() (*Gazetteer, error) {
	g := &Gazetteer{
		byID:     map[kg.ID]*entry{},
		byFold:   make(map[string][]int32, 4096),
		versions: map[string]string{},
		sdg:      map[string]string{},
	}
	if err := g.loadSDG("data/sdg-targets.tsv"); err != nil {
		return nil, err
	}
	loaders := []struct {
		file string
		fn   func(*table) error
	}{
		{"data/states.tsv", g.loadStates},
		{"data/organizations.tsv", g.loadOrganizations},
		{"data/groups.tsv", g.loadGroups},
		{"data/institutions.tsv", g.loadInstitutions},
		{"data/crimetypes.tsv", g.loadCrimeTypes},
		{"data/instruments.tsv", g.loadInstruments},
		{"data/themes.tsv", g.loadThemes},
	}
	for _, l := range loaders {
		data, err := dataFS.ReadFile(l.file)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
		t, err := parseTable(l.file, data)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
		g.versions[strings.TrimPrefix(l.file, "data/")] = t.version
		if err := l.fn(t); err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
	}
	if err := g.validate(); err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	if err := g.index(); err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	return g, nil
}

// Version identifies the data the gazetteer was built from, e.g.
// "crimetypes=3 instruments=2 ...": stores and caches can key on it.
func (g *Gazetteer) Version() string {
	keys := make([]string, 0, len(g.versions))
	for k := range g.versions {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = strings.TrimSuffix(k, ".tsv") + "=" + g.versions[k]
	}
	return strings.Join(parts, " ") + " sha256=" + dataDigest()
}

// dataDigest is a short digest of every embedded data file, so that an
// edited entry changes Version even where its file's version line was not
// bumped.
var dataDigest = sync.OnceValue(func() string {
	h := sha256.New()
	fs.WalkDir(dataFS, "data", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := dataFS.ReadFile(path)
			h.Write([]byte(path))
			h.Write(b)
		}
		return nil
	})
	h.Write([]byte(demonymsTSV))
	return hex.EncodeToString(h.Sum(nil))[:12]
})

// Node returns the graph node of a gazetteer entry: its ID, label, every
// other name (codes included) and its properties. The node is a copy the
// caller may change.
func (g *Gazetteer) Node(id kg.ID) (kg.Node, bool) {
	e, ok := g.byID[id]
	if !ok {
		return kg.Node{}, false
	}
	return cloneNode(e.node), true
}

// Nodes returns the nodes of every entry of one kind, sorted by ID.
func (g *Gazetteer) Nodes(kind kg.Kind) []kg.Node {
	var out []kg.Node
	for _, e := range g.entries {
		if e.kind == kind {
			out = append(out, cloneNode(e.node))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the entries one of whose names (labels, aliases, codes,
// names in the six official languages) folds like name, optionally only of
// the given kinds, sorted. More than one ID means the name is ambiguous.
func (g *Gazetteer) Lookup(name string, kinds ...kg.Kind) []kg.ID {
	var out []kg.ID
	for _, i := range g.byFold[kg.Fold(name)] {
		e := g.entries[i]
		if len(kinds) == 0 || hasKind(kinds, e.kind) {
			out = append(out, e.id)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// SDGTarget returns the title of an SDG target ("16.4"), as the gazetteer's
// sdg-targets table gives it.
func (g *Gazetteer) SDGTarget(target string) (string, bool) {
	t, ok := g.sdg[target]
	return t, ok
}

func hasKind(kinds []kg.Kind, k kg.Kind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

func cloneNode(n kg.Node) kg.Node {
	n.Aliases = append([]string(nil), n.Aliases...)
	p := make(map[string]string, len(n.Props))
	for k, v := range n.Props {
		p[k] = v
	}
	n.Props = p
	return n
}

// add registers an entry read from a table row. aliases and exclude are
// the raw column values.
func (g *Gazetteer) add(t *table, r tableRow, kind kg.Kind, key, label, aliases, exclude string, props map[string]string) error {
	where := func() string { return fmt.Sprintf("%s:%d", t.name, r.line) }
	if key == "" {
		return fmt.Errorf("%s: empty key", where())
	}
	if strings.TrimSpace(label) == "" {
		return fmt.Errorf("%s: %s has an empty label", where(), key)
	}
	e := &entry{
		id: kg.NewID(kind, key), kind: kind, key: key, label: label,
		file: t.name, line: r.line,
	}
	if _, dup := g.byID[e.id]; dup {
		return fmt.Errorf("%s: key %q is listed twice", where(), key)
	}
	raws, err := parseAliases(aliases)
	if err != nil {
		return fmt.Errorf("%s: %w", where(), err)
	}
	raws = append([]rawAlias{{text: label}}, raws...)
	e.names = make([]name, 0, len(raws))
	for _, ra := range raws {
		texts, err := expand(ra.text)
		if err != nil {
			return fmt.Errorf("%s: %w", where(), err)
		}
		plain := ra.text
		if strings.ContainsAny(ra.text, "[{") {
			plain = reading(ra.text)
		}
	next:
		for _, s := range texts {
			flags := ra.flags
			if s != plain {
				flags |= flagPattern
			}
			for i, n := range e.names {
				if n.text == s {
					if flags&flagPattern == 0 {
						e.names[i].flags &^= flagPattern // also a name
					}
					continue next
				}
			}
			e.names = append(e.names, name{text: s, flags: flags})
		}
	}
	ex, err := parseAliases(exclude)
	if err != nil {
		return fmt.Errorf("%s: %w", where(), err)
	}
	for _, x := range ex {
		texts, err := expand(x.text)
		if err != nil {
			return fmt.Errorf("%s: %w", where(), err)
		}
		e.exclude = append(e.exclude, texts...)
	}
	e.props = make(map[string]string, len(props)+1)
	e.props[kg.PropSource] = t.source()
	for k, v := range props {
		if v != "" {
			e.props[k] = v
		}
	}
	g.byID[e.id] = e
	g.entries = append(g.entries, e)
	return nil
}

// buildNode fills e.node once every entry is known. The node's aliases are
// the entry's names and the plain readings of its patterns; the other
// expansions only serve matching, since "trafficked {women|children}"
// yields phrases, not names, and a crime type listed with hundreds of them
// carried them into every store record, name index and search index it
// reached.
func (e *entry) buildNode() {
	var aliases []string
	for _, n := range e.names[1:] {
		if n.text != e.label && n.flags&flagPattern == 0 {
			aliases = append(aliases, n.text)
		}
	}
	e.node = kg.Node{
		ID:      e.id,
		Kind:    e.kind,
		Label:   e.label,
		Aliases: kg.SortedSet(aliases),
		Props:   e.props,
	}
}
