package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

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

// TestKeyLayout pins the exact keys written for a tiny document: a change
// here is a change of the on-disk format and needs a new FormatVersion.
func TestKeyLayout(t *testing.T) {
	s := open(t, Options{InMemory: true})
	rec, f := storetest.Doc("S/1", 1)
	if _, err := s.Put(ctx, rec, f); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "format %s\n", FormatVersion)
	err := s.db.View(func(txn *badgerTxn) error {
		return scan(txn, nil, func(k, v []byte) error {
			fmt.Fprintf(&b, "%q", k)
			if len(v) > 0 && k[0] != pNode && k[0] != pContrib && k[0] != pDocument {
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
