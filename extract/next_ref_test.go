package extract

import "unicode/utf8"

// The rune-by-rune searches the extractors ran before they shared one
// scan of each text (scan.go): tests check the scanner against them.

// next returns the first rune of text[i:] that is in the set, where it
// starts and its size, decoding as a range loop does; at is len(text)
// when there is none. The three-byte runes of Chinese are tested without
// assembling them: their first two bytes select the bitmap's word and
// the third the bit.
func (s *runeSet) next(text string, i int) (at, size int, r rune) {
	for i < len(text) {
		b0 := text[i]
		if b0 < utf8.RuneSelf {
			if s[b0>>6]&(1<<(b0&63)) != 0 {
				return i, 1, rune(b0)
			}
			i++
			continue
		}
		if i+2 < len(text) {
			t := text[i : i+3] // one bounds check for the two bytes
			b1, b2 := t[1], t[2]
			// The lead byte is tested by table (see lead3), the two
			// continuation bytes at once; only E0 and ED need a test
			// of b1 (overlong forms, surrogates).
			if (lead3[b0] || b0 == 0xE0 && b1 >= 0xA0 || b0 == 0xED && b1 < 0xA0) && (b1^0x80)|(b2^0x80) < 0x40 {
				w := uint32(b0&0x0F)<<6 | uint32(b1&0x3F)
				if s[w%uint32(len(s))]&(1<<(b2&0x3F)) != 0 {
					return i, 3, rune(w<<6 | uint32(b2&0x3F))
				}
				i += 3
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if s.has(r) {
			return i, n, r
		}
		i += n
	}
	return len(text), 0, 0
}

// next returns the first rune of text at or after byte i that s holds,
// its offset and size, decoding as [utf8.DecodeRuneInString] does; at is
// len(text) when there is none: the reference for the scanner's hits.
func (s *startSet) next(text string, i int) (at, size int, r rune) {
	if !s.wide {
		return s.bmp.next(text, i) // which holds no rune above the BMP either
	}
	for i < len(text) {
		r, n := decodeRune(text[i:])
		if s.has(r) {
			return i, n, r
		}
		i += n
	}
	return len(text), 0, 0
}
