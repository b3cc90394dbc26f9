package pdftext

import (
	"context"
	"fmt"
	"io"
)

// Dump writes what Extract sees in a PDF, for looking at by eye
// (`crimegraph inspect --lines`): every physical line with its kind and
// geometry, then the Identity and the logical lines handed to the parser.
func (o Options) Dump(ctx context.Context, data []byte, w io.Writer) error {
	if err := checkBytes(data); err != nil {
		return err
	}
	pages, _, err := runPoppler(ctx, o, data)
	if err != nil {
		return err
	}
	ps := make([][]*pline, len(pages))
	for i, p := range pages {
		ps[i] = buildLines(p, i+1)
	}
	st := measure(ps)
	fmt.Fprintf(w, "body=%.2f pitch=%v\n", st.body, st.pitch)
	kinds := []string{"body", "header", "footer", "footnote", "toc", "masthead"}
	for i := range ps {
		ps[i] = mergeMarkers(ps[i])
		classify(ps[i], pages[i], st)
		fmt.Fprintf(w, "==== page %d (%.0fx%.0f)\n", i+1, pages[i].W, pages[i].H)
		for _, l := range ps[i] {
			fmt.Fprintf(w, "%-8s b%-2d x=%5.1f-%5.1f y=%5.1f base=%5.1f h=%5.2f | %s\n", kinds[l.Kind], l.Block, l.X0, l.X1, l.Y0, l.Base, l.Size, l.Text)
		}
	}
	res := assemble(pages)
	fmt.Fprintf(w, "==== identity %+v warnings %q\n", res.Identity, res.Warnings)
	for _, l := range res.Lines {
		fmt.Fprintf(w, "p%d h=%v l=%d br=%v | %s\n", l.Page, l.Heading, l.Level, l.Break, l.Text)
	}
	return nil
}
