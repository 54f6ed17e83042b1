package corpus

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Limits on what a reader accepts. They protect the later stages, whose cost
// grows with the length of a paragraph, and the memory of a run: an input
// past a limit is an [ErrTooLong] error, never a hang.
const (
	// MaxLine is the longest line, in bytes of decoded text, that a text,
	// HTML or JSONL document may hold. Real reports break lines or
	// paragraphs far sooner; a longer line is a dump, not a report.
	MaxLine = 1 << 20
	// MaxFile is the largest .txt or .html file read; both are read whole.
	MaxFile = 256 << 20
	// MaxJSONLine is the longest line of a JSONL file. JSONL files
	// themselves are streamed and may be of any size.
	MaxJSONLine = 64 << 20
)

// Sentinel errors, wrapped in an [InputError] with details; test them with
// errors.Is.
var (
	// ErrBinary: the input is not text (NUL bytes that UTF-16 does not
	// explain, or mostly control characters).
	ErrBinary = errors.New("binary data, not text")
	// ErrEmpty: the input, line or field holds no text, or only white space.
	ErrEmpty = errors.New("no text")
	// ErrEncoding: the bytes are no text in any supported encoding.
	ErrEncoding = errors.New("unknown text encoding")
	// ErrTooLong: the input passes one of the limits above.
	ErrTooLong = errors.New("too long")
	// ErrJSON: a JSONL line is not a JSON object of the expected shape.
	ErrJSON = errors.New("bad JSON")
	// ErrHTML: an HTML page has no main text.
	ErrHTML = errors.New("no main text in HTML page")
)

// Encoding names returned by [Decode].
const (
	EncUTF8    = "utf-8"
	EncGB18030 = "gb18030"
	EncBig5    = "big5"
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
)

// utf8BOM is the byte order mark in UTF-8.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

var (
	utf16le = xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)
	utf16be = xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)
)

type candidate struct {
	name string
	enc  encoding.Encoding // nil for UTF-8 with errors replaced
}

// candidates are the decodings Decode chooses from, in the order that breaks
// ties: Unicode first, then the mainland standard, as most inputs are from
// the mainland.
var candidates = []candidate{
	{EncUTF8, nil},
	{EncGB18030, simplifiedchinese.GB18030},
	{EncBig5, traditionalchinese.Big5},
	{EncUTF16LE, utf16le},
	{EncUTF16BE, utf16be},
}

const (
	// sniffLen is how much of the input the detector looks at: enough to
	// hold a few paragraphs, small enough that detection costs the same
	// for any file size.
	sniffLen = 64 << 10
	// maxBadPerMille is how many undecodable characters per thousand a
	// decoding may hold, beyond one, and still be taken: one broken byte
	// must not lose a whole report, but random bytes decode with far more
	// errors.
	maxBadPerMille = 1
)

func tooBad(bad, n int) bool { return bad > 1+n*maxBadPerMille/1000 }

// Decode detects the encoding of a text and returns it as UTF-8, without a
// byte order mark, with the name of the encoding.
//
// The order of evidence is:
//
//  1. valid UTF-8 is UTF-8;
//  2. a byte order mark (UTF-8, UTF-16 LE or BE) names the encoding;
//  3. NUL bytes mostly on odd (even) offsets are the ASCII of UTF-16 LE
//     (BE) without a mark; other NUL bytes make the input [ErrBinary];
//  4. otherwise GB18030 (a superset of GBK and GB2312), Big5, UTF-16 and
//     UTF-8 with errors compete on the first 64 KiB: each candidate's
//     decoding scores one point per common Chinese character (the 963 most
//     frequent characters of both scripts, see decode_common.go) and loses
//     four per replacement character, private-use character or control
//     character. The best score wins, ties going to the earlier candidate.
//     A wrong double-byte decoding of Chinese still yields Chinese
//     characters, but rare ones, so common characters tell them apart.
//
// A decoding with more than one undecodable character per thousand (and
// more than one in all) is [ErrEncoding]; UTF-16 without a mark is taken
// only when at least a fifth of its characters score as common Chinese; text made mostly of control characters is [ErrBinary].
// Decode does not check for empty text or long lines; see [ReadBytes].
func Decode(data []byte) (text string, enc string, err error) {
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		data = data[len(utf8BOM):]
		if text, enc, ok, err := decodeUTF8(data); ok {
			return text, enc, err
		}
		return decodeWith(data, EncUTF8, nil)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(data[2:], EncUTF16LE, utf16le)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeWith(data[2:], EncUTF16BE, utf16be)
	}
	if nul := bytes.IndexByte(data, 0); nul >= 0 {
		switch nulParity(data) {
		case 1:
			return decodeWith(data, EncUTF16LE, utf16le)
		case 0:
			return decodeWith(data, EncUTF16BE, utf16be)
		}
		// NUL bytes on both sides: Chinese text in UTF-16 has them too
		// (一 is U+4E00), so let the two byte orders compete.
		if len(data)%2 == 0 {
			if best, text := contest(data, candidates[3:]); best >= 0 {
				return finish(data, text, candidates[3+best].name, candidates[3+best].enc)
			}
		}
		return "", "", fmt.Errorf("%w: NUL byte at offset %d", ErrBinary, nul)
	}
	if text, enc, ok, err := decodeUTF8(data); ok {
		return text, enc, err
	}
	best, text := contest(data, candidates)
	if best < 0 {
		if controlShare(data) > 0.05 {
			return "", "", ErrBinary
		}
		return "", "", ErrEncoding
	}
	return finish(data, text, candidates[best].name, candidates[best].enc)
}

// decodeUTF8 is checkControls(string(data), EncUTF8) for data that is
// valid UTF-8; when data is not, ok is false and nothing else is set. The
// control count validates the head of data in the same pass.
func decodeUTF8(data []byte) (text, enc string, ok bool, err error) {
	if plainUTF8(data) {
		return string(data), EncUTF8, true, nil // no control character to count
	}
	c := countControls(data)
	if !c.valid || !utf8.Valid(data[c.end:]) {
		return "", "", false, nil
	}
	text, enc, err = c.check(string(data), EncUTF8)
	return text, enc, true, err
}

// finish returns the contest's decoding when it covered all of data, else
// decodes data with the winner.
func finish(data []byte, text, name string, enc encoding.Encoding) (string, string, error) {
	if len(data) <= sniffLen {
		return checkControls(trimBOM(text), name) // errors counted in the contest
	}
	return decodeWith(data, name, enc)
}

// contest returns the index of the candidate whose decoding of the start of
// data scores best, -1 when every one has too many errors, and the winner's
// decoding of that start.
func contest(data []byte, cands []candidate) (int, string) {
	sniff := data[:min(len(data), sniffLen)]
	best, bestScore, bestText := -1, 0, ""
	for i, c := range cands {
		utf16 := c.name == EncUTF16LE || c.name == EncUTF16BE
		if utf16 && len(data)%2 != 0 {
			continue
		}
		if c.enc == nil && tooBad(invalidUTF8(sniff), len(sniff)) {
			continue // cheap: most non-UTF-8 text fails in its first bytes
		}
		s, err := decodeBytes(sniff, c.enc)
		if err != nil {
			continue
		}
		if len(sniff) < len(data) {
			s = trimPartial(s) // the sniff may end inside a character
		}
		sc, bad, n := score(s)
		if tooBad(bad, n) {
			continue
		}
		if utf16 && sc*5 < n {
			// Any even run of bytes is UTF-16 of something; take it
			// only when it reads as Chinese.
			continue
		}
		if best < 0 || sc > bestScore {
			best, bestScore, bestText = i, sc, s
		}
	}
	return best, bestText
}

// invalidUTF8 counts the invalid bytes of data, stopping once there are
// more than tooBad allows for len(data) characters.
func invalidUTF8(data []byte) int {
	limit := 2 + len(data)*maxBadPerMille/1000
	bad := 0
	for i := 0; i < len(data) && bad < limit; {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		i += size
	}
	return bad
}

// decodeWith decodes all of data with enc (nil: UTF-8 with errors) and
// checks the result.
func decodeWith(data []byte, name string, enc encoding.Encoding) (string, string, error) {
	s, err := decodeBytes(data, enc)
	if err != nil {
		return "", "", fmt.Errorf("%w: %s: %v", ErrEncoding, name, err)
	}
	return checkDecoded(s, name)
}

// checkDecoded rejects a decoding with too many undecodable characters or
// control characters, and drops a BOM.
func checkDecoded(s, name string) (string, string, error) {
	s = trimBOM(s)
	bad := strings.Count(s, "\uFFFD")
	if n := utf8.RuneCountInString(s); tooBad(bad, n) {
		if name == EncUTF16LE || name == EncUTF16BE {
			// NUL bytes that decode to junk as UTF-16 are binary data.
			return "", "", fmt.Errorf("%w: NUL bytes, but no UTF-16 text", ErrBinary)
		}
		return "", "", fmt.Errorf("%w: %d of %d characters undecodable as %s", ErrEncoding, bad, n, name)
	}
	return checkControls(s, name)
}

func decodeBytes(data []byte, enc encoding.Encoding) (string, error) {
	if enc == nil {
		return lossyUTF8(data), nil
	}
	b, err := enc.NewDecoder().Bytes(data)
	return string(b), err
}

// lossyUTF8 replaces each invalid byte of data with U+FFFD, so that every
// broken byte counts as an error (bytes.ToValidUTF8 merges runs of them).
func lossyUTF8(data []byte) string {
	var b strings.Builder
	b.Grow(len(data))
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.Write(data[:size])
		}
		data = data[size:]
	}
	return b.String()
}

// checkControls rejects text made mostly of control characters: binary data
// that happens to decode. s is valid UTF-8, as every decoding is.
func checkControls(s, name string) (string, string, error) {
	return countControls(s).check(s, name)
}

// controls counts the characters that start in the first sniffLen bytes
// of a text, and the control characters among them.
type controls struct {
	n, ctl int
	// end is where the count stopped: the end of the character that
	// straddles sniffLen, or of the text, or an invalid byte.
	end int
	// valid is false if the count stopped at a byte that is not UTF-8.
	valid bool
}

// check is checkControls with the count taken.
func (c controls) check(s, name string) (string, string, error) {
	if c.n > 0 && float64(c.ctl) > 0.1*float64(c.n) {
		return "", "", fmt.Errorf("%w: %d of the first %d characters are control characters", ErrBinary, c.ctl, c.n)
	}
	return s, name, nil
}

// countControls counts as a range loop over s would, and stops at the first
// byte that is not UTF-8, so that the same pass validates UTF-8: most inputs
// are valid UTF-8 text shorter than sniffLen, and this loop is their one
// look at every character before layout repair. Text in another encoding
// stops it within a few bytes.
func countControls[T string | []byte](s T) controls {
	c := controls{valid: true}
	i := 0
	for i < len(s) && i < sniffLen {
		b := s[i]
		if b < utf8.RuneSelf {
			if isControl(rune(b)) {
				c.ctl++
			}
			c.n++
			i++
			continue
		}
		// A three-byte lead other than E0 and ED (whose second byte has
		// a narrower range) makes a valid character when the next two
		// bytes continue it: nearly all of Chinese text, and never a
		// control character.
		if b >= 0xE1 && b <= 0xEF && b != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			c.n++
			i += 3
			continue
		}
		var buf [utf8.UTFMax]byte
		r, size := utf8.DecodeRune(buf[:copy(buf[:], s[i:])])
		if r == utf8.RuneError && size == 1 {
			c.valid = false
			break
		}
		if isControl(r) {
			c.ctl++
		}
		c.n++
		i += size
	}
	c.end = i
	return c
}

// plainUTF8 reports whether data is valid UTF-8 without a control
// character, as most text is, checking eight bytes at a time: it is what
// countControls would count as valid without a control character, and then
// faster than its loop over each character. It says false for some such
// data too, which countControls then counts: text with four-byte
// characters, and with the lead bytes whose next byte needs a range check
// beyond bit structure (C0, C1 and E0 overlong, ED surrogates) or starts a
// C1 control (C2).
func plainUTF8(data []byte) bool {
	for _, b := range [...]byte{0xC0, 0xC1, 0xC2, 0xE0, 0xED, 0x7F} { // IndexByte is vectorized
		if bytes.IndexByte(data, b) >= 0 {
			return false
		}
	}
	var carry uint64 // continuation bytes the last word's leads expect in the next one
	for i := 0; i < len(data); i += 8 {
		var x uint64 // data[i:i+8], the first byte in the low byte
		if i+8 <= len(data) {
			x = binary.LittleEndian.Uint64(data[i:])
		} else {
			// The tail, padded with spaces: a lead byte whose
			// continuation bytes are missing fails as inside data.
			tail := [8]byte{' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '}
			copy(tail[:], data[i:])
			x = binary.LittleEndian.Uint64(tail[:])
		}
		// Its continuation bytes (10xxxxxx) must be those the lead bytes
		// before them expect, and no byte may be 1111xxxx, which
		// four-byte characters and invalid bytes start with.
		cont := x &^ (x << 1) & msbs // 10xxxxxx
		lead2 := x & (x << 1) & msbs // 11xxxxxx: a continuation byte follows
		lead3 := lead2 & (x << 2)    // 111xxxxx: and a second one
		if lead3&(x<<3) != 0 || cont != lead2<<8|lead3<<16|carry {
			return false
		}
		carry = lead2>>56 | lead3>>48
		// Bytes under 0x20, whose low seven bits plus 0x60 stay under
		// 0x80, are mostly line breaks.
		if low := ^((x &^ msbs) + 0x60*lsbs) &^ x & msbs; low != 0 && hasControl(x, low) {
			return false
		}
	}
	return carry == 0
}

const (
	lsbs = 0x0101010101010101
	msbs = 0x8080808080808080
)

// hasControl reports whether the bytes of x under 0x20, marked in low by
// their bit 7, include a control character: one that is not white space
// (\t \n \v \f \r) or the DOS end-of-file mark 0x1A.
func hasControl(x, low uint64) bool {
	y := x & (0x1F * lsbs)
	space := (y + 0x77*lsbs) &^ (y + 0x72*lsbs) // 0x09 to 0x0D
	z := y ^ (0x1A * lsbs)
	eof := ^((z + 0x7F*lsbs) | z) & msbs // z is 0: 0x1A (y has no bit 7)
	return low&^(space|eof) != 0
}

// isControl reports control characters other than white space and the
// DOS end-of-file mark.
func isControl(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', 0x1A:
		return false
	}
	return r < 0x20 || (r >= 0x7F && r < 0xA0)
}

func controlShare(data []byte) float64 {
	data = data[:min(len(data), sniffLen)]
	ctl := 0
	for _, b := range data {
		if b < 0x80 && isControl(rune(b)) { // 0x80-0x9F are lead or trail bytes here
			ctl++
		}
	}
	return float64(ctl) / float64(max(len(data), 1))
}

// nulParity says where the NUL bytes of data lie: 1 when nine in ten are at
// odd offsets (UTF-16 LE), 0 when at even offsets (UTF-16 BE), -1 when
// neither, or when the length is odd.
func nulParity(data []byte) int {
	if len(data)%2 != 0 {
		return -1
	}
	data = data[:min(len(data), sniffLen)]
	var at [2]int
	for i, b := range data {
		if b == 0 {
			at[i&1]++
		}
	}
	switch total := at[0] + at[1]; {
	case at[1]*10 >= total*9:
		return 1
	case at[0]*10 >= total*9:
		return 0
	}
	return -1
}

// score rates a candidate decoding; see [Decode]. It returns the score, the
// number of bad characters and the number of characters.
func score(s string) (sc, bad, n int) {
	for _, r := range s {
		n++
		switch {
		case r == utf8.RuneError:
			bad++
			sc -= 4
		case r >= 0xE000 && r <= 0xF8FF, isControl(r):
			sc -= 4
		case isCommonHan(r):
			sc++
		}
	}
	return sc, bad, n
}

// trimPartial drops a replacement character at the end of a decoded prefix,
// made by a multi-byte character cut in two.
func trimPartial(s string) string {
	for range 2 {
		r, size := utf8.DecodeLastRuneInString(s)
		if r != utf8.RuneError {
			break
		}
		s = s[:len(s)-size]
	}
	return s
}

func trimBOM(s string) string {
	if len(s) >= 3 && s[:3] == "\uFEFF" {
		return s[3:]
	}
	return s
}

// commonSet is commonHan as a bit set over the Basic Multilingual Plane.
var commonSet = func() *[0x10000 / 64]uint64 {
	var set [0x10000 / 64]uint64
	for _, r := range commonHan {
		set[r/64] |= 1 << (r % 64)
	}
	return &set
}()

func isCommonHan(r rune) bool {
	return r < 0x10000 && commonSet[r/64]&(1<<(r%64)) != 0
}

// isHan reports whether r is a Chinese character.
func isHan(r rune) bool {
	return r >= 0x3400 && unicode.Is(unicode.Han, r)
}

// longLine returns the offset of the first line of s longer than limit
// bytes, or -1. "\n" and "\r" end lines.
//
// Every text is checked, and nearly all are shorter than limit in all, so
// that case returns at once; a longer text is split at "\n" with the fast
// byte search, and only a stretch between two "\n" longer than limit is
// split again at "\r".
func longLine(s []byte, limit int) int {
	if len(s) <= limit {
		return -1
	}
	for start := 0; start < len(s); {
		end := len(s)
		if i := bytes.IndexByte(s[start:], '\n'); i >= 0 {
			end = start + i
		}
		if end-start > limit {
			for at := start; ; {
				i := bytes.IndexByte(s[at:end], '\r')
				if i < 0 {
					i = end - at
				}
				if i > limit {
					return at
				}
				if at += i + 1; at > end {
					break
				}
			}
		}
		start = end + 1
	}
	return -1
}
