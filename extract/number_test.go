package extract

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want float64
	}{
		{"integer", "13634", 13634},
		{"decimal", "36.83", 36.83},
		{"thousands", "1,234.5", 1234.5},
		{"thousands twice", "1,234,567", 1234567},
		{"full-width", "１２３．５", 123.5},
		{"full-width thousands", "１,２３４", 1234},
		{"one digit", "三", 3},
		{"ten and five", "十五", 15},
		{"liang", "两", 2},
		{"twenty-three wan", "二十三万", 230000},
		{"zero inside", "一千零五", 1005},
		{"thousand yi", "千亿", 1e11},
		{"wan yi", "万亿", 1e12},
		{"ten wan yi", "十万亿", 1e13},
		{"yi then wan", "一亿二千万", 1.2e8},
		{"long", "二十三万四千五百六十七", 234567},
		{"zero point five", "零点五", 0.5},
		{"twelve point three five", "十二点三五", 12.35},
		{"financial", "壹佰贰拾", 120},
		{"year digits", "二〇一九", 2019},
		{"mixed wan", "1.5万", 15000},
		{"mixed qian", "3千", 3000},
		{"mixed thousands wan", "1,100万", 11000000},
		{"mixed yi wan", "1亿2000万", 120000000},
		{"percent words", "百分之三十五", 0.35},
		{"per mille", "千分之2.4", 0.0024},
		{"fraction", "三分之一", 1.0 / 3},
		{"zero", "零", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseNumber(tt.in)
			if err != nil {
				t.Fatalf("ParseNumber(%q): %v", tt.in, err)
			}
			if !sameValue(got, tt.want) {
				t.Errorf("ParseNumber(%q) = %v; want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseNumberErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"letters", "abc"},
		{"vague range", "二三十"},
		{"digit after literal", "3五"},
		{"unit word", "5元"},
		{"no denominator", "分之三"},
		{"zero denominator", "零分之三"},
		{"bare point", "点"},
		{"overflow", "9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999亿亿"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseNumber(tt.in)
			if err == nil {
				t.Errorf("ParseNumber(%q) = %v; want an error", tt.in, got)
			}
		})
	}
}

func ExampleParseNumber() {
	for _, s := range []string{"36.83", "1,234.5", "１２３．５", "二十三万", "一千零五", "1.5万", "百分之三十五"} {
		v, err := ParseNumber(s)
		if err != nil {
			fmt.Println(s, err)
			continue
		}
		fmt.Println(s, v)
	}
	// Output:
	// 36.83 36.83
	// 1,234.5 1234.5
	// １２３．５ 123.5
	// 二十三万 230000
	// 一千零五 1005
	// 1.5万 15000
	// 百分之三十五 0.35
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"36.83", "1,234.5", "１２３．５", "二十三万", "一千零五", "千亿", "零点五", "百分之三十五", "三分之一", "二〇一九", "1.5万", "1亿2000万", "万亿亿亿"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseNumber(s)
		if err == nil && (math.IsInf(v, 0) || math.IsNaN(v)) {
			t.Fatalf("ParseNumber(%q) = %v", s, v)
		}
	})
}

// TestPlainDecimal checks the fast path of ParseNumber for decimals
// against the general parse, which it skips.
func TestPlainDecimal(t *testing.T) {
	for _, s := range []string{"36.83", "0.5", "00.50", "1234567890123456.75", "3.", ".5", "1.2.3", "1..2", "1,234.5", "１.５", "1.5万", "12", "", "."} {
		got, ok := plainDecimal(s)
		want, err := parseWhole(s)
		if !ok {
			if err == nil && strings.Count(s, ".") == 1 && strings.Trim(s, "0123456789.") == "" {
				t.Errorf("plainDecimal(%q) refused a decimal", s)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("plainDecimal(%q) = %v; want %v (%v)", s, got, want, err)
		}
	}
}

// TestPlainDigits checks the fast path of ParseNumber against the
// general parse, which it skips.
func TestPlainDigits(t *testing.T) {
	for _, s := range []string{"0", "7", "007", "13634", "2019", "999999999999999", "123456789012345", "1234567890123456", "12a", "1.5", "１２", ""} {
		got, ok := plainDigits(s)
		want, err := parseWhole(s)
		if !ok {
			if len(s) <= 15 && err == nil && strings.Trim(s, "0123456789") == "" {
				t.Errorf("plainDigits(%q) refused digits", s)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("plainDigits(%q) = %v; want %v (%v)", s, got, want, err)
		}
	}
}
