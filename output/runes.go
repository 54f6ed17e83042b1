package output

import "unicode/utf8"

// runeIndex converts byte offsets of a string to code-point offsets
// without rescanning the string from the start for each record.
type runeIndex struct {
	s   string
	pos []int32 // pos[i]: the first rune start at or after byte i*runeStep
	cnt []int32 // cnt[i]: code points in s[:pos[i]]
}

const runeStep = 256

func newRuneIndex(s string) runeIndex {
	ri := runeIndex{s: s}
	n, at := 0, 0
	for i := 0; i < len(s); i += runeStep {
		for at < i {
			_, size := utf8.DecodeRuneInString(s[at:])
			at += size
			n++
		}
		ri.pos = append(ri.pos, int32(at))
		ri.cnt = append(ri.cnt, int32(n))
	}
	return ri
}

// at returns the number of code points in s[:off]; an offset inside a
// character counts that character as begun.
func (ri runeIndex) at(off int) int64 {
	if off <= 0 || len(ri.pos) == 0 {
		return 0
	}
	off = min(off, len(ri.s))
	c := min(off/runeStep, len(ri.pos)-1)
	if int(ri.pos[c]) > off {
		c--
	}
	return int64(ri.cnt[c]) + int64(utf8.RuneCountInString(ri.s[ri.pos[c]:off]))
}
