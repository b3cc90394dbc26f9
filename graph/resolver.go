package graph

//go:generate sh -c "cd .. && go tool gqlgen generate"

// Resolver is the root resolver.
type Resolver struct{}
