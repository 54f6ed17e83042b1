package extract

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrNumber is returned by [ParseNumber] for text that is not a number.
var ErrNumber = errors.New("extract: not a number")

// ParseNumber converts a written number to its value. It accepts
//
//   - Arabic numbers with thousands separators and decimals: 1,234.5;
//   - full-width digits and points, as in raw text: １２３．５;
//   - Chinese numerals, financial forms included: 三, 十五, 两, 二十三万,
//     一千零五, 千亿, 零点五, 壹佰;
//   - digit-by-digit Chinese numbers: 二〇一九 (2019);
//   - mixed forms: 1.5万, 3千, 1,100万, 1亿2000万;
//   - fractions: 三分之一, 百分之三十五 (0.35), 千分之2.4 (0.0024).
//
// The result is always finite. Whether a number is a year, an ordinal or a
// figure is the extractor's business, not this function's; units and
// qualifiers are not accepted here.
func ParseNumber(s string) (float64, error) {
	if s == "" {
		return 0, ErrNumber
	}
	if v, ok := plainDigits(s); ok {
		return v, nil
	}
	if v, ok := plainDecimal(s); ok {
		return v, nil
	}
	if i := strings.Index(s, "分之"); i >= 0 {
		den, err := parseWhole(s[:i])
		if err != nil || den == 0 {
			return 0, ErrNumber
		}
		num, err := parseWhole(s[i+len("分之"):])
		if err != nil {
			return 0, ErrNumber
		}
		return finite(num / den)
	}
	return parseWhole(s)
}

// plainDigits reads s when it is one to 15 ASCII digits, the most common
// number, which the general parse reads to the same value (exactly: it is
// below 2^53).
func plainDigits(s string) (float64, bool) {
	if len(s) == 0 || len(s) > 15 {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + uint64(d)
	}
	return float64(n), true
}

// plainDecimal reads s when it is ASCII digits, a point and ASCII
// digits (36.83), which the general parse reads to the same value: it
// hands them to strconv.ParseFloat as they are.
func plainDecimal(s string) (float64, bool) {
	point := -1
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '.' && point < 0 {
			point = i
		} else if c-'0' > 9 {
			return 0, false
		}
	}
	if point <= 0 || point == len(s)-1 {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

func finite(v float64) (float64, error) {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, ErrNumber
	}
	return v, nil
}

// cjkDigit gives the value of a Chinese digit, or -1.
func cjkDigit(r rune) int {
	switch r {
	case '零', '〇', 'Ｏ':
		return 0
	case '一', '壹', '幺':
		return 1
	case '二', '两', '贰', '貳':
		return 2
	case '三', '叁', '參':
		return 3
	case '四', '肆':
		return 4
	case '五', '伍':
		return 5
	case '六', '陆', '陸':
		return 6
	case '七', '柒':
		return 7
	case '八', '捌':
		return 8
	case '九', '玖':
		return 9
	}
	return -1
}

// cjkUnit gives the multiplier of a Chinese numeral unit, or 0. 万 and 亿
// are "section" units that close what came before them.
func cjkUnit(r rune) float64 {
	switch r {
	case '十', '拾':
		return 10
	case '百', '佰':
		return 100
	case '千', '仟':
		return 1000
	case '万', '萬':
		return 1e4
	case '亿', '億':
		return 1e8
	}
	return 0
}

// asciiDigit folds an ASCII or full-width digit to 0–9, or returns -1.
func asciiDigit(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}

// parseWhole parses a number without 分之: a sequence of Arabic literals,
// Chinese digits and numeral units, with an optional decimal part after
// 点 (Chinese) or a point (Arabic).
func parseWhole(s string) (float64, error) {
	if s == "" {
		return 0, ErrNumber
	}
	// A Chinese decimal part: 零点五, 十二点三五.
	if i := strings.Index(s, "点"); i >= 0 {
		intPart := 0.0
		if i > 0 {
			v, err := parseWhole(s[:i])
			if err != nil {
				return 0, err
			}
			intPart = v
		}
		frac, scale := 0.0, 0.1
		rest := s[i+len("点"):]
		if rest == "" {
			return 0, ErrNumber
		}
		for _, r := range rest {
			d := cjkDigit(r)
			if d < 0 {
				d = asciiDigit(r)
			}
			if d < 0 {
				return 0, ErrNumber
			}
			frac += float64(d) * scale
			scale /= 10
		}
		return finite(intPart + frac)
	}

	// Digit-by-digit Chinese (二〇一九): only digits, more than one.
	if n := utf8.RuneCountInString(s); n > 1 {
		allDigits := true
		for _, r := range s {
			if cjkDigit(r) < 0 {
				allDigits = false
				break
			}
		}
		if allDigits {
			v := 0.0
			for _, r := range s {
				v = v*10 + float64(cjkDigit(r))
			}
			return finite(v)
		}
	}

	var (
		total   float64 // closed by 万 or 亿
		section float64 // below 万, closed by 十百千
		num     float64 // the last digit or literal, not yet multiplied
		haveNum bool
		lastBig float64 // the last section unit seen, to read 万亿 and 千亿
		any     bool
	)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if asciiDigit(r) >= 0 {
			if haveNum {
				return 0, ErrNumber
			}
			j, v, ok := scanArabic(s, i)
			if !ok {
				return 0, ErrNumber
			}
			num, haveNum, any = v, true, true
			i = j
			continue
		}
		if d := cjkDigit(r); d >= 0 {
			if haveNum && num != 0 {
				// 二三十 (a vague 20–30) is not one number.
				return 0, ErrNumber
			}
			num, haveNum, any = float64(d), d != 0, true
			i += size
			continue
		}
		u := cjkUnit(r)
		if u == 0 {
			return 0, ErrNumber
		}
		any = true
		switch {
		case u < 1e4:
			if !haveNum {
				num = 1 // 十五, 千亿: an unwritten one
			}
			section += num * u
		default:
			v := section + num
			switch {
			case v != 0:
			case total != 0 && u > lastBig:
				v = 0 // 万亿: 亿 multiplies what is already there
			default:
				v = 1
			}
			if u > lastBig && lastBig != 0 {
				total = (total + v) * u
			} else {
				total += v * u
			}
			lastBig = u
			section = 0
		}
		num, haveNum = 0, false
		i += size
	}
	if !any {
		return 0, ErrNumber
	}
	return finite(total + section + num)
}

// scanArabic reads an Arabic literal at s[i:] (digits, ',' thousands
// separators, one decimal point, ASCII or full-width) and returns where it
// ends and its value.
func scanArabic(s string, i int) (int, float64, bool) {
	var buf [64]byte
	b := buf[:0]
	seenPoint := false
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if d := asciiDigit(r); d >= 0 {
			b = append(b, byte('0'+d))
			j += size
			continue
		}
		if (r == ',' || r == '，') && !seenPoint {
			// A separator needs three digits after it.
			k, n := j+size, 0
			for n < 3 && k < len(s) {
				r2, s2 := utf8.DecodeRuneInString(s[k:])
				if asciiDigit(r2) < 0 {
					break
				}
				k += s2
				n++
			}
			if n == 3 {
				j += size
				continue
			}
			break
		}
		if (r == '.' || r == '．') && !seenPoint && j+size < len(s) {
			r2, _ := utf8.DecodeRuneInString(s[j+size:])
			if asciiDigit(r2) >= 0 {
				seenPoint = true
				b = append(b, '.')
				j += size
				continue
			}
		}
		break
	}
	if len(b) == 0 {
		return i, 0, false
	}
	var v float64
	var err error
	if j-i == len(b) {
		// Plain ASCII: parse in place, without a copy.
		v, err = strconv.ParseFloat(s[i:j], 64)
	} else {
		v, err = strconv.ParseFloat(string(b), 64)
	}
	if err != nil || math.IsInf(v, 0) {
		return i, 0, false
	}
	return j, v, true
}
