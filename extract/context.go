package extract

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/baogao/baogao/segment"
)

// This file gives a figure its context: change and basis from the words
// before it in its clause, period from the times before it in its
// paragraph, indicator and subject from the clause's words.
//
// A clause runs from the last ，；：、。 (or the sentence start) to the
// figure. The heuristics, in order:
//
//   - change: the nearest change word in the clause that ends a word of
//     the text (so 增加值 is not 增加); a "level" context word right after
//     it (增长到, 降至) makes the figure a level again.
//   - basis: the nearest basis word in the clause; a word whose value ends
//     in ':' (较, 比) needs a year right after it, giving vs:YYYY.
//   - period: the nearest time before the figure in the same sentence or
//     an earlier sentence of the same paragraph, with a value, that is not
//     a basis year (较2018年). Without times from the time extractor, plain
//     years (2019年, 2019年底) are read here.
//   - indicator and subject: the clause's words, with link words, change
//     and basis words, adverbs and particles stripped from its end, split
//     at its last verb: the words before are the subject, the words after
//     the indicator (全区工业企业 | 实现的 | 利润总额 | 达到 | 36.83亿元). A
//     list before 等 is dropped (…等高等院校 → 高等院校). With no
//     indicator, the nouns after the figure are used (4座智能化工厂); with
//     neither, or no subject, the paragraph's previous figure lends its own.

// period is a time that can be a figure's period.
type period struct {
	start, end int
	value      string
	para       int
	basisYear  bool // written after 较/比: a basis, not a period
}

// periods appends to out the times of d that can be periods, in text
// order.
func (q *Quantities) periods(d *Doc, r *Records, out []period) []period {
	text := d.Text
	isBasis := func(start, lower int) bool {
		st, _ := q.ctxBack.longestBack(text, start, lower)
		return st >= 0
	}
	if len(r.Times) > 0 {
		out = slices.Grow(out, len(r.Times))
		for _, t := range r.Times {
			if t.Value == "" || t.Granularity == "relative" || t.Sentence < 0 || t.Sentence >= len(d.Sentences) {
				continue
			}
			s := d.Sentences[t.Sentence]
			out = append(out, period{t.Start, t.End, t.Value, s.Paragraph, isBasis(t.Start, s.Start)})
		}
		slices.SortStableFunc(out, func(a, b period) int { return a.start - b.start })
		return out
	}
	// Fallback: four digits for a year, then a period word of the context
	// rules (年, 年底 …).
	for _, s := range d.Sentences {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			continue
		}
		for i := s.Start; i < s.End; {
			c, size := utf8.DecodeRuneInString(text[i:s.End])
			if asciiDigit(c) < 0 {
				i += size
				continue
			}
			j, n := i, 0
			var year [4]byte
			for j < s.End {
				c2, s2 := utf8.DecodeRuneInString(text[j:s.End])
				d := asciiDigit(c2)
				if d < 0 {
					break
				}
				if n < 4 {
					year[n] = byte('0' + d)
				}
				n++
				j += s2
			}
			if n == 4 && (year[0] == '1' && year[1] == '9' || year[0] == '2' && year[1] == '0') {
				if e, vals := q.ctx.longest(text, j, s.End); e > 0 {
					for _, vi := range vals {
						if v := q.vocab[vi].value; strings.HasPrefix(v, "period:") {
							out = append(out, period{i, e, string(year[:]) + strings.TrimPrefix(v, "period:"), s.Paragraph, isBasis(i, s.Start)})
							break
						}
					}
				}
			}
			i = j
		}
	}
	return out
}

// clauseStart returns where the clause holding pos begins. With list
// false, an enumeration comma (、) does not end a clause.
func clauseStart(text string, lower, pos int, list bool) int {
	l, all := clauseStarts(text, lower, pos)
	if list {
		return l
	}
	return all
}

// clauseStarts returns where the clause holding pos begins, counting 、
// as a clause end (list) or not (all).
//
// It steps back a byte at a time rather than a rune, stopping only at the
// last byte of a clause end (see clauseEndByte): the ends are ASCII or
// the three-byte sequences below, and a rune-wise scan from pos lands at
// the end of every such sequence (no valid rune holds an ASCII byte or a
// lead byte inside it), so both find the same ends. Where eight bytes
// hold no ASCII byte and neither lead byte of the ends (EF, E3), as in
// most Chinese text, none of their last six bytes ends one, and it steps
// back six bytes at once.
func clauseStarts(text string, lower, pos int) (list, all int) {
	list = -1
	for i := pos; i > lower; {
		if i-8 >= lower {
			w := text[i-8 : i]
			v := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
				uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
			if v&highBits == highBits && !hasByte(v, 0xEF) && !hasByte(v, 0xE3) {
				i -= 6
				continue
			}
		}
		for stop := max(lower, i-6); i > stop; i-- {
			b := text[i-1]
			if !clauseEndByte[b] {
				continue
			}
			end, comma := b < utf8.RuneSelf, false
			switch {
			case end:
			case i-3 < lower:
			case text[i-3] == 0xEF && text[i-2] == 0xBC:
				// ，；：！？ (U+FF0C, U+FF1B, U+FF1A, U+FF01, U+FF1F)
				end = b == 0x8C || b == 0x9B || b == 0x9A || b == 0x81 || b == 0x9F
			case text[i-3] == 0xE3 && text[i-2] == 0x80:
				// 。 (U+3002) and 、 (U+3001)
				end, comma = b == 0x82, b == 0x81
			}
			if end {
				if list < 0 {
					list = i
				}
				return list, i
			}
			if comma && list < 0 {
				list = i
			}
		}
	}
	if list < 0 {
		list = lower
	}
	return list, lower
}

// highBits has the high bit of each byte of a word.
const highBits = 0x8080808080808080

// hasByte reports whether a byte of v is b.
func hasByte(v uint64, b byte) bool {
	x := v ^ (0x0101010101010101 * uint64(b))
	return (x-0x0101010101010101)&^x&highBits != 0
}

// clauseEndByte holds the bytes a clause end can end with: the ASCII
// ends and the last bytes of the full-width ones.
var clauseEndByte = func() (t [256]bool) {
	for _, c := range ",;:!?\n，；：！？。、" {
		var b [utf8.UTFMax]byte
		n := utf8.EncodeRune(b[:], c)
		t[b[n-1]] = true
	}
	return t
}()

// clauseEnd returns where the clause holding pos ends.
func clauseEnd(text string, pos, upper int) int {
	for i := pos; i < upper; {
		c, size := utf8.DecodeRuneInString(text[i:upper])
		switch c {
		case '，', ',', '；', ';', '：', ':', '。', '、', '！', '？', '!', '?', '\n':
			return i
		}
		i += size
	}
	return upper
}

// context fills the change, basis, period, indicator and subject of qt.
func (x *run) context(si int, s *segment.Sentence, qt *Quantity) {
	text := x.d.Text
	q := x.q
	cs, csAll := clauseStarts(text, s.Start, qt.Start)

	perAt := -1
	// Words are looked up only where one can begin: at the sentence's
	// scan hits of their first runes in the clause. The clause begins
	// after a clause end and the figure, as each word, ends with a rune
	// as the scan decoded them.
	hits, bit := x.hits, q.ctxBit
	lo, hi, rel := 0, len(hits), uint32(csAll-s.Start)
	for lo < hi { // the first hit in the clause
		m := int(uint(lo+hi) >> 1)
		if hits[m].at < rel {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for k, next := lo, csAll; k < len(hits); k++ {
		h := &hits[k]
		i := s.Start + int(h.at)
		if i >= qt.Start {
			break
		}
		if h.sets&bit == 0 || i < next {
			continue
		}
		e, vals, _ := q.ctx.longestStep(text, i, qt.Start)
		if e < 0 {
			continue
		}
		next = e
		if hasFlag(q.vocab, vals, vfPer) {
			perAt = i
		}
		if i < cs {
			continue
		}
		for _, vi := range vals {
			v := &q.vocab[vi]
			switch {
			case v.flags&vfChange != 0:
				if e != qt.Start && !endsWord(s.Tokens, e) || x.levelAfter(e, qt.Start) {
					qt.Change = ""
					continue
				}
				qt.Change = v.value
			case v.flags&vfBasis != 0:
				if strings.HasSuffix(v.value, ":") {
					if y := x.yearAt(e); y != "" {
						qt.Basis = v.value + y
					}
					continue
				}
				qt.Basis = v.value
			}
		}
	}
	// The periods that begin after the figure end after it too.
	for k := x.periodIx.until(qt.Start+1) - 1; k >= 0; k-- {
		p := &x.periods[k]
		if p.end > qt.Start || p.para != s.Paragraph || p.basisYear {
			continue
		}
		qt.Period = p.value
		break
	}

	x.indicator(s, qt, perAt, csAll)
}

// levelAfter reports whether a level word (到, 至) follows a change word
// ending at e, after link words such as 了.
func (x *run) levelAfter(e, limit int) bool {
	text := x.d.Text
	for n := 0; n < 2 && e < limit; n++ {
		end, vals := x.q.ctx.longest(text, e, limit)
		if end < 0 {
			return false
		}
		if hasFlag(x.q.vocab, vals, vfLevel) {
			return true
		}
		if !hasFlag(x.q.vocab, vals, vfLink) {
			return false
		}
		e = end
	}
	return false
}

// yearAt returns the year of a time that begins at pos, or "".
func (x *run) yearAt(pos int) string {
	k := 0
	if x.periodIx.sorted {
		k = x.periodIx.until(pos)
	}
	for ; k < len(x.periods); k++ {
		p := &x.periods[k]
		if x.periodIx.sorted && p.start > pos {
			break
		}
		if p.start == pos && len(p.value) >= 4 && asciiDigit(rune(p.value[0])) >= 0 && asciiDigit(rune(p.value[3])) >= 0 {
			return p.value[:4]
		}
	}
	return ""
}

// tokenRange returns the tokens of toks inside [start, end).
func tokenRange(toks []segment.Token, start, end int) (int, int) {
	a := firstStartFrom(toks, start)
	b := a
	for b < len(toks) && toks[b].End <= end {
		b++
	}
	return a, b
}

func isVerb(pos string) bool { return strings.HasPrefix(pos, "v") && pos != "vn" }

func isNoun(pos string) bool {
	switch {
	case pos == "":
		return false
	case pos[0] == 'n', pos == "vn", pos == "l", pos == "j", pos == "b", pos == "an":
		return true
	}
	return false
}

// isPunct reports whether a token is punctuation.
func isPunct(t *segment.Token) bool { return t.Pos == "x" && punctText(t.Text) }

// punctText reports whether the text of a token tagged x is
// punctuation: not a digit or a Latin letter. It is apart from isPunct
// so that the test of the tag, which most tokens fail, is inlined.
func punctText(text string) bool {
	c, _ := decodeRune(text)
	return asciiDigit(c) < 0 && !(c < utf8.RuneSelf && (c|0x20 >= 'a' && c|0x20 <= 'z'))
}

// roleAt is role for the token k of the current sentence's, remembered
// for the sentence: the figures of a sentence ask again for the same
// tokens.
func (x *run) roleAt(toks []segment.Token, k int) role {
	if r := x.roles[k]; r != roleUnknown {
		return r
	}
	return x.newRole(toks, k)
}

// newRole is roleAt for a token not looked up yet, apart so that
// roleAt's test of what is remembered is inlined.
func (x *run) newRole(toks []segment.Token, k int) role {
	r := roleNone
	t := &toks[k]
	if vals := x.q.ctx.word(x.d.Text[t.Start:t.End]); len(vals) > 0 {
		r = x.q.vocab[vals[0]].role
	}
	x.roles[k] = r
	return r
}

func (x *run) indicator(s *segment.Sentence, qt *Quantity, perAt, cs int) {
	toks := s.Tokens
	if len(toks) == 0 {
		return
	}
	text := x.d.Text
	var prev *Quantity
	if n := len(x.r.Quantities); n > x.first {
		prev = &x.r.Quantities[n-1]
		// After a figure in the same clause, the clause restarts there:
		// 引进33个研发机构、12个服务机构.
		if prev.Sentence == qt.Sentence && prev.End > cs && prev.End <= qt.Start {
			cs = prev.End
		}
	}
	end := qt.Start
	if perAt >= cs {
		end = perAt
	}
	x.clauseTimes(cs, end)
	a, b := tokenRange(toks, cs, end)
	// Strip the clause's end: link, change and basis words, adverbs,
	// particles, prepositions, times.
	for b > a {
		t := &toks[b-1]
		switch x.roleAt(toks, b-1) {
		case roleLink, roleChange, roleBasis, roleLevel:
			b--
			continue
		}
		if !(t.Pos == "d" || t.Pos == "ul" || t.Pos == "uj" || t.Pos == "p" || t.Pos == "u" || t.Pos == "c" ||
			t.Pos == "zg" && utf8.RuneCountInString(t.Text) == 1 ||
			isPunct(t) || x.inTime(t.Start)) {
			break
		}
		b--
	}
	// Strip the clause's start: times, prepositions, adverbs, pronouns,
	// punctuation.
	for a < b {
		t := &toks[a]
		if !(x.inTime(t.Start) || t.Pos == "p" || t.Pos == "d" || t.Pos == "c" || t.Pos == "r" || isPunct(t) || t.Pos == "m" || t.Pos == "t") {
			break
		}
		a++
	}
	// What stays after a previous figure of the clause belongs to it when
	// it ends in a conjunction (33个研发机构、12个服务机构和22个众创团队).
	if prev != nil && cs == prev.End && a < b {
		if k, _ := tokenRange(toks, prev.End, qt.Start); k < len(toks) {
			a = b
		}
	}
	split := -1
	for k := b - 1; k >= a; k-- {
		r := x.roleAt(toks, k)
		if r == roleNoun {
			continue
		}
		if r == roleChange || isVerb(toks[k].Pos) {
			split = k
			break
		}
	}
	join := func(i, j int) string {
		for j > i && (toks[j-1].Pos == "uj" || toks[j-1].Pos == "d" || toks[j-1].Pos == "ul" || isPunct(&toks[j-1])) {
			j--
		}
		for i < j && (toks[i].Pos == "uj" || toks[i].Pos == "ul" || toks[i].Pos == "d" || toks[i].Pos == "p" || toks[i].Pos == "r" || isPunct(&toks[i])) {
			i++
		}
		if i >= j {
			return ""
		}
		return text[toks[i].Start:toks[j-1].End]
	}
	afterList := func(i, j int) int {
		for k := j - 1; k >= i; k-- {
			if toks[k].Pos == "u" && toks[k].Text == "等" {
				return k + 1
			}
		}
		return i
	}
	var subj, ind string
	if split >= 0 {
		subj = join(a, split)
		ind = join(afterList(split+1, b), b)
		if ind == "" && subj != "" && !x.atFigure(qt.End, s) {
			// 生猪出栏85万头: what stands before the verb is the
			// measured thing.
			ind, subj = subj, ""
		}
		if !x.hasNoun(a, split, toks) {
			subj = "" // 新改建: no noun, no subject
		}
	} else if a < b && (toks[a].Pos == "ns" || toks[a].Pos == "nt" || x.roleAt(toks, a) == roleScope) && b-a > 1 {
		// 全区上市民营企业: a scope or place first is the subject.
		subj = toks[a].Text
		ind = join(afterList(a+1, b), b)
	} else {
		ind = join(afterList(a, b), b)
	}
	if ind == "" {
		// The nouns after the figure: 4座智能化工厂.
		ce := clauseEnd(text, qt.End, s.End)
		k, e := tokenRange(toks, qt.End, ce)
		j := k
		for j < e && (isNoun(toks[j].Pos) || toks[j].Pos == "nr" || toks[j].Pos == "zg") {
			j++
		}
		if j > k {
			ind = text[toks[k].Start:toks[j-1].End]
		}
	}
	if ind == "" && prev != nil {
		ind = prev.Indicator
	}
	if subj == "" && prev != nil {
		subj = prev.Subject
	}
	if subj == "" {
		// A scope word, place or organisation earlier in the sentence:
		// the sentence's first, if every token up to it ends before the
		// figure.
		if !x.scopeDone {
			x.scopeDone, x.scope, x.scopeEnd = true, -1, 0
			for k := range toks {
				x.scopeEnd = max(x.scopeEnd, toks[k].End)
				if toks[k].Start < s.Start {
					continue
				}
				if p := toks[k].Pos; p == "ns" || p == "nt" || p == "nr" || x.roleAt(toks, k) == roleScope {
					x.scope = k
					break
				}
			}
		}
		if x.scope >= 0 && x.scopeEnd <= qt.Start {
			subj = toks[x.scope].Text
		}
	}
	qt.Indicator, qt.Subject = ind, subj
}

// atFigure reports whether nouns follow the figure at end (4座智能化工厂),
// which then name what is measured.
func (x *run) atFigure(end int, s *segment.Sentence) bool {
	k, e := tokenRange(s.Tokens, end, clauseEnd(x.d.Text, end, s.End))
	return k < e && isNoun(s.Tokens[k].Pos)
}

// hasNoun reports whether toks[i:j] hold a noun or a scope word.
func (x *run) hasNoun(i, j int, toks []segment.Token) bool {
	for k := i; k < j; k++ {
		if p := toks[k].Pos; isNoun(p) && p != "b" || p == "nr" || x.roleAt(toks, k) == roleScope {
			return true
		}
	}
	return false
}

// inTime reports whether pos falls inside a period or a time of the
// current clause (see clauseTimes).
func (x *run) inTime(pos int) bool {
	for _, sp := range x.times {
		if sp.Start <= pos && pos < sp.End {
			return true
		}
	}
	return false
}

// clauseTimes keeps in x.times the periods and times that overlap
// [start, end), so that inTime does not scan the whole document's.
func (x *run) clauseTimes(start, end int) {
	x.times = x.times[:0]
	// With times from the time extractor, the periods are some of them,
	// with the same spans: only the fallback periods need a look.
	if len(x.r.Times) == 0 {
		for i, n := x.periodIx.from(start), x.periodIx.until(end); i < n; i++ {
			if p := &x.periods[i]; p.start < end && start < p.end {
				x.times = append(x.times, Span{p.start, p.end})
			}
		}
	}
	for i, n := x.timeIx.from(start), x.timeIx.until(end); i < n; i++ {
		if t := &x.r.Times[i]; t.Start < end && start < t.End {
			x.times = append(x.times, Span{t.Start, t.End})
		}
	}
}

// byStart narrows a search of a document's spans (periods, times) to those
// near a position, so that a figure does not scan them all: when the spans
// are ordered by start, the ones that can reach past pos begin within the
// longest span's length before it.
type byStart struct {
	starts  []int
	longest int  // the longest span's length
	sorted  bool // ordered by start, none reversed; else every search is the whole list
}

func newByStart(n int, span func(i int) (start, end int), buf []int) byStart {
	b := byStart{starts: slices.Grow(buf[:0], n)[:n], sorted: true}
	for i := range n {
		s, e := span(i)
		b.starts[i] = s
		b.longest = max(b.longest, e-s)
		if e < s || i > 0 && s < b.starts[i-1] {
			b.sorted = false
		}
	}
	return b
}

// from returns the index of the first span that may end after pos: every
// span before it ends at or before pos.
func (b *byStart) from(pos int) int {
	if !b.sorted {
		return 0
	}
	return firstFrom(b.starts, pos-b.longest+1)
}

// until returns the index of the first span that begins at or after pos,
// the end of those that begin before it.
func (b *byStart) until(pos int) int {
	if !b.sorted {
		return len(b.starts)
	}
	return firstFrom(b.starts, pos)
}

// firstFrom returns the index of the first of starts, which are in
// order, that is pos or more, as slices.BinarySearch would: a loop of
// its own that the callers inline, where the generic search is a call.
func firstFrom(starts []int, pos int) int {
	lo, hi := 0, len(starts)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if starts[m] < pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
