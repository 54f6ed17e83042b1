package segment

import "unicode/utf8"

// joinNumbers is joinNumbersAt reading every token, from toks[from] (no
// token before it starts with a digit): the plain way, which tests
// compare the segmenter's tokens against.
func joinNumbers(text string, toks []Token, from int) int {
	n := from
	for i := from; i < len(toks); {
		if w := toks[i].Text; !startsWithDigit(w) || !isDigits(w) {
			if n != i { // a token moves only after a number was joined
				toks[n] = toks[i]
			}
			n++
			i++
			continue
		}
		t := toks[i]
		i = joinNumber(toks, i)
		end := toks[i-1].End
		toks[n] = Token{Start: t.Start, End: end, Text: text[t.Start:end], Pos: "m"}
		n++
	}
	return n
}

// startsWithDigit reports whether w begins with a digit.
func startsWithDigit(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return size > 0 && isDigit(r)
}
