package ui

import (
	"regexp"
	"slices"
	"strings"
)

var operationName = regexp.MustCompile(`\b(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)`)

// OperationNames are the names of the GraphQL operations the explorer's
// modules send: the server labels its metrics with these and no others, so
// a client cannot grow the label set.
func OperationNames() []string {
	loadOnce.Do(load)
	var names []string
	for p, a := range assets {
		if !strings.HasSuffix(p, ".js") {
			continue
		}
		for _, m := range operationName.FindAllSubmatch(a.body, -1) {
			names = append(names, string(m[1]))
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}
