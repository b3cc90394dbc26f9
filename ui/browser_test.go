package ui_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The browser tests drive the real server (store, ingest of the embedded
// corpus, search index, GraphQL, UI) in headless Chromium. Each saves
// screenshots of the pages it visits under out/screenshots/ (or
// $ARTIFACTS_DIR/screenshots/), and fails on any uncaught exception or
// console error (harness_test.go).

// pressKeys types keys into whatever has focus, one key event each.
func (tb *tab) pressKeys(keys ...string) {
	tb.t.Helper()
	for _, k := range keys {
		tb.do("press key", chromedp.KeyEvent(k))
	}
}

// chooseSuggestion types into a combobox and picks, with the keyboard, the
// first suggestion whose text contains want.
func (tb *tab) chooseSuggestion(input, typed, want string) {
	tb.t.Helper()
	tb.do("type "+typed, chromedp.Focus(chromedp.CSS(input)), chromedp.SendKeys(chromedp.CSS(input), typed))
	list := fmt.Sprintf(`document.getElementById(document.querySelector(%q).getAttribute('aria-controls'))`, input)
	find := fmt.Sprintf(`[...%s.querySelectorAll('[role=option]')].findIndex(o => o.textContent.includes(%q))`, list, want)
	tb.waitJS("suggestion "+want, find+` >= 0 && !`+list+`.hidden`)
	i := eval[int](tb, find)
	for range i + 1 {
		tb.pressKeys(kb.ArrowDown)
	}
	active := eval[string](tb, fmt.Sprintf(`document.getElementById(document.querySelector(%q).getAttribute('aria-activedescendant')).textContent`, input))
	if !strings.Contains(active, want) {
		tb.t.Fatalf("after %d × ArrowDown the active suggestion is %q, want %q", i+1, active, want)
	}
	tb.pressKeys(kb.Enter)
}

func TestBrowserHome(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	tb.waitJS("documents table", `document.querySelectorAll('main table tbody tr').length >= 4`)
	table := tb.text("main table")
	for _, want := range []string{"S/2025/85", "E/2025/28 – E/CN.7/2025/11", "Regional Preparatory Meeting", "2025-02-06"} {
		if !strings.Contains(table, want) {
			t.Errorf("documents table lacks %q:\n%s", want, table)
		}
	}
	cards := tb.text("main .cards")
	for _, want := range []string{"Recommendations", "States", "Crime types", "Instruments"} {
		if !strings.Contains(cards, want) {
			t.Errorf("counts by kind lack %q:\n%s", want, cards)
		}
	}
	if got := eval[string](tb, `document.title`); got != "crimegraph" {
		t.Errorf("title %q", got)
	}
	// Fast on the default corpus: the page, its modules and its one query.
	if ms := eval[float64](tb, `performance.now()`); ms > 5000 {
		t.Errorf("the home page took %.0f ms to show the corpus", ms)
	} else {
		t.Logf("home page ready in %.0f ms", ms)
	}
	tb.screenshot("home")
}

// Search with the keyboard only, open the entity, and read its page.
func TestBrowserSearchAndOpenEntity(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	// A partial word finds the entity by a word of its name.
	tb.chooseSuggestion("main input[role=combobox]", "trafficking in pers", "Trafficking in persons")
	tb.waitJS("entity page", `location.pathname === '/entity' && document.querySelector('main h1') && document.querySelector('main h1').innerText === 'Trafficking in persons'`)
	tb.waitRendered()
	if loc := tb.location(); loc != "/entity?id=crimetype%3A0204" {
		t.Errorf("location %q, want /entity?id=crimetype%%3A0204", loc)
	}
	if focused := eval[string](tb, `document.activeElement.tagName`); focused != "H1" {
		t.Errorf("after navigation focus is on %s, want the page heading", focused)
	}
	facts := tb.text("main .facts")
	if !strings.Contains(facts, "ICCS code") || !strings.Contains(facts, "0204") {
		t.Errorf("identifiers lack the ICCS code:\n%s", facts)
	}
	if !strings.Contains(tb.text("main .aliases"), "human trafficking") {
		t.Error("aliases lack “human trafficking”")
	}
	// Relations grouped by kind, evidence quoted with the words marked and cited.
	tb.waitJS("relations", `document.querySelectorAll('.rel-group').length > 0`)
	groups := tb.text("#relations-h + div")
	for _, want := range []string{"Addressed by recommendations", "Named in", "S/2025/85, para. 61(j)"} {
		if !strings.Contains(groups, want) {
			t.Errorf("relations lack %q", want)
		}
	}
	// The quotes mark the words that support each relation: the crime
	// type's own name where the paragraph names it.
	marks := eval[[]string](tb, `[...document.querySelectorAll('.rel-group blockquote mark')].map(m => m.textContent.toLowerCase())`)
	if !strings.Contains(strings.Join(marks, "|"), "trafficking in persons") {
		t.Errorf("no evidence quote marks “trafficking in persons”; marked: %q", marks)
	}
	cite := eval[string](tb, `document.querySelector('.rel-group cite a').getAttribute('href')`)
	if !strings.HasPrefix(cite, "/document?key=") || !strings.Contains(cite, "#para-") {
		t.Errorf("citation links to %q, want the paragraph in the reader", cite)
	}
	tb.screenshot("entity")

	// A code finds its entity too.
	tb.open("/")
	tb.chooseSuggestion("main input[role=combobox]", "HTI", "Haiti")
	tb.waitJS("Haiti's page", `location.search === '?id=state%3AHTI' && document.querySelector('main h1') && document.querySelector('main h1').innerText === 'Haiti'`)
	tb.waitRendered()
	if facts := tb.text("main .facts"); !strings.Contains(facts, "HTI") {
		t.Errorf("Haiti's identifiers lack its ISO3 code:\n%s", facts)
	}

	// Enter with no suggestion chosen searches all text.
	tb.open("/")
	tb.do("type a full-text search", chromedp.SendKeys(chromedp.CSS("main input[role=combobox]"), "maritime controls"+kb.Enter))
	tb.waitJS("search results", `location.pathname === '/search' && document.querySelectorAll('.hits li').length > 0`)
	if got := tb.text(".hits"); !strings.Contains(strings.ToLower(got), "maritime") {
		t.Errorf("search results do not show the matched words:\n%s", got)
	}
	tb.screenshot("search")
}

// Filter the recommendations, share the view by its URL, and follow a
// recommendation to its paragraph.
func TestBrowserRecommendationsFilterAndFollow(t *testing.T) {
	tb := newTab(t)
	tb.open("/recommendations")
	tb.waitJS("table", `document.querySelectorAll('.rec-table tbody tr').length > 0`)
	all := eval[int](tb, `parseInt(document.querySelector('.count-line').innerText.replace(/,/g, ''), 10)`)
	if all < 84 {
		t.Errorf("%d recommendations in the corpus, want at least 84", all)
	}
	tb.waitJS("crime type options", `document.querySelector('#f-crimeType option[value="crimetype:0204"]') !== null`)
	tb.do("choose a crime type", chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.querySelector('#f-crimeType');
		s.value = 'crimetype:0204';
		s.dispatchEvent(new Event('change', { bubbles: true }));
	})()`))
	tb.waitJS("filtered table", `document.querySelector('.count-line').innerText.includes('match the filter') && document.querySelectorAll('.rec-table tbody tr').length > 0`)
	if loc := tb.location(); !strings.Contains(loc, "crimeType=crimetype%3A0204") {
		t.Errorf("the filter is not in the URL: %s", loc)
	}
	rows := eval[[]string](tb, `[...document.querySelectorAll('.rec-table tbody tr')].map(r => r.innerText)`)
	if len(rows) == 0 || len(rows) >= all {
		t.Fatalf("%d rows after filtering %d", len(rows), all)
	}
	for _, r := range rows {
		if !strings.Contains(r, "Trafficking in persons") {
			t.Errorf("a row of the crime-type filter lacks the crime type:\n%s", r)
		}
	}
	if opt := eval[string](tb, `document.querySelector('#f-crimeType').selectedOptions[0].text`); !strings.HasPrefix(opt, "Trafficking in persons (") {
		t.Errorf("selected option reads %q, want the crime type with its count", opt)
	}

	// Full text narrows further.
	tb.do("type words", chromedp.SendKeys(chromedp.CSS("#f-text"), "victims"))
	tb.waitJS("text filter in URL", `location.search.includes('text=victims') && !document.querySelector('main .loading')`)
	tb.waitJS("narrowed rows", `document.querySelectorAll('.rec-table tbody tr').length > 0 && document.querySelectorAll('.rec-table tbody tr').length < `+fmt.Sprint(len(rows)+1))
	narrowed := eval[[]string](tb, `[...document.querySelectorAll('.rec-table tbody tr td.text')].map(r => r.innerText)`)
	for _, r := range narrowed {
		if !strings.Contains(strings.ToLower(r), "victim") {
			t.Errorf("a row of the text filter lacks the word: %s", r)
		}
	}
	if n := eval[int](tb, `document.querySelectorAll('.rec-table td.text mark').length`); n == 0 {
		t.Error("the words of the text filter are not marked")
	}

	// The URL is the view: opening it again restores the filter.
	shared := tb.location()
	tb.open(shared)
	tb.waitJS("restored view", `document.querySelectorAll('.rec-table tbody tr').length === `+fmt.Sprint(len(narrowed)))
	if v := eval[string](tb, `document.querySelector('#f-text').value`); v != "victims" {
		t.Errorf("text box reads %q after reopening %s", v, shared)
	}
	tb.waitJS("restored select", `document.querySelector('#f-crimeType').value === 'crimetype:0204'`)
	tb.screenshot("recommendations")

	// Follow the first recommendation to its paragraph.
	want := eval[string](tb, `document.querySelector('.rec-table tbody tr td.text').innerText`)
	tb.do("follow the citation", chromedp.Click(chromedp.CSS(".rec-table tbody tr td.cite a")))
	tb.waitJS("the paragraph", `location.pathname === '/document' && document.querySelector('.para.is-target') !== null`)
	got := tb.text(".para.is-target .para__text")
	if got != want {
		t.Errorf("the cited paragraph reads %q, want %q", got, want)
	}
	if !strings.HasPrefix(eval[string](tb, `location.hash`), "#para-") {
		t.Errorf("location %s has no paragraph anchor", tb.location())
	}
	if top := eval[float64](tb, `document.querySelector('.para.is-target').getBoundingClientRect().top`); top < -5 || top > 400 {
		t.Errorf("the cited paragraph is %.0f px from the top of the window, want it in view", top)
	}
	tb.waitJS("entities linked", `document.querySelectorAll('.reader a.ent').length > 0`)
	tb.screenshotView("document")
}

// Open a matrix cell and read the recommendations behind its count.
func TestBrowserMatrixCell(t *testing.T) {
	tb := newTab(t)
	tb.open("/matrix?rows=CrimeType&columns=Section")
	cell := `.matrix button[data-row="crimetype:0204"][data-column="section:S/2025/85#recommendations"]`
	tb.waitJS("the matrix", fmt.Sprintf(`document.querySelector(%q) !== null`, cell))
	count := tb.text(cell)
	tb.do("open the cell", chromedp.Click(chromedp.CSS(cell)))
	tb.waitJS("the cell's recommendations", `document.querySelectorAll('.cell-recs li').length > 0`)
	n := eval[int](tb, `document.querySelectorAll('.cell-recs li').length`)
	if fmt.Sprint(n) != count {
		t.Errorf("cell reads %s but opens %d recommendations", count, n)
	}
	if got := tb.text(".cell-panel"); !strings.Contains(got, "S/2025/85, para. 61(j)") {
		t.Errorf("the cell's recommendations lack S/2025/85, para. 61(j):\n%s", got)
	}
	if focused := eval[string](tb, `document.activeElement.id`); focused != "cell-h" {
		t.Errorf("focus is on #%s after opening a cell, want the panel heading", focused)
	}
	if loc := tb.location(); !strings.Contains(loc, "cell=") {
		t.Errorf("the open cell is not in the URL: %s", loc)
	}
	for _, f := range []string{"svg", "csv"} {
		href := eval[string](tb, fmt.Sprintf(`document.querySelector('a[data-export=%q]').getAttribute('href')`, f))
		if want := "/diagram/cooccurrence?rows=CrimeType&columns=Section&format=" + f; href != want {
			t.Errorf("%s export links to %q, want %q", f, href, want)
		}
	}
	tb.screenshot("matrix")

	// Themes × documents, the other view the issue names.
	tb.open("/matrix?rows=Theme&columns=Document")
	tb.waitJS("themes × documents", `document.querySelectorAll('.matrix tbody tr').length > 0`)
	if h := tb.text("main h1"); h != "Themes × Documents" {
		t.Errorf("heading %q", h)
	}
}

// downloadLink clicks a download link and returns the file the browser saved.
func (tb *tab) downloadLink(sel string) []byte {
	tb.t.Helper()
	dir, err := os.MkdirTemp(tb.env.downloads, "dl-")
	if err != nil {
		tb.t.Fatal(err)
	}
	events := true
	if _, err := chromedp.CallBrowser(tb.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &events,
	}); err != nil {
		tb.t.Fatalf("allow downloads: %v", err)
	}
	progress := chromedp.BrowserEvents(tb.ctx, browser.DownloadProgress)
	tb.do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
	timeout := time.After(30 * time.Second)
	for ev, err := range progress {
		if err != nil {
			tb.t.Fatalf("download %s: %v", sel, err)
		}
		switch ev.State {
		case browser.DownloadProgressStateCompleted:
			b, err := os.ReadFile(filepath.Join(dir, ev.GUID))
			if err != nil {
				tb.t.Fatalf("read the download: %v", err)
			}
			return b
		case browser.DownloadProgressStateCanceled:
			tb.t.Fatalf("the browser cancelled the download of %s", sel)
		}
		select {
		case <-timeout:
			tb.t.Fatalf("download of %s did not finish", sel)
		default:
		}
	}
	tb.t.Fatalf("download of %s: no event", sel)
	return nil
}

// The neighbourhood diagram is drawn inline with clickable nodes, and the
// SVG export downloads the diagram.
func TestBrowserExportSVG(t *testing.T) {
	tb := newTab(t)
	tb.open("/entity?id=crimetype%3A0204")
	tb.waitJS("the diagram", `document.querySelector('.diagram svg, .diagram .notice') !== null`)
	if msg := tb.text(".diagram .notice"); msg != "" {
		t.Fatalf("the diagram is not drawn (needs GET /diagram/neighbourhood): %s", msg)
	}
	if n := eval[int](tb, `document.querySelectorAll('.diagram svg a[href^="/entity?id="]').length`); n == 0 {
		t.Fatal("the diagram has no links to entity pages")
	}
	if n := eval[int](tb, `document.querySelectorAll('.diagram svg script, .diagram svg foreignObject, .diagram svg [onclick], .diagram svg [onload]').length`); n != 0 {
		t.Errorf("the inline diagram keeps %d scripts or handlers", n)
	}
	tb.screenshot("entity-diagram")

	svg := tb.downloadLink(`a[data-export="svg"][href^="/diagram/neighbourhood"]`)
	if !strings.Contains(string(svg), "<svg") || !strings.Contains(string(svg), "Trafficking in persons") {
		t.Errorf("the SVG export is not the diagram (%d bytes): %.200s", len(svg), svg)
	}
	if href := eval[string](tb, `document.querySelector('a[data-export="graphml"]').getAttribute('href')`); href != "/export/graphml?focus=crimetype%3A0204&depth=1" {
		t.Errorf("GraphML export links to %q", href)
	}

	// A node of the diagram is a link to its page, followed in place.
	node := `[...document.querySelectorAll('.diagram svg a[href^="/entity?id="]')].find(a => decodeURIComponent(a.getAttribute('href')).startsWith('/entity?id=recommendation:'))`
	target := eval[string](tb, node+`.getAttribute('href')`)
	tb.do("click a node", chromedp.Evaluate[chromedp.Void](node+`.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }))`))
	tb.waitJS("the node's page", fmt.Sprintf(`location.pathname + location.search === %q`, target))
	tb.waitRendered()
	if kind := tb.text("main .kind"); kind != "RECOMMENDATION" && kind != "Recommendation" {
		t.Errorf("the node opened a %q page", kind)
	}

	// The matrix exports too.
	tb.open("/matrix?rows=CrimeType&columns=Section")
	csv := tb.downloadLink(`a[data-export="csv"]`)
	if !strings.Contains(string(csv), "Trafficking in persons") {
		t.Errorf("the matrix CSV lacks the crime types: %.200s", csv)
	}
	msvg := tb.downloadLink(`a[data-export="svg"]`)
	if !strings.Contains(string(msvg), "<svg") {
		t.Errorf("the matrix SVG export is not an SVG: %.200s", msvg)
	}
}

// Run a query in GraphiQL, reached from the header.
func TestBrowserGraphiQL(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	// A full page load, not the explorer's own routing.
	if _, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(`.site-nav a[data-nav="graphiql"]`))); err != nil {
		t.Fatalf("open GraphiQL: %v", err)
	}
	tb.waitJS("GraphiQL", `location.pathname === '/graphiql' && document.querySelector('.graphiql-query-editor .CodeMirror') !== null`)
	tb.do("write a query", chromedp.Evaluate[chromedp.Void](`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue('{ stats { documents } entity(name: "Haiti") { id label } }')`))
	tb.do("run it", chromedp.Click(chromedp.CSS(".graphiql-execute-button")))
	tb.waitJS("the answer", `(document.querySelector('.result-window') || {innerText: ''}).innerText.includes('state:HTI')`)
	result := tb.text(".result-window")
	if !strings.Contains(result, `"documents": 6`) {
		t.Errorf("GraphiQL answered:\n%s", result)
	}
	tb.screenshot("graphiql")
}

// Two entities in, the shortest paths out, chosen with the keyboard.
func TestBrowserPaths(t *testing.T) {
	tb := newTab(t)
	tb.open("/paths")
	tb.chooseSuggestion(`input[name="from"]`, "Haiti", "Haiti")
	tb.waitJS("from chosen", `document.querySelector('#from-picked').innerText.includes('Haiti')`)
	tb.chooseSuggestion(`input[name="to"]`, "trafficking in persons", "Trafficking in persons")
	tb.waitJS("to chosen", `document.querySelector('#to-picked').innerText.includes('Trafficking in persons')`)
	if loc := tb.location(); loc != "/paths" {
		t.Fatalf("choosing a suggestion with Enter submitted the form: %s", loc)
	}
	tb.do("find paths", chromedp.Click(chromedp.CSS("#p-go")))
	tb.waitJS("paths", `document.querySelectorAll('.paths-list .path').length > 0`)
	if loc := tb.location(); !strings.HasPrefix(loc, "/paths?from=state%3AHTI&to=crimetype%3A0204") {
		t.Errorf("location %q", loc)
	}
	first := tb.text(".paths-list .path")
	if !strings.Contains(first, "Haiti") || !strings.Contains(first, "Trafficking in persons") {
		t.Errorf("first path does not join the two entities:\n%s", first)
	}
	if n := eval[int](tb, `document.querySelectorAll('.paths-list .path a[href^="/document"]').length`); n == 0 {
		t.Error("the steps of the paths cite no paragraph")
	}
	tb.waitJS("the diagram or its message", `document.querySelector('.diagram svg, .diagram .notice') !== null`)
	if msg := tb.text(".diagram .notice"); msg != "" {
		t.Fatalf("the paths diagram is not drawn: %s", msg)
	}
	if n := eval[int](tb, `document.querySelectorAll('.diagram svg a[href^="/entity?id="]').length`); n == 0 {
		t.Error("the paths diagram has no links to entity pages")
	}
	tb.screenshot("paths")
}

// A document containing markup shows it as text: nothing in it runs.
func TestBrowserEscapesMarkup(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	tb.waitJS("documents", `[...document.querySelectorAll('main table tbody tr')].some(r => r.innerText.includes('Test Meeting'))`)
	tb.do("open the test document", chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll('main table tbody tr')].find(r => r.innerText.includes('Test Meeting')).querySelector('a[href^="/document"]').click()`))
	tb.waitJS("the reader", `document.querySelectorAll('.reader .para').length >= 3`)
	text := tb.text(".reader")
	for _, want := range []string{`<script>window.__pwned = 2</script>`, `<img src=x onerror="window.__pwned = 3">`} {
		if !strings.Contains(text, want) {
			t.Errorf("the paragraph does not show %q as text:\n%s", want, text)
		}
	}
	tb.waitJS("entities linked", `document.querySelectorAll('.reader a.ent').length > 0`)
	check := func(where string) {
		t.Helper()
		if p := eval[bool](tb, `window.__pwned !== undefined`); p {
			t.Errorf("%s: markup from the document ran", where)
		}
		if n := eval[int](tb, `document.querySelectorAll('main script, main img, main b, main i, main [onerror], main [onclick]').length`); n != 0 {
			t.Errorf("%s: %d elements came from the document's markup", where, n)
		}
	}
	check("reader")
	tb.screenshot("document-escaping")

	// The same text on the paragraph's page, in search results and in the
	// recommendations table.
	tb.do("open a paragraph", chromedp.Click(chromedp.CSS(".reader .para .para__meta a.muted")))
	tb.waitRendered()
	check("paragraph page")
	tb.open("/search?q=" + "pwned")
	tb.waitJS("search results", `document.querySelectorAll('.hits li').length > 0 || document.querySelector('main .empty, main [role=status]')`)
	check("search results")
	tb.open("/recommendations?text=immediately")
	tb.waitJS("table", `document.querySelectorAll('.rec-table tbody tr').length > 0`)
	check("recommendations")
}

// The explorer works from the keyboard: a skip link, the header
// navigation, and focus moved to each new page's heading.
func TestBrowserKeyboard(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	tb.pressKeys(kb.Tab)
	if got := eval[string](tb, `document.activeElement.className`); got != "skip-link" {
		t.Errorf("first Tab focuses %q, want the skip link", got)
	}
	if style := eval[string](tb, `getComputedStyle(document.activeElement).outlineStyle`); style == "none" {
		t.Error("the focused link shows no outline")
	}
	// Brand, Home, Documents, then Recommendations.
	tb.pressKeys(kb.Tab, kb.Tab, kb.Tab, kb.Tab)
	if got := eval[string](tb, `document.activeElement.textContent`); got != "Recommendations" {
		t.Fatalf("focus is on %q, want the Recommendations link", got)
	}
	tb.pressKeys(kb.Enter)
	tb.waitJS("recommendations page", `location.pathname === '/recommendations' && document.querySelector('main h1').innerText === 'Recommendations'`)
	tb.waitRendered()
	if got := eval[string](tb, `document.activeElement.tagName`); got != "H1" {
		t.Errorf("focus is on %s after navigating, want the heading", got)
	}
	if cur := eval[string](tb, `document.querySelector('.site-nav a[aria-current=page]').textContent`); cur != "Recommendations" {
		t.Errorf("the header marks %q as the current page", cur)
	}
	// Back returns to the home page.
	tb.do("go back", chromedp.NavigateBack())
	tb.waitJS("home again", `location.pathname === '/' && document.querySelector('main table') !== null`)
}

// Readable at a phone's width: no page-wide sideways scrolling (wide tables
// scroll inside their own box).
func TestBrowserPhoneWidth(t *testing.T) {
	tb := newTab(t)
	tb.do("phone viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	for _, p := range []struct{ name, path, ready string }{
		{"home", "/", `document.querySelector('main table') !== null`},
		{"entity", "/entity?id=state%3AHTI", `document.querySelectorAll('.rel-group').length > 0`},
		{"recommendations", "/recommendations", `document.querySelectorAll('.rec-table tbody tr').length > 0`},
		{"document", "/document?key=S%2F2025%2F85#para-61(d)", `document.querySelectorAll('.reader .para').length > 0`},
		{"matrix", "/matrix", `document.querySelector('.matrix') !== null`},
	} {
		tb.open(p.path)
		tb.waitJS(p.name, p.ready)
		if over := eval[float64](tb, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 1 {
			t.Errorf("%s: the page is %.0f px wider than a 390 px phone", p.name, over)
		}
		if p.name == "document" {
			tb.screenshotView(p.name + "-phone")
		} else {
			tb.screenshot(p.name + "-phone")
		}
	}
}

// Loading, empty and error states say what happened.
func TestBrowserErrorStates(t *testing.T) {
	tb := newTab(t)
	tb.allowFailedLoad("/graphql") // the API answers 4xx to the bad requests below
	for _, c := range []struct{ path, ready, want string }{
		{"/entity?id=state%3AXXX", `document.querySelector('[role=alert]')`, "No such entity"},
		{"/entity?id=nonsense", `document.querySelector('[role=alert]')`, "malformed id"},
		{"/recommendations?crimeType=no-such-crime", `document.querySelector('[role=alert]')`, "no-such-crime"},
		{"/recommendations?text=zzzzqqq", `document.querySelector('.empty')`, "No recommendation matches"},
		{"/document?key=NO%2FSUCH%2F1", `document.querySelector('[role=alert]')`, "No such document"},
		{"/no-such-page", `document.querySelector('main h1')`, "Page not found"},
		{"/paths?from=state%3AHTI&to=state%3AXXX", `document.querySelector('[role=alert]')`, "state:XXX"},
	} {
		tb.open(c.path)
		tb.waitJS(c.path, c.ready)
		if got := tb.text("main"); !strings.Contains(got, c.want) {
			t.Errorf("%s says:\n%s\nwant %q", c.path, got, c.want)
		}
	}
	tb.open("/recommendations?crimeType=no-such-crime")
	tb.waitJS("error", `document.querySelector('[role=alert]')`)
	tb.screenshot("error-state")
}
