package output

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// checkRuneIndex compares every offset of s with utf8.RuneCountInString,
// or, inside a character of valid UTF-8, with the characters begun.
func checkRuneIndex(t *testing.T, s string) {
	t.Helper()
	ri := newRuneIndex(s)
	defer ri.release()
	valid := utf8.ValidString(s)
	if ri.valid != valid {
		t.Fatalf("%q: valid %v; want %v", s, ri.valid, valid)
	}
	for off := 0; off <= len(s); off++ {
		want := int64(utf8.RuneCountInString(s[:off]))
		if valid {
			want = int64(begun(s[:off]))
		}
		if got := ri.at(off); got != want {
			t.Fatalf("%q at %d: got %d; want %d", s, off, got, want)
		}
	}
}

// begun counts the bytes of s that are not continuation bytes: the
// characters that begin in s.
func begun(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i]&0xc0 != 0x80 {
			n++
		}
	}
	return n
}

func TestRuneIndex(t *testing.T) {
	tests := []struct{ name, s string }{
		{"empty", ""},
		{"ascii", "abc"},
		{"eight", "abcdefgh"},
		{"chinese", "北碚区2019年实现利润36.83亿元"},
		{"long", strings.Repeat("中a文b，", 300)},
		{"full-width", "２０１９年ＧＤＰ增长１５％"},
		{"two-byte", "café ü ß ¥100"},
		{"emoji", "增长😀了" + strings.Repeat("中", 10)},
		{"e0 lead", "ठ" + strings.Repeat("中", 5)},  // U+0920: E0 A4 A0
		{"ed lead", "한국" + strings.Repeat("中", 5)}, // Hangul: ED 95 9C
		{"three-byte at word ends", strings.Repeat("ab中", 9)},
		{"four-byte at word ends", strings.Repeat("a😀中", 9)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkRuneIndex(t, tt.s) })
	}
}

// TestCountWordsFast checks that Chinese text takes the fast path,
// which the results alone would not show.
func TestCountWordsFast(t *testing.T) {
	for _, s := range []string{"", "北碚区2019年实现利润36.83亿元，同比增长15%。", "２０１９年ＧＤＰ增长１５％", "café"} {
		if _, ok := countWords(s, nil); !ok {
			t.Errorf("countWords(%q) fell back to utf8.ValidString", s)
		}
	}
}

// TestRuneIndexInvalid checks that text that is not valid UTF-8 is
// counted as utf8.RuneCountInString counts it.
func TestRuneIndexInvalid(t *testing.T) {
	tests := []struct{ name, s string }{
		{"mixed", "北\xff碚\x80区" + strings.Repeat("中\xe4文", 40)},
		{"truncated at end", "中文中\xe4\xb8"},
		{"truncated in word", "中文\xe4\xb8abcdefgh"},
		{"lone continuation", "abcdefg\x80中文"},
		{"overlong", "中文\xc0\x80中文"},
		{"overlong three-byte", "中文\xe0\x80\x80中文"},
		{"surrogate", "中文\xed\xa0\x80中文"},
		{"above U+10FFFF", "中文\xf4\x90\x80\x80中文"},
		{"f5", "中文\xf5\x80\x80\x80中文"},
		{"lead at word end", "abcdefg\xe4"},
		{"ff after lead", "\xe4\xff\x96\x87"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkRuneIndex(t, tt.s) })
	}
}

func FuzzRuneIndex(f *testing.F) {
	for _, s := range []string{"", "abc", "北碚区2019年实现利润36.83亿元", "增长😀了", "中\xe4文", "한국", "\xed\xa0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkRuneIndex(t, s) })
}

func BenchmarkRuneIndex(b *testing.B) {
	s := strings.Repeat("北碚区2019年实现利润36.83亿元，同比增长15%。", 400)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		ri := newRuneIndex(s)
		for off := 0; off < len(s); off += 7 {
			ri.at(off)
		}
		ri.release()
	}
}
