package output

import (
	"sync"

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

	nulls nullables // the values of the nullable strings, kept for reuse
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

// NewBatch converts a processed document into rows. The batch reuses
// the memory of one given back by [Batch.Release], if there is one.
func NewBatch(doc *corpus.Document, sents []segment.Sentence, recs *extract.Records) *Batch {
	text := newRuneIndex(doc.Text)
	defer text.release()
	id := doc.ID
	b := batchPool.Get().(*Batch)
	b.Errors = resize(b.Errors, 0)
	clear(b.nulls)
	nulls := b.nulls[:0]
	if recs != nil {
		if n := 2 + 5*len(recs.Quantities) + len(recs.Times) + len(recs.Entities); cap(nulls) < n {
			nulls = make(nullables, 0, n)
		}
	}
	b.Documents = resize(b.Documents, 1)
	b.Documents[0] = DocumentRow{
		DocID: id, Source: doc.Source, Format: doc.Format,
		Title: nulls.of(doc.Title), Published: nulls.of(doc.Published),
		Text: doc.Text, Chars: text.at(len(doc.Text)), SHA256: doc.SHA256,
	}
	b.Sentences = resize(b.Sentences, len(sents))
	for i, s := range sents {
		b.Sentences[i] = SentenceRow{
			DocID: id, Sentence: int32(i), Paragraph: int32(s.Paragraph),
			Start: text.at(s.Start), End: text.at(s.End), Text: doc.Text[s.Start:s.End],
		}
	}
	if recs == nil {
		b.Quantities, b.Times, b.Entities = resize(b.Quantities, 0), resize(b.Times, 0), resize(b.Entities, 0)
		b.nulls = nulls
		return b
	}
	raw := newRuneIndex(doc.Raw)
	defer raw.release()
	span := func(s extract.Span) (start, end, rawStart, rawEnd int64) {
		return text.at(s.Start), text.at(s.End), raw.at(doc.RawOffset(s.Start)), raw.at(doc.RawEnd(s.End))
	}
	b.Quantities = resize(b.Quantities, len(recs.Quantities))
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
	b.Times = resize(b.Times, len(recs.Times))
	for i := range recs.Times {
		t := &recs.Times[i]
		r := &b.Times[i]
		*r = TimeRow{DocID: id, Sentence: int32(t.Sentence), Text: t.Text,
			Value: nulls.of(t.Value), Granularity: t.Granularity, Rule: t.Rule}
		r.Start, r.End, r.RawStart, r.RawEnd = span(t.Span)
	}
	b.Entities = resize(b.Entities, len(recs.Entities))
	for i := range recs.Entities {
		e := &recs.Entities[i]
		r := &b.Entities[i]
		*r = EntityRow{DocID: id, Sentence: int32(e.Sentence), Text: e.Text, Type: e.Type,
			Normalized: e.Normalized, RegionCode: nulls.of(e.RegionCode), Rule: e.Rule}
		r.Start, r.End, r.RawStart, r.RawEnd = span(e.Span)
	}
	b.nulls = nulls
	return b
}

// batchPool holds the batches that Release gave back, so that a worker
// builds the rows of a document in the memory of an earlier one's
// rather than allocates and zeroes new slices for every document.
var batchPool = sync.Pool{New: func() any { return new(Batch) }}

// releaseText is the longest document whose batch Release keeps for
// another: until the batch is reused, its rows' strings hold their
// document's text, and a giant document's rows are not worth keeping.
// The pool holds about as many batches as the workers have documents in
// progress (up to workBatch each), so this bounds the text it keeps.
const releaseText = 256 << 10

// Release gives the batch's memory back for the rows of another
// document; b must not be used afterwards. [Writer.Write] copies what it
// writes, so a batch can be released once written.
func (b *Batch) Release() {
	if len(b.Documents) > 0 && len(b.Documents[0].Text) > releaseText {
		return
	}
	batchPool.Put(b)
}

// resize returns s with n rows for the caller to overwrite every one
// of: its own array if it holds them, else a new one. The rows past n
// that s held are cleared, so that they keep no strings of an earlier
// document alive.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	if n < len(s) {
		clear(s[n:])
	}
	return s[:n]
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
