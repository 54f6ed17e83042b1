package output

// The row types below are the table contract of DESIGN.md. Their struct
// tags are the Parquet schema; Tables describes the columns for humans.
//
// Offsets, indexes and counts are DELTA_BINARY_PACKED ("delta"): they
// grow row by row, so a page of them packs into a few bits a value and
// zstd has little left to do. Plain, they were a third of the bytes the
// writer compressed and about half of its zstd time.
//
// The spans of quantities and times skip compression altogether
// ("uncompressed"): zstd took nothing off their packed pages (a part of
// the benchmark corpus is the same size to the byte without it) and
// spent an eighth of its time on them. Those of sentences and entities,
// which lie closer together, keep it: zstd takes 15-20% off them.

// DocumentRow is a row of the documents table.
type DocumentRow struct {
	DocID     string  `parquet:"doc_id,dict"`
	Source    string  `parquet:"source,dict"`
	Format    string  `parquet:"format,dict"`
	Title     *string `parquet:"title,optional"`
	Published *string `parquet:"published,optional,dict"`
	Text      string  `parquet:"text"`
	Chars     int64   `parquet:"chars,delta"`
	SHA256    string  `parquet:"sha256"`
}

// SentenceRow is a row of the sentences table.
type SentenceRow struct {
	DocID     string `parquet:"doc_id,dict"`
	Sentence  int32  `parquet:"sentence,delta"`
	Paragraph int32  `parquet:"paragraph,delta"`
	Start     int64  `parquet:"start,delta"`
	End       int64  `parquet:"end,delta"`
	Text      string `parquet:"text"`
}

// QuantityRow is a row of the quantities table.
type QuantityRow struct {
	DocID     string   `parquet:"doc_id,dict"`
	Sentence  int32    `parquet:"sentence,delta"`
	Start     int64    `parquet:"start,delta,uncompressed"`
	End       int64    `parquet:"end,delta,uncompressed"`
	RawStart  int64    `parquet:"raw_start,delta,uncompressed"`
	RawEnd    int64    `parquet:"raw_end,delta,uncompressed"`
	Text      string   `parquet:"text"`
	Value     float64  `parquet:"value"`
	ValueMax  *float64 `parquet:"value_max,optional"`
	Unit      string   `parquet:"unit,dict"`
	Dimension string   `parquet:"dimension,dict"`
	Qualifier string   `parquet:"qualifier,dict"`
	Change    *string  `parquet:"change,optional,dict"`
	Basis     *string  `parquet:"basis,optional,dict"`
	Period    *string  `parquet:"period,optional,dict"`
	Indicator *string  `parquet:"indicator,optional,dict"`
	Subject   *string  `parquet:"subject,optional,dict"`
	Rule      string   `parquet:"rule,dict"`
}

// TimeRow is a row of the times table.
type TimeRow struct {
	DocID       string  `parquet:"doc_id,dict"`
	Sentence    int32   `parquet:"sentence,delta"`
	Start       int64   `parquet:"start,delta,uncompressed"`
	End         int64   `parquet:"end,delta,uncompressed"`
	RawStart    int64   `parquet:"raw_start,delta,uncompressed"`
	RawEnd      int64   `parquet:"raw_end,delta,uncompressed"`
	Text        string  `parquet:"text,dict"`
	Value       *string `parquet:"value,optional,dict"`
	Granularity string  `parquet:"granularity,dict"`
	Rule        string  `parquet:"rule,dict"`
}

// EntityRow is a row of the entities table.
type EntityRow struct {
	DocID      string  `parquet:"doc_id,dict"`
	Sentence   int32   `parquet:"sentence,delta"`
	Start      int64   `parquet:"start,delta"`
	End        int64   `parquet:"end,delta"`
	RawStart   int64   `parquet:"raw_start,delta"`
	RawEnd     int64   `parquet:"raw_end,delta"`
	Text       string  `parquet:"text,dict"`
	Type       string  `parquet:"type,dict"`
	Normalized string  `parquet:"normalized,dict"`
	RegionCode *string `parquet:"region_code,optional,dict"`
	Rule       string  `parquet:"rule,dict"`
}

// ErrorRow is a row of the errors table: one input or document that
// could not be processed.
type ErrorRow struct {
	Source  string  `parquet:"source,dict"`
	DocID   *string `parquet:"doc_id,optional"`
	Stage   string  `parquet:"stage,dict"`
	Message string  `parquet:"message"`
}

// Column describes one column for `baogao schema`.
type Column struct {
	Name, Type, Doc string
}

// Table describes one table for `baogao schema`.
type Table struct {
	Name    string
	Doc     string
	Columns []Column
}

var spanColumns = []Column{
	{"doc_id", "string", "the document (documents.doc_id)"},
	{"sentence", "int32", "index of the sentence in the document (sentences.sentence)"},
	{"start", "int64", "code-point offset of the span in documents.text"},
	{"end", "int64", "code-point offset just past the span in documents.text"},
	{"raw_start", "int64", "code-point offset of the span in the source as read (after decoding)"},
	{"raw_end", "int64", "code-point offset just past the span in the source as read; spans any line breaks layout repair removed"},
	{"text", "string", "the span, documents.text[start:end]"},
}

func withSpan(cols ...Column) []Column {
	return append(append([]Column{}, spanColumns...), cols...)
}

// Tables lists every table in the order they are written.
var Tables = []Table{
	{"documents", "one row per document", []Column{
		{"doc_id", "string", "identifier: the source path, with #id or #Lline for JSONL documents"},
		{"source", "string", "the input file as named on the command line (sample:… for the embedded sample)"},
		{"format", "string", "txt, html or jsonl"},
		{"title", "string, null", "the title when the source states one"},
		{"published", "string, null", "publication date YYYY-MM-DD (or YYYY-MM, YYYY) when known"},
		{"text", "string", "the normalized text all start/end offsets point into"},
		{"chars", "int64", "length of text in code points"},
		{"sha256", "string", "hex SHA-256 of the source bytes"},
	}},
	{"sentences", "one row per sentence", []Column{
		{"doc_id", "string", "the document"},
		{"sentence", "int32", "index of the sentence in the document, from 0"},
		{"paragraph", "int32", "index of its paragraph in the document, from 0"},
		{"start", "int64", "code-point offset in documents.text"},
		{"end", "int64", "code-point offset just past the sentence"},
		{"text", "string", "the sentence"},
	}},
	{"quantities", "one row per figure", withSpan(
		Column{"value", "double", "the number in the canonical unit (36.83亿元 → 3683000000; 26.1% → 26.1)"},
		Column{"value_max", "double, null", "the high end of a range, else null"},
		Column{"unit", "string", "canonical unit: CNY, USD, percent, percentage_point, times, m2, m, kg, kWh, or the measure word of a count (家, 户, 个)"},
		Column{"dimension", "string", "currency, percent, ratio, area, length, mass, energy, count …"},
		Column{"qualifier", "string", "exact, approx, at_least, nearly, over or under"},
		Column{"change", "string, null", "increase or decrease when the figure is a change, else null"},
		Column{"basis", "string, null", "what a change is against: yoy, vs_prev_year, vs:YYYY"},
		Column{"period", "string, null", "the time the figure refers to (2019, 2019-12)"},
		Column{"indicator", "string, null", "the measured thing (利润总额)"},
		Column{"subject", "string, null", "whose figure it is (北碚区)"},
		Column{"rule", "string", "id of the rule that produced the row"},
	)},
	{"times", "one row per time expression", withSpan(
		Column{"value", "string, null", "ISO-8601-like value: 2019, 2019-12, 2019-04-01, 2022-Q2, 2019-H1, 2021/2025; null when relative and unresolved"},
		Column{"granularity", "string", "year, half, quarter, month, day or relative"},
		Column{"rule", "string", "id of the rule that produced the row"},
	)},
	{"entities", "one row per entity mention", withSpan(
		Column{"type", "string", "ORG, LOC, PER or DOC"},
		Column{"normalized", "string", "canonical name (北碚 → 北碚区)"},
		Column{"region_code", "string, null", "six-digit GB/T 2260 code of an administrative division"},
		Column{"rule", "string", "id of the rule that produced the row"},
	)},
	{"errors", "one row per input or document that failed", []Column{
		{"source", "string", "the input file"},
		{"doc_id", "string, null", "the document, when the failure concerns one document"},
		{"stage", "string", "read, decode, segment, extract or write"},
		{"message", "string", "what went wrong"},
	}},
}
