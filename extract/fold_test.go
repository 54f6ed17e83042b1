package extract

import (
	"strings"
	"testing"

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
