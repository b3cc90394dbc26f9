package render

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
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

// workerNice is the scheduling niceness of render workers: a diagram is
// worth waiting for, while the server's other answers (health checks,
// pages, queries) must not queue behind Graphviz for the CPU.
const workerNice = 10

// lowerPriority lowers the CPU priority of a worker process; a failure
// leaves it at the server's priority, which is only slower for others.
func lowerPriority(pid int) { _ = syscall.Setpriority(syscall.PRIO_PROCESS, pid, workerNice) }
