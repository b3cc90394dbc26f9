package render

import (
	"bytes"
	"os"
	"strconv"
)

// rss is the resident memory of the worker process, from /proc; 0 when it
// cannot be read (the process has gone).
func (pr *proc) rss() int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pr.pid) + "/statm")
	if err != nil {
		return 0
	}
	f := bytes.Fields(b)
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseInt(string(f[1]), 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}
