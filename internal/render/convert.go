package render

import (
	"bytes"
	"context"
	"html"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// convert draws an SVG as PNG or PDF with librsvg's rsvg-convert: a real
// SVG renderer, so edges, outlines, table borders and bold text come out
// as in the SVG (go-graphviz's own PNG loses them). It runs as a child
// process, killed when ctx ends.
func (r *Renderer) convert(ctx context.Context, svg []byte, f Format) ([]byte, error) {
	args := []string{"--format", string(f)}
	if f == PNG {
		zoom := r.cfg.PNGZoom
		if w, h, ok := svgSize(svg); ok {
			side := max(w, h) * 96 / 72 // rsvg-convert draws 1pt as 96/72 px
			if side*zoom > float64(r.cfg.MaxPNGSide) {
				zoom = float64(r.cfg.MaxPNGSide) / side
			}
		}
		args = append(args, "--zoom", strconv.FormatFloat(zoom, 'f', 3, 64), "--background-color", "white")
	}
	if err := r.acquire(ctx); err != nil {
		return nil, err
	}
	defer r.release()
	cmd := exec.CommandContext(ctx, r.cfg.RsvgConvert, args...)
	cmd.WaitDelay = time.Second
	return runTool(ctx, cmd, svg, "rsvg-convert",
		strings.ToUpper(string(f))+" diagrams need rsvg-convert (Debian package librsvg2-bin); SVG is available",
		"the diagram could not be converted to "+strings.ToUpper(string(f)))
}

var svgSizeRE = regexp.MustCompile(`<svg[^>]*?\swidth="([0-9.]+)pt"[^>]*?\sheight="([0-9.]+)pt"`)

// svgSize reads the size Graphviz gives its SVG, in points.
func svgSize(svg []byte) (w, h float64, ok bool) {
	m := svgSizeRE.FindSubmatch(svg)
	if m == nil {
		return 0, 0, false
	}
	w, e1 := strconv.ParseFloat(string(m[1]), 64)
	h, e2 := strconv.ParseFloat(string(m[2]), 64)
	return w, h, e1 == nil && e2 == nil
}

var hrefRE = regexp.MustCompile(`(?i)\shref="([^"]*)"`)

// checkSVG is a last line of defence: every link in the SVG must be one a
// diagram may carry (see safeURL) and there must be no script element.
// BuildDOT already guarantees both; this catches a regression before the
// SVG reaches a browser.
func checkSVG(svg []byte) error {
	lower := bytes.ToLower(svg)
	if bytes.Contains(lower, []byte("<script")) || bytes.Contains(lower, []byte("<foreignobject")) {
		return kg.Errorf(kg.CodeInternal, "refusing an SVG diagram with active content")
	}
	for _, m := range hrefRE.FindAllSubmatch(svg, -1) {
		if u := html.UnescapeString(string(m[1])); !safeURL(u) {
			return kg.Errorf(kg.CodeInternal, "refusing an SVG diagram with link %q", u)
		}
	}
	return nil
}
