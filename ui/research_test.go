package ui_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The research journeys (issue 16): browse and filter documents, open a
// timeline bar, open a series and compare two of its members, follow a
// similar call. Each saves screenshots (harness_test.go).

func TestBrowserDocuments(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	tb.waitJS("newest documents", `document.querySelectorAll('main table tbody tr').length >= 4`)
	if first := eval[string](tb, `document.querySelector('main table tbody tr').dataset.key`); first != "S/2025/525" {
		t.Errorf("the home page lists %s first, want the newest, S/2025/525 (21 August 2025)", first)
	}
	if glance := tb.text(".glance-grid"); !strings.Contains(glance, "Security Council (3)") || !strings.Contains(glance, "2025") {
		t.Errorf("the corpus at a glance lacks the bodies or years:\n%s", glance)
	}
	tb.do("browse all", chromedp.Click(chromedp.CSS("#all-documents")))
	tb.waitJS("documents page", `location.pathname === '/documents' && document.querySelectorAll('.doc-table tbody tr').length === 6`)
	tb.waitRendered()
	dates := eval[[]string](tb, `[...document.querySelectorAll('.doc-table tbody tr td.num:nth-of-type(2)')].map(td => td.innerText)`)
	for i := 1; i < len(dates); i++ {
		if dates[i] != "—" && dates[i] > dates[i-1] {
			t.Errorf("not newest first: %q", dates)
		}
	}
	// The body facet counts, and choosing it filters and goes to the URL.
	opt := eval[string](tb, `[...document.querySelectorAll('#d-body option')].map(o => o.textContent).join('|')`)
	if !strings.Contains(opt, "Security Council (3)") {
		t.Errorf("body options %q lack Security Council (3)", opt)
	}
	tb.do("choose the Security Council", chromedp.SetValue(chromedp.CSS("#d-body"), "Security Council"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#d-body').dispatchEvent(new Event('change'))`))
	tb.waitJS("filtered", `document.querySelectorAll('.doc-table tbody tr').length === 3`)
	if loc := tb.location(); loc != "/documents?body=Security+Council" {
		t.Errorf("location %q", loc)
	}
	// The month facet is counted under the body filter.
	months := eval[string](tb, `[...document.querySelectorAll('#d-month option')].map(o => o.textContent).join('|')`)
	if !strings.Contains(months, "2025-06 (1)") || !strings.Contains(months, "2025-08 (1)") {
		t.Errorf("month options %q", months)
	}
	// A deep link with words and a series opens filtered.
	tb.open("/documents?q=S%2F2025%2F395")
	tb.waitJS("words filter", `document.querySelectorAll('.doc-table tbody tr').length === 1`)
	if row := tb.text(".doc-table tbody tr"); !strings.Contains(row, "S/2025/395") || !strings.Contains(row, "Documents under Security Council resolution 1244 (1999)") {
		t.Errorf("row %q", row)
	}
	csv := tb.downloadLink(`#doc-pager a[data-export="csv"]`)
	if !strings.HasPrefix(string(csv), "symbol,title,family,body,date") || !strings.Contains(string(csv), "S/2025/395") {
		t.Errorf("CSV export: %.300s", csv)
	}
	tb.open("/documents?family=letter&body=Security+Council")
	tb.waitJS("family filter", `document.querySelectorAll('.doc-table tbody tr').length >= 1`)
	fam := eval[[]string](tb, `[...document.querySelectorAll('.doc-table tbody tr td:nth-of-type(2)')].map(td => td.innerText)`)
	for _, f := range fam {
		if f != "letter" {
			t.Errorf("a %q in the letters", f)
		}
	}
	tb.screenshot("documents")
}

func TestBrowserTimeline(t *testing.T) {
	tb := newTab(t)
	tb.open("/entity?id=state%3AHTI")
	tb.waitJS("the timeline", `document.querySelectorAll('#timeline svg .bar[role=button]').length > 0`)
	bar := `document.querySelector('#timeline svg .bar[role=button]')`
	period := eval[string](tb, bar+`.dataset.period`)
	label := eval[string](tb, bar+`.getAttribute('aria-label')`)
	tb.do("open the bar", chromedp.Evaluate[chromedp.Void](bar+`.dispatchEvent(new MouseEvent('click', { bubbles: true }))`))
	tb.waitJS("the paragraphs behind it", `document.querySelectorAll('#tl-sources li').length > 0`)
	head := tb.text("#tl-sources h3")
	if !strings.HasPrefix(head, period+":") {
		t.Errorf("sources heading %q for bar %q", head, period)
	}
	n := eval[int](tb, `document.querySelectorAll('#tl-sources li').length`)
	if !strings.Contains(label, fmt.Sprintf("%d mention", n-eval[int](tb, `document.querySelectorAll('#tl-sources li a.kind').length`))) {
		t.Errorf("bar %q opened %d sources", label, n)
	}
	if href := eval[string](tb, `document.querySelector('#tl-sources li a').getAttribute('href')`); !strings.HasPrefix(href, "/document?key=") || !strings.Contains(href, "#para-") {
		t.Errorf("a source links to %q, want its paragraph in the reader", href)
	}
	tb.do("scroll to the timeline", chromedp.Evaluate[chromedp.Void](`document.getElementById('timeline-h').scrollIntoView()`))
	tb.screenshotView("timeline")
	csv := tb.downloadLink(`#timeline a[data-export="csv"]`)
	if !strings.HasPrefix(string(csv), "period,mentions,calls,documents") || !strings.Contains(string(csv), period) {
		t.Errorf("timeline CSV: %.300s", csv)
	}
	svg := tb.downloadLink(`#timeline a[data-export="timeline-svg"]`)
	if !strings.Contains(string(svg), "<svg") || !strings.Contains(string(svg), "Haiti: mentions and calls to act") {
		t.Errorf("timeline SVG: %.300s", svg)
	}
	// Only the Security Council's documents.
	tb.waitJS("the bodies", `document.querySelectorAll('#tl-body option').length > 1`)
	tb.do("Security Council only", chromedp.SetValue(chromedp.CSS("#tl-body"), "Security Council"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#tl-body').dispatchEvent(new Event('change'))`))
	tb.waitJS("the filtered chart", `document.querySelectorAll('#timeline svg .bar').length > 0`)
	// By year: one bar per year, the same totals.
	tb.do("by year", chromedp.SetValue(chromedp.CSS("#tl-by"), "YEAR"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#tl-by').dispatchEvent(new Event('change'))`))
	tb.waitJS("yearly bars", `[...document.querySelectorAll('#timeline svg .bar')].every(b => /^\d{4}$/.test(b.dataset.period))`)
}

func TestBrowserSeriesAndCompare(t *testing.T) {
	tb := newTab(t)
	tb.open("/series?id=series%3AS%2FRES%2F1244(1999)")
	tb.waitJS("members", `document.querySelectorAll('.series-table tbody tr').length === 2`)
	keys := eval[[]string](tb, `[...document.querySelectorAll('.series-table tbody tr')].map(r => r.dataset.key)`)
	if strings.Join(keys, " ") != "S/2025/395 S/2025/525" {
		t.Errorf("members %q, want S/2025/395 then S/2025/525", keys)
	}
	if mandate := tb.text("main ul"); !strings.Contains(mandate, "resolution 1244 (1999)") || !strings.Contains(mandate, "S/2025/395, para. 1") {
		t.Errorf("the mandate is not cited: %q", mandate)
	}
	tb.screenshot("series")
	tb.do("compare", chromedp.Click(chromedp.CSS("#cmp-go")))
	tb.waitJS("the comparison", `location.pathname === '/compare' && document.querySelector('main h1') && document.querySelector('main h1').innerText === 'S/2025/395 and S/2025/525'`)
	tb.waitRendered()
	if loc := tb.location(); loc != "/compare?a=document%3AS%2F2025%2F395&b=document%3AS%2F2025%2F525" {
		t.Errorf("location %q", loc)
	}
	if n := eval[int](tb, `document.querySelectorAll('.compare-kind').length`); n == 0 {
		t.Error("the comparison lists no entity")
	}
	tb.screenshot("compare")
}

func TestBrowserSimilarCall(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	// The first call of the corpus with a similar call in another document.
	id, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`(async () => {
	  const q = async (query, variables) => (await (await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json()).data;
	  const recs = (await q('{ recommendations(first: 100) { nodes { id } } }')).recommendations.nodes;
	  for (const r of recs) {
	    const s = await q('query($id: ID!) { similarCalls(id: $id, first: 1) { similarity { score } } }', { id: r.id });
	    if (s.similarCalls.length && s.similarCalls[0].similarity.score > 0.2) return r.id;
	  }
	  return '';
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if id == "" {
		t.Fatal("no call of the corpus has a similar call above 0.2")
	}
	tb.open("/entity?id=" + strings.ReplaceAll(id, "#", "%23"))
	tb.waitJS("similar calls", `document.querySelectorAll('#similar li').length > 0`)
	first := eval[string](tb, `document.querySelector('#similar li').dataset.id`)
	if strings.SplitN(first, "#", 2)[0] == strings.SplitN(id, "#", 2)[0] {
		t.Errorf("the similar call %s is in the same document as %s", first, id)
	}
	if why := tb.text("#similar li"); !strings.Contains(why, "shared words") && !strings.Contains(why, "shared entities") {
		t.Errorf("no reason given: %q", why)
	}
	tb.screenshot("similar-calls")
	tb.do("follow it", chromedp.Click(chromedp.CSS("#similar li a.similar-call")))
	tb.waitJS("the similar call's page", fmt.Sprintf(`decodeURIComponent(location.search) === %q`, "?id="+first))
	tb.waitRendered()
	tb.waitJS("its own similar calls", `document.querySelector('#similar li, #similar .empty') !== null`)
}

// A filter given as a code in the URL selects the entity in its list, with
// its count (issue 16, point 7).
func TestBrowserRecommendationFilterByCode(t *testing.T) {
	tb := newTab(t)
	tb.open("/recommendations?crimeType=0204")
	tb.waitJS("the crime type list", `document.querySelectorAll('#f-crimeType option').length > 2`)
	sel := eval[string](tb, `document.querySelector('#f-crimeType').selectedOptions[0].textContent`)
	if !strings.HasPrefix(sel, "Trafficking in persons (") || strings.HasSuffix(sel, "(0)") {
		t.Errorf("the list shows %q, want Trafficking in persons with its count", sel)
	}
}

// The matrix crosses a kind with a property of the documents, heaviest
// first, and downloads as CSV.
func TestBrowserMatrixByBodyAndMonth(t *testing.T) {
	tb := newTab(t)
	tb.open("/matrix?rows=CrimeType&columns=Month")
	tb.waitJS("the matrix", `document.querySelectorAll('.matrix tbody tr').length > 0`)
	if h := tb.text("main h1"); h != "Crime types × Months" {
		t.Errorf("heading %q", h)
	}
	totals := eval[[]int](tb, `[...document.querySelectorAll('.matrix tbody tr td.total')].map(td => +td.innerText)`)
	for i := 1; i < len(totals); i++ {
		if totals[i] > totals[i-1] {
			t.Errorf("rows not heaviest first: %v", totals)
		}
	}
	if href := eval[string](tb, `document.querySelector('.matrix thead th a').getAttribute('href')`); !strings.HasPrefix(href, "/documents?month=2025-") {
		t.Errorf("a month column links to %q, want its documents", href)
	}
	csv := tb.downloadLink(`#m-exports a[data-export="csv"]`)
	if !strings.HasPrefix(string(csv), "Crime type,2025-") || !strings.Contains(string(csv), "Trafficking in persons") {
		t.Errorf("matrix CSV: %.300s", csv)
	}
	tb.open("/matrix?rows=Body&columns=Series")
	tb.waitJS("bodies × series", `document.querySelectorAll('.matrix tbody tr').length > 0`)
	if rows := tb.text(".matrix tbody"); !strings.Contains(rows, "Security Council") {
		t.Errorf("bodies × series rows: %q", rows)
	}
	tb.screenshot("matrix-body-series")
}

// A document of a series says so on its page, and the link opens the
// series.
func TestBrowserDocumentInSeries(t *testing.T) {
	tb := newTab(t)
	tb.open("/entity?id=document%3AS%2F2025%2F525")
	tb.waitJS("relations", `document.querySelectorAll('.rel-group').length > 0`)
	link := `[...document.querySelectorAll('.rel-group a')].find(a => a.getAttribute('href').startsWith('/series?id='))`
	tb.waitJS("the series link", link+` !== undefined`)
	tb.do("open the series", chromedp.Evaluate[chromedp.Void](link+`.click()`))
	tb.waitJS("the series page", `location.pathname === '/series' && document.querySelectorAll('.series-table tbody tr').length === 2`)
}

// Two documents' calls matched one to one, each pair with its score and
// reason.
func TestBrowserCompareCalls(t *testing.T) {
	tb := newTab(t)
	tb.open("/compare?a=document%3Alatin-american-caribbean-regional-preparatory-meeting-2025&b=document%3AS%2F2025%2F85")
	tb.waitJS("matched calls", `document.querySelectorAll('.pairs tbody tr').length > 0`)
	row := tb.text(".pairs tbody tr")
	if !strings.Contains(row, "shared words") || !strings.Contains(row, "S/2025/85, para.") {
		t.Errorf("first pair %q", row)
	}
	tb.screenshot("compare-calls")
}
