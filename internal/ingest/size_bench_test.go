package ingest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/ingest"
)

// longReport is a meeting report of n numbered paragraphs, each naming the
// same States and crime types: the evidence of the document-wide facts
// grows with n, as in a long real report.
func longReport(n int) ingest.Source {
	var b strings.Builder
	b.WriteString("## Fifteenth United Nations Congress on Crime Prevention and Criminal Justice\n\n" +
		"### Report of the Synthetic Regional Preparatory Meeting for the Fifteenth United Nations Congress on Crime Prevention and Criminal Justice, held in Bangkok, from 1 to 3 March 2025\n\n" +
		"## I. Introduction\n\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%d. The representative of Türkiye spoke on trafficking in persons and the smuggling of migrants, and Mexico on corruption.\n\n", i)
	}
	return ingest.Source{Name: fmt.Sprintf("long-%d.md", n), Data: []byte(b.String())}
}

// BenchmarkIngestParagraphs ingests one document of 10², 10³ and 2.5·10³
// dense paragraphs (parse, extract, store, index): time and memory must
// grow linearly. More does not fit in the one atomic write a document gets
// (TestTooLargeForOneWrite); BenchmarkEvidenceMerge in internal/store takes
// the merge alone to 10⁵. docs/reliability.md has the tables.
func BenchmarkIngestParagraphs(b *testing.B) {
	for _, n := range []int{100, 1000, 2500} {
		src := longReport(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				f, closeFixture := openFixture(b)
				b.StartTimer()
				if _, err := f.in.Ingest(ctx, src); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				closeFixture()
				b.StartTimer()
			}
		})
	}
}
