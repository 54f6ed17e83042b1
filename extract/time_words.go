package extract

import (
	"cmp"
	"iter"
	"math/bits"
	"regexp/syntax"
	"slices"
	"unicode/utf8"
)

// localScratch is the reusable memory of [localScratch.resolve]. The
// slice resolve returns is valid until its next call.
type localScratch struct {
	order, won []int
	ranked     []rankedIdx
	keys       []uint64
	mins       []uint64 // sortKeys' memory
	merge      []uint64
}

// resolve is [Resolve] for many candidates of which few overlap: it
// splits them into groups of overlapping spans, lets a candidate that
// overlaps none win at once and resolves each group on its own, which
// decides exactly as one Resolve over all of them would. It returns the
// winners' indexes in text order. unique tells that no two of cs have the
// same span: their order by span is then one, whichever way it is sorted.
func (l *localScratch) resolve(cs []contender, unique bool) []int {
	order := l.order[:0]
	for i := range cs {
		order = append(order, i)
	}
	if !unique || !l.sortPacked(cs, order) {
		slices.SortFunc(order, func(a, b int) int { return compareSpans(&cs[a].Span, &cs[b].Span) })
	}
	won := l.won[:0]
	for g := 0; g < len(order); {
		// order[g:h] is one group of overlapping spans.
		h, end := g+1, cs[order[g]].End
		for h < len(order) && cs[order[h]].Start < end {
			end = max(end, cs[order[h]].End)
			h++
		}
		if h == g+1 {
			cs[order[g]].won = true
			won = append(won, order[g])
		} else {
			won = resolveGroup(cs, order[g:h], won, &l.ranked)
		}
		g = h
	}
	if !unique || !l.sortPacked(cs, won) {
		slices.SortFunc(won, func(a, b int) int { return compareSpans(&cs[a].Span, &cs[b].Span) })
	}
	l.order, l.won = order, won
	return won
}

// sortPacked sorts idx by the spans of cs, packing start, length and
// index into one integer so that the sort compares integers; it returns
// false, leaving idx as it was, when a value does not fit.
func (l *localScratch) sortPacked(cs []contender, idx []int) bool {
	keys := l.keys[:0]
	for _, i := range idx {
		sp := cs[i].Span
		if uint(sp.Start) >= 1<<24 || uint(sp.End-sp.Start) >= 1<<16 || uint(i) >= 1<<24 {
			return false
		}
		keys = append(keys, uint64(sp.Start)<<40|uint64(sp.End-sp.Start)<<24|uint64(i))
	}
	l.sortKeys(keys)
	for k, key := range keys {
		idx[k] = int(key & (1<<24 - 1))
	}
	l.keys = keys
	return true
}

// sortKeys sorts keys, which are distinct. Candidates come sentence by
// sentence, and those of one sentence lie before the next one's, so the
// keys fall into blocks that each hold the keys of one stretch of text:
// a block ends where every key before it is less than every key after
// it, and sorting each block alone sorts them all at a fraction of the
// comparisons. Names found again come last, in text order: a sorted
// tail, merged in at the end.
func (l *localScratch) sortKeys(keys []uint64) {
	p := len(keys) - 1
	for p > 0 && keys[p-1] < keys[p] {
		p--
	}
	if p <= 0 {
		return // sorted
	}
	head := keys[:p]
	mins := slices.Grow(l.mins[:0], p)[:p] // mins[i]: the least of head[i:]
	m := ^uint64(0)
	for i := p - 1; i >= 0; i-- {
		m = min(m, head[i])
		mins[i] = m
	}
	l.mins = mins
	lo, most := 0, uint64(0)
	for i, k := range head {
		most = max(most, k)
		if i+1 == p || most < mins[i+1] {
			slices.Sort(head[lo : i+1])
			lo = i + 1
		}
	}
	if head[p-1] < keys[p] {
		return
	}
	// Merge the tail in: writing keys[k] never overtakes reading
	// keys[j], as k = i + j - p.
	buf := append(l.merge[:0], head...)
	l.merge = buf
	i, j, k := 0, p, 0
	for i < len(buf) && j < len(keys) {
		if buf[i] < keys[j] {
			keys[k] = buf[i]
			i++
		} else {
			keys[k] = keys[j]
			j++
		}
		k++
	}
	copy(keys[k:], buf[i:])
}

// compareSpans orders spans by start, then end.
func compareSpans(a, b *Span) int {
	if a.Start != b.Start {
		return cmp.Compare(a.Start, b.Start)
	}
	return cmp.Compare(a.End, b.End)
}

// wordIndex finds the words of a vocabulary in text, longest first at each
// position. A lookup costs one bit test per character and, only where a
// word can start, a second bit test keyed by the first two characters and
// then, only where that passes, one map access: rule vocabularies have
// hundreds to thousands of words, and a regexp alternation of them would
// run at a few MB/s.
type wordIndex struct {
	first runeSet
	// begin holds the first two bytes of the words (a one-byte word
	// any second byte), a test that needs no decoding.
	begin [1 << 16 / 64]uint64
	one   runeSet // runes that are a word of their own
	// pairBits is a Bloom filter of the pairs' keys: a clear bit means
	// no word begins with the pair.
	pairBits *[pairBloomSize / 64]uint64
	pairs    map[uint64][]int // word indexes by first two runes, longest first
	ones     map[rune]int     // one-rune words
	// starts lists word indexes by first rune, longest first, for
	// callers that walk them (suffix matching).
	starts map[rune][]int
	exact  map[string]int // word → index
	words  []string
	data   []int // caller's payload for each word
}

// pairBloomSize is the number of bits of a wordIndex's pair filter: for
// the few thousand pairs of a gazetteer it rejects all but a few percent
// of the pairs of running text.
const pairBloomSize = 1 << 17

func pairBloomBit(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> (64 - 17) }

// runeSet is a bitmap over the Basic Multilingual Plane, where every
// Chinese character of running text lies; runes above it are never in it.
type runeSet [1 << 16 / 64]uint64

func (s *runeSet) add(r rune) {
	if r >= 0 && r < 1<<16 {
		s[r>>6] |= 1 << (uint(r) & 63)
	}
}

func (s *runeSet) has(r rune) bool {
	return uint32(r) < 1<<16 && s[uint32(r)>>6]&(1<<(uint32(r)&63)) != 0
}

// runes yields the runes of s in order.
func (s *runeSet) runes() iter.Seq[rune] {
	return func(yield func(rune) bool) {
		for w, word := range s {
			for word != 0 {
				if !yield(rune(w<<6 | bits.TrailingZeros64(word))) {
					return
				}
				word &= word - 1
			}
		}
	}
}

// wordSet is a set of words whose lookups mostly cost a bit test: a
// word is looked up in a map only when its first two runes begin one.
type wordSet struct {
	idx *wordIndex
	// odd holds the words idx cannot: the empty word and words that do
	// not begin with a valid rune.
	odd map[string]bool
}

func newWordSet() *wordSet { return &wordSet{idx: newWordIndex(), odd: map[string]bool{}} }

func (s *wordSet) add(w string) {
	if r, _ := utf8.DecodeRuneInString(w); r == utf8.RuneError {
		s.odd[w] = true
		return
	}
	s.idx.add(w, 0)
}

func (s *wordSet) has(w string) bool {
	return s.idx.mayBegin(w) && s.idx.lookup(w) >= 0 || len(s.odd) > 0 && s.odd[w]
}

// runeSlots numbers the runes of a set in rune order, so that a table
// indexed by slot replaces a map keyed by rune.
type runeSlots struct {
	set  runeSet
	rank [len(runeSet{}) + 1]int32 // rank[i]: the runes of set[:i]
}

// index computes the slots after the set's runes are added.
func (s *runeSlots) index() {
	for i, w := range s.set {
		s.rank[i+1] = s.rank[i] + int32(bits.OnesCount64(w))
	}
}

// len is the number of runes, and of slots.
func (s *runeSlots) len() int { return int(s.rank[len(s.set)]) }

// slot returns r's slot, or -1 when r is not in the set.
func (s *runeSlots) slot(r rune) int {
	if !s.set.has(r) {
		return -1
	}
	w := uint32(r) >> 6
	return int(s.rank[w]) + bits.OnesCount64(s.set[w]&(1<<(uint32(r)&63)-1))
}

// lead3 holds the lead bytes of three-byte runes, E1 to EF but ED,
// after which any two continuation bytes make a valid rune.
var lead3 = func() (t [256]bool) {
	for b := 0xE1; b <= 0xEF; b++ {
		t[b] = b != 0xED
	}
	return t
}()

func newWordIndex() *wordIndex {
	return &wordIndex{pairBits: new([pairBloomSize / 64]uint64), pairs: map[uint64][]int{}, ones: map[rune]int{},
		starts: map[rune][]int{}, exact: map[string]int{}}
}

func pairKey(a, b rune) uint64 { return uint64(a)<<32 | uint64(uint32(b)) }

// add adds a word with a payload. A word added twice keeps its first
// payload.
func (x *wordIndex) add(w string, data int) {
	r, n := utf8.DecodeRuneInString(w)
	if w == "" || r == utf8.RuneError {
		return
	}
	if _, ok := x.exact[w]; ok {
		return
	}
	id := len(x.words)
	x.first.add(r)
	if len(w) == 1 {
		for b := range 256 {
			k := uint32(w[0])<<8 | uint32(b)
			x.begin[k>>6] |= 1 << (k & 63)
		}
	} else {
		k := uint32(w[0])<<8 | uint32(w[1])
		x.begin[k>>6] |= 1 << (k & 63)
	}
	x.words = append(x.words, w)
	x.data = append(x.data, data)
	x.exact[w] = id
	longest := func(ids []int) []int {
		slices.SortStableFunc(ids, func(a, b int) int { return len(x.words[b]) - len(x.words[a]) })
		return ids
	}
	x.starts[r] = longest(append(x.starts[r], id))
	if n == len(w) {
		x.ones[r] = id
		x.one.add(r)
		return
	}
	r2, _ := utf8.DecodeRuneInString(w[n:])
	k := pairKey(r, r2)
	b := pairBloomBit(k)
	x.pairBits[b>>6] |= 1 << (b & 63)
	x.pairs[k] = longest(append(x.pairs[k], id))
}

// mayBegin reports whether a word may begin s: false when none can.
func (x *wordIndex) mayBegin(s string) bool {
	var k uint32
	switch len(s) {
	case 0:
		return false
	case 1:
		k = uint32(s[0]) << 8
	default:
		k = uint32(s[0])<<8 | uint32(s[1])
	}
	return x.begin[k>>6]&(1<<(k&63)) != 0
}

// lookup returns the index of the word w, or -1.
func (x *wordIndex) lookup(w string) int {
	if !x.mayBegin(w) {
		return -1
	}
	r, ok := rune3(w, 0)
	n := 3
	if !ok {
		r, n = decodeRune(w)
	}
	if !x.first.has(r) {
		return -1
	}
	if n == len(w) {
		if !x.one.has(r) {
			return -1
		}
	} else {
		r2, ok := rune3(w, n)
		if !ok {
			r2, _ = decodeRune(w[n:])
		}
		b := pairBloomBit(pairKey(r, r2))
		if x.pairBits[b>>6]&(1<<(b&63)) == 0 {
			return -1
		}
	}
	if id, ok := x.exact[w]; ok {
		return id
	}
	return -1
}

// at returns the indexes of the words that start at text[i:], longest
// first, appended to buf.
func (x *wordIndex) at(text string, i int, buf []int) []int {
	if i >= len(text) {
		return buf
	}
	// The common case, two three-byte runes, without decoding calls.
	if i+6 <= len(text) {
		if w, ok := cjkWord(text[i], text[i+1], text[i+2]); ok {
			if x.first[w]&(1<<(text[i+2]&0x3F)) == 0 {
				return buf // most positions begin no word
			}
			r := rune(w<<6 | uint32(text[i+2]&0x3F))
			if w2, ok := cjkWord(text[i+3], text[i+4], text[i+5]); ok {
				r2 := rune(w2<<6 | uint32(text[i+5]&0x3F))
				buf = x.pairAt(text[i:], pairKey(r, r2), buf)
				if x.one.has(r) {
					if id, ok := x.ones[r]; ok {
						buf = append(buf, id)
					}
				}
				return buf
			}
			return x.atRune(text, i, r, buf)
		}
	}
	r, _ := decodeRune(text[i:])
	return x.atRune(text, i, r, buf)
}

// mayStartAt reports whether a word may begin at text[i:]: false for a
// three-byte rune no word begins with, true otherwise.
func (x *wordIndex) mayStartAt(text string, i int) bool {
	if i+2 >= len(text) || text[i]&0xF0 != 0xE0 {
		return true
	}
	return x.first[uint32(text[i]&0x0F)<<6|uint32(text[i+1]&0x3F)]&(1<<(text[i+2]&0x3F)) != 0
}

// cjkWord reports whether b0 b1 b2 are a valid three-byte UTF-8
// sequence and returns the index of its rune's word in a runeSet.
func cjkWord(b0, b1, b2 byte) (uint32, bool) {
	// The range of b1 by table, in one subtraction and comparison, and
	// no branches: the hot loops test every token's first rune so.
	r := second3[b0]
	ok := b1-byte(r) < byte(r>>8) && b2^0x80 < 0x40
	return uint32(b0&0x0F)<<6 | uint32(b1&0x3F), ok
}

// second3 holds, for each lead byte of three-byte runes, the second
// bytes it takes: the lowest in the low byte, their number in the high
// byte; 0 for the other bytes.
var second3 = func() (t [256]uint16) {
	for b := 0xE0; b <= 0xEF; b++ {
		lo, hi := 0x80, 0xBF
		switch b {
		case 0xE0:
			lo = 0xA0 // not overlong
		case 0xED:
			hi = 0x9F // not a surrogate
		}
		t[b] = uint16(lo) | uint16(hi-lo+1)<<8
	}
	return t
}()

// pairAt appends the words of the pair k that begin rest.
func (x *wordIndex) pairAt(rest string, k uint64, buf []int) []int {
	if b := pairBloomBit(k); x.pairBits[b>>6]&(1<<(b&63)) != 0 {
		for _, id := range x.pairs[k] {
			w := x.words[id]
			if len(w) <= len(rest) && rest[:len(w)] == w {
				buf = append(buf, id)
			}
		}
	}
	return buf
}

// atRune is at for a caller that has decoded the rune at text[i:].
func (x *wordIndex) atRune(text string, i int, r rune, buf []int) []int {
	if !x.first.has(r) {
		return buf
	}
	rest := text[i:]
	if n := utf8.RuneLen(r); n > 0 && n < len(rest) {
		r2, _ := decodeRune(rest[n:])
		buf = x.pairAt(rest, pairKey(r, r2), buf)
	}
	if x.one.has(r) {
		if id, ok := x.ones[r]; ok {
			buf = append(buf, id)
		}
	}
	return buf
}

// atPair is atRune for a caller that has decoded the rune r that rest
// begins with and, when a rune follows it (more), made the key k of the
// two. pt is x's pairs as a pairTable, whose slots hold the words: two
// indexes looked up at the same position decode the runes once.
func (x *wordIndex) atPair(rest string, r rune, k uint64, more bool, pt *pairTable, buf []int) []int {
	if !x.first.has(r) {
		return buf
	}
	if more {
		if b := pairBloomBit(k); x.pairBits[b>>6]&(1<<(b&63)) != 0 {
			buf = pt.at(rest, k, buf)
		}
	}
	if x.one.has(r) {
		if id, ok := x.ones[r]; ok {
			buf = append(buf, id)
		}
	}
	return buf
}

// rune3 decodes the rune at s[i:] when it is three bytes long, as most
// of Chinese text's are; ok is false for any other: small enough to be
// inlined where decodeRune, which is not, would be called for every
// rune.
func rune3(s string, i int) (r rune, ok bool) {
	if i+2 >= len(s) {
		return 0, false
	}
	b0, b1, b2 := s[i], s[i+1], s[i+2]
	t := second3[b0] // as cjkWord tests them
	return rune(b0&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F), b1-byte(t) < byte(t>>8) && b2^0x80 < 0x40
}

// decodeRune is [utf8.DecodeRuneInString] with the three-byte sequences
// of Chinese text decoded inline.
func decodeRune(s string) (rune, int) {
	if len(s) > 0 && s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	if len(s) > 2 {
		if c := uint32(s[0])<<16 | uint32(s[1])<<8 | uint32(s[2]); c&0xF0C0C0 == 0xE08080 {
			// Not overlong, not a surrogate.
			if r := rune(c>>4&0xF000 | c>>2&0xFC0 | c&0x3F); r >= 0x800 && uint32(r-0xD800) >= 0x800 {
				return r, 3
			}
		}
	}
	return decodeRuneSlow(s)
}

//go:noinline
func decodeRuneSlow(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

// decodeLastRune is utf8.DecodeLastRuneInString without its calls where
// the last rune is ASCII or three bytes, as nearly all of a report's
// are: the quantity extractor looks back from every number and context
// word.
func decodeLastRune(s string) (rune, int) {
	n := len(s)
	if n > 0 && s[n-1] < utf8.RuneSelf {
		return rune(s[n-1]), 1
	}
	if n >= 3 {
		t := s[n-3:]
		if w, ok := cjkWord(t[0], t[1], t[2]); ok {
			return rune(w<<6 | uint32(t[2]&0x3F)), 3
		}
	}
	return decodeLastRuneSlow(s)
}

//go:noinline
func decodeLastRuneSlow(s string) (rune, int) { return utf8.DecodeLastRuneInString(s) }

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

// requiredSets returns rune sets of which every match of the pattern
// holds a rune of each: those of the parts of a concatenation, else the
// one of patternTrigger; nil when there is none.
func requiredSets(pattern string) [][]rune {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	if re.Op == syntax.OpConcat {
		var sets [][]rune
		for _, sub := range re.Sub {
			if rs, ok := requiredRunes(sub); ok {
				sets = append(sets, rs)
			}
		}
		return sets
	}
	if rs, ok := requiredRunes(re); ok {
		return [][]rune{rs}
	}
	return nil
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

// runeCount is [utf8.RuneCountInString], which decodes every rune with
// a call, with the three-byte runes of Chinese counted inline.
func runeCount(s string) int {
	n := 0
	for i := 0; i < len(s); n++ {
		if b0 := s[i]; b0 < utf8.RuneSelf {
			i++
		} else if i+2 < len(s) && lead3[b0] && (s[i+1]^0x80)|(s[i+2]^0x80) < 0x40 {
			i += 3
		} else {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
	}
	return n
}
