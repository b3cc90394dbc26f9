package model

// Limits are the server's caps and defaults (Query.limits).
type Limits struct {
	MaxPage, DefaultPage             int
	MaxDepth, MaxNodes, DefaultNodes int
	MaxFanout                        int
	DefaultEdgeKinds, EdgeKinds      []string
	MaxPathLength, DefaultPathLength int
	MaxPaths                         int
	MaxSearchBytes, MaxSearchWords   int
	MaxSearchHits, MaxCells          int
	Complexity, Depth                int
}
