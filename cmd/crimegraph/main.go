// Command crimegraph turns UN reports on crime prevention and criminal
// justice into a knowledge graph and serves it: crimegraph help lists the
// subcommands.
package main

import (
	"context"
	"os"

	"github.com/crimegraph/crimegraph/internal/cli"
	"github.com/crimegraph/crimegraph/internal/render"
)

func main() {
	// The diagram renderer can lay graphs out in a child process of this
	// same binary, which it kills when a request's deadline passes.
	if len(os.Args) > 1 && os.Args[1] == render.ChildArg {
		os.Exit(render.ServeChild(context.Background(), os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
