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
