package extract

import (
	"fmt"

	"github.com/baogao/baogao/rules"
	"github.com/baogao/baogao/segment"
)

// Pipeline runs every extractor, in stage order, over a document.
// It is safe for concurrent use: extractors keep no per-document state.
type Pipeline struct {
	extractors []Extractor
	folder     *Folder
	scanner    *scanner // the runes every extractor's passes stop at
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
	if p.scanner, err = shareScanner(p.extractors); err != nil {
		return nil, err
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

// Fold returns the form of text the segmenter and the extractors read:
// text in traditional characters folded to simplified by the rule set's
// fold tables, other text as it is. It has text's length and offsets.
func (p *Pipeline) Fold(text string) string { return p.folder.Fold(text) }

// Segment prepares text for Extract: it folds it (see [Pipeline.Fold])
// and cuts the folded text into sentences with seg, each paragraph
// apart (nil: text is one paragraph). The Doc's Original is text, so
// that records keep the text as written.
func (p *Pipeline) Segment(seg *segment.Segmenter, text string, paragraphs []segment.Span) *Doc {
	d := new(Doc)
	p.SegmentInto(d, seg, text, paragraphs)
	return d
}

// SegmentInto is Segment into d, a Doc that Segment or SegmentInto
// returned before and whose records the caller is done with: the new
// text's sentences and tokens reuse the memory of the old one's (see
// [segment.Buffers]), and d's other fields are reset.
func (p *Pipeline) SegmentInto(d *Doc, seg *segment.Segmenter, text string, paragraphs []segment.Span) {
	view := p.Fold(text)
	*d = Doc{Text: view, Original: text, buffers: d.buffers}
	d.Sentences = seg.SentencesIn(&d.buffers, view, paragraphs)
}

// ExtractInto is Extract appending to r, whose Trace, when set, receives
// every candidate.
func (p *Pipeline) ExtractInto(d *Doc, r *Records) {
	q, t, e := len(r.Quantities), len(r.Times), len(r.Entities)
	if p.scanner != nil {
		// One pass over the text's runes for every extractor.
		ds := docScanPool.Get().(*docScan)
		ds.run(p.scanner, d)
		d.scan = ds
		defer func() {
			d.scan = nil
			ds.release()
		}()
	}
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
