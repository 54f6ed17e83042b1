package extract

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/baogao/baogao/rules"
	"github.com/baogao/baogao/segment"
)

// Entities finds organisations (ORG), places (LOC), people (PER) and
// document titles (DOC).
//
// Places come from gazetteers: every division of China with its GB/T 2260
// code and short forms, plus hand-kept regions and countries; a form that
// names several divisions is linked only when the document's other places
// decide it. Organisations and named parks end in a `suffix` rule's word;
// their name runs left over name-like tokens (see orgs.yaml). Members of a
// list closed by 等 and a `member_cue` noun (横河川仪等4座智能化工厂) are
// organisations too, and a name found once is found again wherever the
// text repeats it. People come from bylines, titles and gse's person
// tags; titles from 《》.
//
// Mentions never nest: of overlapping candidates the longer wins (the
// order of [Resolve]), so 北碚 inside 北碚区委 is no place of its own.
type Entities struct {
	gaz *gazetteer

	sfx     *wordIndex // suffix words, reversed, payload into sfxInfo
	sfxLast runeSet
	sfxInfo []sfxTerm
	level   map[string]bool // level prefixes: 区, 市 …

	inside, stop map[string]bool
	cues         map[string]string // member cue noun → type
	cueMax       int               // longest cue, in bytes
	cueRule      string

	pats     []entityPattern
	titles   *wordIndex
	titleOf  []*rules.Rule
	surnames map[string]bool

	rules map[string]*rules.Rule
}

type sfxTerm struct {
	word, typ, normalized string
	rule                  *rules.Rule
}

type entityPattern struct {
	rule    *rules.Rule
	re      *regexp.Regexp
	name    int // index of the group "name", or 0 for the whole match
	trig    []rune
	trigSet *runeSet
}

// NewEntities builds the entity extractor from the gazetteer, suffix,
// name_word, member_cue, entity_pattern, title and surname rules.
func NewEntities(set *rules.Set) (Extractor, error) {
	e := &Entities{gaz: newGazetteer(), sfx: newWordIndex(), level: map[string]bool{},
		inside: map[string]bool{}, stop: map[string]bool{}, cues: map[string]string{},
		titles: newWordIndex(), surnames: map[string]bool{}, rules: map[string]*rules.Rule{}}
	for _, r := range set.OfKind("gazetteer") {
		e.rules[r.ID] = r
		if err := e.gaz.load(r, set.List(r)); err != nil {
			return nil, fmt.Errorf("extract: %w", err)
		}
	}
	for _, r := range set.OfKind("suffix") {
		e.rules[r.ID] = r
		for _, t := range r.Terms {
			typ := t.Value
			if typ == "" {
				typ = r.Value
			}
			for _, w := range t.Words {
				if t.Position == "before" {
					e.level[w] = true
					continue
				}
				e.sfx.add(reverse(w), len(e.sfxInfo))
				e.sfxInfo = append(e.sfxInfo, sfxTerm{word: w, typ: typ, normalized: t.Normalized, rule: r})
				last, _ := utf8.DecodeLastRuneInString(w)
				e.sfxLast.add(last)
			}
		}
	}
	for _, r := range set.OfKind("name_word") {
		for _, t := range r.Terms {
			for _, w := range t.Words {
				if t.Value == "stop" {
					e.stop[w] = true
				} else {
					e.inside[w] = true
				}
			}
		}
	}
	for _, r := range set.OfKind("member_cue") {
		e.rules[r.ID] = r
		if e.cueRule == "" {
			e.cueRule = r.ID
		}
		for _, t := range r.Terms {
			typ := t.Value
			if typ == "" {
				typ = r.Value
			}
			for _, w := range t.Words {
				e.cues[w] = typ
				e.cueMax = max(e.cueMax, len(w))
			}
		}
	}
	for _, r := range set.OfKind("entity_pattern") {
		e.rules[r.ID] = r
		re := r.Regexp()
		if re == nil {
			continue
		}
		p := entityPattern{rule: r, re: re, trig: patternTrigger(r.Pattern), trigSet: new(runeSet)}
		for _, c := range p.trig {
			p.trigSet.add(c)
		}
		if i := re.SubexpIndex("name"); i > 0 {
			p.name = i
		}
		e.pats = append(e.pats, p)
	}
	for _, r := range set.OfKind("title") {
		e.rules[r.ID] = r
		for _, t := range r.Terms {
			for _, w := range t.Words {
				e.titles.add(w, len(e.titleOf))
				e.titleOf = append(e.titleOf, r)
			}
		}
	}
	for _, r := range set.OfKind("surname") {
		for _, t := range r.Terms {
			for _, w := range t.Words {
				e.surnames[w] = true
			}
		}
	}
	return e, nil
}

// Name implements [Extractor].
func (*Entities) Name() string { return "entities" }

// entCand is an entity candidate with what linking it needs.
type entCand struct {
	Entity
	refs   []gazRef // a gazetteer form's readings
	weak   bool     // a suffix name without a proper noun
	level  string   // a level prefix (区 in 区政府) the name starts with
	suffix *sfxTerm
}

// Extract implements [Extractor]: it appends d's entities to r.Entities in
// text order.
func (e *Entities) Extract(d *Doc, r *Records) {
	var cands []entCand
	for si, s := range d.Sentences {
		cands = e.sentence(d, si, s, cands)
	}
	if len(cands) == 0 {
		return
	}
	won := e.resolve(cands, nil)

	// Names found once are found again where the text repeats them, and
	// a generic suffix name counts when a full name found elsewhere ends
	// with it (工业互联网产业生态园 after 重庆市工业互联网产业生态园).
	known := map[string]*entCand{}
	var knownList []*entCand
	for _, i := range won {
		c := &cands[i]
		if c.Type == "ORG" && !c.weak && utf8.RuneCountInString(c.Text) >= 3 {
			if _, ok := known[c.Text]; !ok {
				known[c.Text] = c
				knownList = append(knownList, c)
			}
		}
	}
	n := len(cands)
	for i := range n {
		c := &cands[i]
		if !c.weak {
			continue
		}
		for _, k := range knownList {
			if k.Start < c.Start && k.Text != c.Text && strings.HasSuffix(k.Text, c.Text) && utf8.RuneCountInString(c.Text) >= 4 {
				c.weak = false
				c.Normalized = k.Normalized
				c.Rule = k.Rule
				break
			}
		}
	}
	if len(knownList) > 0 {
		names := newWordIndex()
		for i, k := range knownList {
			names.add(k.Text, i)
		}
		var buf []int
		for si, s := range d.Sentences {
			var b offsetSet
			for _, tk := range s.Tokens {
				buf = names.at(d.Text[:s.End], tk.Start, buf[:0])
				for _, id := range buf {
					end := tk.Start + len(names.words[id])
					if b == nil {
						b = tokenBounds(s.Start, s.End, s.Tokens)
					}
					if !b.has(end - s.Start) {
						continue
					}
					c := *knownList[names.data[id]]
					c.Span, c.Sentence, c.Text = Span{tk.Start, end}, si, d.Text[tk.Start:end]
					cands = append(cands, c)
					break
				}
			}
		}
	}
	won = e.resolve(cands, r.Trace)

	// Link places: first the forms with one reading, which make the
	// context, then the ambiguous ones, by the nearest place that holds
	// exactly one of their readings.
	var ctx []placeCtx
	for i := range cands {
		// A place inside a longer name (重庆市 of 重庆市人民政府) is context
		// too.
		if c := &cands[i]; len(c.refs) == 1 && c.refs[0].e.code != "" {
			ctx = append(ctx, placeCtx{c.Start, c.refs[0].e})
		}
	}
	counts := map[*gazEntry]int{}
	for i := range cands {
		// Every unambiguous place counts toward the document's home, also
		// one inside a longer name (北碚 of 北碚区委).
		if c := &cands[i]; len(c.refs) == 1 && c.refs[0].e.level() == 3 {
			counts[c.refs[0].e]++
		}
	}
	for _, i := range won {
		c := &cands[i]
		if len(c.refs) == 0 {
			continue
		}
		if g := pickNear(c.refs, c.Start, ctx); g != nil {
			c.Normalized, c.RegionCode = g.name, g.code
		} else {
			c.Normalized, c.RegionCode = c.Text, ""
		}
	}
	// The document's own district: the county-level division it names
	// most; its city or province stands behind 市 and 省.
	var home *gazEntry
	for g, n := range counts {
		if g.level() == 3 && (home == nil || n > counts[home] || n == counts[home] && g.code < home.code) {
			home = g
		}
	}
	for _, i := range won {
		c := &cands[i]
		if c.weak {
			continue
		}
		if c.level != "" {
			if p := e.homeOf(home, c.level); p != nil {
				c.Normalized = p.name + strings.TrimPrefix(c.Normalized, c.level)
			}
		}
		r.Entities = append(r.Entities, c.Entity)
	}
}

// placeCtx is an unambiguous place mention, context for ambiguous ones.
type placeCtx struct {
	at int
	e  *gazEntry
}

// pickNear chooses the reading of an ambiguous form that the nearest
// place mention holding exactly one reading (its province or city)
// supports; without one it falls back on [pick]'s rules without context.
func pickNear(refs []gazRef, at int, ctx []placeCtx) *gazEntry {
	if len(refs) == 1 {
		return refs[0].e
	}
	best, bestD, tie := (*gazEntry)(nil), -1, false
	for _, c := range ctx {
		var hit *gazEntry
		n := 0
		for _, r := range refs {
			if r.e != c.e && holds(c.e, r.e) {
				if hit != r.e {
					n++
				}
				hit = r.e
			}
		}
		if n != 1 {
			continue
		}
		d := c.at - at
		if d < 0 {
			d = -d
		}
		switch {
		case bestD < 0 || d < bestD:
			best, bestD, tie = hit, d, false
		case d == bestD && hit != best:
			tie = true
		}
	}
	if best != nil && !tie {
		return best
	}
	return pick(refs)
}

// holds reports whether division p contains division c or, for a
// county-level p, whether c is a county of the same city (渝北区 beside
// 江北区 makes it Chongqing's).
func holds(p, c *gazEntry) bool {
	if len(p.code) != 6 || len(c.code) != 6 || p.code == c.code {
		return false
	}
	switch p.level() {
	case 1:
		return p.code[:2] == c.code[:2]
	default:
		return p.code[:4] == c.code[:4]
	}
}

// homeOf returns the division a level prefix stands for: the home
// district for 区 and 县, its parents for 市 and 省.
func (e *Entities) homeOf(home *gazEntry, level string) *gazEntry {
	for g := home; g != nil; g = e.gaz.byCode[g.parent] {
		if strings.HasSuffix(g.name, level) {
			return g
		}
		if g.parent == "" {
			break
		}
	}
	return nil
}

// resolve runs [Resolve] over the candidates that may win (weak ones may
// not) and returns the winners' indexes in text order.
func (e *Entities) resolve(cands []entCand, trace *[]Candidate) []int {
	cs := make([]Candidate, 0, len(cands))
	idx := make([]int, 0, len(cands))
	type key struct {
		Span
		typ string
	}
	seen := make(map[key]bool, len(cands))
	for i := range cands {
		c := &cands[i]
		if c.weak || seen[key{c.Span, c.Type}] {
			continue
		}
		seen[key{c.Span, c.Type}] = true
		rl := e.rules[c.Rule]
		prio, order := 0, 0
		if rl != nil {
			prio, order = rl.Priority, rl.Order
		}
		cs = append(cs, Candidate{Span: c.Span, Kind: string(rules.StageEntity), Text: c.Text, Rule: c.Rule, Priority: prio, Order: order})
		idx = append(idx, i)
	}
	won := resolveLocal(cs)
	if trace != nil {
		*trace = append(*trace, cs...)
	}
	out := make([]int, len(won))
	for i, w := range won {
		out[i] = idx[w]
	}
	return out
}

func sentenceAt(d *Doc, off int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Sentences[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(d.Sentences) && d.Sentences[lo].Start <= off {
		return lo
	}
	return -1
}

// sentence appends the candidates of one sentence.
func (e *Entities) sentence(d *Doc, si int, s segment.Sentence, cands []entCand) []entCand {
	text := d.Text[s.Start:s.End]
	toks := s.Tokens
	add := func(start, end int, typ, norm, rule string) *entCand {
		c := entCand{}
		c.Span = Span{start, end}
		c.Sentence, c.Text, c.Type, c.Normalized, c.Rule = si, d.Text[start:end], typ, norm, rule
		cands = append(cands, c)
		return &cands[len(cands)-1]
	}

	// Patterns: titles in 《》, bylines.
	for _, p := range e.pats {
		if p.trig != nil && !strings.ContainsFunc(text, p.trigSet.has) {
			continue
		}
		for _, m := range p.re.FindAllStringSubmatchIndex(text, -1) {
			a, b := m[2*p.name], m[2*p.name+1]
			if a < 0 || a == b {
				continue
			}
			if p.rule.Value == "PER" {
				if b = e.personEnd(text, a, b); b < 0 {
					continue
				}
			}
			add(s.Start+a, s.Start+b, p.rule.Value, text[a:b], p.rule.ID)
		}
	}

	// Gazetteer names, at token starts.
	var buf []int
	for k, tk := range toks {
		buf = e.gaz.idx.at(d.Text, tk.Start, buf[:0])
		for _, id := range buf {
			end := tk.Start + len(e.gaz.idx.words[id])
			if end > s.End {
				continue
			}
			// The name must end where a token ends; a two-character name
			// must be one place-like token.
			kEnd := -1
			for j := k; j < len(toks) && toks[j].End <= end; j++ {
				if toks[j].End == end {
					kEnd = j
				}
			}
			if kEnd < 0 {
				continue
			}
			refs := e.gaz.refs[e.gaz.idx.data[id]]
			if utf8.RuneCountInString(e.gaz.idx.words[id]) <= 2 && (kEnd != k || !properPOS(tk.Pos)) {
				continue
			}
			start := tk.Start
			if refs[0].e.typ == "ORG" {
				// An organisation's short form takes the name words before
				// it (国家工信部).
				if f := e.extendLeft(d, toks, k, false); f < k {
					start = toks[f].Start
				}
			}
			c := add(start, end, refs[0].e.typ, refs[0].e.name, refs[0].e.rule.ID)
			c.refs = refs
			if refs[0].e.typ == "ORG" {
				c.refs = nil
			}
			break
		}
	}

	// Suffix names, at each place a suffix ends.
	tokAt := 0
	for i, ch := range text {
		end := i + utf8.RuneLen(ch)
		if !e.sfxLast.has(ch) {
			continue
		}
		for tokAt < len(toks) && toks[tokAt].End-s.Start < end {
			tokAt++
		}
		if tokAt >= len(toks) {
			break
		}
		atTokEnd := toks[tokAt].End-s.Start == end
		for _, id := range e.suffixesEndingAt(text, end, buf[:0]) {
			st := &e.sfxInfo[e.sfx.data[id]]
			if !atTokEnd && utf8.RuneCountInString(st.word) < 3 {
				continue
			}
			if c, ok := e.suffixName(d, s, tokAt, s.Start+end-len(st.word), s.Start+end, st); ok {
				c.Sentence = si
				cands = append(cands, c)
				break
			}
		}
	}

	// Members of a list closed by 等 and a cue noun.
	for k, tk := range toks {
		if tk.Text == "等" {
			cands = e.members(d, si, s, k, cands)
		}
	}

	// People: after a title, and gse's person tags between punctuation.
	for k, tk := range toks {
		if k+1 < len(toks) {
			if ids := e.titles.at(tk.Text, 0, buf[:0]); len(ids) > 0 && e.titles.words[ids[0]] == tk.Text {
				// The name is the next tokens, two or three characters
				// that end where a token ends (黄强 of 黄强|表示).
				a, end := toks[k+1].Start, -1
				for j := k + 1; j < len(toks) && utf8.RuneCountInString(d.Text[a:toks[j].End]) <= 3; j++ {
					if p := toks[j].Pos; p == "x" || p == "n" || p == "v" || p == "vn" || p == "a" || p == "d" {
						break // a common word (院士|项目) is no name
					}
					if e.isName(d.Text[a:toks[j].End]) {
						end = toks[j].End
					}
				}
				if end > 0 {
					add(a, end, "PER", d.Text[a:end], e.titleOf[e.titles.data[ids[0]]].ID)
				}
			}
		}
		if isPersonTok(tk) && (k == 0 || toks[k-1].Pos == "x") {
			j := k
			for j+1 < len(toks) && isPersonTok(toks[j+1]) {
				j++
			}
			if (j+1 == len(toks) || toks[j+1].Pos == "x") && e.isName(d.Text[tk.Start:toks[j].End]) {
				add(tk.Start, toks[j].End, "PER", d.Text[tk.Start:toks[j].End], "entity.per.surnames")
			}
		}
	}
	return cands
}

func isPersonTok(t segment.Token) bool { return t.Pos == "nr" || t.Pos == "nrt" || t.Pos == "nrfg" }

// properPOS reports whether gse's tag marks a proper noun.
func properPOS(pos string) bool {
	switch pos {
	case "ns", "nt", "nz", "nr", "nrt", "nrfg":
		return true
	}
	return false
}

// isName reports whether s can be a person's name: two to four Han
// characters starting with a surname.
func (e *Entities) isName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 4 {
		return false
	}
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	r, size := utf8.DecodeRuneInString(s)
	_ = r
	if e.surnames[s[:size]] && n <= 3 {
		return true
	}
	if n >= 3 {
		_, size2 := utf8.DecodeRuneInString(s[size:])
		return e.surnames[s[:size+size2]]
	}
	return false
}

// personEnd returns the end of the longest name in text[a:b] (three
// characters, else two), or -1.
func (e *Entities) personEnd(text string, a, b int) int {
	for _, n := range []int{3, 2} {
		end, k := a, 0
		for end < b && k < n {
			_, size := utf8.DecodeRuneInString(text[end:])
			end += size
			k++
		}
		if k == n && e.isName(text[a:end]) {
			return end
		}
	}
	return -1
}

// suffixesEndingAt returns the suffix words that end at text[:end],
// longest first.
func (e *Entities) suffixesEndingAt(text string, end int, buf []int) []int {
	// The index holds reversed words; walk back rune by rune comparing.
	last, _ := utf8.DecodeLastRuneInString(text[:end])
	for _, id := range e.sfx.starts[last] {
		if strings.HasSuffix(text[:end], e.sfxInfo[e.sfx.data[id]].word) {
			buf = append(buf, id)
		}
	}
	return buf
}

func reverse(s string) string {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return string(rs)
}
