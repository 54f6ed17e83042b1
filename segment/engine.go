package segment

import (
	"fmt"
	"math"
	"slices"
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

// entry is what the cut needs of a key, in one word so that the walk
// keeps it in one register: gse's distance (if word, float32 bits 0-31),
// part of speech (if word, an index into tags, bits 32-39), the flags
// isWord and isPrefix (bits 40-47), and the filter of the key's children
// (bits 48-63, see childBit). It is 0 for a key no word has.
type entry uint64

const (
	isWord   entry = 1 << (40 + iota) // the key is a dictionary word
	isPrefix                          // the key is the first words of a longer dictionary word
)

// maxTags bounds the part-of-speech tags, so that a tag fits in an entry.
const maxTags = 1 << 8

// wordEntry returns the entry of a word.
func wordEntry(dist float32, tag uint16) entry {
	return entry(math.Float32bits(dist)) | entry(uint8(tag))<<32 | isWord
}

// childBit is the bit of an entry's filter that a child of its key by sym
// sets: a step by sym from a key whose filter lacks the bit finds nothing,
// and need not read m for it. Most steps after the second find nothing,
// and each would read a line of m that is not in the cache.
func childBit(sym uint32) entry {
	return 1 << (48 + sym%16)
}

func (e entry) word() bool     { return e&isWord != 0 }
func (e entry) prefix() bool   { return e&isPrefix != 0 }
func (e entry) dist() float32  { return math.Float32frombits(uint32(e)) }
func (e entry) tag() uint16    { return uint16(uint8(e >> 32)) }
func (e entry) anything() bool { return e&(isWord|isPrefix) != 0 }

// pseudoDist and xTag are gse's distance and tag for a word that has no
// entry of its own; a tagTable numbers "x" 0.
const (
	pseudoDist float32 = 32
	xTag       uint16  = 0
)

// pseudoEntry is the distance and tag of a word with no entry of its own,
// and nothing else: bmp holds it for a character that is no word (see
// newIndex), where others hold 0.
const pseudoEntry = entry(0x42000000) // math.Float32bits(pseudoDist), xTag

// wordBits are the bits of an entry that wordEntry sets.
const wordBits = isWord | 1<<40 - 1

// index is a trie of every dictionary word, over gse's words (wordEnds):
// a key is the path of its words from the root, and each node holds the
// entry of the key that leads to it. The cut walks it one word at a time
// from each word of a text, so each step is a probe of a table of
// fixed-size slots, most often one slot and at most one cache miss, where
// a map of whole keys would hash a longer key at each step and compare it
// with bytes kept elsewhere.
//
// A word of a key is a symbol: the character, if it is one character (a
// CJK character, a punctuation mark, a letter by itself), or else (a run
// of two or more letters and digits, an invalid byte) a number above
// every character, given in runs to each such word of the dictionary.
// A word of a text that is not in runs continues no key.
//
// The nodes are numbered: the root 0; the child of the root by BMP
// character r, if bmp is in use, bmpNode+r; the child a slot of m leads
// to, slotNode plus the slot's position. A slot never moves, so the
// table does not grow: a builder sizes it for the keys it will hold, and
// starts again bigger if add reports that it is full.
type index struct {
	// m holds the transitions not in bmp: an open-addressing hash table
	// with linear probing, len(m) a power of two, keyed by parent node
	// and symbol.
	m    []slot
	used int // occupied slots of m
	// bmp, if not nil, holds the transitions of the root by a character
	// of the Basic Multilingual Plane: the first step of most walks, and
	// a direct look-up.
	bmp      *[0x10000]entry
	runs     map[string]uint32 // symbols of the words that are not one character
	logTotal float32
	tags     *tagTable
	ends     []int    // scratch for add
	syms     []uint32 // scratch for add
}

// slot is a transition of the trie: from node by symbol to node
// slotNode+i, where i is the slot's position, with the entry of that node.
// Its key is slotKey(node, sym), never 0: a slot is free if its key is 0,
// so that a probe reads one word to tell a hit, a free slot and another
// key apart.
type slot struct {
	key uint64
	e   entry
}

// slotKey is the key of the transition from node by sym. Bit 63 is set
// (node numbers stay below 1<<31) so that no key is 0.
func slotKey(node, sym uint32) uint64 {
	return uint64(node)<<32 | uint64(sym) | 1<<63
}

const (
	bmpNode  = 1                 // first node of bmp's transitions
	slotNode = bmpNode + 0x10000 // first node of m's transitions
	runSym   = utf8.MaxRune + 1  // first symbol of a word of many characters
	noSym    = math.MaxUint32    // the symbol of a word no key has
	maxLoad  = 3                 // of 4: m is full with maxLoad/4 of its slots used
)

// logTotal is the base-2 logarithm of a dictionary's total frequency,
// from which its words' distances are measured.
func logTotal(total uint64) float32 { return float32(math.Log2(float64(total))) }

// newIndex returns an empty index whose table holds edges transitions
// (besides bmp's).
func newIndex(total uint64, tags *tagTable, edges int, bmp bool) *index {
	bits := uint(3)
	for 1<<bits*maxLoad/4 < edges {
		bits++
	}
	ix := &index{
		m:        newSlots(1 << bits),
		runs:     map[string]uint32{},
		logTotal: logTotal(total),
		tags:     tags,
	}
	if bmp {
		ix.bmp = new([0x10000]entry)
		// A character that is no word costs what walk's first step
		// reads here, with no test.
		for i := range ix.bmp {
			ix.bmp[i] = pseudoEntry
		}
	}
	return ix
}

// hash returns the position of key in m, where probing starts: the top
// log2(len(m)) bits of key·hashMul. It multiplies by len(m) rather than
// shifting by 64 − log2(len(m)), as a shift by a variable amount ties up
// CX on amd64 in the cut's loop.
func hash(key uint64, size int) uint64 {
	return (key * hashMul >> 32) * uint64(size) >> 32
}

const hashMul = 0x9e3779b97f4a7c15 // 2^64 / golden ratio

// oneChar returns the character w is, if it is one valid character.
func oneChar(w []byte) (rune, bool) {
	switch {
	case len(w) == 1 && w[0] < utf8.RuneSelf:
		return rune(w[0]), true
	case len(w) == 3 && 0xe0 < w[0] && w[0] < 0xf0 && w[0] != 0xed && w[1]&0xc0 == 0x80 && w[2]&0xc0 == 0x80:
		// Most of CJK. Leads e0 and ed need their second byte checked.
		return rune(w[0]&0x0f)<<12 | rune(w[1]&0x3f)<<6 | rune(w[2]&0x3f), true
	}
	r, n := utf8.DecodeRune(w)
	return r, n == len(w) && (r != utf8.RuneError || n > 1)
}

// symbol returns the symbol of the word w, or noSym if no key has it.
func (ix *index) symbol(w []byte) uint32 {
	if r, ok := oneChar(w); ok {
		return uint32(r)
	}
	if sym, ok := ix.runs[string(w)]; ok {
		return sym
	}
	return noSym
}

// step returns the entry of the child of node by sym and the child's
// number, if node has that child.
func (ix *index) step(node, sym uint32) (entry, uint32, bool) {
	if node == 0 && ix.bmp != nil && sym < 0x10000 {
		e := ix.bmp[sym]
		return e, bmpNode + sym, e.anything()
	}
	e, child := ix.next(node, sym)
	return e, child, e.anything()
}

// next is step for the transitions held in m: the child's entry, zero if
// there is none, and its number.
func (ix *index) next(node, sym uint32) (entry, uint32) {
	return find(ix.m, slotKey(node, sym))
}

// find is next on the parts of an index, small enough to be inlined
// into the cut's loop.
func find(m []slot, key uint64) (entry, uint32) {
	for i := hash(key, len(m)); ; i++ {
		if i >= uint64(len(m)) {
			i = 0 // only after the last slot: a test that spares the bounds check and a mask
		}
		if k := m[i].key; k == key {
			return m[i].e, slotNode + uint32(i)
		} else if k == 0 {
			return 0, 0
		}
	}
}

// child returns the entry of the child of node by sym, and its number,
// adding the child if node has none; nil if m is full.
func (ix *index) child(node, sym uint32) (*entry, uint32) {
	if node == 0 && ix.bmp != nil && sym < 0x10000 {
		return &ix.bmp[sym], bmpNode + sym
	}
	key := slotKey(node, sym)
	mask := uint64(len(ix.m) - 1)
	for i := hash(key, len(ix.m)); ; i = (i + 1) & mask {
		s := &ix.m[i]
		if s.key == 0 {
			if ix.used >= len(ix.m)*maxLoad/4 {
				return nil, 0
			}
			ix.used++
			s.key = key
			return &s.e, slotNode + uint32(i)
		}
		if s.key == key {
			return &s.e, slotNode + uint32(i)
		}
	}
}

// lookup returns the entry of key, and whether the index has it.
func (ix *index) lookup(key []byte) (entry, bool) {
	var e entry
	node, prev := uint32(0), 0
	for _, end := range wordEnds(nil, string(key)) {
		var ok bool
		if e, node, ok = ix.step(node, ix.symbol(key[prev:end])); !ok {
			return 0, false
		}
		prev = end
	}
	return e, len(key) > 0
}

// add adds a word, unless the index has it: as in gse, the first entry of
// a word counts. It reports false if the table is full, leaving the index
// to be dropped.
func (ix *index) add(key []byte, freq uint64, pos string) bool {
	var syms []uint32
	syms, ix.ends = keySymbols(ix.syms[:0], ix.ends, key, ix.runs)
	ix.syms = syms
	// The lexicon's tags include every tag.
	return ix.addSymbols(syms, wordEntry(ix.logTotal-float32(math.Log2(float64(freq))), ix.tags.num[pos]))
}

// keySymbols appends to syms the symbols of key's words, the steps of its
// path down the trie, and returns them with ends, its scratch. A word of
// many characters that runs lacks gets the next symbol.
func keySymbols(syms []uint32, ends []int, key []byte, runs map[string]uint32) ([]uint32, []int) {
	// Most keys are CJK characters of three bytes only, each a word of its
	// own and its own symbol: decoded here, they skip the word split,
	// most of the time the dictionary build spent decoding its keys.
	if n := len(key) / 3; len(key)%3 == 0 && n < maxKeyWords {
		start := len(syms)
		for i := 0; i < len(key); i += 3 {
			w := key[i : i+3]
			if !(0xe0 < w[0] && w[0] < 0xf0 && w[0] != 0xed && w[1]&0xc0 == 0x80 && w[2]&0xc0 == 0x80) {
				syms = syms[:start]
				break
			}
			syms = append(syms, uint32(w[0]&0x0f)<<12|uint32(w[1]&0x3f)<<6|uint32(w[2]&0x3f))
		}
		if len(syms)-start == n && n > 0 {
			return syms, ends
		}
	}
	return splitKeySymbols(syms, ends, key, runs)
}

// splitKeySymbols is keySymbols for any key: it splits the key into gse's
// words, and each word is a character's symbol or a run's.
func splitKeySymbols(syms []uint32, ends []int, key []byte, runs map[string]uint32) ([]uint32, []int) {
	ends = wordEnds(ends[:0], string(key))
	if len(ends) >= maxKeyWords {
		panic(fmt.Sprintf("segment: a dictionary word of %d words", len(ends)))
	}
	prev := 0
	for _, end := range ends {
		w := key[prev:end]
		prev = end
		if r, one := oneChar(w); one {
			syms = append(syms, uint32(r))
			continue
		}
		sym, ok := runs[string(w)]
		if !ok {
			sym = runSym + uint32(len(runs))
			runs[string(w)] = sym
		}
		syms = append(syms, sym)
	}
	return syms, ends
}

// addSymbols adds the key whose path is syms, with the word entry word
// unless the index has the word; see add.
func (ix *index) addSymbols(syms []uint32, word entry) bool {
	node := uint32(0)
	var parent *entry // the entry of node, but for the root
	for k, sym := range syms {
		e, child := ix.child(node, sym)
		if e == nil {
			return false
		}
		if parent != nil {
			*parent |= childBit(sym)
		}
		parent = e
		if k < len(syms)-1 {
			*e |= isPrefix
		} else if !e.word() {
			*e = *e&^wordBits | word
		}
		node = child
	}
	return true
}

// tagTable numbers part-of-speech tags, "x" first. It does not change
// once made.
type tagTable struct {
	names []string
	num   map[string]uint16
	// byNum is names in an array a tag of an entry indexes without a
	// check (maxTags long; loadLexicon rejects more tags).
	byNum *[maxTags]string
}

func newTagTable(names ...string) *tagTable {
	t := &tagTable{num: map[string]uint16{}}
	for _, n := range append([]string{"x"}, names...) {
		if _, ok := t.num[n]; !ok {
			t.num[n] = uint16(len(t.names))
			t.names = append(t.names, n)
		}
	}
	t.byNum = new([maxTags]string)
	copy(t.byNum[:], t.names)
	return t
}

// jumper is gse's: the best path found so far to the end of a word. It
// is one word, so that update stores it whole and without a branch: the
// path's distance (float32 bits 0-31; 0 if none yet), the tag of its last
// token (bits 32-47) and the number of words in that token (bits 48-63;
// add keeps keys shorter than maxKeyWords).
type jumper uint64

// maxKeyWords bounds the words of a dictionary key, so that a token's
// words fit in a jumper.
const maxKeyWords = 1 << 16

func (j jumper) min() float32 { return math.Float32frombits(uint32(j)) }
func (j jumper) tag() uint16  { return uint16(j >> 32) }
func (j jumper) words() int   { return int(j >> 48) }

// update is gse's updateJumper: it takes the new path if j has none
// (distance 0) or a longer one. Distances are never negative (a word's is
// log2(total) − log2(freq) with freq ≤ total), so comparing their bits as
// unsigned numbers orders them as numbers, and bits−1 wraps round for 0.
func (j *jumper) update(dist float32, words int, tag uint16) {
	d := math.Float32bits(dist)
	old := *j
	nw := jumper(d) | jumper(tag)<<32 | jumper(words)<<48
	if uint32(old)-1 >= d {
		old = nw
	}
	*j = old // stored either way, for a conditional move instead of a branch
}

// words sets c.ends to the end offsets, in s, of the words gse makes of
// s, as wordEnds does, c.syms to their symbols, c.digits to the offsets of
// the words that begin with a digit, c.marks to the numbers of the words
// that may end a sentence or begin a title (see isMark), and c.spaces to
// the numbers of the words that are white space (isSpaceSym).
func (ix *index) words(c *scratch, s string) {
	// A word takes at least a byte: with room for len(s) words, the
	// loops store without append's checks and calls.
	if cap(c.ends) < len(s) {
		c.ends = make([]int32, len(s))
		c.syms = make([]uint32, len(s))
	}
	ends, syms := c.ends[:len(s)], c.syms[:len(s)]
	marks, digits, spaces := c.marks[:0], c.digits[:0], c.spaces[:0]
	k := 0
	run := -1 // start of the run of letters and digits at i, if any
	for i := 0; i < len(s); {
		if run < 0 {
			if i, k = plainWords(s, i, ends, syms, k); i == len(s) {
				break
			}
		}
		b := s[i]
		var sym uint32
		size := 1
		switch {
		case b < utf8.RuneSelf:
			if asciiAlnum[b] {
				if run < 0 {
					run = i
					if isASCIIDigit(b) {
						digits = append(digits, int32(i))
					}
				}
				for i++; i < len(s) && asciiAlnum[s[i]]; i++ {
				}
				continue
			}
			sym = uint32(b)
		case b < 0xe0: // two bytes, or invalid
			r, n := utf8.DecodeRuneInString(s[i:])
			if n == 2 && (unicode.IsNumber(r) || unicode.IsLetter(r)) {
				if run < 0 {
					run = i
					if isDigit(r) {
						digits = append(digits, int32(i))
					}
				}
				i += n
				continue
			}
			size = n
			if n == 2 {
				sym = uint32(r) // no digit: a digit is a number
			} else {
				sym = ix.symbol([]byte(s[i : i+1]))
			}
		default:
			r, n := decodeRune(s[i:])
			if isDigit(r) {
				digits = append(digits, int32(i))
			}
			size = n
			if r != utf8.RuneError || n > 1 {
				sym = uint32(r)
			} else {
				sym = ix.symbol([]byte(s[i : i+1]))
			}
		}
		if run >= 0 {
			ends[k], syms[k] = int32(i), ix.runSymbol(c, s[run:i])
			k++
		}
		run = -1
		i += size
		if isMark(sym) {
			marks = append(marks, int32(k))
		}
		if isSpaceSym(sym) {
			spaces = append(spaces, int32(k))
		}
		ends[k], syms[k] = int32(i), sym
		k++
	}
	if run >= 0 {
		ends[k], syms[k] = int32(len(s)), ix.runSymbol(c, s[run:])
		k++
	}
	c.ends, c.syms, c.marks, c.digits, c.spaces = ends[:k], syms[:k], marks, digits, spaces
}

// isMark reports whether a word whose symbol is sym may end a sentence or
// begin a title: the characters splitSentences stops at.
func isMark(sym uint32) bool {
	return sym == '《' || isEnd(rune(sym))
}

// asciiAlnum marks the ASCII letters and digits, which gse runs together
// into words. It has a place for every byte, so that indexing it by one
// needs no check.
var asciiAlnum = func() (t [256]bool) {
	for b := range utf8.RuneSelf {
		t[b] = isASCIIAlnum(byte(b))
	}
	return t
}()

// plainWords stores, from word k of ends and syms on, the words of s from
// offset i on while they are three-byte characters (most of CJK) or ASCII
// marks, each a word, whose symbol is the character, and neither a digit,
// a mark (isMark) nor white space. It returns the offset and the number of the first
// word it does not store. It is a function of its own, with no calls, so
// that its loop keeps its values in registers.
func plainWords(s string, i int, ends []int32, syms []uint32, k int) (int, int) {
	syms = syms[:len(ends)] // so that storing into both needs one check
	for i < len(s)-2 && k < len(ends) {
		b := s[i]
		if b < utf8.RuneSelf {
			if asciiStop[b] {
				break
			}
			i++
			ends[k], syms[k] = int32(i), uint32(b)
			k++
			continue
		}
		// The three bytes in one word, tested and decoded at once.
		// Leads e0 and ed need their second byte checked, and are not
		// plainLead.
		t := s[i : i+3]
		v := uint32(t[0]) | uint32(t[1])<<8 | uint32(t[2])<<16
		if !plainLead[b] || v&0xc0c000 != 0x808000 {
			break
		}
		sym := (v&0x0f)<<12 | (v>>2)&0xfc0 | (v>>16)&0x3f
		if bmpStop[sym>>6]&(1<<(sym&63)) != 0 {
			break
		}
		i += 3
		ends[k], syms[k] = int32(i), sym
		k++
	}
	return i, k
}

// plainLead marks the first bytes of the three-byte characters whose
// other two bytes can be anything from 0x80 to 0xbf: e1 to ef but ed.
var plainLead = func() (t [256]bool) {
	for b := 0xe1; b <= 0xef; b++ {
		t[b] = b != 0xed
	}
	return t
}()

// asciiStop marks the ASCII characters plainWords leaves to words: letters
// and digits, marks (isMark) and white space; bmpStop has bit r of the
// Basic Multilingual Plane set if r is a digit, a mark or white space.
var asciiStop, bmpStop = func() (ascii [256]bool, bmp [0x10000 / 64]uint64) {
	for b := range utf8.RuneSelf {
		ascii[b] = isASCIIAlnum(byte(b)) || isMark(uint32(b)) || isSpaceSym(uint32(b))
	}
	bmp = bmpDigits
	for r := range uint32(0x10000) {
		if isMark(r) || isSpaceSym(r) {
			bmp[r>>6] |= 1 << (r & 63)
		}
	}
	return ascii, bmp
}()

// runSymbol returns the symbol of a run of letters and digits of a text.
func (ix *index) runSymbol(c *scratch, run string) uint32 {
	c.low = lowerASCII(c.low[:0], run)
	return ix.symbol(c.low)
}

// touch loads, for each word of a text, the slot of m where the walk from
// it looks for its second word, so that the walks find them in the cache:
// these loads do not wait for each other, where each walk does.
func (ix *index) touch(c *scratch, syms []uint32) {
	if ix.bmp != nil && len(syms) >= 2 {
		c.sink = touch(ix.m, syms)
	}
}

// touch is index.touch on m: it returns the bits of the keys it loads, so
// that the loads are not dropped. It is not inlined, so that its loop has
// the registers to itself.
//
//go:noinline
func touch(m []slot, syms []uint32) uint64 {
	var sink uint64
	prev := syms[0]
	for _, sym := range syms[1:] {
		sink ^= m[hash(slotKey(bmpNode+prev, sym), len(m))].key
		prev = sym
	}
	return sink
}

// walk sets jumpers, zero and as long as syms, to the best path to the
// end of each word whose symbols are syms. It is a function of its own,
// with no calls, so that its loop keeps its values in registers.
func walk(jumpers []jumper, syms []uint32, m []slot, bmp *[0x10000]entry) {
	jumpers = jumpers[:len(syms)] // so that indexing both needs one check
	var base float32              // distance of the best path to the end of word cur-1
	for cur := 0; cur < len(syms); cur++ {
		// The walk from word cur: the first step is most often in bmp.
		sym := syms[cur]
		var e entry
		var node uint32
		if bmp != nil && sym < 0x10000 {
			e, node = bmp[sym], bmpNode+sym // pseudoEntry's distance and tag if no word
		} else if e, node = find(m, slotKey(0, sym)); !e.word() {
			e |= pseudoEntry
		}
		// gse updates word cur's own jumper by the word, or else by a
		// pseudo word after the walk; the walk updates only later
		// jumpers, so the order does not matter.
		jumpers[cur].update(base+e.dist(), 1, e.tag())
		// A key with a child by syms[j] is a prefix, and has its bit.
		for j := cur + 1; j < len(syms) && e&childBit(syms[j]) != 0; j++ {
			e, node = find(m, slotKey(node, syms[j]))
			if e.word() {
				jumpers[j].update(base+e.dist(), j-cur+1, e.tag())
			}
		}
		base = jumpers[cur].min()
	}
}

// scratch holds the buffers of cut, to reuse from one sentence to the next.
type scratch struct {
	low     []byte
	ends    []int32  // end offsets of the words
	syms    []uint32 // symbols of the words
	jumpers []jumper // of the words route cut last
	marks   []int32  // numbers of the words that are marks (isMark)
	spaces  []int32  // numbers of the words that are white space
	digits  []int32  // offsets of the words that begin with a digit
	raw     []Token
	sink    uint64 // of touch
}

// cut appends to c.raw, after emptying it, the tokens gse's Segment makes
// of text[sp.Start:sp.End], white space included, with offsets into text
// and no Text.
func (ix *index) cut(c *scratch, text string, sp Span) []Token {
	ix.path(c, text[sp.Start:sp.End])
	c.raw = c.raw[:0]
	for last := len(c.jumpers) - 1; last >= 0; {
		j := c.jumpers[last]
		st := 0
		if last >= j.words() {
			st = int(c.ends[last-j.words()])
		}
		c.raw = append(c.raw, Token{Start: sp.Start + st, End: sp.Start + int(c.ends[last]), Pos: ix.tags.names[j.tag()]})
		last -= j.words()
	}
	slices.Reverse(c.raw)
	return c.raw
}

// path finds gse's cut of s: it sets c.ends, c.syms, c.marks and c.digits
// as words does, and c.jumpers as route does.
func (ix *index) path(c *scratch, s string) {
	ix.words(c, s)
	ix.route(c, 0, len(c.syms))
}

// route finds gse's cut of the text made of words from to to of c.ends
// and c.syms: it sets c.jumpers to the best path to the end of each word,
// whose last token, back to the first, is the cut (see fillTokens).
func (ix *index) route(c *scratch, from, to int) {
	syms := c.syms[from:to]
	n := len(syms)
	if cap(c.jumpers) < n {
		c.jumpers = make([]jumper, n)
	}
	jumpers := c.jumpers[:n]
	clear(jumpers)
	c.jumpers = jumpers
	ix.touch(c, syms)
	walk(jumpers, syms, ix.m, ix.bmp)
}
