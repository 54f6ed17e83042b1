package extract

import "github.com/baogao/baogao/rules"

// Times finds time expressions. (Placeholder until the time rules land.)
type Times struct{}

// NewTimes builds the time extractor from the time rules.
func NewTimes(set *rules.Set) (Extractor, error) { return &Times{}, nil }

func (*Times) Name() string               { return "times" }
func (*Times) Extract(d *Doc, r *Records) {}
