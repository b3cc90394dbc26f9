package main

import (
	"fmt"
	"os"

	"github.com/crimegraph/crimegraph/internal/report"
)

func main() {
	b, _ := os.ReadFile(os.Args[1])
	lines, err := report.FromMarkdown(b)
	if err != nil {
		panic(err)
	}
	for _, l := range lines {
		fmt.Printf("%+v\n", l)
	}
}
