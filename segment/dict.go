package segment

import (
	_ "embed"
	"fmt"
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

// index builds the index of the whole lexicon.
func (lex *lexicon) index() (*index, error) {
	// Keys have about 1.4 transitions each outside bmp (815,000 for
	// 587,000 keys).
	edges := (lex.base.Len() + len(lex.domain)) * 3 / 2
	for {
		ix := newIndex(lex.total, lex.tags, edges, true)
		ok := true
		for _, e := range lex.domain {
			ok = ok && ix.add([]byte(e.Key), e.Freq, e.Pos)
		}
		err := lex.base.Each(func(key []byte, freq uint64, pos string) {
			ok = ok && ix.add(key, freq, pos)
		})
		if err != nil {
			return nil, fmt.Errorf("segment: embedded dictionary: %w", err)
		}
		if ok {
			ix.ends = nil
			return ix, nil
		}
		edges *= 2
	}
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
