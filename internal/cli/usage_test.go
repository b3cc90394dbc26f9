package cli

import (
	"flag"
	"strings"
	"testing"
)

// TestFlagUsageHasNoBackquotes: the flag package takes a `backquoted` word
// of a usage string for the flag's argument name, so `crimegraph ingest
// --help` once printed "-embedded make run".
func TestFlagUsageHasNoBackquotes(t *testing.T) {
	for name, c := range commands {
		fs := flag.NewFlagSet(name, flag.ContinueOnError)
		c.setup(fs, &env{})
		fs.VisitAll(func(f *flag.Flag) {
			if strings.Contains(f.Usage, "`") {
				t.Errorf("crimegraph %s -%s: usage %q has a backquote", name, f.Name, f.Usage)
			}
		})
	}
}
