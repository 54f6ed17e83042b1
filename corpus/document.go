package corpus

// Document is one report, decoded and normalized.
type Document struct {
	// ID identifies the document within a run: the source path, with
	// "#<id or line>" appended for the documents of a JSONL file.
	ID string
	// Source is the input the document came from, as the user named it
	// ("sample" for the embedded report, "-" for standard input).
	Source string
	// Format is the reader that produced it: "txt", "html" or "jsonl".
	Format string
	// Origin is where the document says it comes from, when it says so:
	// the "source" field of a JSONL line, or an HTML page's canonical or
	// og:url address; else "".
	Origin string
	// Title is the document's title when the source states one, else "".
	Title string
	// Published is the publication date as YYYY-MM-DD (or YYYY-MM, YYYY)
	// when known, else "".
	Published string
	// SHA256 is the hex digest of the source bytes the document was read from.
	SHA256 string
	// Raw is the source text as read, decoded to UTF-8.
	Raw string
	// Text is the normalized text; see the package comment.
	Text string
	// Paragraphs are the paragraphs of Text in reading order, as byte spans
	// that do not include the "\n" between them.
	Paragraphs []Paragraph
	// offsets maps Text byte offsets to Raw byte offsets.
	offsets OffsetMap
}

// ParagraphKind says what role a paragraph plays on the page.
type ParagraphKind uint8

const (
	Body    ParagraphKind = iota // running text
	Heading                      // a title, heading or sub-heading
	Caption                      // a photo caption or credit
)

func (k ParagraphKind) String() string {
	switch k {
	case Heading:
		return "heading"
	case Caption:
		return "caption"
	}
	return "body"
}

// Paragraph is a byte span [Start, End) of Document.Text.
type Paragraph struct {
	Start, End int
	Kind       ParagraphKind
}

// RawOffset maps the start offset of a span of Text into Raw; see
// [OffsetMap.Raw]. A span [s, e) of Text came from Raw[RawOffset(s):RawEnd(e)],
// which includes any line breaks layout repair removed inside it.
func (d *Document) RawOffset(off int) int {
	return d.offsets.Raw(off)
}

// NewDocument normalizes raw text with [Repair] and returns the document.
// The caller fills in the identifying fields.
func NewDocument(raw string) *Document {
	return newDocument(raw, Repair(raw))
}

func newDocument(raw string, r Repaired) *Document {
	return &Document{Raw: raw, Text: r.Text, Paragraphs: r.Paragraphs, offsets: r.Offsets}
}

// RawEnd maps the end offset of a span of Text into Raw; see [OffsetMap.RawEnd].
func (d *Document) RawEnd(off int) int {
	return d.offsets.RawEnd(off)
}
