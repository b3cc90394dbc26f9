// Temporary development server: real store + corpus, GraphQL and stub diagram endpoints. Removed before hand-off.
package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"github.com/crimegraph/crimegraph/internal/corpus"
	"github.com/crimegraph/crimegraph/internal/explore"
	"github.com/crimegraph/crimegraph/internal/ingest"
	"github.com/crimegraph/crimegraph/internal/kg"
	"github.com/crimegraph/crimegraph/internal/render"
	"github.com/crimegraph/crimegraph/internal/search"
	"github.com/crimegraph/crimegraph/internal/store"
	"github.com/crimegraph/crimegraph/internal/server"
)

func main() {
	ctx := context.Background()
	dir := "/tmp/uidev-data"
	fresh := false
	if _, err := os.Stat(dir); err != nil {
		fresh = true
	}
	st, err := store.Open(store.Options{Dir: dir + "/store"})
	if err != nil {
		log.Fatal(err)
	}
	idx, err := search.Open(ctx, dir+"/search", st)
	if err != nil {
		log.Fatal(err)
	}
	if fresh {
		rec, err := ingest.NewRecognizer()
		if err != nil {
			log.Fatal(err)
		}
		in := ingest.New(ingest.Options{Store: st, Recognizer: rec, Index: idx})
		for _, f := range corpus.Files() {
			if _, err := in.Ingest(ctx, ingest.Source{Name: f.Name, Data: f.Data}); err != nil {
				log.Fatal(err)
			}
		}
	}
	srv := server.New(server.Config{Store: st, Search: idx})
	ex := explore.New(st, explore.Options{Text: idx})
	rd := render.NewRenderer(render.Config{})
	r := mux.NewRouter()
	r.HandleFunc("/diagram/neighbourhood", func(w http.ResponseWriter, q *http.Request) {
		if os.Getenv("NODIAGRAM") != "" {
			http.NotFound(w, q)
			return
		}
		d, _ := strconv.Atoi(q.URL.Query().Get("depth"))
		g, err := ex.Neighbourhood(q.Context(), kg.ID(q.URL.Query().Get("id")), explore.NeighbourhoodQuery{Depth: d})
		if err != nil {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			fmt.Fprintf(w, `{"error":{"code":"BAD_USER_INPUT","message":%q}}`, err.Error())
			return
		}
		f := render.Format(q.URL.Query().Get("format"))
		if f == "" {
			f = render.SVG
		}
		b, err := rd.Render(q.Context(), g.Subgraph, f, render.Options{Engine: render.Engine(q.URL.Query().Get("layout"))})
		if err != nil {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(500)
			fmt.Fprintf(w, `{"error":{"code":"INTERNAL","message":%q}}`, err.Error())
			return
		}
		w.Header().Set("Content-Type", f.ContentType())
		w.Write(b)
	})
	r.HandleFunc("/diagram/paths", func(w http.ResponseWriter, q *http.Request) {
		v := q.URL.Query()
		ml, _ := strconv.Atoi(v.Get("maxLength"))
		p, err := ex.Paths(q.Context(), kg.ID(v.Get("from")), kg.ID(v.Get("to")), explore.PathQuery{MaxLength: ml})
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		_ = p
		http.Error(w, "todo", 404)
	})
	_ = strings.TrimSpace
	r.PathPrefix("/").Handler(srv)
	addr := "127.0.0.1:8099"
	if a := os.Getenv("ADDR"); a != "" {
		addr = a
	}
	log.Println("listening", addr)
	log.Fatal(http.ListenAndServe(addr, r))
}
