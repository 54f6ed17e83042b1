package output

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRuneIndex(t *testing.T) {
	texts := []string{"", "abc", "北碚区2019年实现利润36.83亿元", strings.Repeat("中a文b，", 300)}
	for _, s := range texts {
		ri := newRuneIndex(s)
		for off := 0; off <= len(s); off++ {
			if off < len(s) && !utf8.RuneStart(s[off]) {
				continue
			}
			got, want := ri.at(off), int64(utf8.RuneCountInString(s[:off]))
			if got != want {
				t.Fatalf("%q at %d: got %d; want %d", s[:min(len(s), 20)], off, got, want)
			}
		}
	}
}

// TestRuneIndexInvalid checks that text that is not valid UTF-8 is
// counted as utf8.RuneCountInString counts it.
func TestRuneIndexInvalid(t *testing.T) {
	s := "北\xff碚\x80区" + strings.Repeat("中\xe4文", 40)
	ri := newRuneIndex(s)
	for off := 0; off <= len(s); off++ {
		if got, want := ri.at(off), int64(utf8.RuneCountInString(s[:off])); got != want {
			t.Fatalf("at %d: got %d; want %d", off, got, want)
		}
	}
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
	}
}
