package store

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/store/storetest"
	"github.com/crimegraph/crimegraph/internal/testtool"
)

var ctx = context.Background()

// open returns a store that is integrity-checked and closed when the test ends.
func open(t testing.TB, opts Options) *Store {
	t.Helper()
	s, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		mustCheck(t, s)
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func mustCheck(t testing.TB, s *Store) {
	t.Helper()
	rep, err := s.Check(ctx)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	if len(rep.Problems) > 0 {
		t.Errorf("integrity check found %d problems:\n%s", len(rep.Problems), strings.Join(rep.Problems, "\n"))
	}
}

func TestConformanceInMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) kg.Store { return open(t, Options{InMemory: true}) })
}

func TestConformanceOnDisk(t *testing.T) {
	storetest.Run(t, func(t *testing.T) kg.Store { return open(t, Options{Dir: t.TempDir()}) })
}

func TestReopenKeepsEverything(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	rec, f := storetest.Doc("S/2025/85", 3)
	if _, err := s.Put(ctx, rec, f); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Stats(ctx)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := open(t, Options{Dir: dir})
	after, _ := s2.Stats(ctx)
	if fmt.Sprint(before) != fmt.Sprint(after) || s2.Version() != before.Version {
		t.Errorf("after reopen: %v (version %d), before: %v", after, s2.Version(), before)
	}
	if n, err := s2.Node(ctx, "state:TUR"); err != nil || n.Label != "Türkiye" {
		t.Errorf("Node after reopen = %+v, %v", n, err)
	}
}

func TestReadOnly(t *testing.T) {
	dir := t.TempDir()
	s, _ := Open(Options{Dir: dir})
	rec, f := storetest.Doc("S/2025/85", 1)
	s.Put(ctx, rec, f)
	s.Close()
	ro := open(t, Options{Dir: dir, ReadOnly: true})
	if _, err := ro.Node(ctx, "state:TUR"); err != nil {
		t.Fatal(err)
	}
	if _, err := ro.Put(ctx, rec, f); kg.ErrorCode(err) != kg.CodeReadOnly {
		t.Errorf("Put on read-only store: %v", err)
	}
}

// TestReadOnlyAfterUncleanStop: a copy of the files of a store that is
// still open read-write is what kill -9 of its writer leaves (the writes
// sit in memory-mapped files the kernel keeps). A read-only open of it must
// succeed, with every committed document, and the store pass its check;
// Badger alone refuses it: "Log truncate required".
func TestReadOnlyAfterUncleanStop(t *testing.T) {
	dir := t.TempDir()
	s := open(t, Options{Dir: dir})
	for _, key := range []string{"S/1", "S/2"} {
		rec, f := storetest.Doc(key, 3)
		if _, err := s.Put(ctx, rec, f); err != nil {
			t.Fatal(err)
		}
	}
	crashed := t.TempDir()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == "LOCK" {
			continue
		}
		copySparse(t, filepath.Join(dir, e.Name()), filepath.Join(crashed, e.Name()))
	}
	ro := open(t, Options{Dir: crashed, ReadOnly: true, MinFree: 1})
	docs, err := ro.Documents(ctx)
	if err != nil || len(docs) != 2 {
		t.Fatalf("read-only open after an unclean stop: %d documents, %v", len(docs), err)
	}
	// And again: the store is clean now.
	again := open(t, Options{Dir: crashed, ReadOnly: true, MinFree: 1})
	if _, err := again.Node(ctx, "state:TUR"); err != nil {
		t.Fatal(err)
	}
}

// copySparse copies a file, leaving its zero blocks as holes: Badger's
// write-ahead logs are 128 MB files of mostly nothing.
func copySparse(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	buf := make([]byte, 1<<16)
	var size int64
	for {
		n, err := io.ReadFull(in, buf)
		if n > 0 {
			if bytes.Count(buf[:n], []byte{0}) == n {
				if _, err := out.Seek(int64(n), io.SeekCurrent); err != nil {
					t.Fatal(err)
				}
			} else if _, err := out.Write(buf[:n]); err != nil {
				t.Fatal(err)
			}
			size += int64(n)
		}
		if err != nil {
			break
		}
	}
	if err := out.Truncate(size); err != nil {
		t.Fatal(err)
	}
}

// TestReadOnlyOfNothingStored: a folder a writer created and was killed
// in before Badger's first file is no store, and a read-only open says so
// (Badger alone: "no manifest found, required for read-only db").
func TestReadOnlyOfNothingStored(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "KEYREGISTRY"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(Options{Dir: dir, ReadOnly: true})
	if kg.ErrorCode(err) != kg.CodeNotFound || !strings.Contains(err.Error(), "no store at") {
		t.Fatalf("read-only open of a folder with nothing stored: %v", err)
	}
}

func TestIncompatibleFormatRefused(t *testing.T) {
	dir := t.TempDir()
	s, _ := Open(Options{Dir: dir})
	if err := s.db.Update(func(txn *badgerTxn) error { return txn.Set(keyFormat, []byte("crimegraph-store/0")) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err := Open(Options{Dir: dir})
	if kg.ErrorCode(err) != kg.CodeIncompat || !strings.Contains(err.Error(), "crimegraph-store/0") {
		t.Fatalf("Open of an old-format store: %v", err)
	}
}

func TestDataFolderInUse(t *testing.T) {
	dir := t.TempDir()
	open(t, Options{Dir: dir})
	_, err := Open(Options{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second Open of the same folder: %v", err)
	}
}

// TestKeyLayout pins the exact keys and values written for a tiny document
// — node records, contributions (the empty marker of an own part, the
// encoded statement of any other node), document records, edges,
// manifests, counters: a change here is a change of the on-disk format
// and needs a new FormatVersion.
func TestKeyLayout(t *testing.T) {
	s := open(t, Options{InMemory: true})
	rec, f := storetest.Doc("S/1", 1)
	rec.IngestedAt = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	if _, err := s.Put(ctx, rec, f); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "format %s\n", FormatVersion)
	err := s.db.View(func(txn *badgerTxn) error {
		return scan(txn, nil, func(k, v []byte) error {
			fmt.Fprintf(&b, "%q", k)
			if len(v) > 0 {
				fmt.Fprintf(&b, " = %x", v)
			}
			b.WriteByte('\n')
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	// A change here changes the format: bump FormatVersion with it.
	testtool.Golden(t, filepath.Join("testdata", "keys.golden"), []byte(b.String()))
}

// TestReadersDuringWrites runs readers while a writer replaces documents;
// under -race it proves the store is safe for concurrent use, and every
// reader must see whole documents only: a document's paragraph count is
// always one of the versions written, never a mix.
func TestReadersDuringWrites(t *testing.T) {
	s := open(t, Options{InMemory: true})
	rec, f := storetest.Doc("S/2025/85", 5)
	if _, err := s.Put(ctx, rec, f); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, 8)
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				p, err := s.List(ctx, kg.KindParagraph, "", 100)
				if err != nil {
					errs <- err
					return
				}
				if n := len(p.Nodes); n != 5 && n != 9 {
					errs <- fmt.Errorf("reader saw %d paragraphs: a half-written document", n)
					return
				}
				if _, err := s.Edges(ctx, "state:TUR", kg.EdgeQuery{Dir: kg.In}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for i := 0; i < 30; i++ {
		n := 5
		if i%2 == 0 {
			n = 9
		}
		rec, f := storetest.Doc("S/2025/85", n)
		if _, err := s.Put(ctx, rec, f); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestBackupRestore(t *testing.T) {
	src := open(t, Options{Dir: t.TempDir()})
	for _, key := range []string{"S/2025/85", "E/2025/28"} {
		rec, f := storetest.Doc(key, 4)
		if _, err := src.Put(ctx, rec, f); err != nil {
			t.Fatal(err)
		}
	}
	var buf strings.Builder
	if err := src.Backup(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	dst := open(t, Options{Dir: t.TempDir()})
	if err := dst.Restore(ctx, strings.NewReader(buf.String())); err != nil {
		t.Fatal(err)
	}
	a, _ := src.Stats(ctx)
	b, _ := dst.Stats(ctx)
	if fmt.Sprint(a) != fmt.Sprint(b) || dst.Version() != src.Version() {
		t.Errorf("restored stats %v (v%d), source %v (v%d)", b, dst.Version(), a, src.Version())
	}
	// Restoring over a non-empty store is refused and changes nothing.
	if err := dst.Restore(ctx, strings.NewReader(buf.String())); kg.ErrorCode(err) != kg.CodeInvalid {
		t.Errorf("restore over data: %v", err)
	}
	other := open(t, Options{InMemory: true})
	if err := other.Restore(ctx, strings.NewReader("not a backup")); err == nil {
		t.Error("restore of garbage succeeded")
	}
}

// TestOrderIndependent: documents that state each other's records (a
// citation of a document, a quoted paragraph) give the same store in every
// order of arrival and of removal. Before format 2, a document citing one
// stored before it failed with "corrupt record".
func TestOrderIndependent(t *testing.T) {
	a, fa := storetest.Doc("S/1", 2)
	b, fb := storetest.Doc("S/2", 1)
	// S/2 cites S/1 and quotes its paragraph 1.
	cited := kg.Node{ID: "document:S/1", Kind: kg.KindDocument, Label: "S/1", Props: map[string]string{kg.PropSymbol: "S/1"}}
	quoted := kg.Node{ID: "paragraph:S/1#1", Kind: kg.KindParagraph, Label: "S/1, para. 1 (as quoted)"}
	fb.Nodes = append(fb.Nodes, cited, quoted)
	fb.Edges = append(fb.Edges,
		kg.Edge{From: "document:S/2", Kind: kg.EdgeCites, To: cited.ID, Evidence: []kg.Evidence{{Doc: "S/2", Ref: "1"}}},
		kg.Edge{From: "paragraph:S/2#1", Kind: kg.EdgeCites, To: quoted.ID, Evidence: []kg.Evidence{{Doc: "S/2", Ref: "1"}}})
	type doc struct {
		rec  kg.DocRecord
		frag kg.Fragment
	}
	docs := []doc{{a, fa}, {b, fb}}
	dump := func(order []int, remove int) string {
		s := open(t, Options{InMemory: true})
		for _, i := range order {
			if _, err := s.Put(ctx, docs[i].rec, docs[i].frag); err != nil {
				t.Fatalf("order %v: Put %s: %v", order, docs[i].rec.Key, err)
			}
		}
		if remove >= 0 {
			if _, err := s.Remove(ctx, docs[remove].rec.Key); err != nil {
				t.Fatal(err)
			}
		}
		mustCheck(t, s)
		var out strings.Builder
		s.db.View(func(txn *badgerTxn) error {
			return scan(txn, nil, func(k, v []byte) error {
				if k[0] != pDocument && !bytes.Equal(k, keyVersion) {
					fmt.Fprintf(&out, "%q = %x\n", k, v)
				}
				return nil
			})
		})
		return out.String()
	}
	for _, remove := range []int{-1, 0, 1} {
		x, y := dump([]int{0, 1}, remove), dump([]int{1, 0}, remove)
		if x != y {
			t.Errorf("remove %d: S/1 then S/2 gives\n%s\nS/2 then S/1 gives\n%s", remove, x, y)
		}
	}
	// Once, and then in the other order, the record of S/1 is its own
	// statement first, the citation's label an alias; its paragraph is its
	// own text whatever S/2 quotes.
	s := open(t, Options{InMemory: true})
	for _, d := range []doc{docs[1], docs[0]} {
		if _, err := s.Put(ctx, d.rec, d.frag); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := s.Node(ctx, "document:S/1"); n.Label != "Report S/1" {
		t.Errorf("document:S/1 = %+v, want its own label", n)
	}
	if n, _ := s.Node(ctx, "paragraph:S/1#1"); n.Label != "S/1, para. 1" || n.Props[kg.PropText] == "" {
		t.Errorf("paragraph:S/1#1 = %+v, want its own statement", n)
	}
}
