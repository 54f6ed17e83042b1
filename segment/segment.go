package segment

import (
	"slices"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Token is one word of a text.
type Token struct {
	Start, End int    // byte offsets into the text, half open
	Text       string // the word as written
	Pos        string // gse's part-of-speech tag ("n", "ns", "nt", "m", "x" …); "m" for numbers
}

// Sentence is a run of text ending at sentence-final punctuation or at the
// end of a paragraph.
type Sentence struct {
	Start, End int // byte offsets into the text, half open
	Paragraph  int // index of the paragraph it belongs to
	// Tokens are the sentence's tokens in order. The sentences of one call
	// share arrays; each slice's capacity is its length.
	Tokens []Token
}

// Span is a half-open byte range of a text, such as a paragraph.
type Span struct{ Start, End int }

// LazyLimit is how many bytes a [Segmenter] cuts with per-text
// dictionaries before it starts loading its full dictionary in the
// background by itself; see [Segmenter.Preload]. A single text of more
// than 512 KiB waits for the full dictionary.
const LazyLimit = 128 << 10

// Segmenter cuts text into sentences and tokens. It is safe for concurrent
// use; load one with [New] or share [Default].
//
// A new Segmenter is ready at once. Until its full dictionary is loaded
// (see [Segmenter.Preload]), it builds for each text a small dictionary
// of just the words that occur in it, which gives the same tokens; see
// the package documentation.
type Segmenter struct {
	lex *lexicon

	full     atomic.Pointer[index]
	lazy     atomic.Int64 // bytes cut with per-text dictionaries
	loadOnce sync.Once
	loaded   chan struct{} // closed when loading the full dictionary ends
	loadErr  error         // set before loaded is closed
}

var (
	defaultOnce sync.Once
	defaultSeg  *Segmenter
	defaultErr  error
)

// Default returns the process-wide segmenter, creating it on first use.
func Default() (*Segmenter, error) {
	defaultOnce.Do(func() { defaultSeg, defaultErr = New() })
	return defaultSeg, defaultErr
}

// Preload starts loading the full dictionary of the [Default] segmenter in
// the background and returns at once. A program that is about to cut more
// than a few pages of text calls it first thing, so that the load (0.1 s)
// overlaps reading its input.
func Preload() {
	if s, err := Default(); err == nil {
		s.Preload()
	}
}

// New returns a segmenter with gse's embedded Chinese dictionary and the
// domain dictionary. It takes under a millisecond: it reads the compact
// dictionary embedded in the program where it lies, and does not build
// the full dictionary until [Segmenter.Preload] or [Segmenter.Load] is
// called, or it has cut [LazyLimit] bytes.
func New() (*Segmenter, error) {
	lex, err := loadLexicon()
	if err != nil {
		return nil, err
	}
	return &Segmenter{lex: lex, loaded: make(chan struct{})}, nil
}

// Preload starts loading the full dictionary in the background, if that
// has not started yet, and returns at once. Meanwhile the segmenter goes
// on cutting each text with a dictionary of its own words. The load takes
// about 0.1 s of two cores, and the dictionary about 34 MB.
func (s *Segmenter) Preload() {
	s.loadOnce.Do(func() {
		go func() {
			ix, err := s.lex.index()
			if err == nil {
				s.full.Store(ix)
			}
			s.loadErr = err
			close(s.loaded)
		}()
	})
}

// Load loads the full dictionary, if that has not been done, and waits
// for it. After Load, texts are cut at full speed. The error can
// only come from a damaged embedded dictionary, and the segmenter still
// works without the full dictionary.
func (s *Segmenter) Load() error {
	s.Preload()
	<-s.loaded
	return s.loadErr
}

// Loaded reports whether the full dictionary is in use.
func (s *Segmenter) Loaded() bool { return s.full.Load() != nil }

// bigText is the length of a text above which waiting for the full
// dictionary (0.1 s, 0.3 s when this was set) is quicker than building a
// dictionary of its words (0.6 µs a byte). A variable for tests.
var bigText = 512 << 10

// indexFor returns the index to cut the given spans of text with: the
// full one if it is loaded (or text is big enough to wait for it), else
// one built for these spans.
func (s *Segmenter) indexFor(text string, spans []Span) *index {
	if ix := s.full.Load(); ix != nil {
		return ix
	}
	if s.lazy.Add(int64(len(text))) > LazyLimit {
		s.Preload()
	}
	if len(text) > bigText && s.Load() == nil {
		return s.full.Load()
	}
	return s.lex.subset(text, spans)
}

// Tokens cuts text into words as gse's shortest-path Segment does and
// joins the pieces of numbers (see the package documentation). White space is
// not returned as tokens. Offsets are into text.
func (s *Segmenter) Tokens(text string) []Token {
	if text == "" {
		return nil
	}
	sp := []Span{{0, len(text)}}
	c := cutter{chunk: len(text)/4 + 16}
	return c.cut(s.indexFor(text, sp), text, sp[0])
}

// Sentences splits each paragraph of text into sentences (see the package
// documentation) and cuts each sentence into tokens. A sentence holds the
// index of its paragraph in paragraphs; nil paragraphs mean that all of
// text is one paragraph. Sentences are trimmed of white space at both
// ends, and a paragraph of white space has none. Offsets are into text.
func (s *Segmenter) Sentences(text string, paragraphs []Span) []Sentence {
	return s.SentencesIn(nil, text, paragraphs)
}

// buffersMax is the longest text whose sentences and tokens SentencesIn
// keeps in its Buffers.
const buffersMax = 64 << 10

// Buffers holds the memory of the sentences and tokens of one text, for
// [Segmenter.SentencesIn] to reuse for the next. The zero value is ready.
type Buffers struct {
	sents  []Sentence
	arrays [][]Token // of tokens, in the order the last text used them
}

// workspace is the memory a cutter works in, besides the tokens and
// sentences it returns: kept in workspaces from one text to the next, so
// that a program that cuts a batch of texts, each into Buffers of its own,
// cuts them all in the same memory, still in the cache.
type workspace struct {
	spans []wordSpan
	scratch
}

var workspaces = sync.Pool{New: func() any { return new(workspace) }}

// SentencesIn is Sentences that puts the sentences and their tokens in
// the memory of b, if b is not nil, and keeps it there for the next call:
// they are valid until b is used again. A program that cuts many texts
// one after another, each done with before the next, saves allocating and
// clearing about 14 bytes a byte of text.
//
// A text longer than buffersMax gets memory of its own, as from
// Sentences: b would otherwise keep that much memory, and through the
// tokens' Text the text itself, for as long as b lives.
func (s *Segmenter) SentencesIn(b *Buffers, text string, paragraphs []Span) []Sentence {
	if len(text) > buffersMax {
		b = nil
	}
	if paragraphs == nil {
		paragraphs = []Span{{0, len(text)}}
	}
	var out []Sentence
	if b != nil {
		out = b.sents[:0]
	}
	// A sentence is rarely shorter than 64 bytes, bar the last of its
	// paragraph; growing a large slice would allocate five times its size.
	if want := len(paragraphs) + len(text)/64; cap(out) < want {
		out = make([]Sentence, 0, want)
	}
	// A token takes about five bytes of text.
	c := cutter{chunk: min(len(text)/4+16, 4096)}
	if b != nil {
		c.arrays = b.arrays
	}
	ws := workspaces.Get().(*workspace)
	c.spans, c.scratch = ws.spans, ws.scratch
	if ix := s.full.Load(); ix != nil {
		for pi, p := range paragraphs {
			out = c.sentences(out, ix, text, p, pi)
		}
	} else {
		out = c.sentencesLazy(out, s, text, paragraphs)
	}
	if b != nil {
		b.sents, b.arrays = out, c.arrays
	}
	// A workspace takes about 8 bytes a byte of the longest paragraph cut
	// in it: one that grew for a long text is left to the collector.
	if cap(c.ends) <= buffersMax {
		ws.spans, ws.scratch = c.spans, c.scratch
		workspaces.Put(ws)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// sentences appends to out the sentences of paragraph p, number pi, of
// text, cut with ix. It finds the words of the whole paragraph, then the
// sentences among them (splitWords), then the cut of each from its words:
// the sentences splitSentences finds, with the tokens cut finds in each.
func (c *cutter) sentences(out []Sentence, ix *index, text string, p Span, pi int) []Sentence {
	s := text[p.Start:p.End]
	ix.words(&c.scratch, s)
	c.spans = splitWords(c.spans[:0], s, c.ends, c.syms, c.marks)
	digits, spaces := c.digits, c.spaces
	for _, w := range c.spans {
		st, en := 0, int(c.ends[w.to-1])
		if w.from > 0 {
			st = int(c.ends[w.from-1])
		}
		for len(digits) > 0 && int(digits[0]) < st {
			digits = digits[1:]
		}
		d := 0 // the sentence's words that begin with a digit: digits[:d]
		for d < len(digits) && int(digits[d]) < en {
			d++
		}
		for len(spaces) > 0 && int(spaces[0]) < w.from {
			spaces = spaces[1:]
		}
		space := len(spaces) > 0 && int(spaces[0]) < w.to
		ix.route(&c.scratch, w.from, w.to)
		sp := Span{p.Start + st, p.Start + en}
		out = append(out, Sentence{Start: sp.Start, End: sp.End, Paragraph: pi, Tokens: c.tokens(ix, text, w, digits[:d], space, p.Start)})
		digits = digits[d:]
	}
	return out
}

// sentencesLazy appends to out the sentences of the paragraphs of text
// when s has no full dictionary yet: it splits them first, so that
// s.indexFor can build a dictionary of their words.
func (c *cutter) sentencesLazy(out []Sentence, s *Segmenter, text string, paragraphs []Span) []Sentence {
	first := len(out)
	var spans []Span
	for pi, p := range paragraphs {
		spans = splitSentences(spans[:0], text, p)
		for _, sp := range spans {
			out = append(out, Sentence{Start: sp.Start, End: sp.End, Paragraph: pi})
		}
	}
	if len(out) == first {
		return out
	}
	spans = spans[:0]
	for _, sent := range out[first:] {
		spans = append(spans, Span{sent.Start, sent.End})
	}
	ix := s.indexFor(text, spans)
	for i := first; i < len(out); i++ {
		out[i].Tokens = c.cut(ix, text, Span{out[i].Start, out[i].End})
	}
	return out
}

// cutter cuts spans of a text into tokens. The tokens of a span go into
// the free end of an array of chunk tokens, or the next one (see array).
type cutter struct {
	chunk  int
	toks   []Token    // the array in use
	arrays [][]Token  // the arrays used, then arrays to use again
	next   int        // the first array of arrays not used
	spans  []wordSpan // sentences of a paragraph
	scratch
}

// array returns an empty array for tokens with room for n: the next of
// c.arrays, kept from an earlier text, that is big enough (dropping any
// that is not), or else a new one of chunk tokens or n.
func (c *cutter) array(n int) []Token {
	for c.next < len(c.arrays) {
		if a := c.arrays[c.next]; cap(a) >= n {
			c.next++
			return a[:0]
		}
		c.arrays = slices.Delete(c.arrays, c.next, c.next+1)
	}
	a := make([]Token, 0, max(c.chunk, n))
	c.arrays = append(c.arrays, a)
	c.next++
	return a
}

// cut returns the tokens of text[sp.Start:sp.End], cut with ix, in a slice
// whose capacity is its length.
func (c *cutter) cut(ix *index, text string, sp Span) []Token {
	ix.path(&c.scratch, text[sp.Start:sp.End])
	return c.tokens(ix, text, wordSpan{0, len(c.syms)}, c.digits, len(c.spaces) > 0, sp.Start)
}

// tokens returns the tokens of words w of c.ends and c.syms, whose cut
// route has just found, in a slice whose capacity is its length. The
// words' offsets, and digits', are from base in text; the words that
// begin with a digit begin at base+digits[i]. space tells whether a word
// is white space.
func (c *cutter) tokens(ix *index, text string, w wordSpan, digits []int32, space bool, base int) []Token {
	// At most a token per word.
	n := w.to - w.from
	if cap(c.toks)-len(c.toks) < n {
		c.toks = c.array(n)
	}
	first := len(c.toks)
	toks := c.toks[first : first+n]
	var off int32 // where word w.from begins
	if w.from > 0 {
		off = c.ends[w.from-1]
	}
	k := fillTokens(toks, c.jumpers, c.ends[w.from:w.to], off, text, base, ix.tags.byNum)
	n = copy(toks, toks[k:])
	if space {
		n = dropSpace(toks[:n])
	}
	if len(digits) > 0 {
		n = joinNumbersAt(text, toks[:n], digits, base)
	}
	c.toks = c.toks[:first+n]
	return c.toks[first:len(c.toks):len(c.toks)]
}

// fillTokens stores in toks, from its end back, the tokens of the cut
// whose jumpers are jumpers, from the last token back to the first, white
// space included, and returns the index in toks of the first token. The
// words' ends are ends, from base in text; the first word begins at off.
// Tokens are stored by index rather than appended: toks has room for a
// token per word, and a call to make room would have the loop spill its
// values to the stack; and it is a function of its own, with few values,
// for the same reason.
func fillTokens(toks []Token, jumpers []jumper, ends []int32, off int32, text string, base int, names *[maxTags]string) int {
	k := len(toks)
	if len(jumpers) == 0 {
		return k
	}
	jumpers = jumpers[:len(ends)] // so that indexing both needs one check
	last := len(ends) - 1
	en := base + int(ends[last])
	for k > 0 {
		j := jumpers[last]
		st := off // the first token's start
		next := last - j.words()
		if next >= 0 {
			st = ends[next]
		}
		s := base + int(st)
		// Field by field: a Token literal is built on the stack and
		// copied with a call while the garbage collector runs. The tag
		// is 8 bits, as in an entry.
		k--
		t := &toks[k]
		t.Start, t.End, t.Text, t.Pos = s, en, text[s:en], names[uint8(j.tag())]
		if next < 0 {
			break
		}
		en, last = s, next
	}
	return k
}

// dropSpace drops, in place, the tokens of toks that are white space, and
// returns how many are left. White space is not a token: gse makes each
// white space character a word, whose symbol is the character, so a token
// that is one such word is one such character.
func dropSpace(toks []Token) int {
	n := 0
	for i := range toks {
		if t := toks[i].Text; len(t) <= 3 && spaceLead[t[0]] {
			if r, size := utf8.DecodeRuneInString(t); size == len(t) && isSpaceSym(uint32(r)) {
				continue
			}
		}
		if n != i { // tokens move only after one was dropped
			toks[n] = toks[i]
		}
		n++
	}
	return n
}

// spaceLead marks the bytes that begin a white space character in UTF-8,
// so that dropSpace decodes no other token.
var spaceLead = func() (t [256]bool) {
	for r := range rune(0x3001) {
		if isSpaceSym(uint32(r)) {
			var b [utf8.UTFMax]byte
			utf8.EncodeRune(b[:], r)
			t[b[0]] = true
		}
	}
	return t
}()

// isSpaceSym reports whether a word whose symbol is sym is white space:
// unicode.IsSpace of the character a symbol up to U+3000 is.
func isSpaceSym(sym uint32) bool {
	switch {
	case sym > 0x3000: // most words: CJK
		return false
	case sym <= ' ':
		return sym == ' ' || sym-'\t' <= '\r'-'\t'
	case sym < 0x85:
		return false
	case sym-0x2000 <= 0x200a-0x2000:
		return true
	}
	switch sym {
	case 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return false
}

// splitSentences appends to out the sentences of paragraph p: it cuts
// after each sentence end (see isEnd), together with any further ends and
// closing quotes or brackets that follow it, except inside a 《》 title,
// and trims white space.
func splitSentences(out []Span, text string, p Span) []Span {
	start := p.Start
	for i := p.Start; i < p.End; {
		if i = skipPlain(text[:p.End], i); i == p.End {
			break
		}
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = decodeRune(text[i:p.End])
		}
		i += n
		if r == '《' {
			if end := titleEnd(text[i:p.End]); end >= 0 {
				i += end
			}
			continue
		}
		if !isEnd(r) || r < utf8.RuneSelf && i < p.End && isASCIIAlnum(text[i]) {
			// "?" in a URL, ";" in a list of figures, are not ends.
			continue
		}
		for i < p.End {
			r2, n2 := utf8.DecodeRuneInString(text[i:p.End])
			if !isCloser(r2) && !isEnd(r2) {
				break
			}
			i += n2
		}
		out = appendTrimmed(out, text, start, i)
		start = i
	}
	return appendTrimmed(out, text, start, p.End)
}

// wordSpan is a sentence as the words from to to of its paragraph.
type wordSpan struct{ from, to int }

// splitWords is splitSentences on the words of a paragraph s, whose ends
// and symbols are ends and syms, and marks the numbers of those that are
// marks (isMark): it appends to out the sentences splitSentences finds in
// s, as ranges of words. Every character splitSentences looks at is a word
// of its own, and every place it cuts or trims at is the end of a word.
func splitWords(out []wordSpan, s string, ends []int32, syms []uint32, marks []int32) []wordSpan {
	start, next := 0, 0 // the sentence's first word; the first word not read
	for _, m := range marks {
		k := int(m)
		if k < next {
			continue // inside a title, or after an end with the end
		}
		next = k + 1
		if syms[k] == '《' {
			if end := titleEndWord(ends, syms, next); end >= 0 {
				next = end
			}
			continue
		}
		if syms[k] < utf8.RuneSelf && int(ends[k]) < len(s) && isASCIIAlnum(s[ends[k]]) {
			continue // "?" in a URL, ";" in a list of figures, are not ends
		}
		for next < len(syms) && (isCloser(rune(syms[next])) || isEnd(rune(syms[next]))) {
			next++
		}
		out = appendTrimmedWords(out, syms, start, next)
		start = next
	}
	return appendTrimmedWords(out, syms, start, len(syms))
}

// titleEndWord is titleEnd on words: it returns the number of the word
// after the 》 that closes a 《 that is word from-1, or -1 if there is none
// near.
func titleEndWord(ends []int32, syms []uint32, from int) int {
	depth := 1
	for j := from; j < len(syms) && ends[j-1]-ends[from-1] <= maxTitle; j++ {
		switch syms[j] {
		case '《':
			depth++
		case '》':
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return -1
}

// appendTrimmedWords is appendTrimmed on words: it appends words from to
// to, less the white space at either end, unless nothing is left.
func appendTrimmedWords(out []wordSpan, syms []uint32, from, to int) []wordSpan {
	for from < to && isSpaceSym(syms[from]) {
		from++
	}
	for to > from && isSpaceSym(syms[to-1]) {
		to--
	}
	if from < to {
		out = append(out, wordSpan{from, to})
	}
	return out
}

// skipPlain returns the offset of the first character at or after i in s
// that may end a sentence or begin a title, or is broken, or len(s). It
// steps over the others without decoding them, in a loop of its own,
// whose values stay in registers.
func skipPlain(s string, i int) int {
	for i < len(s) {
		switch plainLen[s[i]] {
		case 3: // most of CJK
			if i+2 >= len(s) {
				return i
			}
			// Both continuation bytes at once.
			if c := s[i+1 : i+3]; (uint16(c[0])|uint16(c[1])<<8)&0xc0c0 != 0x8080 {
				return i
			}
			i += 3
		case 1:
			i++
		case 2:
			if i+1 >= len(s) || s[i+1]&0xc0 != 0x80 {
				return i
			}
			i += 2
		case 4:
			if i+3 >= len(s) || s[i+1]&0xc0 != 0x80 || s[i+2]&0xc0 != 0x80 || s[i+3]&0xc0 != 0x80 {
				return i
			}
			i += 4
		default:
			return i
		}
	}
	return i
}

// decodeRune is utf8.DecodeRuneInString, quicker on the three-byte
// characters of CJK.
func decodeRune(s string) (rune, int) {
	if len(s) >= 3 {
		if c := s[0]; 0xe0 < c && c < 0xf0 && c != 0xed && s[1]&0xc0 == 0x80 && s[2]&0xc0 == 0x80 {
			return rune(c&0x0f)<<12 | rune(s[1]&0x3f)<<6 | rune(s[2]&0x3f), 3
		}
	}
	return utf8.DecodeRuneInString(s)
}

// maxTitle bounds how far a 《 looks for its 》, so that a stray 《 does not
// hold a whole paragraph together.
const maxTitle = 200 * 3

// titleEnd returns the offset in s just after the 》 that closes a 《 that
// came just before s, or -1 if there is none near.
func titleEnd(s string) int {
	depth := 1
	for i, r := range s {
		if i > maxTitle {
			break
		}
		switch r {
		case '《':
			depth++
		case '》':
			depth--
			if depth == 0 {
				return i + len("》")
			}
		}
	}
	return -1
}

// appendTrimmed appends the span [st, en) of text, trimmed of white space
// at both ends, unless nothing is left of it.
func appendTrimmed(out []Span, text string, st, en int) []Span {
	for st < en {
		// Most sentences begin with a character of U+4000–U+FFFF, or
		// ASCII, which it takes no decoding to tell from white space.
		if c := text[st]; c >= 0xe4 || c < utf8.RuneSelf && !isSpaceSym(uint32(c)) {
			break
		}
		r, n := utf8.DecodeRuneInString(text[st:en])
		if !unicode.IsSpace(r) {
			break
		}
		st += n
	}
	for en > st {
		if c := text[en-1]; c < utf8.RuneSelf {
			if !isSpaceSym(uint32(c)) {
				break
			}
		} else if en-st >= 3 && text[en-3]-0xe4 <= 0xef-0xe4 && text[en-2]&0xc0 == 0x80 && c&0xc0 == 0x80 {
			break // a whole character of U+4000–U+FFFF
		}
		r, n := utf8.DecodeLastRuneInString(text[st:en])
		if !unicode.IsSpace(r) {
			break
		}
		en -= n
	}
	if st < en {
		out = append(out, Span{st, en})
	}
	return out
}

// plainLen is, for the first byte of a character that cannot end a
// sentence or begin a 《, the length of the character in UTF-8; 0 for the
// first byte of one that can, and for every byte that begins no valid
// character, so that it is decoded as it was: splitSentences steps over
// the others unread.
var plainLen = func() (n [256]uint8) {
	for b := range 256 {
		switch {
		case b < 0x80:
			n[b] = 1
		case b < 0xc2: // a continuation byte or an overlong lead: invalid here
		case b < 0xe0:
			n[b] = 2
		case b < 0xf0:
			n[b] = 3
		case b < 0xf5:
			n[b] = 4
		}
	}
	for _, r := range "。！？；!?;《" {
		var buf [utf8.UTFMax]byte
		utf8.EncodeRune(buf[:], r)
		n[buf[0]] = 0
	}
	return n
}()

func isEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '!', '?', ';':
		return true
	}
	return false
}

func isASCIIAlnum(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

func isCloser(r rune) bool {
	switch r {
	case '”', '’', '"', '\'', '」', '』', '）', ')', '》', '】', '〕', '］', ']', '〉':
		return true
	}
	return false
}
