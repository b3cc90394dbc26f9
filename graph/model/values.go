package model

// Property is a name and a string value, of a node or an edge.
type Property struct {
	Name  string
	Value string
}

// Snippet is a highlighted fragment of a search hit.
type Snippet struct {
	Field string
	HTML  string
	Parts []*SnippetPart
}

// SnippetPart is a run of snippet text, matched or not.
type SnippetPart struct {
	Text  string
	Match bool
}

// Quote is a paragraph's text split around the supporting words.
type Quote struct {
	Before string
	Match  string
	After  string
	Whole  bool
}
