// Package explore answers the graph questions analysts ask of crimegraph —
// what surrounds an entity, how two entities connect, which entities occur
// together in recommendations, which recommendations match a filter — over
// any kg.Reader.
//
// It knows nothing of HTTP or GraphQL: the GraphQL resolvers and the diagram
// endpoints call the same methods, so a diagram always shows what the API
// answers. Every traversal has hard caps; a request beyond them fails with a
// kg.CodeTooLarge error, and a traversal that stops early says so with a
// Truncated flag instead of pretending to be complete.
package explore

import (
	"context"
	"sync"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Limits are the hard caps of every traversal. The zero value of a field
// means its default (see DefaultLimits).
type Limits struct {
	// MaxDepth bounds Neighbourhood's depth.
	MaxDepth int
	// MaxNodes bounds Neighbourhood's limit argument.
	MaxNodes int
	// MaxFanout bounds the edges read per node and direction in one
	// expansion; a node with more (a document containing every paragraph)
	// contributes its first MaxFanout and the result is marked truncated.
	MaxFanout int
	// MaxPathLength bounds Paths' maxLength.
	MaxPathLength int
	// MaxPaths bounds the number of shortest paths Paths enumerates.
	MaxPaths int
	// MaxVisited bounds the nodes a path search may visit before it gives
	// up with a CodeTooLarge error.
	MaxVisited int
	// MaxCells bounds rows × columns of a co-occurrence matrix.
	MaxCells int
	// MaxTextMatches bounds the recommendations a text filter may match.
	MaxTextMatches int
}

// DefaultLimits are the caps used for every zero field of Limits.
var DefaultLimits = Limits{
	MaxDepth:       3,
	MaxNodes:       1000,
	MaxFanout:      1000,
	MaxPathLength:  6,
	MaxPaths:       32,
	MaxVisited:     50000,
	MaxCells:       250000,
	MaxTextMatches: 10000,
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set(&l.MaxDepth, d.MaxDepth)
	set(&l.MaxNodes, d.MaxNodes)
	set(&l.MaxFanout, d.MaxFanout)
	set(&l.MaxPathLength, d.MaxPathLength)
	set(&l.MaxPaths, d.MaxPaths)
	set(&l.MaxVisited, d.MaxVisited)
	set(&l.MaxCells, d.MaxCells)
	set(&l.MaxTextMatches, d.MaxTextMatches)
	return l
}

// TextMatcher finds the nodes of one kind whose text matches every word of
// a user's text. The search index implements it; explore does not depend
// on any full-text library.
type TextMatcher interface {
	// MatchIDs returns at most max IDs, or a CodeTooLarge error when more
	// match.
	MatchIDs(ctx context.Context, text string, kind kg.Kind, max int) ([]kg.ID, error)
}

// Options configure an Explorer.
type Options struct {
	// Text answers the text part of a recommendation filter; without it a
	// text filter fails with CodeUnavailable.
	Text TextMatcher
	// Limits are the traversal caps.
	Limits Limits
}

// Explorer answers graph questions over one store. It is safe for
// concurrent use. It keeps one derived structure, the index of
// recommendations and what they link to, rebuilt whenever the graph
// version changes.
type Explorer struct {
	r    kg.Reader
	text TextMatcher
	lim  Limits

	mu   sync.Mutex // guards recs and serialises its rebuilds
	recs *recIndex

	docMu  sync.Mutex // guards docIdx and serialises its rebuilds
	docIdx *docIndex

	simMu  sync.Mutex // guards simIdx and serialises its rebuilds
	simIdx *simIndex

	tlMu sync.Mutex // guards tl
	tl   *timelineCache

	profMu      sync.Mutex // guards profs
	profVersion uint64
	profs       map[kg.ID]*profile // what each document names, of graph version profVersion
}

// New returns an Explorer over r.
func New(r kg.Reader, opts Options) *Explorer {
	return &Explorer{r: r, text: opts.Text, lim: opts.Limits.withDefaults()}
}

// Limits returns the caps in force, for documentation and error messages.
func (x *Explorer) Limits() Limits { return x.lim }

// DefaultEdgeKinds is every edge kind except MENTIONS. Paragraphs mention
// hundreds of entities, so a neighbourhood that follows MENTIONS by default
// drowns every other relation; callers ask for MENTIONS explicitly.
var DefaultEdgeKinds = func() []kg.EdgeKind {
	var out []kg.EdgeKind
	for _, k := range kg.EdgeKinds {
		if k != kg.EdgeMentions {
			out = append(out, k)
		}
	}
	return out
}()

// other returns the end of e that is not id.
func other(e kg.Edge, id kg.ID) kg.ID {
	if e.From == id {
		return e.To
	}
	return e.From
}

func kindSet(kinds []kg.Kind) map[kg.Kind]bool {
	if len(kinds) == 0 {
		return nil
	}
	m := make(map[kg.Kind]bool, len(kinds))
	for _, k := range kinds {
		m[k] = true
	}
	return m
}

func validEdgeKinds(kinds []kg.EdgeKind) error {
	for _, k := range kinds {
		if !k.Valid() {
			return kg.Errorf(kg.CodeInvalid, "unknown edge kind %q", string(k))
		}
	}
	return nil
}

func validKinds(kinds []kg.Kind) error {
	for _, k := range kinds {
		if !k.Valid() {
			return kg.Errorf(kg.CodeInvalid, "unknown entity kind %q", string(k))
		}
	}
	return nil
}

// ctxErr turns a cancelled context into a coded error.
func ctxErr(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return kg.Wrap(kg.CodeTimeout, err, "request timed out")
	}
	return nil
}

// neighbours returns the edges of id in both directions restricted to
// kinds, at most fanout per direction, and whether any direction had more.
func (x *Explorer) neighbours(ctx context.Context, id kg.ID, kinds []kg.EdgeKind) ([]kg.Edge, bool, error) {
	var out []kg.Edge
	truncated := false
	for _, dir := range []kg.Direction{kg.Out, kg.In} {
		page, err := x.r.Edges(ctx, id, kg.EdgeQuery{Dir: dir, Kinds: kinds, First: x.lim.MaxFanout})
		if err != nil {
			return nil, false, err
		}
		out = append(out, page.Edges...)
		truncated = truncated || page.HasNext
	}
	return out, truncated, nil
}
