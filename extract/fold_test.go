package extract

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/baogao/baogao/rules"
)

func TestFold(t *testing.T) {
	set, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	f, err := newFolder(set)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"工業生產指數較上年增加百分之三點二。", "工业生产指数较上年增加百分之三点二。"},
		{"北碚區2019年實現利潤36.83億元", "北碚区2019年实现利润36.83亿元"},
		// Simplified text that quotes one traditional character stays.
		{"清代乾隆年间，全区实现地区生产总值876.5亿元，同比增长6.5%。", "清代乾隆年间，全区实现地区生产总值876.5亿元，同比增长6.5%。"},
		{"", ""},
		{"abc 123", "abc 123"},
		{"\xff臺\xfe灣", "\xff台\xfe湾"},
	}
	for _, tt := range tests {
		got := f.Fold(tt.in)
		if got != tt.want {
			t.Errorf("Fold(%q) = %q; want %q", tt.in, got, tt.want)
		}
		if len(got) != len(tt.in) {
			t.Errorf("Fold(%q) changed the length", tt.in)
		}
	}
}

func TestFoldTableErrors(t *testing.T) {
	tests := []struct{ table, want string }{
		{"臺\t台\n", ""},
		{"# comment\n\n臺\t台\r\n", ""},
		{"臺台\n", "want one character, a tab and one character"},
		{"臺\t台湾\n", "want one character, a tab and one character"},
		{"臺\ta\n", "differ in length"},
	}
	for _, tt := range tests {
		f := &Folder{bmp: make([]uint16, 0x10000), other: map[rune]rune{}}
		err := f.load(&rules.Rule{ID: "fold.test", List: "t.tsv"}, []byte(tt.table))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q: %v", tt.table, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%q: got %v; want an error with %q", tt.table, err, tt.want)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	set, err := rules.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	f, err := newFolder(set)
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat("北碚区2019年实现利润36.83亿元，同比增长15%。", 500)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		f.Fold(text)
	}
}

// foldRef is Fold as it was written first, decoding every three-byte
// sequence and reading bmp: the reference of TestFoldRandom.
func foldRef(f *Folder, text string) string {
	runes, hits := 0, 0
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c < utf8.RuneSelf:
			i++
		case c&0xf0 == 0xe0 && i+2 < len(text) && text[i+1]&0xc0 == 0x80 && text[i+2]&0xc0 == 0x80:
			if f.bmp[rune(c&0x0f)<<12|rune(text[i+1]&0x3f)<<6|rune(text[i+2]&0x3f)] != 0 {
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

// TestFoldRandom checks Fold against foldRef on random texts of
// simplified and traditional characters, ASCII, a folded rune above the
// BMP, overlong and surrogate sequences and broken UTF-8, with shares of
// traditional ones around foldShare.
func TestFoldRandom(t *testing.T) {
	set, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	f, err := newFolder(set)
	if err != nil {
		t.Fatal(err)
	}
	f.other['😀'] = '😁'
	simple := []string{"北碚区", "实现利润", "36.83", "亿元", "，", "a", "\xe0\x80\x80", "\xed\xa0\x80", "\xe5\x8c", "\xff", "é", "😀"}
	for _, traditional := range []string{"臺", "較上年", "點"} {
		for n := range 40 {
			pieces := append(slices.Clone(simple), slices.Repeat([]string{"北碚"}, n)...)
			pieces = append(pieces, traditional)
			randomTexts(pieces, uint64(31+n), 200, func(text string) {
				text = strings.Repeat(text, 1+n%3)
				if got, want := f.Fold(text), foldRef(f, text); got != want {
					t.Fatalf("Fold(%q) = %q; want %q", text, got, want)
				}
			})
		}
	}
}
