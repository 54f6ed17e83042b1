package extract

import (
	"fmt"
	"math/bits"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/baogao/baogao/rules"
	"github.com/baogao/baogao/segment"
)

// Times finds time expressions: dates, months, quarters, half-years,
// years, spans of them, five-year plan periods and words such as 目前 or
// 去年 that name a time relative to the document's date.
//
// Patterns come from `time` rules, each with a resolver named by its call
// (see rules/builtin/times/times.yaml for the groups a resolver reads);
// words from `time_word` rules; exclusions from `not_time` rules. Values
// follow gold/README.md: 2019, 2019-12, 2019-04-01, 2022-Q2, 2019-H1,
// intervals 2021/2025. A month, day, quarter or half without a year takes
// the year of the latest time with a year before it in the same
// paragraph, else the document's date, else XXXX. Relative words resolve
// against Doc.Published, or a full date within the first line of the
// text; without either their value is "" and their granularity
// "relative".
type Times struct {
	pats []timePattern
	// trig maps a rune to the patterns (bit i = pats[i]) whose matches
	// need it; always holds the patterns that must run on every sentence.
	trigSet runeSet
	trig    map[rune]uint64
	always  uint64

	words    *wordIndex
	wordInfo []timeWord

	// wordPairs and notPairs are words' and notWords' pairs as tables.
	wordPairs, notPairs *pairTable

	notWords *wordIndex
	notPats  []*regexp.Regexp
	notAnch  []*anchoredRE // notPats[i] tried where a match can begin, or nil
	notRule  []*rules.Rule

	// wordFirst holds the runes a time word or not_time word begins
	// with; scan holds them, trigSet's and startSet's.
	wordFirst, scan runeSet

	// startSet holds the runes an anchored pattern's match can begin
	// with; startOf maps one to the patterns (bit i = pats[i]) and the
	// not_time patterns (bit i = notPats[i]) it can begin. The sentence
	// scan records where they stand, so that the anchored patterns are
	// tried only there instead of each decoding its input again.
	startSet    runeSet
	startOf     map[rune]startBits
	startedPats uint64 // patterns tried at the recorded starts
	startedNot  uint64 // not_time patterns tried at the recorded starts

	// slots numbers the runes of scan; info[slot] is what the sentence
	// scan does at one, without map lookups.
	slots runeSlots
	info  []scanInfo
	// scanner finds the runes of scan, which have scanBit in its hits.
	scanner *scanner
	scanBit uint8
}

// scanInfo is what a rune of Times.scan is: a trigger of the patterns
// trig, the start of the anchored patterns start, a time or not_time
// word's first rune.
type scanInfo struct {
	trig                  uint64
	start                 startBits
	isTrig, isStart, word bool
}

// startBits are the patterns and not_time patterns a rune can begin.
type startBits struct{ pats, not uint64 }

// startHit is where a rune of Times.startSet stands in a sentence.
type startHit struct {
	at, size int
	startBits
}

type timePattern struct {
	rule *rules.Rule
	re   *regexp.Regexp
	anch *anchoredRE // re tried only where a match can begin, or nil
	g    timeGroups
}

// findAll is p.re.FindAllStringSubmatchIndex(s, -1), appended to ms.
func (p *timePattern) findAll(s string, ms [][]int) [][]int {
	if p.anch != nil {
		return p.anch.findAll(s, ms)
	}
	return append(ms, p.re.FindAllStringSubmatchIndex(s, -1)...)
}

// timeGroups holds the index of each named group a resolver reads, -1
// when the pattern lacks it.
type timeGroups struct {
	y, y2, m, m2, d, q, pre, h, part, plan, n int
}

type timeWord struct {
	rule     *rules.Rule
	value    string // now, year:N, relative
	boundary bool
}

// NewTimes builds the time extractor from the time, time_word and
// not_time rules.
func NewTimes(set *rules.Set) (Extractor, error) {
	t := &Times{trig: map[rune]uint64{}, words: newWordIndex(), notWords: newWordIndex()}
	for _, r := range set.OfKind("time") {
		re := r.Regexp()
		if re == nil {
			continue
		}
		if len(t.pats) == 64 {
			return nil, fmt.Errorf("extract: more than 64 time patterns (rule %s)", r.ID)
		}
		bit := uint64(1) << len(t.pats)
		if rs := patternTrigger(r.Pattern); rs == nil {
			t.always |= bit
		} else {
			for _, c := range rs {
				t.trigSet.add(c)
				t.trig[c] |= bit
			}
		}
		idx := func(name string) int { return re.SubexpIndex(name) }
		t.pats = append(t.pats, timePattern{rule: r, re: re, anch: newAnchoredRE(r.Pattern), g: timeGroups{
			y: idx("y"), y2: idx("y2"), m: idx("m"), m2: idx("m2"), d: idx("d"), q: idx("q"),
			pre: idx("pre"), h: idx("h"), part: idx("part"), plan: idx("plan"), n: idx("n")}})
	}
	for _, r := range set.OfKind("time_word") {
		for _, term := range r.Terms {
			v := term.Value
			if v == "" {
				v = r.Value
			}
			for _, w := range term.Words {
				t.words.add(w, len(t.wordInfo))
				t.wordInfo = append(t.wordInfo, timeWord{rule: r, value: v, boundary: r.Boundary})
			}
		}
	}
	for _, r := range set.OfKind("not_time") {
		for _, term := range r.Terms {
			for _, w := range term.Words {
				t.notWords.add(w, 0)
			}
		}
		if re := r.Regexp(); re != nil {
			t.notPats = append(t.notPats, re)
			t.notAnch = append(t.notAnch, newAnchoredRE(r.Pattern))
			t.notRule = append(t.notRule, r)
		}
	}
	for _, x := range []*wordIndex{t.words, t.notWords} {
		for i := range x.first {
			t.wordFirst[i] |= x.first[i]
		}
	}
	t.wordPairs, t.notPairs = newPairTable(t.words), newPairTable(t.notWords)
	t.startOf = map[rune]startBits{}
	addStarts := func(a *anchoredRE, mark func(*startBits)) bool {
		if a == nil || a.first.wide {
			return false
		}
		for r := range a.first.bmp.runes() {
			b := t.startOf[r]
			mark(&b)
			t.startOf[r] = b
			t.startSet.add(r)
		}
		return true
	}
	for i := range t.pats {
		bit := uint64(1) << i
		if addStarts(t.pats[i].anch, func(b *startBits) { b.pats |= bit }) {
			t.startedPats |= bit
		}
	}
	for i := range t.notPats {
		bit := uint64(1) << i
		if i < 64 && addStarts(t.notAnch[i], func(b *startBits) { b.not |= bit }) {
			t.startedNot |= bit
		}
	}
	for i := range t.scan {
		t.scan[i] = t.wordFirst[i] | t.trigSet[i] | t.startSet[i]
	}
	t.slots.set = t.scan
	t.slots.index()
	t.info = make([]scanInfo, t.slots.len())
	for r := range t.scan.runes() {
		t.info[t.slots.slot(r)] = scanInfo{trig: t.trig[r], start: t.startOf[r],
			isTrig: t.trigSet.has(r), isStart: t.startSet.has(r), word: t.wordFirst.has(r)}
	}
	if err := ownScanner(t); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *Times) scanSets() []*startSet { return []*startSet{{bmp: t.scan}} }

func (t *Times) useScanner(sc *scanner, first uint) { t.scanner, t.scanBit = sc, 1<<first }

// Name implements [Extractor].
func (*Times) Name() string { return "times" }

// timeCand is a time candidate with what resolving it needs.
type timeCand struct {
	Time
	para     int
	hasYear  bool   // the text states its year
	year     string // that year, for the times after it
	relative string // a time word's value (now, year:N, relative), or "years:N"
	rule     *rules.Rule
}

// Extract implements [Extractor]: it appends d's times to r.Times in text
// order.
func (t *Times) Extract(d *Doc, r *Records) {
	sc := timeScratchPool.Get().(*timeScratch)
	defer sc.release()
	cands := sc.cands[:0]
	blocks := sc.blocks[:0]
	// blockAt[si] is the index of sentence si's first block.
	blockAt := sc.blockAt[:0]
	buf, hits, wordAt, windows, ms, starts := sc.buf, sc.hits, sc.wordAt, sc.windows, sc.ms, sc.starts
	defer func() {
		sc.blocks, sc.buf, sc.hits, sc.wordAt, sc.windows, sc.ms, sc.starts = blocks, buf, hits, wordAt, windows, ms, starts
	}()
	ds, own := scanDoc(d, t.scanner)
	if own {
		defer ds.release()
	}
	for si, s := range d.Sentences {
		blockAt = append(blockAt, int32(len(blocks)))
		text := d.Text[s.Start:s.End]
		mask := t.always
		hits, wordAt, starts = hits[:0], wordAt[:0], starts[:0]
		var started startBits // the patterns the sentence's starts begin
		// One pass over the runes finds the patterns' triggers and where
		// a time word or a not_time word may begin.
		sh := ds.sentence(si)
		for k := range sh {
			h := &sh[k]
			if h.sets&t.scanBit == 0 {
				continue
			}
			at, size := int(h.at), int(h.size)
			in := &t.info[t.slots.slot(h.r)]
			if in.isTrig {
				mask |= in.trig
				hits = append(hits, trigHit{at, in.trig})
			}
			if in.word {
				wordAt = append(wordAt, *h)
			}
			if in.isStart {
				starts = append(starts, startHit{at, size, in.start})
				started.pats |= in.start.pats
				started.not |= in.start.not
			}
		}
		// A pattern tried only at its starts, of which the sentence has
		// none, matches nothing in it.
		mask &^= t.startedPats &^ started.pats
		sentCands := len(cands)
		// The patterns of mask, in order, by its set bits.
		for rest := mask; rest != 0; rest &= rest - 1 {
			pi := bits.TrailingZeros64(rest)
			bit := uint64(1) << pi
			p := &t.pats[pi]
			// Every match holds one of the pattern's trigger runes, so
			// the pattern runs only over windows around them.
			windows = timeWindows(text, hits, bit, t.always&bit != 0, windows[:0])
			from := 0 // the windows are in text order, and so are starts
			for _, w := range windows {
				if t.startedPats&bit != 0 {
					ms, from = p.anch.findAt(text[w.Start:w.End], w.Start, starts, from, startBits{pats: bit}, ms[:0])
				} else {
					ms = p.findAll(text[w.Start:w.End], ms[:0])
				}
				for _, m := range ms {
					for k := range m {
						if m[k] >= 0 {
							m[k] += w.Start
						}
					}
					if m[0] == m[1] || touchesDigit(text, m[0], m[1]) {
						continue
					}
					c, ok := p.resolve(text, m)
					if !ok {
						continue
					}
					c.Span = Span{s.Start + m[0], s.Start + m[1]}
					c.Sentence, c.para, c.Rule, c.rule = si, s.Paragraph, p.rule.ID, p.rule
					c.Text = d.Text[c.Start:c.End]
					// Spans of other sentences never equal this one.
					if !slices.ContainsFunc(cands[sentCands:], func(o timeCand) bool { return o.Span == c.Span && o.Rule == c.Rule }) {
						cands = append(cands, c)
					}
				}
			}
		}
		for _, h := range wordAt {
			// The runes at i make the key of both indexes' pairs; the
			// scan decoded the first.
			i, ch, n := int(h.at), h.r, int(h.size)
			var pk uint64
			more := ch != utf8.RuneError && i+n < len(text)
			if more {
				r2, ok := rune3(text, i+n)
				if !ok {
					r2, _ = decodeRune(text[i+n:])
				}
				pk = pairKey(ch, r2)
			}
			// Most runes begin words of one index only: the other is
			// not called.
			buf = buf[:0]
			if t.words.first.has(ch) {
				buf = t.words.atPair(text[i:], ch, pk, more, t.wordPairs, buf)
			}
			for _, id := range buf {
				w := t.wordInfo[t.words.data[id]]
				end := i + len(t.words.words[id])
				if w.boundary && !(atTokenBound(s, s.Start+i) && atTokenBound(s, s.Start+end)) {
					continue
				}
				c := timeCand{para: s.Paragraph, relative: w.value}
				c.Span = Span{s.Start + i, s.Start + end}
				c.Sentence, c.Rule, c.rule, c.Text = si, w.rule.ID, w.rule, d.Text[s.Start+i:s.Start+end]
				c.Granularity = "relative"
				cands = append(cands, c)
				break
			}
			if !t.notWords.first.has(ch) {
				continue
			}
			buf = t.notWords.atPair(text[i:], ch, pk, more, t.notPairs, buf[:0])
			if len(buf) > 0 {
				blocks = append(blocks, Span{s.Start + i, s.Start + i + len(t.notWords.words[buf[0]])})
			}
		}
		for k, re := range t.notPats {
			if k < 64 && t.startedNot&(1<<k) != 0 {
				bit := uint64(1) << k
				if started.not&bit == 0 {
					continue // no start of it in the sentence
				}
				ms, _ = t.notAnch[k].findAt(text, 0, starts, 0, startBits{not: bit}, ms[:0])
			} else if a := t.notAnch[k]; a != nil {
				ms = a.findAll(text, ms[:0])
			} else {
				ms = re.FindAllStringSubmatchIndex(text, -1)
			}
			for _, m := range ms {
				blocks = append(blocks, Span{s.Start + m[0], s.Start + m[1]})
			}
		}
	}
	blockAt = append(blockAt, int32(len(blocks)))
	sc.blockAt = blockAt
	sc.cands, sc.used = cands, len(cands)
	if len(cands) == 0 {
		return
	}

	// A candidate wholly inside a not_time match never competes. Both lie
	// inside one sentence, and the sentences do not overlap: only the
	// candidate's sentence's blocks can hold it.
	var blocked []Candidate
	kept := cands[:0]
	for _, c := range cands {
		if bs := blocks[blockAt[c.Sentence]:blockAt[c.Sentence+1]]; len(bs) > 0 &&
			slices.ContainsFunc(bs, func(b Span) bool { return b.Start <= c.Start && c.End <= b.End }) {
			if r.Trace != nil {
				blocked = append(blocked, Candidate{Span: c.Span, Kind: string(rules.StageTime), Text: c.Text, Rule: c.Rule,
					Priority: c.rule.Priority, Order: c.rule.Order, Reason: "inside a not_time span"})
			}
			continue
		}
		kept = append(kept, c)
	}
	cands = kept
	stage := stageRank(string(rules.StageTime))
	cs := slices.Grow(sc.cs[:0], len(cands))[:len(cands)]
	sc.cs = cs
	for i := range cands {
		c := &cands[i]
		cs[i] = contender{Span: c.Span, text: c.Text, stage: stage, priority: c.rule.Priority, order: c.rule.Order}
	}
	won := sc.local.resolve(cs, false)
	if r.Trace != nil {
		tr := make([]Candidate, len(cands))
		for i := range cands {
			c := &cands[i]
			tr[i] = Candidate{Span: c.Span, Kind: string(rules.StageTime), Text: c.Text, Rule: c.Rule,
				Priority: c.rule.Priority, Order: c.rule.Order}
		}
		settle(tr, cs)
		*r.Trace = append(*r.Trace, tr...)
		*r.Trace = append(*r.Trace, blocked...)
	}

	ref := refDateOf(d.Published)
	if ref.year == "" {
		// A dateline: a full date that the text opens with.
		for _, i := range won {
			c := &cands[i]
			if c.Start < 64 && c.hasYear && c.Granularity == "day" && cs[i].won {
				ref = refDateOf(c.Value)
			}
			break
		}
	}
	lastYear, lastPara := "", -1
	r.Times = slices.Grow(r.Times, len(won))
	for _, i := range won {
		if !cs[i].won {
			continue
		}
		c := cands[i]
		if c.para != lastPara {
			lastYear, lastPara = "", c.para
		}
		switch {
		case c.relative != "":
			c.Value, c.Granularity = ref.resolve(c.relative)
			if c.Granularity == "year" && len(c.Value) == 4 {
				lastYear = c.Value // 今年 as 2024: 上半年 after it is 2024-H1
			}
		case c.hasYear && !strings.Contains(c.Value, "/"):
			// A span (2021-2025年, 十四五) names no one year for the
			// times after it.
			lastYear = c.year
		case strings.Contains(c.Value, "XXXX"):
			y := lastYear
			if y == "" {
				y = ref.year
			}
			if y != "" {
				c.Value = strings.ReplaceAll(c.Value, "XXXX", y)
			}
		}
		r.Times = append(r.Times, c.Time)
	}
}

// timeScratch is the scratch memory of one Times.Extract call, kept in a
// pool between calls; release clears what points into a document.
type timeScratch struct {
	cands   []timeCand
	used    int // the length of cands the call reached
	blocks  []Span
	blockAt []int32 // the index of each sentence's first block, and len(blocks)
	buf     []int
	hits    []trigHit
	wordAt  []scanHit
	windows []Span
	ms      [][]int
	starts  []startHit
	cs      []contender
	local   localScratch
}

var timeScratchPool = sync.Pool{New: func() any { return new(timeScratch) }}

func (sc *timeScratch) release() {
	clear(sc.cands[:sc.used])
	clear(sc.cs)
	clear(sc.ms)
	timeScratchPool.Put(sc)
}

// trigHit is where a pattern trigger rune stands in a sentence, with the
// patterns it triggers.
type trigHit struct {
	at   int
	mask uint64
}

// timeBefore and timeAfter are how far, in bytes, a time expression
// reaches before and after its trigger rune: 15 and 5 Chinese characters.
// Triggers are the pattern's last rarest required rune (see
// requiredRunes), so they stand near the end of a match.
const (
	timeBefore = 45
	timeAfter  = 15
)

// timeWindows returns the merged windows of text around the hits of the
// pattern with the given bit, or all of text when the pattern has no
// trigger.
func timeWindows(text string, hits []trigHit, bit uint64, always bool, ws []Span) []Span {
	if always {
		return append(ws, Span{0, len(text)})
	}
	for _, h := range hits {
		if h.mask&bit == 0 {
			continue
		}
		lo, hi := max(0, h.at-timeBefore), min(len(text), h.at+timeAfter)
		for lo > 0 && !utf8.RuneStart(text[lo]) {
			lo--
		}
		for hi < len(text) && !utf8.RuneStart(text[hi]) {
			hi++
		}
		if n := len(ws); n > 0 && lo <= ws[n-1].End {
			ws[n-1].End = hi
			continue
		}
		ws = append(ws, Span{lo, hi})
	}
	return ws
}

// touchesDigit reports whether a match that starts or ends with an Arabic
// digit continues a longer number (12019年, 2019.5年).
func touchesDigit(text string, start, end int) bool {
	isDigit := func(b byte) bool { return '0' <= b && b <= '9' }
	if isDigit(text[start]) && start > 0 && (isDigit(text[start-1]) || text[start-1] == '.') {
		return true
	}
	if isDigit(text[end-1]) && end < len(text) && (isDigit(text[end]) || text[end] == '.' && end+1 < len(text) && isDigit(text[end+1])) {
		return true
	}
	return false
}

// atTokenBound reports whether the offset o is where a token of the
// sentence s starts or ends, or s itself does: what tokenBounds(s.Start,
// s.End, s.Tokens).has(o-s.Start) tells, by a binary search of the
// tokens, which are in text order and do not overlap, instead of a set
// built from all of them.
func atTokenBound(s segment.Sentence, o int) bool {
	if o < s.Start || o > s.End {
		return false
	}
	if o == s.Start || o == s.End {
		return true
	}
	toks := s.Tokens
	lo, hi := 0, len(toks) // the first token that ends at o or later
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if toks[m].End < o {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(toks) && (toks[lo].End == o || toks[lo].Start == o)
}

// resolve turns a pattern match into a time with its value.
func (p *timePattern) resolve(text string, m []int) (timeCand, bool) {
	g := func(i int) string {
		if i < 0 || m[2*i] < 0 {
			return ""
		}
		return text[m[2*i]:m[2*i+1]]
	}
	var c timeCand
	y := ""
	if s := g(p.g.y); s != "" {
		y = parseYear(s)
		if y == "" {
			return c, false
		}
		c.hasYear, c.year = true, y
	}
	yy := y
	if yy == "" {
		yy = "XXXX"
	}
	month := func(i int) (string, bool) {
		n := parseSmall(g(i))
		return twoDigits(n), n >= 1 && n <= 12
	}
	switch p.rule.Call {
	case "year":
		c.Value, c.Granularity = y, "year"
	case "year_part":
		switch g(p.g.part) {
		case "初":
			c.Value = y + "-01"
		default:
			c.Value = y + "-12"
		}
		c.Granularity = "month"
	case "month":
		mm, ok := month(p.g.m)
		if !ok {
			return c, false
		}
		c.Value, c.Granularity = yy+"-"+mm, "month"
	case "date":
		mm, ok := month(p.g.m)
		day := parseSmall(g(p.g.d))
		if !ok || day < 1 || day > 31 {
			return c, false
		}
		c.Value, c.Granularity = yy+"-"+mm+"-"+twoDigits(day), "day"
	case "range":
		if s := g(p.g.y2); s != "" {
			y2 := parseYear(s)
			if y2 == "" || y2 <= y {
				return c, false
			}
			c.Value, c.Granularity, c.year = y+"/"+y2, "year", y2
			break
		}
		m1, ok1 := month(p.g.m)
		m2, ok2 := month(p.g.m2)
		if !ok1 || !ok2 || m2 <= m1 {
			return c, false
		}
		c.Value, c.Granularity = yy+"-"+m1+"/"+yy+"-"+m2, "month"
	case "quarter":
		q := parseSmall(g(p.g.q))
		if q < 1 || q > 4 {
			return c, false
		}
		if g(p.g.pre) != "" {
			if q < 2 {
				return c, false
			}
			c.Value = yy + "-Q1/" + yy + "-Q" + strconv.Itoa(q)
		} else {
			c.Value = yy + "-Q" + strconv.Itoa(q)
		}
		c.Granularity = "quarter"
	case "half":
		h := "1"
		if g(p.g.h) == "下" {
			h = "2"
		}
		c.Value, c.Granularity = yy+"-H"+h, "half"
	case "plan_period":
		n := parseSmall(g(p.g.plan))
		if n < 1 {
			return c, false
		}
		// The first two plans ran 1953–1962; after three years of
		// adjustment the third began in 1966, and every plan since has
		// followed the last.
		start := 1966 + 5*(n-3)
		if n < 3 {
			start = 1953 + 5*(n-1)
		}
		c.Value, c.Granularity = fmt.Sprintf("%d/%d", start, start+4), "year"
		c.hasYear, c.year = true, strconv.Itoa(start)
	case "relative":
		n := parseSmall(g(p.g.n))
		if n < 1 {
			return c, false
		}
		c.relative, c.Granularity = "years:"+strconv.Itoa(n), "relative"
	default:
		return c, false
	}
	return c, true
}

// twoDigits is fmt.Sprintf("%02d", n) without fmt for the numbers a
// month or day group can hold.
func twoDigits(n int) string {
	if n < 0 || n > 99 {
		return fmt.Sprintf("%02d", n)
	}
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}

// parseYear reads a four-digit year in Arabic or Chinese digits
// (2019, 二〇一九) and returns it in Arabic digits, or "".
func parseYear(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			d := strings.IndexRune("〇一二三四五六七八九", r)
			switch {
			case r == '○' || r == '零':
				b.WriteByte('0')
			case d >= 0:
				b.WriteByte(byte('0' + utf8.RuneCountInString("〇一二三四五六七八九"[:d])))
			default:
				return ""
			}
		}
	}
	if b.Len() != 4 {
		return ""
	}
	return b.String()
}

// parseSmall reads a number below 100 in Arabic or Chinese numerals (12,
// 十二, 两, 三十一); it returns 0 for anything else.
func parseSmall(s string) int {
	if s == "" {
		return 0
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	n, cur := 0, -1
	for _, r := range s {
		switch d := strings.IndexRune("零一二三四五六七八九", r); {
		case r == '十':
			if cur < 0 {
				cur = 1
			}
			n += cur * 10
			cur = -1
		case r == '两':
			cur = 2
		case d >= 0:
			cur = utf8.RuneCountInString("零一二三四五六七八九"[:d])
		default:
			return 0
		}
	}
	if cur > 0 {
		n += cur
	}
	return n
}

// refDate is the date relative times resolve against.
type refDate struct {
	year, value, granularity string
}

func refDateOf(s string) refDate {
	switch {
	case len(s) >= 10 && s[4] == '-' && s[7] == '-':
		return refDate{s[:4], s[:10], "day"}
	case len(s) >= 7 && s[4] == '-':
		return refDate{s[:4], s[:7], "month"}
	case len(s) == 4:
		if _, err := strconv.Atoi(s); err == nil {
			return refDate{s, s, "year"}
		}
	}
	return refDate{}
}

// resolve gives a relative word's value and granularity: now is the date
// itself, year:N the date's year plus N, years:N the N years up to the
// date's year; relative, and anything without a date, stays "".
func (d refDate) resolve(how string) (string, string) {
	if d.year == "" {
		return "", "relative"
	}
	y, _ := strconv.Atoi(d.year)
	switch {
	case how == "now":
		return d.value, d.granularity
	case strings.HasPrefix(how, "year:"):
		n, err := strconv.Atoi(how[len("year:"):])
		if err == nil {
			return strconv.Itoa(y + n), "year"
		}
	case strings.HasPrefix(how, "years:"):
		n, err := strconv.Atoi(how[len("years:"):])
		if err == nil && n > 0 {
			return fmt.Sprintf("%d/%d", y-n+1, y), "year"
		}
	}
	return "", "relative"
}
