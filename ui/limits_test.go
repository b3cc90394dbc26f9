package ui_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// apiLimits are the caps and defaults the explorer reads from Query.limits.
type apiLimits struct {
	MaxPage           int      `json:"maxPage"`
	MaxDepth          int      `json:"maxDepth"`
	DefaultEdgeKinds  []string `json:"defaultEdgeKinds"`
	EdgeKinds         []string `json:"edgeKinds"`
	MaxPathLength     int      `json:"maxPathLength"`
	DefaultPathLength int      `json:"defaultPathLength"`
	MaxPaths          int      `json:"maxPaths"`
}

// readLimits asks the server the browser talks to for its limits.
func readLimits(t *testing.T, base string) apiLimits {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": `{ limits { maxPage maxDepth defaultEdgeKinds edgeKinds maxPathLength defaultPathLength maxPaths } }`})
	res, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Data struct {
			Limits apiLimits `json:"limits"`
		} `json:"data"`
		Errors []struct{ Message string } `json:"errors"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || len(out.Errors) > 0 {
		t.Fatalf("limits: %v %v", err, out.Errors)
	}
	l := out.Data.Limits
	if l.MaxPathLength < 2 || l.MaxDepth < 1 || len(l.DefaultEdgeKinds) == 0 || len(l.EdgeKinds) <= len(l.DefaultEdgeKinds) {
		t.Fatalf("implausible limits %+v", l)
	}
	return l
}

// upTo is 1, 2, …, n.
func upTo(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i + 1
	}
	return s
}

// The explorer's controls and requests use the API's caps and defaults
// (Query.limits), not copies of them: the path finder offers path lengths
// up to maxPathLength, starts at defaultPathLength and, without MENTIONS,
// asks for defaultEdgeKinds; the entity page offers depths up to maxDepth
// and, with MENTIONS, asks for every edge kind.
func TestBrowserReadsLimits(t *testing.T) {
	tb := newTab(t)
	lim := readLimits(t, tb.env.url)
	options := `[...document.querySelectorAll('%s option')].map(o => Number(o.value))`
	edgesOf := func(sel string) []string {
		t.Helper()
		tb.waitJS(sel, `document.querySelector('`+sel+`') !== null`)
		s := eval[string](tb, `new URL(document.querySelector('`+sel+`').href).searchParams.get('edges') || ''`)
		return strings.Split(s, ",")
	}

	tb.open("/paths?from=state%3AHTI&to=crimetype%3A0204&mentions=0")
	if got := eval[[]int](tb, strings.Replace(options, "%s", "#p-max", 1)); !slices.Equal(got, upTo(lim.MaxPathLength)) {
		t.Errorf("path lengths offered %v, want 1…%d (limits.maxPathLength)", got, lim.MaxPathLength)
	}
	if got := eval[string](tb, `document.querySelector('#p-max').value`); got != strconv.Itoa(lim.DefaultPathLength) {
		t.Errorf("path length chosen %s, want %d (limits.defaultPathLength)", got, lim.DefaultPathLength)
	}
	tb.waitJS("paths", `document.querySelectorAll('.paths-list .path').length > 0`)
	if n := eval[int](tb, `document.querySelectorAll('.paths-list .path').length`); n > lim.MaxPaths {
		t.Errorf("%d paths shown, more than limits.maxPaths %d", n, lim.MaxPaths)
	}
	if got := edgesOf(`.exports a[href^="/diagram/paths"]`); !slices.Equal(got, lim.DefaultEdgeKinds) {
		t.Errorf("paths without MENTIONS ask for edges\n%v\nwant limits.defaultEdgeKinds\n%v", got, lim.DefaultEdgeKinds)
	}

	// A length beyond the cap is brought down to it.
	tb.open("/paths?maxLength=99")
	if got := eval[string](tb, `document.querySelector('#p-max').value`); got != strconv.Itoa(lim.MaxPathLength) {
		t.Errorf("maxLength=99 chose %s, want %d (limits.maxPathLength)", got, lim.MaxPathLength)
	}

	tb.open("/entity?id=state%3AHTI")
	tb.waitJS("diagram controls", `document.querySelector('#diagram-depth') !== null`)
	if got := eval[[]int](tb, strings.Replace(options, "%s", "#diagram-depth", 1)); !slices.Equal(got, upTo(lim.MaxDepth)) {
		t.Errorf("depths offered %v, want 1…%d (limits.maxDepth)", got, lim.MaxDepth)
	}
	tb.do("include MENTIONS", chromedp.Click(chromedp.CSS("#diagram-mentions")))
	tb.waitJS("edges in the export", `(document.querySelector('.exports a[href^="/diagram/neighbourhood"]') || {href: ''}).href.includes('edges=')`)
	if got := edgesOf(`.exports a[href^="/diagram/neighbourhood"]`); !slices.Equal(got, lim.EdgeKinds) {
		t.Errorf("the neighbourhood with MENTIONS asks for edges\n%v\nwant limits.edgeKinds\n%v", got, lim.EdgeKinds)
	}
	tb.waitJS("the diagram or its message", `document.querySelector('.diagram:not([aria-busy]) svg, .diagram .notice') !== null`)
	if msg := tb.text(".diagram .notice"); msg != "" {
		t.Errorf("the neighbourhood diagram with every edge kind is not drawn: %s", msg)
	}
}
