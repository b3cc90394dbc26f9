package store

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// backupMagic starts every backup, so that restore refuses anything else
// before Badger reads it (Badger's loader panics on garbage).
const backupMagic = "crimegraph-backup 1 "

// Backup writes a full, consistent copy of the store to w while readers and
// writers go on (Badger's online backup at one read timestamp).
func (s *Store) Backup(ctx context.Context, w io.Writer) error {
	if err := ctxErr(ctx); err != nil {
		return err
	}
	if _, err := io.WriteString(w, backupMagic+FormatVersion+"\n"); err != nil {
		return kg.Wrap(kg.CodeUnavailable, err, "backup failed")
	}
	if _, err := s.db.Backup(w, 0); err != nil {
		return kg.Wrap(kg.CodeUnavailable, err, "backup failed")
	}
	return nil
}

// Restore loads a backup into this store, which must be empty: restoring
// over existing documents would merge two graphs' records and counters.
func (s *Store) Restore(ctx context.Context, r io.Reader) (err error) {
	if s.readOnly {
		return kg.Errorf(kg.CodeReadOnly, "the store is open read-only")
	}
	docs, err := s.Documents(ctx)
	if err != nil {
		return err
	}
	if len(docs) > 0 {
		return kg.Errorf(kg.CodeInvalid, "restore needs an empty data folder; this one holds %d documents", len(docs))
	}
	br := bufio.NewReader(r)
	head, _ := br.ReadString('\n')
	if !strings.HasPrefix(head, backupMagic) {
		return kg.Errorf(kg.CodeInvalid, "not a crimegraph backup")
	}
	if f := strings.TrimSpace(strings.TrimPrefix(head, backupMagic)); f != FormatVersion {
		return kg.Errorf(kg.CodeIncompat, "backup is of store format %q, this crimegraph reads %q", f, FormatVersion)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	defer func() {
		if p := recover(); p != nil { // a damaged stream
			err = kg.Errorf(kg.CodeInvalid, "damaged backup: %v", p)
		}
	}()
	if err := s.db.Load(br, 256); err != nil {
		return kg.Wrap(kg.CodeInvalid, err, "damaged backup")
	}
	if err := s.checkFormat(); err != nil {
		return err
	}
	if s.version.Load() == 0 {
		return fmt.Errorf("restored store has no version key")
	}
	return nil
}
