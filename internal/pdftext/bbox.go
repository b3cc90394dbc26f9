package pdftext

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"io"
	"strconv"
)

// The geometry that `pdftotext -bbox-layout` writes: pages of flows of
// blocks of lines of words, each with a box in points, y growing downwards.
// Poppler has already put flows, blocks and lines in reading order; we keep
// that order and the block index, and throw the flows away.

// box is a rectangle in PDF points, origin at the top left of the page.
type box struct {
	X0, Y0, X1, Y1 float64
}

func (b box) height() float64 { return b.Y1 - b.Y0 }

// word is one word as poppler cut it.
type word struct {
	box
	Text string
}

// rawLine is one line as poppler grouped it.
type rawLine struct {
	box
	Words []word
	Block int // index of the line's block on its page, in reading order
}

// rawPage is one page of the bbox output.
type rawPage struct {
	W, H  float64
	Lines []rawLine
}

// parseBBox reads the XHTML that `pdftotext -bbox-layout` writes. Poppler
// writes one element per line of output, always in the same shape, so a
// line scanner is enough and is several times faster than encoding/xml on
// the 15 MB a 200-page report produces. Anything it does not recognise is
// skipped; malformed coordinates are an error, because they mean the input
// is not poppler's.
func parseBBox(r io.Reader) ([]rawPage, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	var (
		pages []rawPage
		cur   *rawPage
		block = -1
		line  *rawLine
		n     int
	)
	for sc.Scan() {
		n++
		s := bytes.TrimSpace(sc.Bytes())
		switch {
		case bytes.HasPrefix(s, []byte("<page ")):
			w, err1 := attr(s, "width")
			h, err2 := attr(s, "height")
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("line %d: bad page size", n)
			}
			pages = append(pages, rawPage{W: w, H: h})
			cur, block, line = &pages[len(pages)-1], -1, nil
		case bytes.HasPrefix(s, []byte("<block ")):
			block++
		case bytes.HasPrefix(s, []byte("<line ")):
			if cur == nil {
				return nil, fmt.Errorf("line %d: line outside a page", n)
			}
			b, err := boxAttrs(s)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
			cur.Lines = append(cur.Lines, rawLine{box: b, Block: max(block, 0)})
			line = &cur.Lines[len(cur.Lines)-1]
		case bytes.HasPrefix(s, []byte("</line>")):
			if line != nil && len(line.Words) == 0 {
				cur.Lines = cur.Lines[:len(cur.Lines)-1]
			}
			line = nil
		case bytes.HasPrefix(s, []byte("<word ")):
			if line == nil {
				return nil, fmt.Errorf("line %d: word outside a line", n)
			}
			b, err := boxAttrs(s)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
			open := bytes.IndexByte(s, '>')
			end := bytes.LastIndex(s, []byte("</word>"))
			if open < 0 || end < open {
				return nil, fmt.Errorf("line %d: unterminated word", n)
			}
			text := string(s[open+1 : end])
			if bytes.IndexByte(s[open+1:end], '&') >= 0 {
				text = html.UnescapeString(text)
			}
			if text == "" {
				continue
			}
			line.Words = append(line.Words, word{box: b, Text: text})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return pages, nil
}

func boxAttrs(s []byte) (box, error) {
	var b box
	var err [4]error
	b.X0, err[0] = attr(s, "xMin")
	b.Y0, err[1] = attr(s, "yMin")
	b.X1, err[2] = attr(s, "xMax")
	b.Y1, err[3] = attr(s, "yMax")
	for _, e := range err {
		if e != nil {
			return b, e
		}
	}
	if b.X1 < b.X0 || b.Y1 < b.Y0 {
		return b, fmt.Errorf("inverted box %v", b)
	}
	return b, nil
}

// attr returns the numeric attribute name="…" of the element s.
func attr(s []byte, name string) (float64, error) {
	key := make([]byte, 0, len(name)+3)
	key = append(append(append(key, ' '), name...), '=', '"')
	i := bytes.Index(s, key)
	if i < 0 {
		return 0, fmt.Errorf("no %s", name)
	}
	v := s[i+len(key):]
	j := bytes.IndexByte(v, '"')
	if j < 0 {
		return 0, fmt.Errorf("unterminated %s", name)
	}
	f, err := strconv.ParseFloat(string(v[:j]), 64)
	if err != nil || f != f || f > 1e7 || f < -1e7 {
		return 0, fmt.Errorf("bad %s %q", name, v[:j])
	}
	return f, nil
}
