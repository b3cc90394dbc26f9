package export

import "regexp"

// plainNumber is a cell a spreadsheet reads as a number, not a formula:
// "-2", "+3", "12.5". Such a cell is left as it is, so numeric columns
// stay numeric.
var plainNumber = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

// SpreadsheetSafe neutralises a CSV cell that a spreadsheet would run as a
// formula, by OWASP's CSV-injection rule: a cell starting with = + - @,
// tab or carriage return gets a leading single quote, which spreadsheets
// take as "this is text" and Neo4j's importer keeps as a character (its
// quote is the double quote). A plain number ("-2") is not a formula and
// is left alone; text such as "-2+3" is neutralised. Document text reaches
// CSV cells unchanged otherwise, so a paragraph that starts with
// "=HYPERLINK(" must pass through here. Every CSV this program writes
// calls it on every cell.
func SpreadsheetSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if plainNumber.MatchString(s) {
			return s
		}
		return "'" + s
	}
	return s
}

// SafeRecord applies SpreadsheetSafe to every cell of a CSV record, in
// place, and returns it.
func SafeRecord(rec []string) []string {
	for i, s := range rec {
		rec[i] = SpreadsheetSafe(s)
	}
	return rec
}
