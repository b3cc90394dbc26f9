package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/extract"
	"github.com/crimegraph/crimegraph/internal/gazetteer"
	"github.com/crimegraph/crimegraph/internal/ingest"
)

// The folders of real PDFs testdata/calls-labelled.tsv cites.
const callDocs = "../ingest/testdata/families,../pdftext/testdata,../extract/testdata/series"

func TestSymbolFile(t *testing.T) {
	for sym, want := range map[string]string{
		"S/2025/350": "S-2025-350", "S/RES/2776 (2025)": "S-RES-2776-2025", "S/2025/71/Rev.1": "S-2025-71-Rev.1",
		"A/AC.121/2025/INF/2": "A-AC.121-2025-INF-2",
	} {
		if got := symbolFile(sym); got != want {
			t.Errorf("%s: %s, want %s", sym, got, want)
		}
	}
}

// TestEvalCalls scores the calls of a small labelled set on real PDFs: the
// passages whose document is found are scored, the others are listed, and
// without --docs the calls say why they are not available.
func TestEvalCalls(t *testing.T) {
	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := Main(append([]string{"eval"}, args...), nil, &out, &errb)
		return code, out.String(), errb.String()
	}
	code, out, errs := run("--docs", callDocs, "testdata/calls-labelled.tsv")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	m := regexp.MustCompile(`(?m)^calls +(\d+) +(\d+) +(\d+) `).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no calls row:\n%s", out)
	}
	tp, _ := strconv.Atoi(m[1])
	fn, _ := strconv.Atoi(m[3])
	// Three calls are labelled in the passages scored (c01, c04, c07); the
	// two of c11 and c12, whose passages are not scored, are not counted.
	// The two operative paragraphs that open with "Decides" are found.
	if tp+fn != 3 || tp < 2 {
		t.Errorf("calls TP %d FN %d, want TP+FN = 3 and TP ≥ 2:\n%s", tp, fn, out)
	}
	for _, want := range []string{
		"calls: scored on 10 of 12 passages",
		"document not found in --docs (1): c11 (S/2025/999 para. 3)",
		"passage not found in its document (1): c12 (S/2025/525, p. 1, S-2025-525.pdf)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	code, out, _ = run("testdata/calls-labelled.tsv")
	if code != exitOK || !regexp.MustCompile(`(?m)^calls +- +- +- +not available`).MatchString(out) || !strings.Contains(out, "give --docs") {
		t.Errorf("without --docs: exit %d\n%s", code, out)
	}
	if code, _, errs := run("--docs", "testdata/none", "testdata/calls-labelled.tsv"); code == exitOK || !strings.Contains(errs, "not a folder") {
		t.Errorf("missing folder: exit %d %s", code, errs)
	}
}

// TestDocIndexConfirmsSymbol finds documents by the symbol the parser
// reads on them: a file named for a symbol but holding another document is
// not taken for it, and a document under another name is found.
func TestDocIndexConfirmsSymbol(t *testing.T) {
	misnamed, renamed := t.TempDir(), t.TempDir()
	cp := func(from, to string) {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// S/2025/525 under the name of S/2025/395, and S/2025/395 under a name
	// of its own.
	cp("../extract/testdata/series/S-2025-525.pdf", filepath.Join(misnamed, "S-2025-395.pdf"))
	cp("../extract/testdata/series/S-2025-395.pdf", filepath.Join(renamed, "kfor-first-quarter.pdf"))
	rec, err := ingest.NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	ix := newDocIndex([]string{misnamed, renamed}, rec)
	ctx := context.Background()
	for sym, want := range map[string]string{
		"S/2025/395": filepath.Join(renamed, "kfor-first-quarter.pdf"),
		"S/2025/525": filepath.Join(misnamed, "S-2025-395.pdf"),
		"S/2025/999": "",
	} {
		got := ""
		if d := ix.find(ctx, sym); d != nil {
			got = d.path
		}
		if got != want {
			t.Errorf("%s: %q, want %q", sym, got, want)
		}
	}
	rows := []gazetteer.EntityRow{{ID: "x", Source: "S/2025/395, p. 1",
		Text: "Pursuant to Security Council resolution 1244 (1999), I have the honour to transmit the attached letter"}}
	if c := evalCalls(ctx, ix, rows); c.scored != 1 || len(c.noDocument)+len(c.notFound) != 0 {
		t.Errorf("scored %d, not found %v %v", c.scored, c.noDocument, c.notFound)
	}
}

// TestEvalNotIn: --not-in leaves out the passages a tuning set also holds,
// says how many, and scores the rest; a set scored against itself keeps none.
func TestEvalNotIn(t *testing.T) {
	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := Main(append([]string{"eval"}, args...), nil, &out, &errb)
		return code, out.String(), errb.String()
	}
	set := "testdata/calls-labelled.tsv"
	code, out, errs := run("--not-in", set, set)
	if code != exitOK || !strings.Contains(out, "calls-labelled.tsv: 12 of 12 passages left out, their wording also a passage of calls-labelled.tsv") ||
		!strings.Contains(out, "calls-labelled.tsv: 0 passages") {
		t.Errorf("against itself: exit %d %s\n%s", code, errs, out)
	}
	// Against the tuning set, the few standing paragraphs both hold ("Decides
	// to remain actively seized of the matter") go, and the rest is scored.
	code, out, errs = run("--not-in", "../gazetteer/testdata/entities-tune.tsv", set)
	m := regexp.MustCompile(`calls-labelled.tsv: (\d+) of 12 passages left out`).FindStringSubmatch(out)
	if code != exitOK || m == nil {
		t.Fatalf("against the tuning set: exit %d %s\n%s", code, errs, out)
	}
	if n, _ := strconv.Atoi(m[1]); n == 0 || n >= 12 || !strings.Contains(out, fmt.Sprintf("calls-labelled.tsv: %d passages", 12-n)) {
		t.Errorf("against the tuning set: %d left out\n%s", n, out)
	}
	if code, _, errs := run("--not-in", "testdata/none.tsv", set); code == exitOK || !strings.Contains(errs, "--not-in: cannot read") {
		t.Errorf("missing set: exit %d %s", code, errs)
	}
}

// TestFindJointSymbol: a passage cited under a document's two symbols
// ("A/79/912-S/2025/306") finds the document filed under either.
func TestFindJointSymbol(t *testing.T) {
	rec, err := extract.NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	ix := newDocIndex(strings.Split(callDocs, ","), rec)
	for sym, want := range map[string]bool{
		"S/2025/116":          true,
		"A/99/999-S/2025/116": true,
		"S/2025/116-A/99/999": true,
		"A/99/999-S/2099/1":   false,
	} {
		if got := ix.find(context.Background(), sym) != nil; got != want {
			t.Errorf("%s: found %v, want %v", sym, got, want)
		}
	}
}
