package explore

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crimegraph/crimegraph/internal/kg"
)

func TestQuoteEvidence(t *testing.T) {
	text := "Speakers referred to trafficking in persons in Türkiye and elsewhere."
	i := strings.Index(text, "Türkiye")
	q := QuoteEvidence(text, kg.Evidence{Start: i, End: i + len("Türkiye")}, -1)
	if q.Before+q.Match+q.After != text || q.Match != "Türkiye" || q.Whole {
		t.Errorf("quote = %+v", q)
	}
	// Whole paragraph: Start == End.
	if q := QuoteEvidence(text, kg.Evidence{}, -1); !q.Whole || q.Match != text || q.Before != "" {
		t.Errorf("whole = %+v", q)
	}
	// Offsets inside a UTF-8 sequence are widened, never split.
	q = QuoteEvidence(text, kg.Evidence{Start: i + 2, End: i + 3}, -1)
	if q.Before+q.Match+q.After != text || !strings.HasPrefix(q.Match, "ü") {
		t.Errorf("mid-rune = %+v", q)
	}
	// Offsets out of range fall back to the whole paragraph.
	if q := QuoteEvidence(text, kg.Evidence{Start: 5, End: 500}, -1); !q.Whole {
		t.Errorf("out of range = %+v", q)
	}
	// Context keeps whole words on each side.
	q = QuoteEvidence(text, kg.Evidence{Start: i, End: i + len("Türkiye")}, 12)
	if d := cmp.Diff(Quote{Before: "…persons in ", Match: "Türkiye", After: " and…"}, q); d != "" {
		t.Errorf("context (-want +got):\n%s", d)
	}
	// No context at all.
	if q := QuoteEvidence(text, kg.Evidence{Start: i, End: i + len("Türkiye")}, 0); q.Before != "…" || q.After != "…" {
		t.Errorf("context 0 = %+v", q)
	}
}

func TestReadingOrder(t *testing.T) {
	node := func(k kg.Kind, key string, props ...string) kg.Node {
		n := kg.Node{ID: kg.NewID(k, key), Kind: k, Props: map[string]string{}}
		for i := 0; i+1 < len(props); i += 2 {
			n.Props[props[i]] = props[i+1]
		}
		return n
	}
	ns := []kg.Node{
		node(kg.KindRecommendation, "d#r1", kg.PropRef, "1"),
		node(kg.KindSection, "d#b", kg.PropOrder, "2"),
		node(kg.KindParagraph, "d#10", kg.PropRef, "10"),
		node(kg.KindSection, "d#a", kg.PropOrder, "1"),
		node(kg.KindParagraph, "d#9", kg.PropRef, "9"),
		node(kg.KindParagraph, "d#9(a)", kg.PropRef, "9(a)"),
	}
	ReadingOrder(ns)
	var got []string
	for _, n := range ns {
		got = append(got, string(n.ID))
	}
	want := []string{"paragraph:d#9", "paragraph:d#9(a)", "paragraph:d#10", "section:d#a", "section:d#b", "recommendation:d#r1"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("order (-want +got):\n%s", d)
	}
}
