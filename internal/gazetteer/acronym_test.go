package gazetteer

import (
	"strings"
	"testing"

	"github.com/crimegraph/crimegraph/internal/kg"
)

func TestAcronyms(t *testing.T) {
	text := "to cooperate with the United Nations Office on Drugs and Crime (UNODC) in the preparations. " +
		"The Office of the United Nations High Commissioner for Human Rights (OHCHR) reported. " +
		"with the support of the International Criminal Police Organization (INTERPOL). " +
		"Committee on the Elimination of Discrimination against Women (CEDAW), Committee of Trinidad and Tobago. " +
		"A youth representative of the Generation Justice (GenJust) initiative. " +
		"According to the United Nations Children’s Fund (UNICEF), the number rose. " +
		"three members of the Conseil Présidentiel de Transition (CPT). " +
		"Not: internally displaced persons (IDPs), figures I-III (see figures I-III), 25-00725 (E), " +
		"the Latin American Institute for the Prevention of Crime and the Treatment of Offenders (ILANUD), " +
		"(Signed) António Guterres, Rodrigo Bertoglio Cardoso (Brazil), 217 A (III), of the (UN) and (OK)."
	want := []string{
		"UNODC=United Nations Office on Drugs and Crime",
		"OHCHR=Office of the United Nations High Commissioner for Human Rights",
		"INTERPOL=International Criminal Police Organization",
		"CEDAW=Committee on the Elimination of Discrimination against Women",
		"GenJust=Generation Justice",
		"UNICEF=United Nations Children’s Fund",
		"CPT=Conseil Présidentiel de Transition",
	}
	var got []string
	for _, a := range Acronyms(text) {
		got = append(got, a.Short+"="+a.Long)
		if text[a.ShortStart:a.ShortEnd] != a.Short || text[a.LongStart:a.LongEnd] != a.Long ||
			text[a.Start:a.End] != a.Long+" ("+a.Short+")" {
			t.Errorf("%s: spans do not match", a.Short)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Acronyms:\n got  %q\n want %q", got, want)
	}
}

func TestResolveAcronym(t *testing.T) {
	g := mustLoad(t)
	for _, tc := range []struct {
		text string
		want kg.ID
	}{
		{"the United Nations Office on Drugs and Crime (UNODC)", "organization:unodc"},
		{"the International Centre for Criminal Law Reform and Criminal Justice Policy (ICCLR)", "organization:icclr"},
		{"the Caribbean Financial Action Task Force (CFATF)", "organization:cfatf"},
		{"the Conseil Présidentiel de Transition (CPT)", "organization:hti-cpt"}, // institutions.tsv
		{"the Conseil National des Gardiens (CNG)", ""},
		{"facilities of the Scientific Studies and Research Centre (SSRC), as well as", "organization:syr-ssrc"}, // a long form read short
	} {
		as := Acronyms(tc.text)
		if len(as) != 1 {
			t.Fatalf("%q: %d acronyms", tc.text, len(as))
		}
		id, ok := g.ResolveAcronym(as[0])
		if id != tc.want || ok != (tc.want != "") {
			t.Errorf("ResolveAcronym(%s) = %s, %v; want %s", as[0].Short, id, ok, tc.want)
		}
	}
}
