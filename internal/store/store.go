// Package store is crimegraph's system of record: the knowledge graph on an
// embedded Badger database.
//
// Nodes and edges are shared between documents; every document's share is
// recorded (node contributions, per-document edge entries, a manifest), so
// that replacing or removing a document touches exactly what it supported.
// Every document write is one Badger transaction: a crash leaves the old
// version or the new one. The key layout is in keys.go.
package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Options configure Open.
type Options struct {
	// Dir is the data folder. Ignored when InMemory is set.
	Dir string
	// InMemory keeps everything in memory; for tests and benchmarks.
	InMemory bool
	// ReadOnly opens an existing store without taking the write lock, so
	// several read-only processes may share it; every write is refused.
	ReadOnly bool
	// SyncWrites makes every commit durable across a power cut, at about
	// 30x the cost per commit. Without it a commit survives a process crash.
	SyncWrites bool
	// Logger receives Badger's warnings and errors; nil discards them.
	Logger *slog.Logger
	// MinFree is the free disk space below which Open and every write are
	// refused; 0 means DefaultMinFree. Badger writes through memory-mapped
	// files, and a write into a mapped file on a full disk kills the
	// process with SIGBUS instead of returning an error; refusing early
	// turns a full disk into a clear message and an untouched store.
	MinFree int64
}

// DefaultMinFree covers Badger's two memory-mapped memtable logs of
// 64 MB and a large document's share of the value log and tables.
const DefaultMinFree = 256 << 20

// Store is the Badger-backed graph store. It is safe for concurrent use:
// reads run in parallel on consistent snapshots, writes are serialised.
type Store struct {
	db       *badger.DB
	dir      string
	minFree  int64
	readOnly bool
	log      *slog.Logger
	version  atomic.Uint64
	wmu      sync.Mutex // one writer at a time: Put and Remove read-modify-write counters
	stop     chan struct{}
	done     chan struct{}
}

var _ kg.Store = (*Store)(nil)

// Open opens (creating if needed) the store described by opts. A store
// written in another format is refused with a CodeIncompat error.
func Open(opts Options) (*Store, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	bo := badger.DefaultOptions(opts.Dir).
		WithInMemory(opts.InMemory).
		WithReadOnly(opts.ReadOnly).
		WithSyncWrites(opts.SyncWrites).
		WithLogger(badgerLogger{log}).
		WithLoggingLevel(badger.WARNING).
		// Smaller than Badger's defaults (5 x 64 MB memtables, 256 MB
		// cache), which cost hundreds of MB of RSS for a corpus of a few
		// hundred MB. A 64 MB memtable keeps the largest transaction at
		// ~100k entries, enough for a 200-page report in one atomic write.
		WithMemTableSize(64 << 20).
		WithNumMemtables(2).
		WithBlockCacheSize(32 << 20).
		WithIndexCacheSize(16 << 20).
		// Paragraph texts above this go to the value log, so they count
		// as pointers against the transaction size limit.
		WithValueThreshold(256).
		WithCompression(options.Snappy).
		WithNumCompactors(2)
	if opts.InMemory {
		// In memory there is no value log: every value must stay inline.
		bo = bo.WithDir("").WithValueDir("").WithValueThreshold(1 << 20)
	} else {
		if opts.Dir == "" {
			return nil, kg.Errorf(kg.CodeInvalid, "no data folder given")
		}
		if !opts.ReadOnly {
			if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
				return nil, openError(opts.Dir, err)
			}
			if err := checkFree(opts.Dir, minFree(opts)); err != nil {
				return nil, err
			}
		} else if _, err := os.Stat(opts.Dir); err != nil {
			return nil, kg.Wrap(kg.CodeNotFound, err, "no store at "+opts.Dir)
		} else if _, err := os.Stat(filepath.Join(opts.Dir, badger.ManifestFilename)); errors.Is(err, os.ErrNotExist) {
			// A writer stopped before Badger's first file: nothing was
			// ever committed there.
			return nil, kg.Wrap(kg.CodeNotFound, err, "no store at "+opts.Dir+" (nothing was ever stored there)")
		}
	}
	db, err := badger.Open(bo)
	if err != nil && opts.ReadOnly && truncateNeeded(err) {
		db, err = repairAndOpen(bo, opts, log)
	}
	if err != nil {
		return nil, openError(opts.Dir, err)
	}
	s := &Store{db: db, dir: opts.Dir, minFree: minFree(opts), readOnly: opts.ReadOnly, log: log, stop: make(chan struct{}), done: make(chan struct{})}
	if err := s.checkFormat(); err != nil {
		db.Close()
		return nil, err
	}
	if !opts.InMemory && !opts.ReadOnly {
		go s.gcLoop()
	} else {
		close(s.done)
	}
	return s, nil
}

// repairAndOpen opens read-only a store whose writer stopped without
// closing it (kill -9, a crash, a full disk). Badger's write-ahead log is a
// preallocated, memory-mapped file: a writer that dies leaves it longer than
// its last entry, and Badger refuses to open it read-only until a
// read-write open has cut the tail. That tail holds nothing committed: a
// commit returns only once its entries are in the log, and only a torn,
// uncommitted transaction or unused space lies beyond. So when no process
// holds the store, a read-only opener does that read-write open and close
// itself, then opens read-only; where it cannot write, it says what to do.
func repairAndOpen(ro badger.Options, opts Options, log *slog.Logger) (*badger.DB, error) {
	notClosed := "the store at " + opts.Dir + " was not closed cleanly (its writer was killed, crashed or ran out of disk)"
	if err := checkFree(opts.Dir, minFree(opts)); err != nil {
		return nil, kg.Wrap(kg.CodeUnavailable, err, notClosed+" and needs a repair that writes to it; "+kg.ErrorMessage(err))
	}
	// Several readers may find it at once: one repairs, the others wait
	// for its lock and then find the store clean.
	deadline := time.Now().Add(5 * time.Second)
	for {
		rw, err := badger.Open(ro.WithReadOnly(false))
		if err == nil {
			log.Warn("repaired the store after an unclean stop: cut the unfinished end of its write-ahead log; nothing committed is lost", "component", "store", "dir", opts.Dir)
			if err := rw.Close(); err != nil {
				return nil, kg.Wrap(kg.CodeUnavailable, err, notClosed+"; its repair failed")
			}
		} else if msg := err.Error(); containsAny(msg, "read-only file system", "permission denied") {
			return nil, kg.Wrap(kg.CodeReadOnly, err, notClosed+
				"; it needs one open where the folder is writable, which repairs it (any crimegraph command does), before a read-only open here; nothing committed is lost")
		} else if !containsAny(msg, "Cannot acquire directory lock", "resource temporarily unavailable") || time.Now().After(deadline) {
			return nil, err
		}
		db, err := badger.Open(ro)
		if err == nil || !truncateNeeded(err) && !containsAny(err.Error(), "Cannot acquire directory lock", "resource temporarily unavailable") {
			return db, err
		}
		if time.Now().After(deadline) {
			return nil, err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// truncateNeeded reports Badger's ErrTruncateNeeded, which reaches us
// wrapped as text only.
func truncateNeeded(err error) bool {
	return errors.Is(err, badger.ErrTruncateNeeded) || strings.Contains(err.Error(), badger.ErrTruncateNeeded.Error())
}

func minFree(opts Options) int64 {
	if opts.InMemory {
		return 0
	}
	if opts.MinFree > 0 {
		return opts.MinFree
	}
	return DefaultMinFree
}

// checkFree refuses to go on when the device holding dir has less than
// min bytes free.
func checkFree(dir string, min int64) error {
	if min <= 0 {
		return nil
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return nil // cannot tell: let the write itself report
	}
	if free := int64(st.Bavail) * int64(st.Bsize); free < min {
		return kg.Errorf(kg.CodeUnavailable, "only %d MB free on the device holding %s; crimegraph needs %d MB to write safely, and left the store unchanged",
			free>>20, dir, min>>20)
	}
	return nil
}

func openError(dir string, err error) error {
	if ke := (*kg.Error)(nil); errors.As(err, &ke) {
		return err // already says what happened
	}
	msg := err.Error()
	switch {
	case errors.Is(err, os.ErrPermission):
		return kg.Wrap(kg.CodeReadOnly, err, "data folder "+dir+" is not writable (use --read-only to serve it)")
	case containsAny(msg, "Cannot acquire directory lock", "resource temporarily unavailable"):
		return kg.Wrap(kg.CodeUnavailable, err, "data folder "+dir+" is in use by another crimegraph process")
	case containsAny(msg, "read-only file system"):
		return kg.Wrap(kg.CodeReadOnly, err, "data folder "+dir+" is on a read-only file system")
	case containsAny(msg, "no space left"):
		return kg.Wrap(kg.CodeUnavailable, err, "no space left on the device holding "+dir)
	}
	return kg.Wrap(kg.CodeUnavailable, err, "cannot open store at "+dir)
}

// checkFormat stamps a new store with FormatVersion and refuses one written
// in another format, before anything reads or writes a record.
func (s *Store) checkFormat() error {
	var format []byte
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(keyFormat)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		format, err = item.ValueCopy(nil)
		if err != nil {
			return err
		}
		v, err := txn.Get(keyVersion)
		if err == nil {
			b, _ := v.ValueCopy(nil)
			s.version.Store(readU64(b))
		}
		return nil
	})
	if err != nil {
		return kg.Wrap(kg.CodeUnavailable, err, "cannot read store format")
	}
	if format != nil {
		if string(format) != FormatVersion {
			return kg.Errorf(kg.CodeIncompat,
				"store was written in format %q, this crimegraph reads %q: ingest the documents again into a new data folder",
				format, FormatVersion)
		}
		return nil
	}
	if s.readOnly {
		// An empty read-only store: nothing to stamp, nothing to read.
		return nil
	}
	return s.db.Update(func(txn *badger.Txn) error {
		return txn.Set(keyFormat, []byte(FormatVersion))
	})
}

// gcLoop reclaims value-log space, which Badger leaves to the application.
func (s *Store) gcLoop() {
	defer close(s.done)
	t := time.NewTicker(5 * time.Minute)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			for s.db.RunValueLogGC(0.5) == nil {
			}
		}
	}
}

// Close flushes and closes the database.
func (s *Store) Close() error {
	select {
	case <-s.stop:
		return nil // already closed
	default:
	}
	close(s.stop)
	<-s.done
	return s.db.Close()
}

// Version is the graph version; it increases with every committed write.
func (s *Store) Version() uint64 { return s.version.Load() }

// Size returns the on-disk size of the LSM tree and the value log in bytes.
func (s *Store) Size() (lsm, vlog int64) { return s.db.Size() }

// badgerLogger routes Badger's log into slog. Badger is chatty at INFO (a
// dozen lines per open); only its warnings and errors reach the program.
type badgerLogger struct{ l *slog.Logger }

func (b badgerLogger) Errorf(f string, a ...any) {
	b.l.Error("badger: "+trimNL(fmt.Sprintf(f, a...)), "component", "store")
}
func (b badgerLogger) Warningf(f string, a ...any) {
	b.l.Warn("badger: "+trimNL(fmt.Sprintf(f, a...)), "component", "store")
}
func (b badgerLogger) Infof(string, ...any)  {}
func (b badgerLogger) Debugf(string, ...any) {}

func trimNL(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == ' ') {
		s = s[:len(s)-1]
	}
	return s
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// ctxErr turns a cancelled context into a coded error.
func ctxErr(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return kg.Wrap(kg.CodeTimeout, err, "request timed out")
		}
		return kg.Wrap(kg.CodeTimeout, err, "request cancelled")
	}
	return nil
}
