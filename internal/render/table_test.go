package render

import (
	"encoding/xml"
	"strings"
	"testing"
)

func TestTableSVGIsSafeXML(t *testing.T) {
	tb := Table{
		Title:     `Crime types × sections <script>alert(1)</script>`,
		Caption:   "Counted over recommendations. Source: S/2025/85 & E/2025/28",
		Rows:      []string{"Trafficking in persons", `"quoted" <b>`},
		Cols:      []string{"II.A", "II.B.1"},
		RowLinks:  []string{"/entity?id=crimetype%3A0204", "javascript:alert(1)"},
		Counts:    [][]int{{3, 0}, {1, 7}},
		CellLinks: [][]string{{"/recommendations?crimeType=0204", ""}, {"//evil.example/", ""}},
	}
	svg := string(TableSVG(tb))
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	for _, bad := range []string{"<script", "javascript:", "//evil", "<b>"} {
		if strings.Contains(svg, bad) {
			t.Errorf("SVG contains %q", bad)
		}
	}
	for _, want := range []string{"Trafficking in persons", "&lt;script&gt;", `href="/recommendations?crimeType=0204"`, ">7<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	csv := string(TableCSV(tb))
	if want := ",II.A,II.B.1\nTrafficking in persons,3,0\n\"\"\"quoted\"\" <b>\",1,7\n"; csv != want {
		t.Errorf("CSV = %q, want %q", csv, want)
	}
}

func TestTableCSVFormulas(t *testing.T) {
	tb := Table{Rows: []string{"=HYPERLINK(\"http://x/\")", "-2"}, Cols: []string{"@SUM(1)", "+cmd|x"}, Counts: [][]int{{1, 2}, {3, 4}}}
	want := ",'@SUM(1),'+cmd|x\n\"'=HYPERLINK(\"\"http://x/\"\")\",1,2\n-2,3,4\n"
	if got := string(TableCSV(tb)); got != want {
		t.Errorf("CSV = %q, want %q", got, want)
	}
}
