package output

import (
	"math/bits"
	"strings"
	"sync"
	"unicode/utf8"
)

// runeIndex converts byte offsets of a string to code-point offsets in
// constant time: it keeps the count before every 8-byte word, and counts
// the few bytes of the last word in one step (contBytes). Building it is one
// pass that validates and counts eight bytes at a time; converting every
// sentence and record of a document was a good part of building its rows
// when each lookup counted up to 64 bytes and validation was a separate
// pass.
type runeIndex struct {
	s     string
	valid bool     // s is valid UTF-8: code points are the bytes that start one
	fast  int      // len(s) rounded down to words when valid, else 0: at's fast path
	cnt   []int32  // cnt[i]: code points that start in s[:i*8], for i <= len(s)/8
	buf   *[]int32 // holds cnt for indexPool
}

const (
	lsbs = 0x0101010101010101
	msbs = 0x8080808080808080
)

// indexPool keeps the count slices of finished indexes, so that a worker
// does not allocate two new ones per document.
var indexPool = sync.Pool{New: func() any { return new([]int32) }}

// newRuneIndex indexes s; release gives its memory back.
func newRuneIndex(s string) runeIndex {
	buf := indexPool.Get().(*[]int32)
	cnt, ok := countWords(s, (*buf)[:0])
	if !ok && utf8.ValidString(s) {
		cnt, ok = countWordsValid(s, cnt[:0]), true
	}
	*buf = cnt
	if !ok {
		indexPool.Put(buf)
		return runeIndex{s: s}
	}
	return runeIndex{s: s, valid: true, fast: len(s) &^ 7, cnt: cnt, buf: buf}
}

// release returns the index's memory for another document; ri must not be
// used afterwards.
func (ri *runeIndex) release() {
	if ri.buf != nil && cap(*ri.buf) <= 1<<20 { // keep no giant document's slice
		indexPool.Put(ri.buf)
	}
	*ri = runeIndex{}
}

// countWords appends the count of code points before every 8-byte word
// of s, and before the tail after the last one, to cnt, and reports
// whether s is valid UTF-8 of the kind it can check by bit structure
// alone: every lead byte followed by exactly its continuation bytes, and
// none of the lead bytes that need a range check of the next byte (C0,
// C1, E0, ED, F0 and above). Chinese text has none of them; when it
// returns false, the caller decides with utf8.ValidString.
//
// The loop gathers the words' faults and looks at them once at the end,
// so that it has no branch but its own: text is about always valid.
func countWords(s string, cnt []int32) ([]int32, bool) {
	for _, b := range [...]byte{0xc0, 0xc1, 0xe0, 0xed} { // IndexByte is vectorized
		if strings.IndexByte(s, b) >= 0 {
			return cnt, false
		}
	}
	words := len(s) / 8
	cnt = grow(cnt, words+1)[:words+1]
	var carry, bad uint64 // carry: continuation bytes the last word's leads expect in the next one
	n := int32(0)
	for w := range cnt[:words] {
		cnt[w] = n
		cont, next, fault := checkWord(load64(s, 8*w), carry)
		carry = next
		bad |= fault
		n += 8 - contBytes(cont)
	}
	cnt[words] = n
	// The tail, padded with zero bytes: ASCII, so a lead byte whose
	// continuation bytes are missing fails as inside s.
	var tail [8]byte
	copy(tail[:], s[8*words:])
	_, carry, fault := checkWord(load64(string(tail[:]), 0), carry)
	return cnt, (bad|fault|carry)&msbs == 0
}

// checkWord checks the UTF-8 structure of the eight bytes of x, the first
// in its low byte: its continuation bytes (10xxxxxx) must be those the
// lead bytes before them expect, carry those of the word before. It
// returns its continuation bytes, those it expects in the next word, and
// its faults, a byte 1111xxxx among them (four-byte leads and invalid
// bytes, which countWords leaves to utf8.ValidString). Each result means
// only bit 7 of each byte; the caller masks the others off (msbs), which
// saves the masking of every intermediate value.
func checkWord(x, carry uint64) (cont, next, fault uint64) {
	x1 := x << 1
	cont = x &^ x1            // 10xxxxxx
	lead2 := x & x1           // 11xxxxxx: a continuation byte follows
	lead3 := lead2 & (x << 2) // 111xxxxx: and a second one
	fault = lead3&(x<<3) | (cont ^ (lead2<<8 | lead3<<16 | carry))
	return cont, lead2>>56 | lead3>>48, fault
}

// contBytes counts the bytes of cont with bit 7 set, bits 0-6 of each
// byte being ignored. A multiply sums the eight bits into the top byte:
// unlike bits.OnesCount64, whose fallback for CPUs without POPCNT is a
// call, it leaves the loops around it their registers.
func contBytes(cont uint64) int32 {
	return int32((cont & msbs >> 7) * lsbs >> 56)
}

// countWordsValid is countWords for valid UTF-8 that countWords could not
// check.
func countWordsValid(s string, cnt []int32) []int32 {
	cnt = grow(cnt, len(s)/8+1)
	n := int32(0)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		cnt = append(cnt, n)
		n += int32(runeStarts(s[i : i+8]))
	}
	return append(cnt, n)
}

func grow(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, 0, n)
	}
	return s
}

// load64 reads s[i:i+8] as a little-endian word (the compiler makes it
// one load).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// at returns the number of code points in s[:off]; an offset inside a
// character counts that character as begun. The common case, an offset
// before the last word of valid text, takes one range check and one
// load; everything else goes to atSlow.
func (ri *runeIndex) at(off int) int64 {
	if off > 0 && off < ri.fast {
		w := off &^ 7
		x := load64(ri.s, w) << (64 - 8*(off-w)) // the bytes before off, at the top
		return int64(ri.cnt[w>>3]) + int64(off-w-int(contBytes(x&^(x<<1))))
	}
	return ri.atSlow(off)
}

// atSlow is at for the offsets of text that is not valid UTF-8, and for
// those at the ends.
func (ri *runeIndex) atSlow(off int) int64 {
	if off <= 0 {
		return 0
	}
	off = min(off, len(ri.s))
	if !ri.valid {
		return int64(utf8.RuneCountInString(ri.s[:off]))
	}
	w := off &^ 7
	return int64(ri.cnt[w>>3]) + int64(runeStarts(ri.s[w:off]))
}

// runeStarts counts the bytes of s that are not UTF-8 continuation bytes
// (10xxxxxx), eight at a time: in valid UTF-8, the code points that start
// in s.
func runeStarts(s string) int {
	n := len(s)
	cont := 0
	for ; len(s) >= 8; s = s[8:] {
		x := load64(s, 0)
		cont += bits.OnesCount64(x & msbs & ^(x << 1)) // bit 7 set, bit 6 clear
	}
	for i := 0; i < len(s); i++ {
		if s[i]&0xc0 == 0x80 {
			cont++
		}
	}
	return n - cont
}
