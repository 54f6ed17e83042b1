package corpus

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Repaired is the result of [Repair].
type Repaired struct {
	// Text is the repaired text: one paragraph per line, paragraphs
	// separated by a single "\n", with no "\r" and no leading or trailing
	// blank lines.
	Text string
	// Paragraphs are the paragraphs of Text in reading order, as byte spans
	// that do not include the "\n" between them. Nil for an empty Text.
	Paragraphs []Paragraph
	// Offsets maps every byte of Text back into the raw text; the "\n"
	// between two paragraphs maps to the raw line break it stands for.
	Offsets OffsetMap
}

// Repair rejoins the lines of an OCR'd or column-broken page into
// paragraphs and normalizes their text.
//
// A newspaper column breaks lines wherever the column is full, and OCR adds
// blank lines at column and page breaks, so neither a line break nor a blank
// line says where a paragraph ends. Repair decides each break from evidence
// in the page itself, never from its words:
//
//   - The column width is the display width (UAX #11) most lines share,
//     give or take a character. It is measured per block of lines between
//     blank lines, as pages often mix two widths; a block too small to
//     measure takes the page's width or a neighbour's, whichever fits it.
//     How much shorter a paragraph's first line is, where OCR dropped its
//     indentation, is learnt from the page too.
//   - A blank line ends a paragraph only after a sentence end (。！？；… or
//     a closing quote or bracket after one), a heading or a caption;
//     elsewhere it is a column break inside a sentence or even a word.
//   - Without a blank line, a line that ends a sentence ends its paragraph
//     when it is clearly shorter than the column, or when the next line
//     starts one: it is indented, a heading, or (after a line not quite
//     full) as wide as a first line whose indentation OCR dropped.
//   - A heading is a line without sentence punctuation (it may be numbered,
//     一、, but lists nothing) that starts a paragraph and is either shaped
//     like no body line, being shorter than a first line or wider than the
//     column without punctuation to squeeze, or followed by a paragraph
//     start. Sub-headings printed on the line above their paragraph's first
//     line are split off this way.
//   - A caption ends in a photo credit set off by a space between two
//     Chinese characters (重庆材料研究院 摄/吴祥鸿); it keeps that space.
//   - Text that is not column-broken, whose lines end sentences and vary
//     in length at will, keeps each line as a paragraph of its own.
//
// Lines are joined with no separator, as Chinese needs none. Leading and
// trailing spaces of lines, a BOM and the spaces between a number and
// Chinese text (达到 36.83 → 达到36.83) are dropped; other inner spaces are
// kept. Full-width digits, Latin letters, ％ and a full-width point between
// two digits are folded to ASCII so that extractors see one spelling of a
// number; Chinese punctuation is left as it is. "\r\n" and "\r" end lines
// like "\n", and so do the rarer vertical tab, form feed, NEL and Unicode
// line and paragraph separators, so that Text splits into paragraphs the
// way Python's str.splitlines splits it.
//
// Repair never fails: any input, even invalid UTF-8, gives a Text whose
// paragraphs lie in order within it and whose offsets map into raw.
func Repair(raw string) Repaired {
	return repair(raw, blankMaybe)
}

// blankLines says what a blank line in the raw text stands for.
type blankLines uint8

const (
	// blankMaybe: a paragraph break or an OCR'd column break, as the
	// evidence of the page says ([Repair]).
	blankMaybe blankLines = iota
	// blankParagraph: always a paragraph break ([repairParagraphs]).
	blankParagraph
	// blankByLayout: always a paragraph break if the text is laid out in
	// blank-line separated paragraphs ([layout.paragraphLayout]), else as
	// blankMaybe.
	blankByLayout
)

// repairParagraphs is [Repair] for text whose blank lines are known to
// separate paragraphs, such as an HTML page's text: every blank line ends
// a paragraph, even after a comma or a colon (主要工作如下：) where Repair
// would take it for a column break. The lines between two blank lines are
// repaired as Repair repairs them, so a line broken inside a sentence (by
// a <br>) is still joined.
func repairParagraphs(raw string) Repaired {
	return repair(raw, blankParagraph)
}

// repairText is [Repair] for text that may be laid out in paragraphs
// separated by blank lines, such as the text of a JSONL line: if it is
// ([layout.paragraphLayout]), it is repaired as [repairParagraphs] does,
// else as Repair does.
func repairText(raw string) Repaired {
	return repair(raw, blankByLayout)
}

// layouts keeps layouts between documents, so that their lines and
// blocks, most of what Repair allocates and nothing it returns, are reused.
var layouts = sync.Pool{New: func() any { return new(layout) }}

// maxPooledLines caps the lines a pooled layout keeps room for, so that one
// huge document does not hold its memory for the rest of a run.
const maxPooledLines = 1 << 16

func repair(raw string, blanks blankLines) Repaired {
	r, _ := repairChecked(raw, blanks)
	return r
}

// repairClean is [Repair] for raw bytes taken as UTF-8 before [Decode] has
// seen them, so that most texts are looked at once: it also reports
// whether raw is clean, valid UTF-8 with no control character, U+FFFD or
// rare line break (see hasRareBreak), which Decode would return unchanged.
// Layout repair decodes every character anyway, so it checks them on the
// way.
func repairClean(raw string) (Repaired, bool) {
	return repairChecked(raw, blankMaybe)
}

// repairChecked is repair, reporting whether raw is clean as
// [repairClean] defines it.
func repairChecked(raw string, blanks blankLines) (Repaired, bool) {
	p := layouts.Get().(*layout)
	defer p.release()
	*p = layout{raw: raw, lines: p.lines[:0], blocks: p.blocks[:0]}
	p.scan()
	clean := !p.rare && p.seen&pUnclean == 0
	if len(p.lines) == 0 {
		return Repaired{}, clean
	}
	p.blankBreaks = blanks == blankParagraph || blanks == blankByLayout && p.paragraphLayout()
	p.measure()
	p.mark()
	return p.emit(), clean
}

// release returns p to layouts, without its text.
func (p *layout) release() {
	p.raw = ""
	if cap(p.lines) > maxPooledLines {
		p.lines, p.blocks = nil, nil
	}
	layouts.Put(p)
}

// paragraphLayout reports text laid out in paragraphs separated by blank
// lines: it has a blank line between two lines, and no more lines that go
// on without one. An OCR'd column has many lines for each blank line, set
// wherever a column ends.
func (p *layout) paragraphLayout() bool {
	blank := 0
	for i := range len(p.lines) - 1 {
		if p.lines[i].flags&fBlankAfter != 0 {
			blank++
		}
	}
	return blank > 0 && blank >= len(p.lines)-1-blank
}

const (
	// indentCols is the indentation of a paragraph's first line in columns:
	// Chinese typesetting indents by two full-width characters.
	indentCols = 4
	// plainHeadingCols caps a heading in text that is not column-broken,
	// where there is no column width to compare with.
	plainHeadingCols = 64
	// histCols caps the widths that take part in the page's mode; wider
	// lines are no newspaper column.
	histCols = 256
	// creditRunes is the most runes a photo credit may have after its space.
	creditRunes = 8
)

// Line flags.
const (
	fBlankAfter uint16 = 1 << iota // one or more blank lines follow
	fEnds                          // ends a sentence
	fShape                         // could be a heading: no sentence punctuation
	fCredit                        // ends in a photo credit after a space
	fIndent                        // indented more than the page's margin
	fHeading                       // a heading, if a paragraph starts here
	fCaption                       // part of a caption
	fBreak                         // a paragraph starts here
	fCont                          // starts with punctuation that continues a sentence
	fPunct                         // has punctuation, which typesetting may squeeze
	fPunctEnd                      // ends in punctuation, which may hang in the margin
	fRewrite                       // has inner spaces, foldable runes or ．, which appendLine may rewrite
)

// line is one non-blank line of the raw text.
type line struct {
	start, end  int // the content, without surrounding spaces, in raw
	eol, eolLen int // the line break after it in raw; eolLen is 0 at the end
	lead        int // leading spaces, in columns
	w           int // display width of the content, in columns
	eff         int // w plus any indentation beyond the page's margin
	block       int
	flags       uint16
}

// block is a run of lines between blank lines.
type block struct {
	first, last int  // line indexes, inclusive
	cols        int  // column width, in display columns
	wrapped     bool // column-broken, rather than a paragraph a line
}

type layout struct {
	raw    string
	lines  []line
	blocks []block
	// lost is how much shorter than the column a paragraph's first line
	// is on this page, in columns: indentation OCR dropped, or none.
	lost int
	// blankBreaks makes every blank line a paragraph break
	// ([repairParagraphs]).
	blankBreaks bool
	// rare is set if raw has a rare line break (hasRareBreak), and seen
	// holds the properties of every rune of a line's content outside
	// ideograph runs and spaces: together they tell whether raw is clean
	// ([repairClean]), since its other bytes are line breaks, spaces and
	// ideographs that hanRun found well formed.
	rare bool
	seen uint8
}

// scan splits raw into lines and measures each.
//
// It splits at "\n" and "\r" alone first, with fast byte searches. A rare
// line break (see hasRareBreak) left inside a line is a character analyze
// marks pUnclean, so that only a text with such a character is searched
// for them, and split again if it has one.
func (p *layout) scan() {
	p.scanLines(false)
	if p.seen&pUnclean != 0 && hasRareBreak(p.raw) {
		p.lines, p.seen, p.rare = p.lines[:0], 0, true
		p.scanLines(true)
	}
}

// scanLines is scan, splitting at rare line breaks too if rare.
func (p *layout) scanLines(rare bool) {
	s := p.raw
	i := 0
	if strings.HasPrefix(s, "\uFEFF") {
		i = len("\uFEFF")
	}
	n := strings.Count(s, "\n")
	if n == 0 {
		n = strings.Count(s, "\r")
	}
	p.lines = slices.Grow(p.lines[:0], n+1)
	lf := -1 // the next "\n" at or after i, or len(s)
	cr := -1 // the next "\r" at or after i, or len(s): one search for a text without any
	for {
		var j, eolLen int
		if rare {
			j, eolLen = lineEnd(s, i)
		} else {
			if lf < i {
				lf = len(s)
				if k := strings.IndexByte(s[i:], '\n'); k >= 0 {
					lf = i + k
				}
			}
			j, eolLen = lf, 0
			if j < len(s) {
				eolLen = 1
			}
			if cr < i {
				cr = len(s)
				if k := strings.IndexByte(s[i:], '\r'); k >= 0 {
					cr = i + k
				}
			}
			if cr < j {
				j, eolLen = cr, 1
				if j+1 < len(s) && s[j+1] == '\n' {
					eolLen = 2
				}
			}
		}
		p.addLine(i, j, eolLen)
		if j >= len(s) {
			return
		}
		i = j + eolLen
	}
}

// hasRareBreak reports whether s breaks lines with anything but "\n" and
// "\r", so that the common text can be split with fast byte searches.
func hasRareBreak(s string) bool {
	for _, c := range [...]byte{'\v', '\f', 0x1C, 0x1D, 0x1E} {
		if strings.IndexByte(s, c) >= 0 {
			return true
		}
	}
	return strings.Contains(s, "\u0085") || strings.Contains(s, "\u2028") || strings.Contains(s, "\u2029")
}

// lineEnd finds the end of the line starting at s[i] and the length of the
// line break there, 0 at the end of s.
func lineEnd(s string, i int) (int, int) {
	for j := i; j < len(s); j++ {
		switch c := s[j]; {
		case c >= 0xE3:
			// Most of a Chinese text: no line break starts here.
		case c == '\n', c == '\v', c == '\f', c >= 0x1C && c <= 0x1E:
			return j, 1
		case c == '\r':
			if j+1 < len(s) && s[j+1] == '\n' {
				return j, 2
			}
			return j, 1
		case c == 0xC2: // U+0085 NEL
			if j+1 < len(s) && s[j+1] == 0x85 {
				return j, 2
			}
		case c == 0xE2: // U+2028, U+2029
			if j+2 < len(s) && s[j+1] == 0x80 && (s[j+2] == 0xA8 || s[j+2] == 0xA9) {
				return j, 3
			}
		}
	}
	return len(s), 0
}

// spaceCols is the width of a whitespace rune used as indentation.
func spaceCols(r rune) int {
	switch r {
	case '\t':
		return indentCols
	case '\u3000':
		return 2
	}
	return 1
}

// isSpace is [unicode.IsSpace] without the line breaks (see [lineEnd]),
// spelled out because it runs on every rune.
func isSpace(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r == ' ' || r == '\t'
	case r < 0x2000:
		return r == 0xA0 || r == 0x1680
	case r <= 0x200A:
		return true
	}
	return r == 0x202F || r == 0x205F || r == 0x3000
}

// decode is [utf8.DecodeRuneInString] of s[i:] with a fast path for the
// three-byte sequences Chinese text is made of.
func decode(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if r, ok := decode3(s, i); ok {
		return r, 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

// decode3 decodes the three-byte character at s[i] if its lead byte is
// one whose next bytes need no range check (all but E0 and ED, see
// countControls): nearly all of Chinese text. Without a call, it is
// inlined into analyze's loop, where a call to decode would cost the loop
// state stored around it.
func decode3(s string, i int) (rune, bool) {
	if c := s[i]; c-0xE1 <= 0xEF-0xE1 && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		return rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), true
	}
	return 0, false
}

// decodeLast is [utf8.DecodeLastRuneInString] with the same fast path.
func decodeLast(s string) (rune, int) {
	if n := len(s); n >= 3 {
		if r, ok := decode3(s, n-3); ok {
			return r, 3
		}
	}
	return utf8.DecodeLastRuneInString(s)
}

func (p *layout) addLine(start, end, eolLen int) {
	s := p.raw
	l := line{eol: end, eolLen: eolLen}
	var last rune // of the content, for analyze
	lastLen := 0
	for start < end {
		if c := s[start]; c-0xE4 <= 0xE9-0xE4 {
			break // most lines start with an ideograph: no space, no punctuation
		}
		r, n := decode(s[:end], start)
		if !isSpace(r) {
			if isContinuation(r) {
				l.flags |= fCont
			}
			break
		}
		l.lead += spaceCols(r)
		start += n
	}
	for end > start {
		var r rune
		n := 0
		if end-start >= 3 {
			// Inlined, for the ideograph or Chinese punctuation mark
			// most lines end in.
			if r3, ok := decode3(s, end-3); ok {
				r, n = r3, 3
			}
		}
		if n == 0 {
			r, n = decodeLast(s[start:end])
		}
		if !isSpace(r) {
			last, lastLen = r, n
			break
		}
		end -= n
	}
	if start == end {
		if k := len(p.lines); k > 0 {
			p.lines[k-1].flags |= fBlankAfter
		}
		return
	}
	l.start, l.end = start, end
	p.analyze(&l, last, lastLen)
	p.lines = append(p.lines, l)
}

// analyze measures a line's width and classifies its punctuation. last
// is the last rune of the line's content, which addLine has decoded while
// trimming it, as it has set fCont from the first, and lastLen is last's
// length.
//
// It runs on every character of the text, so ideographs take a fast path
// that only counts them: their width is two columns, and they are never
// spaces, punctuation or foldable. The rune before a space is decoded
// again from where it starts only when a space comes.
func (p *layout) analyze(l *line, lastRune rune, lastLen int) {
	s := p.raw[l.start:l.end]
	shape := true
	leftAt := -1          // where the last rune before a space starts
	credit := false       // a credit space was seen
	creditNR := 0         // nr at the credit space: runes after it are the tail
	nr, han, w := 0, 0, 0 // runes, spaces aside; ideographs; columns of the rest
	tailFinal := false
	var seen uint8 // the properties of the runes outside ideograph runs
	for i := 0; i < len(s); {
		c := s[i]
		if c-0xE4 <= 0xE9-0xE4 { // the lead byte of a character hanRun takes
			if j := hanRun(s, i); j > i {
				han += (j - i) / 3
				leftAt = j - 3
				i = j
				continue
			}
		}
		r, n := rune(c), 1
		if r >= utf8.RuneSelf {
			var ok bool
			if r, ok = decode3(s, i); ok {
				n = 3
			} else {
				r, n = decode(s, i)
			}
		}
		props, ok := tableProps(r)
		if !ok {
			props = propsOf(r)
		}
		if props&pSpace != 0 {
			l.flags |= fRewrite
			j := i + n
			for {
				r2, n2 := decode(s, j)
				if !isSpace(r2) {
					var left rune
					if leftAt >= 0 {
						left, _ = decode(s, leftAt)
					}
					if isCJK(left) && !isNum(left) && unicode.Is(unicode.Han, r2) {
						credit, creditNR, tailFinal = true, nr+han, false
					}
					break
				}
				j += n2
			}
			w += j - i // inner spaces are narrow; exactness does not matter
			i = j
			continue
		}
		w += 1 + int(props&pWide)
		seen |= props
		if props&pSentence != 0 || props&pEnum != 0 && nr+han > 2 {
			// A heading may be numbered (一、) but lists nothing.
			shape = false
			if credit && props&pFinal != 0 {
				tailFinal = true
			}
		}
		nr++
		leftAt = i
		i += n
	}
	if seen&pPunct != 0 {
		l.flags |= fPunct
	}
	if seen&pRewrite != 0 {
		l.flags |= fRewrite
	}
	p.seen |= seen
	l.w += w + 2*han
	nr += han
	if isPunct(lastRune) {
		l.flags |= fPunctEnd
	}
	last := lastRune
	if isClosing(last) {
		last = lastMeaningful(s[:len(s)-lastLen])
	}
	if isFinal(last) || last == '.' && endsWithDot(s) {
		l.flags |= fEnds
	}
	if l.flags&fCont != 0 {
		shape = false
	}
	if shape && last != 0 && !opensPhrase(last) {
		l.flags |= fShape
	}
	if credit && nr-creditNR <= creditRunes && !tailFinal {
		l.flags |= fCredit
	}
}

// Properties of a rune that analyze looks at, in one byte so that the
// common runes need one table lookup instead of a call to each predicate.
const (
	pWide     uint8 = 1 << iota // cols is 2 (it is 1 otherwise); must stay bit 0
	pSpace                      // isSpace
	pPunct                      // isPunct, other than . % ％, which do not hang
	pSentence                   // isSentencePunct
	pFinal                      // isFinal
	pEnum                       // 、, sentence punctuation except after a number
	pRewrite                    // foldable or ．: appendLine may rewrite it
	pUnclean                    // isControl, U+FFFD (an invalid byte decodes to it) or a rare line break: see scan, repairClean
)

// propsOf computes the properties of r from the predicates that define them.
func propsOf(r rune) uint8 {
	var props uint8
	for _, p := range [...]struct {
		bit uint8
		is  bool
	}{
		{pWide, cols(r) == 2},
		{pSpace, isSpace(r)},
		{pPunct, isPunct(r) && r != '.' && r != '%' && r != '％'},
		{pSentence, isSentencePunct(r)},
		{pFinal, isFinal(r)},
		{pEnum, r == '、'},
		{pRewrite, foldable(r) || r == '．'},
		{pUnclean, isControl(r) || r == utf8.RuneError || r == '\v' || r == '\f' || r == '\u2028' || r == '\u2029'},
	} {
		if p.is {
			props |= p.bit
		}
	}
	return props
}

// propTables holds propsOf for the blocks of 128 runes at propBases, where
// most of the punctuation, digits and Latin letters of Chinese text come
// from: ASCII, General Punctuation (“ ” … —), CJK Symbols and Punctuation
// (、。《》) and the full-width forms (，；０％). propBlock[r>>7] says which
// table holds r, or len(propTables) for none.
var (
	propBases             = [...]rune{0, 0x2000, 0x3000, 0xFF00}
	propTables, propBlock = makePropTables()
)

func makePropTables() (t [len(propBases)][0x80]uint8, block [0x10000 >> 7]uint8) {
	for i := range block {
		block[i] = uint8(len(t))
	}
	for k, base := range propBases {
		block[base>>7] = uint8(k)
		for i := range t[k] {
			t[k][i] = propsOf(base + rune(i))
		}
	}
	return t, block
}

// tableProps is propsOf(r) if r is in propTables. Without a call, it is
// inlined into analyze's loop, which calls propsOf for the rest.
func tableProps(r rune) (uint8, bool) {
	if t := propBlock[uint16(r)>>7]; t < uint8(len(propTables)) && r <= 0xFFFF {
		return propTables[t][r&0x7F], true
	}
	return 0, false
}

// hanRun returns where the run of three-byte characters in U+4000–U+9FFF
// (nearly all ideographs, and most of a Chinese text) that starts at s[i]
// ends. It is a loop of its own so that the compiler keeps it in registers:
// inside analyze's loop, whose other cases call functions, each ideograph
// stored the loop's state to the stack.
//
// It checks two characters at a time in one 8-byte word while there is
// one to load: their continuation bytes with one mask, their lead bytes
// with a subtraction each.
func hanRun(s string, i int) int {
	const (
		contMask = 0x0000C0C000C0C000 // the continuation bytes of two characters
		contBits = 0x0000808000808000
	)
	for ; i+8 <= len(s); i += 6 {
		x := load64(s, i)
		if x&contMask != contBits || uint8(x)-0xE4 > 5 || uint8(x>>24)-0xE4 > 5 {
			break
		}
	}
	for ; i+2 < len(s); i += 3 {
		if c := s[i]; c < 0xE4 || c > 0xE9 || s[i+1]&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80 {
			break
		}
	}
	return i
}

// load64 reads s[i:i+8] as a little-endian word (the compiler makes it
// one load).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// lastMeaningful is the last rune of s before any closing quotes or brackets.
func lastMeaningful(s string) rune {
	for len(s) > 0 {
		r, n := decodeLast(s)
		if !isClosing(r) {
			return r
		}
		s = s[:len(s)-n]
	}
	return 0
}

// endsWithDot says whether a final '.' (after closers) follows a Chinese
// character, where it is an OCR'd 。 rather than a decimal point or an
// abbreviation.
func endsWithDot(s string) bool {
	for len(s) > 0 {
		r, n := decodeLast(s)
		s = s[:len(s)-n]
		if r == '.' {
			r, _ = decodeLast(s)
			return r >= 0x2E80
		}
	}
	return false
}

// cols is the display width of r (UAX #11), counting ambiguous characters
// as wide because they are set full-width in Chinese text (“ … —), and
// full-width digits and letters as narrow because newspapers print them
// half-width whatever form OCR gives them.
func cols(r rune) int {
	switch {
	case r < 0x1100 || foldable(r):
		return 1
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3000 && r <= 0x303F, r >= 0xFF01 && r <= 0xFF60:
		return 2 // ideographs, CJK punctuation, full-width forms
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
		return 2
	}
	return 1
}

// isPunct is [unicode.IsPunct] with the common Chinese marks first.
func isPunct(r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF {
		return false // ideographs, the most common case, and no punctuation
	}
	switch r {
	case '，', '。', '、', '；', '：', '？', '！', '“', '”', '（', '）', '《', '》', '…', '—':
		return true
	}
	return unicode.IsPunct(r)
}

// isFinal reports sentence-final punctuation.
func isFinal(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '…', '!', '?', ';', '｡':
		return true
	}
	return false
}

// isSentencePunct reports punctuation that a heading does not contain.
func isSentencePunct(r rune) bool {
	return isFinal(r) || r == '，' || r == ','
}

// isClosing reports closing quotes and brackets.
func isClosing(r rune) bool {
	switch r {
	case '”', '’', '」', '』', '）', ')', '》', '〉', '】', '〕', '］', ']', '"', '\'', '｝', '}':
		return true
	}
	return false
}

// opensPhrase reports punctuation a complete line cannot end with.
func opensPhrase(r rune) bool {
	switch r {
	case '、', '，', ',', '：', ':', '（', '(', '《', '〈', '“', '‘', '「', '『', '【', '〔', '［', '[', '—', '-', '/', '·':
		return true
	}
	return false
}

// isContinuation reports punctuation that cannot start a paragraph.
func isContinuation(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：', '！', '？', '）', '》', '〉', '】', '〕', '”', '’', '」', '』', '…', ',', '.', ';', ':', ')', ']', '%', '％':
		return true
	}
	return false
}

// foldable reports the full-width runes Repair folds to ASCII.
func foldable(r rune) bool {
	return r >= '０' && r <= '９' || r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ' || r == '％'
}

func isDigit(r rune) bool {
	return r >= '0' && r <= '9' || r >= '０' && r <= '９'
}

// isNum reports the characters a number ends or starts with.
func isNum(r rune) bool {
	return isDigit(r) || r == '%' || r == '％'
}

// isCJK reports Chinese characters and punctuation, the text a number is
// glued to without a space.
func isCJK(r rune) bool {
	return r >= 0x2E80 && !foldable(r) || r >= 0x2010 && r <= 0x2027
}

// measure finds the page's margin, each block's column width and whether
// the block is column-broken at all.
func (p *layout) measure() {
	// The margin is the most common leading space; only more than that
	// indents. The same pass splits the lines into blocks.
	var leads [33]int
	first := 0
	p.blocks = p.blocks[:0]
	for i := range p.lines {
		l := &p.lines[i]
		leads[min(l.lead, 32)]++
		l.block = len(p.blocks)
		if l.flags&fBlankAfter != 0 || i == len(p.lines)-1 {
			p.blocks = append(p.blocks, block{first: first, last: i})
			first = i + 1
		}
	}
	base := 0
	for c, n := range leads {
		if n > leads[base] {
			base = c
		}
	}
	for i := range p.lines {
		l := &p.lines[i]
		l.eff = l.w
		if l.lead > base {
			l.eff += l.lead - base
		}
		if l.lead >= base+2 {
			l.flags |= fIndent
		}
	}

	// The column is measured on the lines most likely full: those that
	// do not end a block, a paragraph (a sentence end before a blank line)
	// or in punctuation, which may hang in the margin; failing those, on
	// all lines that do not end a block.
	page := p.mode(true)
	if page == 0 {
		page = p.mode(false)
	}
	if page == 0 {
		for i := range p.lines {
			page = max(page, p.lines[i].eff)
		}
	}

	// Blocks with enough lines measure their own column; a small one
	// takes the page's or a measured neighbour's, whichever its lines fit,
	// since a page may set two articles in columns of different widths.
	var ws []int
	measured := make([]bool, len(p.blocks))
	for bi := range p.blocks {
		b := &p.blocks[bi]
		b.cols = page
		ws = ws[:0]
		for i := b.first; i < b.last; i++ {
			if p.sample(i, true) {
				ws = append(ws, p.lines[i].eff)
			}
		}
		if len(ws) < 3 {
			ws = ws[:0]
			for i := b.first; i < b.last; i++ {
				ws = append(ws, p.lines[i].eff)
			}
		}
		slices.Sort(ws)
		if w, ok := column(ws); ok {
			measured[bi] = true
			if abs(w-page) > tolerance(page) {
				b.cols = w
			}
		}
	}
	next := make([]int, len(p.blocks)) // the next measured block's column
	for bi, c := len(p.blocks)-1, 0; bi >= 0; bi-- {
		next[bi] = c
		if measured[bi] {
			c = p.blocks[bi].cols
		}
	}
	prev := 0 // the previous measured block's column
	for bi := range p.blocks {
		b := &p.blocks[bi]
		if measured[bi] {
			prev = b.cols
			continue
		}
		best := p.fit(b, page)
		for _, c := range [2]int{prev, next[bi]} {
			if c > 0 && c != page {
				if f := p.fit(b, c); f > best {
					b.cols, best = c, f
				}
			}
		}
	}

	// The page's lines decide whether small blocks are column-broken.
	open, closed, wide := 0, 0, 0
	for bi := range p.blocks {
		b := &p.blocks[bi]
		interior := b.last - b.first
		o, c, w := 0, 0, 0
		for i := b.first; i <= b.last; i++ {
			l := &p.lines[i]
			switch {
			case l.eff > 2*b.cols:
				w++
			case i == b.last:
				// A block that stops mid-sentence after a comma is a
				// column broken by a blank line, unless blank lines are
				// known to end paragraphs.
				if !p.blankBreaks && l.flags&(fEnds|fShape|fCredit) == 0 {
					o++
				}
			case l.flags&fEnds != 0:
				c++
			case 4*l.eff >= 3*b.cols:
				o++
			}
		}
		open += o
		closed += c
		wide += w
		if interior >= 3 {
			b.wrapped = wraps(o, c, w)
		}
	}
	wrapped := wraps(open, closed, wide)
	for bi := range p.blocks {
		if b := &p.blocks[bi]; b.last-b.first < 3 {
			b.wrapped = wrapped
		}
	}

	// Learn how first lines look from those that surely are: after a
	// sentence that ends a paragraph, with punctuation inside (so no
	// heading), going on to another line, and not indented.
	ws = ws[:0]
	for i := 1; i < len(p.lines); i++ {
		prev, l := &p.lines[i-1], &p.lines[i]
		if prev.flags&fEnds != 0 && (prev.flags&fBlankAfter != 0 || p.short(prev)) &&
			l.flags&(fShape|fIndent|fEnds|fBlankAfter) == 0 && i+1 < len(p.lines) {
			ws = append(ws, min(max(p.cols(l)-l.eff, 0), 2*indentCols))
		}
	}
	p.lost = indentCols
	if len(ws) > 0 {
		slices.Sort(ws)
		p.lost = ws[len(ws)/2]
	}
}

// fit scores how well a block's lines fit a column of width c: lines that
// go on and are full or first lines count for it, lines wider than the
// column against it.
func (p *layout) fit(b *block, c int) int {
	if c <= 0 {
		return -len(p.lines)
	}
	t, score := tolerance(c), 0
	for i := b.first; i <= b.last; i++ {
		w := p.lines[i].eff
		switch {
		case w > c+t:
			score--
		case i < b.last && (abs(w-c) <= t || abs(w-c+indentCols) <= t):
			score++
		}
	}
	return score
}

// sample reports whether line i may measure its column: it does not end
// its block and, if strict, does not look like a paragraph's first line or
// end in punctuation.
func (p *layout) sample(i int, strict bool) bool {
	l := &p.lines[i]
	if l.flags&fBlankAfter != 0 || i == len(p.lines)-1 {
		return false
	}
	if !strict {
		return true
	}
	if l.flags&fPunctEnd != 0 || i == 0 {
		return false
	}
	prev := &p.lines[i-1]
	return prev.flags&fBlankAfter == 0 || prev.flags&(fEnds|fShape) == 0
}

// mode is the most common width of the sample lines, give or take a
// character, or 0 if there are none: the centre of the densest band of
// widths two characters wide.
func (p *layout) mode(strict bool) int {
	var hist [histCols + 4]int
	for i := range p.lines {
		if w := p.lines[i].eff; w < histCols && p.sample(i, strict) {
			hist[w+2]++ // shifted so that w-2 is an index
		}
	}
	best, at := 0, 0
	for w := 0; w < histCols; w++ {
		if n := hist[w] + hist[w+1] + hist[w+2] + hist[w+3] + hist[w+4]; n > best {
			best, at = n, w
		}
	}
	if best == 0 {
		return 0
	}
	// The median of the band [at-2, at+2].
	half, n := (best+1)/2, 0
	for w := at; ; w++ {
		if n += hist[w]; n >= half {
			return w - 2
		}
	}
}

// column finds the width most lines of a block share, give or take a
// character: the column's. Sorted widths come in; too few lines that agree
// give no answer, so that one heading or short line cannot set the column.
func column(ws []int) (int, bool) {
	best, bi, bj := 0, 0, 0
	for i, j := 0, 0; i < len(ws); i++ {
		for j+1 < len(ws) && ws[j+1] <= ws[i]+4 {
			j++
		}
		if n := j - i + 1; n >= best { // ties go to the wider lines
			best, bi, bj = n, i, j
		}
	}
	if best < 3 {
		return 0, false
	}
	return ws[(bi+bj+1)/2], true
}

// wraps decides whether text is column-broken from its lines that do not
// end a block: in a column, full lines that stop mid-sentence are common
// and no line is much wider than the column; text with a paragraph a line
// has lines that end sentences and lines of any length.
func wraps(openFull, closed, wide int) bool {
	return openFull > 0 && 3*openFull >= closed && 2*wide <= openFull
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// tolerance is how far a column line's width strays from the column's:
// OCR and hanging punctuation make them ragged by a character or so.
func tolerance(cols int) int {
	return 2 + cols/40
}

func (p *layout) cols(l *line) int { return p.blocks[l.block].cols }

// short reports a line clearly shorter than its column: the last line of
// a paragraph, a heading or a caption, never a full column line.
func (p *layout) short(l *line) bool {
	c := p.cols(l)
	return l.eff <= c-max(6, c/5)
}

// width is the columns a line takes up. Indentation counts as the two
// characters it stands for, however OCR spelled it.
func (p *layout) width(l *line) int {
	if l.flags&fIndent != 0 {
		return l.w + indentCols
	}
	return l.eff
}

// firstShaped reports a width that a body line starting a paragraph has on
// this page: the column's, less any indentation OCR dropped.
func (p *layout) firstShaped(l *line) bool {
	c := p.cols(l)
	if l.flags&fIndent == 0 {
		c -= p.lost
	}
	return abs(p.width(l)-c) <= tolerance(p.cols(l))
}

// full reports a line as wide as its column.
func (p *layout) full(l *line) bool {
	c := p.cols(l)
	return abs(p.width(l)-c) <= tolerance(c)
}

// overfull reports a line wider than its column that has no punctuation:
// only squeezed punctuation lets a column line run over, so this is not one.
func (p *layout) overfull(l *line) bool {
	return l.flags&fPunct == 0 && p.width(l) > p.cols(l)
}

// firstLineLike reports a line that goes on and is as much shorter than
// the column as a first line whose indentation OCR dropped. On pages that
// lost no indentation, width tells nothing.
func (p *layout) firstLineLike(l *line) bool {
	if l.flags&fEnds != 0 || p.lost < indentCols/2 {
		return false
	}
	c := p.cols(l)
	gap := c - l.eff
	return gap >= p.lost-1 && gap <= p.lost+2*tolerance(c)
}

// startsPara reports evidence that a paragraph starts at line i. A
// heading as wide as the column is no evidence: it is one only if a
// paragraph starts there.
func (p *layout) startsPara(i int) bool {
	l := &p.lines[i]
	if l.flags&fCont != 0 {
		return false
	}
	return l.flags&(fIndent|fCaption) != 0 || p.firstLineLike(l) ||
		l.flags&fHeading != 0 && (!p.full(l) || p.overfull(l))
}

// mark finds captions, headings and paragraph breaks.
func (p *layout) mark() {
	for bi := range p.blocks {
		b := &p.blocks[bi]
		if !b.wrapped {
			for i := b.first; i <= b.last; i++ {
				l := &p.lines[i]
				switch {
				case l.flags&fCredit != 0:
					l.flags |= fCaption
				case l.flags&fShape != 0 && l.eff <= plainHeadingCols:
					l.flags |= fHeading
				}
			}
			continue
		}
		// A credit ends a caption, which stands in a block of its own or at
		// least on a short line; the caption's text may run over a line or
		// two above it, if they make up the whole block.
		for i := b.first; i < b.last; i++ {
			if l := &p.lines[i]; l.flags&(fCredit|fEnds) == fCredit && p.short(l) {
				l.flags |= fCaption
			}
		}
		last := &p.lines[b.last]
		if last.flags&fCredit == 0 {
			continue
		}
		last.flags |= fCaption
		i := b.last - 1
		for i >= b.first && b.last-i <= 2 && p.lines[i].flags&fEnds == 0 {
			i--
		}
		alone := b.first == 0 || p.lines[b.first-1].flags&(fEnds|fShape|fCaption) != 0
		if i < b.first || b.last-b.first <= 2 && alone {
			for i := b.first; i < b.last; i++ {
				p.lines[i].flags |= fCaption
			}
		}
	}

	// Headings, from the end, since a heading is known by what follows it.
	// fHeading means "a heading if a paragraph starts here".
	n := len(p.lines)
	for i := n - 1; i >= 0; i-- {
		l := &p.lines[i]
		if !p.blocks[l.block].wrapped || l.flags&(fShape|fCaption) != fShape || l.eff > 2*p.cols(l) {
			continue
		}
		if i == n-1 || !p.firstShaped(l) && !p.full(l) || p.overfull(l) || p.startsPara(i+1) {
			l.flags |= fHeading
		}
	}

	p.lines[0].flags |= fBreak
	for i := 1; i < n; i++ {
		prev, l := &p.lines[i-1], &p.lines[i]
		var brk bool
		switch {
		case !p.blocks[prev.block].wrapped || !p.blocks[l.block].wrapped:
			brk = true
		case prev.flags&fCaption != 0 || l.flags&fCaption != 0:
			brk = prev.flags&l.flags&fCaption == 0 || prev.flags&fBlankAfter != 0
		case l.flags&fCont != 0:
			brk = false
		case prev.flags&(fBreak|fHeading) == fBreak|fHeading:
			brk = true
		case prev.flags&fBlankAfter != 0:
			brk = prev.flags&fEnds != 0
		case prev.flags&fEnds != 0:
			brk = p.short(prev) || l.flags&(fIndent|fHeading) != 0 ||
				p.firstLineLike(l) && prev.eff < p.cols(prev)-tolerance(p.cols(prev))
		default:
			// A paragraph whose last line lost its full stop.
			brk = p.short(prev) && p.startsPara(i)
		}
		if brk || p.blankBreaks && prev.flags&fBlankAfter != 0 {
			l.flags |= fBreak
		}
	}
}

// kind classifies the paragraph made of lines [first, end).
func (p *layout) kind(first, end int) ParagraphKind {
	l := &p.lines[first]
	switch {
	case l.flags&fCaption != 0:
		return Caption
	case l.flags&fHeading != 0 && end-first == 1:
		return Heading
	}
	return Body
}

// emit writes the paragraphs and their offset map.
func (p *layout) emit() Repaired {
	var r Repaired
	var sb strings.Builder
	sb.Grow(len(p.raw))
	r.Offsets.runs = make([]offsetRun, 0, len(p.lines)+len(p.lines)/4+4)
	np := 0
	for i := range p.lines {
		if p.lines[i].flags&fBreak != 0 {
			np++
		}
	}
	r.Paragraphs = make([]Paragraph, 0, np)
	start, first := 0, 0
	for i := range p.lines {
		l := &p.lines[i]
		if i > 0 && l.flags&fBreak != 0 {
			r.Paragraphs = append(r.Paragraphs, Paragraph{Start: start, End: sb.Len(), Kind: p.kind(first, i)})
			prev := &p.lines[i-1]
			r.Offsets.Add(sb.Len(), prev.eol, 1, prev.eolLen)
			sb.WriteByte('\n')
			start, first = sb.Len(), i
		}
		if l.flags&fRewrite == 0 {
			// analyze met no space, foldable rune or full-width point,
			// the only runes appendLine changes: copy the line whole.
			r.Offsets.Add(sb.Len(), l.start, l.end-l.start, l.end-l.start)
			sb.WriteString(p.raw[l.start:l.end])
			continue
		}
		// A decimal point may sit at either end of a joined line.
		var left rune
		if i > 0 && l.flags&fBreak == 0 {
			left, _ = decodeLast(p.raw[p.lines[i-1].start:p.lines[i-1].end])
		}
		nextDigit := false
		if i+1 < len(p.lines) && p.lines[i+1].flags&fBreak == 0 {
			nextDigit = nextIsDigit(p.raw[p.lines[i+1].start:p.lines[i+1].end])
		}
		p.appendLine(&sb, &r.Offsets, l, left, nextDigit)
	}
	r.Paragraphs = append(r.Paragraphs, Paragraph{Start: start, End: sb.Len(), Kind: p.kind(first, len(p.lines))})
	r.Text = sb.String()
	r.Offsets.index(len(r.Text))
	return r
}

// appendLine writes a line's content, dropping the spaces between numbers
// and Chinese text and folding full-width alphanumerics. left is the last
// rune of the line joined before it, and nextDigit tells whether the line
// joined after it starts with a digit.
func (p *layout) appendLine(sb *strings.Builder, m *OffsetMap, l *line, left rune, nextDigit bool) {
	s := p.raw
	seg := l.start // start of the raw run not yet copied
	flush := func(end int) {
		if end > seg {
			m.Add(sb.Len(), seg, end-seg, end-seg)
			sb.WriteString(s[seg:end])
		}
	}
	for i := l.start; i < l.end; {
		c := s[i]
		switch {
		case c < utf8.RuneSelf && c != ' ' && c != '\t':
			i++
			continue
		case c >= 0xE4 && c <= 0xE9:
			// U+4000–U+9FFF: neither a space nor foldable.
			i += min(3, l.end-i)
			continue
		}
		r, n := decode(s[:l.end], i)
		switch {
		case isSpace(r):
			// Content is trimmed, so a space run ends before l.end.
			j := i + n
			for {
				r2, n2 := decode(s[:l.end], j)
				if !isSpace(r2) {
					before, _ := decodeLast(s[l.start:i])
					if isNum(before) && isCJK(r2) || isCJK(before) && isNum(r2) {
						flush(i)
						seg = j
					}
					break
				}
				j += n2
			}
			i = j
			continue
		case foldable(r) || r == '．' && p.pointBetweenDigits(l, i, n, left, nextDigit):
			flush(i)
			f := width.LookupRune(r).Folded()
			m.Add(sb.Len(), i, 1, n)
			sb.WriteByte(byte(f))
			seg = i + n
		}
		i += n
	}
	flush(l.end)
}

// pointBetweenDigits reports whether the full-width point at raw[i:i+n]
// in line l is a decimal point: digits touch it on both sides, across a
// joined line break too.
func (p *layout) pointBetweenDigits(l *line, i, n int, left rune, nextDigit bool) bool {
	if i > l.start {
		left, _ = decodeLast(p.raw[l.start:i])
	}
	if !isDigit(left) {
		return false
	}
	if i+n == l.end {
		return nextDigit
	}
	return nextIsDigit(p.raw[i+n : l.end])
}

func nextIsDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isDigit(r)
}
