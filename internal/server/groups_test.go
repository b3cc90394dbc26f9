package server_test

import "testing"

// TestGroupsAndInstitutions asks, over HTTP, the questions of issue 15 of
// the shared corpus (S/2025/85 on Haiti): which gangs the report names and
// what they are, and the Haitian National Police as an institution of Haiti.
func TestGroupsAndInstitutions(t *testing.T) {
	c := newServer(t)
	var g struct {
		Entity *struct {
			ID, Kind, Label string
			GroupKind       *string
			Mentions        struct{ TotalCount int }
		}
	}
	c.ok(`{ entity(name: "Viv Ansanm", kind: GROUP) { id kind label ... on Group { groupKind } mentions(first: 1) { totalCount } } }`, nil, &g)
	if g.Entity == nil || g.Entity.ID != "group:viv-ansanm" || g.Entity.Kind != "GROUP" || g.Entity.GroupKind == nil || *g.Entity.GroupKind != "gang" {
		t.Fatalf("Viv Ansanm: %+v", g.Entity)
	}
	if g.Entity.Mentions.TotalCount == 0 {
		t.Error("Viv Ansanm: no paragraph of S/2025/85 names it")
	}
	var p struct {
		Entity *struct {
			ID, Category string
			Relations    struct {
				Nodes []struct {
					Kind string
					ToID string `json:"toId"`
				}
			}
		}
	}
	c.ok(`{ entity(name: "HNP") { id ... on Organization { category } relations(direction: OUT, edgeKinds: ["INSTITUTION_OF"]) { nodes { kind toId } } } }`, nil, &p)
	if p.Entity == nil || p.Entity.ID != "organization:hti-police" || p.Entity.Category != "national" {
		t.Fatalf("HNP: %+v", p.Entity)
	}
	if len(p.Entity.Relations.Nodes) != 1 || p.Entity.Relations.Nodes[0].ToID != "state:HTI" {
		t.Errorf("HNP INSTITUTION_OF: %+v", p.Entity.Relations.Nodes)
	}
}
