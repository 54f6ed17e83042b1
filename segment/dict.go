package segment

import (
	_ "embed"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/go-ego/gse"

	"github.com/baogao/baogao/segment/internal/dictfile"
)

//go:generate go run ./internal/gendict -o dict/gse-zh.bgdict

// baseDict is gse's embedded Chinese dictionary (zh_s then zh_t, as
// LoadDictEmbed reads it) in the compact form of package dictfile,
// written by internal/gendict.
//
//go:embed dict/gse-zh.bgdict
var baseDict []byte

// domainDict is the project's dictionary, in gse's format "word freq pos"
// with whole-number frequencies; lines starting with "#" are comments.
//
//go:embed dict/domain.txt
var domainDict string

// lexicon is the merged dictionary: domain words first, then gse's words
// that the domain dictionary does not have, as gse itself would merge them
// when the domain dictionary is loaded before its own (gse keeps the first
// entry of a word).
type lexicon struct {
	base   *dictfile.Dict
	domain []dictfile.Entry // sorted by key
	total  uint64           // gse's total frequency of the merged dictionary
	tags   *tagTable        // every part-of-speech tag, and "x"
}

func loadLexicon() (*lexicon, error) {
	base, err := dictfile.Open(baseDict)
	if err != nil {
		return nil, fmt.Errorf("segment: embedded dictionary: %w", err)
	}
	domain, err := parseDomain(domainSource(domainDict))
	if err != nil {
		return nil, fmt.Errorf("segment: dict/domain.txt: %w", err)
	}
	lex := newLexicon(base, domain)
	if n := len(lex.tags.names); n > maxTags {
		return nil, fmt.Errorf("segment: %d part-of-speech tags, more than %d", n, maxTags)
	}
	return lex, nil
}

func newLexicon(base *dictfile.Dict, domain []dictfile.Entry) *lexicon {
	tags := slices.Clone(base.Tags())
	for _, e := range domain {
		tags = append(tags, e.Pos)
	}
	lex := &lexicon{base: base, domain: domain, total: base.Total, tags: newTagTable(tags...)}
	for _, e := range domain {
		lex.total += e.Freq
		if lo, _, exact := base.Narrow(0, base.Len(), []byte(e.Key)); exact {
			lex.total -= base.Entry(lo).Freq // gse skips its own entry
		}
	}
	return lex
}

// domainSource drops the comment lines of a domain dictionary, leaving
// what gse reads.
func domainSource(src string) string {
	var b strings.Builder
	for line := range strings.Lines(src) {
		if !strings.HasPrefix(line, "#") {
			b.WriteString(line)
		}
	}
	return b.String()
}

// parseDomain reads a dictionary in gse's format with gse's own parser, so
// that lines are taken or skipped, and frequencies adjusted, as gse does.
func parseDomain(src string) ([]dictfile.Entry, error) {
	g := &gse.Segmenter{SkipLog: true, MinTokenFreq: 2}
	g.Dict = gse.NewDict() // so that LoadDictStr does not load gse's HMM model
	if err := g.LoadDictStr(src); err != nil {
		return nil, err
	}
	es, err := dictfile.Entries(g)
	if err != nil {
		return nil, err
	}
	for _, e := range es {
		if e.Key == "" {
			return nil, fmt.Errorf("a line has no word")
		}
	}
	return dictfile.Sorted(es)
}

// index builds the index of the whole lexicon. A run's workers wait for
// it, so it takes two goroutines: one decodes the keys into their paths
// down the trie, numbering the words of many characters as add would, and
// one puts the paths into the table, whose cache misses are most of the
// time (190 ms in one goroutine, 90 ms in two). The keys go in the order
// add would take them, so that the index is the same.
func (lex *lexicon) index() (*index, error) {
	// Keys have about 1.4 transitions each outside bmp (815,000 for
	// 587,000 keys).
	edges := (lex.base.Len() + len(lex.domain)) * 3 / 2
	for {
		ix, err := lex.indexOfSize(edges)
		if ix != nil || err != nil {
			return ix, err
		}
		edges *= 2
	}
}

// indexOfSize builds the index of the whole lexicon in a table for edges
// transitions, or returns nil if they do not fit.
func (lex *lexicon) indexOfSize(edges int) (*index, error) {
	runs := map[string]uint32{}
	// Batches go back to the decoder once added, so that a few serve.
	batches, free := make(chan *keyBatch, 4), make(chan *keyBatch, 8)
	var decodeErr error
	go func() {
		defer close(batches)
		decodeErr = lex.keyBatches(logTotal(lex.total), runs, batches, free)
	}()
	ix := newIndex(lex.total, lex.tags, edges, true)
	fits := true
	for b := range batches {
		fits = fits && ix.addBatch(b) // once full, the rest is only drained
		select {
		case free <- b:
		default:
		}
	}
	if decodeErr != nil {
		return nil, fmt.Errorf("segment: embedded dictionary: %w", decodeErr)
	}
	if !fits {
		return nil, nil
	}
	ix.runs, ix.ends, ix.syms = runs, nil, nil
	return ix, nil
}

// keyBatch holds keys of the lexicon as the symbols of their paths down
// the trie, with their word entries.
type keyBatch struct {
	syms  []uint32
	ends  []int32 // key i's symbols are syms[ends[i-1]:ends[i]], from 0
	words []entry
}

const keyBatchLen = 4096

// keyBatches sends the lexicon's keys, domain words first, in batches to
// out, numbering the words of many characters in runs. It takes the
// batches to fill from free when it has some.
func (lex *lexicon) keyBatches(logTotal float32, runs map[string]uint32, out chan<- *keyBatch, free <-chan *keyBatch) error {
	next := func() *keyBatch {
		select {
		case b := <-free:
			b.syms, b.ends, b.words = b.syms[:0], b.ends[:0], b.words[:0]
			return b
		default:
			// A key has about 2.5 words.
			return &keyBatch{
				syms:  make([]uint32, 0, 3*keyBatchLen),
				ends:  make([]int32, 0, keyBatchLen),
				words: make([]entry, 0, keyBatchLen),
			}
		}
	}
	b := next()
	var ends []int
	// Nearly every word of gse's dictionary is rarer than 1024 in its
	// total: their distances, one logarithm each, are worked out once.
	var dists [1024]float32
	for f := range dists {
		dists[f] = logTotal - float32(math.Log2(float64(f)))
	}
	add := func(key []byte, freq uint64, tag uint16) {
		b.syms, ends = keySymbols(b.syms, ends, key, runs)
		b.ends = append(b.ends, int32(len(b.syms)))
		var dist float32
		if freq < uint64(len(dists)) {
			dist = dists[freq]
		} else {
			dist = logTotal - float32(math.Log2(float64(freq)))
		}
		b.words = append(b.words, wordEntry(dist, tag))
		if len(b.words) == keyBatchLen {
			out <- b
			b = next()
		}
	}
	// The lexicon's tags include every tag.
	for _, e := range lex.domain {
		add([]byte(e.Key), e.Freq, lex.tags.num[e.Pos])
	}
	tags := make([]uint16, len(lex.base.Tags()))
	for i, name := range lex.base.Tags() {
		tags[i] = lex.tags.num[name]
	}
	err := lex.base.EachTagged(func(key []byte, freq uint64, tag int) { add(key, freq, tags[tag]) })
	if len(b.words) > 0 {
		out <- b
	}
	return err
}

// addBatch adds the keys of b to the index; see add.
func (ix *index) addBatch(b *keyBatch) bool {
	start := int32(0)
	for i, end := range b.ends {
		if !ix.addSymbols(b.syms[start:end], b.words[i]) {
			return false
		}
		start = end
	}
	return true
}

// subset builds the index of the words of the lexicon that occur in the
// given spans of text. It cuts them as the index of the whole lexicon
// does: gse, at each word of a text, looks only at the dictionary words
// made of the words that follow, and the distance of each depends only on
// its frequency and the total frequency, which stays the lexicon's.
func (lex *lexicon) subset(text string, spans []Span) *index {
	domainIdx, baseIdx := lex.words(text, spans)
	es := make([]dictfile.Entry, 0, len(domainIdx)+len(baseIdx))
	for _, i := range domainIdx {
		es = append(es, lex.domain[i])
	}
	for _, i := range baseIdx {
		es = append(es, lex.base.Entry(i))
	}
	// A key has at most a transition per character.
	edges := 0
	for _, e := range es {
		edges += utf8.RuneCountInString(e.Key)
	}
	ix := newIndex(lex.total, lex.tags, edges, false)
	for _, e := range es {
		ix.add([]byte(e.Key), e.Freq, e.Pos)
	}
	ix.ends = nil
	return ix
}

// words returns the indices of the domain and base entries whose keys
// occur in the given spans of text as a run of gse's words, sorted.
func (lex *lexicon) words(text string, spans []Span) (domainIdx, baseIdx []int) {
	var low []byte
	var bounds []int
	// Texts repeat themselves: remember the range of each prefix.
	type found struct {
		lo, hi int
		exact  bool
	}
	memo := map[string]found{}
	for _, sp := range spans {
		s := text[sp.Start:sp.End]
		// gse's words of s, as byte boundaries into low.
		low = lowerASCII(low[:0], s)
		bounds = wordEnds(append(bounds[:0], 0), s)
		for i := 0; i+1 < len(bounds); i++ {
			blo, bhi := 0, lex.base.Len()
			dlo, dhi := 0, len(lex.domain)
			for j := i + 1; j < len(bounds) && (blo < bhi || dlo < dhi); j++ {
				p := low[bounds[i]:bounds[j]]
				var exact bool
				if blo < bhi {
					f, ok := memo[string(p)]
					if !ok {
						f.lo, f.hi, f.exact = lex.base.Narrow(blo, bhi, p)
						memo[string(p)] = f
					}
					if blo, bhi = f.lo, f.hi; f.exact {
						baseIdx = append(baseIdx, blo)
					}
				}
				if dlo < dhi {
					if dlo, dhi, exact = narrow(lex.domain, dlo, dhi, p); exact {
						domainIdx = append(domainIdx, dlo)
					}
				}
			}
		}
	}
	slices.Sort(baseIdx)
	slices.Sort(domainIdx)
	return slices.Compact(domainIdx), slices.Compact(baseIdx)
}

// narrow is dictfile.Dict.Narrow for a sorted slice of entries.
func narrow(es []dictfile.Entry, lo, hi int, prefix []byte) (nlo, nhi int, exact bool) {
	p := string(prefix)
	nlo = lo + sort.Search(hi-lo, func(i int) bool { return es[lo+i].Key >= p })
	nhi = nlo + sort.Search(hi-nlo, func(i int) bool { return !strings.HasPrefix(es[nlo+i].Key, p) })
	exact = nlo < nhi && es[nlo].Key == p
	return nlo, nhi, exact
}
