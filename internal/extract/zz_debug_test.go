package extract

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/gazetteer"
)

func TestZZDebug(t *testing.T) {
	ids := os.Getenv("ZZ_IDS")
	if ids == "" {
		t.Skip()
	}
	want := map[string]bool{}
	for _, id := range strings.Split(ids, ",") {
		want[id] = true
	}
	r, err := NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	tag := r.Tagger()
	for _, f := range []string{"entities-tune.tsv", "entities-tune-b.tsv"} {
		fh, _ := os.Open("../gazetteer/testdata/" + f)
		rows, err := gazetteer.ReadEntities(fh)
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			sym := row.Symbol()
			if !want[row.ID] && !want["all"] {
				tag(row.Text, []string{sym})
				continue
			}
			tg := tag(row.Text, []string{sym})
			fmt.Printf("== %s %s\n  text: %s\n  gold orgs: %q\n  gold ct: %v\n", row.ID, row.Source, row.Text, row.Organizations, row.CrimeTypes)
			for _, o := range tg.Organizations {
				fmt.Printf("  org %s %q %q\n", o.ID, o.Label, o.Aliases[len(o.Aliases)-1])
			}
			fmt.Printf("  ct %v states %v\n", tg.CrimeTypes, tg.States)
		}
	}
}
