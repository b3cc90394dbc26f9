package gazetteer

import (
	"fmt"
	"strings"
)

// A table is one parsed data file: tab-separated values with a header row,
// "#" comment lines, and a "# version: N" line that every file must carry.
// Each data file is meant to be edited by hand, so every error names the
// file and the line.
type table struct {
	name    string
	version string
	header  []string
	rows    []tableRow
	src     string // cached source()
}

// tableRow is one data line, by column name, with its line number.
type tableRow struct {
	line   int
	fields map[string]string
}

func (r tableRow) get(col string) string { return r.fields[col] }

// source is the value of the source property of the table's entries.
func (t *table) source() string {
	if t.src == "" {
		t.src = "gazetteer " + strings.TrimPrefix(t.name, "data/") + " v" + t.version
	}
	return t.src
}

// parseTable parses a data file. Trailing empty fields may be left out, so
// that an editor that trims trailing tabs does no harm; more fields than
// the header has is an error.
func parseTable(name string, data []byte, required ...string) (*table, error) {
	t := &table{name: name}
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			if v, ok := strings.CutPrefix(line, "# version:"); ok {
				t.version = strings.TrimSpace(v)
			}
			continue
		}
		fields := strings.Split(line, "\t")
		if t.header == nil {
			t.header = fields
			continue
		}
		if len(fields) > len(t.header) {
			return nil, fmt.Errorf("%s:%d: %d fields, the header has %d", name, n, len(fields), len(t.header))
		}
		m := make(map[string]string, len(t.header))
		for j, h := range t.header {
			if j < len(fields) {
				m[h] = strings.TrimSpace(fields[j])
			}
		}
		t.rows = append(t.rows, tableRow{line: n, fields: m})
	}
	if t.version == "" {
		return nil, fmt.Errorf("%s: no \"# version:\" line", name)
	}
	if t.header == nil {
		return nil, fmt.Errorf("%s: no header row", name)
	}
	have := map[string]bool{}
	for _, h := range t.header {
		have[h] = true
	}
	for _, c := range required {
		if !have[c] {
			return nil, fmt.Errorf("%s: header has no %q column", name, c)
		}
	}
	return t, nil
}

// aliasFlags say how a name is used.
type aliasFlags uint8

const (
	// flagExact: match with exactly this case ("=" prefix). Names with no
	// lower-case letter (acronyms) are exact without the prefix, so that
	// "OAS" matches and "oas" does not.
	flagExact aliasFlags = 1 << iota
	// flagLookup: a name for lookup only, never matched in running text
	// ("?" prefix): ambiguous names, or names that are also common words.
	flagLookup
	// flagCode: a code such as an ISO alpha-3 code ("#" prefix): a name for
	// lookup, never matched in running text.
	flagCode
	// flagPattern: one expansion of a pattern such as "trafficking {of|in}
	// {persons|women}" other than its plain reading ("trafficking of
	// persons", see reading): matched in running text, but not a name of
	// the entry, so not one of its node's aliases. Set by the loader,
	// never written in a data file.
	flagPattern
	// flagShared: a phrase that deliberately names several entries of one
	// kind ("&" prefix), e.g. a compound like "illicit arms and financial
	// flows"; every entry that lists it is reported.
	flagShared
)

// rawAlias is a name as written in a data file, before pattern expansion.
type rawAlias struct {
	text  string
	flags aliasFlags
}

// parseAliases splits a " | "-separated list of names. Each name may start
// with flag characters (= ? # & ~). A "|" inside {...} belongs to a pattern
// and does not split.
func parseAliases(s string) ([]rawAlias, error) {
	var out []rawAlias
	depth := 0
	start := 0
	flush := func(end int) error {
		p := strings.TrimSpace(s[start:end])
		if p == "" {
			return nil
		}
		var f aliasFlags
	flags:
		for p != "" {
			switch p[0] {
			case '=':
				f |= flagExact
			case '?':
				f |= flagLookup
			case '#':
				f |= flagCode
			case '&':
				f |= flagShared
			case '~':
				f |= flagPattern // a telling, not a name: matched, never an alias
			default:
				break flags
			}
			p = strings.TrimSpace(p[1:])
		}
		if p == "" {
			return fmt.Errorf("empty name after flags in %q", s)
		}
		out = append(out, rawAlias{text: p, flags: f})
		return nil
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth < 0 {
				return nil, fmt.Errorf("unbalanced %q in %q", s[i], s)
			}
		case '|':
			if depth == 0 {
				if err := flush(i); err != nil {
					return nil, err
				}
				start = i + 1
			}
		}
	}
	if depth != 0 {
		return nil, fmt.Errorf("unbalanced brackets in %q", s)
	}
	if err := flush(len(s)); err != nil {
		return nil, err
	}
	return out, nil
}

// maxExpansions bounds the phrases one pattern may stand for, so that a
// typo cannot blow up the index.
const maxExpansions = 256

// expand turns a pattern into the phrases it stands for: "{a|b}" is a
// choice, "[x]" an optional part and "[a|b]" an optional choice; they nest. A name without
// brackets stands for itself.
//
//	"trafficking [in persons] for {sexual exploitation|forced labour}"
//
// stands for four phrases.
func expand(p string) ([]string, error) {
	g, ok, err := firstGroup(p)
	if err != nil {
		return nil, err
	}
	if !ok {
		if !strings.Contains(p, "  ") && !strings.ContainsAny(p, "\t\n\r") && strings.TrimSpace(p) == p {
			return []string{p}, nil // the common case: a plain name
		}
		return []string{strings.Join(strings.Fields(p), " ")}, nil
	}
	choices := g.choices
	if g.optional {
		choices = append(choices, "")
	}
	var out []string
	for _, c := range choices {
		rest, err := expand(g.head + " " + c + " " + g.tail)
		if err != nil {
			return nil, err
		}
		out = append(out, rest...)
		if len(out) > maxExpansions {
			return nil, fmt.Errorf("pattern %q stands for more than %d phrases", p, maxExpansions)
		}
	}
	return out, nil
}

// reading returns a pattern's plain reading, the first choice of each
// {…} group without the optional […] parts: "[illicit] {drug|drugs}
// {trafficking|smuggling}" reads "drug trafficking". It is the name the
// pattern gives its entry; its other expansions are phrases to match. The
// pattern must be valid (see expand).
func reading(p string) string {
	g, ok, err := firstGroup(p)
	if err != nil || !ok {
		return strings.Join(strings.Fields(p), " ")
	}
	c := g.choices[0]
	if g.optional {
		c = ""
	}
	return reading(g.head + " " + c + " " + g.tail)
}

// patternGroup is the first bracketed group of a pattern.
type patternGroup struct {
	head, tail string   // the text before and after it
	choices    []string // its choices at its own level
	optional   bool     // "[…]": none of them is a choice too
}

// firstGroup finds the first bracketed group of p; ok is false when p has
// none.
func firstGroup(p string) (g patternGroup, ok bool, err error) {
	i := strings.IndexAny(p, "[{")
	if i < 0 {
		if strings.ContainsAny(p, "]}") {
			return g, false, fmt.Errorf("unbalanced brackets in %q", p)
		}
		return g, false, nil
	}
	closing := byte('}')
	if p[i] == '[' {
		closing = ']'
	}
	depth, j := 0, i
	for ; j < len(p); j++ {
		if p[j] == '[' || p[j] == '{' {
			depth++
		} else if p[j] == ']' || p[j] == '}' {
			depth--
			if depth == 0 {
				break
			}
		}
	}
	if j == len(p) || p[j] != closing {
		return g, false, fmt.Errorf("unbalanced brackets in %q", p)
	}
	g = patternGroup{head: p[:i], tail: p[j+1:], optional: p[i] == '['}
	inner := p[i+1 : j]
	depth, from := 0, 0
	for k := 0; k < len(inner); k++ {
		switch inner[k] {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		case '|':
			if depth == 0 {
				g.choices = append(g.choices, inner[from:k])
				from = k + 1
			}
		}
	}
	g.choices = append(g.choices, inner[from:])
	return g, true, nil
}

// splitList splits a simple " | " or "," separated list of keys or codes.
func splitList(s string) []string {
	f := func(r rune) bool { return r == '|' || r == ',' }
	var out []string
	for _, p := range strings.FieldsFunc(s, f) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
