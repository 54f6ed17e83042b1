package segment

import (
	"unicode"
	"unicode/utf8"
)

// joinNumbers joins, in place, the tokens gse makes of a number written
// with digits: gse cuts "36.83" into 36 . 83 and "1,234.5" into
// 1 , 234 . 5. A number is a run of adjacent tokens of text: digits, then
// any of: a decimal point ("." or "．") followed by digits; before any
// point, a comma followed by a group of exactly three ASCII digits; more
// digits (full-width digits come one per token). So "2019.12.31" is one
// token too, and "1,2" stays three. Every number, joined or not, gets part
// of speech "m". It returns the number of tokens left in toks.
func joinNumbers(text string, toks []Token) int {
	n := 0
	for i := 0; i < len(toks); {
		if w := toks[i].Text; !startsWithDigit(w) || !isDigits(w) {
			if n != i { // a token moves only after a number was joined
				toks[n] = toks[i]
			}
			n++
			i++
			continue
		}
		t := toks[i]
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
		end := toks[i-1].End
		toks[n] = Token{Start: t.Start, End: end, Text: text[t.Start:end], Pos: "m"}
		n++
	}
	return n
}

// isDigits reports whether s is a non-empty run of decimal digits.
func isDigits(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if !isASCIIDigit(byte(r)) {
				return false
			}
		} else if 0x3000 <= r && r <= 0x9fff || !unicode.IsDigit(r) { // CJK is no digit
			return false
		}
	}
	return s != ""
}

// startsWithDigit reports whether w begins with a digit, cheaply for the
// CJK characters most words begin with.
func startsWithDigit(w string) bool {
	if w == "" {
		return false
	}
	if c := w[0]; c < utf8.RuneSelf || 0xe3 <= c && c <= 0xe9 {
		return isASCIIDigit(c) // U+3000–U+9FFF hold no digits
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r)
}

// isGroup reports whether s is three ASCII digits.
func isGroup(s string) bool {
	return len(s) == 3 && isASCIIDigit(s[0]) && isASCIIDigit(s[1]) && isASCIIDigit(s[2])
}

func isASCIIDigit(b byte) bool { return '0' <= b && b <= '9' }
