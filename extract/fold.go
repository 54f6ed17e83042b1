package extract

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/baogao/baogao/rules"
)

// Folder reads traditional Chinese as simplified: it rewrites a text
// character by character with the tables of the rule set's fold rules,
// keeping every byte offset, so that the segmenter and the extractors,
// whose vocabulary is simplified, see 較上年增加百分之三點二 as
// 较上年增加百分之三点二 and records still point into the text as written.
type Folder struct {
	bmp   []uint16      // bmp[r]: the folded form of r < 0x10000, or 0
	other map[rune]rune // the rest
	any   bool          // the tables hold a pair
	// has holds the runes of bmp that have a folded form: the count of a
	// text's, which reads every document, tests a bit in 8 KiB instead of
	// reading bmp's 128.
	has runeSet
}

// foldShare is the share of a text's runes, in percent, that must have a
// folded form before the text is folded: a simplified text that quotes
// one traditional name (乾隆) is left as it is.
const foldShare = 5

func newFolder(set *rules.Set) (*Folder, error) {
	f := &Folder{bmp: make([]uint16, 0x10000), other: map[rune]rune{}}
	for _, r := range set.OfKind("fold") {
		if err := f.load(r, set.List(r)); err != nil {
			return nil, fmt.Errorf("extract: %w", err)
		}
	}
	return f, nil
}

// load adds a table: one pair a line, "from<TAB>to", each one character
// of the same length in UTF-8; lines starting with # are comments.
func (f *Folder) load(r *rules.Rule, list []byte) error {
	line := 0
	for l := range bytes.Lines(list) {
		line++
		s := strings.TrimRight(string(l), "\r\n")
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		from, to, ok := strings.Cut(s, "\t")
		fr, fn := utf8.DecodeRuneInString(from)
		tr, tn := utf8.DecodeRuneInString(to)
		switch {
		case !ok || fn != len(from) || tn != len(to) || fr == utf8.RuneError || tr == utf8.RuneError:
			return fmt.Errorf("%s: %s:%d: want one character, a tab and one character: %q", r.ID, r.List, line, s)
		case fn != tn:
			return fmt.Errorf("%s: %s:%d: %s and %s differ in length in UTF-8, which would move offsets", r.ID, r.List, line, from, to)
		}
		if fr < 0x10000 {
			f.bmp[fr] = uint16(tr)
			f.has.add(fr)
		} else {
			f.other[fr] = tr
		}
		f.any = true
	}
	return nil
}

// Fold returns text with each character of the tables replaced by its
// folded form, when at least foldShare percent of its characters have
// one; otherwise, or when nothing changes, text itself. The result has
// text's length, and a rune at a byte offset of one is at the same
// offset in the other.
func (f *Folder) Fold(text string) string {
	if f == nil || !f.any {
		return text
	}
	has := &f.has
	runes, hits := 0, 0
	for i := 0; i < len(text); {
		// Three-byte sequences, as every CJK character of the tables
		// is, tested on four bytes read at once (so not the last three
		// bytes) and counted without decoding the rune.
		for i+4 <= len(text) {
			t := text[i : i+4] // one load, as the compiler combines these
			v := uint32(t[0]) | uint32(t[1])<<8 | uint32(t[2])<<16 | uint32(t[3])<<24
			if v&0xC0C0F0 != 0x8080E0 {
				break
			}
			if has[(v&0x0F)<<6|v>>8&0x3F]&(1<<(v>>16&0x3F)) != 0 {
				hits++
			}
			runes++
			i += 3
		}
		if i == len(text) {
			break
		}
		c := text[i]
		switch {
		case c < utf8.RuneSelf:
			i++
		case c&0xf0 == 0xe0 && i+2 < len(text) && text[i+1]&0xc0 == 0x80 && text[i+2]&0xc0 == 0x80:
			// The same, at the end of the text.
			r := rune(c&0x0f)<<12 | rune(text[i+1]&0x3f)<<6 | rune(text[i+2]&0x3f)
			if has.has(r) {
				hits++
			}
			i += 3
		default:
			r, n := utf8.DecodeRuneInString(text[i:])
			if f.to(r) != 0 {
				hits++
			}
			i += n
		}
		runes++
	}
	if hits == 0 || hits*100 < runes*foldShare {
		return text
	}
	return f.rewrite(text)
}

// rewrite returns text with every rune that folds folded.
func (f *Folder) rewrite(text string) string {
	b := []byte(text)
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if t := f.to(r); t != 0 {
			utf8.EncodeRune(b[i:i+n], t)
		}
		i += n
	}
	return string(b)
}

func (f *Folder) to(r rune) rune {
	if r < 0x10000 {
		return rune(f.bmp[r])
	}
	return f.other[r]
}
