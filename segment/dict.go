package segment

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"

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
	return newLexicon(base, domain), nil
}

func newLexicon(base *dictfile.Dict, domain []dictfile.Entry) *lexicon {
	lex := &lexicon{base: base, domain: domain, total: base.Total}
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
	return dictfile.Sorted(es)
}

// newGse returns an empty gse segmenter set up as the reference one is
// for Segment.
func newGse(capacity int) *gse.Segmenter {
	g := &gse.Segmenter{SkipLog: true, MinTokenFreq: 2}
	g.Dict = gse.NewDict()
	g.Dict.Tokens = make([]gse.Token, 0, capacity)
	return g
}

// full builds gse's dictionary from the whole lexicon.
func (lex *lexicon) full() (*gse.Segmenter, error) {
	g := newGse(len(lex.domain) + lex.base.Len())
	for _, e := range lex.domain {
		g.Dict.AddToken(g.ToToken(e.Key, float64(e.Freq), e.Pos))
	}
	err := lex.base.Each(func(key []byte, freq uint64, pos string) {
		// AddToken skips the words the domain dictionary has.
		g.Dict.AddToken(g.ToToken(string(key), float64(freq), pos))
	})
	if err != nil {
		return nil, fmt.Errorf("segment: embedded dictionary: %w", err)
	}
	if g.Dict.TotalFreq() != float64(lex.total) {
		return nil, fmt.Errorf("segment: embedded dictionary: total frequency %v, want %d", g.Dict.TotalFreq(), lex.total)
	}
	g.CalcToken()
	return g, nil
}

// subset builds a gse segmenter that cuts the given spans of text exactly
// as the full one does, with a dictionary of only the words that occur in
// them.
//
// gse's Segment splits a text into "words" (a CJK character, a run of
// ASCII letters and digits lowered to lower case, a punctuation mark …)
// and finds, at each word, the dictionary entries that are the following
// words joined; it then picks the path of least total distance, where an
// entry's distance is log2(total frequency) − log2(its frequency). Given
// every entry that occurs in the text, with the same frequencies, and the
// same total frequency, it computes the same distances, finds the same
// entries at every word, and so picks the same path. The total is kept by
// one extra entry, whose key occurs nowhere in the text, carrying the
// frequency of all the words left out.
func (lex *lexicon) subset(text string, spans []Span) *gse.Segmenter {
	domainIdx, baseIdx := lex.words(text, spans)
	g := newGse(len(domainIdx) + len(baseIdx) + 1)
	for _, i := range domainIdx {
		e := lex.domain[i]
		g.Dict.AddToken(g.ToToken(e.Key, float64(e.Freq), e.Pos))
	}
	for _, i := range baseIdx {
		e := lex.base.Entry(i)
		g.Dict.AddToken(g.ToToken(e.Key, float64(e.Freq), e.Pos)) // skipped if in domain
	}
	// The rest of the total frequency, under a key of U+0001 characters
	// (one gse word each, never part of a dictionary word) longer than any
	// run of them in text.
	run, longest := 0, 0
	for i := 0; i < len(text); i++ {
		if text[i] == 1 {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	rest := float64(lex.total) - g.Dict.TotalFreq()
	g.Dict.AddToken(g.ToToken(strings.Repeat("\x01", longest+1), rest, "x"))
	g.CalcToken()
	return g
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
		// gse's words for s, as byte boundaries into low.
		low = append(low[:0], s...)
		for i, c := range low {
			if 'A' <= c && c <= 'Z' {
				low[i] = c + 'a' - 'A'
			}
		}
		bounds = append(bounds[:0], 0)
		for _, w := range gse.SplitWords([]byte(s)) {
			bounds = append(bounds, bounds[len(bounds)-1]+len(w))
		}
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
