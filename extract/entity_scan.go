package extract

import (
	"math/bits"

	"github.com/baogao/baogao/segment"
)

// A tokMark notes a token that a later step of a sentence starts at.
type tokMark struct {
	k int // the token's index in the sentence
	m uint8
}

const (
	markMembers = 1 << iota // 等, which may close a list of members
	markTitle               // a token that may be a title (书记)
	markPerson              // a person tag after punctuation
)

// headKeys is the number of head keys; noHead marks a token that no
// name of six bytes or more can start at.
const (
	headKeys = 1 << 12
	noHead   = headKeys
)

// headKey is the key of the six bytes that text[start:] begins with, or
// noHead when fewer than six lie before end (the sentence's).
func headKey(text string, start, end int) uint16 {
	if start+6 > end || end > len(text) {
		return noHead
	}
	return headOf(text[start : start+6])
}

// headOf is the head key of the six bytes t.
func headOf(t string) uint16 {
	t = t[:6]
	v := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 | uint64(t[4])<<32 | uint64(t[5])<<40
	return uint16(v * 0x9E3779B97F4A7C15 >> (64 - 12))
}

// addHead adds the head key of a name to the set's filter: a name of
// fewer than six bytes lets every token through.
func (ns *nameSet) addHead(name string) {
	if len(name) < 6 {
		ns.short = true
		return
	}
	k := headKey(name, 0, len(name))
	ns.heads[k>>6] |= 1 << (k & 63)
}

// nextHead returns the first of toks from k on at which a name may
// begin by its head key, or len(toks); end is the sentence's. Extract
// tries every token of a document so, most of which it rejects here.
func (ns *nameSet) nextHead(text string, toks []segment.Token, k, end int) int {
	if ns.short {
		return k
	}
	if end > len(text) {
		return len(toks) // no key but noHead
	}
	heads := &ns.heads
	for ; k < len(toks); k++ {
		// headKey, without testing end against the text at every
		// token; its noHead passes no token.
		if i := toks[k].Start; i+6 <= end {
			if h := headOf(text[i : i+6]); heads[h>>6]&(1<<(h&63)) != 0 {
				return k
			}
		}
	}
	return k
}

// nameTokAt is nameTok of toks[j] with the token's length in
// characters (at most 255: a name is shorter), remembered in nt[j] when
// nt is not nil: suffix names that end close together walk left over
// the same tokens.
func (e *Entities) nameTokAt(toks []segment.Token, j int, nt []uint16) (inside, first bool, runes int) {
	if nt != nil {
		if v := nt[j]; v != 0 {
			return v&2 != 0, v&4 != 0, int(v >> 3)
		}
	}
	inside, first = e.nameTok(toks[j])
	runes = min(runeCount(toks[j].Text), 255)
	if nt != nil {
		v := uint16(1 | runes<<3)
		if inside {
			v |= 2
		}
		if first {
			v |= 4
		}
		nt[j] = v
	}
	return inside, first, runes
}

// pairTable is a wordIndex's pairs map as an open-addressing table whose
// entries hold the words themselves: a gazetteer lookup at a token
// reads one slot and the words' headers next to it, not a map and the
// index's word list.
type pairTable struct {
	keys  []uint64 // 0 for an empty slot (no pair of runes is 0, 0)
	words [][]pairWord
	shift uint
}

// pairWord is a word of a pair, with its index in the wordIndex. Its
// first sixteen bytes are also packed in two integers, which at
// compares with the text's under masks of the word's length: a lookup reads no word's bytes unless it is longer, where
// comparing strings read each word's, spread over memory, as the
// gazetteer's pairs of many words (重庆…) were walked.
type pairWord struct {
	w          string
	id         int
	head, tail uint64 // headBytes(w, 0), headBytes(w, 8)
	headMask   uint64 // the bytes of head that w has, and of tail
	tailMask   uint64
}

// headBytes packs the eight bytes of s from i on (those there are, when
// fewer), the first lowest.
func headBytes(s string, i int) uint64 {
	if i+8 > len(s) {
		return shortHead(s, i)
	}
	// One load, as the compiler combines these.
	t := s[i : i+8]
	return uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
		uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
}

// shortHead is headBytes where fewer than eight bytes follow i.
func shortHead(s string, i int) uint64 {
	var v uint64
	for k := len(s) - 1; k >= i; k-- {
		v = v<<8 | uint64(s[k])
	}
	return v
}

// byteMask masks the first n bytes (at most eight) that headBytes packs.
func byteMask(n int) uint64 {
	if n >= 8 {
		return ^uint64(0)
	}
	return 1<<(8*n) - 1
}

func newPairWord(w string, id int) pairWord {
	return pairWord{w: w, id: id, head: headBytes(w, 0), tail: headBytes(w, 8),
		headMask: byteMask(len(w)), tailMask: byteMask(max(0, len(w)-8))}
}

func newPairTable(x *wordIndex) *pairTable {
	n := 16
	for n < 2*len(x.pairs) {
		n *= 2
	}
	t := &pairTable{keys: make([]uint64, n), words: make([][]pairWord, n), shift: uint(64 - bits.Len(uint(n-1)))}
	for k, ids := range x.pairs {
		ws := make([]pairWord, len(ids))
		for i, id := range ids {
			ws[i] = newPairWord(x.words[id], id)
		}
		j := t.slot(k)
		t.keys[j], t.words[j] = k, ws
	}
	return t
}

// slot returns the slot of key k: where it is, or the empty one where it
// goes.
func (t *pairTable) slot(k uint64) int {
	mask := len(t.keys) - 1
	j := int(k * 0x9E3779B97F4A7C15 >> t.shift)
	for t.keys[j] != k && t.keys[j] != 0 {
		j = (j + 1) & mask
	}
	return j
}

// at appends the words of the pair k that begin rest, longest first, as
// wordIndex.pairAt does.
func (t *pairTable) at(rest string, k uint64, buf []int) []int {
	j := t.slot(k)
	if t.keys[j] != k {
		return buf
	}
	var head, next uint64 // headBytes(rest, 0) and headBytes(rest, 8)
	if len(rest) >= 16 {
		// Two loads, as the compiler combines these.
		t := rest[:16]
		head = uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
			uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
		next = uint64(t[8]) | uint64(t[9])<<8 | uint64(t[10])<<16 | uint64(t[11])<<24 |
			uint64(t[12])<<32 | uint64(t[13])<<40 | uint64(t[14])<<48 | uint64(t[15])<<56
	} else {
		head, next = headBytes(rest, 0), headBytes(rest, 8)
	}
	ws := t.words[j]
	for i := range ws {
		pw := &ws[i]
		if len(pw.w) <= len(rest) && head&pw.headMask == pw.head && next&pw.tailMask == pw.tail &&
			(len(pw.w) <= 16 || rest[16:len(pw.w)] == pw.w[16:]) {
			buf = append(buf, pw.id)
		}
	}
	return buf
}
