package extract

import (
	"cmp"
	"regexp/syntax"
	"slices"
	"unicode/utf8"
)

// resolveLocal is [Resolve] for many candidates of which few overlap: it
// splits them into groups of overlapping spans, lets a candidate that
// overlaps none win at once and runs Resolve on each group, which decides
// exactly as one Resolve over all of them would. It returns the winners'
// indexes in text order.
func resolveLocal(cs []Candidate) []int {
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(cs[a].Start, cs[b].Start), cmp.Compare(cs[a].End, cs[b].End))
	})
	var won []int
	var group []Candidate
	var groupIdx []int
	flush := func() {
		switch len(groupIdx) {
		case 0:
		case 1:
			cs[groupIdx[0]].Won = true
			won = append(won, groupIdx[0])
		default:
			group = group[:0]
			for _, i := range groupIdx {
				group = append(group, cs[i])
			}
			for _, w := range Resolve(group) {
				won = append(won, groupIdx[w])
			}
			for k, i := range groupIdx {
				cs[i] = group[k]
			}
		}
		groupIdx = groupIdx[:0]
	}
	end := -1
	for _, i := range order {
		if cs[i].Start >= end {
			flush()
		}
		groupIdx = append(groupIdx, i)
		end = max(end, cs[i].End)
	}
	flush()
	slices.SortFunc(won, func(a, b int) int {
		return cmp.Or(cmp.Compare(cs[a].Start, cs[b].Start), cmp.Compare(cs[a].End, cs[b].End))
	})
	return won
}

// wordIndex finds the words of a vocabulary in text, longest first at each
// position. A lookup costs one bit test per character and, only where a
// word can start, one map access keyed by the first two characters: rule
// vocabularies have hundreds to thousands of words, and a regexp
// alternation of them would run at a few MB/s.
type wordIndex struct {
	first runeSet
	pairs map[uint64][]int // word indexes by first two runes, longest first
	ones  map[rune]int     // one-rune words
	// starts lists word indexes by first rune, longest first, for
	// callers that walk them (suffix matching).
	starts map[rune][]int
	words  []string
	data   []int // caller's payload for each word
}

// runeSet is a bitmap over the Basic Multilingual Plane, where every
// Chinese character of running text lies; runes above it are never in it.
type runeSet [1 << 16 / 64]uint64

func (s *runeSet) add(r rune) {
	if r >= 0 && r < 1<<16 {
		s[r>>6] |= 1 << (uint(r) & 63)
	}
}

func (s *runeSet) has(r rune) bool {
	return r >= 0 && r < 1<<16 && s[r>>6]&(1<<(uint(r)&63)) != 0
}

func newWordIndex() *wordIndex {
	return &wordIndex{pairs: map[uint64][]int{}, ones: map[rune]int{}, starts: map[rune][]int{}}
}

func pairKey(a, b rune) uint64 { return uint64(a)<<32 | uint64(uint32(b)) }

// add adds a word with a payload. A word added twice keeps its first
// payload.
func (x *wordIndex) add(w string, data int) {
	r, n := utf8.DecodeRuneInString(w)
	if w == "" || r == utf8.RuneError {
		return
	}
	for _, i := range x.starts[r] {
		if x.words[i] == w {
			return
		}
	}
	id := len(x.words)
	x.first.add(r)
	x.words = append(x.words, w)
	x.data = append(x.data, data)
	longest := func(ids []int) []int {
		slices.SortStableFunc(ids, func(a, b int) int { return len(x.words[b]) - len(x.words[a]) })
		return ids
	}
	x.starts[r] = longest(append(x.starts[r], id))
	if n == len(w) {
		x.ones[r] = id
		return
	}
	r2, _ := utf8.DecodeRuneInString(w[n:])
	k := pairKey(r, r2)
	x.pairs[k] = longest(append(x.pairs[k], id))
}

// at returns the indexes of the words that start at text[i:], longest
// first, appended to buf.
func (x *wordIndex) at(text string, i int, buf []int) []int {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return x.atRune(text, i, r, buf)
}

// atRune is at for a caller that has decoded the rune at text[i:].
func (x *wordIndex) atRune(text string, i int, r rune, buf []int) []int {
	if !x.first.has(r) {
		return buf
	}
	rest := text[i:]
	if n := utf8.RuneLen(r); n > 0 && n < len(rest) {
		r2, _ := utf8.DecodeRuneInString(rest[n:])
		for _, id := range x.pairs[pairKey(r, r2)] {
			w := x.words[id]
			if len(w) <= len(rest) && rest[:len(w)] == w {
				buf = append(buf, id)
			}
		}
	}
	if id, ok := x.ones[r]; ok {
		buf = append(buf, id)
	}
	return buf
}

// requiredRunes returns a set of runes one of which every match of re
// contains, or ok false when there is no such small set (a pattern that
// can match the empty string or any character). Extractors test a
// sentence for these runes before running the pattern over it, which
// skips most sentences for most patterns.
func requiredRunes(re *syntax.Regexp) (rs []rune, ok bool) {
	const most = 48
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 || re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return re.Rune[:1], true
	case syntax.OpCharClass:
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
			if n > most {
				return nil, false
			}
		}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				rs = append(rs, r)
			}
		}
		return rs, len(rs) > 0
	case syntax.OpCapture:
		return requiredRunes(re.Sub[0])
	case syntax.OpPlus:
		return requiredRunes(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min < 1 {
			return nil, false
		}
		return requiredRunes(re.Sub[0])
	case syntax.OpConcat:
		// Any required part will do; the rarest set filters best. Of
		// equals the last wins: Chinese time and name patterns end in
		// their head (年, 月, 大学), which keeps windows short.
		var best []rune
		found := false
		for _, s := range re.Sub {
			if r, ok := requiredRunes(s); ok && (!found || runeCost(r) <= runeCost(best)) {
				best, found = r, true
			}
		}
		return best, found
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			r, ok := requiredRunes(s)
			if !ok {
				return nil, false
			}
			rs = append(rs, r...)
		}
		if len(rs) > most {
			return nil, false
		}
		return rs, true
	}
	return nil, false
}

// runeCost estimates how often a text holds one of rs: ASCII digits and
// letters are everywhere in reports, so they count as ten others.
func runeCost(rs []rune) int {
	n := 0
	for _, r := range rs {
		if r < 128 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			n += 10
		} else {
			n++
		}
	}
	return n
}

// patternTrigger returns the runes that must occur in any match of the
// pattern, or nil when every text must be tried.
func patternTrigger(pattern string) []rune {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	rs, ok := requiredRunes(re.Simplify())
	if !ok {
		return nil
	}
	return rs
}
