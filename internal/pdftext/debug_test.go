package pdftext

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestDebugDump writes the physical lines and the logical lines of the PDF
// named by PDFTEXT_DUMP, for looking at by eye.
func TestDebugDump(t *testing.T) {
	path := os.Getenv("PDFTEXT_DUMP")
	if path == "" {
		t.Skip("set PDFTEXT_DUMP=file.pdf")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pages, _, err := runPoppler(context.Background(), DefaultOptions(), data)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	ps := make([][]*pline, len(pages))
	for i, p := range pages {
		ps[i] = buildLines(p, i+1)
	}
	st := measure(ps)
	fmt.Fprintf(&b, "body=%.2f pitch=%v\n", st.body, st.pitch)
	for i := range ps {
		ps[i] = mergeMarkers(ps[i])
		classify(ps[i], pages[i], st)
		fmt.Fprintf(&b, "==== page %d (%.0fx%.0f)\n", i+1, pages[i].W, pages[i].H)
		for _, l := range ps[i] {
			fmt.Fprintf(&b, "%d b%-2d x=%5.1f-%5.1f y=%5.1f base=%5.1f h=%5.2f tx=%5.1f mg=%4.1f | %s\n", l.Kind, l.Block, l.X0, l.X1, l.Y0, l.Base, l.Size, l.TextX, l.MarkerGap, l.Text)
		}
	}
	res := assemble(pages)
	fmt.Fprintf(&b, "==== identity %+v warnings %q\n", res.Identity, res.Warnings)
	for _, l := range res.Lines {
		fmt.Fprintf(&b, "p%d h=%v l=%d br=%v | %s\n", l.Page, l.Heading, l.Level, l.Break, l.Text)
	}
	out := os.Getenv("PDFTEXT_OUT")
	if out == "" {
		out = "/tmp/pdftext-dump.txt"
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
