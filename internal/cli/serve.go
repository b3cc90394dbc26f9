package cli

import (
	"context"
	"errors"
	"flag"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/render"
	"github.com/crimegraph/crimegraph/internal/search"
	"github.com/crimegraph/crimegraph/internal/server"
)

// defaultProcs is the runtime's own GOMAXPROCS (the cores, or the
// container's CPU limit), read before serve changes it.
var defaultProcs = runtime.GOMAXPROCS(0)

func init() {
	register(&command{
		name:    "serve",
		summary: "Serve the web explorer, the GraphQL API, diagrams, exports and metrics over HTTP.",
		setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			data := dataFlag(fs)
			addr := fs.String("addr", "localhost:8080", "address to listen on, HOST:PORT")
			readOnly := fs.Bool("read-only", false, "public mode: open the store read-only, refuse every mutation")
			noSeed := fs.Bool("no-seed", false, "do not ingest the embedded corpus into an empty store")
			corsOrigins := fs.String("cors-origin", "", "comma-separated origins whose pages may call /graphql from a browser (hosted GraphQL explorers), or * for any; default none")
			memLimit := fs.Int("memory-limit", 192, "soft limit of the server's Go heap in MiB, at which the garbage collector works harder (GOMEMLIMIT, when set, wins); 0 for none")
			workers := fs.Int("render-workers", 2, "diagram render worker processes (plus one for small diagrams); 0 draws in the server's own process, unbounded (for comparison only)")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usagef("serve takes no arguments")
				}
				// Under a burst of large answers the heap doubles between
				// collections; a soft limit keeps the server's RSS near what it
				// holds (the caches are bounded on their own). Diagrams' memory
				// is the render workers', apart.
				if _, set := os.LookupEnv("GOMEMLIMIT"); !set && *memLimit > 0 {
					debug.SetMemoryLimit(int64(*memLimit) << 20)
				}
				// Twice as many Go processors as cores. When every processor
				// is busy, a request that arrives (a health check) waits
				// until a processor has drained the goroutines queued on it;
				// with more processors than cores it waits for the kernel's
				// time slice instead, a few milliseconds: under the attack
				// mix /healthz took 15–22 ms at the median with one per core,
				// 2–6 ms with two (docs/reliability.md). GOMAXPROCS, when
				// set, wins.
				// The heap may grow to three times what it holds between
				// collections (GOGC 200) rather than twice, up to the soft
				// limit above: a third less collection under load, and the
				// probe's fragment bombs' max 48–101 ms → 36–48 ms in paired
				// attack runs, RSS no higher. GOGC, when set, wins.
				if _, set := os.LookupEnv("GOGC"); !set {
					debug.SetGCPercent(200)
				}
				if _, set := os.LookupEnv("GOMAXPROCS"); !set {
					runtime.GOMAXPROCS(2 * defaultProcs)
				}
				s, err := openStore(*data, *readOnly, *readOnly, e.log)
				if err != nil {
					return err
				}
				defer s.Close()
				metrics := server.NewMetrics(s)
				var idx *search.Index
				if *readOnly {
					// A read-only folder cannot hold a rebuilt index: keep it in memory.
					idx, err = search.OpenMem(ctx, s)
				} else {
					idx, err = openIndex(ctx, *data, s)
				}
				if err != nil {
					return err
				}
				defer idx.Close()
				if !*readOnly && !*noSeed {
					in, err := newIngesterWith(s, idx, e)
					if err != nil {
						return err
					}
					if err := seed(ctx, in, s, metrics, e); err != nil {
						return err
					}
				}
				// Diagrams are drawn in worker processes of this binary, so
				// that Graphviz's memory and run time stay out of the server.
				rc := render.Config{Isolation: render.Workers, Pool: render.PoolConfig{Workers: *workers}}
				if *workers <= 0 {
					rc = render.Config{}
				}
				renderer := render.NewRenderer(rc)
				defer renderer.Close()
				h := server.New(server.Config{
					Renderer:    renderer,
					Store:       s,
					Search:      idx,
					Explorer:    explore.New(s, explore.Options{Text: idx}),
					Logger:      e.log,
					Metrics:     metrics,
					CORSOrigins: origins(*corsOrigins),
				})
				ln, err := net.Listen("tcp", *addr)
				if err != nil {
					return err
				}
				srv := &http.Server{
					Handler:           h,
					ReadHeaderTimeout: 10 * time.Second,
					ReadTimeout:       30 * time.Second,
					WriteTimeout:      60 * time.Second,
					IdleTimeout:       120 * time.Second,
					MaxHeaderBytes:    64 << 10,
				}
				e.log.Info("serving", "url", "http://"+ln.Addr().String()+"/", "data", *data, "read_only", *readOnly)
				errc := make(chan error, 1)
				go func() { errc <- srv.Serve(ln) }()
				select {
				case err := <-errc:
					return err
				case <-ctx.Done():
				}
				e.log.Info("shutting down")
				sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
					return err
				}
				return nil
			}
		},
	})
}

// origins reads the --cors-origin list.
func origins(s string) []string {
	var out []string
	for _, o := range strings.Split(s, ",") {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, o)
		}
	}
	return out
}
