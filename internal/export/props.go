package export

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// propType is the type a property is exported with. Properties are
// strings in the graph; these are the ones with a more precise type.
type propType int

const (
	tString propType = iota
	tInt
	tBool
	tDate // YYYY-MM-DD
)

type propSpec struct {
	name string
	typ  propType
}

// nodeProps and edgeProps are the properties every export declares, in
// the order they are written. A property not listed, or whose value does
// not parse as its type, goes to the "extra" JSON attribute instead, so
// nothing is lost and no typed column ever holds a bad value.
var nodeProps = []propSpec{
	{kg.PropISO3, tString}, {kg.PropISO2, tString}, {kg.PropM49, tString},
	{kg.PropRegion, tString}, {kg.PropSubregion, tString}, {kg.PropStatus, tString},
	{kg.PropICCS, tString}, {kg.PropICCSNote, tString}, {kg.PropCyber, tBool},
	{kg.PropSymbol, tString}, {kg.PropSymbols, tString}, {kg.PropTitle, tString},
	{kg.PropDate, tDate}, {kg.PropBody, tString}, {kg.PropText, tString}, {kg.PropRef, tString},
	{kg.PropDocument, tString}, {kg.PropSection, tString}, {kg.PropOrder, tInt},
	{kg.PropPage, tInt}, {kg.PropLevel, tInt}, {kg.PropNumber, tString}, {kg.PropSecKind, tString},
	{kg.PropVenue, tString}, {kg.PropStart, tDate}, {kg.PropEnd, tDate}, {kg.PropSDG, tString},
	{kg.PropCategory, tString}, {kg.PropAcronym, tString}, {kg.PropSource, tString},
}

var edgeProps = []propSpec{{kg.PropRole, tString}}

// valid reports whether v parses as t.
func (t propType) valid(v string) bool {
	switch t {
	case tInt:
		_, err := strconv.ParseInt(v, 10, 32)
		return err == nil
	case tBool:
		return v == "true" || v == "false"
	case tDate:
		_, err := time.Parse("2006-01-02", v)
		return err == nil
	}
	return true
}

// typed is a property value ready to write.
type typed struct {
	spec  propSpec
	value string
}

// splitProps returns the properties of schema that are present and valid,
// in schema order, and everything else as a sorted JSON object ("" when
// there is nothing else).
func splitProps(props map[string]string, schema []propSpec) ([]typed, string) {
	var out []typed
	known := map[string]bool{}
	var extra map[string]string
	for _, s := range schema {
		known[s.name] = true
		v, ok := props[s.name]
		if !ok || v == "" {
			continue
		}
		if !s.typ.valid(v) {
			if extra == nil {
				extra = map[string]string{}
			}
			extra[s.name] = v
			continue
		}
		out = append(out, typed{s, v})
	}
	for k, v := range props {
		if !known[k] {
			if extra == nil {
				extra = map[string]string{}
			}
			extra[k] = v
		}
	}
	if extra == nil {
		return out, ""
	}
	b, _ := json.Marshal(extra) // maps marshal with sorted keys
	return out, string(b)
}

// evidenceJSON is one piece of evidence as exported.
type evidenceJSON struct {
	Doc       string `json:"doc"`
	Ref       string `json:"ref,omitempty"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Citation  string `json:"citation"`
	Paragraph string `json:"paragraph,omitempty"` // ID of the paragraph node
}

func evidenceList(e kg.Edge) []evidenceJSON {
	evs := kg.MergeEvidence(nil, e.Evidence)
	out := make([]evidenceJSON, 0, len(evs))
	for _, ev := range evs {
		j := evidenceJSON{Doc: ev.Doc, Ref: ev.Ref, Start: ev.Start, End: ev.End, Citation: ev.Citation()}
		if ev.Ref != "" {
			j.Paragraph = string(ev.ParagraphID())
		}
		out = append(out, j)
	}
	return out
}

// evidenceText is the evidence as a JSON array; "[]" when there is none.
func evidenceText(e kg.Edge) string {
	b, _ := json.Marshal(evidenceList(e))
	return string(b)
}

// citations is the evidence as people read it:
// "S/2025/85, para. 61(d); E/2025/28, para. 12".
func citations(e kg.Edge) string {
	var cs []string
	for _, ev := range kg.MergeEvidence(nil, e.Evidence) {
		cs = append(cs, ev.Citation())
	}
	return strings.Join(cs, "; ")
}

// edgeID is the stable identifier of an edge in formats that need one.
func edgeID(e kg.Edge) string { return string(e.From) + " " + string(e.Kind) + " " + string(e.To) }

// edgeLabel is how an edge reads: ADDRESSED_TO becomes "addressed to".
func edgeLabel(k kg.EdgeKind) string {
	return strings.ToLower(strings.ReplaceAll(string(k), "_", " "))
}

// aliasesJSON is a node's aliases as a JSON array, sorted.
func aliasesJSON(n kg.Node) string {
	a := append([]string{}, n.Aliases...)
	sort.Strings(a)
	b, _ := json.Marshal(a)
	return string(b)
}
