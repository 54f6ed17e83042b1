package output

import (
	"math/bits"
	"unicode/utf8"
)

// runeIndex converts byte offsets of a string to code-point offsets
// without rescanning the string from the start for each record: it keeps
// the count at every runeStep bytes and counts the rest.
type runeIndex struct {
	s     string
	valid bool    // s is valid UTF-8: code points are the bytes that start one
	cnt   []int32 // cnt[i]: code points that start in s[:i*runeStep]
}

const runeStep = 64

func newRuneIndex(s string) runeIndex {
	ri := runeIndex{s: s, valid: utf8.ValidString(s)}
	if !ri.valid {
		return ri
	}
	ri.cnt = make([]int32, 0, len(s)/runeStep+1)
	n := 0
	for i := 0; i < len(s); i += runeStep {
		ri.cnt = append(ri.cnt, int32(n))
		n += runeStarts(s[i:min(i+runeStep, len(s))])
	}
	return ri
}

// at returns the number of code points in s[:off]; an offset inside a
// character counts that character as begun.
func (ri runeIndex) at(off int) int64 {
	if off <= 0 {
		return 0
	}
	off = min(off, len(ri.s))
	if !ri.valid {
		return int64(utf8.RuneCountInString(ri.s[:off]))
	}
	c := off / runeStep
	if c >= len(ri.cnt) {
		c = len(ri.cnt) - 1
	}
	return int64(ri.cnt[c]) + int64(runeStarts(ri.s[c*runeStep:off]))
}

// runeStarts counts the bytes of s that are not UTF-8 continuation bytes
// (10xxxxxx), eight at a time: in valid UTF-8, the code points that start
// in s.
func runeStarts(s string) int {
	const hi = 0x8080808080808080
	n := len(s)
	cont := 0
	for ; len(s) >= 8; s = s[8:] {
		x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		cont += bits.OnesCount64(x & hi & ^(x << 1)) // bit 7 set, bit 6 clear
	}
	for i := 0; i < len(s); i++ {
		if s[i]&0xc0 == 0x80 {
			cont++
		}
	}
	return n - cont
}
