package report_test

import (
	"fmt"

	"github.com/crimegraph/crimegraph/internal/report"
)

// A report in Markdown: a page break cuts paragraph 24's item (b), and
// the recommendations are the items of the "Outcome of deliberations".
func ExampleParse() {
	src := []byte(`## II. Recommendations

#### Summary of deliberations

23. Several speakers highlighted the alarming levels of violence against women.

#### **Outcome of deliberations**

24. The following recommendations, which were not negotiated by the participants, were identified:

(a) Strengthen international cooperation;

(b) Promote cooperation at the local, national and

international levels.
`)
	lines, err := report.FromMarkdown(src)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := report.Parse(lines, report.Options{Symbol: "A/CONF.241/RPM.2/1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range r.Recommendations() {
		fmt.Printf("%s, para. %s [%s]: %s\n", r.Symbols[0], p.Ref, p.Section, p.Text)
	}
	fmt.Println(r.Warnings)
	// Output:
	// A/CONF.241/RPM.2/1, para. 24(a) [II.outcome]: Strengthen international cooperation;
	// A/CONF.241/RPM.2/1, para. 24(b) [II.outcome]: Promote cooperation at the local, national and international levels.
	// [the first paragraph is numbered 23]
}
