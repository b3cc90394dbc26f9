// Package ingest runs the pipeline from a source file to the store:
// detect the format, read the text (Markdown or PDF), parse the structure,
// extract the facts, replace the document's facts in the store atomically,
// and bring the search index up to date.
package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crimegraph/crimegraph/internal/extract"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/pdftext"
	"github.com/crimegraph/crimegraph/internal/report"
	"github.com/crimegraph/crimegraph/internal/search"
)

// Options configure an Ingester.
type Options struct {
	Store      kg.Store
	Recognizer extract.Recognizer
	Index      *search.Index // optional
	Logger     *slog.Logger
}

// Ingester ingests documents into one store. Safe for concurrent use; the
// store serialises the writes.
type Ingester struct{ opt Options }

// New returns an Ingester.
func New(opt Options) *Ingester {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	return &Ingester{opt: opt}
}

// Source is one document to ingest.
type Source struct {
	Name   string // file name, for messages and the document record
	Data   []byte
	Symbol string // overrides the document key (ingest --symbol)
	// OneProcess reads a PDF's text in one pdftotext process, when the
	// caller reads other documents at the same time.
	OneProcess bool
}

// Result reports one ingest.
type Result struct {
	Record    kg.DocRecord
	Unchanged bool // the same bytes were ingested before: nothing was written
	Duration  time.Duration
	Warnings  []string
	Change    kg.Change
}

// MaxFileSize bounds what one ingest reads.
const MaxFileSize = 256 << 20

// ReadFile reads a source from disk.
func ReadFile(path, symbol string) (Source, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return Source{}, kg.Wrap(kg.CodeNotFound, err, "cannot read "+path)
	}
	if fi.IsDir() {
		return Source{}, kg.Errorf(kg.CodeInvalid, "%s is a folder", path)
	}
	if fi.Size() > MaxFileSize {
		return Source{}, kg.Errorf(kg.CodeTooLarge, "%s: %d bytes, more than the %d a document may have", path, fi.Size(), MaxFileSize)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return Source{}, kg.Wrap(kg.CodeUnavailable, err, "cannot read "+path)
	}
	return Source{Name: filepath.Base(path), Data: b, Symbol: symbol}, nil
}

// Parse reads a source's text and structure, without touching the store.
func Parse(ctx context.Context, src Source) (*report.Report, error) {
	data := src.Data
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return nil, kg.Errorf(kg.CodeUnsupported, "%s: empty file", src.Name)
	case bytes.HasPrefix(data, []byte("%PDF-")):
		o := pdftext.DefaultOptions()
		if src.OneProcess {
			o.Processes = 1
		}
		res, err := o.ExtractBytes(ctx, data)
		if err != nil {
			return nil, prefix(src.Name, err)
		}
		rep, err := report.Parse(res.Lines, report.Options{Symbol: src.Symbol, Identity: res.Identity})
		if err != nil {
			return nil, prefix(src.Name, err)
		}
		return rep, nil
	case bytes.IndexByte(data, 0) >= 0:
		return nil, kg.Errorf(kg.CodeUnsupported, "%s: a binary file, neither a PDF nor text", src.Name)
	case !utf8.Valid(data):
		return nil, kg.Errorf(kg.CodeUnsupported, "%s: not UTF-8 text (and not a PDF)", src.Name)
	}
	lines, err := report.FromMarkdown(data)
	if err != nil {
		return nil, prefix(src.Name, err)
	}
	rep, err := report.Parse(lines, report.Options{Symbol: src.Symbol})
	if err != nil {
		return nil, prefix(src.Name, err)
	}
	return rep, nil
}

// prefix names the file in an error, keeping its code.
func prefix(name string, err error) error {
	if strings.HasPrefix(err.Error(), name) {
		return err
	}
	// The cause under the message, so that the message is not said twice.
	cause := err
	if ke := (*kg.Error)(nil); errors.As(err, &ke) {
		cause = ke.Err
	}
	return &kg.Error{Code: kg.ErrorCode(err), Message: name + ": " + kg.ErrorMessage(err), Err: cause}
}

// DocKey is the key a report is stored under: the --symbol override, else
// its first UN symbol, else a key derived from its title, else from the
// file name.
func DocKey(rep *report.Report, src Source) string {
	switch {
	case src.Symbol != "":
		return src.Symbol
	case len(rep.Symbols) > 0:
		return rep.Symbols[0]
	case rep.Title != "":
		// A short key from the title's words, with the year of the
		// meeting or document so that yearly reports do not collide.
		key := kg.KeySlug(rep.Title, 55)
		if y := reportYear(rep); y != "" && !strings.HasSuffix(key, y) {
			key += "-" + y
		}
		return key
	}
	return kg.Slug(strings.TrimSuffix(src.Name, filepath.Ext(src.Name)), 80)
}

func reportYear(rep *report.Report) string {
	switch {
	case rep.Meeting != nil && len(rep.Meeting.StartDate) >= 4:
		return rep.Meeting.StartDate[:4]
	case len(rep.Date) >= 4:
		return rep.Date[:4]
	}
	return ""
}

// Ingest parses, extracts and stores one document, replacing what an
// earlier version of it said. The same bytes ingested again change nothing.
// On any error the store is left as it was.
func (in *Ingester) Ingest(ctx context.Context, src Source) (Result, error) {
	r, err := in.Read(ctx, src)
	if err != nil {
		return Result{}, err
	}
	return in.Store(ctx, r)
}

// Parsed is a document as Read leaves it: parsed, its calls to act found.
// Read is what Ingest does before it writes: it reads the store (to skip
// bytes ingested before) and writes nothing, so that a folder's next
// document can be read while this one is stored.
type Parsed struct {
	src   Source
	start time.Time
	hash  string
	old   *kg.DocRecord // the same bytes were ingested before
	rep   *report.Report
	key   string
	pr    *extract.Prepared
}

// Read parses a document and finds its calls to act, for Store.
func (in *Ingester) Read(ctx context.Context, src Source) (*Parsed, error) {
	r := &Parsed{src: src, start: time.Now(), hash: in.fingerprint(src.Data)}
	// The same bytes ingested before change nothing: skip even the parse,
	// which for a PDF is most of the cost.
	if old, ok := in.sameBytes(ctx, r.hash, src.Symbol); ok {
		r.old = &old
		return r, nil
	}
	if err := interruptible(ctx, func() (err error) { r.rep, err = Parse(ctx, src); return err }); err != nil {
		return nil, prefix(src.Name, err)
	}
	r.key = DocKey(r.rep, src)
	if err := in.fits(r.key, r.rep); err != nil {
		return nil, prefix(src.Name, err)
	}
	// The calls to act are found once, for the staged parts and the
	// extraction both.
	if err := interruptible(ctx, func() error { r.pr = extract.Prepare(r.rep); return nil }); err != nil {
		return nil, prefix(src.Name, err)
	}
	return r, nil
}

// Store extracts a read document and stores it.
func (in *Ingester) Store(ctx context.Context, r *Parsed) (Result, error) {
	src, hash, key := r.src, r.hash, r.key
	if r.old == nil {
		// The same bytes may have been stored since Read, from another
		// file of the same folder.
		if old, ok := in.sameBytes(ctx, hash, src.Symbol); ok {
			r.old = &old
		}
	}
	if r.old != nil {
		return Result{Record: *r.old, Unchanged: true, Duration: time.Since(r.start)}, nil
	}
	rep, pr := r.rep, r.pr
	stage := in.stage(ctx, key, pr)
	var x extract.Result
	err := interruptible(ctx, func() error { x = pr.Extract(key, in.opt.Recognizer); return nil })
	var ch kg.Change
	if err == nil {
		x.Record.Source = src.Name
		x.Record.Hash = hash
		stage.nodes <- x.Fragment.Nodes
		ch, err = in.opt.Store.Put(ctx, x.Record, x.Fragment)
	} else {
		stage.nodes <- nil
	}
	rec := x.Record
	st := <-stage.done
	if err != nil {
		if st != nil {
			// Undo the stage even when the error is the cancellation.
			if err := st.Abort(context.WithoutCancel(ctx), in.opt.Store); err != nil {
				in.indexFailed(key, err)
			}
		}
		return Result{}, prefix(src.Name, err)
	}
	if in.opt.Index != nil {
		var err error
		if st != nil {
			err = st.Commit(ctx, in.opt.Store, ch)
		} else {
			err = in.opt.Index.Sync(ctx, in.opt.Store, ch)
		}
		if err != nil {
			in.indexFailed(key, err)
		}
	}
	// The store counts the document's distinct nodes and edges and stamps
	// the time: report what it recorded.
	if stored, err := in.opt.Store.Document(ctx, key); err == nil {
		rec = stored
	}
	return Result{Record: rec, Duration: time.Since(r.start), Warnings: rep.Warnings, Change: ch}, nil
}

// interruptible runs fn, the parse or the extraction (plain computation
// over a document, which takes no context), and returns at once when ctx
// is cancelled: SIGTERM ends an ingest within a second whatever the
// document's size, and nothing has been written. The abandoned fn runs on
// to its end in the background and its result is dropped.
func interruptible(ctx context.Context, fn func() error) error {
	if err := ctx.Err(); err != nil {
		return cancelled(err)
	}
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return cancelled(ctx.Err())
	}
}

func cancelled(err error) error {
	return kg.Wrap(kg.CodeTimeout, err, "interrupted before anything was stored")
}

// fits refuses, before extracting it, a document whose parts alone are more
// than the store can hold in the one atomic write a document gets.
func (in *Ingester) fits(key string, rep *report.Report) error {
	st, ok := in.opt.Store.(interface{ MaxParts() int })
	if !ok {
		return nil
	}
	parts := 0
	rep.Walk(func(*report.Paragraph) { parts++ })
	rep.WalkSections(func(*report.Section) { parts++ })
	if limit := st.MaxParts(); parts >= limit {
		return kg.Errorf(kg.CodeTooLarge,
			"document %s has %d paragraphs and sections; one document can hold at most about %d (the store writes each document in one atomic write), so it was not read further: split it",
			key, parts, limit)
	}
	return nil
}

// stager indexes, on the machine's other core, the nodes whose index
// entries the store write is bound to create, while Extract and the write
// run (see search.Index.Stage): first the document's own parts (sections,
// paragraphs, recommendations: most of its text), from the parse; then,
// once Extract sends the fragment's nodes, the entities the store does not
// have yet. Entities the store has may merge what other documents say of
// them; the Commit after the write indexes those.
type stager struct {
	nodes chan []kg.Node      // the fragment's nodes, from Extract
	done  chan *search.Staged // the open stage; nil without an index or when staging failed, and the Sync after the write indexes everything
}

func (in *Ingester) stage(ctx context.Context, key string, pr *extract.Prepared) *stager {
	s := &stager{nodes: make(chan []kg.Node, 1), done: make(chan *search.Staged, 1)}
	if in.opt.Index == nil {
		s.done <- nil
		return s
	}
	parts := pr.Parts(key)
	go func() {
		st, err := in.opt.Index.Stage(ctx, parts)
		if err == nil {
			err = in.stageNew(ctx, st, key, <-s.nodes)
		}
		if err != nil {
			in.opt.Logger.Warn("search index staging failed; indexing after the write", "doc", key, "err", err)
		}
		s.done <- st
	}()
	return s
}

// stageNew adds to st the nodes the store does not have yet, other than
// the document's own parts. Read before the write commits or after: a
// node found here is left to the Commit, which reads the store again.
func (in *Ingester) stageNew(ctx context.Context, st *search.Staged, key string, nodes []kg.Node) error {
	var others []kg.Node
	var ids []kg.ID
	for _, n := range nodes {
		if n.ID.DocKey() != key {
			others = append(others, n)
			ids = append(ids, n.ID)
		}
	}
	have, err := in.opt.Store.Nodes(ctx, ids)
	if err != nil {
		return err
	}
	var add []kg.Node
	for i, n := range have {
		if n.ID == "" {
			add = append(add, others[i])
		}
	}
	return st.Add(ctx, add)
}

// indexFailed logs a failed index update. The store is the system of
// record: the index rebuilds itself from it on the next open.
func (in *Ingester) indexFailed(key string, err error) {
	in.opt.Logger.Warn("search index not updated; it will be rebuilt", "doc", key, "err", err)
}

// PipelineVersion names the extraction rules. Bump it when a change of
// the parser or the extractor changes what the same file yields, so that
// re-ingesting unchanged files picks the change up.
const PipelineVersion = "crimegraph-ingest/3"

// fingerprint identifies a source under this pipeline: the SHA-256 of the
// pipeline version, the gazetteer's version and the bytes.
func (in *Ingester) fingerprint(data []byte) string {
	h := sha256.New()
	h.Write([]byte(PipelineVersion + "\x00" + in.opt.Recognizer.Version() + "\x00"))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// sameBytes finds a stored document ingested from exactly these bytes,
// under the same key when the caller names one.
func (in *Ingester) sameBytes(ctx context.Context, hash, symbol string) (kg.DocRecord, bool) {
	docs, err := in.opt.Store.Documents(ctx)
	if err != nil {
		return kg.DocRecord{}, false
	}
	for _, d := range docs {
		if d.Hash == hash && (symbol == "" || symbol == d.Key) {
			return d, true
		}
	}
	return kg.DocRecord{}, false
}

// Remove deletes a document and what only it supported.
func (in *Ingester) Remove(ctx context.Context, key string) error {
	ch, err := in.opt.Store.Remove(ctx, key)
	if err != nil {
		return err
	}
	if in.opt.Index != nil {
		if err := in.opt.Index.Sync(ctx, in.opt.Store, ch); err != nil {
			in.indexFailed(key, err)
		}
	}
	return nil
}

// Files expands paths (files and folders, walked recursively) into the
// documents crimegraph reads: .pdf, .md, .markdown and .txt files.
func Files(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, kg.Wrap(kg.CodeNotFound, err, fmt.Sprintf("cannot read %s", p))
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".pdf", ".md", ".markdown", ".txt":
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, kg.Wrap(kg.CodeUnavailable, err, "cannot walk "+p)
		}
	}
	return out, nil
}

// NewRecognizer loads the embedded gazetteer as extraction's recogniser
// (extract.NewRecognizer), the one ingest runs by default.
func NewRecognizer() (extract.GazetteerRecognizer, error) { return extract.NewRecognizer() }
