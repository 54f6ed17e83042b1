package extract

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

// TestNumberDFA checks the DFA against the regexp it replaces, the
// number rules joined and matched leftmost-longest at the start, on
// random strings of the runes the rules read.
func TestNumberDFA(t *testing.T) {
	x, err := NewQuantities(builtinSet(t))
	if err != nil {
		t.Fatal(err)
	}
	q := x.(*Quantities)
	if q.numDFA == nil {
		t.Fatal("no DFA for the built-in number rules")
	}
	alphabet := []rune("0123456789０１２３４５６７８９,.．零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点分之年%元 a\xff")
	rng := rand.New(rand.NewSource(3))
	check := func(s string) {
		t.Helper()
		end, rule := q.numDFA.match(s, len(s))
		wantEnd, wantRule := -1, 0
		if m := q.numRE.FindStringSubmatchIndex(s); m != nil {
			wantEnd = m[1]
			for k := 1; k <= len(q.numRules); k++ {
				if m[2*k] >= 0 {
					wantRule = k
					break
				}
			}
		}
		if end != wantEnd || rule != wantRule {
			t.Fatalf("match(%q) = %d, %d; want %d, %d", s, end, rule, wantEnd, wantRule)
		}
	}
	for _, s := range []string{"", "2019", "1,234.5", "1,23", "三分之一", "百分之三十五", "1亿2000万", "1.5万", "十五", "零点五", "千分之2.4", "二〇一九", "5千", "3.", ".5"} {
		check(s)
	}
	for n := 0; n < 200000; n++ {
		var b strings.Builder
		for k := rng.Intn(12); k >= 0; k-- {
			b.WriteRune(alphabet[rng.Intn(len(alphabet))])
		}
		if n%5 == 0 {
			b.WriteString("\xff9")
		}
		check(b.String())
	}
	// Rules that tie: the first of those that match longest wins.
	for _, pats := range [][]string{
		{`a+`, `a+b?`, `[ab]+`},
		{`[ab]+`, `a+b?`, `a+`},
		{`b`, `a*b`, `(?:ab)+`, `a(?:ba)*b?`},
	} {
		var alts []string
		for _, p := range pats {
			alts = append(alts, "("+p+")")
		}
		re := regexp.MustCompile(`^(?:` + strings.Join(alts, "|") + `)`)
		re.Longest()
		d := newNumberDFA(pats)
		if d == nil {
			t.Fatalf("no DFA for %q", pats)
		}
		for n := 0; n < 20000; n++ {
			var b strings.Builder
			for k := rng.Intn(8); k >= 0; k-- {
				b.WriteByte("abc"[rng.Intn(3)])
			}
			s := b.String()
			end, rule := d.match(s, len(s))
			wantEnd, wantRule := -1, 0
			if m := re.FindStringSubmatchIndex(s); m != nil {
				wantEnd = m[1]
				for k := 1; k <= len(pats); k++ {
					if m[2*k] >= 0 {
						wantRule = k
						break
					}
				}
			}
			if end != wantEnd || rule != wantRule {
				t.Fatalf("%q: match(%q) = %d, %d; want %d, %d", pats, s, end, rule, wantEnd, wantRule)
			}
		}
	}
	if newNumberDFA([]string{`a\b`}) != nil || newNumberDFA([]string{`(a)b`}) != nil || newNumberDFA([]string{`(?i)a`}) != nil {
		t.Error("newNumberDFA accepted a pattern it does not model")
	}
}

// TestNumberDFAClasses checks the table of the classes of the BMP
// against the search it replaces.
func TestNumberDFAClasses(t *testing.T) {
	x, err := NewQuantities(builtinSet(t))
	if err != nil {
		t.Fatal(err)
	}
	d := x.(*Quantities).numDFA
	if d.blockOf == nil {
		t.Fatal("no class table for the built-in number rules")
	}
	for r := rune(0); r < 1<<16; r++ {
		if got, want := int(d.bmp[int(d.blockOf[r>>8])<<8|int(r&0xFF)]), d.search(r); got != want {
			t.Fatalf("class of %U = %d; want %d", r, got, want)
		}
	}
	if len(d.bmp) > 64<<8 {
		t.Errorf("class table of %d blocks", len(d.bmp)>>8)
	}
}
