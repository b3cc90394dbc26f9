package model

import "github.com/crimegraph/crimegraph/internal/kg"

// Series is a run of documents under one mandate (schema/research.graphqls).
type Series struct{ Base }

// Symbol is the key of the mandating resolution.
func (s Series) Symbol() *string { return s.prop(kg.PropSymbol) }
