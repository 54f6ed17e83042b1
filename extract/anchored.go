package extract

import (
	"cmp"
	"regexp"
	"regexp/syntax"
	"slices"
)

// anchoredRE finds the matches of a pattern as FindAllStringSubmatchIndex
// does, but runs the pattern, anchored, only where a rune that can begin
// a match stands. An unanchored regexp tries every position of its input
// with backtracking; most positions of running text cannot begin a time
// expression, and one bit test rejects them.
//
// It is exact for the patterns [newAnchoredRE] accepts: those without
// empty-width assertions (^ $ \b \B), which could look at text before the
// position tried, and that cannot match the empty string, for which
// FindAll's rule on empty matches would apply.
type anchoredRE struct {
	re    *regexp.Regexp // ^(?:pattern)
	first startSet
}

// newAnchoredRE returns the anchored form of pattern, or nil when the
// pattern does not qualify (see [anchoredRE]).
func newAnchoredRE(pattern string) *anchoredRE {
	sre, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil || hasAssertion(sre) {
		return nil
	}
	re, err := regexp.Compile(`^(?:` + pattern + `)`)
	if err != nil || re.MatchString("") {
		return nil
	}
	prog, err := syntax.Compile(sre.Simplify())
	if err != nil {
		return nil
	}
	a := &anchoredRE{re: re}
	if !startRunes(prog, &a.first) {
		return nil
	}
	return a
}

// hasAssertion reports whether re holds an empty-width assertion.
func hasAssertion(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	for _, s := range re.Sub {
		if hasAssertion(s) {
			return true
		}
	}
	return false
}

// startRunes adds to set every rune a match of prog can begin with. It
// returns false when that set is not small and exact: a pattern that can
// begin with almost any rune, or with a case-folded one.
func startRunes(prog *syntax.Prog, set *startSet) bool {
	seen := make([]bool, len(prog.Inst))
	var walk func(pc uint32) bool
	walk = func(pc uint32) bool {
		if seen[pc] {
			return true
		}
		seen[pc] = true
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			return walk(in.Out) && walk(in.Arg)
		case syntax.InstCapture, syntax.InstNop:
			return walk(in.Out)
		case syntax.InstRune:
			if syntax.Flags(in.Arg)&syntax.FoldCase != 0 {
				return false
			}
			if len(in.Rune) == 1 {
				set.add(in.Rune[0], in.Rune[0])
				return true
			}
			for i := 0; i+1 < len(in.Rune); i += 2 {
				if in.Rune[i+1] >= 1<<16 || in.Rune[i+1]-in.Rune[i] > 1<<12 {
					return false
				}
				set.add(in.Rune[i], in.Rune[i+1])
			}
			return true
		case syntax.InstRune1:
			set.add(in.Rune[0], in.Rune[0])
			return true
		}
		// InstMatch (an empty match), InstFail, InstEmptyWidth, any rune.
		return false
	}
	return walk(uint32(prog.Start))
}

// findAll appends the matches of a in s, as a.re's unanchored form's
// FindAllStringSubmatchIndex(s, -1) would return them.
func (a *anchoredRE) findAll(s string, out [][]int) [][]int {
	for i := 0; i < len(s); {
		r, size := decodeRune(s[i:])
		if !a.first.has(r) {
			i += size
			continue
		}
		m := a.re.FindStringSubmatchIndex(s[i:])
		if m == nil {
			i += size
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += i
			}
		}
		out = append(out, m)
		i = m[1]
	}
	return out
}

// findAt is findAll over s, the text from offset base of a sentence
// whose starts of a's first runes are hits, in order: it tries a only at
// the hits inside s that keep says to, which are the positions findAll
// would try.
func (a *anchoredRE) findAt(s string, base int, hits []startHit, keep func(*startHit) bool, out [][]int) [][]int {
	k, _ := slices.BinarySearchFunc(hits, base, func(h startHit, at int) int { return cmp.Compare(h.at, at) })
	next := 0
	for ; k < len(hits); k++ {
		h := &hits[k]
		i := h.at - base
		if i >= len(s) {
			break
		}
		if i < next || !keep(h) {
			continue
		}
		m := a.re.FindStringSubmatchIndex(s[i:])
		if m == nil {
			continue
		}
		for j := range m {
			if m[j] >= 0 {
				m[j] += i
			}
		}
		out = append(out, m)
		next = m[1]
	}
	return out
}

// anchoredStart returns the runes a match of pattern, which begins with
// ^, can begin with, or nil when pattern is not ^ followed by a
// pattern [startRunes] can read.
func anchoredStart(pattern string) *startSet {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 || re.Sub[0].Op != syntax.OpBeginText {
		return nil
	}
	rest := &syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags, Sub: re.Sub[1:]}
	prog, err := syntax.Compile(rest)
	if err != nil {
		return nil
	}
	set := new(startSet)
	if !startRunes(prog, set) {
		return nil
	}
	return set
}
