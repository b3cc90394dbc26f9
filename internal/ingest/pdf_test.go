package ingest_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/report"
	"github.com/crimegraph/crimegraph/internal/testtool"
)

// TestGoldenPDFStructure pins the structure the whole PDF path (pdftext,
// then report.Parse) reads from the two corpus PDFs. Refresh with
// make golden, and review the diff.
func TestGoldenPDFStructure(t *testing.T) {
	for _, name := range []string{"S-2025-85.pdf", "E-2025-28.pdf"} {
		t.Run(name, func(t *testing.T) {
			rep, err := ingest.Parse(ctx, source(t, name))
			if err != nil {
				t.Fatal(err)
			}
			testtool.Golden(t, filepath.Join("testdata", strings.TrimSuffix(name, ".pdf")+".structure.golden"), []byte(rep.Outline()))
		})
	}
}

// TestPDFParagraphs checks what a reader can verify in the PDFs: every
// report paragraph 1..N once and in order, no page furniture or footnote
// in any text, and the recommendations of S/2025/85 with their refs.
func TestPDFParagraphs(t *testing.T) {
	tests := []struct {
		file    string
		last    int
		symbols []string
		recs    []string
	}{
		{"S-2025-85.pdf", 62, []string{"S/2025/85"}, []string{
			"60(a)", "60(b)", "60(c)",
			"61(a)", "61(b)", "61(c)", "61(d)", "61(e)", "61(f)", "61(g)", "61(h)", "61(i)", "61(j)", "61(k)", "61(l)",
			"62(a)", "62(b)", "62(c)",
		}},
		{"E-2025-28.pdf", 174, []string{"E/2025/28", "E/CN.7/2025/11"}, nil},
	}
	noise := []string{"25-00725", "2/25", "24/25", "__________", "Please recycle", "*2500725*"}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			rep, err := ingest.Parse(ctx, source(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.symbols, rep.Symbols); d != "" {
				t.Errorf("symbols (-want +got):\n%s", d)
			}
			var numbers []int
			for _, p := range rep.Paragraphs {
				if p.Number > 0 {
					numbers = append(numbers, p.Number)
				}
			}
			for i, n := range numbers {
				if n != i+1 {
					t.Fatalf("paragraph %d is numbered %d (sequence %v...)", i+1, n, numbers[max(0, i-3):min(len(numbers), i+3)])
				}
			}
			if len(numbers) != tc.last {
				t.Errorf("%d paragraphs, want 1..%d", len(numbers), tc.last)
			}
			rep.Walk(func(p *report.Paragraph) {
				for _, s := range noise {
					if strings.Contains(p.Text, s) {
						t.Errorf("para. %s contains page furniture %q", p.Ref, s)
					}
				}
			})
			var recs []string
			for _, p := range rep.Recommendations() {
				recs = append(recs, p.Ref)
			}
			if d := cmp.Diff(tc.recs, recs); d != "" {
				t.Errorf("recommendations (-want +got):\n%s", d)
			}
		})
	}
}
