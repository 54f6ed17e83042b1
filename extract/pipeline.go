package extract

import (
	"fmt"

	"github.com/baogao/baogao/rules"
)

// Pipeline runs every extractor, in stage order, over a document.
// It is safe for concurrent use: extractors keep no per-document state.
type Pipeline struct {
	extractors []Extractor
	folder     *Folder
}

// New builds the extractors from a rule set.
func New(set *rules.Set) (*Pipeline, error) {
	folder, err := newFolder(set)
	if err != nil {
		return nil, err
	}
	p := &Pipeline{folder: folder}
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

// Fold returns the form of text the segmenter and the extractors should
// read: text in traditional characters folded to simplified by the rule
// set's fold tables, other text as it is. It has text's length and
// offsets. Segment the folded text, then extract with Doc.Text the folded
// text and Doc.Original the text.
func (p *Pipeline) Fold(text string) string { return p.folder.Fold(text) }

// ExtractInto is Extract appending to r, whose Trace, when set, receives
// every candidate.
func (p *Pipeline) ExtractInto(d *Doc, r *Records) {
	q, t, e := len(r.Quantities), len(r.Times), len(r.Entities)
	for _, x := range p.extractors {
		x.Extract(d, r)
	}
	if d.Original == "" || d.Original == d.Text || len(d.Original) != len(d.Text) {
		return
	}
	for i := q; i < len(r.Quantities); i++ {
		r.Quantities[i].Text = d.Original[r.Quantities[i].Start:r.Quantities[i].End]
	}
	for i := t; i < len(r.Times); i++ {
		r.Times[i].Text = d.Original[r.Times[i].Start:r.Times[i].End]
	}
	for i := e; i < len(r.Entities); i++ {
		r.Entities[i].Text = d.Original[r.Entities[i].Start:r.Entities[i].End]
	}
}
