package extract

import (
	"strings"

	"github.com/crimegraph/crimegraph/internal/docrules"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/report"
)

// The facts of the document families beyond reports: a letter's sender,
// versions and amendments between documents, the speakers of a record.

// documentProps adds the family's properties to the document node.
func documentProps(r *report.Report, props map[string]string) {
	setIf(props, kg.PropFamily, string(r.Family))
	setIf(props, kg.PropParent, r.Version.Parent)
	setIf(props, kg.PropRevision, r.Version.Element)
	if l := r.Letter; l != nil {
		setIf(props, kg.PropAddressee, l.Addressee)
		setIf(props, kg.PropSender, l.Sender)
		setIf(props, kg.PropTransmits, l.Transmits)
	}
	if a := r.Act; a != nil {
		setIf(props, kg.PropMeetingNo, a.MeetingNo)
	}
}

// versionEdge is the edge a version has with its parent.
var versionEdge = map[string]kg.EdgeKind{
	docrules.Revision: kg.EdgeSupersedes, docrules.Corrigendum: kg.EdgeCorrects, docrules.Addendum: kg.EdgeAddendumTo,
}

func (x *extractor) stream() {
	r := x.rep
	// The symbol on the masthead says what the document is to its parent:
	// document-level evidence. A revision marks its original superseded.
	if v := r.Version; v.Parent != "" && v.Parent != x.key {
		parent := citedDocument(v.Parent, "")
		if v.Kind == docrules.Revision {
			parent.Props[kg.PropSuperseded] = x.key
		}
		x.edge(x.docID, versionEdge[v.Kind], x.node(parent), kg.Evidence{}, nil)
	}
	if a := r.Act; a != nil && a.Amends != "" && a.Amends != x.key {
		x.edge(x.docID, kg.EdgeAmends, x.node(citedDocument(a.Amends, "")), kg.Evidence{}, nil)
	}
	x.sender()
	x.statements()
}

// sender links a letter to the State or organization whose representative
// signs it, cited to the signature when it names them, else to the
// document (its title says so).
func (x *extractor) sender() {
	l := x.rep.Letter
	if l == nil || l.Sender == "" || x.rec == nil {
		return
	}
	if strings.Contains(l.Sender, "Secretary-General") && !strings.Contains(l.Sender, "Representative") {
		id := x.node(secretaryGeneral())
		x.edge(x.docID, kg.EdgeSentBy, id, kg.Evidence{Ref: l.Signature}, nil)
		return
	}
	for _, m := range x.rec.Recognize(l.Sender, x.ctx) {
		if m.Node.Kind != kg.KindState && m.Node.Kind != kg.KindOrganization {
			continue
		}
		ev := kg.Evidence{}
		if sig, ok := x.paras[l.Signature]; ok {
			ev.Ref = sig.Ref
			for _, sm := range x.mentions[sig.Ref] {
				if sm.Node.ID == m.Node.ID {
					ev.Start, ev.End = sm.Start, sm.End
					break
				}
			}
		}
		x.edge(x.docID, kg.EdgeSentBy, x.node(m.Node), ev, nil)
		return
	}
}

// statements links each speaker's State or organization to the agenda
// item they spoke under, cited to the words naming them at the start of
// their turn.
func (x *extractor) statements() {
	for _, st := range x.rep.Statements {
		if st.For == "" || st.Item == "" || len(st.Refs) == 0 {
			continue
		}
		p, ok := x.paras[st.Refs[0]]
		if !ok {
			continue
		}
		at := strings.Index(p.Text, "("+st.For+")")
		if at < 0 {
			continue
		}
		for _, m := range x.mentions[p.Ref] {
			if m.Start > at && m.End <= at+len(st.For)+1 && (m.Node.Kind == kg.KindState || m.Node.Kind == kg.KindOrganization) {
				x.edge(m.Node.ID, kg.EdgeStatement, x.sectionID(st.Item), kg.Evidence{Ref: p.Ref, Start: m.Start, End: m.End}, nil)
				break
			}
		}
	}
}

// secretaryGeneral is the Person who signs the Secretary-General's letters
// and speaks as "I" in the Secretary-General's reports.
func secretaryGeneral() kg.Node {
	return kg.Node{ID: kg.NewID(kg.KindPerson, "secretary-general"), Kind: kg.KindPerson, Label: "Secretary-General of the United Nations"}
}
