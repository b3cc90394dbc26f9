package render_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/render"
)

// TestWriteSamples writes every fixture in every format, and the crime
// type fixture with every engine, to the directory given by -samples, so
// a person can look at them (docs/diagrams.md says what to check).
func TestWriteSamples(t *testing.T) {
	if *samples == "" {
		t.Skip("no -samples directory")
	}
	if err := os.MkdirAll(*samples, 0o755); err != nil {
		t.Fatal(err)
	}
	r := render.NewRenderer(render.Config{})
	ctx := context.Background()
	write := func(name string, g kg.Subgraph, f render.Format, o render.Options) {
		b, err := r.Render(ctx, g, f, o)
		if err != nil {
			t.Fatalf("%s.%s: %v", name, f, err)
		}
		if err := os.WriteFile(filepath.Join(*samples, name+"."+string(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, g := range map[string]kg.Subgraph{
		"crimetype": crimeTypeGraph(), "path": pathGraph(), "recommendation": recommendationGraph(),
	} {
		for _, f := range render.Formats {
			write(name, g, f, render.Options{})
		}
	}
	for _, e := range render.Engines {
		write("crimetype-"+string(e), crimeTypeGraph(), render.SVG, render.Options{Engine: e})
		write("crimetype-"+string(e), crimeTypeGraph(), render.PNG, render.Options{Engine: e})
	}
}
