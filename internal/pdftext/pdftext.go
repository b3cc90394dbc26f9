// Package pdftext turns a UN document in PDF into what the structure parser
// (package report) reads: the document's Identity and its logical Lines,
// one per paragraph, heading or list item, with the layout noise of the UN
// document family removed (running headers and footers, job numbers and
// barcodes, footnotes and footnote reference numbers, tables of contents,
// words broken across lines).
//
// Text and geometry come from poppler's `pdftotext -bbox-layout` (Debian
// package poppler-utils), run as a subprocess: every word with its box, in
// poppler's reading order. The choice, and how it was measured against
// PDFium and a pure-Go reader, is in docs/pdf-extraction.md. Everything
// after the subprocess is pure Go and works on the geometry: a footnote
// reference is a small raised word, a footnote is what stands below the
// "________" rule, a heading is set in a larger font or stands alone.
package pdftext

import (
	"context"
	"os"
	"os/exec"
	"time"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
)

// Result is what Extract reads from one PDF.
type Result struct {
	Identity report.Identity
	Lines    []report.Line // logical lines in reading order, layout noise removed
	Pages    int
	Warnings []string // oddities worth a log line: pages without text, a missing date
}

// Options configure extraction. The zero value is not ready to use; start
// from DefaultOptions.
type Options struct {
	// Tool is the pdftotext executable, a name looked up in PATH or a path.
	Tool string
	// Timeout bounds one extraction; the subprocess is killed when it runs out.
	Timeout time.Duration
	// MaxInput is the largest PDF accepted, in bytes.
	MaxInput int64
	// MaxOutput bounds what pdftotext may write, in bytes; a 212-page report
	// writes 15 MB.
	MaxOutput int64
	// Processes bounds how many pdftotext processes read a long document's
	// pages at once; 0: one per core, at most 4. A caller that reads
	// several documents at once gives 1: cutting a document into page
	// ranges costs each range's process the fonts and the page tree again
	// (a tenth more CPU over corpus-2025).
	Processes int
}

// waitDelay is how long Wait waits for the killed tool's pipes to close.
const waitDelay = 2 * time.Second

// DefaultOptions are right for the UN documents crimegraph reads: a
// 200-page report takes about 1.5 s.
func DefaultOptions() Options {
	return Options{Tool: "pdftotext", Timeout: 60 * time.Second, MaxInput: 200 << 20, MaxOutput: 512 << 20}
}

// WithTool returns o using the pdftotext executable at path.
func (o Options) WithTool(path string) Options { o.Tool = path; return o }

// WithTimeout returns o with a different bound on one extraction.
func (o Options) WithTimeout(d time.Duration) Options { o.Timeout = d; return o }

// Extract reads the PDF at path with DefaultOptions.
func Extract(ctx context.Context, path string) (*Result, error) {
	return DefaultOptions().Extract(ctx, path)
}

// ExtractBytes reads a PDF held in memory with DefaultOptions.
func ExtractBytes(ctx context.Context, data []byte) (*Result, error) {
	return DefaultOptions().ExtractBytes(ctx, data)
}

// Check reports whether the pdftotext tool is installed, as a CodeUnavailable
// error naming the Debian package when it is not. Servers call it at start.
func (o Options) Check() error {
	_, err := o.lookTool()
	return err
}

func (o Options) lookTool() (string, error) {
	tool := o.Tool
	if tool == "" {
		tool = "pdftotext"
	}
	p, err := exec.LookPath(tool)
	if err != nil {
		return "", &kg.Error{
			Code:    kg.CodeUnavailable,
			Message: "pdftotext is not installed: install the Debian package " + DebianPackage + " (apt-get install -y " + DebianPackage + ")",
			Err:     err,
		}
	}
	return p, nil
}

// Extract reads the PDF at path.
func (o Options) Extract(ctx context.Context, path string) (res *Result, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, kg.Wrap(kg.CodeNotFound, err, "cannot read "+path)
	}
	if fi.Size() > o.MaxInput {
		return nil, kg.Errorf(kg.CodeTooLarge, "%s is %d bytes, more than the %d accepted", path, fi.Size(), o.MaxInput)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, kg.Wrap(kg.CodeNotFound, err, "cannot read "+path)
	}
	return o.ExtractBytes(ctx, data)
}

// ExtractBytes reads a PDF held in memory. Errors are *kg.Error: CodeUnsupported
// for a file that is not a readable PDF (errors.Is tells the reason: ErrNotPDF,
// ErrEncrypted, ErrDamaged, ErrScanned, ErrEmpty), CodeUnavailable when
// pdftotext is missing, CodeTimeout when ctx or the timeout ends the run.
func (o Options) ExtractBytes(ctx context.Context, data []byte) (*Result, error) {
	if int64(len(data)) > o.MaxInput {
		return nil, kg.Errorf(kg.CodeTooLarge, "PDF is %d bytes, more than the %d accepted", len(data), o.MaxInput)
	}
	if err := checkBytes(data); err != nil {
		return nil, err
	}
	if o.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.Timeout)
		defer cancel()
	}
	pages, warnings, err := runPoppler(ctx, o, data)
	if err != nil {
		return nil, err
	}
	words, empty := 0, 0
	for _, p := range pages {
		if len(p.Lines) == 0 {
			empty++
		}
		for _, l := range p.Lines {
			words += len(l.Words)
		}
	}
	switch {
	case len(pages) == 0:
		return nil, unsupported(ErrEmpty, "PDF has no pages")
	case words == 0 && hasImages(data):
		return nil, unsupported(ErrScanned, "PDF has no text layer: its %d page(s) are images (scanned); run OCR first", len(pages))
	case words == 0:
		return nil, unsupported(ErrEmpty, "PDF has %d page(s) but no text", len(pages))
	}
	res := assemble(pages)
	res.Warnings = append(warnings, res.Warnings...)
	if empty > 0 {
		res.Warnings = append(res.Warnings, pluralPages(empty, len(pages)))
	}
	return res, nil
}
