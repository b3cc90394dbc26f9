//go:build !linux

package render

// rss is not measured outside Linux: workers are recycled by count only.
func (pr *proc) rss() int64 { return 0 }

// lowerPriority does nothing outside Linux.
func lowerPriority(pid int) {}
