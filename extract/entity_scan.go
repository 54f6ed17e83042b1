package extract

import (
	"unicode/utf8"

	"github.com/baogao/baogao/segment"
)

// mayBeWord reports whether the word s may be one of x's: false only
// when lookup would find none. A three-byte first rune is tested whole,
// not by its first two bytes as mayBegin does.
func (x *wordIndex) mayBeWord(s string) bool {
	if len(s) >= 3 {
		if w, ok := cjkWord(s[0], s[1], s[2]); ok {
			return x.first[w]&(1<<(s[2]&0x3F)) != 0
		}
	}
	return x.mayBegin(s)
}

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
	t := text[start : start+6]
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

// mayHead reports whether a name may begin at a token of head key k.
func (ns *nameSet) mayHead(k uint16) bool {
	if ns.short {
		return true
	}
	return k < noHead && ns.heads[k>>6]&(1<<(k&63)) != 0
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
	runes = min(utf8.RuneCountInString(toks[j].Text), 255)
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
