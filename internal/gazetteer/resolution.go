package gazetteer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// Resolution is a resolution cited in a text. Resolutions are not listed in
// the gazetteer: they are recognised by shape, and their canonical key is
// built from the adopting body and the number:
//
//	General Assembly          A/RES/78/223, A/RES/S-30/1, A/RES/217(III)A
//	Security Council          S/RES/2692(2023)
//	Economic and Social Council E/RES/2024/12
//	Human Rights Council      A/HRC/RES/55/1
//	Commission on Narcotic Drugs CND/68/1
//	Crime Commission          CCPCJ/33/1
//	COP to the Organized Crime Convention CTOC-COP/12/4
//	CoSP to the Convention against Corruption CAC-COSP/10/1
type Resolution struct {
	Match         // ID instrument:<Key>, Kind Instrument; the span is the number: "78/223", "2692 (2023)"
	Key    string // canonical key, e.g. "A/RES/78/223"
	Label  string // e.g. "General Assembly resolution 78/223"
	Body   kg.ID  // the adopting organization, e.g. organization:general-assembly
	Number string // the number as cited: "78/223", "2692 (2023)"
	Date   string // the adoption date when the text gives it ("of 18 March 2022"), YYYY-MM-DD; or the year of a Security Council or Economic and Social Council resolution
	// Inferred is true when neither the text next to the number nor the
	// number's form names the body, and it was taken from the sentence's
	// subject ("In its resolution 56/119, ... the General Assembly
	// decided"), the date, or the document's issuing body (Context.Body).
	// "its resolution 2743 (2024)" is not inferred: only the Security
	// Council numbers resolutions so.
	Inferred bool
}

// Node returns the graph node of the cited resolution.
func (r Resolution) Node() kg.Node {
	props := map[string]string{
		kg.PropCategory: "resolution",
		kg.PropStatus:   "adopted",
		kg.PropSymbol:   r.Key,
		kg.PropBody:     string(r.Body),
		kg.PropSource:   "gazetteer resolution pattern",
	}
	if r.Date != "" {
		props[kg.PropDate] = r.Date
	}
	return kg.Node{ID: r.ID, Kind: kg.KindInstrument, Label: r.Label, Aliases: []string{r.Key}, Props: props}
}

// A resolutionBody is a body that adopts resolutions, with how its keys and
// labels are written.
type resolutionBody struct {
	org    string // organization key
	prefix string // key prefix
	name   string // label prefix
	// sessionBase, when not zero, is the year of the body's session 0:
	// session N meets in year sessionBase+N, which settles an ambiguous
	// NN/N number whose date the text gives.
	sessionBase int
}

var (
	bodyGA     = resolutionBody{"general-assembly", "A/RES/", "General Assembly", 1945}
	bodySC     = resolutionBody{"security-council", "S/RES/", "Security Council", 0}
	bodyECOSOC = resolutionBody{"ecosoc", "E/RES/", "Economic and Social Council", 0}
	bodyHRC    = resolutionBody{"hrc", "A/HRC/RES/", "Human Rights Council", 0}
	bodyCND    = resolutionBody{"cnd", "CND/", "Commission on Narcotic Drugs", 1957}
	bodyCCPCJ  = resolutionBody{"ccpcj", "CCPCJ/", "Commission on Crime Prevention and Criminal Justice", 1991}
	bodyCOP    = resolutionBody{"ctoc-cop", "CTOC-COP/", "Conference of the Parties to the United Nations Convention against Transnational Organized Crime", 0}
	bodyCOSP   = resolutionBody{"cac-cosp", "CAC-COSP/", "Conference of the States Parties to the United Nations Convention against Corruption", 0}
)

// sessionBodies use NN/N numbers; a bare "resolution 68/1" in their
// documents is theirs.
var sessionBodies = map[string]resolutionBody{
	"general-assembly": bodyGA, "hrc": bodyHRC, "cnd": bodyCND, "ccpcj": bodyCCPCJ,
	"ctoc-cop": bodyCOP, "cac-cosp": bodyCOSP,
}

// bodyNames are the names that may stand before "resolution" or after "of
// the", longest first. A generic name ("Council", "Commission",
// "Conference") is settled by the number's form and the context.
var bodyNames = []struct {
	name string
	body string // an organization key, or "council", "commission", "conference"
}{
	{"Conference of the Parties to the United Nations Convention against Transnational Organized Crime", "ctoc-cop"},
	{"Conference of the Parties to the Convention against Transnational Organized Crime", "ctoc-cop"},
	{"Conference of the Parties to the Organized Crime Convention", "ctoc-cop"},
	{"Conference of the States Parties to the United Nations Convention against Corruption", "cac-cosp"},
	{"Conference of the States Parties to the Convention against Corruption", "cac-cosp"},
	{"Commission on Crime Prevention and Criminal Justice", "ccpcj"},
	{"Commission on Narcotic Drugs", "cnd"},
	{"Economic and Social Council", "ecosoc"},
	{"Human Rights Council", "hrc"},
	{"Security Council", "security-council"},
	{"General Assembly", "general-assembly"},
	{"Crime Commission", "ccpcj"},
	{"Assembly", "general-assembly"},
	{"Council", "council"},
	{"Commission", "commission"},
	{"Conference", "conference"},
}

var (
	// One cited number, in every form: a special session (S-30/1), an
	// early General Assembly number with a Roman session (217 A (III)), a
	// Security Council number and year (2692 (2023)), an Economic and
	// Social Council year and number (2024/12), a session and number
	// (78/223).
	resolutionNumber = regexp.MustCompile(`^(?:` +
		`(E?S-[0-9]{1,2})/([0-9]{1,3})` + // 1, 2
		`|([0-9]{1,4})\s*([A-Z])?\s*\(((?:E?S-)?[IVXLC]+)\)` + // 3, 4, 5
		`|([0-9]{1,4})\s*\(\s*((?:19|20)[0-9]{2})\s*\)` + // 6, 7
		`|((?:19|20)[0-9]{2})/([0-9]{1,3})` + // 8, 9
		`|([0-9]{1,2})/([0-9]{1,3})` + // 10, 11
		`)`)
	resolutionSep  = regexp.MustCompile(`^(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)`)
	resolutionDate = regexp.MustCompile(`^,?\s*of\s+([0-9]{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+((?:19|20)[0-9]{2})\b`)
	monthNumber    = map[string]int{"January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6,
		"July": 7, "August": 8, "September": 9, "October": 10, "November": 11, "December": 12}
)

// Resolutions finds the resolutions a text cites: "General Assembly
// resolution 78/223", "Security Council resolutions 2692 (2023) and 2743
// (2024)", "resolution 12/4 of the Conference of the Parties to the United
// Nations Convention against Transnational Organized Crime", "Commission
// resolution 68/1", "its resolution 65/4 of 18 March 2022".
//
// A number that does not name its body is resolved in this order: the
// body after it ("of the Conference of the Parties ..."), the subject of
// the sentence ("In its resolution 78/223, the General Assembly ..."), the
// form of the number (NNNN (YYYY) is the Security Council, YYYY/N the
// Economic and Social Council), the date given with it (General Assembly
// session N meets in 1945+N, the Commission on Narcotic Drugs' in 1957+N,
// the Crime Commission's in 1991+N), and last the document's issuing body
// (ctx.Body) — so a bare "resolution 68/1" in a report of the Commission
// on Narcotic Drugs is that Commission's, and elsewhere the General
// Assembly's. Citations that stay ambiguous ("Commission resolution 5/1"
// with no context) are left out.
func Resolutions(text string, ctx Context) []Resolution {
	var out []Resolution
	for _, loc := range resolutionWords(text) {
		kwStart, pos := loc[0], loc[1]
		if strings.HasSuffix(strings.TrimSpace(text[max(0, kwStart-12):kwStart]), "draft") {
			continue
		}
		type item struct {
			m          []string
			start, end int
		}
		var items []item
		for {
			rest := text[pos:]
			ws := len(rest) - len(strings.TrimLeft(rest, " \t\r\n\u00a0"))
			if len(items) > 0 {
				sep := resolutionSep.FindString(rest)
				if sep == "" {
					break
				}
				ws = len(sep)
			} else if ws == 0 {
				break
			}
			m := resolutionNumber.FindStringSubmatchIndex(rest[ws:])
			if m == nil || continuesNumber(rest[ws+m[1]:]) {
				break
			}
			groups := make([]string, len(m)/2)
			for i := range groups {
				if m[2*i] >= 0 {
					groups[i] = rest[ws+m[2*i] : ws+m[2*i+1]]
				}
			}
			items = append(items, item{groups, pos + ws, pos + ws + m[1]})
			pos += ws + m[1]
		}
		if len(items) == 0 {
			continue
		}
		after := text[pos:min(len(text), pos+600)]
		cite := citeContext{
			before: sentenceBefore(text, kwStart),
			after:  after,
			ctx:    ctx,
		}
		for _, it := range items {
			r, ok := cite.resolve(it.m)
			if !ok {
				continue
			}
			r.Start, r.End = it.start, it.end
			r.Text = text[it.start:it.end]
			r.Number = strings.Join(strings.Fields(r.Text), " ")
			out = append(out, r)
		}
	}
	return out
}

// resolutionWords returns the spans of the words "resolution" and
// "resolutions" (either capitalised) in text.
func resolutionWords(text string) [][2]int {
	var out [][2]int
	from := 0
	for {
		i := strings.Index(text[from:], "esolution")
		if i < 0 {
			return out
		}
		i += from
		from = i + len("esolution")
		if i == 0 || text[i-1] != 'r' && text[i-1] != 'R' || i >= 2 && (isLetter(text[i-2]) || '0' <= text[i-2] && text[i-2] <= '9') {
			continue
		}
		end := from
		if end < len(text) && text[end] == 's' {
			end++
		}
		if end < len(text) && (isLetter(text[end]) || '0' <= text[end] && text[end] <= '9') {
			continue
		}
		out = append(out, [2]int{i - 1, end})
	}
}

// citeContext is what surrounds one citation.
type citeContext struct {
	before string // the sentence up to the word "resolution"
	after  string // the text after the last number
	ctx    Context
}

// sentenceBefore returns the text of the sentence before position i, at
// most 200 bytes: it starts after the last full stop followed by a space
// and a capital, or after a paragraph break, so that "para. 23" and the
// line breaks of a PDF do not cut it.
func sentenceBefore(text string, i int) string {
	s := text[max(0, i-200):i]
	for k := len(s) - 2; k > 0; k-- {
		if (s[k-1] == '.' || s[k-1] == ';') && s[k] == ' ' && 'A' <= s[k+1] && s[k+1] <= 'Z' {
			return s[k+1:]
		}
		if s[k-1] == '\n' && s[k] == '\n' {
			return s[k+1:]
		}
	}
	return s
}

// explicitBody returns the body named at the end of s ("... General
// Assembly "), or "its" when s ends with "its", with whether s ends with
// "In its"/"in its" (a sentence whose subject follows).
func explicitBody(s string) (body string, subjectAfter bool) {
	s = strings.TrimRight(s, " \t\r\n\u00a0")
	if t, ok := strings.CutSuffix(s, "its"); ok && (t == "" || !isLetter(t[len(t)-1])) {
		t = strings.TrimRight(t, " \t\r\n\u00a0")
		in := false
		if u, ok := strings.CutSuffix(t, "in"); ok && (u == "" || !isLetter(u[len(u)-1])) {
			in = true
			t = strings.TrimRight(strings.TrimRight(u, " \t\r\n\u00a0"), ",")
		} else if u, ok := strings.CutSuffix(t, "In"); ok && (u == "" || !isLetter(u[len(u)-1])) {
			return "its", true
		}
		if in {
			// "adopted by the General Assembly in its resolution 68/196"
			if b := bodyAtEnd(t); b != "" {
				return b, false
			}
			return "its", true
		}
		return "its", false
	}
	return bodyAtEnd(s), false
}

// bodyAtEnd returns the body whose name ends s.
func bodyAtEnd(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, b := range bodyNames {
		if t, ok := strings.CutSuffix(s, b.name); ok && (t == "" || t[len(t)-1] == ' ' || t[len(t)-1] == '(') {
			return b.body
		}
	}
	return ""
}

// bodyOf returns the body named right after a citation ("of the
// Conference of the Parties to ...").
func bodyOf(after string) string {
	a := strings.Join(strings.Fields(after), " ")
	if d := resolutionDate.FindStringIndex(a); d != nil {
		a = a[d[1]:]
	}
	a, ok := strings.CutPrefix(strings.TrimLeft(a, ", "), "of the ")
	if !ok {
		return ""
	}
	for _, b := range bodyNames {
		if strings.HasPrefix(a, b.name) && len(b.name) > len("Conference") {
			return b.body
		}
	}
	return ""
}

// subjectAfter returns the first body named as the subject in the rest
// of the sentence: "In its resolution 56/119, on the role ..., the General
// Assembly decided".
func subjectAfter(after string) string {
	a := strings.Join(strings.Fields(after), " ")
	if i := strings.Index(a, ". "); i >= 0 {
		a = a[:i]
	}
	best, bestAt := "", len(a)+1
	for _, b := range bodyNames {
		if i := strings.Index(a, "the "+b.name); i >= 0 && i < bestAt {
			best, bestAt = b.body, i
		}
	}
	return best
}

func (c citeContext) resolve(m []string) (Resolution, bool) {
	body, subject := explicitBody(c.before)
	inferred := body == "its" || body == ""
	if b := bodyOf(c.after); b != "" && inferred {
		body, inferred = b, false
	}
	if body == "its" && subject {
		if b := subjectAfter(c.after); b != "" {
			body = b
		}
	}
	if body == "its" {
		body = ""
	}
	date := ""
	if d := resolutionDate.FindStringSubmatch(strings.Join(strings.Fields(c.after), " ")); d != nil {
		day, _ := strconv.Atoi(d[1])
		date = fmt.Sprintf("%s-%02d-%02d", d[3], monthNumber[d[2]], day)
	}
	var (
		rb     resolutionBody
		num    string
		keyNum string
	)
	// The forms other than NN/N name their body by themselves.
	if m[10] == "" {
		inferred = false
	}
	switch {
	case m[1] != "": // special session: General Assembly
		rb, num = bodyGA, m[1]+"/"+m[2]
		keyNum = num
	case m[3] != "": // 217 A (III): early General Assembly
		rb = bodyGA
		num = m[3] + " " + m[4] + " (" + m[5] + ")"
		if m[4] == "" {
			num = m[3] + " (" + m[5] + ")"
		}
		keyNum = m[3] + "(" + m[5] + ")" + m[4]
	case m[6] != "": // 2692 (2023): Security Council
		rb, num, keyNum = bodySC, m[6]+" ("+m[7]+")", m[6]+"("+m[7]+")"
		if date == "" {
			date = m[7]
		}
	case m[8] != "": // 2024/12: Economic and Social Council
		rb, num = bodyECOSOC, m[8]+"/"+m[9]
		keyNum = num
		if date == "" {
			date = m[8]
		}
	default: // 78/223: a body with sessions
		num = m[10] + "/" + m[11]
		keyNum = num
		session, _ := strconv.Atoi(m[10])
		var ok bool
		rb, ok = c.sessionBody(body, session, date)
		if !ok {
			return Resolution{}, false
		}
		inferred = inferred || body == "" || body == "council" || body == "commission" || body == "conference"
	}
	r := Resolution{
		Key:      rb.prefix + keyNum,
		Label:    rb.name + " resolution " + num,
		Body:     kg.NewID(kg.KindOrganization, rb.org),
		Date:     date,
		Inferred: inferred,
	}
	if rb.org == bodyCOP.org || rb.org == bodyCOSP.org {
		r.Label = "Resolution " + num + " of the " + rb.name
	}
	r.ID = kg.NewID(kg.KindInstrument, r.Key)
	r.Kind = kg.KindInstrument
	return r, true
}

// sessionBody settles the body of an NN/N number.
func (c citeContext) sessionBody(body string, session int, date string) (resolutionBody, bool) {
	if b, ok := sessionBodies[body]; ok {
		return b, true
	}
	byYear := func(cands ...resolutionBody) (resolutionBody, bool) {
		if len(date) < 4 {
			return resolutionBody{}, false
		}
		y, _ := strconv.Atoi(date[:4])
		for _, b := range cands {
			// General Assembly sessions open in September and adopt
			// resolutions into the next year.
			if b.sessionBase+session == y || b == bodyGA && b.sessionBase+session+1 == y {
				return b, true
			}
		}
		return resolutionBody{}, false
	}
	ctxBody, ctxOK := sessionBodies[c.ctx.Body]
	switch body {
	case "council":
		return bodyHRC, true // the other councils do not number by session
	case "commission":
		if ctxOK && (ctxBody == bodyCND || ctxBody == bodyCCPCJ) {
			return ctxBody, true
		}
		return byYear(bodyCND, bodyCCPCJ)
	case "conference":
		if ctxOK && (ctxBody == bodyCOP || ctxBody == bodyCOSP) {
			return ctxBody, true
		}
		return resolutionBody{}, false
	}
	if b, ok := byYear(bodyGA, bodyCND, bodyCCPCJ); ok {
		return b, true
	}
	if ctxOK {
		return ctxBody, true
	}
	return bodyGA, true
}

// continuesNumber reports whether the text after a matched number goes on
// with a letter, a digit or a slash, so the match was a prefix of
// something else ("78/2234", "12/4/2025").
func continuesNumber(s string) bool {
	return s != "" && (isLetter(s[0]) || '0' <= s[0] && s[0] <= '9' || s[0] == '/')
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
