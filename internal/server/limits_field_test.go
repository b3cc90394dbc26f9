package server_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/crimegraph/crimegraph/graph"
	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/search"
)

// TestLimitsField: Query.limits reports the caps the server enforces and
// the defaults it applies — each checked against what a request meets.
func TestLimitsField(t *testing.T) {
	c := newServer(t)
	var got struct {
		Limits struct {
			MaxPage, DefaultPage, MaxDepth, MaxNodes, DefaultNodes, MaxFanout int
			MaxPathLength, DefaultPathLength, MaxPaths                        int
			MaxSearchBytes, MaxSearchWords, MaxSearchHits, MaxCells           int
			Complexity, Depth                                                 int
			DefaultEdgeKinds, EdgeKinds                                       []string
		}
	}
	c.ok(`{ limits { maxPage defaultPage maxDepth maxNodes defaultNodes maxFanout maxPathLength defaultPathLength maxPaths
  maxSearchBytes maxSearchWords maxSearchHits maxCells complexity depth defaultEdgeKinds edgeKinds } }`, nil, &got)
	l := got.Limits
	if l.Complexity != graph.DefaultLimits.Complexity || l.Depth != graph.DefaultLimits.Depth {
		t.Errorf("operation limits %d, %d", l.Complexity, l.Depth)
	}
	if slices.Contains(l.DefaultEdgeKinds, string(kg.EdgeMentions)) || !slices.Contains(l.EdgeKinds, string(kg.EdgeMentions)) ||
		len(l.DefaultEdgeKinds) != len(l.EdgeKinds)-1 {
		t.Errorf("edge kinds: default %v, all %v", l.DefaultEdgeKinds, l.EdgeKinds)
	}
	// Each cap admits its value and refuses one more.
	for _, tc := range []struct {
		name, query string
		max         int
	}{
		{"maxPage", `{ recommendations(first: %d) { totalCount } }`, l.MaxPage},
		{"maxDepth", `{ neighbourhood(id: "state:HTI", depth: %d, limit: 5) { title } }`, l.MaxDepth},
		{"maxPathLength", `{ paths(from: "state:HTI", to: "state:TUR", maxLength: %d) { length } }`, l.MaxPathLength},
	} {
		if r := c.post(fmt.Sprintf(tc.query, tc.max), nil); len(r.Errors) > 0 {
			t.Errorf("%s %d refused: %s", tc.name, tc.max, r.Raw)
		}
		if r := c.post(fmt.Sprintf(tc.query, tc.max+1), nil); len(r.Errors) == 0 {
			t.Errorf("%s %d accepted", tc.name, tc.max+1)
		}
	}
	// The defaults are those a request without the argument gets.
	var d struct {
		Recommendations struct{ Nodes []struct{ ID string } }
		Neighbourhood   struct{ Title string }
	}
	c.ok(`{ recommendations { nodes { id } } neighbourhood(id: "state:HTI") { title } }`, nil, &d)
	if len(d.Recommendations.Nodes) != l.DefaultPage {
		t.Errorf("a page without first has %d items, limits say %d", len(d.Recommendations.Nodes), l.DefaultPage)
	}
	if l.MaxPaths != explore.DefaultLimits.MaxPaths || l.DefaultPathLength != explore.DefaultPathLength ||
		l.DefaultNodes != explore.DefaultNeighbourhoodLimit || l.MaxSearchBytes != search.MaxQueryLen {
		t.Errorf("limits = %+v", l)
	}
}
