// Package cli implements crimegraph's subcommands. Each subcommand parses
// its flags into options, builds what it needs and runs; the exit status is
// 0 on success, 1 on failure and 2 on bad usage.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"golang.org/x/term"

	"github.com/crimegraph/crimegraph/internal/kg"

	"github.com/crimegraph/crimegraph/internal/store"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// env is what every subcommand gets: its arguments and the process's I/O.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *slog.Logger
}

type command struct {
	name    string
	summary string
	usage   string // arguments after the flags
	// setup declares the flags and returns the function that runs with the
	// remaining arguments.
	setup func(fs *flag.FlagSet, e *env) func(ctx context.Context, args []string) error
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// usageError marks an error as bad usage (exit 2).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// Main runs crimegraph with args (without the program name).
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			return Main([]string{args[1], "--help"}, stdin, stdout, stderr)
		}
		printHelp(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "crimegraph: unknown subcommand %q\n\n", args[0])
		printHelp(stderr)
		return exitUsage
	}
	fs := flag.NewFlagSet("crimegraph "+c.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	logFormat := fs.String("log-format", "auto", "log format: text, json, or auto (text on a terminal, JSON otherwise)")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn, error")
	run := c.setup(fs, e)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: crimegraph %s [flags] %s\n\n%s\n\nFlags:\n", c.name, c.usage, c.summary)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	lg, err := newLogger(stderr, *logFormat, *logLevel)
	if err != nil {
		fmt.Fprintf(stderr, "crimegraph %s: %v\n", c.name, err)
		return exitUsage
	}
	e.log = lg
	slog.SetDefault(lg)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// A reader that closes our standard output (crimegraph stats | head -1)
	// must not kill us with SIGPIPE while the store is open: with the
	// signal caught, the write fails with EPIPE instead, the command
	// unwinds, closes the store and ends quietly. (Caught, not ignored, so
	// that child processes get the default again.)
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	if err := run(ctx, fs.Args()); err != nil {
		if errors.Is(err, syscall.EPIPE) {
			return exitOK // the reader has all it wanted
		}
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "crimegraph %s: %s\n", c.name, ue.msg)
			fs.Usage()
			return exitUsage
		}
		fmt.Fprintf(stderr, "crimegraph %s: %v\n", c.name, err)
		return exitFailure
	}
	return exitOK
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "crimegraph: a knowledge-graph explorer for UN documents on crime prevention and criminal justice.")
	fmt.Fprintln(w, "\nUsage: crimegraph SUBCOMMAND [flags] [args]\n\nSubcommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, strings.SplitN(commands[n].summary, "\n", 2)[0])
	}
	fmt.Fprintln(w, "\nRun 'crimegraph SUBCOMMAND --help' for its flags. CRIMEGRAPH_DATA sets the default --data folder.")
}

func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("bad --log-level %q", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "auto":
		if isTerminal(w) {
			return slog.New(slog.NewTextHandler(w, opts)), nil
		}
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("bad --log-format %q: want text, json or auto", format)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// defaultData is the --data default: $CRIMEGRAPH_DATA, else ./data.
func defaultData() string {
	if d := os.Getenv("CRIMEGRAPH_DATA"); d != "" {
		return d
	}
	return "./data"
}

// dataFlag declares --data on fs.
func dataFlag(fs *flag.FlagSet) *string {
	return fs.String("data", defaultData(), "data folder of the store (default from $CRIMEGRAPH_DATA)")
}

// openStore opens the store in dir for a subcommand. With mustExist, a
// missing folder is an error rather than a new empty store.
func openStore(dir string, mustExist, readOnly bool, log *slog.Logger) (*store.Store, error) {
	if mustExist {
		if _, err := os.Stat(dir); err != nil {
			return nil, kg.Errorf(kg.CodeNotFound, "no store at %s: run 'crimegraph ingest --data %s FILE...' first", dir, dir)
		}
	}
	// The data folder holds the store (graph/) beside the derived search
	// index (search/), which can always be rebuilt from it.
	return store.Open(store.Options{Dir: filepath.Join(dir, "graph"), ReadOnly: readOnly, Logger: log})
}
