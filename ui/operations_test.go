package ui

import (
	"slices"
	"testing"
)

func TestOperationNames(t *testing.T) {
	names := OperationNames()
	for _, want := range []string{"Home", "Entity", "Search", "TypeAhead"} {
		if !slices.Contains(names, want) {
			t.Errorf("OperationNames() = %v, lacks %s", names, want)
		}
	}
	if len(names) > 100 {
		t.Errorf("%d names", len(names))
	}
}
