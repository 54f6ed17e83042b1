package extract

import (
	"regexp"
	"regexp/syntax"
	"unicode/utf8"
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
	// next[k] holds the runes that can stand at rune k+1 of a match
	// (nil: any), for the first runes that every match has: a position
	// whose next runes are not in them begins no match, and is not
	// tried.
	next []*runeSet
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
	// Up to twelve runes: the first runes of a time expression
	// (2019年1-7月) reject most of the starts where the regexp would
	// be tried and fail; with four, BenchmarkTimes ran 13% more
	// instructions. The sets cost 8 KiB each (48 for the built-in
	// rules).
	a.next = nextRunes(prog, 12)
	return a
}

// nextRunes returns, for the runes 2 to n of a match of prog, the runes
// each can be (nil: any), up to the first rune a match may end before.
func nextRunes(prog *syntax.Prog, n int) []*runeSet {
	var out []*runeSet
	cur := []uint32{uint32(prog.Start)}
	for step := 0; step < n; step++ {
		runes, ok := runeInsts(prog, cur)
		if !ok {
			break
		}
		if step > 0 {
			set := new(runeSet)
			for _, pc := range runes {
				if set != nil && !addInstRunes(&prog.Inst[pc], set) {
					set = nil
				}
			}
			out = append(out, set)
		}
		cur = cur[:0]
		for _, pc := range runes {
			cur = append(cur, prog.Inst[pc].Out)
		}
		if len(cur) == 0 {
			break
		}
	}
	return out
}

// addInstRunes adds the runes a rune instruction matches to set; it
// returns false when they are not few runes of the BMP.
func addInstRunes(in *syntax.Inst, set *runeSet) bool {
	switch in.Op {
	case syntax.InstRune, syntax.InstRune1:
		if syntax.Flags(in.Arg)&syntax.FoldCase != 0 && in.Op == syntax.InstRune {
			return false
		}
		if len(in.Rune) == 1 {
			if in.Rune[0] >= 1<<16 {
				return false
			}
			set.add(in.Rune[0])
			return true
		}
		for i := 0; i+1 < len(in.Rune); i += 2 {
			if in.Rune[i+1] >= 1<<16 || in.Rune[i+1]-in.Rune[i] > 1<<12 {
				return false
			}
			for r := in.Rune[i]; r <= in.Rune[i+1]; r++ {
				set.add(r)
			}
		}
		return true
	}
	return false
}

// mayBegin reports whether a match may begin s, which begins with a rune
// of a.first of the given size: false when a rune after it cannot stand
// there in any match.
func (a *anchoredRE) mayBegin(s string, size int) bool {
	i := size
	for _, set := range a.next {
		if i >= len(s) {
			return false // every match is longer
		}
		// Decoded as decodeRune would, ASCII and three-byte runes here.
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			if c, ok := rune3(s, i); ok {
				r, n = c, 3
			} else {
				r, n = decodeRune(s[i:])
			}
		}
		if set != nil && !set.has(r) {
			return false
		}
		i += n
	}
	return true
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
	runes, ok := runeInsts(prog, []uint32{uint32(prog.Start)})
	if !ok {
		return false
	}
	for _, pc := range runes {
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstRune:
			if syntax.Flags(in.Arg)&syntax.FoldCase != 0 {
				return false
			}
			if len(in.Rune) == 1 {
				set.add(in.Rune[0], in.Rune[0])
				continue
			}
			for i := 0; i+1 < len(in.Rune); i += 2 {
				if in.Rune[i+1] >= 1<<16 || in.Rune[i+1]-in.Rune[i] > 1<<12 {
					return false
				}
				set.add(in.Rune[i], in.Rune[i+1])
			}
		case syntax.InstRune1:
			set.add(in.Rune[0], in.Rune[0])
		default: // any rune
			return false
		}
	}
	return true
}

// runeInsts returns the rune instructions of prog reachable from the
// instructions at pcs without reading input. It returns false when a
// match may end on the way or an empty-width assertion stands there.
func runeInsts(prog *syntax.Prog, pcs []uint32) (runes []uint32, ok bool) {
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
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			runes = append(runes, pc)
			return true
		case syntax.InstFail:
			return true // this path matches nothing
		}
		return false // InstMatch, InstEmptyWidth
	}
	ok = true
	for _, pc := range pcs {
		ok = walk(pc) && ok
	}
	return runes, ok
}

// findAll appends the matches of a in s, as a.re's unanchored form's
// FindAllStringSubmatchIndex(s, -1) would return them.
func (a *anchoredRE) findAll(s string, out [][]int) [][]int {
	for i := 0; i < len(s); {
		r, size := decodeRune(s[i:])
		if !a.first.has(r) || !a.mayBegin(s[i:], size) {
			i += size
			continue
		}
		m := a.re.FindStringSubmatchIndex(s[i:])
		if m == nil {
			i += size
			continue
		}
		out = append(out, shiftMatch(m, i))
		i = m[1]
	}
	return out
}

// findAt is findAll over s, the text from offset base of a sentence
// whose starts of a's first runes are hits, in order: it tries a only at
// the hits inside s that start one of the patterns or not_time patterns
// of want, which are the positions findAll would try. from is an index
// of hits at or before the first hit inside s; findAt returns, with the
// matches, the index of the first hit after s, where a caller that walks
// windows in text order starts the next one (one pass over hits instead
// of a search per window).
func (a *anchoredRE) findAt(s string, base int, hits []startHit, from int, want startBits, out [][]int) ([][]int, int) {
	k := from
	for k < len(hits) && hits[k].at < base {
		k++
	}
	next := 0
	for ; k < len(hits); k++ {
		h := &hits[k]
		i := h.at - base
		if i >= len(s) {
			break
		}
		if i < next || h.pats&want.pats == 0 && h.not&want.not == 0 || !a.mayBegin(s[i:], h.size) {
			continue
		}
		m := a.re.FindStringSubmatchIndex(s[i:])
		if m == nil {
			continue
		}
		out = append(out, shiftMatch(m, i))
		next = m[1]
	}
	return out, k
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

// shiftMatch moves the offsets of a submatch index found in s[i:] onto s.
func shiftMatch(m []int, i int) []int {
	for k := range m {
		if m[k] >= 0 {
			m[k] += i
		}
	}
	return m
}
