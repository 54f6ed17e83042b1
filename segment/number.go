package segment

import (
	"unicode"
)

// joinNumbersAt joins, in place, the tokens gse makes of a number written
// with digits: gse cuts "36.83" into 36 . 83 and "1,234.5" into
// 1 , 234 . 5. A number is a run of adjacent tokens of text: digits, then
// any of: a decimal point ("." or "．") followed by digits; before any
// point, a comma followed by a group of exactly three ASCII digits; more
// digits (full-width digits come one per token). So "2019.12.31" is one
// token too, and "1,2" stays three. Every number, joined or not, gets part
// of speech "m". It returns the number of tokens left in toks.
//
// A token that begins with a digit may only stand at base+starts[i], in
// order, where the words that begin with a digit begin: it goes from one
// to the next rather than reading every token.
func joinNumbersAt(text string, toks []Token, starts []int32, base int) int {
	n, i, j := 0, 0, 0 // tokens kept; first token not kept yet; first token not passed yet
	for _, st := range starts {
		at := base + int(st)
		for j < len(toks) && toks[j].Start < at {
			j++
		}
		if j == len(toks) {
			break
		}
		if toks[j].Start != at || !isDigits(toks[j].Text) {
			continue // inside a token, or a token with more than digits
		}
		// toks[i:j] stay as they are; they move only after a number was joined.
		if n != i {
			copy(toks[n:], toks[i:j])
		}
		n += j - i
		k := joinNumber(toks, j)
		end := toks[k-1].End
		toks[n] = Token{Start: at, End: end, Text: text[at:end], Pos: "m"}
		n++
		i, j = k, k
	}
	if n != i {
		copy(toks[n:], toks[i:])
	}
	return n + len(toks) - i
}

// joinNumber returns the index of the token after the number that begins
// with toks[i], a token of digits (see joinNumbersAt).
func joinNumber(toks []Token, i int) int {
	i++
	point := false
	for i < len(toks) && toks[i].Start == toks[i-1].End {
		if isDigits(toks[i].Text) {
			i++
			continue
		}
		sep := toks[i].Text
		if i+1 < len(toks) && toks[i+1].Start == toks[i].End && isDigits(toks[i+1].Text) {
			if sep == "." || sep == "．" {
				point = true
				i += 2
				continue
			}
			if sep == "," && !point && isGroup(toks[i+1].Text) {
				i += 2
				continue
			}
		}
		break
	}
	return i
}

// isDigits reports whether s is a non-empty run of decimal digits.
func isDigits(s string) bool {
	for _, r := range s {
		if !isDigit(r) {
			return false
		}
	}
	return s != ""
}

// isDigit is unicode.IsDigit, by table in the Basic Multilingual Plane.
func isDigit(r rune) bool {
	if uint32(r) < 0x10000 {
		return bmpDigits[r>>6]&(1<<(r&63)) != 0
	}
	return unicode.IsDigit(r)
}

// bmpDigits has bit r of the Basic Multilingual Plane set if r is a
// digit.
var bmpDigits = func() (bits [0x10000 / 64]uint64) {
	for _, rg := range unicode.Digit.R16 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			bits[r>>6] |= 1 << (r & 63)
		}
	}
	return bits
}()

// isGroup reports whether s is three ASCII digits.
func isGroup(s string) bool {
	return len(s) == 3 && isASCIIDigit(s[0]) && isASCIIDigit(s[1]) && isASCIIDigit(s[2])
}

func isASCIIDigit(b byte) bool { return '0' <= b && b <= '9' }
