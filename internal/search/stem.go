package search

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
)

// stemmerName names bleve's Snowball English stemmer with its results
// remembered. Stemming was the largest part of analysing a report (see
// docs/performance.md): Snowball builds an environment and runs its rules
// for every token, while UN reports repeat a small vocabulary
// ("trafficking", "States", "crime").
// The stems are exactly Snowball's.
const stemmerName = "crimegraph_stemmer"

// maxStems bounds the remembered stems (a few MB); past it, new words are
// stemmed every time.
const maxStems = 1 << 17

// stems maps a word to its stem, for every index of the process: a stem
// depends on the word alone.
var stems = struct {
	sync.RWMutex
	m map[string]string
}{m: make(map[string]string, 1<<12)}

type stemmer struct{}

func (stemmer) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		stems.RLock()
		stem, ok := stems.m[string(t.Term)]
		stems.RUnlock()
		if !ok {
			word := string(t.Term)
			env := snowballstem.NewEnv(word)
			english.Stem(env)
			stem = env.Current()
			stems.Lock()
			if len(stems.m) < maxStems {
				stems.m[word] = stem
			}
			stems.Unlock()
		}
		t.Term = []byte(stem)
	}
	return input
}

func init() {
	err := registry.RegisterTokenFilter(stemmerName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return stemmer{}, nil
	})
	if err != nil {
		panic("search: " + err.Error())
	}
}
