package extract

import "github.com/baogao/baogao/segment"

// Doc is the input of every extractor.
type Doc struct {
	// Text is the document's normalized text; all offsets point into it.
	Text string
	// Sentences are Text's sentences with their tokens, in order.
	Sentences []segment.Sentence
	// Original, when set, is the text as written and Text its folded form
	// (see [Pipeline.Fold]), of the same length: records take their Text
	// from Original.
	Original string
	// Published is the document's date (YYYY, YYYY-MM or YYYY-MM-DD) when
	// known; relative times are resolved against it.
	Published string

	buffers segment.Buffers // of Sentences, for Pipeline.SegmentInto
	// scan, while Pipeline.ExtractInto runs, is its scanner's hits in
	// the sentences, which the extractors read rather than scan again.
	scan *docScan
}

// Span is a half-open byte range [Start, End) of Doc.Text.
type Span struct {
	Start, End int
}

// Quantity is one figure: a number with its unit and context.
type Quantity struct {
	Span
	Sentence  int      // index into Doc.Sentences
	Text      string   // Doc.Text[Start:End]
	Value     float64  // in the canonical unit
	ValueMax  *float64 // high end of a range, else nil
	Unit      string   // canonical unit: CNY, percent, m2, 家 …
	Dimension string   // currency, percent, ratio, area, length, mass, energy, count
	Qualifier string   // exact, approx, at_least, nearly, over, under
	Change    string   // increase, decrease, or "" for a level
	Basis     string   // yoy, vs_prev_year, vs:YYYY, or ""
	Period    string   // the time the figure refers to, or ""
	Indicator string   // the measured thing, or ""
	Subject   string   // whose figure it is, or ""
	Rule      string   // id of the rule that produced it
}

// Time is one time expression.
type Time struct {
	Span
	Sentence    int
	Text        string
	Value       string // ISO-8601-like (2019, 2019-12, 2022-Q2, 2021/2025), "" when unresolved
	Granularity string // year, half, quarter, month, day, relative
	Rule        string
}

// Entity is one mention of an organisation, place, person or document.
type Entity struct {
	Span
	Sentence   int
	Text       string
	Type       string // ORG, LOC, PER, DOC
	Normalized string // canonical name
	RegionCode string // six-digit GB/T 2260 code of an administrative division, or ""
	Rule       string
}

// Records collects what the extractors found in one document.
type Records struct {
	Quantities []Quantity
	Times      []Time
	Entities   []Entity
	// Trace, when non-nil, receives every candidate considered, winners
	// and losers, for `baogao explain`.
	Trace *[]Candidate
}

// Candidate is a match considered during extraction.
type Candidate struct {
	Span
	Kind   string // quantity, time, entity
	Text   string
	Rule   string
	Won    bool
	Reason string // why it lost, when it lost
	// Priority and Order are the rule's, for [Resolve]: higher priority
	// wins, then the longer and the leftmost match, then the lower Order.
	Priority int
	Order    int
	// Beaten by: the rule and text of the candidate that won against
	// this one, set by [Resolve] on losers.
	LostTo     string
	LostToText string
}

// Extractor finds one kind of record.
type Extractor interface {
	// Name identifies the extractor in flags and traces ("quantities").
	Name() string
	// Extract appends what it finds in d to r. It may read the records
	// earlier extractors appended. It must not keep d or r.
	Extract(d *Doc, r *Records)
}
