package segment

import (
	"math"
	"unicode"
	"unicode/utf8"
)

// This file is gse's Segment (segmenter.go, token.go and dictionary.go of
// github.com/go-ego/gse v0.80.3), done again over an index that is quick to
// build and cheap to search. It must cut every text exactly as gse does:
// the tests compare the two on the sample report, odd strings and fuzzed
// input.
//
// gse splits a text into words (wordEnds), finds at each word the
// dictionary entries made of the words that follow, and picks the path of
// least total distance, where an entry costs log2(total frequency) −
// log2(its frequency) and a word with no entry of its own costs 32. The
// arithmetic is float32, in gse's order, and ties go as in gse.

// wordEnds appends to ends the end offsets, in s, of the words gse's
// SplitTextToWords makes of s: a run of letters and digits that are one
// or two bytes long in UTF-8 (Latin, Greek, Cyrillic …), or any other
// character by itself (a CJK character, a punctuation mark, a space, an
// invalid byte).
func wordEnds(ends []int, s string) []int {
	inRun := true // as in gse: an empty run "starts" the text
	for i := 0; i < len(s); {
		c := s[i]
		var alnum bool
		size := 1
		switch {
		case c < utf8.RuneSelf:
			alnum = '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		case c < 0xe0: // two bytes, or invalid
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			alnum = size == 2 && (unicode.IsNumber(r) || unicode.IsLetter(r))
		case c < 0xf0 && c != 0xe0 && c != 0xed && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80:
			size = 3 // most of CJK; not alnum
		default:
			_, size = utf8.DecodeRuneInString(s[i:])
		}
		if alnum {
			inRun = true
		} else {
			if inRun && i != 0 {
				ends = append(ends, i)
			}
			inRun = false
			ends = append(ends, i+size)
		}
		i += size
	}
	if inRun && len(s) != 0 {
		ends = append(ends, len(s))
	}
	return ends
}

// lowerASCII appends s to dst with ASCII letters in lower case, as gse
// keys and looks up runs of letters and digits.
func lowerASCII(dst []byte, s string) []byte {
	n := len(dst)
	dst = append(dst, s...)
	for i, c := range dst[n:] {
		if 'A' <= c && c <= 'Z' {
			dst[n+i] = c + 'a' - 'A'
		}
	}
	return dst
}

// entry is what the cut needs of a key.
type entry struct {
	dist   float32 // gse's distance, if word
	tag    uint16  // part of speech, an index into tags, if word
	word   bool    // the key is a dictionary word
	prefix bool    // the key is the first words of a longer dictionary word
}

// pseudoDist and xTag are gse's distance and tag for a word that has no
// entry of its own; a tagTable numbers "x" 0.
const (
	pseudoDist float32 = 32
	xTag       uint16  = 0
)

// index maps every dictionary word, and every run of first words of one,
// to its entry.
type index struct {
	m map[string]entry
	// bmp, if not nil, holds the keys that are one character of the Basic
	// Multilingual Plane instead of m: most lookups, and quicker.
	bmp      *[0x10000]entry
	logTotal float32
	tags     *tagTable
	ends     []int // scratch for add
}

func newIndex(total uint64, tags *tagTable, size int, bmp bool) *index {
	ix := &index{
		m:        make(map[string]entry, size),
		logTotal: float32(math.Log2(float64(total))),
		tags:     tags,
	}
	if bmp {
		ix.bmp = new([0x10000]entry)
	}
	return ix
}

// bmpChar returns the character key is, if it is one of the Basic
// Multilingual Plane.
func bmpChar[S string | []byte](key S) (rune, bool) {
	var r rune
	var n int
	switch {
	case len(key) == 1 && key[0] < utf8.RuneSelf:
		return rune(key[0]), true
	case len(key) == 2 || len(key) == 3:
		r, n = utf8.DecodeRuneInString(string(key))
		return r, n == len(key) && (r != utf8.RuneError || n == 3)
	}
	return 0, false
}

// lookup returns the entry of key.
func (ix *index) lookup(key []byte) (entry, bool) {
	if ix.bmp != nil {
		if r, ok := bmpChar(key); ok {
			e := ix.bmp[r]
			return e, e.word || e.prefix
		}
	}
	e, ok := ix.m[string(key)]
	return e, ok
}

// get returns the entry of key, or a zero entry.
func (ix *index) get(key string) entry {
	if ix.bmp != nil {
		if r, ok := bmpChar(key); ok {
			return ix.bmp[r]
		}
	}
	return ix.m[key]
}

// set keeps e as the entry of key.
func (ix *index) set(key string, e entry) {
	if ix.bmp != nil {
		if r, ok := bmpChar(key); ok {
			ix.bmp[r] = e
			return
		}
	}
	ix.m[key] = e
}

// add adds a word, unless the index has it: as in gse, the first entry of
// a word counts.
func (ix *index) add(key string, freq uint64, pos string) {
	e := ix.get(key)
	if e.word {
		return
	}
	e.word = true
	e.dist = ix.logTotal - float32(math.Log2(float64(freq)))
	e.tag = ix.tags.num[pos] // the lexicon's tags include every tag
	ix.set(key, e)
	ix.ends = wordEnds(ix.ends[:0], key)
	for _, end := range ix.ends[:len(ix.ends)-1] {
		if p := ix.get(key[:end]); !p.prefix {
			p.prefix = true
			ix.set(key[:end], p)
		}
	}
}

// tagTable numbers part-of-speech tags, "x" first. It does not change
// once made.
type tagTable struct {
	names []string
	num   map[string]uint16
}

func newTagTable(names ...string) *tagTable {
	t := &tagTable{num: map[string]uint16{}}
	for _, n := range append([]string{"x"}, names...) {
		if _, ok := t.num[n]; !ok {
			t.num[n] = uint16(len(t.names))
			t.names = append(t.names, n)
		}
	}
	return t
}

// jumper is gse's: the best path found so far to the end of a word.
type jumper struct {
	min   float32 // its distance; 0 if none yet
	words int32   // words in its last token
	tag   uint16
}

// update is gse's updateJumper.
func (j *jumper) update(dist float32, words int, tag uint16) {
	if j.min == 0 || j.min > dist {
		j.min, j.words, j.tag = dist, int32(words), tag
	}
}

// scratch holds the buffers of cut, to reuse from one sentence to the next.
type scratch struct {
	low     []byte
	ends    []int
	jumpers []jumper
	raw     []Token
}

// cut appends to c.raw, after emptying it, the tokens gse's Segment makes
// of text[sp.Start:sp.End], white space included, with offsets into text
// and no Text.
func (ix *index) cut(c *scratch, text string, sp Span) []Token {
	s := text[sp.Start:sp.End]
	c.low = lowerASCII(c.low[:0], s)
	c.ends = wordEnds(c.ends[:0], s)
	n := len(c.ends)
	if cap(c.jumpers) < n {
		c.jumpers = make([]jumper, n)
	} else {
		c.jumpers = c.jumpers[:n]
		clear(c.jumpers)
	}
	jumpers, ends, low := c.jumpers, c.ends, c.low

	from := 0 // start of word cur
	for cur := 0; cur < n; cur++ {
		var base float32
		if cur > 0 {
			base = jumpers[cur-1].min
			from = ends[cur-1]
		}
		single := false
		for j := cur; j < n; j++ {
			e, ok := ix.lookup(low[from:ends[j]])
			if !ok {
				break
			}
			if e.word {
				single = single || j == cur
				jumpers[j].update(base+e.dist, j-cur+1, e.tag)
			}
			if !e.prefix {
				break
			}
		}
		if !single {
			jumpers[cur].update(base+pseudoDist, 1, xTag)
		}
	}

	c.raw = c.raw[:0]
	for last := n - 1; last >= 0; {
		first := last - int(jumpers[last].words) + 1
		st := 0
		if first > 0 {
			st = ends[first-1]
		}
		c.raw = append(c.raw, Token{Start: sp.Start + st, End: sp.Start + ends[last], Pos: ix.tags.names[jumpers[last].tag]})
		last = first - 1
	}
	for a, b := 0, len(c.raw)-1; a < b; a, b = a+1, b-1 {
		c.raw[a], c.raw[b] = c.raw[b], c.raw[a]
	}
	return c.raw
}
