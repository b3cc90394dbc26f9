package ui_test

// TEMPORARY: stub diagram endpoints to validate the export test. Removed before hand-off.

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/render"
)

func stubDiagrams(st kg.Reader, next http.Handler) http.Handler {
	ex := explore.New(st, explore.Options{})
	rd := render.NewRenderer(render.Config{})
	mux := http.NewServeMux()
	mux.HandleFunc("/diagram/neighbourhood", func(w http.ResponseWriter, q *http.Request) {
		d, _ := strconv.Atoi(q.URL.Query().Get("depth"))
		g, err := ex.Neighbourhood(q.Context(), kg.ID(q.URL.Query().Get("id")), explore.NeighbourhoodQuery{Depth: d})
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		f := render.Format(q.URL.Query().Get("format"))
		b, err := rd.Render(q.Context(), g.Subgraph, f, render.Options{})
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		w.Header().Set("Content-Type", f.ContentType())
		w.Write(b)
	})
	mux.HandleFunc("/diagram/cooccurrence", func(w http.ResponseWriter, q *http.Request) {
		if q.URL.Query().Get("format") == "csv" {
			w.Header().Set("Content-Type", "text/csv")
			fmt.Fprint(w, "crime type,Recommendations\nTrafficking in persons,1\n")
			return
		}
		w.Header().Set("Content-Type", "image/svg+xml")
		fmt.Fprint(w, `<svg xmlns="http://www.w3.org/2000/svg"><text>m</text></svg>`)
	})
	mux.Handle("/", next)
	return mux
}
