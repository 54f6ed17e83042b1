package extract

import (
	"fmt"
	"math"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/baogao/baogao/rules"
	"github.com/baogao/baogao/segment"
)

// Quantities finds figures: a number with its scale, unit, qualifier and
// range, and then its change, basis, period, indicator and subject.
//
// All vocabulary comes from the quantity-stage rules. The number rules'
// patterns are joined into one anchored, leftmost-longest regexp that is
// tried only where a rune that can begin one of them appears (the set is
// computed from the compiled patterns), and run as a DFA built from it
// when the patterns allow (see numberDFA); everything after a number —
// scale, unit, qualifier, range connector — is a trie lookup at a known
// position, so that extraction costs a small fraction of segmentation.
type Quantities struct {
	numRE    *regexp.Regexp
	numDFA   *numberDFA    // numRE without backtracking, or nil
	numRules []*rules.Rule // by capture group: numRules[i] is group i+1
	numStart startSet
	numChars startSet // every rune a number match can hold, to bound the regexp's input

	vocab       []vocab
	units       *wordTrie // units and measure words written after the number
	before      []int32   // units written before the number (分之)
	beforeWords []string  // their words, same order
	scales      *wordTrie
	qualAfter   *wordTrie
	qualBefore  *wordTrie // reversed
	ctx         *wordTrie // change, basis and context words
	ctxBack     *wordTrie // reversed: basis_year words before a year
	notWords    *wordTrie
	notMax      int      // longest not_quantity word, in bytes
	notAtError  bool     // a not_quantity word begins with U+FFFD
	notRunes    startSet // the runes of the not_quantity words
	notRE       []notPattern
	// notFirst holds the first runes of the literal prefixes of notRE's
	// patterns that are matched over the sentence.
	notFirst startSet
	// scanner finds the runes of numStart, which have numBit in its
	// hits, those of ctx.first, which have ctxBit, and those of
	// notFirst, which have notBit.
	scanner                *scanner
	numBit, ctxBit, notBit uint8
}

// vocab is one vocabulary word's meaning.
type vocab struct {
	kind      string // the rule kind: unit, measure, scale, qualifier, change, basis, context
	value     string
	dimension string
	factor    float64
	call      string
	rule      string
	// flags and role are kind and value as the lookups test them, set by
	// newVocab; cue, for a unit whose call is cued, is the value of the
	// context words that cue it.
	flags vocabFlag
	role  role
	cue   string
}

// vocabFlag tells the kinds and values that the extractor tests for.
type vocabFlag uint8

const (
	vfChange vocabFlag = 1 << iota // kind change
	vfBasis                        // kind basis
	vfPer                          // value per
	vfRange                        // value range
	vfLevel                        // value level
	vfLink                         // value link
)

// role is a token's context role (see run.role): the kind of the
// context word the whole token is, change or basis, else its value.
type role uint8

const (
	roleUnknown role = iota // not looked up yet
	roleNone                // not a context word
	roleOther               // a value the heuristics do not test
	roleLink
	roleChange
	roleBasis
	roleLevel
	roleNoun
	roleScope
)

// newVocab sets the derived fields of v.
func newVocab(v vocab) vocab {
	switch v.kind {
	case "change":
		v.flags |= vfChange
	case "basis":
		v.flags |= vfBasis
	}
	switch v.value {
	case "per":
		v.flags |= vfPer
	case "range":
		v.flags |= vfRange
	case "level":
		v.flags |= vfLevel
	case "link":
		v.flags |= vfLink
	}
	role := v.value
	if v.kind == "change" || v.kind == "basis" {
		role = v.kind
	}
	switch role {
	case "link":
		v.role = roleLink
	case "change":
		v.role = roleChange
	case "basis":
		v.role = roleBasis
	case "level":
		v.role = roleLevel
	case "noun":
		v.role = roleNoun
	case "scope":
		v.role = roleScope
	default:
		v.role = roleOther
	}
	if v.call == "cued" {
		v.cue = "cue:" + v.dimension
	}
	return v
}

type notPattern struct {
	re     *regexp.Regexp
	prefix string // literal prefix: run over the sentence only when present
	anchor bool   // pattern starts with ^: matched at the number start
	// first, for an anchored pattern, holds the runes a match begins
	// with, or is nil when that set is not known.
	first *startSet
	rule  string
}

// startSet is a set of runes: a runeSet for the BMP, and whether it holds
// every rune above it.
type startSet struct {
	bmp  runeSet
	wide bool
}

func (s *startSet) add(lo, hi rune) {
	for r := lo; r <= hi; r++ {
		if r >= 1<<16 {
			s.wide = true
			return
		}
		s.bmp.add(r)
	}
}

func (s *startSet) has(r rune) bool {
	if r < 1<<16 {
		return s.bmp.has(r)
	}
	return s.wide
}

// NewQuantities builds the quantity extractor from the quantity-stage
// rules of set. It fails only on a number pattern that cannot begin with a
// known rune set, which a loaded rule set does not contain.
func NewQuantities(set *rules.Set) (Extractor, error) {
	q := &Quantities{
		units: newWordTrie(), scales: newWordTrie(), qualAfter: newWordTrie(),
		qualBefore: newWordTrie(), ctx: newWordTrie(), ctxBack: newWordTrie(), notWords: newWordTrie(),
	}
	add := func(t *wordTrie, w string, v vocab, reversed bool) {
		q.vocab = append(q.vocab, newVocab(v))
		t.add(w, int32(len(q.vocab)-1), reversed)
	}

	// Number rules, highest priority first, in one regexp.
	nums := set.OfKind("number")
	var alts []string
	for _, r := range nums {
		alts = append(alts, "("+r.Pattern+")")
		q.numRules = append(q.numRules, r)
		if err := firstRunes(r.Pattern, &q.numStart, &q.numChars); err != nil {
			return nil, fmt.Errorf("extract: rule %s: %w", r.ID, err)
		}
	}
	if len(alts) > 0 {
		re, err := regexp.Compile(`^(?:` + strings.Join(alts, "|") + `)`)
		if err != nil {
			return nil, fmt.Errorf("extract: number rules: %w", err)
		}
		re.Longest()
		q.numRE = re
		var pats []string
		for _, r := range nums {
			pats = append(pats, r.Pattern)
		}
		q.numDFA = newNumberDFA(pats)
	}

	for _, kind := range []string{"unit", "measure"} {
		for _, r := range set.OfKind(kind) {
			for _, t := range r.Terms {
				f := t.Factor
				if f == 0 {
					f = 1
				}
				for _, w := range t.Words {
					v := vocab{kind: kind, value: t.Value, dimension: t.Dimension, factor: f, call: r.Call, rule: r.ID}
					if kind == "measure" {
						v.value, v.dimension = w, "count"
						if t.Value != "" {
							v.value = t.Value
						}
					}
					if t.Position == "before" {
						q.vocab = append(q.vocab, newVocab(v))
						q.before = append(q.before, int32(len(q.vocab)-1))
						q.beforeWords = append(q.beforeWords, w)
						continue
					}
					add(q.units, w, v, false)
				}
			}
		}
	}
	for _, r := range set.OfKind("scale") {
		for _, t := range r.Terms {
			for _, w := range t.Words {
				add(q.scales, w, vocab{kind: "scale", factor: t.Factor, rule: r.ID}, false)
			}
		}
	}
	for _, r := range set.OfKind("qualifier") {
		for _, t := range r.Terms {
			val := t.Value
			if val == "" {
				val = r.Value
			}
			for _, w := range t.Words {
				v := vocab{kind: "qualifier", value: val, rule: r.ID}
				if t.Position == "before" {
					add(q.qualBefore, w, v, true)
				} else {
					add(q.qualAfter, w, v, false)
				}
			}
		}
	}
	for _, kind := range []string{"change", "basis", "context"} {
		for _, r := range set.OfKind(kind) {
			for _, t := range r.Terms {
				val := t.Value
				if val == "" {
					val = r.Value
				}
				for _, w := range t.Words {
					v := vocab{kind: kind, value: val, rule: r.ID}
					add(q.ctx, w, v, false)
					if kind == "context" && val == "basis_year" {
						add(q.ctxBack, w, v, true)
					}
				}
			}
		}
	}
	for _, r := range set.OfKind("not_quantity") {
		for _, t := range r.Terms {
			for _, w := range t.Words {
				add(q.notWords, w, vocab{kind: "not_quantity", rule: r.ID}, false)
				q.notMax = max(q.notMax, len(w))
				for _, c := range w {
					q.notRunes.add(c, c)
				}
			}
		}
		if re := r.Regexp(); re != nil {
			p, _ := re.LiteralPrefix()
			np := notPattern{re: re, prefix: p, anchor: strings.HasPrefix(r.Pattern, "^"), rule: r.ID}
			if np.anchor {
				np.first = anchoredStart(r.Pattern)
			} else if p != "" {
				c, _ := utf8.DecodeRuneInString(p)
				q.notFirst.add(c, c)
			}
			q.notRE = append(q.notRE, np)
		}
	}
	for _, t := range []*wordTrie{q.units, q.scales, q.qualAfter, q.qualBefore, q.ctx, q.ctxBack, q.notWords} {
		t.freeze()
	}
	q.notAtError = q.notWords.mayStart(utf8.RuneError)
	if err := ownScanner(q); err != nil {
		return nil, err
	}
	return q, nil
}

func (q *Quantities) scanSets() []*startSet {
	return []*startSet{&q.numStart, &q.ctx.first, &q.notFirst}
}

func (q *Quantities) useScanner(sc *scanner, first uint) {
	q.scanner, q.numBit, q.ctxBit, q.notBit = sc, 1<<first, 1<<(first+1), 1<<(first+2)
}

// firstRunes adds to set every rune that a match of pattern can begin
// with, and to all every rune it can hold, read from the compiled program.
func firstRunes(pattern string, set, all *startSet) error {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return err
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return err
	}
	for _, in := range prog.Inst {
		switch in.Op {
		case syntax.InstRune:
			if len(in.Rune) == 1 {
				all.add(in.Rune[0], in.Rune[0])
			}
			for i := 0; i+1 < len(in.Rune); i += 2 {
				if in.Rune[i+1]-in.Rune[i] > 1<<16 {
					return fmt.Errorf("number pattern %q may hold almost any rune", pattern)
				}
				all.add(in.Rune[i], in.Rune[i+1])
			}
		case syntax.InstRune1:
			all.add(in.Rune[0], in.Rune[0])
		case syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			return fmt.Errorf("number pattern %q may hold any rune", pattern)
		}
	}
	seen := map[uint32]bool{}
	var walk func(pc uint32) error
	walk = func(pc uint32) error {
		if seen[pc] {
			return nil
		}
		seen[pc] = true
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			if err := walk(in.Out); err != nil {
				return err
			}
			return walk(in.Arg)
		case syntax.InstCapture, syntax.InstNop, syntax.InstEmptyWidth:
			return walk(in.Out)
		case syntax.InstRune:
			if len(in.Rune) == 1 {
				set.add(in.Rune[0], in.Rune[0])
				return nil
			}
			for i := 0; i+1 < len(in.Rune); i += 2 {
				if in.Rune[i+1]-in.Rune[i] > 1<<16 {
					return fmt.Errorf("number pattern %q may begin with almost any rune", pattern)
				}
				set.add(in.Rune[i], in.Rune[i+1])
			}
		case syntax.InstRune1:
			set.add(in.Rune[0], in.Rune[0])
		case syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			return fmt.Errorf("number pattern %q may begin with any rune", pattern)
		}
		return nil
	}
	return walk(uint32(prog.Start))
}

func (q *Quantities) Name() string { return "quantities" }

// Extract appends the figures of d to r. It reads r.Times and r.Entities:
// a number inside a time or an entity is not a figure, and the times give
// each figure its period. Without times (before the time extractor ran),
// it falls back to plain years written as 2019年.
func (q *Quantities) Extract(d *Doc, r *Records) {
	if q.numRE == nil {
		return
	}
	// The run's slices keep their memory for the next document.
	x := runPool.Get().(*run)
	defer x.release()
	*x = run{q: q, d: d, r: r, notSpan: x.notSpan[:0], times: x.times[:0], roles: x.roles,
		timeSpans:   spanIndexOf(r.Times, func(t *Time) Span { return t.Span }, x.timeSpans.spans),
		entitySpans: spanIndexOf(r.Entities, func(e *Entity) Span { return e.Span }, x.entitySpans.spans),
		periods:     q.periods(d, r, x.periods[:0])}
	x.periodIx = newByStart(len(x.periods), func(i int) (int, int) { return x.periods[i].start, x.periods[i].end }, x.periodIx.starts)
	x.timeIx = newByStart(len(r.Times), func(i int) (int, int) { return r.Times[i].Start, r.Times[i].End }, x.timeIx.starts)
	most := 0
	for i := range d.Sentences {
		most = max(most, len(d.Sentences[i].Tokens))
	}
	x.roles = slices.Grow(x.roles[:0], most)[:most]
	ds, own := scanDoc(d, q.scanner)
	if own {
		defer ds.release()
	}
	for si := range d.Sentences {
		x.hits, x.hitSets = ds.sentence(si), ds.sentenceSets(si)
		x.sentence(si)
	}
}

var runPool = sync.Pool{New: func() any { return new(run) }}

// release gives x back to runPool, without what points into the
// document.
func (x *run) release() {
	clear(x.periods)
	x.q, x.d, x.r, x.hits = nil, nil, nil, nil
	runPool.Put(x)
}

// run is the state of one Extract call.
type run struct {
	q       *Quantities
	d       *Doc
	r       *Records
	periods []period
	// periodIx and timeIx find the periods and r.Times near a figure.
	periodIx, timeIx byStart
	notSpan          []Span // not_quantity matches of the current sentence
	times            []Span // times of the current clause, for the indicator
	notDone          bool
	// hits are the current sentence's scan hits, hitSets the bits of
	// the sets they hold.
	hits    []scanHit
	hitSets uint8
	// roles[k] is the role of the current sentence's token k, or
	// roleUnknown (see roleAt).
	roles []role
	// scope is the current sentence's first token that can be a subject
	// (-1: none) and scopeEnd the furthest end of the tokens up to it,
	// found when scopeDone.
	scope, scopeEnd int
	scopeDone       bool
	// The spans of r.Times and r.Entities, to find the one holding a
	// number.
	timeSpans   spanIndex
	entitySpans spanIndex
	// first is the index in r.Quantities of the current paragraph's first
	// figure, for subjects and indicators carried over.
	para, first int
}

// figure is a quantity being built.
type figure struct {
	start, end       int // the whole text, qualifiers included
	numStart, numEnd int
	value, max       float64
	isRange          bool
	unit             *vocab
	implicit         bool // a count with no measure word (5.6万职工)
	qualifier        string
	rule             string
	chinese          bool
	unitEnd          int // where the unit ends, before a qualifier after it
}

func (x *run) sentence(si int) {
	s := &x.d.Sentences[si]
	text := x.d.Text
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return
	}
	if si == 0 || x.d.Sentences[si-1].Paragraph != s.Paragraph {
		x.para, x.first = s.Paragraph, len(x.r.Quantities)
	}
	if x.hitSets&x.q.numBit == 0 {
		return // no number begins in it
	}
	x.notDone = false
	x.scopeDone = false
	clear(x.roles[:len(s.Tokens)])
	x.notSpan = x.notSpan[:0]
	// The figures end where scanning resumes, at the end of a rune as
	// the scan decoded them, so the next number starts at the first hit
	// after.
	hits, bit, next := x.hits, x.q.numBit, s.Start
	for k := range hits {
		h := &hits[k]
		i := s.Start + int(h.at)
		if h.sets&bit == 0 || i < next {
			continue
		}
		size, c := int(h.size), h.r
		// A number that does not begin with a digit (三, 百分之) must
		// begin a word: not 统一, 之一. 翻一番 is one word.
		if asciiDigit(c) < 0 && !startsWord(s.Tokens, i) && !x.afterChange(s, i) {
			continue
		}
		f, end, ok := x.figureAt(s, i)
		if ok {
			x.emit(si, s, &f)
		}
		next = max(end, i+size)
	}
}

// maxNumber bounds the input of a number match: a number is read from its
// first maxNumber bytes, and the rune that reaches past them.
const maxNumber = 96

// number matches the number rules at text[i:] and returns where the
// number ends, its value and the rule that matched.
func (x *run) number(s *segment.Sentence, i int) (end int, v float64, rule *rules.Rule, ok bool) {
	text := x.d.Text
	var mEnd, g int
	if x.q.numDFA != nil {
		// The DFA stops at the first rune a number cannot hold, as the
		// regexp's input below ends there.
		if mEnd, g = x.q.numDFA.match(text[i:s.End], maxNumber); mEnd < 0 {
			return i, 0, nil, false
		}
	} else {
		// The regexp's cost grows with its input: give it only the run of
		// runes a number can hold.
		lim := i
		for lim < s.End && lim-i < maxNumber {
			c, size := decodeRune(text[lim:s.End])
			if !x.q.numChars.has(c) {
				break
			}
			lim += size
		}
		m := x.q.numRE.FindStringSubmatchIndex(text[i:lim])
		if m == nil {
			return i, 0, nil, false
		}
		for k := 1; k <= len(x.q.numRules); k++ {
			if m[2*k] >= 0 {
				g = k
				break
			}
		}
		mEnd = m[1]
	}
	if g == 0 {
		return i, 0, nil, false
	}
	rule = x.q.numRules[g-1]
	end = i + mEnd
	// 2018,2019: a separator followed by more digits was not one.
	if end < s.End {
		if c, _ := decodeRune(text[end:s.End]); asciiDigit(c) >= 0 {
			k := strings.LastIndexByte(text[i:end], ',')
			if k < 0 {
				return end, 0, nil, false
			}
			end = i + k
		}
	}
	v, err := ParseNumber(text[i:end])
	if err != nil {
		return end, 0, nil, false
	}
	return end, v, rule, true
}

// figureAt reads a figure whose number begins at i. It returns where
// scanning resumes, and ok when there is a figure.
func (x *run) figureAt(s *segment.Sentence, i int) (f figure, next int, ok bool) {
	text := x.d.Text
	ne, v, rule, ok := x.number(s, i)
	if !ok {
		return f, ne, false
	}
	next = ne
	chinese := rule.Call == "chinese"
	if i > s.Start {
		p, _ := decodeLastRune(text[s.Start:i])
		if p < utf8.RuneSelf && (p >= 'a' && p <= 'z' || p >= 'A' && p <= 'Z' || p == '.' || p == '_') {
			return f, next, false // a code or model number: C919, PM2.5
		}
	}
	f = figure{start: i, end: ne, numStart: i, numEnd: ne, value: v, chinese: chinese, rule: rule.ID}

	if rule.Call == "fraction" || rule.Call == "percent_words" {
		for k, w := range x.q.beforeWords {
			if strings.Contains(text[i:ne], w) {
				f.unit = &x.q.vocab[x.q.before[k]]
				f.value *= f.unit.factor
				f.rule = f.unit.rule
				break
			}
		}
		f.unitEnd = ne
	} else {
		x.tail(s, &f, true)
	}
	x.rangeEnd(s, &f)
	if f.unit == nil && !f.implicit {
		return f, next, false
	}
	next = f.end

	// A qualifier before the number.
	if st, vals := x.q.qualBefore.longestBack(text, f.start, s.Start); st >= 0 {
		f.qualifier = x.q.vocab[vals[0]].value
		f.start = st
	}
	if f.qualifier == "" {
		f.qualifier = "exact"
	}
	// A minus sign written before the number.
	if f.start == f.numStart && f.start > s.Start && (text[f.start-1] == '-') {
		if f.start-1 == s.Start || asciiDigit(rune(text[f.start-2])) < 0 {
			f.start--
			f.value, f.max = -f.value, -f.max
		}
	}
	if x.excluded(s, &f) {
		return f, next, false
	}
	return f, next, true
}

// tail reads what follows the number: a qualifier (500余家), a scale
// (1.5万), again a qualifier (1万余人), the unit or measure word, and a
// qualifier after the unit (30%以上). When withQual is false (the far end
// of a range) only scale and unit are read.
func (x *run) tail(s *segment.Sentence, f *figure, withQual bool) {
	text := x.d.Text
	pos := f.numEnd
	qual := ""
	if withQual {
		// Between number and unit a qualifier may share a word with the
		// unit (余家), so no word-boundary check here.
		if e, vals := x.q.qualAfter.longest(text, pos, s.End); e > 0 {
			qual, pos = x.q.vocab[vals[0]].value, e
		}
	}
	// A unit right after (3千米), or a scale then a unit (1.5万元); the
	// longer reading wins, the unit alone on a tie.
	ue, u := x.unitAt(s, f, pos)
	scaleFactor, se := 1.0, -1
	if !f.chinese {
		if e, vals := x.q.scales.longest(text, pos, s.End); e > 0 {
			scaleFactor, se = x.q.vocab[vals[0]].factor, e
		}
	}
	if se > 0 {
		p := se
		q2 := ""
		if qual == "" && withQual {
			if e, vals := x.q.qualAfter.longest(text, p, s.End); e > 0 {
				q2, p = x.q.vocab[vals[0]].value, e
			}
		}
		ue2, u2 := x.unitAt(s, f, p)
		switch {
		case u2 != nil && (u == nil || ue2 > ue):
			ue, u, qual = ue2, u2, qual+q2
			f.value = scaleBy(f.value, scaleFactor)
		case u == nil:
			// A count with no measure word: 5.6万职工.
			f.value = scaleBy(f.value, scaleFactor)
			f.implicit = true
			f.end = se
			if q2 != "" {
				qual = q2
				f.end = p
			}
			f.qualifier = qual
			f.unitEnd = f.end
			return
		}
	}
	if u == nil {
		return
	}
	f.unit = u
	f.value = scaleBy(f.value, u.factor)
	if u.call == "doublings" {
		f.value = math.Pow(2, f.value) // 翻两番: doubled twice
	}
	f.rule = u.rule
	f.unitEnd = ue
	f.end = ue
	if withQual && qual == "" {
		if e, vals := x.q.qualAfter.longest(text, ue, s.End); e > 0 && utf8.RuneCountInString(text[ue:e]) > 1 && !beginsLongerWord(s.Tokens, ue, e) {
			qual = x.q.vocab[vals[0]].value
			f.end = e
		}
	}
	f.qualifier = qual
}

// unitAt looks up a unit or measure word at pos.
func (x *run) unitAt(s *segment.Sentence, f *figure, pos int) (int, *vocab) {
	text := x.d.Text
	e, vals := x.q.units.longest(text, pos, s.End)
	if e < 0 {
		return -1, nil
	}
	if beginsLongerWord(s.Tokens, pos, e) {
		return -1, nil // 元旦, 户籍, 家庭
	}
	// m, kg, m2: an ASCII unit must not run into more letters (5min).
	if last := text[e-1]; last < utf8.RuneSelf && e < s.End {
		if n := text[e]; n < utf8.RuneSelf && (n >= 'a' && n <= 'z' || n >= 'A' && n <= 'Z' || n >= '0' && n <= '9') {
			return -1, nil
		}
	}
	for _, vi := range vals {
		u := &x.q.vocab[vi]
		if u.cue != "" && !x.cued(s, f.numStart, u.cue) {
			continue
		}
		if u.call == "doublings" && !x.afterChange(s, f.numStart) {
			continue // 一番调研: not 翻一番
		}
		return e, u
	}
	return -1, nil
}

// afterChange reports whether a change word ends right at pos (翻一番).
func (x *run) afterChange(s *segment.Sentence, pos int) bool {
	p := pos
	for n := 0; n < 4 && p > s.Start; n++ {
		_, size := decodeLastRune(x.d.Text[s.Start:p])
		p -= size
		if e, vals := x.q.ctx.longest(x.d.Text, p, pos); e == pos {
			if hasFlag(x.q.vocab, vals, vfChange) {
				return true
			}
		}
	}
	return false
}

// cued reports whether the clause before pos holds a context word with
// the given value.
func (x *run) cued(s *segment.Sentence, pos int, value string) bool {
	text := x.d.Text
	for i := clauseStart(text, s.Start, pos, true); i < pos; {
		if e, vals := x.q.ctx.longest(text, i, pos); e > 0 {
			for _, vi := range vals {
				if x.q.vocab[vi].value == value {
					return true
				}
			}
		}
		_, size := utf8.DecodeRuneInString(text[i:pos])
		i += size
	}
	return false
}

// rangeEnd extends f to a range when a connector and a second number with
// the same unit follow: 3至5万元, 3-5%, 三到五成.
func (x *run) rangeEnd(s *segment.Sentence, f *figure) {
	text := x.d.Text
	e, vals := x.q.ctx.longest(text, f.end, s.End)
	if e < 0 || !hasFlag(x.q.vocab, vals, vfRange) {
		return
	}
	ne, v, rule, ok := x.number(s, e)
	if !ok || rule.Call == "fraction" || rule.Call == "percent_words" {
		return
	}
	g := figure{start: e, end: ne, numStart: e, numEnd: ne, value: v, chinese: rule.Call == "chinese"}
	x.tail(s, &g, true)
	if g.unit == nil && !g.implicit {
		return
	}
	switch {
	case f.implicit && g.unit != nil:
		// 3万至5万元: the scale was read, the unit comes from the far end.
		f.unit, f.implicit = g.unit, false
		f.value *= g.unit.factor
		f.rule = g.unit.rule
	case f.unit == nil && !f.implicit:
	case f.unit != nil && g.unit != nil && f.unit.value == g.unit.value && f.unit.dimension == g.unit.dimension:
		if f.end != f.unitEnd {
			return // 30%以上至…: not a range
		}
	case f.implicit && g.implicit:
	default:
		return
	}
	low := f.value
	if f.unit == nil && !f.implicit {
		// 3至5万元: scale and unit of the far end apply to both.
		low = f.value * (g.value / v)
		f.unit, f.implicit, f.rule = g.unit, g.implicit, g.rule
		if f.unit != nil {
			f.rule = f.unit.rule
		}
	}
	if !(g.value > low) {
		return
	}
	f.value, f.max, f.isRange = low, g.value, true
	f.end = g.end
	if g.qualifier != "" {
		f.qualifier = g.qualifier
	}
}

// scaleBy returns v×f, exact where a decimal v times a power of ten is
// (1235.6 × 1e8 = 123560000000, where plain multiplication gives
// 123559999999.99998).
func scaleBy(v, f float64) float64 {
	if f >= 10 && f == math.Trunc(f) {
		p := 1.0
		for k := 0; k < 6 && p < f; k++ {
			m := v * p
			if r := math.Round(m); math.Abs(m-r) <= 1e-9*math.Max(1, math.Abs(m)) {
				return r * (f / p)
			}
			p *= 10
		}
	}
	return v * f
}

// hasFlag reports whether one of the words vals has flag f.
func hasFlag(vocab []vocab, vals []int32, f vocabFlag) bool {
	for _, vi := range vals {
		if vocab[vi].flags&f != 0 {
			return true
		}
	}
	return false
}

// excluded reports whether the figure's number is part of a time, an
// entity or a not_quantity span.
func (x *run) excluded(s *segment.Sentence, f *figure) bool {
	n := f.numStart
	if i := x.timeSpans.find(n); i >= 0 {
		x.trace(f, "inside time ", x.r.Times[i].Text)
		return true
	}
	if i := x.entitySpans.find(n); i >= 0 {
		x.trace(f, "inside entity ", x.r.Entities[i].Text)
		return true
	}
	text := x.d.Text
	// not_quantity words covering the number's first rune. Such a word
	// holds that rune (a word read from before n steps onto n, where a
	// valid rune begins), so most numbers, whose first rune is in none,
	// are not looked for.
	if c, _ := decodeRune(text[n:s.End]); x.q.notMax > 0 && (c == utf8.RuneError || x.q.notRunes.has(c)) {
		lo := max(s.Start, n-x.q.notMax)
		for p := n; p >= lo; {
			if e, _ := x.q.notWords.longest(text, p, s.End); e > n {
				x.trace(f, "not a quantity: ", text[p:e])
				return true
			}
			if p == lo {
				break
			}
			if x.q.notAtError {
				_, size := decodeLastRune(text[lo:p])
				p -= size
				continue
			}
			// A byte inside a rune reads as U+FFFD, which begins no
			// word: step back over such bytes without decoding.
			p--
			for p > lo && !utf8.RuneStart(text[p]) {
				p--
			}
		}
	}
	for k := range x.q.notRE {
		np := &x.q.notRE[k]
		switch {
		case np.anchor:
			in := text[n:min(s.End, n+64)]
			if np.first != nil {
				if r, _ := decodeRune(in); in == "" || !np.first.has(r) {
					continue // no match can begin here
				}
			}
			if np.re.MatchString(in) {
				x.trace(f, "not a quantity: ", np.rule)
				return true
			}
		case np.prefix == "":
			lo, hi := max(s.Start, n-24), min(s.End, f.end+24)
			for !utf8.RuneStart(text[lo]) {
				lo++
			}
			for hi < s.End && !utf8.RuneStart(text[hi]) {
				hi++
			}
			for _, m := range np.re.FindAllStringIndex(text[lo:hi], -1) {
				if lo+m[0] <= n && n < lo+m[1] {
					x.trace(f, "not a quantity: ", np.rule)
					return true
				}
			}
		}
	}
	if !x.notDone {
		x.notDone = true
		x.notSpans(s)
	}
	for _, sp := range x.notSpan {
		if sp.Start <= n && n < sp.End {
			x.trace(f, "not a quantity: ", text[sp.Start:sp.End])
			return true
		}
	}
	return false
}

// notSpans sets notSpan to the matches in sentence s of the not_quantity
// patterns with a literal prefix. A sentence whose scan hits hold no
// first rune of a prefix, as most do, holds no prefix and is not
// searched.
func (x *run) notSpans(s *segment.Sentence) {
	if x.hitSets&x.q.notBit == 0 {
		return
	}
	sent := x.d.Text[s.Start:s.End]
	for k := range x.q.notRE {
		np := &x.q.notRE[k]
		if np.anchor || np.prefix == "" || !strings.Contains(sent, np.prefix) {
			continue
		}
		for _, m := range np.re.FindAllStringIndex(sent, -1) {
			x.notSpan = append(x.notSpan, Span{s.Start + m[0], s.Start + m[1]})
		}
	}
}

// trace records f as a candidate that lost for the reason why+what,
// when r.Trace is set: the reason is put together only then.
func (x *run) trace(f *figure, why, what string) {
	if x.r.Trace == nil {
		return
	}
	*x.r.Trace = append(*x.r.Trace, Candidate{Span: Span{f.start, f.end}, Kind: "quantity",
		Text: x.d.Text[f.start:f.end], Rule: f.rule, Reason: why + what})
}

// emit turns a figure into a Quantity with its context.
func (x *run) emit(si int, s *segment.Sentence, f *figure) {
	text := x.d.Text
	qt := Quantity{
		Span:      Span{f.start, f.end},
		Sentence:  si,
		Text:      text[f.start:f.end],
		Value:     f.value,
		Qualifier: f.qualifier,
		Rule:      f.rule,
	}
	if f.isRange {
		m := f.max
		qt.ValueMax = &m
	}
	if f.implicit {
		qt.Unit, qt.Dimension = "个", "count"
	} else {
		qt.Unit, qt.Dimension = f.unit.value, f.unit.dimension
	}
	if math.IsInf(qt.Value, 0) || math.IsNaN(qt.Value) {
		return
	}
	x.context(si, s, &qt)
	if n := len(x.r.Quantities); n == cap(x.r.Quantities) {
		// Reports hold about a figure per 150 bytes: grow once or twice,
		// not from one.
		x.r.Quantities = slices.Grow(x.r.Quantities, max(n, len(x.d.Text)/128))
	}
	x.r.Quantities = append(x.r.Quantities, qt)
	if x.r.Trace != nil {
		*x.r.Trace = append(*x.r.Trace, Candidate{Span: qt.Span, Kind: "quantity", Text: qt.Text, Rule: qt.Rule, Won: true})
	}
}

// spanIndex finds the first of a list of records that holds an offset.
// The records of earlier stages are in text order and do not overlap,
// which allows a binary search; for any other list it searches linearly,
// so that the first holding record is found either way. It keeps the
// records' spans in a slice of its own, read without a call per step.
type spanIndex struct {
	spans  []Span
	sorted bool // ordered by start and not overlapping
	// at and from, when sorted, are the last answer of find: the first
	// record that ends after from is spans[at]. Figures come in text
	// order, and the next answer is found from there.
	at, from int
}

func spanIndexOf[T any](recs []T, span func(*T) Span, buf []Span) spanIndex {
	x := spanIndex{spans: slices.Grow(buf[:0], len(recs))[:len(recs)], sorted: true}
	for i := range recs {
		x.spans[i] = span(&recs[i])
		if i > 0 && x.spans[i].Start < x.spans[i-1].End {
			x.sorted = false
		}
	}
	return x
}

// find returns the index of the first record that holds off, or -1.
func (x *spanIndex) find(off int) int {
	if !x.sorted {
		for i, sp := range x.spans {
			if sp.Start <= off && off < sp.End {
				return i
			}
		}
		return -1
	}
	// The first record that ends after off is the only one that may
	// hold it: later ones start at or after its end.
	lo, hi := 0, len(x.spans)
	if off >= x.from {
		lo = x.at
		for lo < hi && x.spans[lo].End <= off && lo-x.at < 8 {
			lo++
		}
	}
	if lo < hi && x.spans[lo].End <= off {
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if x.spans[m].End <= off {
				lo = m + 1
			} else {
				hi = m
			}
		}
	}
	x.at, x.from = lo, off
	if lo < len(x.spans) && x.spans[lo].Start <= off {
		return lo
	}
	return -1
}

// startsWord reports whether a word of toks begins at pos (true when
// there are no tokens, or pos falls between tokens).
func startsWord(toks []segment.Token, pos int) bool {
	k := firstEndAfter(toks, pos)
	return k == len(toks) || toks[k].Start >= pos
}

// endsWord reports whether a word of toks ends at pos.
func endsWord(toks []segment.Token, pos int) bool {
	if len(toks) == 0 {
		return true
	}
	k := firstEndAfter(toks, pos-1)
	return k == len(toks) || toks[k].End == pos || toks[k].Start >= pos
}

// firstEndAfter returns the index of the first token that ends after
// pos, as sort.Search would, or len(toks).
func firstEndAfter(toks []segment.Token, pos int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if toks[m].End <= pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// firstStartFrom returns the index of the first token that starts at or
// after pos, as sort.Search would, or len(toks).
func firstStartFrom(toks []segment.Token, pos int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if toks[m].Start < pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// beginsLongerWord reports whether a word of toks begins inside [s, e)
// and runs past e: the vocabulary word is the start of another word (元旦,
// 户籍, 余额).
func beginsLongerWord(toks []segment.Token, s, e int) bool {
	k := firstStartFrom(toks, s)
	for ; k < len(toks) && toks[k].Start < e; k++ {
		if toks[k].End > e {
			return true
		}
	}
	return false
}
