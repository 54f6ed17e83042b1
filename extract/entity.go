package extract

import "github.com/baogao/baogao/rules"

// Entities finds organisations, places, people and document titles.
// (Placeholder until the entity rules land.)
type Entities struct{}

// NewEntities builds the entity extractor from the entity rules.
func NewEntities(set *rules.Set) (Extractor, error) { return &Entities{}, nil }

func (*Entities) Name() string               { return "entities" }
func (*Entities) Extract(d *Doc, r *Records) {}
