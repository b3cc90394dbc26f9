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
