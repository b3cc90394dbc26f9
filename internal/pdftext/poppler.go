package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// DebianPackage is the package that provides the pdftotext tool.
const DebianPackage = "poppler-utils"

// The reasons a document is refused, as sentinel causes so that callers and
// tests can tell them apart with errors.Is; every one is wrapped in a
// *kg.Error with CodeUnsupported.
var (
	ErrNotPDF    = errors.New("not a PDF file")
	ErrEncrypted = errors.New("PDF is encrypted")
	ErrDamaged   = errors.New("PDF is truncated or damaged")
	ErrScanned   = errors.New("PDF has no text layer (scanned pages)")
	ErrEmpty     = errors.New("PDF contains no text")
)

func unsupported(cause error, format string, args ...any) error {
	return &kg.Error{Code: kg.CodeUnsupported, Message: fmt.Sprintf(format, args...), Err: cause}
}

// checkBytes refuses what is plainly not a readable PDF before a process is
// started for it: poppler would "reconstruct" a truncated file and extract
// what it could, silently losing the end of the report.
func checkBytes(data []byte) error {
	if len(data) == 0 {
		return unsupported(ErrEmpty, "empty file")
	}
	head := data[:min(len(data), 1024)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		return unsupported(ErrNotPDF, "not a PDF file (no %%PDF- header)")
	}
	tail := data[max(0, len(data)-4096):]
	if !bytes.Contains(tail, []byte("%%EOF")) {
		return unsupported(ErrDamaged, "PDF is truncated (no %%%%EOF marker at the end of the file)")
	}
	return nil
}

// hasImages reports whether the file holds an image XObject. Image
// dictionaries belong to stream objects, which PDF never puts inside
// compressed object streams, so they are visible in the raw bytes.
func hasImages(data []byte) bool {
	return bytes.Contains(data, []byte("/Image")) || bytes.Contains(data, []byte("/DCTDecode"))
}

// runPoppler runs pdftotext -bbox-layout on data (fed on standard input) and
// parses its output as it streams. ctx bounds the run: when it ends, the
// process is killed.
func runPoppler(ctx context.Context, o Options, data []byte) ([]rawPage, []string, error) {
	tool, err := o.lookTool()
	if err != nil {
		return nil, nil, err
	}
	// pdftotext uses one core. A long document is cut into page ranges
	// read by one process each, at the same time: on two cores E/2025/28
	// takes 170 ms instead of 310 ms. pdfinfo tells the page count (10 ms).
	parts := min(runtime.NumCPU(), maxParts)
	if o.Processes > 0 {
		parts = min(parts, o.Processes)
	}
	if parts > 1 && len(data) >= parallelBytes {
		if n, err := pageCount(ctx, tool, data); err == nil && n >= parts*minPagesPerPart {
			return runParallel(ctx, o, tool, data, n, parts)
		}
	}
	return runRange(ctx, o, tool, data, 0, 0)
}

// The thresholds of parallel extraction: below them a second process costs
// more than it saves.
const (
	parallelBytes   = 128 << 10
	minPagesPerPart = 6
	maxParts        = 4
)

// pageCount asks pdfinfo (same Debian package) for the number of pages.
func pageCount(ctx context.Context, tool string, data []byte) (int, error) {
	info := filepath.Join(filepath.Dir(tool), "pdfinfo")
	cmd := exec.CommandContext(ctx, info, "-")
	cmd.Stdin = bytes.NewReader(data)
	cmd.WaitDelay = waitDelay
	out, err := cmd.Output()
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			return strconv.Atoi(strings.TrimSpace(v))
		}
	}
	return 0, fmt.Errorf("pdfinfo printed no page count")
}

// runParallel reads pages 1..n in parts ranges at once and joins them in
// order. Any part's error is the whole read's error.
func runParallel(ctx context.Context, o Options, tool string, data []byte, n, parts int) ([]rawPage, []string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		pages    []rawPage
		warnings []string
		err      error
	}
	results := make([]result, parts)
	var wg sync.WaitGroup
	per := (n + parts - 1) / parts
	for i := 0; i < parts; i++ {
		first, last := i*per+1, min((i+1)*per, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := &results[i]
			r.pages, r.warnings, r.err = runRange(ctx, o, tool, data, first, last)
			if r.err != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	var pages []rawPage
	var warnings []string
	for _, r := range results {
		if r.err != nil && !errors.Is(r.err, context.Canceled) {
			return nil, nil, r.err
		}
	}
	for _, r := range results {
		if r.err != nil {
			return nil, nil, r.err
		}
		pages = append(pages, r.pages...)
		warnings = append(warnings, r.warnings...)
	}
	return pages, kg.SortedSet(warnings), nil
}

// runRange reads pages first..last (all when both are 0).
func runRange(ctx context.Context, o Options, tool string, data []byte, first, last int) ([]rawPage, []string, error) {
	args := []string{"-bbox-layout", "-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	cmd := exec.CommandContext(ctx, tool, append(args, "-", "-")...)
	cmd.Stdin = bytes.NewReader(data)
	cmd.WaitDelay = waitDelay
	var stderr boundedBuffer
	stderr.max = 64 << 10
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, kg.Wrap(kg.CodeInternal, err, "pdftotext: stdout pipe")
	}
	if err := cmd.Start(); err != nil {
		if cerr := ctxError(ctx, o); cerr != nil {
			return nil, nil, cerr
		}
		return nil, nil, kg.Wrap(kg.CodeUnavailable, err, "cannot start pdftotext")
	}
	limited := &io.LimitedReader{R: out, N: o.MaxOutput + 1}
	pages, perr := parseBBox(limited)
	if perr == nil && limited.N <= 0 {
		perr = kg.Errorf(kg.CodeTooLarge, "pdftotext wrote more than %d bytes; the document is too large", o.MaxOutput)
	}
	if perr != nil {
		// Stop the tool before waiting for it: it may block on a full pipe.
		_ = cmd.Process.Kill()
		_, _ = io.Copy(io.Discard, out)
	}
	werr := cmd.Wait()
	if cerr := ctxError(ctx, o); cerr != nil {
		return nil, nil, cerr
	}
	if perr != nil {
		if ke := (*kg.Error)(nil); errors.As(perr, &ke) {
			return nil, nil, perr
		}
		return nil, nil, unsupported(ErrDamaged, "cannot read pdftotext output: %v", perr)
	}
	msg := strings.TrimSpace(stderr.String())
	if werr != nil {
		return nil, nil, classifyFailure(werr, msg)
	}
	var warnings []string
	if msg != "" {
		n := strings.Count(msg, "\n") + 1
		warnings = append(warnings, fmt.Sprintf("pdftotext reported %d problem(s), first: %s", n, firstLine(msg)))
	}
	return pages, warnings, nil
}

// ctxError reports the end of ctx as a CodeTimeout error that still
// matches context.DeadlineExceeded or context.Canceled.
func ctxError(ctx context.Context, o Options) error {
	cerr := ctx.Err()
	switch {
	case cerr == nil:
		return nil
	case errors.Is(cerr, context.DeadlineExceeded):
		return &kg.Error{Code: kg.CodeTimeout, Message: fmt.Sprintf("pdftotext did not finish within %s", o.Timeout), Err: cerr}
	}
	return &kg.Error{Code: kg.CodeTimeout, Message: "PDF extraction cancelled", Err: cerr}
}

// classifyFailure turns a failed pdftotext run into a kg error. Exit
// statuses are documented in pdftotext(1): 1 opening the PDF, 3 permissions.
func classifyFailure(werr error, stderr string) error {
	low := strings.ToLower(stderr)
	code := -1
	var ee *exec.ExitError
	if errors.As(werr, &ee) {
		code = ee.ExitCode()
	}
	switch {
	case strings.Contains(low, "password") || strings.Contains(low, "encrypt") || code == 3:
		return unsupported(ErrEncrypted, "PDF is encrypted or forbids text extraction")
	case code == 1 || strings.Contains(low, "damaged") || strings.Contains(low, "xref") || strings.Contains(low, "trailer"):
		return unsupported(ErrDamaged, "PDF is damaged and cannot be read (pdftotext: %s)", firstLine(stderr))
	}
	return &kg.Error{Code: kg.CodeInternal, Message: "pdftotext failed: " + firstLine(stderr), Err: werr}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// boundedBuffer keeps the first max bytes written to it and drops the rest,
// so a tool that floods its standard error cannot exhaust memory.
type boundedBuffer struct {
	bytes.Buffer
	max int
}

func (b *boundedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
