package render_test

import (
	"fmt"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// The fixtures are small subgraphs built by hand from the corpus: the Latin
// American and Caribbean regional preparatory meeting report, UNODC's
// report on Haiti (S/2025/85) and the Commission on Narcotic Drugs'
// report (E/2025/28).

const (
	lac   = "report-of-the-latin-american-and" // title-derived key of the LAC report
	haiti = "S/2025/85"
	cnd   = "E/2025/28"
)

func node(k kg.Kind, key, label string, props ...string) kg.Node {
	n := kg.Node{ID: kg.NewID(k, key), Kind: k, Label: label, Props: map[string]string{}}
	for i := 0; i+1 < len(props); i += 2 {
		n.Props[props[i]] = props[i+1]
	}
	return n
}

func rec(doc, ref, text string) kg.Node {
	n := node(kg.KindRecommendation, doc+"#"+ref, "Recommendation "+ref, kg.PropRef, ref, kg.PropDocument, doc, kg.PropText, text)
	n.ID = kg.PartID(kg.KindRecommendation, doc, ref)
	return n
}

func para(doc, ref, text string) kg.Node {
	n := node(kg.KindParagraph, doc+"#"+ref, "Paragraph "+ref, kg.PropRef, ref, kg.PropDocument, doc, kg.PropText, text)
	n.ID = kg.PartID(kg.KindParagraph, doc, ref)
	return n
}

func edge(from kg.ID, k kg.EdgeKind, to kg.ID, ev ...string) kg.Edge {
	e := kg.Edge{From: from, Kind: k, To: to}
	for _, c := range ev {
		var doc, ref string
		if _, err := fmt.Sscanf(c, "%s %s", &doc, &ref); err != nil {
			doc = c
		}
		e.Evidence = append(e.Evidence, kg.Evidence{Doc: doc, Ref: ref})
	}
	return e
}

var (
	tip      = node(kg.KindCrimeType, "0204", "Trafficking in persons", kg.PropICCS, "0204")
	smuggle  = node(kg.KindCrimeType, "0205", "Smuggling of migrants", kg.PropICCS, "0205")
	firearms = node(kg.KindCrimeType, "0904", "Trafficking in firearms", kg.PropICCS, "09041")
	untoc    = node(kg.KindInstrument, "untoc", "United Nations Convention against Transnational Organized Crime", kg.PropSymbol, "A/RES/55/25")
	protocol = node(kg.KindInstrument, "tip-protocol", "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children", kg.PropSymbol, "A/RES/55/25")
	victims  = node(kg.KindTheme, "victim-protection", "Protection of victims")
	children = node(kg.KindTheme, "children-youth", "Children and youth")
	hti      = node(kg.KindState, "HTI", "Haiti", kg.PropISO3, "HTI")
	dom      = node(kg.KindState, "DOM", "Dominican Republic", kg.PropISO3, "DOM")
	unodc    = node(kg.KindOrganization, "UNODC", "United Nations Office on Drugs and Crime", kg.PropAcronym, "UNODC")
	lacMeet  = node(kg.KindMeeting, "rpm-lac-2025", "Latin American and Caribbean Regional Preparatory Meeting for the Fifteenth Congress", kg.PropStart, "2025-02-04", kg.PropVenue, "San José")
	congress = node(kg.KindMeeting, "congress-15", "Fifteenth United Nations Congress on Crime Prevention and Criminal Justice", kg.PropStart, "2026-04-25")
	docHaiti = node(kg.KindDocument, haiti, "Letter dated 4 February 2025 from the Secretary-General addressed to the President of the Security Council", kg.PropSymbol, haiti)
	docLAC   = node(kg.KindDocument, lac, "Report of the Latin American and Caribbean Regional Preparatory Meeting", kg.PropDate, "2025-02-06")

	rec66k = rec(lac, "66(k)", "Create joint task forces to better investigate and prosecute trafficking in persons;")
	rec11h = rec(lac, "11(h)", "Develop legal safeguards and strengthen policies to prevent the prosecution of victims of trafficking in persons;")
	rec38h = rec(lac, "38(h)", "Ensure that domestic legal frameworks prevent victims of trafficking in persons from being prosecuted;")
	rec61j = rec(haiti, "61(j)", "To strengthen the implementation of existing anti-trafficking laws, with stricter penalties for individuals or groups recruiting children, as well as to train law enforcement units to handle trafficking in persons and gang-related crimes involving children;")
	rec61f = rec(haiti, "61(f)", "To foster trans-border technical cooperation to share understanding of criminal networks and undertake joint action against transnational organized groups acting in Haiti, the Dominican Republic, Jamaica, the Bahamas, Colombia and the United States;")
)

// crimeTypeGraph is a crime type with the recommendations that address it
// and the instruments they invoke.
func crimeTypeGraph() kg.Subgraph {
	g := kg.Subgraph{
		Title: "Trafficking in persons: neighbourhood, depth 2",
		Focus: []kg.ID{tip.ID},
		Nodes: []kg.Node{tip, smuggle, protocol, untoc, victims, hti, unodc, rec66k, rec11h, rec38h, rec61j},
		Edges: []kg.Edge{
			edge(rec66k.ID, kg.EdgeAddresses, tip.ID, lac+" 66(k)"),
			edge(rec11h.ID, kg.EdgeAddresses, tip.ID, lac+" 11(h)"),
			edge(rec38h.ID, kg.EdgeAddresses, tip.ID, lac+" 38(h)"),
			edge(rec61j.ID, kg.EdgeAddresses, tip.ID, haiti+" 61(j)"),
			edge(rec11h.ID, kg.EdgeConcerns, victims.ID, lac+" 11(h)"),
			edge(rec38h.ID, kg.EdgeConcerns, victims.ID, lac+" 38(h)"),
			edge(rec66k.ID, kg.EdgeInvokes, protocol.ID, lac+" 66(k)"),
			edge(protocol.ID, kg.EdgeAdoptedBy, unodc.ID, cnd+" 12"),
			edge(rec61j.ID, kg.EdgeAddressedTo, hti.ID, haiti+" 61"),
			edge(rec61j.ID, kg.EdgeNamesActor, unodc.ID, haiti+" 61"),
			edge(smuggle.ID, kg.EdgeSubtypeOf, tip.ID),
			edge(rec61j.ID, kg.EdgeInvokes, untoc.ID, haiti+" 61(j)"),
		},
	}
	g.Sort()
	return g
}

// pathGraph is a shortest path between Haiti and the Fifteenth Congress.
func pathGraph() kg.Subgraph {
	g := kg.Subgraph{
		Title: "Path from Haiti to the Fifteenth Congress",
		Focus: []kg.ID{hti.ID, congress.ID},
		Nodes: []kg.Node{hti, rec61f, dom, lacMeet, congress, docLAC},
		Edges: []kg.Edge{
			edge(rec61f.ID, kg.EdgeAddressedTo, hti.ID, haiti+" 61"),
			edge(rec61f.ID, kg.EdgeNamesActor, dom.ID, haiti+" 61(f)"),
			edge(dom.ID, kg.EdgeAttended, lacMeet.ID, lac+" 70"),
			edge(docLAC.ID, kg.EdgeReports, lacMeet.ID, lac+" 1"),
			edge(lacMeet.ID, kg.EdgePrepares, congress.ID, lac+" 1", lac+" 2", lac+" 3"),
		},
	}
	g.Edges[2].Props = map[string]string{kg.PropRole: "member"}
	g.Sort()
	return g
}

// recommendationGraph is one recommendation with everything it touches.
func recommendationGraph() kg.Subgraph {
	p61j := para(haiti, "61(j)", rec61j.Props[kg.PropText])
	sec := node(kg.KindSection, haiti+"#V", "Recommendations", kg.PropNumber, "V", kg.PropDocument, haiti)
	sec.ID = kg.PartID(kg.KindSection, haiti, "V")
	g := kg.Subgraph{
		Title: "S/2025/85, recommendation 61(j) and everything it touches",
		Focus: []kg.ID{rec61j.ID},
		Nodes: []kg.Node{rec61j, p61j, sec, docHaiti, tip, children, hti, unodc, untoc, protocol, firearms},
		Edges: []kg.Edge{
			edge(docHaiti.ID, kg.EdgeContains, sec.ID),
			edge(sec.ID, kg.EdgeContains, p61j.ID),
			edge(p61j.ID, kg.EdgeTextOf, rec61j.ID, haiti+" 61(j)"),
			edge(rec61j.ID, kg.EdgeAddresses, tip.ID, haiti+" 61(j)"),
			edge(rec61j.ID, kg.EdgeConcerns, children.ID, haiti+" 61(j)"),
			edge(rec61j.ID, kg.EdgeAddressedTo, hti.ID, haiti+" 61"),
			edge(rec61j.ID, kg.EdgeNamesActor, unodc.ID, haiti+" 61"),
			edge(rec61j.ID, kg.EdgeInvokes, protocol.ID, haiti+" 61(j)"),
			edge(p61j.ID, kg.EdgeMentions, firearms.ID, haiti+" 60(c)"),
			edge(p61j.ID, kg.EdgeCites, untoc.ID, haiti+" 61(e)", haiti+" 61(d)", haiti+" 61(f)"),
			edge(docHaiti.ID, kg.EdgeIssuedBy, unodc.ID, haiti),
		},
	}
	g.Sort()
	return g
}
