package docrules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Months are the English month names as UN documents write them.
var Months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

// MonthPattern matches a month name, as a regular expression group.
const MonthPattern = `(January|February|March|April|May|June|July|August|September|October|November|December)`

// dateRe matches "4 February 2025"; an OCR text layer may split the year
// ("25 July 19 84").
var dateRe = regexp.MustCompile(`\b(\d{1,2})\s+` + MonthPattern + `,?\s+((?:19|20) ?\d{2})\b`)

// ISODate returns the first date written "4 February 2025" in s as
// YYYY-MM-DD, or "".
func ISODate(s string) string {
	m := dateRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return Date(m[1], m[2], strings.ReplaceAll(m[3], " ", ""))
}

// Date writes a day, a month name and a year as YYYY-MM-DD, or "" when
// they are not a date.
func Date(day, month, year string) string {
	d, _ := strconv.Atoi(day)
	m := Months[strings.ToLower(month)]
	y, _ := strconv.Atoi(year)
	if d < 1 || d > 31 || m == 0 || y < 1945 || y > 2100 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// digitizedRe matches the stamp the Dag Hammarskjöld Library puts at the
// foot of every page of an old document it reissues with an OCR text
// layer: page furniture, never the document's text or title.
var digitizedRe = regexp.MustCompile(`^Digitized by (?:the )?Dag Hammarskj(?:ö|o|6)ld Library$`)

// IsLibraryStamp reports whether a line is that stamp.
func IsLibraryStamp(s string) bool { return digitizedRe.MatchString(strings.TrimSpace(s)) }
