package extract

import (
	"fmt"
	"math/bits"
	"regexp"
	"slices"
	"strings"
	"sync"
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
	// gazPairs is gaz.idx's pairs as a pairTable.
	gazPairs *pairTable
	// aliases indexes the gazetteer's organisation short forms that
	// expand at the start of a name (see expandAlias).
	aliases *wordIndex

	sfx     *wordIndex // suffix words, reversed, payload into sfxInfo
	sfxLast runeSet
	sfxInfo []sfxTerm
	// sfxByLast is sfx.starts for the runes of the BMP, by slot, and
	// sfxWide for those above it, as indexes into sfxInfo: the terms
	// are read without going through sfx.data.
	sfxSlots  runeSlots
	sfxByLast [][]int
	sfxWide   map[rune][]int
	// sfxByLast2 splits each of sfxByLast by the words' last six bytes
	// (see suffixesEnding).
	sfxByLast2 [][]sfxGroup
	level      map[string]bool // level prefixes: 区, 市 …

	inside  map[string]bool
	stop    *wordSet
	cues    map[string]string // member cue noun → type
	cueMax  int               // longest cue, in bytes
	cueRule *rules.Rule       // the first member_cue rule

	pats []entityPattern
	// The patterns' trigger runes: patBits maps one to the bits of the
	// rune sets that hold it (see entityPattern.need).
	patTrig     runeSet
	patBits     map[rune]uint64
	patBitsUsed int
	scan        runeSet // patTrig and sfxLast: the runes a sentence's first pass stops at
	// scanner finds the runes of scan, which have scanBit in its hits.
	scanner *scanner
	scanBit uint8
	// scanSlots numbers the runes of scan; scanInfo[slot] is what one
	// is, so that the first pass tests no sets and reads no map.
	scanSlots runeSlots
	scanInfo  []scanRune

	titles  *wordIndex
	titleOf []*rules.Rule
	// markFirst holds the first runes of the titles and listEnd, which
	// markTokens looks at more closely.
	markFirst runeSet
	surnames  map[string]bool

	// rules holds the rules that candidates name, by ID: gazetteer,
	// suffix, member_cue, entity_pattern and title rules.
	rules map[string]*rules.Rule
	// surnameRule is the rule of ID entity.per.surnames in rules, or nil.
	surnameRule *rules.Rule
}

type sfxTerm struct {
	word, typ, normalized string
	runes                 int // the word's length in characters
	rule                  *rules.Rule
	// tail is tailKey(word) and tailMask its bytes': a text ends with
	// a word of eight bytes or fewer when their tails agree under the
	// mask, which tests the words ending with the same rune without
	// comparing strings.
	tail, tailMask uint64
}

// tailKey packs the last eight bytes of s (all of a shorter s) into an
// integer, the last byte lowest.
func tailKey(s string) uint64 {
	if n := len(s); n >= 8 {
		// One big-endian load, as the compiler combines these.
		return uint64(s[n-8])<<56 | uint64(s[n-7])<<48 | uint64(s[n-6])<<40 | uint64(s[n-5])<<32 |
			uint64(s[n-4])<<24 | uint64(s[n-3])<<16 | uint64(s[n-2])<<8 | uint64(s[n-1])
	}
	var v uint64
	for i := max(0, len(s)-8); i < len(s); i++ {
		v = v<<8 | uint64(s[i])
	}
	return v
}

// tailBuckets is the number of buckets of tailBucket.
const tailBuckets = 64

// tailBucket is the bucket of a tail key by its last four bytes: a text
// of four bytes or more ends with another only when their buckets agree.
func tailBucket(tail uint64) int {
	return int(uint32(tail) * 0x9E3779B1 >> (32 - 6))
}

// endsWith reports whether text ends with st.word, whose tail key is
// compared with text's, tail.
func (st *sfxTerm) endsWith(text string, tail uint64) bool {
	return len(st.word) <= len(text) && (tail^st.tail)&st.tailMask == 0 &&
		(len(st.word) <= 8 || text[len(text)-len(st.word):] == st.word)
}

type entityPattern struct {
	rule *rules.Rule
	re   *regexp.Regexp
	// anch is re anchored, tried only at the scan's hits of its first
	// runes, which scan holds; nil where the pattern cannot be so.
	anch    *anchoredRE
	name    int // index of the group "name", or 0 for the whole match
	trig    []rune
	trigSet *runeSet
	need    uint64 // the trigger bits a sentence must hold, or 0 to test trigSet
}

// findAt appends the matches of p.anch in text, a sentence whose scan
// hits are hits, of which those with bit hold p.anch's first runes, as
// the unanchored p.re's FindAllStringSubmatchIndex(text, -1) would
// return them: it tries the pattern only at those hits, which are the
// positions anchoredRE.findAll would try.
func (p *entityPattern) findAt(text string, hits []scanHit, bit uint8, out [][]int) [][]int {
	a := p.anch
	next := 0
	for k := range hits {
		h := &hits[k]
		i := int(h.at)
		if h.sets&bit == 0 || i < next || !a.first.bmp.has(h.r) || !a.mayBegin(text[i:], int(h.size)) {
			continue
		}
		m := a.re.FindStringSubmatchIndex(text[i:])
		if m == nil {
			continue
		}
		out = append(out, shiftMatch(m, i))
		next = m[1]
	}
	return out
}

// NewEntities builds the entity extractor from the gazetteer, suffix,
// name_word, member_cue, entity_pattern, title and surname rules.
func NewEntities(set *rules.Set) (Extractor, error) {
	e := &Entities{gaz: newGazetteer(), sfx: newWordIndex(), level: map[string]bool{},
		inside: map[string]bool{}, stop: newWordSet(), cues: map[string]string{},
		titles: newWordIndex(), surnames: map[string]bool{}, rules: map[string]*rules.Rule{}, patBits: map[rune]uint64{}}
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
				e.sfxInfo = append(e.sfxInfo, sfxTerm{word: w, typ: typ, normalized: t.Normalized, runes: utf8.RuneCountInString(w), rule: r,
					tail: tailKey(w), tailMask: ^uint64(0) >> (64 - 8*min(8, len(w)))})
				last, _ := utf8.DecodeLastRuneInString(w)
				e.sfxLast.add(last)
				e.scan.add(last)
			}
		}
	}
	for _, r := range set.OfKind("name_word") {
		for _, t := range r.Terms {
			for _, w := range t.Words {
				if t.Value == "stop" {
					e.stop.add(w)
				} else {
					e.inside[w] = true
				}
			}
		}
	}
	for _, r := range set.OfKind("member_cue") {
		e.rules[r.ID] = r
		if e.cueRule == nil {
			e.cueRule = r
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
		if a := newAnchoredRE(r.Pattern); a != nil && !a.first.wide {
			p.anch = a
			for c := range a.first.bmp.runes() {
				e.scan.add(c)
			}
		}
		for _, c := range p.trig {
			p.trigSet.add(c)
		}
		if i := re.SubexpIndex("name"); i > 0 {
			p.name = i
		}
		// Each rune set a match needs one of gets a bit; a sentence runs
		// the pattern when it holds a rune of every set: the trigger, and
		// the sets of the pattern's other parts (those in the BMP, which
		// a runeSet holds).
		sets := [][]rune{p.trig}
		for _, set := range requiredSets(r.Pattern) {
			if !slices.Equal(set, p.trig) && !slices.ContainsFunc(set, func(c rune) bool { return c >= 1<<16 }) {
				sets = append(sets, set)
			}
		}
		if p.trig != nil && e.patBitsUsed+len(sets) <= 64 {
			for _, set := range sets {
				bit := uint64(1) << e.patBitsUsed
				e.patBitsUsed++
				p.need |= bit
				for _, c := range set {
					e.patTrig.add(c)
					e.scan.add(c)
					e.patBits[c] |= bit
				}
			}
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
	e.surnameRule = e.rules[surnamesRule]
	e.markFirst = e.titles.first
	e.markFirst.add(listEnd)
	e.gazPairs = newPairTable(e.gaz.idx)
	e.aliases = newWordIndex()
	for w := range e.gaz.alias {
		e.aliases.add(w, 0)
	}
	for r := range e.sfx.starts {
		e.sfxSlots.set.add(r)
	}
	e.sfxSlots.index()
	e.scanSlots.set = e.scan
	e.scanSlots.index()
	e.scanInfo = make([]scanRune, e.scanSlots.len())
	for r := range e.scan.runes() {
		e.scanInfo[e.scanSlots.slot(r)] = scanRune{pat: e.patBits[r], sfx: e.sfxLast.has(r)}
	}
	e.sfxByLast = make([][]int, e.sfxSlots.len())
	e.sfxByLast2 = make([][]sfxGroup, e.sfxSlots.len())
	e.sfxWide = map[rune][]int{}
	for r, ids := range e.sfx.starts {
		terms := make([]int, len(ids))
		for i, id := range ids {
			terms[i] = e.sfx.data[id]
		}
		if k := e.sfxSlots.slot(r); k >= 0 {
			e.sfxByLast[k] = terms
			e.sfxByLast2[k] = e.groupSuffixes(terms)
		} else {
			e.sfxWide[r] = terms
		}
	}
	if err := ownScanner(e); err != nil {
		return nil, err
	}
	return e, nil
}

func (e *Entities) scanSets() []*startSet { return []*startSet{{bmp: e.scan}} }

func (e *Entities) useScanner(sc *scanner, first uint) { e.scanner, e.scanBit = sc, 1<<first }

// scanRune is what a rune of Entities.scan is: the bits of the patterns
// it triggers (patBits[r]), and whether a suffix word ends with it.
type scanRune struct {
	pat uint64
	sfx bool
}

// surnamesRule is the rule ID of the names found by gse's person tags.
const surnamesRule = "entity.per.surnames"

// Name implements [Extractor].
func (*Entities) Name() string { return "entities" }

// entCand is an entity candidate with what linking it needs.
type entCand struct {
	Entity
	refs   []gazRef // a gazetteer form's readings
	weak   bool     // a suffix name without a proper noun
	level  string   // a level prefix (区 in 区政府) the name starts with
	suffix *sfxTerm
	rule   *rules.Rule // the rule of ID Rule among the extractor's, or nil
}

// Extract implements [Extractor]: it appends d's entities to r.Entities in
// text order.
func (e *Entities) Extract(d *Doc, r *Records) {
	sc := entScratchPool.Get().(*entScratch)
	defer sc.release()
	cands := sc.cands[:0]
	ds, own := scanDoc(d, e.scanner)
	if own {
		defer ds.release()
	}
	// sentAt[si] is the index of sentence si's first candidate.
	sentAt := sc.sentAt[:0]
	for si, s := range d.Sentences {
		sentAt = append(sentAt, int32(len(cands)))
		cands = e.sentence(d, si, s, ds.sentence(si), cands, sc)
	}
	sentAt = append(sentAt, int32(len(cands)))
	sc.sentAt = sentAt
	sc.cands = cands
	if len(cands) == 0 {
		return
	}
	won := e.resolve(cands, nil, sc)

	// Names found once are found again where the text repeats them, and
	// a generic suffix name counts when a full name found elsewhere ends
	// with it (工业互联网产业生态园 after 重庆市工业互联网产业生态园).
	// Each name is known once, as it is first found: the names are
	// few, and one found before is looked for among those of its tail
	// key's bucket, chained by prevTail, latest first.
	knownList := sc.knownList[:0]
	// The tail keys of the known names, which reject most of them
	// without comparing strings here and below, and the names bucketed
	// by their last four bytes, in order: a weak name of four runes or
	// more can only end those of its own bucket.
	tails := sc.knownTail[:0]
	var at [tailBuckets + 1]int32   // bucket b is byTail[at[b]:at[b+1]]
	var lastTail [tailBuckets]int32 // 1 + the latest name of each bucket, or 0
	prevTail := sc.prevTail[:0]     // 1 + the name before each in its bucket, or 0
	for _, i := range won {
		c := &cands[i]
		if c.Type != "ORG" || c.weak || !runesAtLeast(c.Text, 3) {
			continue
		}
		tail := tailKey(c.Text)
		b := tailBucket(tail)
		j := lastTail[b]
		for j > 0 && (tails[j-1] != tail || knownList[j-1].Text != c.Text) {
			j = prevTail[j-1]
		}
		if j == 0 {
			knownList = append(knownList, c)
			tails = append(tails, tail)
			prevTail = append(prevTail, lastTail[b])
			lastTail[b] = int32(len(knownList))
			at[b+1]++
		}
	}
	sc.knownList, sc.knownTail, sc.prevTail = knownList, tails, prevTail
	for b := range tailBuckets {
		at[b+1] += at[b]
	}
	byTail := slices.Grow(sc.byTail[:0], len(knownList))[:len(knownList)]
	next := at
	for j, tail := range tails {
		b := tailBucket(tail)
		byTail[next[b]] = int32(j)
		next[b]++
	}
	sc.byTail = byTail
	n := len(cands)
	// again lists the sentences where the
	// second resolve below has anything the first did not: a weak name
	// made strong or a name found again where no candidate of its span
	// and type stood. The others' winners stay as they are.
	again := sc.again[:0]
	for i := range n {
		c := &cands[i]
		if !c.weak || !runesAtLeast(c.Text, 4) {
			continue
		}
		tail, mask := tailKey(c.Text), ^uint64(0)>>(64-8*min(8, len(c.Text)))
		b := tailBucket(tail)
		for _, j := range byTail[at[b]:at[b+1]] {
			if k := knownList[j]; (tails[j]^tail)&mask == 0 && k.Start < c.Start && len(k.Text) > len(c.Text) && strings.HasSuffix(k.Text, c.Text) {
				again = append(again, int32(c.Sentence))
				c.weak = false
				c.Normalized = k.Normalized
				c.Rule, c.rule = k.Rule, k.rule
				break
			}
		}
	}
	if len(knownList) > 0 {
		names := &sc.names
		names.reset(knownList)
		// Where every name ends with a rune the scanner finds, only the
		// sentences where one of its hits ends one hold them.
		lasts := e.lastSlots(knownList, sc)
		refound := sc.refound[:0]
		for si := range d.Sentences {
			s := &d.Sentences[si]
			if lasts != nil && !e.endsKnown(d.Text[s.Start:s.End], ds.sentence(si), lasts, knownList, tails, byTail, &at) {
				continue
			}
			for k := names.nextHead(d.Text, s.Tokens, 0, s.End); k < len(s.Tokens); k = names.nextHead(d.Text, s.Tokens, k+1, s.End) {
				tk := &s.Tokens[k]
				if tk.Start+3 > s.End || !names.mayBegin(d.Text[tk.Start:tk.Start+3]) {
					continue
				}
				rest := d.Text[tk.Start:s.End]
				for _, id := range names.startingWith(rest) {
					k := knownList[id]
					if !strings.HasPrefix(rest, k.Text) {
						continue
					}
					end := tk.Start + len(k.Text)
					if !atTokenBound(*s, end) {
						continue
					}
					refound = append(refound, refind{Span{tk.Start, end}, si, id})
					break
				}
			}
		}
		sc.refound = refound
		// A name found where a strong candidate of its type stands (as
		// one does, at least, where it was found first) adds nothing:
		// resolve keeps the first candidate of a span and type, and a
		// name found again is an organisation, which links no place.
		// The others are candidates.
		added := refound[:0]
		for _, f := range refound {
			k := knownList[f.name]
			if k.Span == f.Span {
				continue
			}
			stands := false
			for i := sentAt[f.sentence]; i < sentAt[f.sentence+1]; i++ {
				if c := &cands[i]; c.Span == f.Span && !c.weak && c.Type == k.Type {
					stands = true
					break
				}
			}
			if !stands {
				again = append(again, int32(f.sentence))
				added = append(added, f)
			}
		}
		refound = added
		cands = slices.Grow(cands, len(refound))
		for _, f := range refound {
			c := *knownList[f.name]
			c.Span, c.Sentence, c.Text = f.Span, f.sentence, d.Text[f.Start:f.End]
			cands = append(cands, c)
		}
		sc.cands = cands
	}
	// The weak names' sentences come first, then the others'.
	slices.Sort(again)
	again = slices.Compact(again)
	sc.again = again
	if r.Trace != nil {
		won = e.resolve(cands, r.Trace, sc)
	} else if len(again) > 0 && sc.tied {
		won = e.resolve(cands, nil, sc)
	} else if len(again) > 0 {
		won = e.resolveAgain(cands, n, won, again, sc)
	}

	// Link places: first the forms with one reading, which make the
	// context, then the ambiguous ones, by the nearest place that holds
	// exactly one of their readings.
	ctx := sc.ctx[:0]
	for i := range cands {
		// A place inside a longer name (重庆市 of 重庆市人民政府) is context
		// too.
		if c := &cands[i]; len(c.refs) == 1 && c.refs[0].e.code != "" {
			ctx = append(ctx, placeCtx{c.Start, c.refs[0].e})
		}
	}
	sc.ctx = ctx
	counts := sc.counts
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
	r.Entities = slices.Grow(r.Entities, len(won))
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

// nameSet finds the names found once where the text repeats them. The
// names are few, so they are kept in buckets by their first three bytes
// (a name has three characters or more), each bucket longest first.
type nameSet struct {
	ids  []int      // indexes of the names, by bucket, longest first
	at   [257]int32 // bucket b is ids[at[b]:at[b+1]]
	used [4]uint64  // the buckets that hold names
	// heads filters the tokens names may begin at by their headKey;
	// short is set when a name is too short for it.
	heads [headKeys / 64]uint64
	short bool
	// bucket is reset's memory: each name's bucket, or -1.
	bucket []int
}

// mayBegin reports whether a name may begin with the three bytes b.
func (ns *nameSet) mayBegin(b string) bool {
	k := nameBucket(b)
	return ns.used[k>>6]&(1<<(k&63)) != 0
}

func nameBucket(s string) int {
	return int((uint32(s[0])<<16 | uint32(s[1])<<8 | uint32(s[2])) * 0x9E3779B1 >> 24)
}

// reset makes ns the set of names, reusing its memory: one Extract call
// builds one from the names it found.
func (ns *nameSet) reset(names []*entCand) {
	ids, bucket := ns.ids[:0], ns.bucket[:0]
	*ns = nameSet{}
	// Bucket the names by counting, which keeps them in index order
	// within a bucket, then order each bucket longest first with an
	// insertion sort, which keeps equal lengths in index order: the
	// order a stable sort by bucket and length gives.
	var count [257]int32
	for _, c := range names {
		b := -1
		// Names that begin with no valid rune are not looked for.
		if r, _ := decodeRune(c.Text); len(c.Text) >= 3 && r != utf8.RuneError {
			b = nameBucket(c.Text)
			ns.used[b>>6] |= 1 << (b & 63)
			count[b+1]++
			ns.addHead(c.Text)
		}
		bucket = append(bucket, b)
	}
	for b := range 256 {
		count[b+1] += count[b]
	}
	ns.at = count
	ids = slices.Grow(ids, int(count[256]))[:count[256]]
	for i, b := range bucket {
		if b >= 0 {
			ids[count[b]] = i
			count[b]++
		}
	}
	for w, word := range ns.used { // the buckets that hold names
		for ; word != 0; word &= word - 1 {
			b := w<<6 | bits.TrailingZeros64(word)
			for k := ns.at[b] + 1; k < ns.at[b+1]; k++ {
				for j := k; j > ns.at[b] && len(names[ids[j-1]].Text) < len(names[ids[j]].Text); j-- {
					ids[j-1], ids[j] = ids[j], ids[j-1]
				}
			}
		}
	}
	ns.ids, ns.bucket = ids, bucket
}

// startingWith returns the names that may begin s, longest first.
func (ns *nameSet) startingWith(s string) []int {
	if len(s) < 3 {
		return nil
	}
	b := nameBucket(s)
	return ns.ids[ns.at[b]:ns.at[b+1]]
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

// lastSlots returns the set of the names' last runes, by their slots
// among the runes of scan, or nil when a name ends with another (or
// with an invalid rune, or is shorter than a tail bucket's four bytes).
func (e *Entities) lastSlots(names []*entCand, sc *entScratch) []uint64 {
	set := slices.Grow(sc.lasts[:0], e.scanSlots.len()/64+1)[:e.scanSlots.len()/64+1]
	clear(set)
	sc.lasts = set
	for _, k := range names {
		r, _ := utf8.DecodeLastRuneInString(k.Text)
		if len(k.Text) < 4 || r == utf8.RuneError || !e.scan.has(r) {
			return nil
		}
		slot := e.scanSlots.slot(r)
		set[slot>>6] |= 1 << (slot & 63)
	}
	return set
}

// endsKnown reports whether one of the names ends in text where one of
// its scan hits ends, a rune of the set lasts. tails and byTail are the
// names' tail keys and their indexes by tailBucket, bucket b
// byTail[at[b]:at[b+1]].
func (e *Entities) endsKnown(text string, hits []scanHit, lasts []uint64, names []*entCand, tails []uint64, byTail []int32, at *[tailBuckets + 1]int32) bool {
	for k := range hits {
		h := &hits[k]
		if h.sets&e.scanBit == 0 || h.r == utf8.RuneError {
			continue
		}
		if slot := e.scanSlots.slot(h.r); lasts[slot>>6]&(1<<(slot&63)) == 0 {
			continue
		}
		end := int(h.at) + int(h.size)
		tail := tailKey(text[:end])
		b := tailBucket(tail)
		for _, j := range byTail[at[b]:at[b+1]] {
			w := names[j].Text
			if len(w) <= end && (len(w) >= 8 && tails[j] == tail || len(w) < 8 && (tails[j]^tail)&(^uint64(0)>>(64-8*len(w))) == 0) &&
				(len(w) <= 8 || text[end-len(w):end] == w) {
				return true
			}
		}
	}
	return false
}

// resolveAgain returns what resolve(cands) returns, given won, the
// winners of cands[:n] before the sentences in again (sorted) changed: the candidates of those sentences, among
// cands[:n] by sentAt and the names found again after n, are resolved
// anew, and the other sentences' winners stay. A sentence's candidates
// overlap no other's, so resolving them alone decides as resolving all
// does, in the same order, unless some tie (see contend): then all are
// resolved again, as the first resolve, of won, must not have tied.
func (e *Entities) resolveAgain(cands []entCand, n int, won []int, again []int32, sc *entScratch) []int {
	sub := sc.sub[:0]
	for _, si := range again {
		for i := sc.sentAt[si]; i < sc.sentAt[si+1]; i++ {
			sub = append(sub, int(i))
		}
	}
	// The names found again, in their sentences' order, as again is.
	k := 0
	for i := n; i < len(cands); i++ {
		si := int32(cands[i].Sentence)
		for k < len(again) && again[k] < si {
			k++
		}
		if k < len(again) && again[k] == si {
			sub = append(sub, i)
		}
	}
	sc.sub = sub
	old := append(sc.prev[:0], won...)
	sc.prev = old
	fresh, tied := e.contend(cands, sub, false, nil, sc)
	if tied {
		return e.resolve(cands, nil, sc)
	}
	// Merge the old winners of the other sentences with the new ones,
	// both in text order.
	out := sc.out[:0]
	k = 0
	for _, i := range old {
		si := int32(cands[i].Sentence)
		for k < len(again) && again[k] < si {
			k++
		}
		if k < len(again) && again[k] == si {
			continue
		}
		for len(fresh) > 0 && cands[fresh[0]].Start < cands[i].Start {
			out = append(out, fresh[0])
			fresh = fresh[1:]
		}
		out = append(out, i)
	}
	out = append(out, fresh...)
	sc.out = out
	return out
}

// resolve runs [Resolve] over the candidates that may win (weak ones may
// not, nor a second candidate of the same span and type) and returns the
// winners' indexes in text order, valid until its next call. With a
// trace it appends the candidates to it.
func (e *Entities) resolve(cands []entCand, trace *[]Candidate, sc *entScratch) []int {
	won, tied := e.contend(cands, nil, true, trace, sc)
	sc.tied = tied
	return won
}

// contend is resolve over all cands or, when not all, over those that
// sub lists, in its order. It also reports whether two contenders tie:
// of one span, and of rules that rank alike. Resolving orders those as
// an unstable sort leaves them, which the other contenders change.
func (e *Entities) contend(cands []entCand, sub []int, all bool, trace *[]Candidate, sc *entScratch) ([]int, bool) {
	m := len(sub)
	if all {
		m = len(cands)
	}
	cs := sc.cs[:0]
	idx := sc.idx[:0]
	// seen is an open-addressing set of the kept candidates' indexes,
	// keyed by span and type.
	n := max(16, 1<<bits.Len(uint(2*m)))
	if cap(sc.seen) < n {
		sc.seen = make([]int32, n)
	}
	seen := sc.seen[:n]
	clear(seen)
	mask := uint64(len(seen) - 1)
	stage := stageRank(string(rules.StageEntity))
	unique, tied := true, false
	for k := range m {
		i := k
		if !all {
			i = sub[k]
		}
		c := &cands[i]
		if c.weak {
			continue
		}
		h := (uint64(c.Start)*0x9E3779B97F4A7C15 ^ uint64(c.End)*0xC2B2AE3D27D4EB4F) >> 20
		dup := false
		for {
			j := seen[h&mask]
			if j == 0 {
				seen[h&mask] = int32(i + 1)
				break
			}
			if o := &cands[j-1]; o.Span == c.Span {
				if o.Type == c.Type {
					dup = true
					break
				}
				// Kept, but with another's span; when their rules rank
				// alike too, the order the sort leaves them in decides.
				unique = false
				op, oo := rankOf(o.rule)
				cp, co := rankOf(c.rule)
				tied = tied || op == cp && oo == co
			}
			h++
		}
		if dup {
			continue
		}
		prio, order := rankOf(c.rule)
		cs = append(cs, contender{Span: c.Span, text: c.Text, stage: stage, priority: prio, order: order})
		idx = append(idx, i)
	}
	sc.cs, sc.idx = cs, idx
	won := sc.local.resolve(cs, unique)
	if trace != nil {
		tr := make([]Candidate, len(cs))
		for k, i := range idx {
			c := &cands[i]
			tr[k] = Candidate{Span: c.Span, Kind: string(rules.StageEntity), Text: c.Text, Rule: c.Rule, Priority: cs[k].priority, Order: cs[k].order}
		}
		settle(tr, cs)
		*trace = append(*trace, tr...)
	}
	out := slices.Grow(sc.won[:0], len(won))[:len(won)]
	for k, w := range won {
		out[k] = idx[w]
	}
	sc.won = out
	return out, tied
}

// rankOf returns the priority and order of a candidate's rule, which
// may be nil.
func rankOf(rl *rules.Rule) (priority, order int) {
	if rl == nil {
		return 0, 0
	}
	return rl.Priority, rl.Order
}

// entScratch is the scratch space of one Extract call, kept in a pool
// between calls so that extraction allocates little more than its
// results. release clears what points into a document.
type entScratch struct {
	cands     []entCand
	buf       []int    // word indexes
	ends      []sfxEnd // where a rune that may end a suffix word ends, in the sentence
	knownList []*entCand
	knownTail []uint64 // tailKey of each of knownList
	prevTail  []int32  // Extract's chains of knownList by tailBucket
	lasts     []uint64 // lastSlots' set
	byTail    []int32  // knownList's indexes by tailBucket
	refound   []refind
	marks     []tokMark
	ms        [][]int  // a pattern's matches
	nt        []uint16 // a sentence's nameTokAt memory
	ctx       []placeCtx
	counts    map[*gazEntry]int
	names     nameSet
	// resolve's
	cs    []contender
	idx   []int
	won   []int // the winners contend returns, valid until its next call
	tied  bool  // whether the last resolve's contenders tied (see contend)
	seen  []int32
	local localScratch
	// resolveAgain's
	sentAt []int32 // the index of each sentence's first candidate, and len(cands)
	again  []int32 // the sentences resolved again
	sub    []int   // their candidates
	prev   []int   // the winners before
	out    []int
}

// refind is a name found again: its span, sentence and index in the
// known names.
type refind struct {
	Span
	sentence, name int
}

var entScratchPool = sync.Pool{New: func() any {
	return &entScratch{counts: map[*gazEntry]int{}}
}}

func (sc *entScratch) release() {
	// Each call writes only below the lengths it leaves, so clearing up
	// to them leaves the arrays all zero.
	clear(sc.cands)
	clear(sc.knownList)
	clear(sc.cs)
	clear(sc.counts)
	sc.ctx = sc.ctx[:0]
	entScratchPool.Put(sc)
}

// sentence appends the candidates of one sentence, whose scan hits are
// hits.
func (e *Entities) sentence(d *Doc, si int, s segment.Sentence, hits []scanHit, cands []entCand, sc *entScratch) []entCand {
	text := d.Text[s.Start:s.End]
	toks := s.Tokens
	add := func(start, end int, typ, norm string, rule *rules.Rule, id string) *entCand {
		c := entCand{}
		c.Span = Span{start, end}
		c.Sentence, c.Text, c.Type, c.Normalized, c.Rule, c.rule = si, d.Text[start:end], typ, norm, id, rule
		cands = append(cands, c)
		return &cands[len(cands)-1]
	}

	// One pass over the hits finds the patterns to run and where suffix
	// words may end: a loop apart, whose variables stay in registers.
	patMask := e.firstPass(hits, sc)
	ends := sc.ends

	// Patterns: titles in 《》, bylines.
	for pi := range e.pats {
		p := &e.pats[pi]
		if p.need != 0 {
			if patMask&p.need != p.need {
				continue
			}
		} else if p.trig != nil && !strings.ContainsFunc(text, p.trigSet.has) {
			continue
		}
		// Anchored at the few hits of its first runes, a pattern skips
		// the unanchored search's tries at every other position, and the
		// title pattern, one-pass once anchored, the backtracker's
		// visited set over the whole sentence.
		var ms [][]int
		if p.anch != nil {
			ms = p.findAt(text, hits, e.scanBit, sc.ms[:0])
			sc.ms = ms
		} else {
			ms = p.re.FindAllStringSubmatchIndex(text, -1)
		}
		for _, m := range ms {
			a, b := m[2*p.name], m[2*p.name+1]
			if a < 0 || a == b {
				continue
			}
			if p.rule.Value == "PER" {
				if b = e.personEnd(text, a, b); b < 0 {
					continue
				}
			}
			add(s.Start+a, s.Start+b, p.rule.Value, text[a:b], p.rule, p.rule.ID)
		}
	}

	// The tokens the later steps start at, then the gazetteer names at
	// the tokens that nextGaz lets through.
	marks := e.markTokens(toks, sc.marks[:0])
	buf := sc.buf
	gi := e.gaz.idx
	nt := sc.nt
	if cap(nt) < len(toks) {
		nt = make([]uint16, len(toks))
	}
	nt = nt[:len(toks)]
	clear(nt)
	sc.nt = nt
	for k := e.nextGaz(d.Text, toks, 0); k < len(toks); k = e.nextGaz(d.Text, toks, k+1) {
		tk := &toks[k]
		// What passes is looked up as gi.at does, without decoding
		// its first runes again where they are Chinese characters.
		buf = buf[:0]
		if i := tk.Start; i+6 <= len(d.Text) {
			if w, ok := cjkWord(d.Text[i], d.Text[i+1], d.Text[i+2]); ok {
				r := rune(w<<6 | uint32(d.Text[i+2]&0x3F))
				if w2, ok := cjkWord(d.Text[i+3], d.Text[i+4], d.Text[i+5]); ok {
					pk := pairKey(r, rune(w2<<6|uint32(d.Text[i+5]&0x3F)))
					if b := pairBloomBit(pk); gi.pairBits[b>>6]&(1<<(b&63)) != 0 {
						buf = e.gazPairs.at(d.Text[i:], pk, buf)
					}
					if gi.one.has(r) {
						if id, ok := gi.ones[r]; ok {
							buf = append(buf, id)
						}
					}
				} else {
					buf = gi.atRune(d.Text, i, r, buf)
				}
			} else {
				buf = gi.at(d.Text, i, buf)
			}
		} else {
			buf = gi.at(d.Text, i, buf)
		}
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
			if (kEnd != k || !properPOS(tk.Pos)) && !runesAtLeast(e.gaz.idx.words[id], 3) {
				continue
			}
			start := tk.Start
			g := refs[0].e
			if g.typ == "ORG" {
				// An organisation's short form takes the name words before
				// it (国家工信部).
				if f := e.extendLeft(d, toks, k, false, nt); f < k {
					start = toks[f].Start
				}
			}
			c := add(start, end, g.typ, g.name, g.rule, g.rule.ID)
			c.refs = refs
			if g.typ == "ORG" {
				c.refs = nil
			}
			break
		}
	}
	sc.marks = marks

	// Suffix names, at each place a suffix ends.
	tokAt := 0
	for _, se := range ends {
		end := se.end
		for tokAt < len(toks) && toks[tokAt].End-s.Start < end {
			tokAt++
		}
		if tokAt >= len(toks) {
			break
		}
		atTokEnd := toks[tokAt].End-s.Start == end
		// The suffix words that end at end, longest first, as
		// suffixesEndingAt lists them, tried until one makes a name.
		last := se.last
		if last == utf8.RuneError {
			last, _ = utf8.DecodeLastRuneInString(text[:end])
		}
		tail := tailKey(text[:end])
		for _, ti := range e.suffixesEnding(last, tail, end) {
			st := &e.sfxInfo[ti]
			if !st.endsWith(text[:end], tail) || !atTokEnd && st.runes < 3 {
				continue
			}
			if c, ok := e.suffixName(d, s, tokAt, s.Start+end-len(st.word), s.Start+end, st, nt); ok {
				c.Sentence = si
				cands = append(cands, c)
				break
			}
		}
	}
	sc.buf = buf

	// Members of a list closed by 等 and a cue noun.
	for _, mk := range marks {
		if mk.m&markMembers != 0 {
			cands = e.members(d, si, s, mk.k, cands)
		}
	}

	// People: after a title, and gse's person tags between punctuation.
	for _, mk := range marks {
		k := mk.k
		tk := &toks[k]
		if mk.m&markTitle != 0 {
			if id := e.titles.lookup(tk.Text); id >= 0 {
				// The name is the next tokens, two or three characters
				// that end where a token ends (黄强 of 黄强|表示).
				a, end := toks[k+1].Start, -1
				for j := k + 1; j < len(toks) && !runesAtLeast(d.Text[a:toks[j].End], 4); j++ {
					if p := toks[j].Pos; p == "x" || p == "n" || p == "v" || p == "vn" || p == "a" || p == "d" {
						break // a common word (院士|项目) is no name
					}
					if e.isName(d.Text[a:toks[j].End]) {
						end = toks[j].End
					}
				}
				if end > 0 {
					rl := e.titleOf[e.titles.data[id]]
					add(a, end, "PER", d.Text[a:end], rl, rl.ID)
				}
			}
		}
		if mk.m&markPerson != 0 {
			j := k
			for j+1 < len(toks) && isPersonTok(&toks[j+1]) {
				j++
			}
			if (j+1 == len(toks) || toks[j+1].Pos == "x") && e.isName(d.Text[tk.Start:toks[j].End]) {
				add(tk.Start, toks[j].End, "PER", d.Text[tk.Start:toks[j].End], e.surnameRule, surnamesRule)
			}
		}
	}
	return cands
}

// listEnd is the word that may close a list of members (see members).
const listEnd = '等'

// firstPass reads a sentence's scan hits, once: it returns the bits of
// the patterns to run and leaves in sc.ends where suffix words may end.
func (e *Entities) firstPass(hits []scanHit, sc *entScratch) (patMask uint64) {
	ends := sc.ends[:0]
	for k := range hits {
		h := &hits[k]
		if h.sets&e.scanBit == 0 {
			continue
		}
		at, ch := int(h.at), h.r
		i := at + int(h.size)
		in := &e.scanInfo[e.scanSlots.slot(ch)]
		patMask |= in.pat
		if in.sfx {
			end := i
			if ch == utf8.RuneError {
				end = at + utf8.RuneLen(ch)
			}
			ends = append(ends, sfxEnd{end, ch})
		}
	}
	sc.ends = ends
	return patMask
}

// markTokens appends to marks the tokens of a sentence that the later
// steps start at: 等, titles and person tags after punctuation. It and
// nextGaz are loops of their own: in one with the lookups, what they
// read spilled to the stack.
//
// Most tokens are none of these, and the tests are arranged so that
// the branches taken for them are the same from one token to the next:
// where a token begins with a three-byte sequence one bit test of its
// first rune passes the few that may be 等 or a title, and the person
// test waits for a token after punctuation. Tests on the token's length
// or tag at every token went one way or the other as the text did, and
// were mispredicted about once a token.
func (e *Entities) markTokens(toks []segment.Token, marks []tokMark) []tokMark {
	tf, lead := e.titles, &e.markFirst
	prevX := true // the token before is punctuation ("x"), or there is none
	for k := range toks {
		tk := &toks[k]
		var m uint8
		if tt := tk.Text; len(tt) >= 3 && tt[0]&0xF0 == 0xE0 {
			// An invalid sequence is no title, nor 等: either answer
			// of the bit test is right for it.
			if lead[uint32(tt[0]&0x0F)<<6|uint32(tt[1]&0x3F)]&(1<<(tt[2]&0x3F)) != 0 {
				if tt == string(listEnd) {
					m = markMembers
				}
				if w, ok := cjkWord(tt[0], tt[1], tt[2]); ok && k+1 < len(toks) && tf.first[w]&(1<<(tt[2]&0x3F)) != 0 {
					m |= markTitle
				}
			}
		} else if k+1 < len(toks) && tf.mayBegin(tt) {
			m = markTitle
		}
		if prevX && isPersonTok(tk) {
			m |= markPerson
		}
		var pos uint64 // the tag's length and first byte
		if p := tk.Pos; len(p) > 0 {
			pos = uint64(len(p))<<8 | uint64(p[0])
		}
		prevX = pos == 1<<8|'x'
		if m != 0 {
			marks = append(marks, tokMark{k, m})
		}
	}
	return marks
}

// nextGaz returns the first of toks from k on at which a gazetteer word
// may begin, or len(toks): where two Chinese characters begin a token,
// their first rune and their pair reject most tokens before a lookup.
func (e *Entities) nextGaz(text string, toks []segment.Token, k int) int {
	gi := e.gaz.idx
	for ; k < len(toks); k++ {
		i := toks[k].Start
		if i+6 > len(text) {
			return k
		}
		t := text[i : i+6] // one bounds check for the six bytes
		if t[0]&0xF0 != 0xE0 {
			return k
		}
		// The first rune is tested by its bits, valid or not: no word
		// begins with an invalid one, so either answer is right for it.
		w, c := uint32(t[0]&0x0F)<<6|uint32(t[1]&0x3F), t[2]&0x3F
		if gi.first[w]&(1<<c) == 0 {
			continue
		}
		w2, ok := cjkWord(t[3], t[4], t[5])
		if !ok {
			return k
		}
		b := pairBloomBit(pairKey(rune(w<<6|uint32(c)), rune(w2<<6|uint32(t[5]&0x3F))))
		if gi.pairBits[b>>6]&(1<<(b&63)) != 0 || gi.one[w]&(1<<c) != 0 {
			return k
		}
	}
	return k
}

// runesAtLeast reports whether s holds n runes or more, counting them
// only where its length leaves that open: a rune is one to four bytes.
func runesAtLeast(s string, n int) bool {
	return len(s) >= utf8.UTFMax*n || len(s) >= n && runeCount(s) >= n
}

func isPersonTok(t *segment.Token) bool {
	p := t.Pos
	return len(p) >= 2 && p[0] == 'n' && p[1] == 'r' && (len(p) == 2 || p == "nrt" || p == "nrfg")
}

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
	n := runeCount(s)
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
// longest first, as indexes into sfxInfo.
func (e *Entities) suffixesEndingAt(text string, end int, buf []int) []int {
	// The index holds reversed words, listed by their first rune, the
	// word's last.
	last, _ := utf8.DecodeLastRuneInString(text[:end])
	tail := tailKey(text[:end])
	for _, ti := range e.suffixesOf(last) {
		if e.sfxInfo[ti].endsWith(text[:end], tail) {
			buf = append(buf, ti)
		}
	}
	return buf
}

// sfxGroup is the suffix words, of those that end with one rune, that
// may end a text whose last six bytes are key: the words of six bytes
// or more that end with them and the shorter ones, longest first.
type sfxGroup struct {
	key   uint64
	terms []int
}

// sixBytes masks a tail key to its last six bytes.
const sixBytes = 1<<48 - 1

// groupSuffixes returns the groups of terms, which end with one rune,
// longest first, by their last six bytes; the last group, of key
// ^0 (no six bytes are), holds only the words shorter than six bytes.
func (e *Entities) groupSuffixes(terms []int) []sfxGroup {
	var gs []sfxGroup
	for _, ti := range terms {
		st := &e.sfxInfo[ti]
		if key := st.tail & sixBytes; len(st.word) >= 6 && !slices.ContainsFunc(gs, func(g sfxGroup) bool { return g.key == key }) {
			gs = append(gs, sfxGroup{key: key})
		}
	}
	gs = append(gs, sfxGroup{key: ^uint64(0)})
	for i := range gs {
		for _, ti := range terms {
			if st := &e.sfxInfo[ti]; len(st.word) < 6 || st.tail&sixBytes == gs[i].key {
				gs[i].terms = append(gs[i].terms, ti)
			}
		}
	}
	return gs
}

// suffixesEnding returns the suffix words that may end a text of n
// bytes that ends with the rune last and has the tail key tail, longest
// first, as indexes into sfxInfo: of those of suffixesOf(last), the
// words of six bytes or more whose last six bytes are the text's, and
// the shorter ones.
func (e *Entities) suffixesEnding(last rune, tail uint64, n int) []int {
	k := e.sfxSlots.slot(last)
	if k < 0 || n < 6 {
		return e.suffixesOf(last)
	}
	gs := e.sfxByLast2[k]
	key := tail & sixBytes
	for i := range gs[:len(gs)-1] {
		if gs[i].key == key {
			return gs[i].terms
		}
	}
	return gs[len(gs)-1].terms
}

// suffixesOf returns the suffix words that end with the rune last,
// longest first, as indexes into sfxInfo.
func (e *Entities) suffixesOf(last rune) []int {
	if k := e.sfxSlots.slot(last); k >= 0 {
		return e.sfxByLast[k]
	} else if last >= 1<<16 {
		return e.sfxWide[last]
	}
	return nil
}

// sfxEnd is where a rune that may end a suffix word ends, in a sentence,
// and that rune.
type sfxEnd struct {
	end  int
	last rune
}

func reverse(s string) string {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return string(rs)
}
