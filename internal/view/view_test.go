package view

import (
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crimegraph/crimegraph/internal/kg"
)

func TestFromQueryAndURLRoundTrip(t *testing.T) {
	tests := []Request{
		{Kind: Neighbourhood, Focus: "trafficking in persons", Depth: 2, NodeKinds: []kg.Kind{kg.KindRecommendation, kg.KindInstrument}, EdgeKinds: []kg.EdgeKind{kg.EdgeAddresses}, Limit: 50},
		{Kind: Paths, From: "state:HTI", To: "Bangkok Rules", MaxLength: 3},
		{Kind: Recommendation, Focus: "recommendation:S/2025/85#61(d)"},
	}
	for _, want := range tests {
		u, err := url.Parse(want.URL("pdf", "neato"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(u.Path, "/diagram/"+string(want.Kind)) || u.Query().Get("format") != "pdf" || u.Query().Get("layout") != "neato" {
			t.Errorf("URL = %s", u)
		}
		got, err := FromQuery(Kind(strings.TrimPrefix(u.Path, "/diagram/")), u.Query())
		if err != nil {
			t.Fatalf("FromQuery(%s): %v", u, err)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("round trip of %s (-want +got):\n%s", u, d)
		}
		if got.Key() != want.Key() {
			t.Errorf("Key differs after a round trip")
		}
	}
}

func TestFromQueryRefuses(t *testing.T) {
	tests := []struct {
		kind  Kind
		query string
		says  string
	}{
		{Neighbourhood, "", "needs id"},
		{Paths, "from=state:HTI", "needs from and to"},
		{"galaxy", "id=x", "unknown view"},
		{Neighbourhood, "id=x&depth=two", "depth"},
		{Neighbourhood, "id=x&kinds=Planet", "unknown entity kind"},
		{Neighbourhood, "id=x&edges=LOVES", "unknown edge kind"},
	}
	for _, tc := range tests {
		q, _ := url.ParseQuery(tc.query)
		_, err := FromQuery(tc.kind, q)
		if kg.ErrorCode(err) != kg.CodeInvalid || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("FromQuery(%s, %q) = %v, want an invalid-input error saying %q", tc.kind, tc.query, err, tc.says)
		}
	}
}
