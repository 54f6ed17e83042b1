package extract

import (
	"fmt"

	"github.com/baogao/baogao/rules"
)

// Pipeline runs every extractor, in stage order, over a document.
// It is safe for concurrent use: extractors keep no per-document state.
type Pipeline struct {
	extractors []Extractor
}

// New builds the extractors from a rule set.
func New(set *rules.Set) (*Pipeline, error) {
	p := &Pipeline{}
	for _, mk := range []func(*rules.Set) (Extractor, error){NewTimes, NewEntities, NewQuantities} {
		e, err := mk(set)
		if err != nil {
			return nil, err
		}
		p.extractors = append(p.extractors, e)
	}
	seen := map[string]bool{}
	for _, e := range p.extractors {
		if seen[e.Name()] {
			return nil, fmt.Errorf("extract: duplicate extractor %q", e.Name())
		}
		seen[e.Name()] = true
	}
	return p, nil
}

// Extractors returns the pipeline's extractors in the order they run.
func (p *Pipeline) Extractors() []Extractor { return p.extractors }

// Extract runs every extractor over d and returns what they found.
func (p *Pipeline) Extract(d *Doc) Records {
	var r Records
	p.ExtractInto(d, &r)
	return r
}

// ExtractInto is Extract appending to r, whose Trace, when set, receives
// every candidate.
func (p *Pipeline) ExtractInto(d *Doc, r *Records) {
	for _, e := range p.extractors {
		e.Extract(d, r)
	}
}
