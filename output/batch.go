package output

import (
	"github.com/baogao/baogao/corpus"
	"github.com/baogao/baogao/extract"
	"github.com/baogao/baogao/segment"
)

// Batch is the rows of one document (or one failed input), ready to write.
// Building it converts byte offsets to code points, which is work best
// done in the worker that processed the document.
type Batch struct {
	Documents  []DocumentRow
	Sentences  []SentenceRow
	Quantities []QuantityRow
	Times      []TimeRow
	Entities   []EntityRow
	Errors     []ErrorRow
}

func (b *Batch) docBytes() int {
	n := 0
	for i := range b.Documents {
		n += len(b.Documents[i].Text) + 128
	}
	return n
}

func (b *Batch) sentenceBytes() int {
	n := 0
	for i := range b.Sentences {
		n += len(b.Sentences[i].Text) + 32
	}
	return n
}

// NewBatch converts a processed document into rows.
func NewBatch(doc *corpus.Document, sents []segment.Sentence, recs *extract.Records) *Batch {
	text := newRuneIndex(doc.Text)
	defer text.release()
	id := doc.ID
	b := &Batch{}
	var nulls nullables
	if recs != nil {
		nulls = make(nullables, 0, 2+5*len(recs.Quantities)+len(recs.Times)+len(recs.Entities))
	}
	b.Documents = []DocumentRow{{
		DocID: id, Source: doc.Source, Format: doc.Format,
		Title: nulls.of(doc.Title), Published: nulls.of(doc.Published),
		Text: doc.Text, Chars: text.at(len(doc.Text)), SHA256: doc.SHA256,
	}}
	b.Sentences = make([]SentenceRow, len(sents))
	for i, s := range sents {
		b.Sentences[i] = SentenceRow{
			DocID: id, Sentence: int32(i), Paragraph: int32(s.Paragraph),
			Start: text.at(s.Start), End: text.at(s.End), Text: doc.Text[s.Start:s.End],
		}
	}
	if recs == nil {
		return b
	}
	raw := newRuneIndex(doc.Raw)
	defer raw.release()
	span := func(s extract.Span) (start, end, rawStart, rawEnd int64) {
		return text.at(s.Start), text.at(s.End), raw.at(doc.RawOffset(s.Start)), raw.at(doc.RawEnd(s.End))
	}
	b.Quantities = make([]QuantityRow, len(recs.Quantities))
	for i := range recs.Quantities {
		q := &recs.Quantities[i]
		r := &b.Quantities[i]
		*r = QuantityRow{
			DocID: id, Sentence: int32(q.Sentence), Text: q.Text,
			Value: q.Value, ValueMax: q.ValueMax, Unit: q.Unit, Dimension: q.Dimension,
			Qualifier: q.Qualifier, Change: nulls.of(q.Change), Basis: nulls.of(q.Basis),
			Period: nulls.of(q.Period), Indicator: nulls.of(q.Indicator), Subject: nulls.of(q.Subject),
			Rule: q.Rule,
		}
		r.Start, r.End, r.RawStart, r.RawEnd = span(q.Span)
	}
	b.Times = make([]TimeRow, len(recs.Times))
	for i := range recs.Times {
		t := &recs.Times[i]
		r := &b.Times[i]
		*r = TimeRow{DocID: id, Sentence: int32(t.Sentence), Text: t.Text,
			Value: nulls.of(t.Value), Granularity: t.Granularity, Rule: t.Rule}
		r.Start, r.End, r.RawStart, r.RawEnd = span(t.Span)
	}
	b.Entities = make([]EntityRow, len(recs.Entities))
	for i := range recs.Entities {
		e := &recs.Entities[i]
		r := &b.Entities[i]
		*r = EntityRow{DocID: id, Sentence: int32(e.Sentence), Text: e.Text, Type: e.Type,
			Normalized: e.Normalized, RegionCode: nulls.of(e.RegionCode), Rule: e.Rule}
		r.Start, r.End, r.RawStart, r.RawEnd = span(e.Span)
	}
	return b
}

// nullables holds the values of a batch's nullable strings, so that they
// take one allocation instead of one each (they were a third of the
// batch's allocations). Its capacity is reserved up front; should it be
// short, append moves on to a new array and the pointers already handed
// out keep the old one alive.
type nullables []string

// of returns a pointer to s, or nil for "".
func (n *nullables) of(s string) *string {
	if s == "" {
		return nil
	}
	*n = append(*n, s)
	return &(*n)[len(*n)-1]
}

// ErrorBatch is the single errors row for an input or document that
// failed at stage.
func ErrorBatch(source, docID, stage, message string) *Batch {
	return &Batch{Errors: []ErrorRow{{Source: source, DocID: nullable(docID), Stage: stage, Message: message}}}
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
