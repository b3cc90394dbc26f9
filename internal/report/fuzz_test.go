package report

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// The fuzz tests check that no input makes the parser panic or hang, and
// that what it returns holds together. The seed corpus is under
// testdata/fuzz; run longer with
//
//	go test -fuzz=FuzzParse -fuzztime=1m ./internal/report/

func FuzzFromMarkdown(f *testing.F) {
	f.Add([]byte("## I. Introduction\n\n1. In its resolution [56/119](#), the Assembly decided.\n"))
	f.Add([]byte("- 25. A statement.\n  - (a) An item;\n\nthe rest of it.\n**Outcome of deliberations**\n"))
	f.Add([]byte("#### Contents\n\n\t<i>Page</i>\nI. Introduction . . . . .\t2\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		lines, err := FromMarkdown(src)
		if err != nil {
			if kg.ErrorCode(err) != kg.CodeUnsupported {
				t.Fatalf("error %v has code %s, want %s", err, kg.ErrorCode(err), kg.CodeUnsupported)
			}
			return
		}
		for _, l := range lines {
			if l.Text == "" || !utf8.ValidString(l.Text) || strings.ContainsAny(l.Text, "\n\r\t") {
				t.Fatalf("bad line %q", l.Text)
			}
		}
		if r, err := Parse(lines, Options{}); err == nil {
			checkReport(t, r)
		}
	})
}

func FuzzParse(f *testing.F) {
	f.Add("1. First.\n2. Second:\n(a) item;\n(b) item.", uint64(0))
	f.Add("I. Recommendations\nOutcome of deliberations\n24. The following recommendations were identified:\n(h) x:\n(i) y;\n(ii) z;\n(i) w.", uint64(2))
	f.Add("Resolution 68/1\nTitle\nThe Commission,\n1. Encourages;\n2. Requests.\n3. At its meeting.", uint64(1))
	f.Fuzz(func(t *testing.T, text string, headings uint64) {
		var lines []Line
		for i, s := range strings.Split(text, "\n") {
			bit := headings >> (uint(i) % 64) & 1
			lines = append(lines, Line{Text: s, Page: i/40 + 1, Heading: bit == 1, Level: int(headings>>(uint(i+7)%64)&3) * int(bit)})
		}
		r, err := Parse(lines, Options{})
		if err != nil {
			if kg.ErrorCode(err) != kg.CodeUnsupported {
				t.Fatalf("error %v has code %s, want %s", err, kg.ErrorCode(err), kg.CodeUnsupported)
			}
			return
		}
		checkReport(t, r)
	})
}

// checkReport checks what every parsed report must hold: refs unique and
// well formed, report paragraphs in increasing order, sections that
// exist, orders that count from 0, recommendations only in the report's
// own paragraphs.
func checkReport(t *testing.T, r *Report) {
	t.Helper()
	sections := map[string]bool{}
	order := 0
	r.WalkSections(func(s *Section) {
		if s.Key == "" || sections[s.Key] {
			t.Fatalf("section key %q empty or repeated", s.Key)
		}
		if s.Order != order {
			t.Fatalf("section %s has order %d, want %d", s.Key, s.Order, order)
		}
		sections[s.Key] = true
		order++
	})
	last := 0
	for _, p := range r.Paragraphs {
		if p.Number > 0 {
			if p.Number <= last {
				t.Fatalf("paragraph %d after %d", p.Number, last)
			}
			last = p.Number
		}
	}
	seen := map[string]bool{}
	order = 0
	var check func(parent *Paragraph, ps []*Paragraph)
	check = func(parent *Paragraph, ps []*Paragraph) {
		for _, p := range ps {
			if p.Ref == "" || seen[p.Ref] {
				t.Fatalf("ref %q empty or repeated", p.Ref)
			}
			seen[p.Ref] = true
			if parent != nil && !strings.HasPrefix(p.Ref, parent.Ref+"(") {
				t.Fatalf("item %s under %s", p.Ref, parent.Ref)
			}
			if p.Section != "" && !sections[p.Section] {
				t.Fatalf("%s in unknown section %q", p.Ref, p.Section)
			}
			if p.Order != order {
				t.Fatalf("%s has order %d, want %d", p.Ref, p.Order, order)
			}
			if p.Recommendation && p.Number == 0 {
				t.Fatalf("%s: text of a resolution marked as a recommendation", p.Ref)
			}
			order++
			check(p, p.Items)
		}
	}
	check(nil, r.Paragraphs)
	_ = r.Outline()
}
