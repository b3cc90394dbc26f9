package explore

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// LabelledPair is one hand-labelled pair of calls of two documents: the
// echo echoes the call (Echo true) or is a hard negative.
type LabelledPair struct {
	ID          string
	Call, Other string // citations as printed: "S/2025/460 para. 72", "E/2025/28, resolution 68/5, para. 4"
	Echo        bool
}

// ReadLabelledPairs reads the TSV of internal/explore/testdata
// (columns id, call, echo, label, text_call, text_echo; '#' lines are
// comments; the first other line is the header).
func ReadLabelledPairs(r io.Reader) ([]LabelledPair, error) {
	var out []LabelledPair
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	header := true
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if strings.HasPrefix(s, "#") || strings.TrimSpace(s) == "" {
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) < 4 || (f[3] != "echo" && f[3] != "not") {
			return nil, kg.Errorf(kg.CodeInvalid, "line %d: want id, call, echo, label (echo|not), ...", line)
		}
		out = append(out, LabelledPair{ID: f[0], Call: f[1], Other: f[2], Echo: f[3] == "echo"})
	}
	return out, sc.Err()
}

// citationRef reads a citation: the document, and the ref of the
// paragraph; ok is false for a citation of unnumbered text ("p. 13",
// "annex, item 2"), which names no call node.
var (
	citePara = regexp.MustCompile(`^(.+?)(?:, annex,)? para\. ([0-9]+(?:\([a-z]+\))*(?:\([ivx]+\))?)$`)
	citeRes  = regexp.MustCompile(`^(.+?), (resolution|decision) ([0-9]+/[0-9]+), para\. ([0-9]+)$`)
)

func citationRef(c string) (doc, ref string, ok bool) {
	c = strings.TrimSpace(c)
	if m := citeRes.FindStringSubmatch(c); m != nil {
		p := "res"
		if m[2] == "decision" {
			p = "dec"
		}
		return m[1], p + m[3] + ".op" + m[4], true
	}
	if m := citePara.FindStringSubmatch(c); m != nil {
		return strings.TrimSuffix(m[1], ","), m[2], true
	}
	return "", "", false
}

// EvalOutcome is how the method ranked one labelled pair.
type EvalOutcome struct {
	Pair LabelledPair
	// Resolved is false when either citation names no call node of the
	// graph (the document is not ingested, or the passage is not a call
	// in it); Why says which.
	Resolved bool
	Why      string
	Rank     int // 1-based rank of Other among Call's similar calls; 0 when not in the top MaxSimilar
	Score    float64
}

// EvalReport is precision and recall at K over the labelled pairs.
type EvalReport struct {
	K                      int
	Pairs, Resolved        int
	Echoes, EchoesResolved int
	EchoesAtK              int // resolved echoes ranked within the top K: recall@K = EchoesAtK / EchoesResolved
	NotsAtK                int // resolved hard negatives ranked within the top K
	// Precision at K over the judged results: of the labelled pairs that
	// rank within the top K, the share that are echoes.
	Outcomes []EvalOutcome
}

// RecallAtK is the share of resolved echo pairs ranked within the top K.
func (r EvalReport) RecallAtK() float64 { return ratio(r.EchoesAtK, r.EchoesResolved) }

// PrecisionAtK is the share of echoes among the judged pairs ranked
// within the top K.
func (r EvalReport) PrecisionAtK() float64 { return ratio(r.EchoesAtK, r.EchoesAtK+r.NotsAtK) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// EvaluateSimilar ranks, for every labelled pair, the calls similar to its
// call and reports where the other end lands. docAlias maps a name the
// labels use for a document with no symbol to its key.
func (x *Explorer) EvaluateSimilar(ctx context.Context, pairs []LabelledPair, k int, docAlias map[string]string) (EvalReport, error) {
	idx, err := x.similarIndex(ctx)
	if err != nil {
		return EvalReport{}, err
	}
	resolve := func(c string) (int, string) {
		doc, ref, ok := citationRef(c)
		if !ok {
			return -1, "unnumbered text, no call node"
		}
		if a, ok := docAlias[doc]; ok {
			doc = a
		}
		ns, err := x.r.Lookup(ctx, doc, kg.KindDocument)
		if err != nil || len(ns) == 0 {
			if n, err := x.r.Node(ctx, kg.NewID(kg.KindDocument, doc)); err == nil {
				ns = []kg.Node{n}
			} else {
				return -1, "document " + doc + " not ingested"
			}
		}
		for _, n := range ns {
			if i, ok := idx.pos[kg.PartID(kg.KindRecommendation, n.ID.Key(), ref)]; ok {
				return i, ""
			}
		}
		return -1, fmt.Sprintf("%s para. %s is not a call in the graph", doc, ref)
	}
	rep := EvalReport{K: k, Pairs: len(pairs)}
	for _, p := range pairs {
		o := EvalOutcome{Pair: p}
		if p.Echo {
			rep.Echoes++
		}
		a, why := resolve(p.Call)
		b, why2 := resolve(p.Other)
		if why == "" {
			why = why2
		}
		if a < 0 || b < 0 {
			o.Why = why
			rep.Outcomes = append(rep.Outcomes, o)
			continue
		}
		o.Resolved = true
		rep.Resolved++
		if p.Echo {
			rep.EchoesResolved++
		}
		for i, r := range idx.rank(a, MaxSimilar, nil) {
			if r.c == b {
				o.Rank, o.Score = i+1, r.s.Score
				break
			}
		}
		if o.Rank > 0 && o.Rank <= k {
			if p.Echo {
				rep.EchoesAtK++
			} else {
				rep.NotsAtK++
			}
		}
		rep.Outcomes = append(rep.Outcomes, o)
	}
	return rep, nil
}

// Write prints the report: the figures, then one line per pair.
func (r EvalReport) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "similar calls: %d labelled pairs (%d echo), %d resolved to two calls of the graph (%d echo)\n",
		r.Pairs, r.Echoes, r.Resolved, r.EchoesResolved)
	fmt.Fprintf(bw, "recall@%d     %.3f  (%d of %d resolved echoes in the top %d)\n", r.K, r.RecallAtK(), r.EchoesAtK, r.EchoesResolved, r.K)
	fmt.Fprintf(bw, "precision@%d  %.3f  (%d echoes, %d hard negatives among the judged pairs in the top %d)\n", r.K, r.PrecisionAtK(), r.EchoesAtK, r.NotsAtK, r.K)
	for _, o := range r.Outcomes {
		label := "not "
		if o.Pair.Echo {
			label = "echo"
		}
		switch {
		case !o.Resolved:
			fmt.Fprintf(bw, "%s %s  unresolved: %s\n", o.Pair.ID, label, o.Why)
		case o.Rank == 0:
			fmt.Fprintf(bw, "%s %s  not in the top %d: %s → %s\n", o.Pair.ID, label, MaxSimilar, o.Pair.Call, o.Pair.Other)
		default:
			fmt.Fprintf(bw, "%s %s  rank %d score %.3f: %s → %s\n", o.Pair.ID, label, o.Rank, o.Score, o.Pair.Call, o.Pair.Other)
		}
	}
	return bw.Flush()
}
