package graphtest

import "github.com/crimegraph/crimegraph/internal/kg"

// entry is an entity the fixture recognises, with the exact phrases that
// name it in the two documents. Phrases are matched longest first on word
// boundaries; fold makes the match ignore ASCII case, for common nouns
// ("Cybercrime was identified", "cybercrime units").
type entry struct {
	node    kg.Node
	phrases []string
	fold    bool
}

func state(iso3, label string, aliases []string, phrases ...string) entry {
	return entry{
		node: kg.Node{ID: kg.NewID(kg.KindState, iso3), Kind: kg.KindState, Label: label, Aliases: aliases,
			Props: map[string]string{kg.PropISO3: iso3}},
		phrases: append([]string{label}, phrases...),
	}
}

func org(key, label, acronym string, phrases ...string) entry {
	n := kg.Node{ID: kg.NewID(kg.KindOrganization, key), Kind: kg.KindOrganization, Label: label, Props: map[string]string{}}
	if acronym != "" {
		n.Props[kg.PropAcronym] = acronym
		n.Aliases = []string{acronym}
		phrases = append(phrases, acronym)
	}
	return entry{node: n, phrases: append([]string{label}, phrases...)}
}

func crime(key, label, iccs string, props map[string]string, aliases []string, phrases ...string) entry {
	p := map[string]string{kg.PropICCS: iccs}
	for k, v := range props {
		p[k] = v
	}
	return entry{
		node:    kg.Node{ID: kg.NewID(kg.KindCrimeType, key), Kind: kg.KindCrimeType, Label: label, Aliases: aliases, Props: p},
		phrases: append([]string{label}, phrases...),
		fold:    true,
	}
}

func instrument(key, label string, props map[string]string, aliases []string, phrases ...string) entry {
	return entry{
		node:    kg.Node{ID: kg.NewID(kg.KindInstrument, key), Kind: kg.KindInstrument, Label: label, Aliases: aliases, Props: props},
		phrases: append([]string{label}, phrases...),
	}
}

func theme(key, label string, phrases ...string) entry {
	return entry{
		node:    kg.Node{ID: kg.NewID(kg.KindTheme, key), Kind: kg.KindTheme, Label: label},
		phrases: phrases,
		fold:    true,
	}
}

// unconfirmed marks a crime type whose ICCS code the fixture does not assert.
var unconfirmed = map[string]string{kg.PropICCSNote: "ICCS code not confirmed for this fixture"}

// gazetteer is the fixture's small, hand-checked list of entities. The
// ICCS codes given are the published ones (0204, 08051, 0703, 07041);
// crime types without a code are keyed by a slug, as the store does.
var gazetteer = []entry{
	state("ARG", "Argentina", nil),
	state("BHS", "Bahamas", nil),
	state("BRB", "Barbados", nil),
	state("BRA", "Brazil", nil),
	state("CAN", "Canada", nil),
	state("CHL", "Chile", nil),
	state("COL", "Colombia", nil),
	state("CRI", "Costa Rica", nil),
	state("CUB", "Cuba", nil),
	state("DOM", "Dominican Republic", nil),
	state("ECU", "Ecuador", nil),
	state("SLV", "El Salvador", nil),
	state("FRA", "France", nil),
	state("GTM", "Guatemala", nil),
	state("GUY", "Guyana", nil),
	state("HTI", "Haiti", nil, "Haitian governmental authorities", "Haitian authorities"),
	state("HND", "Honduras", nil),
	state("ITA", "Italy", nil),
	state("JAM", "Jamaica", nil),
	state("LUX", "Luxembourg", nil),
	state("MEX", "Mexico", nil),
	state("NLD", "Netherlands (Kingdom of the)", []string{"Netherlands", "Kingdom of the Netherlands"}),
	state("PAN", "Panama", nil),
	state("PRY", "Paraguay", nil),
	state("PER", "Peru", nil),
	state("RUS", "Russian Federation", []string{"Russia"}),
	state("KNA", "Saint Kitts and Nevis", nil),
	state("TTO", "Trinidad and Tobago", nil),
	state("TUR", "Türkiye", []string{"Turkey", "Turquía"}),
	state("ARE", "United Arab Emirates", []string{"UAE"}),
	state("GBR", "United Kingdom of Great Britain and Northern Ireland", []string{"United Kingdom"}),
	state("USA", "United States of America", []string{"United States"}, "United States"),
	state("URY", "Uruguay", nil),
	state("VNM", "Viet Nam", []string{"Vietnam"}),

	org("unodc", "United Nations Office on Drugs and Crime", "UNODC"),
	org("undp", "United Nations Development Programme", "UNDP"),
	org("ga", "General Assembly", ""),
	org("ccpcj", "Commission on Crime Prevention and Criminal Justice", "CCPCJ"),
	org("ilanud", "Latin American Institute for the Prevention of Crime and the Treatment of Offenders", "ILANUD"),
	org("alliance-of-ngos", "Alliance of NGOs on Crime Prevention and Criminal Justice", ""),
	org("gi-toc", "Global Initiative against Transnational Organized Crime", ""),

	crime("0204", "Trafficking in persons", "0204", nil, []string{"human trafficking", "TIP"}),
	crime("08051", "Smuggling of migrants", "08051", nil, []string{"migrant smuggling"}),
	crime("0703", "Corruption", "0703", nil, nil),
	crime("07041", "Money-laundering", "07041", nil, []string{"money laundering"}, "money laundering"),
	crime("firearms-trafficking", "Trafficking in firearms", "", unconfirmed, []string{"firearms trafficking", "arms trafficking"},
		"firearms trafficking", "smuggling of firearms", "trafficking in drugs and arms"),
	crime("drug-trafficking", "Drug trafficking", "", unconfirmed, []string{"trafficking in drugs", "illicit drug trafficking"},
		"trafficking in drugs", "trafficking in and consumption of illicit drugs"),
	crime("cybercrime", "Cybercrime", "", map[string]string{kg.PropCyber: "true",
		kg.PropICCSNote: "ICCS codes cyber-related acts by their nature and tags them; it has no code for cybercrime as such"},
		[]string{"cyber crime"}),
	crime("crimes-that-affect-the-environment", "Crimes that affect the environment", "", unconfirmed,
		[]string{"environmental crime"}, "illegal wildlife trade", "illegal mining"),
	crime("organized-crime", "Organized crime", "", unconfirmed, []string{"transnational organized crime"},
		"transnational organized crime", "organized criminality"),
	crime("femicide", "Femicide", "", unconfirmed, []string{"feminicide"}),

	instrument("untoc", "United Nations Convention against Transnational Organized Crime",
		map[string]string{kg.PropSymbol: "A/RES/55/25", kg.PropAcronym: "UNTOC", kg.PropStatus: "adopted"},
		[]string{"Organized Crime Convention", "UNTOC", "Palermo Convention"}, "Organized Crime Convention"),
	instrument("cybercrime-convention", "United Nations Convention against Cybercrime",
		map[string]string{kg.PropSymbol: "A/RES/79/243", kg.PropStatus: "adopted"}, []string{"Convention against Cybercrime"}),
	instrument("bangkok-rules", "United Nations Rules for the Treatment of Women Prisoners and Non-custodial Measures for Women Offenders",
		map[string]string{kg.PropSymbol: "A/RES/65/229", kg.PropStatus: "adopted"},
		[]string{"Bangkok Rules", "Reglas de Bangkok"}, "Bangkok Rules"),
	instrument("2030-agenda", "Transforming our world: the 2030 Agenda for Sustainable Development",
		map[string]string{kg.PropSymbol: "A/RES/70/1", kg.PropStatus: "adopted"}, []string{"2030 Agenda"}, "2030 Agenda"),
	instrument("kyoto-declaration", "Kyoto Declaration on Advancing Crime Prevention, Criminal Justice and the Rule of Law",
		map[string]string{kg.PropStatus: "adopted"}, []string{"Kyoto Declaration"}, "Kyoto Declaration"),

	theme("access-to-justice", "Access to justice", "access to justice", "legal aid"),
	theme("international-cooperation", "International cooperation", "international cooperation",
		"mutual legal assistance", "extradition", "cross-border cooperation"),
	theme("human-rights", "Human rights", "human rights"),
	theme("gender", "Gender", "gender-responsive", "gender perspective", "women"),
	theme("children-and-youth", "Children and youth", "children", "youth", "young people"),
	theme("digital-technologies", "Digital technologies", "digital technologies", "artificial intelligence", "digital evidence"),
	theme("asset-recovery", "Asset recovery", "asset recovery", "confiscation", "confiscate", "proceeds of crime"),
	theme("victims", "Victims", "victims", "victim-centred"),
	theme("data", "Data and research", "data collection", "data-driven", "disaggregated", "research"),
}
