// Command crimegraph turns UN reports on crime prevention and criminal
// justice into a knowledge graph and serves it: crimegraph help lists the
// subcommands.
package main

import (
	"os"

	"github.com/crimegraph/crimegraph/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
