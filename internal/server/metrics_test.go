package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestMetricLabelsAreClosed: made-up methods, paths and operation names
// become "other", never labels of their own, so clients cannot grow
// /metrics (or the process) by inventing them.
func TestMetricLabelsAreClosed(t *testing.T) {
	c := newServer(t)
	for i := range 30 {
		c.status(fmt.Sprintf("BREW%d", i), "/healthz")
		c.status(http.MethodGet, fmt.Sprintf("/no/such/path/%d", i))
		c.post(fmt.Sprintf("query Invented%d { stats { nodes } }", i), nil)
	}
	c.post(`query Home { stats { nodes } }`, nil)
	_, _, b := c.get("/metrics")
	s := string(b)
	for _, bad := range []string{"BREW", "Invented", "/no/such"} {
		if strings.Contains(s, bad) {
			t.Errorf("/metrics holds the client's %q", bad)
		}
	}
	for _, want := range []string{
		`crimegraph_http_request_duration_seconds_count{method="other",route="/",status="405"} 30`,
		`crimegraph_graphql_operation_duration_seconds_count{operation="other",outcome="ok"} 30`,
		`crimegraph_graphql_operation_duration_seconds_count{operation="Home",outcome="ok"} 1`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// status sends a bodiless request and returns the status alone.
func (c *client) status(method, path string) int {
	c.t.Helper()
	req, err := http.NewRequest(method, c.url+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestHeaders: every answer says nosniff (JSON above all: an error quoting
// a paragraph must never be sniffed as HTML), and a method /graphql does
// not take is a 405 naming the ones it does, not the explorer's 404.
func TestHeaders(t *testing.T) {
	c := newServer(t)
	for _, r := range []response{
		c.post(`{ stats { nodes } }`, nil),
		c.post(`{ stats { nodes } }`, nil), // from the response cache
		c.post(`{ nope }`, nil),
		c.raw(http.MethodPost, "/graphql", "text/plain", []byte("x")),
		c.raw(http.MethodGet, "/diagram/neighbourhood?id=nowhere:x", "", nil),
	} {
		if r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%d %.100s: no nosniff", r.Status, r.Raw)
		}
	}
	if _, h, _ := c.get("/healthz"); h.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("/healthz: no nosniff")
	}
	for _, m := range []string{http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions} {
		req, _ := http.NewRequest(m, c.url+"/graphql", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, POST" {
			t.Errorf("%s /graphql: %d, Allow %q; want 405, GET, POST", m, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
}
