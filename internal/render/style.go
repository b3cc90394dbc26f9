package render

import (
	"github.com/crimegraph/crimegraph/internal/kg"
)

// kindStyle is how every node of one kind is drawn, in every diagram.
// Kinds differ by shape first and by fill second; the fills are chosen so
// that their grey values (light, mid, dark) still separate the kinds that
// share a tone when the diagram is printed in black and white, and dark
// fills get white text.
type kindStyle struct {
	Shape       string
	Style       string // Graphviz style list; always includes "filled"
	Fill        string
	FontColor   string
	Peripheries int // 0 means the shape's default
}

var kindStyles = map[kg.Kind]kindStyle{
	kg.KindDocument:       {Shape: "note", Style: "filled", Fill: "#ffffff", FontColor: "#000000"},
	kg.KindSection:        {Shape: "tab", Style: "filled", Fill: "#e8e8e8", FontColor: "#000000"},
	kg.KindParagraph:      {Shape: "box", Style: "filled,dashed", Fill: "#ffffff", FontColor: "#000000"},
	kg.KindRecommendation: {Shape: "box", Style: "rounded,filled", Fill: "#fff3bf", FontColor: "#000000"},
	kg.KindState:          {Shape: "ellipse", Style: "filled", Fill: "#d6e6f5", FontColor: "#000000"},
	kg.KindOrganization:   {Shape: "hexagon", Style: "filled", Fill: "#8cb0d9", FontColor: "#000000"},
	kg.KindCrimeType:      {Shape: "octagon", Style: "filled", Fill: "#7a1f1f", FontColor: "#ffffff"},
	kg.KindInstrument:     {Shape: "component", Style: "filled", Fill: "#b5d6b2", FontColor: "#000000"},
	kg.KindTheme:          {Shape: "parallelogram", Style: "filled", Fill: "#e4d7f0", FontColor: "#000000"},
	kg.KindPerson:         {Shape: "ellipse", Style: "filled", Fill: "#ffffff", FontColor: "#000000", Peripheries: 2},
	kg.KindMeeting:        {Shape: "house", Style: "filled", Fill: "#34506e", FontColor: "#ffffff"},
	// Non-state groups: orange, a mid grey (about 155 of 255) between the
	// organizations' light blue and the dark fills.
	kg.KindGroup: {Shape: "invtrapezium", Style: "filled", Fill: "#d98c3f", FontColor: "#000000"},
	// Series of documents: dark green, a dark grey (about 113) with white
	// text, apart from the crime types' and meetings' darker fills.
	kg.KindSeries: {Shape: "folder", Style: "filled", Fill: "#5e7f5e", FontColor: "#ffffff"},
}

// unknownStyle draws a node whose kind is not one of kg.Kinds.
var unknownStyle = kindStyle{Shape: "box", Style: "filled,dotted", Fill: "#ffffff", FontColor: "#000000"}

func styleOf(k kg.Kind) kindStyle {
	if s, ok := kindStyles[k]; ok {
		return s
	}
	return unknownStyle
}

// structural edges (a document's own structure) are drawn dashed so the
// relations the text asserts stand out.
func edgeStyle(k kg.EdgeKind) string {
	switch k {
	case kg.EdgeContains, kg.EdgeTextOf, kg.EdgeListsDoc:
		return "dashed"
	}
	return "solid"
}

// Fonts. DejaVu Sans is what Debian's fonts-dejavu-core installs and what
// rsvg-convert finds through fontconfig; browsers without it fall back to
// their sans-serif.
const (
	fontName      = "DejaVu Sans"
	fontSize      = 10
	smallFontSize = 8
	edgeFontSize  = 8
	titleFontSize = 16
	keyFontSize   = 9
	lineWidth     = 26 // label wrap width, in characters
	maxLabelLines = 3
)
