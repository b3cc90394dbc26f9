package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
	"github.com/crimegraph/crimegraph/internal/testtool"
)

// corpusDir holds the documents the project ships; corpus-extra is the
// shared robustness set, present on developer machines and CI.
const (
	corpusDir = "../corpus/files"
	extraDir  = "../../../shared/corpus-extra"
)

func needTool(t testing.TB) {
	t.Helper()
	if err := DefaultOptions().Check(); err != nil {
		t.Fatalf("%v (the Makefile installs it)", err)
	}
}

// extracted caches one extraction per file: the tests below look at the
// same two documents from several sides.
var extracted = map[string]*Result{}

func extract(t *testing.T, name string) *Result {
	t.Helper()
	needTool(t)
	if r, ok := extracted[name]; ok {
		return r
	}
	r, err := Extract(context.Background(), filepath.Join(corpusDir, name))
	if err != nil {
		t.Fatalf("Extract(%s): %v", name, err)
	}
	extracted[name] = r
	return r
}

// render writes a Result the way the golden files hold it: the identity,
// then one line per Line, its page and flags before the text.
func render(r *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "symbols: %s\ndate: %s\ntitle: %s\nbody: %s\npages: %d\nwarnings: %q\n\n",
		strings.Join(r.Identity.Symbols, " | "), r.Identity.Date, r.Identity.Title, r.Identity.Body, r.Pages, r.Warnings)
	for _, l := range r.Lines {
		flags := ""
		if l.Heading {
			flags += fmt.Sprintf(" H%d", l.Level)
		}
		if l.Break {
			flags += " ¶"
		}
		fmt.Fprintf(&b, "p%d%s | %s\n", l.Page, flags, l.Text)
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	for _, name := range []string{"S-2025-85.pdf", "E-2025-28.pdf"} {
		t.Run(name, func(t *testing.T) {
			got := render(extract(t, name))
			testtool.Golden(t, filepath.Join("testdata", strings.TrimSuffix(name, ".pdf")+".golden"), []byte(got))
		})
	}
}

var paraRe = regexp.MustCompile(`^(\d+)\. \S`)

// Every numbered paragraph of S/2025/85 starts a line of its own, once,
// in order: no number lost to a page break, none split from its text.
func TestParagraphNumbers(t *testing.T) {
	r := extract(t, "S-2025-85.pdf")
	var got []int
	for _, l := range r.Lines {
		if m := paraRe.FindStringSubmatch(l.Text); m != nil {
			n, _ := strconv.Atoi(m[1])
			got = append(got, n)
		}
	}
	var want []int
	for i := 1; i <= 62; i++ {
		want = append(want, i)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paragraph numbers (-want +got):\n%s", diff)
	}
}

func TestNoLayoutNoise(t *testing.T) {
	noise := []*regexp.Regexp{
		regexp.MustCompile(`\b\d{2}-\d{5}\b`),                         // job number
		regexp.MustCompile(`\*\d{7}\*`),                               // barcode
		regexp.MustCompile(`^(www\.|https?://)`),                      // a footnote's web address
		regexp.MustCompile(`^_{5,}`),                                  // footnote rule
		regexp.MustCompile(`^(S/2025/85|E/2025/28|E/CN\.7/2025/11)$`), // running header
		regexp.MustCompile(`(\. ?){5,}`),                              // table of contents leaders
		regexp.MustCompile(`^(Distr\.|Original:)`),                    // masthead
	}
	footnotes := map[string][]string{
		"S-2025-85.pdf": {
			"The core mission of the Multinational Security Support Mission is to support",
			"See www.iom.int/news/haiti-displacement",
			"There was reportedly a gang truce during this period",
		},
		"E-2025-28.pdf": {
			"Ibid., 2012, Supplement No. 8A",
			"Symbols of United Nations documents are composed",
		},
	}
	pageNo := map[string]*regexp.Regexp{ // "2/25" in S/2025/85; E/2025/28 numbers its pages bare
		"S-2025-85.pdf": regexp.MustCompile(`\b\d{1,2}/25\b`),
		"E-2025-28.pdf": regexp.MustCompile(`^\d{1,2}$`),
	}
	for name, notes := range footnotes {
		r := extract(t, name)
		inNote := map[string]bool{}
		for _, l := range r.Lines {
			if l.Note {
				// Footnotes come after the body, as notes.
				for _, n := range notes {
					inNote[n] = inNote[n] || strings.Contains(l.Text, n)
				}
				continue
			}
			if pageNo[name].MatchString(l.Text) {
				t.Errorf("%s p%d: page number in %q", name, l.Page, l.Text)
			}
			for _, re := range noise {
				if re.MatchString(l.Text) {
					t.Errorf("%s p%d: layout noise %q in %q", name, l.Page, re, l.Text)
				}
			}
			for _, n := range notes {
				if strings.Contains(l.Text, n) {
					t.Errorf("%s p%d: footnote text %q in %q", name, l.Page, n, l.Text)
				}
			}
		}
		for _, n := range notes {
			if !inNote[n] && !strings.HasPrefix(n, "Symbols of") { // the note on symbols is the cover's, read with the masthead
				t.Errorf("%s: footnote %q not kept as a note", name, n)
			}
		}
	}
}

// The cleaner keeps real numbers and compounds while it drops reference
// marks, rejoins broken words and keeps line-end hyphens of compounds.
func TestCleanText(t *testing.T) {
	r := extract(t, "S-2025-85.pdf")
	all := ""
	for _, l := range r.Lines {
		all += l.Text + "\n"
	}
	for _, s := range []string{
		"authorized by the United Nations.\n",        // reference mark 1 dropped at the paragraph end
		"rose significantly. After a temporary lull", // reference mark 2 dropped inside
		"September 2024, violent clashes",            // 3
		"resolution 2692 (2023), as reiterated",      // real numbers kept
		"at least 150 people",
		"pursuant to paragraph 9 of Security Council",
		"escalation of gang-related violence", // "gang -" + "related"
		"examines the evolution of Haitian",   // "e volution"
		"inter-factional gang fighting",       // "inte r-factional"
		"“self-defence” and vigilante",        // "self -defence"
		"hold on Port-au-Prince, other",       // "Port -au-" + "Prince"
	} {
		if !strings.Contains(all, s) {
			t.Errorf("text lacks %q", s)
		}
	}
	for _, s := range []string{"e volution", "United Nations. 1", "significantly. 2", "gang related"} {
		if strings.Contains(all, s) {
			t.Errorf("text still has %q", s)
		}
	}
}

func TestHeadings(t *testing.T) {
	r := extract(t, "S-2025-85.pdf")
	heads := map[string]bool{}
	for _, l := range r.Lines {
		if l.Heading {
			heads[l.Text] = true
		}
		if !l.Heading && (l.Text == "Introduction" || l.Text == "Recommendations") {
			t.Errorf("%q not marked as a heading", l.Text)
		}
		if l.Heading && paraRe.MatchString(l.Text) && len(l.Text) > 120 {
			t.Errorf("numbered paragraph marked as a heading: %.80q", l.Text)
		}
	}
	for _, h := range []string{"Introduction", "Escalating gang violence", "Recommendations", "Gangs on social media in Haiti"} {
		if !heads[h] {
			t.Errorf("heading %q missing", h)
		}
	}
}

// A paragraph running over a page break, past the footnotes at the bottom
// of its first page, is one line that starts on the first page.
func TestParagraphAcrossPages(t *testing.T) {
	r := extract(t, "S-2025-85.pdf")
	for _, l := range r.Lines {
		if strings.HasPrefix(l.Text, "3. There was a marked escalation") {
			if l.Page != 2 || !l.Break {
				t.Errorf("paragraph 3: page %d break %v, want page 2 with a break inside", l.Page, l.Break)
			}
			if !strings.HasSuffix(l.Text, "More than half of these deaths occurred as a result of exchanges of fire between gang members and the Haitian National Police.") {
				t.Errorf("paragraph 3 not joined across the page: …%s", l.Text[max(0, len(l.Text)-120):])
			}
			return
		}
	}
	t.Error("paragraph 3 not found")
}

func TestIdentity(t *testing.T) {
	for _, tc := range []struct {
		file string
		want report.Identity
	}{
		{"S-2025-85.pdf", report.Identity{
			Symbols: []string{"S/2025/85"},
			Date:    "2025-02-06",
			Title:   "Letter dated 4 February 2025 from the Secretary-General addressed to the President of the Security Council",
			Body:    "Security Council",
		}},
		{"E-2025-28.pdf", report.Identity{
			Symbols: []string{"E/2025/28", "E/CN.7/2025/11"},
			Date:    "2025-04-03",
			Title:   "Report of the Commission on Narcotic Drugs on the sixty-eighth session (6 December 2024 and 10–14 March 2025)",
			Body:    "Economic and Social Council",
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, extract(t, tc.file).Identity); diff != "" {
				t.Errorf("identity (-want +got):\n%s", diff)
			}
		})
	}
}

// tinyPDF writes a one-page PDF whose page draws content with the given
// resources; extra objects follow the five fixed ones.
func tinyPDF(content, resources string, extra ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources " + resources + " /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	}
	objs = append(objs, extra...)
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func TestErrors(t *testing.T) {
	needTool(t)
	real, err := os.ReadFile(filepath.Join(corpusDir, "S-2025-85.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	encrypted, err := os.ReadFile("testdata/encrypted.pdf") // qpdf --encrypt userpw ownerpw 256
	if err != nil {
		t.Fatal(err)
	}
	// A page that is one grey 2×2 image and no text, as a scan is.
	scanned := tinyPDF("q 500 0 0 700 50 50 cm /Im1 Do Q", "<< /XObject << /Im1 6 0 R >> >>",
		"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x80\x80\x80\nendstream")
	for _, tc := range []struct {
		name  string
		data  []byte
		cause error
	}{
		{"not a PDF", []byte("<html><body>Report of the Secretary-General</body></html>"), ErrNotPDF},
		{"empty file", nil, ErrEmpty},
		{"truncated", real[:len(real)/2], ErrDamaged},
		{"encrypted", encrypted, ErrEncrypted},
		{"scanned", scanned, ErrScanned},
		{"no text", tinyPDF("0 0 m 100 100 l S", "<< >>"), ErrEmpty},
		{"garbage after header", append([]byte("%PDF-1.7\n"), append(bytes.Repeat([]byte("x"), 5000), "\n%%EOF\n"...)...), ErrDamaged},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ExtractBytes(context.Background(), tc.data)
			if kg.ErrorCode(err) != kg.CodeUnsupported || !errors.Is(err, tc.cause) {
				t.Errorf("got %v (code %s), want CodeUnsupported wrapping %q", err, kg.ErrorCode(err), tc.cause)
			}
		})
	}
	t.Run("text", func(t *testing.T) { // the generator above makes readable PDFs
		r, err := ExtractBytes(context.Background(), tinyPDF("BT /F1 12 Tf 72 720 Td (Crime prevention.) Tj ET", "<< /Font << /F1 4 0 R >> >>"))
		if err != nil || len(r.Lines) != 1 || r.Lines[0].Text != "Crime prevention." {
			t.Errorf("got %+v, %v", r, err)
		}
	})
}

func TestToolMissing(t *testing.T) {
	o := DefaultOptions().WithTool(filepath.Join(t.TempDir(), "pdftotext"))
	_, err := o.ExtractBytes(context.Background(), tinyPDF("", "<< >>"))
	if kg.ErrorCode(err) != kg.CodeUnavailable || !strings.Contains(err.Error(), DebianPackage) {
		t.Errorf("got %v, want CodeUnavailable naming %s", err, DebianPackage)
	}
	if kg.ErrorCode(o.Check()) != kg.CodeUnavailable {
		t.Errorf("Check: got %v", o.Check())
	}
}

// A tool that hangs is killed when the timeout or the context ends.
func TestTimeoutAndCancel(t *testing.T) {
	if _, err := exec.LookPath("sleep"); err != nil {
		t.Skip("no sleep command")
	}
	slow := filepath.Join(t.TempDir(), "slowtotext")
	if err := os.WriteFile(slow, []byte("#!/bin/sh\nexec sleep 30\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	pdf := tinyPDF("", "<< >>")
	start := time.Now()
	_, err := DefaultOptions().WithTool(slow).WithTimeout(200*time.Millisecond).ExtractBytes(context.Background(), pdf)
	if kg.ErrorCode(err) != kg.CodeTimeout || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("timeout: got %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("timeout took %s: the tool was not killed", d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = DefaultOptions().WithTool(slow).ExtractBytes(ctx, pdf)
	if kg.ErrorCode(err) != kg.CodeTimeout || !errors.Is(err, context.Canceled) {
		t.Errorf("cancel: got %v", err)
	}
}

func TestJoinHyphens(t *testing.T) {
	a := assembler{dict: map[string]bool{"recommendations": true, "peacekeeping": true}}
	for _, tc := range []struct{ text, next, want string }{
		{"gang-", "related violence", "gang-related violence"}, // a compound keeps its hyphen
		{"the Secretary-", "General", "the Secretary-General"}, // capital after the hyphen
		{"recom-", "mendations of", "recommendations of"},      // the document prints the joined word
		{"peace-", "keeping", "peacekeeping"},                  // likewise
		{"COVID-", "19 pandemic", "COVID-19 pandemic"},         // digits
		{"2024 –", "2025", "2024 – 2025"},                      // a dash is not a hyphen
		{"see www.unodc.org/", "documents", "see www.unodc.org/documents"},
		{"soft\u00AD", "ware", "software"},
		{"end of sentence.", "Next", "end of sentence. Next"},
	} {
		if got := a.join(tc.text, tc.next); got != tc.want {
			t.Errorf("join(%q, %q) = %q, want %q", tc.text, tc.next, got, tc.want)
		}
	}
}

// The extra corpus is 33 real UN documents of many kinds; every one must
// extract, with a symbol, and without running headers or footers left.
// Run with -v to see the table of pages, lines and times.
func TestCorpusExtra(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(extraDir, "*.pdf"))
	if len(files) == 0 {
		t.Skip("no " + extraDir)
	}
	needTool(t)
	job := regexp.MustCompile(`^(?:[A-Z]{1,2}\.)?\d{2}-\d{5}`)
	var total time.Duration
	t.Logf("%-26s %5s %6s %5s %8s  %s", "file", "pages", "lines", "heads", "ms", "identity / warnings")
	for _, f := range files {
		start := time.Now()
		r, err := Extract(context.Background(), f)
		d := time.Since(start)
		total += d
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		heads := 0
		for _, l := range r.Lines {
			if l.Heading {
				heads++
			}
			if job.MatchString(l.Text) || symLineRe.MatchString(l.Text) && len(r.Identity.Symbols) > 0 && l.Text == strings.Join(r.Identity.Symbols, "-") {
				t.Errorf("%s p%d: running header or footer left: %q", filepath.Base(f), l.Page, l.Text)
			}
		}
		if len(r.Identity.Symbols) == 0 {
			t.Errorf("%s: no symbol", filepath.Base(f))
		}
		t.Logf("%-26s %5d %6d %5d %8.0f  %s %s %q", filepath.Base(f), r.Pages, len(r.Lines), heads,
			float64(d.Microseconds())/1000, strings.Join(r.Identity.Symbols, "|"), r.Identity.Date, r.Warnings)
	}
	t.Logf("total %d files in %s", len(files), total.Round(time.Millisecond))
}

// BenchmarkExtract measures the whole extraction of the two corpus
// documents; BenchmarkPdftotext measures plain `pdftotext` on the same
// files, the yardstick of docs/pdf-extraction.md. Run:
//
//	go test -run XXX -bench . -benchtime 5x ./internal/pdftext/
func BenchmarkExtract(b *testing.B) {
	needTool(b)
	for _, name := range []string{"S-2025-85.pdf", "E-2025-28.pdf"} {
		data, err := os.ReadFile(filepath.Join(corpusDir, name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := ExtractBytes(context.Background(), data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPdftotext(b *testing.B) {
	needTool(b)
	for _, name := range []string{"S-2025-85.pdf", "E-2025-28.pdf"} {
		path := filepath.Join(corpusDir, name)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if err := exec.Command("pdftotext", path, os.DevNull).Run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// FuzzAssemble feeds the bbox parser and everything after it arbitrary
// tool output: it may refuse it, never panic.
func FuzzAssemble(f *testing.F) {
	f.Add([]byte(`<page width="612" height="792">
<flow>
<block xMin="1" yMin="1" xMax="2" yMax="2">
<line xMin="123.4" yMin="158.6" xMax="131.1" yMax="169.6">
<word xMin="123.4" yMin="158.6" xMax="131.1" yMax="169.6">1.</word>
</line>
<line xMin="147.1" yMin="158.6" xMax="488.2" yMax="169.6">
<word xMin="147.1" yMin="158.6" xMax="163.3" yMax="169.6">The</word>
<word xMin="191.5" yMin="159.6" xMax="194.7" yMax="165.4">1</word>
<word xMin="200.1" yMin="158.6" xMax="230.3" yMax="169.6">A&amp;B</word>
</line>
</block>
</flow>
</page>`))
	if data, err := os.ReadFile(filepath.Join(corpusDir, "S-2025-85.pdf")); err == nil && DefaultOptions().Check() == nil {
		cmd := exec.Command("pdftotext", "-bbox-layout", "-f", "1", "-l", "3", "-", "-")
		cmd.Stdin = bytes.NewReader(data)
		if out, err := cmd.Output(); err == nil {
			f.Add(out)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pages, err := parseBBox(bytes.NewReader(data))
		if err != nil || len(pages) == 0 {
			return
		}
		r, body := assembleBody(pages)
		var out strings.Builder
		for _, l := range r.Lines {
			if l.Page < 1 || l.Page > len(pages) {
				t.Fatalf("line on page %d of %d", l.Page, len(pages))
			}
			out.WriteString(l.Text)
			out.WriteByte('\n')
		}
		// No text lost: every word of a line kept as body text stands in
		// the logical lines (a word broken across lines is rejoined, so
		// each of its halves is still found inside the whole word).
		text := out.String()
		for _, l := range body {
			for _, w := range strings.Fields(l.Text) {
				if core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }); core != "" && !strings.Contains(text, core) {
					t.Fatalf("word %q of body line %q (page %d) is not in the output", core, l.Text, l.Page)
				}
			}
		}
	})
}

// TestWideSpacingHangingIndent: S/2025/472 sets its numbered paragraphs
// 1.5 lines apart with a hanging indent. A line that ends on a name
// ("… of the Multinational") and the next that starts with one
// ("Security Support Mission …") are one paragraph; they were split, and
// the first line then read as a numbered heading.
func TestWideSpacingHangingIndent(t *testing.T) {
	needTool(t)
	r, err := Extract(context.Background(), "testdata/S-2025-472.pdf")
	if err != nil {
		t.Fatal(err)
	}
	starts := map[string]string{
		"1. This is the 3 rd Report":               "Multinational Security Support Mission in Haiti, pursuant to United Nations Security Council Resolution 2751",
		"21. The Mission also received additional": "twenty (20) Roshel Captain Armoured Personnel Carriers",
		"24. The effects of the designation":       "Foreign Terrorist Organisation has been evident",
	}
	for start, within := range starts {
		found := false
		for _, l := range r.Lines {
			if strings.HasPrefix(l.Text, start) {
				found = true
				if !strings.Contains(l.Text, within) || l.Heading {
					t.Errorf("paragraph %q: heading=%v, text %q, want it to go on with %q", start, l.Heading, l.Text, within)
				}
			}
		}
		if !found {
			t.Errorf("no line starts with %q", start)
		}
	}
}

// TestOneProcessReadsTheSame: a long document read by one pdftotext
// process reads exactly as when its page ranges are read by several at
// once and joined (on a machine of one core both are one process, and the
// test compares a read with itself).
func TestOneProcessReadsTheSame(t *testing.T) {
	needTool(t)
	data, err := os.ReadFile(filepath.Join("testdata", "S-2025-472.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if len(data) < parallelBytes {
		t.Fatalf("the fixture is %d bytes, under the %d that are cut into page ranges", len(data), parallelBytes)
	}
	var got [2]string
	for i, procs := range []int{0, 1} {
		o := DefaultOptions()
		o.Processes = procs
		r, err := o.ExtractBytes(context.Background(), data)
		if err != nil {
			t.Fatal(err)
		}
		got[i] = render(r)
	}
	if got[0] != got[1] {
		t.Errorf("page ranges read apart and joined differ from one read:\n%s", firstDiff(got[0], got[1]))
	}
}

// firstDiff is the first line where two renderings differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n  %s\n  %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(al), len(bl))
}
