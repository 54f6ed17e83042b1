package extract

import (
	"math/rand"
	"slices"
	"testing"
	"unicode/utf8"
)

// TestRuneSetNext checks runeSet.next against a range loop over random
// text, invalid UTF-8, surrogates and overlong forms included.
func TestRuneSetNext(t *testing.T) {
	var set runeSet
	for _, r := range "年月日a,\uFFFD\u0800\uFFFF区市" {
		set.add(r)
	}
	pieces := []string{"年", "月", "日", "区", "市", "北", "碚", "a", "b", ",", "\uFFFD", "\u0800", "\uFFFF", "😀",
		"\xe5", "\xe5\xb9", "\xff", "\xe0\x80\x80", "\xed\xa0\x80", "\xc3\xa9", "\xe0\xa0\x80",
		"\xed\x9f\xbf", "\xe0\x9f\xbf", "\xe0\xa0", "，", "\xef\xbc"}
	rng := rand.New(rand.NewSource(5))
	for n := 0; n < 20000; n++ {
		var text string
		for k := rng.Intn(10); k >= 0; k-- {
			text += pieces[rng.Intn(len(pieces))]
		}
		type hit struct {
			at, size int
			r        rune
		}
		var want, got []hit
		for i, r := range text {
			if set.has(r) {
				size := len(string(r))
				if r == '\uFFFD' && text[i:i+min(3, len(text)-i)] != "\uFFFD" {
					size = 1
				}
				want = append(want, hit{i, size, r})
			}
		}
		for i := 0; ; {
			at, size, r := set.next(text, i)
			if at == len(text) {
				break
			}
			got = append(got, hit{at, size, r})
			i = at + size
		}
		if len(got) != len(want) {
			t.Fatalf("%q: got %v; want %v", text, got, want)
		}
		for k := range got {
			if got[k] != want[k] {
				t.Fatalf("%q: got %v; want %v", text, got, want)
			}
		}
	}
}

// TestSortKeys checks localScratch.sortKeys against slices.Sort on
// distinct keys in blocks, with and without a sorted tail.
func TestSortKeys(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	var l localScratch
	for n := 0; n < 5000; n++ {
		seen := map[uint64]bool{}
		var keys []uint64
		base := uint64(0)
		for b := rng.Intn(6); b > 0; b-- {
			for k := rng.Intn(6); k > 0; k-- {
				if v := base + uint64(rng.Intn(20)); !seen[v] {
					seen[v] = true
					keys = append(keys, v)
				}
			}
			base += uint64(rng.Intn(25))
		}
		var tail []uint64
		for k := rng.Intn(5); k > 0; k-- {
			if v := uint64(rng.Intn(int(base) + 20)); !seen[v] {
				seen[v] = true
				tail = append(tail, v)
			}
		}
		slices.Sort(tail)
		keys = append(keys, tail...)
		want := slices.Sorted(slices.Values(keys))
		l.sortKeys(keys)
		if !slices.Equal(keys, want) {
			t.Fatalf("got %v; want %v", keys, want)
		}
	}
}

// TestCJKWord checks cjkWord against utf8.DecodeRune on every three
// bytes.
func TestCJKWord(t *testing.T) {
	for b0 := range 256 {
		for b1 := range 256 {
			for b2 := range 256 {
				p := []byte{byte(b0), byte(b1), byte(b2)}
				r, n := utf8.DecodeRune(p)
				w, ok := cjkWord(p[0], p[1], p[2])
				if want := n == 3; ok != want || ok && rune(w<<6|uint32(b2&0x3F)) != r {
					t.Fatalf("% x: got %d, %v; want %U, %v", p, w, ok, r, want)
				}
			}
		}
	}
}

// TestRuneCount compares runeCount with utf8.RuneCountInString on random
// texts of ASCII, two-, three- and four-byte runes and broken UTF-8.
func TestRuneCount(t *testing.T) {
	pieces := []string{"a", "一", "，", "\xe4\xb8", "\x80", "\xed\xa0\x80", "\xed\x9f\xbf", "\xe0\x80\x80", "\xe0\xa0\x80", "\xef\xbf\xbd", "😀", "é", "\xff", "\xf0\x9f"}
	randomTexts(pieces, 3, 20000, func(text string) {
		for i := 0; i <= len(text); i++ {
			if got, want := runeCount(text[i:]), utf8.RuneCountInString(text[i:]); got != want {
				t.Fatalf("runeCount(%q) = %d, want %d", text[i:], got, want)
			}
		}
	})
}

// TestDecodeLastRune compares decodeLastRune with
// utf8.DecodeLastRuneInString on every prefix of random texts of ASCII,
// two-, three- and four-byte runes and broken UTF-8.
func TestDecodeLastRune(t *testing.T) {
	pieces := []string{"a", "一", "，", "\xe4\xb8", "\x80", "\xed\xa0\x80", "\xed\x9f\xbf", "\xe0\x80\x80", "\xe0\xa0\x80", "\xef\xbf\xbd", "😀", "é", "\xff", "\xf0\x9f"}
	randomTexts(pieces, 9, 20000, func(text string) {
		for i := 0; i <= len(text); i++ {
			r, n := decodeLastRune(text[:i])
			if wr, wn := utf8.DecodeLastRuneInString(text[:i]); r != wr || n != wn {
				t.Fatalf("decodeLastRune(%q) = %q, %d; want %q, %d", text[:i], r, n, wr, wn)
			}
		}
	})
}

// TestDecodeRune compares decodeRune with utf8.DecodeRuneInString on
// every suffix of random texts of ASCII, two-, three- and four-byte
// runes and broken UTF-8.
func TestDecodeRune(t *testing.T) {
	pieces := []string{"a", "一", "，", "\xe4\xb8", "\x80", "\xed\xa0\x80", "\xed\x9f\xbf", "\xe0\x80\x80", "\xe0\xa0\x80", "\xef\xbf\xbd", "😀", "é", "\xff", "\xf0\x9f"}
	randomTexts(pieces, 11, 20000, func(text string) {
		for i := 0; i <= len(text); i++ {
			r, n := decodeRune(text[i:])
			if wr, wn := utf8.DecodeRuneInString(text[i:]); r != wr || n != wn {
				t.Fatalf("decodeRune(%q) = %q, %d; want %q, %d", text[i:], r, n, wr, wn)
			}
		}
	})
}

// TestRune3 checks rune3 against utf8 on every three bytes.
func TestRune3(t *testing.T) {
	b := make([]byte, 3)
	for v := 0; v < 1<<24; v++ {
		b[0], b[1], b[2] = byte(v>>16), byte(v>>8), byte(v)
		s := string(b)
		r, ok := rune3(s, 0)
		wr, n := utf8.DecodeRuneInString(s)
		if ok != (n == 3) || ok && r != wr {
			t.Fatalf("rune3(% x) = %U, %v; want %U, %d", b, r, ok, wr, n)
		}
	}
	if _, ok := rune3("增长", 4); ok {
		t.Error("rune3 read past the end")
	}
}

// TestPairTableAt checks pairTable.at against wordIndex.pairAt: at every
// position of random texts of words of one pair (short and long, up to
// and past sixteen bytes), their pieces, other runes and broken UTF-8,
// both find the same words in the same order.
func TestPairTableAt(t *testing.T) {
	words := []string{"重庆", "重庆市", "重庆市北碚区", "重庆市北碚区人民政府", "重庆市北碚区人民政府办公室", "重庆两江新区",
		"重庆\xff", "重庆a", "重庆ab北", "北碚", "北碚区", "a重", "ab", "\u0800\uFFFF", "\u0800\uFFFFx"}
	x := newWordIndex()
	for i, w := range words {
		x.add(w, i)
	}
	pt := newPairTable(x)
	pieces := append([]string{"市", "北", "区", "人民", "政府", "a", "b", "\xff", "\xe9\x87", "，"}, words...)
	randomTexts(pieces, 29, 20000, func(text string) {
		for i := range len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if n >= len(text)-i {
				continue
			}
			r2, _ := utf8.DecodeRuneInString(text[i+n:])
			k := pairKey(r, r2)
			want := x.pairAt(text[i:], k, nil)
			if got := pt.at(text[i:], k, nil); !slices.Equal(got, want) {
				t.Fatalf("%q at %d: got %v; want %v", text, i, got, want)
			}
		}
	})
}
