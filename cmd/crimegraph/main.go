// Command crimegraph turns UN reports on crime prevention and criminal
// justice into a knowledge graph and serves it: crimegraph help lists the
// subcommands.
package main

import (
	"os"

	"github.com/crimegraph/crimegraph/internal/cli"
	"github.com/crimegraph/crimegraph/internal/render"
)

func main() {
	// The diagram renderer lays graphs out in worker processes of this
	// same binary (the hidden render-worker subcommand), which it recycles
	// and kills; see render.Workers.
	if len(os.Args) > 1 && os.Args[1] == render.WorkerArg {
		os.Exit(render.ServeWorker(os.Stdin, os.Stdout))
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
