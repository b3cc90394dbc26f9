package cli

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/search"
	"github.com/crimegraph/crimegraph/internal/store"
	"github.com/crimegraph/crimegraph/internal/synth"
)

func init() {
	register(&command{
		name: "scale",
		summary: "Measure how cost grows with the corpus: for each size, ingest that many synthetic reports into a\n" +
			"fresh store and report ingest time, store and index size, memory and query latency (docs/performance.md).",
		setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			sizes := fs.String("sizes", "1,10,100,1000", "corpus sizes, comma-separated")
			seed := fs.Uint64("seed", 1, "random seed of the synthetic corpus")
			runs := fs.Int("runs", 200, "query repetitions per latency figure")
			out := fs.String("write", "", "also write the synthetic reports of the largest size into this folder")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usagef("scale takes no arguments")
				}
				var ns []int
				for _, s := range strings.Split(*sizes, ",") {
					n, err := strconv.Atoi(strings.TrimSpace(s))
					if err != nil || n <= 0 {
						return usagef("bad --sizes %q", *sizes)
					}
					ns = append(ns, n)
				}
				gen, err := synth.New(*seed)
				if err != nil {
					return err
				}
				if *out != "" {
					if err := os.MkdirAll(*out, 0o755); err != nil {
						return err
					}
					for i := 1; i <= ns[len(ns)-1]; i++ {
						if err := os.WriteFile(filepath.Join(*out, fmt.Sprintf("synthetic-%04d.md", i)), gen.Report(i), 0o644); err != nil {
							return err
						}
					}
				}
				fmt.Fprintln(e.stdout, "| docs | ingest total | per doc | store MB | index MB | heap MB | RSS MB | node get | neighbourhood | search | rec. filter |")
				fmt.Fprintln(e.stdout, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
				for _, n := range ns {
					row, err := scaleRow(ctx, gen, n, *runs, e)
					if err != nil {
						return err
					}
					fmt.Fprintln(e.stdout, row)
				}
				return nil
			}
		},
	})
}

func scaleRow(ctx context.Context, gen *synth.Generator, n, runs int, e *env) (string, error) {
	dir, err := os.MkdirTemp("", "crimegraph-scale-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	s, err := store.Open(store.Options{Dir: filepath.Join(dir, "graph"), Logger: e.log})
	if err != nil {
		return "", err
	}
	defer s.Close()
	idx, err := search.Open(ctx, filepath.Join(dir, "search"), s)
	if err != nil {
		return "", err
	}
	defer idx.Close()
	rec, err := ingest.NewRecognizer()
	if err != nil {
		return "", err
	}
	in := ingest.New(ingest.Options{Store: s, Recognizer: rec, Index: idx, Logger: e.log})
	start := time.Now()
	for i := 1; i <= n; i++ {
		if _, err := in.Ingest(ctx, ingest.Source{Name: fmt.Sprintf("synthetic-%04d.md", i), Data: gen.Report(i)}); err != nil {
			return "", err
		}
	}
	total := time.Since(start)

	x := explore.New(s, explore.Options{Text: idx})
	docs, err := s.Documents(ctx)
	if err != nil || len(docs) == 0 {
		return "", fmt.Errorf("no documents after ingest: %v", err)
	}
	recID := kg.PartID(kg.KindRecommendation, docs[0].Key, "8(a)")
	if _, err := s.Node(ctx, recID); err != nil {
		page, err := s.List(ctx, kg.KindRecommendation, "", 1)
		if err != nil || len(page.Nodes) == 0 {
			return "", fmt.Errorf("no recommendation to query: %v", err)
		}
		recID = page.Nodes[0].ID
	}
	lat := func(fn func() error) (time.Duration, error) {
		ds := make([]time.Duration, runs)
		for i := range ds {
			t0 := time.Now()
			if err := fn(); err != nil {
				return 0, err
			}
			ds[i] = time.Since(t0)
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return ds[len(ds)/2], nil
	}
	states, err := s.List(ctx, kg.KindState, "", 1)
	if err != nil || len(states.Nodes) == 0 {
		return "", fmt.Errorf("no State to query: %v", err)
	}
	get, err := lat(func() error { _, err := s.Node(ctx, states.Nodes[0].ID); return err })
	if err != nil {
		return "", err
	}
	hood, err := lat(func() error {
		_, err := x.Neighbourhood(ctx, recID, explore.NeighbourhoodQuery{Depth: 1})
		return err
	})
	if err != nil {
		return "", err
	}
	srch, err := lat(func() error {
		_, err := idx.Search(ctx, search.Query{Text: "trafficking in persons", First: 10})
		return err
	})
	if err != nil {
		return "", err
	}
	x.Recommendations(ctx, explore.Filter{CrimeType: "0204"}, "", 20) // build the derived index once
	filt, err := lat(func() error {
		_, err := x.Recommendations(ctx, explore.Filter{CrimeType: "0204"}, "", 20)
		return err
	})
	if err != nil {
		return "", err
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return fmt.Sprintf("| %d | %s | %s | %.1f | %.1f | %.0f | %.0f | %s | %s | %s | %s |", n,
		total.Round(time.Millisecond), (total / time.Duration(n)).Round(100*time.Microsecond),
		mb(dirSize(filepath.Join(dir, "graph"))), mb(dirSize(filepath.Join(dir, "search"))),
		float64(ms.HeapInuse)/(1<<20), float64(rssBytes())/(1<<20),
		get.Round(100*time.Nanosecond), hood.Round(time.Microsecond), srch.Round(time.Microsecond), filt.Round(time.Microsecond)), nil
}

func mb(b int64) float64 { return float64(b) / (1 << 20) }

// dirSize is the disk space a folder's files occupy, like du: Badger
// preallocates a sparse 2 GB value log, whose logical size means nothing.
func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				if st, ok := fi.Sys().(*syscall.Stat_t); ok {
					n += st.Blocks * 512
				} else {
					n += fi.Size()
				}
			}
		}
		return nil
	})
	return n
}

// rssBytes reads the process's resident set size from /proc (Linux).
func rssBytes() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}
