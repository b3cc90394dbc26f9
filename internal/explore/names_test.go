package explore

import (
	"fmt"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

func TestAmbiguous(t *testing.T) {
	var ns []kg.Node
	for _, k := range []string{"G", "B", "F", "A", "E", "D", "C"} {
		ns = append(ns, kg.Node{ID: kg.NewID(kg.KindState, k)})
	}
	for _, tc := range []struct {
		n    int
		want string
	}{
		{2, `"x" names 2 entities (state:B, state:G): give an ID or a kind; the API's lookup lists them all`},
		{7, `"x" names 7 entities (state:A, state:B, state:C, state:D, state:E, and 2 more): give an ID or a kind; the API's lookup lists them all`},
	} {
		err := Ambiguous("x", ns[:tc.n])
		if kg.ErrorCode(err) != kg.CodeInvalid || err.Error() != tc.want {
			t.Errorf("%d: %s %v, want %s", tc.n, kg.ErrorCode(err), err, tc.want)
		}
	}
	if fmt.Sprint(ns[0].ID) != "state:G" {
		t.Error("Ambiguous reordered its argument")
	}
}
