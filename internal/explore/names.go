package explore

import (
	"fmt"
	"slices"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Ambiguous is the error for a name several entities answer to: the one
// wording of it, for the API, diagrams and the CLI alike. It names the
// first five by ID, in ID order.
func Ambiguous(name string, ns []kg.Node) error {
	ids := make([]string, len(ns))
	for i, n := range ns {
		ids[i] = string(n.ID)
	}
	slices.Sort(ids)
	if len(ids) > 5 {
		ids = append(ids[:5], fmt.Sprintf("and %d more", len(ns)-5))
	}
	return kg.Errorf(kg.CodeInvalid, "%q names %d entities (%s): give an ID or a kind; the API's lookup lists them all", name, len(ns), strings.Join(ids, ", "))
}
