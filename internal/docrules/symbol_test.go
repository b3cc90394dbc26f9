package docrules

import "testing"

func TestVersion(t *testing.T) {
	for _, c := range []struct{ sym, parent, kind, el string }{
		{"S/2025/71/Rev.1", "S/2025/71", Revision, "Rev.1"},
		{"E/2025/68/Corr.1", "E/2025/68", Corrigendum, "Corr.1"},
		{"A/79/7/Add.12", "A/79/7", Addendum, "Add.12"},
		{"E/C.2/2025/2/Add.1/Corr.1", "E/C.2/2025/2/Add.1", Corrigendum, "Corr.1"},
		{"S/2025/85", "", "", ""},
		{"JIU/NOTE/2022/1/Rev.1", "JIU/NOTE/2022/1", Revision, "Rev.1"},
	} {
		p, k, e := Version(c.sym)
		if p != c.parent || k != c.kind || e != c.el {
			t.Errorf("Version(%q) = %q, %q, %q; want %q, %q, %q", c.sym, p, k, e, c.parent, c.kind, c.el)
		}
	}
}

func TestBodyAndElements(t *testing.T) {
	if b := Body("A/HRC/RES/59/25"); b != "General Assembly" {
		t.Errorf("Body = %q", b)
	}
	if b := Body("UNW/2025/L.3"); b != "" {
		t.Errorf("Body(UNW) = %q", b)
	}
	if n, ok := IsRecord("A/79/PV.64"); !ok || n != "64" {
		t.Errorf("IsRecord = %q %v", n, ok)
	}
	if _, ok := IsRecord("A/79/64"); ok {
		t.Error("A/79/64 taken for a record")
	}
	if !Element("E/2025/L.4", "L.") || Element("E/2025/4", "L.") || !Element("S/RES/2785 (2025)", "RES") {
		t.Error("Element")
	}
}

func TestRepairSymbol(t *testing.T) {
	for in, want := range map[string]string{
		"A./47/435": "A/47/435", "A/39/36I": "A/39/361", "A/39/1/Add.l": "A/39/1/Add.1",
		"S/2025/85": "S/2025/85", "A/HRC/RES/59/25": "A/HRC/RES/59/25", "E/CN.7/2025/L.1": "E/CN.7/2025/L.1",
		"S/PV.9872": "S/PV.9872", "A/C.3/79/L.12": "A/C.3/79/L.12",
	} {
		if got := RepairSymbol(in); got != want {
			t.Errorf("RepairSymbol(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDates(t *testing.T) {
	for in, want := range map[string]string{
		"Distr.: General 6 February 2025": "2025-02-06", "25 July 19 84": "1984-07-25", "on 3 March, 2025": "2025-03-03",
		"32 March 2025": "", "no date": "",
	} {
		if got := ISODate(in); got != want {
			t.Errorf("ISODate(%q) = %q, want %q", in, got, want)
		}
	}
	if !IsLibraryStamp("Digitized by Dag Hammarskjöld Library") || IsLibraryStamp("Dag Hammarskjöld Library") {
		t.Error("IsLibraryStamp")
	}
}

func TestIssuerAndShapes(t *testing.T) {
	for sym, want := range map[string]string{"E/CN.7/2025/11": "cnd", "E/2025/28": "ecosoc", "A/HRC/RES/59/25": "hrc", "S/2025/85": "security-council"} {
		if i, ok := IssuerOf(sym); !ok || i.Key != want {
			t.Errorf("IssuerOf(%q) = %+v %v, want %s", sym, i, ok, want)
		}
	}
	if _, ok := IssuerOf("UNW/2025/L.3"); ok {
		t.Error("UNW has an issuer")
	}
	if !HeaderLineRe.MatchString("A/79/912-S/2025/306") || HeaderSymbolRe.FindString("A/79/912-S/2025/306") != "A/79/912" {
		t.Error("a header's dash separates two symbols")
	}
	if TextSymbolRe.FindString("A/RES/ES-10/24 of 18 September") != "A/RES/ES-10/24" {
		t.Error("a text's dash belongs to the element")
	}
}
