package extract

import (
	"math/rand"
	"reflect"
	"regexp"
	"testing"
)

// TestAnchoredRE checks that anchoredRE.findAll returns exactly what the
// unanchored regexp's FindAllStringSubmatchIndex does, for the built-in
// time and not_time patterns over random text made of the runes they
// read, and for hand-picked patterns.
func TestAnchoredRE(t *testing.T) {
	var patterns []string
	for _, kind := range []string{"time", "not_time", "entity_pattern"} {
		for _, r := range builtinSet(t).OfKind(kind) {
			if r.Pattern != "" {
				patterns = append(patterns, r.Pattern)
			}
		}
	}
	patterns = append(patterns, `ab|a`, `a(b)?c`, `[0-9]+年`, `(?:近|最近)(?P<n>[0-9]+)年`)
	alphabet := []rune("0123456789年月日号度底末初上下半季第前个两〇○零一二三四五六七八九十近最过去来以间至到-－—~～/.《》“”\"规划期时 \n　ab\xff")
	rng := rand.New(rand.NewSource(7))
	accepted := 0
	for _, p := range patterns {
		a := newAnchoredRE(p)
		if a == nil {
			continue
		}
		accepted++
		re := regexp.MustCompile(p)
		for n := 0; n < 3000; n++ {
			rs := make([]rune, rng.Intn(24))
			for i := range rs {
				rs[i] = alphabet[rng.Intn(len(alphabet))]
			}
			s := string(rs)
			if n%7 == 0 {
				s += "\xe5\xb9" // a cut rune
			}
			got := a.findAll(s, nil)
			want := re.FindAllStringSubmatchIndex(s, -1)
			if len(got) == 0 && len(want) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("pattern %q on %q: got %v; want %v", p, s, got, want)
			}
		}
	}
	if accepted < 10 {
		t.Errorf("only %d patterns run anchored; want the built-in time patterns to", accepted)
	}
	for _, p := range []string{`^年`, `\b年`, `a*`, `(?i)a`, `.年`, `[^a]年`} {
		if newAnchoredRE(p) != nil {
			t.Errorf("newAnchoredRE(%q) is not nil; want nil", p)
		}
	}
}

func TestAnchoredStart(t *testing.T) {
	tests := []struct {
		name, pattern string
		in, out       string // runes in the set, runes not in it; "" in for nil
	}{
		{"literal", `^一大?(?:个|批)`, "一", "二大个"},
		{"class", `^[0-9]+年`, "09", "年a"},
		{"alternation of anchored", `^a|b`, "", ""},
		{"may be empty", `^a*`, "", ""},
		{"not anchored", `a`, "", ""},
		{"assertion after", `^\bab`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := anchoredStart(tt.pattern)
			if tt.in == "" {
				if set != nil {
					t.Errorf("anchoredStart(%q) is not nil; want nil", tt.pattern)
				}
				return
			}
			if set == nil {
				t.Fatalf("anchoredStart(%q) is nil; want a set", tt.pattern)
			}
			for _, r := range tt.in {
				if !set.has(r) {
					t.Errorf("anchoredStart(%q) lacks %q", tt.pattern, r)
				}
			}
			for _, r := range tt.out {
				if set.has(r) {
					t.Errorf("anchoredStart(%q) has %q", tt.pattern, r)
				}
			}
		})
	}
}
