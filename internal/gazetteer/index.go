package gazetteer

import (
	"fmt"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// phrase is one indexed name (or exclusion phrase) as the matcher sees it:
// its words, folded and raw, and what each raw word asks of the text.
type phrase struct {
	entry   int32
	exclude bool // an exclusion phrase of the entry, not a name
	fold    []string
	raw     []string
	rules   []caseRule
	gaps    []uint8 // gap classes between the words, see gapClass
	trail   string  // punctuation the name ends with, ")" or ".", taken into the span when the text has it too
}

// trie is a word trie over folded words, kept as one map from (node,
// word) to child so that building it costs one allocation per edge at
// most. Node 0 is the root.
type trie struct {
	next    map[trieEdge]int32
	phrases [][]int32 // per node: the phrases that end there
}

type trieEdge struct {
	node int32
	word string
}

func (t *trie) child(n int32, w string) (int32, bool) {
	c, ok := t.next[trieEdge{n, w}]
	return c, ok
}

func (t *trie) insert(words []string, ph int32) {
	n := int32(0)
	for _, w := range words {
		c, ok := t.next[trieEdge{n, w}]
		if !ok {
			c = int32(len(t.phrases))
			t.phrases = append(t.phrases, nil)
			t.next[trieEdge{n, w}] = c
		}
		n = c
	}
	t.phrases[n] = append(t.phrases[n], ph)
}

// properName reports whether names of kind k are proper names, whose
// capitalised words must be capitalised in the text too.
func properName(k kg.Kind) bool {
	return k == kg.KindState || k == kg.KindOrganization || k == kg.KindInstrument || k == kg.KindGroup
}

// leadingArticles are dropped from the front of proper names before
// indexing ("the Dominican Republic", "la República Dominicana"), so the
// span of a match starts at the name itself. Only lower-case articles
// are: "El Salvador" keeps its "El".
var leadingArticles = map[string]bool{
	"the": true, "la": true, "le": true, "les": true, "l": true,
	"el": true, "los": true, "las": true,
}

// index builds the lookup map and the trie.
func (g *Gazetteer) index() error {
	g.trie = trie{next: make(map[trieEdge]int32, 8192), phrases: make([][]int32, 1, 8192)}
	for i, e := range g.entries {
		ei := int32(i)
		for _, n := range e.names {
			toks := tokenize(n.text)
			if len(toks) == 0 {
				return fmt.Errorf("%s:%d: name %q has no words", e.file, e.line, n.text)
			}
			f := foldKey(n.text, toks)
			if l := g.byFold[f]; len(l) == 0 || l[len(l)-1] != ei {
				g.byFold[f] = append(l, ei)
			}
			if n.flags&(flagLookup|flagCode) != 0 {
				continue
			}
			g.addPhrase(e, ei, n.text, toks, n.flags, false)
		}
		for _, x := range e.exclude {
			toks := tokenize(x)
			if len(toks) == 0 {
				return fmt.Errorf("%s:%d: exclusion %q has no words", e.file, e.line, x)
			}
			g.addPhrase(e, ei, x, toks, 0, true)
		}
	}
	return nil
}

// foldKey is kg.Fold(name) computed from the name's tokens: the folded
// words joined by spaces (without one between two ideographs that touch),
// a leading or trailing "the" dropped. The tests check it agrees with
// kg.Fold for every name.
func foldKey(name string, toks []token) string {
	if len(toks) == 1 {
		if toks[0].fold == "the" {
			return "the"
		}
		return toks[0].fold
	}
	var b strings.Builder
	b.Grow(len(name))
	for i, t := range toks {
		if i > 0 && toks[i-1].end != t.start {
			b.WriteByte(' ')
		}
		b.WriteString(t.fold)
	}
	out := strings.TrimPrefix(b.String(), "the ")
	return strings.TrimSuffix(out, " the")
}

func (g *Gazetteer) addPhrase(e *entry, ei int32, text string, toks []token, flags aliasFlags, exclude bool) {
	raw, fold, gaps := words(text, toks)
	if properName(e.kind) && len(fold) > 1 && leadingArticles[raw[0]] {
		raw, fold, gaps = raw[1:], fold[1:], gaps[1:]
	}
	exact := flags&flagExact != 0 || !hasLower(text)
	rules := make([]caseRule, len(raw))
	for i, w := range raw {
		switch {
		case exact, !hasLower(w) && len(w) > 1 && !isDigits(w), isCamel(w):
			rules[i] = caseExact
		case properName(e.kind) && startsUpper(w):
			rules[i] = caseInitial
		default:
			rules[i] = caseAny
		}
	}
	p := phrase{entry: ei, exclude: exclude, fold: fold, raw: raw, rules: rules, gaps: gaps}
	if i := strings.LastIndex(text, raw[len(raw)-1]); i >= 0 {
		p.trail = strings.TrimSpace(text[i+len(raw[len(raw)-1]):])
	}
	g.phrases = append(g.phrases, p)
	g.trie.insert(fold, int32(len(g.phrases)-1))
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
