package store

// The whole Badger key layout lives in this file. Every key starts with a
// one-byte prefix naming its family; components are separated by a NUL byte,
// which no ID, kind, folded name or document key contains. Encode and decode
// functions sit side by side, and TestKeyLayout pins the exact bytes.
//
//	0x01 "format"                       → format version string
//	0x01 "version"                      → graph version, uint64 big-endian
//	0x02 'n' kind                       → number of nodes of kind, uint64
//	0x02 'e' edgeKind                   → number of edges of kind, uint64
//	'n' id                              → merged node record
//	'c' id 0x00 doc                     → the node as document doc states it; empty when id is a
//	                                      section, paragraph or recommendation of doc (see remerge)
//	'k' kind 0x00 sortKey 0x00 id       → (empty) kind index, in list order
//	'a' foldedName 0x00 id              → (empty) name index for Lookup
//	'o' from 0x00 edgeKind 0x00 to      → edge record (per-document entries)
//	'i' to 0x00 edgeKind 0x00 from      → the same edge record, reverse index
//	'd' doc                             → document record
//	'm' doc                             → manifest: every node and edge the document supports

import (
	"bytes"
	"encoding/binary"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// FormatVersion names the on-disk format. Change it whenever the layout or
// a record encoding changes; a store of another format is refused on open.
//
// Format 2: a document's contribution to its own record ("document:KEY")
// is the encoded statement, no longer the empty marker of format 1, which
// now stands only for a document's own sections, paragraphs and
// recommendations; in format 1 a document citing one stored before it
// failed to merge. Format 2 also indexes every kg.NameProps value as a
// name (ISO alpha-2 was missing). A format-1 store is refused with a message to ingest
// the documents again into a new data folder.
const FormatVersion = "crimegraph-store/2"

const sep = 0x00

const (
	pMeta     = 0x01
	pCount    = 0x02
	pNode     = 'n'
	pContrib  = 'c'
	pKind     = 'k'
	pAlias    = 'a'
	pOut      = 'o'
	pIn       = 'i'
	pDocument = 'd'
	pManifest = 'm'
)

var (
	keyFormat  = []byte("\x01format")
	keyVersion = []byte("\x01version")
)

func join(prefix byte, parts ...string) []byte {
	n := 1
	for _, p := range parts {
		n += len(p) + 1
	}
	b := make([]byte, 0, n)
	b = append(b, prefix)
	for i, p := range parts {
		if i > 0 {
			b = append(b, sep)
		}
		b = append(b, p...)
	}
	return b
}

// split undoes join for a key of the given prefix, returning its parts.
func split(key []byte) []string {
	var out []string
	for _, p := range bytes.Split(key[1:], []byte{sep}) {
		out = append(out, string(p))
	}
	return out
}

func nodeCountKey(k kg.Kind) []byte     { return join(pCount, "n"+string(k)) }
func edgeCountKey(k kg.EdgeKind) []byte { return join(pCount, "e"+string(k)) }

func nodeKey(id kg.ID) []byte { return join(pNode, string(id)) }

func contribKey(id kg.ID, doc string) []byte { return join(pContrib, string(id), doc) }

// contribPrefix is the prefix of every contribution to one node.
func contribPrefix(id kg.ID) []byte { return append(join(pContrib, string(id)), sep) }

// contribDoc returns the document of a contribution key.
func contribDoc(key []byte) string {
	p := split(key)
	return p[len(p)-1]
}

func kindKey(k kg.Kind, sortKey string, id kg.ID) []byte {
	return join(pKind, string(k), sortKey, string(id))
}

func kindPrefix(k kg.Kind) []byte { return append(join(pKind, string(k)), sep) }

// kindKeyID returns the node ID at the end of a kind-index key.
func kindKeyID(key []byte) kg.ID {
	p := split(key)
	return kg.ID(p[len(p)-1])
}

func aliasKey(folded string, id kg.ID) []byte { return join(pAlias, folded, string(id)) }

func aliasPrefix(folded string) []byte { return append(join(pAlias, folded), sep) }

func aliasKeyID(key []byte) kg.ID {
	p := split(key)
	return kg.ID(p[len(p)-1])
}

func outKey(from kg.ID, k kg.EdgeKind, to kg.ID) []byte {
	return join(pOut, string(from), string(k), string(to))
}

func inKey(to kg.ID, k kg.EdgeKind, from kg.ID) []byte {
	return join(pIn, string(to), string(k), string(from))
}

// edgePrefix is the prefix of one node's edges in one direction, of one
// kind when k is not empty.
func edgePrefix(dir kg.Direction, id kg.ID, k kg.EdgeKind) []byte {
	p := byte(pOut)
	if dir == kg.In {
		p = pIn
	}
	if k == "" {
		return append(join(p, string(id)), sep)
	}
	return append(join(p, string(id), string(k)), sep)
}

// edgeKeyParts decodes an 'o' or 'i' key into (from, kind, to).
func edgeKeyParts(key []byte) (from kg.ID, k kg.EdgeKind, to kg.ID) {
	p := split(key)
	if len(p) != 3 {
		return "", "", ""
	}
	if key[0] == pIn {
		return kg.ID(p[2]), kg.EdgeKind(p[1]), kg.ID(p[0])
	}
	return kg.ID(p[0]), kg.EdgeKind(p[1]), kg.ID(p[2])
}

func docKey(doc string) []byte { return join(pDocument, doc) }

func docPrefix() []byte { return []byte{pDocument} }

func manifestKey(doc string) []byte { return join(pManifest, doc) }

func u64(v uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], v)
	return b[:]
}

func readU64(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}
