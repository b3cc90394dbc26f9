package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/store"
)

func init() {
	register(&command{
		name:    "check",
		summary: "Verify the store's integrity: edge endpoints, both indexes, evidence, manifests, counters.",
		setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			data := dataFlag(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usagef("check takes no arguments")
				}
				s, err := openStore(*data, true, true, e.log)
				if err != nil {
					return err
				}
				defer s.Close()
				return runCheck(ctx, s, e)
			}
		},
	})
	register(&command{
		name:    "backup",
		usage:   "FILE",
		summary: "Write an online backup of the store to FILE (- for standard output).",
		setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			data := dataFlag(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) != 1 {
					return usagef("backup takes one FILE")
				}
				s, err := openStore(*data, true, true, e.log)
				if err != nil {
					return err
				}
				defer s.Close()
				if args[0] == "-" {
					return s.Backup(ctx, e.stdout)
				}
				// Write beside the target and rename, so a failed backup never
				// leaves a truncated file under the final name.
				tmp, err := os.CreateTemp(filepath.Dir(args[0]), ".backup-*")
				if err != nil {
					return kg.Wrap(kg.CodeUnavailable, err, "cannot write "+args[0])
				}
				defer os.Remove(tmp.Name())
				if err := s.Backup(ctx, tmp); err != nil {
					tmp.Close()
					return err
				}
				if err := tmp.Sync(); err != nil {
					return kg.Wrap(kg.CodeUnavailable, err, "cannot write "+args[0])
				}
				if err := tmp.Close(); err != nil {
					return kg.Wrap(kg.CodeUnavailable, err, "cannot write "+args[0])
				}
				if err := os.Rename(tmp.Name(), args[0]); err != nil {
					return kg.Wrap(kg.CodeUnavailable, err, "cannot write "+args[0])
				}
				st, _ := s.Stats(ctx)
				fmt.Fprintf(e.stdout, "backed up graph version %d (%d nodes, %d edges) to %s\n", st.Version, st.TotalNodes(), st.TotalEdges(), args[0])
				return nil
			}
		},
	})
	register(&command{
		name:    "restore",
		usage:   "FILE",
		summary: "Restore a backup into an empty data folder, then verify it with the integrity check.",
		setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			data := dataFlag(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) != 1 {
					return usagef("restore takes one FILE")
				}
				f, err := os.Open(args[0])
				if err != nil {
					return kg.Wrap(kg.CodeNotFound, err, "cannot read "+args[0])
				}
				defer f.Close()
				s, err := openStore(*data, false, false, e.log)
				if err != nil {
					return err
				}
				defer s.Close()
				if err := s.Restore(ctx, f); err != nil {
					return err
				}
				// The search index beside the store rebuilds itself on next open.
				os.RemoveAll(filepath.Join(*data, "search"))
				return runCheck(ctx, s, e)
			}
		},
	})
}

func runCheck(ctx context.Context, s *store.Store, e *env) error {
	rep, err := s.Check(ctx)
	if err != nil {
		return err
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(e.stdout, "problem:", p)
	}
	fmt.Fprintf(e.stdout, "checked %d documents, %d nodes, %d edges: %d problems\n", rep.Documents, rep.Nodes, rep.Edges, len(rep.Problems))
	if len(rep.Problems) > 0 {
		return fmt.Errorf("the store failed its integrity check")
	}
	return nil
}
